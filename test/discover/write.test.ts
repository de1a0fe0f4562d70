// --write: the chosen candidate written into each dialect through the fix expressers; exact output, and the
// result lints clean (no error or warning).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import '../../server/src/register';
import { lintText } from '../../server/src/engine';
import { writeEndpoint, type Endpoint } from '../../server/src/discover/write';

const IMPLICIT: Endpoint = { host: 'smtp.example.com', port: 465, tls: 'implicit' };
const STARTTLS: Endpoint = { host: 'smtp.example.com', port: 587, tls: 'starttls' };

const NODEMAILER = `const nodemailer = require('nodemailer');
const transport = nodemailer.createTransport({
  host: 'mail.old.example',
  port: 25,
  secure: false,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});
`;
const GENERIC = 'SMTP_HOST=mail.old.example\nSMTP_PORT=25\nSMTP_SECURE=false\nSMTP_USER=me@example.com\nSMTP_PASS=\n';
const LARAVEL = 'MAIL_MAILER=smtp\nMAIL_HOST=mail.old.example\nMAIL_PORT=25\nMAIL_USERNAME=me@example.com\nMAIL_PASSWORD=\n';
const DJANGO = 'EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend\nEMAIL_HOST=mail.old.example\nEMAIL_PORT=25\nEMAIL_HOST_USER=me@example.com\nEMAIL_TIMEOUT=10\n';
const SYMFONY = 'MAILER_DSN=smtp://user:pass@mail.old.example:25\n';
const COMPOSE = 'services:\n  app:\n    image: app\n    environment:\n      SMTP_HOST: mail.old.example\n      SMTP_PORT: 25\n      SMTP_USER: me@example.com\n';
const SPRING = 'spring:\n  mail:\n    host: mail.old.example\n    port: 25\n    username: me@example.com\n    properties.mail.smtp.timeout: 10000\n';

const cases: { name: string; file: string; input: string; ep: Endpoint; output: string }[] = [
  {
    name: 'nodemailer object, implicit TLS',
    file: 'mailer.js',
    input: NODEMAILER,
    ep: IMPLICIT,
    output: NODEMAILER.replace("'mail.old.example'", "'smtp.example.com'").replace('port: 25', 'port: 465').replace('secure: false', 'secure: true'),
  },
  {
    name: 'nodemailer object, STARTTLS made required',
    file: 'mailer.js',
    input: NODEMAILER,
    ep: STARTTLS,
    output: NODEMAILER.replace("'mail.old.example'", "'smtp.example.com'").replace('port: 25', 'port: 587').replace('secure: false,', 'secure: false,\n  requireTLS: true,'),
  },
  { name: 'generic .env, implicit TLS', file: '.env', input: GENERIC, ep: IMPLICIT, output: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=true\nSMTP_USER=me@example.com\nSMTP_PASS=\n' },
  { name: 'generic .env, STARTTLS', file: '.env', input: GENERIC, ep: STARTTLS, output: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=false\nSMTP_REQUIRE_TLS=true\nSMTP_USER=me@example.com\nSMTP_PASS=\n' },
  { name: 'Laravel .env, implicit TLS', file: '.env', input: LARAVEL, ep: IMPLICIT, output: LARAVEL.replace('mail.old.example', 'smtp.example.com').replace('MAIL_PORT=25', 'MAIL_PORT=465') },
  { name: 'Laravel .env, STARTTLS', file: '.env', input: LARAVEL, ep: STARTTLS, output: LARAVEL.replace('mail.old.example', 'smtp.example.com').replace('MAIL_PORT=25', 'MAIL_PORT=587') },
  {
    name: 'Django .env, implicit TLS',
    file: '.env',
    input: DJANGO,
    ep: IMPLICIT,
    output: DJANGO.replace('mail.old.example', 'smtp.example.com').replace('EMAIL_PORT=25\n', 'EMAIL_PORT=465\nEMAIL_USE_SSL=True\n'),
  },
  {
    name: 'Django .env, STARTTLS',
    file: '.env',
    input: DJANGO,
    ep: STARTTLS,
    output: DJANGO.replace('mail.old.example', 'smtp.example.com').replace('EMAIL_PORT=25\n', 'EMAIL_PORT=587\nEMAIL_USE_TLS=True\n'),
  },
  { name: 'Symfony DSN, implicit TLS', file: '.env', input: SYMFONY, ep: IMPLICIT, output: 'MAILER_DSN=smtps://user:pass@smtp.example.com:465\n' },
  { name: 'Symfony DSN, STARTTLS', file: '.env', input: SYMFONY, ep: STARTTLS, output: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?require_tls=true\n' },
  { name: 'compose, implicit TLS (465 alone means implicit TLS to nodemailer)', file: 'docker-compose.yml', input: COMPOSE, ep: IMPLICIT, output: COMPOSE.replace('mail.old.example', 'smtp.example.com').replace('SMTP_PORT: 25', 'SMTP_PORT: 465') },
  {
    name: 'compose, STARTTLS',
    file: 'docker-compose.yml',
    input: COMPOSE,
    ep: STARTTLS,
    output: COMPOSE.replace('mail.old.example', 'smtp.example.com').replace('SMTP_PORT: 25\n', 'SMTP_PORT: 587\n      SMTP_REQUIRE_TLS: "true"\n'),
  },
  {
    name: 'Spring YAML, implicit TLS',
    file: 'application.yml',
    input: SPRING,
    ep: IMPLICIT,
    output: SPRING.replace('mail.old.example', 'smtp.example.com').replace('port: 25', 'port: 465') + '    properties.mail.smtp.ssl.enable: true\n',
  },
  {
    name: 'Spring YAML, STARTTLS',
    file: 'application.yml',
    input: SPRING,
    ep: STARTTLS,
    output: SPRING.replace('mail.old.example', 'smtp.example.com').replace('port: 25', 'port: 587') + '    properties.mail.smtp.starttls.enable: true\n    properties.mail.smtp.starttls.required: true\n',
  },
];

describe('writeEndpoint', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = writeEndpoint(c.file, c.input, c.ep);
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.equal(r.text, c.output);
      const again = lintText(c.file, r.text);
      assert.deepEqual(
        again.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}: ${f.message}`),
        [],
      );
      // Writing the same endpoint again changes nothing.
      const twice = writeEndpoint(c.file, r.text, c.ep);
      assert.ok(twice.ok && twice.text === r.text);
    });
  }

  it('says why when there is nothing to write into, or the host is not written in the file', () => {
    const none = writeEndpoint('.env', 'APP_NAME=x\n', IMPLICIT);
    assert.ok(!none.ok && /no SMTP configuration found/.test(none.message));
    const fromEnv = writeEndpoint('mailer.js', "require('nodemailer').createTransport({ host: process.env.SMTP_HOST, port: 465, secure: true });\n", IMPLICIT);
    assert.ok(!fromEnv.ok && /cannot write host smtp\.example\.com/.test(fromEnv.message), fromEnv.ok ? fromEnv.text : fromEnv.message);
  });
});
