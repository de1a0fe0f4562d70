// semantics/mail-gem: the Ruby mail gem's TLS settings per release (mikel/mail smtp.rb at 2.7.1, 2.8.x, 2.9.1) and the
// Gemfile.lock version detector, end to end through the conflicting-tls-flags message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../../server/src/register';
import { lintText } from '../../server/src/engine';
import { findLibraryVersion } from '../../server/src/semantics/versions';
import { gemLockVersion, mailGemEffective, mailGemLine, rubyToI, starttlsConflict, verifyModeOn, type MailGemSettings } from '../../server/src/semantics/mail-gem';

const none: MailGemSettings = { host: 'smtp.example.com', port: 587, tls: 'absent', ssl: 'absent', enableStarttls: 'absent', enableStarttlsAuto: 'absent' };

test('effective mode: tls/ssl are implicit TLS; the STARTTLS flags; nothing set → :auto', () => {
  assert.equal(mailGemEffective(none).tlsMode, 'starttls-opportunistic');
  assert.equal(mailGemEffective({ ...none, tls: true }).tlsMode, 'implicit');
  assert.equal(mailGemEffective({ ...none, ssl: 'false' }).tlsMode, 'implicit', 'a String is truthy (mail ≥ 2.9)');
  assert.equal(mailGemEffective({ ...none, tls: false, ssl: null }).tlsMode, 'starttls-opportunistic');
  assert.equal(mailGemEffective({ ...none, enableStarttls: true }).tlsMode, 'starttls-required');
  assert.equal(mailGemEffective({ ...none, enableStarttls: { symbol: 'always' } }).tlsMode, 'starttls-required');
  assert.equal(mailGemEffective({ ...none, enableStarttls: { symbol: 'auto' } }).tlsMode, 'starttls-opportunistic');
  assert.equal(mailGemEffective({ ...none, enableStarttls: false }).tlsMode, 'none');
  assert.equal(mailGemEffective({ ...none, enableStarttls: false, enableStarttlsAuto: true }).tlsMode, 'starttls-opportunistic');
  assert.equal(mailGemEffective({ ...none, enableStarttlsAuto: false }).tlsMode, 'none');
  assert.equal(mailGemEffective({ ...none, tls: undefined }).tlsMode, 'unknown');
  assert.deepEqual([mailGemEffective({ ...none, host: null, port: null }).host, mailGemEffective({ ...none, host: null, port: null }).port], ['localhost', 25]);
  assert.match(mailGemEffective({ ...none, tls: true, enableStarttlsAuto: true }).because, /ArgumentError/);
});

test('ArgumentError needs a truthy tls/ssl and a truthy STARTTLS flag', () => {
  assert.equal(starttlsConflict({ ...none, tls: true, enableStarttlsAuto: true }), true);
  assert.equal(starttlsConflict({ ...none, tls: true, enableStarttlsAuto: false }), false);
  assert.equal(starttlsConflict({ ...none, ssl: true, enableStarttls: { symbol: 'always' } }), true);
  assert.equal(starttlsConflict({ ...none, tls: undefined, enableStarttls: true }), undefined);
  assert.equal(starttlsConflict({ ...none, enableStarttls: true }), false);
});

test('openssl_verify_mode: strings are upper-cased into OpenSSL::SSL::VERIFY_*; constants as written', () => {
  assert.equal(verifyModeOn('none'), false);
  assert.equal(verifyModeOn('NONE'), false);
  assert.equal(verifyModeOn({ symbol: 'none' }), false);
  assert.equal(verifyModeOn('peer'), true);
  assert.equal(verifyModeOn(0), false);
  assert.equal(verifyModeOn(undefined, 'OpenSSL::SSL::VERIFY_NONE'), false);
  assert.equal(verifyModeOn(undefined, '::OpenSSL::SSL::VERIFY_PEER'), true);
  assert.equal(verifyModeOn('sometimes'), undefined);
});

test('String#to_i', () => {
  assert.deepEqual(['465', ' 587 ', '2_525', 'abc', '', '-1x'].map(rubyToI), [465, 587, 2525, 0, 0, -1]);
});

test('release lines', () => {
  assert.deepEqual(['2.9.1', '2.9.0', '2.8.1', '2.8.0.1', '2.7.1', '~> 2.8', '>= 2.5.4'].map(mailGemLine), ['2.9', '2.9', '2.8', '2.8', 'old', undefined, undefined]);
});

test('Gemfile.lock: the resolved version of a gem (specs line), not a dependency requirement', () => {
  const lock = 'GEM\n  remote: https://rubygems.org/\n  specs:\n    actionmailer (7.1.3)\n      mail (~> 2.5, >= 2.5.4)\n    mail (2.8.1)\n      mini_mime (>= 0.1.1)\n    net-smtp (0.5.0)\n      net-protocol\n';
  assert.equal(gemLockVersion(lock, 'mail'), '2.8.1');
  assert.equal(gemLockVersion(lock, 'actionmailer'), '7.1.3');
  assert.equal(gemLockVersion(lock, 'net-smtp'), '0.5.0');
  assert.equal(gemLockVersion(lock, 'net-protocol'), undefined);
});

test('a Rails app: the mail release from Gemfile.lock decides the conflicting-tls-flags verdict', () => {
  const code = "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 465,\n  tls: true,\n  enable_starttls_auto: true,\n}\n";
  // one project folder per lockfile (no rewrite of a file another lint has cached)
  const project = (lock: string | undefined) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-gem-'));
    fs.mkdirSync(path.join(dir, 'config', 'environments'), { recursive: true });
    if (lock) fs.writeFileSync(path.join(dir, 'Gemfile.lock'), lock);
    return { dir, file: path.join(dir, 'config', 'environments', 'production.rb') };
  };
  const verdict = (file: string) => lintText(file, code).findings.filter((f) => f.ruleId === 'conflicting-tls-flags');
  const none = project(undefined);
  const old = project('GEM\n  specs:\n    mail (2.8.1)\n      mini_mime (>= 0.1.1)\n');
  const current = project('GEM\n  specs:\n    mail (2.9.1)\n');
  try {
    // no lockfile: the current release (≥ 2.9) raises
    let f = verdict(none.file);
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'error');
    assert.match(f[0].message, /≥ 2\.9\.0 raises ArgumentError/);
    assert.deepEqual(findLibraryVersion(old.file, 'mail'), { library: 'mail', spec: '2.8.1', source: 'Gemfile.lock' });
    f = verdict(old.file);
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /mail 2\.8\.1 \(Gemfile\.lock\) lets tls win/);
    f = verdict(current.file);
    assert.equal(f[0].severity, 'error');
    assert.match(f[0].message, /mail gem 2\.9\.1 \(Gemfile\.lock\) raises ArgumentError/);
  } finally {
    for (const p of [none, old, current]) fs.rmSync(p.dir, { recursive: true, force: true });
  }
});
