// One finding per problem across files (issue 12): code or YAML that only reads back an env variable which the env
// file itself reads as the same library's setting is an echo (EnvValue.readAs, engine.ts echoFields): the env file
// reports the problem at the value, where the fix goes, and the reading site stays silent. Where the reading code
// gives the variable its own meaning, or writes part of the problem itself, the reading site still reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, type Case } from './ruleTester';

/** Findings of `ruleId` in the reading file and in its .env (linted on its own, as the CLI and the server do). */
function both(ruleId: string, c: Case & { files: Record<string, string> }) {
  const reading = findingsOf(ruleId, c).mine;
  const env = findingsOf(ruleId, { file: '.env', code: c.files['.env'] }).mine;
  return { reading, env };
}

const DJANGO_ENV = 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=465\nEMAIL_USE_TLS=True\nEMAIL_HOST_USER=app\n';
const SETTINGS =
  "import os\nEMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\nEMAIL_HOST = os.environ.get('EMAIL_HOST')\n" +
  "EMAIL_PORT = int(os.environ.get('EMAIL_PORT', 587))\nEMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS', 'True') == 'True'\n" +
  "EMAIL_HOST_USER = os.environ.get('EMAIL_HOST_USER')\nEMAIL_TIMEOUT = 10\n";

test('Django: .env EMAIL_PORT=465 + EMAIL_USE_TLS=True read back by settings.py is reported once, in the .env', () => {
  const c = { file: 'proj/settings.py', code: SETTINGS, files: { '.env': DJANGO_ENV } };
  const { reading, env } = both('implicit-tls-port-without-tls', c);
  assert.equal(env.length, 1, 'the .env reports the port/mode mismatch');
  assert.deepEqual(reading, []);
  assert.deepEqual(findingsOf('cross-file-port-mode-mismatch', c).mine, [], 'settings.py does not echo it as a cross-file finding');
});

test('Django: a TLS switch written in settings.py is still reported there (it is the culprit)', () => {
  const code = SETTINGS.replace("os.environ.get('EMAIL_USE_TLS', 'True') == 'True'", 'True');
  const r = findingsOf('cross-file-port-mode-mismatch', { file: 'proj/settings.py', code, files: { '.env': DJANGO_ENV } }).mine;
  assert.equal(r.length, 1);
  assert.match(r[0].message, /EMAIL_USE_TLS = True is written here/);
});

test('Django settings.py reading a port the .env reads as another library (nodemailer) still reports', () => {
  const code = "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = int(os.environ.get('SMTP_PORT', 587))\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n";
  const r = findingsOf('cross-file-port-mode-mismatch', { file: 'proj/settings.py', code, files: { '.env': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n' } }).mine;
  assert.equal(r.length, 1);
});

test("Laravel: 'url' => env('MAIL_URL') is reported in the .env only", () => {
  const php = "<?php\nreturn [\n    'default' => env('MAIL_MAILER', 'smtp'),\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n            'url' => env('MAIL_URL'),\n        ],\n    ],\n];\n";
  const c = { file: 'config/mail.php', code: php, files: { '.env': 'MAIL_MAILER=smtp\nMAIL_URL=smtp://app@smtp.example.com:587?encryption=tls\n' } };
  const { reading, env } = both('symfony-dsn-unknown-option', c);
  assert.equal(env.length, 1);
  assert.deepEqual(reading, []);
});

test('compose: MAILER_DSN: ${MAILER_DSN} is reported in the .env only', () => {
  const yml = 'services:\n  app:\n    build: .\n    environment:\n      MAILER_DSN: ${MAILER_DSN}\n';
  const c = { file: 'docker-compose.yml', code: yml, files: { '.env': 'MAILER_DSN=smtp://app@smtp.example.com:465?verify_peer=0\n' } };
  const { reading, env } = both('tls-verification-disabled', c);
  assert.equal(env.length, 1);
  assert.deepEqual(reading, []);
});

test('compose: a DSN written in the compose file is reported there', () => {
  const yml = 'services:\n  app:\n    build: .\n    environment:\n      MAILER_DSN: smtp://app@smtp.example.com:465?verify_peer=0\n';
  assert.equal(findingsOf('tls-verification-disabled', { file: 'docker-compose.yml', code: yml, files: { '.env': 'OTHER=1\n' } }).mine.length, 1);
});

// settings.py handing the variable's text to the setting as is (no cast): Django tests `if self.use_ssl`, so the
// string "False" is true. That read is not the .env's reading (no echo), and the mode follows the string's truth
// value, not the word (semantics/values 'python-str').
const RAW_SSL_SETTINGS =
  "import os\nEMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 465\n" +
  "EMAIL_USE_SSL = os.getenv('EMAIL_USE_SSL', False)\nEMAIL_HOST_USER = 'app'\nEMAIL_TIMEOUT = 10\n";

test('Django: EMAIL_USE_SSL read raw from a .env saying False is truthy: env-string-as-boolean in settings.py, no plaintext-greeting error there', () => {
  const c = { file: 'proj/settings.py', code: RAW_SSL_SETTINGS, files: { '.env': 'EMAIL_USE_SSL=False\nEMAIL_PORT=465\n' } };
  const raw = findingsOf('env-string-as-boolean', c).mine;
  assert.equal(raw.length, 1, 'the raw read is reported in settings.py (not an echo of the .env)');
  assert.match(raw[0].message, /EMAIL_USE_SSL=False, so implicit TLS is on/);
  assert.deepEqual(findingsOf('implicit-tls-port-without-tls', c).mine, [], 'the string "False" turns implicit TLS on: no hang on 465');
});

test('Django: the same read with the variable unset takes the boolean default False: the plaintext-greeting error stays', () => {
  const r = findingsOf('implicit-tls-port-without-tls', { file: 'proj/settings.py', code: RAW_SSL_SETTINGS, files: { '.env': 'EMAIL_HOST=smtp.example.com\n' } }).mine;
  assert.equal(r.length, 1);
});
