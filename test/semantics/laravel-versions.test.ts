// semantics/laravel.ts: what MAIL_ENCRYPTION does in each laravel/framework release (issue 11 point 6), read by the
// Laravel effective model (.env and config/mail.php) and the rules, with the version from composer.lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { envReader } from '../../server/src/readers/env/index';
import { lintText } from '../../server/src/engine';
import { encryptionRangesFor, laravelEncryption, LARAVEL_FRAMEWORK } from '../../server/src/semantics/laravel';
import { findLibraryVersion } from '../../server/src/semantics/versions';
import '../../server/src/register';

const v = (spec: string) => ({ library: LARAVEL_FRAMEWORK, spec, source: 'composer.lock' });
const mode = (spec: string | undefined, enc: string | undefined, port: number) => laravelEncryption(spec ? v(spec) : undefined, enc, port, 'smtp.example.com').mode;

test('the release table: SwiftMailer ≤ 8, tls → smtps on 9.0.0–9.0.2 and 11.35.0, the port decides otherwise', () => {
  // ≤ 8: SwiftMailer setEncryption
  assert.equal(mode('8.83.27', 'ssl', 587), 'implicit');
  assert.equal(mode('8.83.27', 'tls', 587), 'starttls-required');
  assert.equal(mode('8.83.27', 'TLS', 587), 'starttls-required'); // strtolower
  assert.equal(mode('8.83.27', undefined, 587), 'none');
  assert.equal(mode('8.83.27', 'null', 465), 'none');
  // 9.0.0–9.0.2 and 11.35.0: 'tls' (exactly) → smtps on any port
  for (const s of ['9.0.0', '9.0.2', '11.35.0']) {
    assert.equal(mode(s, 'tls', 587), 'implicit', s);
    assert.equal(mode(s, 'ssl', 587), 'starttls-opportunistic', s);
  }
  // 9.1–11.34 and ≥ 11.35.1: the port decides
  for (const s of ['9.1.0', '10.48.2', '11.34.2', '11.35.1', '12.1.0']) {
    assert.equal(mode(s, 'tls', 587), 'starttls-opportunistic', s);
    assert.equal(mode(s, 'ssl', 587), 'starttls-opportunistic', s);
    assert.equal(mode(s, 'tls', 465), 'implicit', s);
    assert.equal(mode(s, undefined, 465), 'implicit', s);
  }
  // not known, or a range over releases that disagree: 'unknown', and the reason lists each range
  const r = laravelEncryption(undefined, 'tls', 587, 'smtp.example.com');
  assert.equal(r.mode, 'unknown');
  assert.match(r.because, /mandatory STARTTLS on Laravel ≤ 8 \(SwiftMailer\); implicit TLS on Laravel 9\.0\.0–9\.0\.2 and Laravel 11\.35\.0; STARTTLS when offered on Laravel 9\.1–11\.34 and Laravel ≥ 11\.35\.1/);
  assert.match(r.because, /version is not known/);
  assert.equal(mode('^11.0', 'tls', 587), 'unknown');
  assert.equal(mode('^12.0', 'tls', 587), 'starttls-opportunistic');
  assert.deepEqual(encryptionRangesFor(v('^10.0')).map((x) => x.era), ['port']);
});

test('the effective model follows the release; without one it keeps the Laravel ≥ 9 reading and says what the others do', () => {
  const text = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_USERNAME=me\nMAIL_PASSWORD=x\nMAIL_ENCRYPTION=null\n';
  const at = (spec?: string, t = text) => envReader.read('/p/.env', t, { versionOf: spec ? (library) => (library === LARAVEL_FRAMEWORK ? v(spec) : undefined) : undefined }).configs[0].effective;
  assert.equal(at('8.83.27').tlsMode, 'none'); // SwiftMailer: no STARTTLS at all
  assert.equal(at('10.48.2').tlsMode, 'starttls-opportunistic');
  assert.equal(at().tlsMode, 'starttls-opportunistic');
  const tls587 = text.replace('MAIL_ENCRYPTION=null', 'MAIL_ENCRYPTION=tls');
  assert.equal(at('11.35.0', tls587).tlsMode, 'implicit');
  assert.equal(at('8.83.27', tls587).tlsMode, 'starttls-required');
  assert.match(at(undefined, tls587).because, /implicit TLS on Laravel 9\.0\.0–9\.0\.2 and Laravel 11\.35\.0/);
  // MAIL_SCHEME wins where it is read: the version path stays out of it
  assert.equal(at('11.35.0', tls587 + 'MAIL_SCHEME=smtp\n').tlsMode, 'starttls-opportunistic');
});

test('composer.lock gives the version: Laravel 8 with MAIL_ENCRYPTION=null on 587 is no TLS; 11.35.0 with tls on 587 is one error', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-laravel-ver-')));
  try {
    const lock = (version: string) => JSON.stringify({ packages: [{ name: 'laravel/framework', version: `v${version}` }, { name: 'symfony/mailer', version: 'v7.2.0' }] });
    fs.writeFileSync(path.join(dir, 'composer.lock'), lock('8.83.27'));
    const file = path.join(dir, '.env');
    assert.equal(findLibraryVersion(file, LARAVEL_FRAMEWORK)?.spec, '8.83.27');
    const env = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_USERNAME=me\nMAIL_PASSWORD=x\nMAIL_ENCRYPTION=null\n';
    const ids = (text: string) => lintText(file, text, {}).findings.map((f) => `${f.ruleId}:${f.severity}`).sort();
    assert.equal(lintText(file, env, {}).read?.configs[0].effective.tlsMode, 'none');
    fs.writeFileSync(path.join(dir, 'composer.lock'), lock('11.35.0'));
    // (a new mtime: the version cache re-reads the lockfile)
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, 'composer.lock'), later, later);
    const tls = env.replace('MAIL_ENCRYPTION=null', 'MAIL_ENCRYPTION=tls');
    // one error, on the MAIL_ENCRYPTION line (starttls-port-with-implicit-tls leaves it to the Laravel rule)
    assert.deepEqual(ids(tls).filter((x) => x.endsWith(':error')), ['laravel-mail-encryption-ignored:error']);
    assert.equal(lintText(file, env, {}).read?.configs[0].effective.tlsMode, 'starttls-opportunistic');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Symfony require_tls=true: mandatory STARTTLS on symfony/mailer ≥ 7.3 (and when not known, saying so), ignored before', () => {
  const dsn = 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?require_tls=true\n';
  const eff = (spec?: string, text = dsn) => envReader.read('/p/.env', text, { versionOf: spec ? (library) => (library === 'symfony/mailer' ? { library, spec, source: 'composer.lock' } : undefined) : undefined }).configs[0].effective;
  assert.equal(eff('7.3.0').tlsMode, 'starttls-required');
  assert.equal(eff('7.2.0').tlsMode, 'starttls-opportunistic');
  assert.match(eff('7.2.0').because, /require_tls is ignored by symfony\/mailer 7\.2\.0 \(composer\.lock\): it arrived in 7\.3\.0/);
  assert.equal(eff().tlsMode, 'starttls-required');
  assert.match(eff().because, /older releases ignore it/);
  // auto_tls=false: STARTTLS off from 7.1, ignored before
  const off = 'MAILER_DSN=smtp://smtp.example.com:25?auto_tls=false\n';
  assert.equal(eff('7.1.0', off).tlsMode, 'none');
  assert.equal(eff('7.0.4', off).tlsMode, 'starttls-opportunistic');
  // starttls-not-enforced (opt-in) is silent where require_tls is read, and speaks where it is not
  const strict = (versions: Record<string, string>) => lintText('/p/.env', dsn, { versions, rules: { 'starttls-not-enforced': 'info' } }).findings.filter((f) => f.ruleId === 'starttls-not-enforced').length;
  assert.equal(strict({ 'symfony/mailer': '7.3.1' }), 0);
  assert.equal(strict({ 'symfony/mailer': '7.2.0' }), 1);
});
