// A compose service's `environment:` (map or list) reaches the env reads of the code in its `build:` context
// (string or `context:`), as a .env file there would (issue 12/13): each language's env read, ranked below the env
// files of that folder, never the code of another folder. Without the compose file the same code is clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './ruleTester';
import { EnvIndex } from '../../server/src/engine';

const RULE = 'cross-file-port-mode-mismatch';
const SETTINGS = "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = int(os.environ.get('EMAIL_PORT', 587))\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n";
const PHP = "<?php\n$mail = new PHPMailer\\PHPMailer\\PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n$mail->Port = (int) getenv('SMTP_PORT');\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;\n";
const GO = 'package main\n\nimport (\n\t"os"\n\t"strconv"\n\n\t"gopkg.in/gomail.v2"\n)\n\nfunc send(user, pass string) {\n\tport, _ := strconv.Atoi(os.Getenv("SMTP_PORT"))\n\td := gomail.NewDialer("smtp.example.com", port, user, pass)\n\td.SSL = true\n\t_ = d\n}\n';
const JS = "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT),\n  secure: false,\n});\n";

const mine = (file: string, code: string, files: Record<string, string>) => findingsOf(RULE, { file, code, files }).mine;

test('build.context: the map form reaches Python os.environ in that folder; related points at the compose line', () => {
  const compose = 'services:\n  api:\n    build:\n      context: ./api\n    environment:\n      EMAIL_PORT: "465"\n';
  const r = mine('api/proj/settings.py', SETTINGS, { 'docker-compose.yml': compose });
  assert.equal(r.length, 1);
  assert.match(r[0].message, /EMAIL_PORT=465/);
  assert.deepEqual(r[0].related.map((x) => [x.ref.file, x.message]), [['/workspace/docker-compose.yml', 'EMAIL_PORT=465 is set here']]);
  assert.equal(mine('api/proj/settings.py', SETTINGS, {}).length, 0, 'clean without the compose file');
  assert.equal(mine('web/proj/settings.py', SETTINGS, { 'docker-compose.yml': compose }).length, 0, 'another folder does not see it');
});

test('build: string and the list form reach PHP getenv, Go os.Getenv and JS process.env', () => {
  const compose = 'services:\n  web:\n    build: ./web\n    environment:\n      - SMTP_PORT=465\n  worker:\n    build: ./worker\n    environment:\n      - SMTP_PORT=587\n';
  assert.equal(mine('web/mail.php', PHP, { 'compose.yaml': compose }).length, 1);
  assert.equal(mine('worker/mail.php', PHP, { 'compose.yaml': compose }).length, 0, '587 with STARTTLS is right');
  assert.equal(mine('worker/main.go', GO, { 'compose.yaml': compose }).length, 1, '587 with gomail SSL');
  assert.equal(mine('web/src/mailer.js', JS, { 'compose.yaml': compose }).length, 1);
});

test('build: {} without context is the compose folder; a remote context or no build feeds nothing', () => {
  const local = 'services:\n  web:\n    build: {dockerfile: Dockerfile}\n    environment:\n      SMTP_PORT: 465\n';
  assert.equal(mine('src/mail.php', PHP, { 'docker-compose.yml': local }).length, 1);
  const remote = 'services:\n  web:\n    build: https://github.com/example/web.git\n    environment:\n      SMTP_PORT: 465\n';
  assert.equal(mine('src/mail.php', PHP, { 'docker-compose.yml': remote }).length, 0);
  const image = 'services:\n  web:\n    image: example/web\n    environment:\n      SMTP_PORT: 465\n';
  assert.equal(mine('src/mail.php', PHP, { 'docker-compose.yml': image }).length, 0);
});

test('an env file of the build folder wins over the compose value; ${X} in compose resolves from the .env beside it', () => {
  const compose = 'services:\n  web:\n    build: ./web\n    environment:\n      SMTP_PORT: 465\n';
  const r = mine('web/mail.php', PHP, { 'docker-compose.yml': compose, 'web/.env': 'SMTP_PORT=587\n' });
  assert.equal(r.length, 0, 'web/.env says 587');
  const interp = 'services:\n  web:\n    build: ./web\n    environment:\n      SMTP_PORT: ${SMTP_PORT}\n';
  assert.equal(mine('web/mail.php', PHP, { 'docker-compose.yml': interp, '.env': 'SMTP_PORT=465\n' }).length, 1);
});

test('code that only reads back what the compose service sets, as the same library, is an echo: the compose file reports', () => {
  const compose = 'services:\n  api:\n    build: .\n    environment:\n      EMAIL_HOST: smtp.example.com\n      EMAIL_PORT: "465"\n      EMAIL_USE_TLS: "True"\n';
  const code = "import os\nEMAIL_HOST = os.environ['EMAIL_HOST']\nEMAIL_PORT = int(os.environ['EMAIL_PORT'])\nEMAIL_USE_TLS = os.environ['EMAIL_USE_TLS'] == 'True'\nEMAIL_TIMEOUT = 10\n";
  assert.deepEqual(findingsOf('cross-file-port-mode-mismatch', { file: 'proj/settings.py', code, files: { 'docker-compose.yml': compose } }).mine, []);
  assert.deepEqual(findingsOf('implicit-tls-port-without-tls', { file: 'proj/settings.py', code, files: { 'docker-compose.yml': compose } }).mine, []);
  assert.equal(findingsOf('implicit-tls-port-without-tls', { file: 'docker-compose.yml', code: compose }).mine.length, 1);
});

test('EnvIndex: a compose file set again replaces its scoped values everywhere; delete removes them', () => {
  const idx = new EnvIndex();
  const ref = { file: '/w/docker-compose.yml', span: { start: 0, end: 1 } };
  idx.set('/w/docker-compose.yml', { SMTP_PORT: { value: '465', ref, scope: '/w/a' } });
  assert.equal(idx.get('/w/a/x.php', 'SMTP_PORT')?.value, '465');
  idx.set('/w/docker-compose.yml', { SMTP_PORT: { value: '587', ref, scope: '/w/b' }, 'SMTP_PORT\u00001': { value: '25', ref, scope: '/w/c', name: 'SMTP_PORT' } });
  assert.equal(idx.get('/w/a/x.php', 'SMTP_PORT'), undefined);
  assert.equal(idx.get('/w/b/x.php', 'SMTP_PORT')?.value, '587');
  assert.equal(idx.get('/w/c/x.php', 'SMTP_PORT')?.value, '25');
  idx.delete('/w/docker-compose.yml');
  assert.equal(idx.get('/w/b/x.php', 'SMTP_PORT'), undefined);
  assert.equal(idx.get('/w/c/x.php', 'SMTP_PORT'), undefined);
});
