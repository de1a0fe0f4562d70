// Issue 11: what a value means is decided in server/src/semantics only. Semantics imports no reader or rule;
// readers, rules and fix expressers ask semantics instead of comparing value text themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findingsOf } from '../rules/ruleTester';
import { envReader } from '../../server/src/readers/env/index';
import { boolOf, parseBool, starttlsWord } from '../../server/src/semantics/values';
import { laravelEnvValue, laravelUnset } from '../../server/src/semantics/laravel';
import { phpBoolCast } from '../../server/src/semantics/phpmailer';
import { nodemailerUrlValue } from '../../server/src/semantics/nodemailer/effective';

const SRC = path.join(__dirname, '..', '..', 'server', 'src');
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}
const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');

test('semantics/ imports nothing from readers/, rules/, fixes/ or the adapters', () => {
  const bad: string[] = [];
  for (const f of tsFiles(path.join(SRC, 'semantics'))) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/from '((?:\.\.\/)+)(readers|rules|fixes|lsp|cli|probe)\b[^']*'/g)) bad.push(`${rel(f)}: ${m[0]}`);
  }
  assert.deepEqual(bad, []);
});

test('readers, rules and fix expressers compare no boolean or host text themselves', () => {
  // Syntax keywords are not meanings: YAML's core-schema true/True/TRUE (readers/yaml/fast.ts) and PHP's true
  // literal (readers/php/evaluate.ts) stay where the syntax is read.
  const dirs = ['readers/dialects', 'readers/js', 'readers/env', 'readers/ini', 'readers/properties', 'readers/python', 'rules', 'fixes', 'probe'];
  const pattern = /[!=]==? ?'(true|false|localhost)'|'(true|false|localhost)' ?[!=]==?|\.includes\(strOf\(|\['(nostarttls|never|none)'/;
  const bad: string[] = [];
  for (const d of dirs) {
    for (const f of tsFiles(path.join(SRC, d))) {
      fs.readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        if (pattern.test(line)) bad.push(`${rel(f)}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  assert.deepEqual(bad, []);
});

test("Mastodon compares SMTP_TLS with == 'true': rules read the field the way the reader's effective model does", () => {
  // config/environments/production.rb: tls: ENV['SMTP_TLS'].presence && ENV['SMTP_TLS'] == 'true'
  const text = 'SMTP_SERVER=smtp.example.com\nSMTP_PORT=587\nSMTP_LOGIN=me\nSMTP_TLS=yes\nSMTP_ENABLE_STARTTLS=always\n';
  const cfg = envReader.read('/p/.env.production', text, {}).configs[0];
  assert.equal(cfg.dialect, 'mastodon');
  assert.equal(cfg.effective.tlsMode, 'starttls-required');
  assert.equal(boolOf(cfg.implicitTls, cfg.dialect), false);
  assert.deepEqual(findingsOf('starttls-port-with-implicit-tls', { file: '.env.production', code: text }).mine, []);
  assert.deepEqual(findingsOf('conflicting-tls-flags', { file: '.env.production', code: text }).mine, []);
  assert.equal(parseBool('True', 'ruby-eq-true'), false);
  assert.equal(parseBool('true', 'ruby-eq-true'), true);
  // enable_starttls_auto = ENV['SMTP_ENABLE_STARTTLS_AUTO'] != 'false'
  assert.equal(parseBool('', 'ruby-ne-false'), true);
  assert.equal(parseBool('False', 'ruby-ne-false'), true);
  assert.equal(parseBool('false', 'ruby-ne-false'), false);
});

test("Laravel env() words and PHP's (bool) cast are each written once", () => {
  assert.equal(laravelEnvValue('(null)'), null);
  assert.equal(laravelEnvValue('Empty'), '');
  assert.equal(laravelEnvValue('(TRUE)'), true);
  assert.equal(laravelEnvValue('tls'), 'tls');
  for (const w of ['(null)', 'empty', 'false', '(false)']) assert.equal(parseBool(w, 'laravel-env'), false, w);
  assert.equal(laravelUnset('(empty)'), true);
  assert.equal(laravelUnset('tls'), false);
  assert.equal(phpBoolCast('false'), true);
  assert.equal(phpBoolCast('0'), false);
  assert.equal(phpBoolCast(0), false);
  assert.equal(phpBoolCast(null), false);
});

test('nodemailer URL query values are typed in one place (JS reader, env URL fields, effective model)', () => {
  assert.equal(nodemailerUrlValue('true'), true);
  assert.equal(nodemailerUrlValue('False'), 'False');
  assert.equal(nodemailerUrlValue('465'), 465);
  assert.equal(starttlsWord('NoStartTLS'), 'off');
  assert.equal(starttlsWord('MandatoryStartTLS'), 'on');
  assert.equal(starttlsWord('true'), undefined);
  // ?tls.rejectUnauthorized=false from an env URL and from a JS URL both read as verification off
  const env = findingsOf('tls-verification-disabled', { file: '.env', code: 'SMTP_URL=smtp://me@smtp.example.com:587?tls.rejectUnauthorized=false\n' }).mine;
  const js = findingsOf('tls-verification-disabled', { file: 'src/m.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ url: 'smtp://me@smtp.example.com:587?tls.rejectUnauthorized=false' });\n" }).mine;
  assert.equal(env.length, 1);
  assert.equal(js.length, 1);
});
