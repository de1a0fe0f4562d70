// --write: the chosen candidate written into each dialect through the fix expressers; exact output, and the
// result lints clean (no error or warning).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import '../../server/src/register';
import { lintText } from '../../server/src/engine';
import { insertEndpoint, writeEndpoint, type Endpoint } from '../../server/src/discover/write';
import { prefillFor, hostDomain } from '../../server/src/discover/prefill';

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

const TIMEOUTS = ['connectiontimeout', 'timeout', 'writetimeout'];
const inserts: { name: string; file: string; input: string; ep: Endpoint; output: string }[] = [
  { name: '.env, implicit TLS', file: '.env', input: 'APP_NAME=demo', ep: IMPLICIT, output: 'APP_NAME=demo\n\nSMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=true\nSMTP_USER=me@example.com\n' },
  { name: 'empty .env, STARTTLS', file: '.env', input: '', ep: STARTTLS, output: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=false\nSMTP_REQUIRE_TLS=true\nSMTP_USER=me@example.com\n' },
  {
    name: 'Spring application.properties, STARTTLS',
    file: 'application.properties',
    input: 'server.port=8080\n',
    ep: STARTTLS,
    output: `server.port=8080\n\nspring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.username=me@example.com\n${TIMEOUTS.map((t) => `spring.mail.properties.mail.smtp.${t}=10000\n`).join('')}spring.mail.properties.mail.smtp.starttls.enable=true\nspring.mail.properties.mail.smtp.starttls.required=true\n`,
  },
  {
    name: 'Spring application.yml, implicit TLS',
    file: 'application.yml',
    input: 'server:\n  port: 8080\n',
    ep: IMPLICIT,
    output: `server:\n  port: 8080\n\nspring:\n  mail:\n    host: smtp.example.com\n    port: 465\n    username: me@example.com\n${TIMEOUTS.map((t) => `    properties.mail.smtp.${t}: 10000\n`).join('')}    properties.mail.smtp.ssl.enable: true\n`,
  },
];

describe('insertEndpoint (a file without a configuration gets a complete one)', () => {
  for (const c of inserts) {
    it(c.name, () => {
      const r = insertEndpoint(c.file, c.input, c.ep, 'me@example.com');
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.equal(r.text, c.output);
      assert.deepEqual(lintText(c.file, r.text).findings.map((f) => `${f.ruleId}: ${f.message}`), [], 'lints clean');
    });
  }

  it('refuses where no complete configuration can be written', () => {
    const js = insertEndpoint('app.js', 'console.log(1);\n', IMPLICIT);
    assert.ok(!js.ok && /no complete one can be inserted/.test(js.message));
    const spring = insertEndpoint('application.yml', 'spring:\n  application:\n    name: x\n', IMPLICIT);
    assert.ok(!spring.ok, 'a second top-level spring: key would be a duplicate');
  });
});

describe('prefillFor (the address Find SMTP Settings proposes)', () => {
  const cfgOf = (file: string, text: string) => lintText(file, text).read!.configs[0];
  it('the login when it is an address, else the sender address, else the domain of the host', () => {
    const t = 'SMTP_HOST=smtp.mail.example.org\nSMTP_USER=me@example.com\n';
    assert.deepEqual(prefillFor(cfgOf('.env', t), { host: 'smtp.mail.example.org', user: 'me@example.com' }), { address: 'me@example.com', source: 'user' });
    const laravel = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.sendgrid.net\nMAIL_USERNAME=apikey\nMAIL_FROM_ADDRESS="Shop <news@shop.example>"\n';
    const r = lintText('.env', laravel).read!;
    assert.deepEqual(prefillFor(r.configs[0], { host: 'smtp.sendgrid.net', user: 'apikey' }, r.envVars), { address: 'news@shop.example', source: 'from' });
    assert.deepEqual(prefillFor(cfgOf('.env', t), { host: 'smtp.mail.example.org' }), { address: 'mail.example.org', source: 'host' });
  });
  it('local and internal hosts, IP addresses: no proposal', () => {
    for (const h of ['localhost', 'mailpit', '127.0.0.1', '10.0.0.5', 'smtp.corp.internal', undefined]) assert.equal(hostDomain(h), undefined, String(h));
    assert.equal(hostDomain('example.com'), 'example.com');
  });
});
