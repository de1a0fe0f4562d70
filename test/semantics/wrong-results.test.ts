// Issue 11 "wrong results today": each case gave a wrong verdict before the semantics layer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../rules/ruleTester';

const ids = (c: Parameters<typeof findingsOf>[1]) => findingsOf('implicit-tls-port-without-tls', c).all.map((f) => `${f.ruleId}:${f.severity}`);

// nodemailer's own code decides (node_modules/nodemailer 10.6 dist/cjs/nodemailer.js createTransport: the parsed
// URL is merged over the object's keys, so its ?service wins; smtp-transport: options.service || urlData.service
// for options that reach the transport directly, as SMTP_* env values do). The rules and the effective model agree.
test('1. nodemailer service with a URL ?service: rules and effective model agree', () => {
  const code = "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ service: 'gmail', url: 'smtp://smtp.example.com:587?service=Outlook365' });\n";
  const r = findingsOf('implicit-tls-port-without-tls', { file: 'src/mailer.ts', code });
  assert.deepEqual(r.mine, [], r.mine.map((f) => f.message).join('\n'));
  // env: SMTP_SERVICE (an option) wins over the URL's ?service
  const env = findingsOf('implicit-tls-port-without-tls', { file: '.env', code: 'SMTP_SERVICE=gmail\nSMTP_URL=smtp://smtp.example.com:587?service=Outlook365\n' });
  assert.deepEqual(env.mine, []);
});

test('2. placeholder secrets are placeholders in every format', () => {
  const js = (pass: string) => findingsOf('hardcoded-smtp-credentials', { file: 'src/mailer.ts', code: `import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, auth: { user: 'me', pass: '${pass}' } });\n` }).mine;
  assert.deepEqual(js('{{SMTP_PASS}}'), []);
  assert.deepEqual(js('your_app_password'), []);
  const url = findingsOf('hardcoded-smtp-credentials', { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport('smtp://me:{{SMTP_PASS}}@smtp.example.com:587');\n" }).mine;
  assert.deepEqual(url, []);
  const compose = (pass: string) =>
    findingsOf('hardcoded-smtp-credentials', { file: 'docker-compose.yml', code: `services:\n  app:\n    image: app\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: "587"\n      SMTP_USER: me\n      SMTP_PASS: "${pass}"\n` }).mine;
  assert.deepEqual(compose('your_app_password'), []);
  assert.deepEqual(compose('{{SMTP_PASS}}'), []);
  // a real secret is still reported in both
  assert.equal(js('Zx81wqPlm2Tr').length, 1);
  assert.equal(compose('Zx81wqPlm2Tr').length, 1);
});

test('3. SMTP_SECURE=n on 465: one finding (not a boolean to the app), not two contradictory ones', () => {
  const all = ids({ file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=n\n' });
  assert.deepEqual(all, ['env-string-as-boolean:warning']);
});

test('4. an empty SMTP_HOST is not known, not localhost: verification off stays a warning', () => {
  const code = "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587, tls: { rejectUnauthorized: false } });\n";
  const r = findingsOf('tls-verification-disabled', { file: 'src/mailer.ts', code, files: { '.env.example': 'SMTP_HOST=\nSMTP_PORT=587\n' } });
  assert.equal(r.mine.length, 1);
  assert.equal(r.mine[0].severity, 'warning', r.mine[0].message);
  assert.doesNotMatch(r.mine[0].message, /localhost/);
  const env = findingsOf('tls-verification-disabled', { file: '.env.example', code: 'SMTP_HOST=\nSMTP_PORT=587\nSMTP_TLS_REJECT_UNAUTHORIZED=false\n' });
  assert.equal(env.mine[0]?.severity, 'warning');
  // a host written as local still lowers it
  const local = findingsOf('tls-verification-disabled', { file: '.env', code: 'SMTP_HOST=localhost\nSMTP_PORT=1025\nSMTP_TLS_REJECT_UNAUTHORIZED=false\n' });
  assert.notEqual(local.mine[0]?.severity, 'warning');
});
