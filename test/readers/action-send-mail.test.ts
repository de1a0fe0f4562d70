// GitHub Actions dawidd6/action-send-mail: the `with:` inputs read as the action hands them to nodemailer
// (semantics/action-send-mail.ts, from the action's main.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yamlReader } from '../../server/src/readers/yaml/index';
import { actionConnectionUrl, actionInputString, actionSecure, isActionSendMail } from '../../server/src/semantics/action-send-mail';
import type { SmtpConfig } from '../../server/src/model/types';

const FILE = '.github/workflows/notify.yml';
const wf = (uses: string, inputs: string) =>
  `on: push\njobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Mail\n        uses: ${uses}\n        with:\n${inputs
    .split('\n')
    .filter(Boolean)
    .map((l) => `          ${l}\n`)
    .join('')}          subject: Build \${{ job.status }}\n          to: team@example.com\n          from: CI <ci@example.com>\n`;
const only = (src: string): SmtpConfig => {
  const r = yamlReader.read(FILE, src, {});
  assert.equal(r.configs.length, 1, JSON.stringify(r.configs.map((c) => c.label)));
  return r.configs[0];
};

test('semantics: only the exact string "true" is true; secure unset follows the port input; default port 25', () => {
  assert.equal(isActionSendMail('dawidd6/action-send-mail@v3'), true);
  assert.equal(isActionSendMail('dawidd6/action-send-mail@2f3b9a0c1d'), true);
  assert.equal(isActionSendMail('someone/action-send-mail-fork@v1'), false);
  assert.equal(actionSecure('true', '587'), true);
  for (const s of ['yes', 'True', '1', 'on', 'false']) assert.equal(actionSecure(s, '465'), false, s);
  assert.equal(actionSecure(undefined, '465'), true);
  assert.equal(actionSecure('', '465'), true);
  assert.equal(actionSecure(undefined, '587'), false);
  assert.equal(actionSecure(undefined, undefined), false, 'the default port "25"');
  assert.equal(actionInputString('True', false), 'true', 'an unquoted YAML boolean becomes "true"');
  assert.equal(actionInputString('True', true), 'True', 'a quoted string is passed as written');
  assert.deepEqual(actionConnectionUrl('smtp+starttls://u:p@smtp.example.com'), { port: 465, secure: true, host: 'smtp.example.com' });
  assert.deepEqual(actionConnectionUrl('smtp://smtp.example.com:587'), { port: 587, secure: false, host: 'smtp.example.com' });
  assert.equal(actionConnectionUrl('smtps://smtp.example.com'), undefined, 'the action throws on other schemes');
});

test('with: inputs → one nodemailer config with sites on the inputs', () => {
  const src = wf('dawidd6/action-send-mail@v3', 'server_address: smtp.gmail.com\nserver_port: 465\nsecure: false\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}\nignore_cert: true');
  const c = only(src);
  assert.equal(c.dialect, 'action-send-mail');
  assert.equal(c.label, 'job notify step 2 (dawidd6/action-send-mail)');
  assert.equal(c.host?.value, 'smtp.gmail.com');
  assert.equal(c.port?.value, 465);
  assert.equal(c.implicitTls?.value, false);
  assert.equal(src.slice(c.implicitTls!.site.value.start, c.implicitTls!.site.value.end), 'false');
  assert.equal(c.verifyCert?.value, false, 'ignore_cert: true turns verification off');
  assert.equal(c.credentials.user?.kind, 'env');
  assert.equal(c.credentials.passwordIsLiteral, false);
  assert.equal(c.effective.tlsMode, 'starttls-opportunistic');
  assert.equal(c.effective.port, 465);
});

test('secure unset: implicit TLS exactly when server_port is "465"; unknown when the port is a secret', () => {
  assert.equal(only(wf('dawidd6/action-send-mail@v3', 'server_address: smtp.example.com\nserver_port: 465')).effective.tlsMode, 'implicit');
  assert.equal(only(wf('dawidd6/action-send-mail@v3', 'server_address: smtp.example.com\nserver_port: 587')).effective.tlsMode, 'starttls-opportunistic');
  const d = only(wf('dawidd6/action-send-mail@v3', 'server_address: smtp.example.com'));
  assert.equal(d.effective.port, 25, 'action.yml: server_port defaults to "25"');
  assert.equal(only(wf('dawidd6/action-send-mail@v3', 'server_address: ${{ secrets.SMTP_HOST }}\nserver_port: ${{ secrets.SMTP_PORT }}')).effective.tlsMode, 'unknown');
  // `secure: yes` is not "true": the action passes secure: false.
  const y = only(wf('dawidd6/action-send-mail@v3', 'server_address: smtp.example.com\nserver_port: 465\nsecure: yes'));
  assert.equal(y.implicitTls?.value, false);
  assert.equal(y.effective.tlsMode, 'starttls-opportunistic');
  // connection_url replaces the other inputs; smtp+starttls:// means implicit TLS on 465 for this action.
  assert.equal(only(wf('dawidd6/action-send-mail@v3', 'connection_url: smtp+starttls://u:${{ secrets.P }}@smtp.example.com')).effective.tlsMode, 'implicit');
});

test('other actions with the same input names, and steps without with:, are not read', () => {
  assert.equal(yamlReader.read(FILE, wf('someone/send-email@v1', 'server_address: smtp.example.com\nserver_port: 465\nsecure: false'), {}).configs.length, 0);
  assert.equal(yamlReader.read(FILE, 'jobs:\n  a:\n    steps:\n      - uses: dawidd6/action-send-mail@v3\n', {}).configs.length, 0);
});
