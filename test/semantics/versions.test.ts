// semantics/versions: library version per file (override > lockfile > manifest) and version-aware messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine';
import { atLeast, findLibraryVersion } from '../../server/src/semantics/versions';
import { requireTlsWins } from '../../server/src/semantics/nodemailer/versions';
import { parseProjectConfig } from '../../server/src/config/rc';
import { tmpDir, writeTree } from '../cli/helpers';

test('atLeast: exact versions and ranges', () => {
  assert.equal(atLeast('10.0.12', '10.0.12'), true);
  assert.equal(atLeast('10.0.11', '10.0.12'), false);
  assert.equal(atLeast('^9.0.5', '10.0.12'), false);
  assert.equal(atLeast('^6.9.1', '10.0.12'), false);
  assert.equal(atLeast('^10.1.0', '10.0.12'), true);
  assert.equal(atLeast('^10.0.0', '10.0.12'), undefined); // 10.0.0 … 10.x spans both
  assert.equal(atLeast('~10.0.3', '10.0.12'), undefined);
  assert.equal(atLeast('>=11', '10.0.12'), true);
  assert.equal(atLeast('latest', '10.0.12'), undefined);
  assert.equal(atLeast(undefined, '10.0.12'), undefined);
});

test('findLibraryVersion: override, then package-lock.json, then package.json, nearest folder first', () => {
  const dir = tmpDir('mcl-ver-');
  writeTree(dir, {
    'package.json': JSON.stringify({ dependencies: { nodemailer: '^6.9.1' } }),
    'app/package.json': JSON.stringify({ dependencies: { nodemailer: '^10.0.0' } }),
    'app/package-lock.json': JSON.stringify({ packages: { 'node_modules/nodemailer': { version: '10.0.11' } } }),
  });
  assert.deepEqual(findLibraryVersion(path.join(dir, 'src/mail.js'), 'nodemailer'), { library: 'nodemailer', spec: '^6.9.1', source: 'package.json' });
  assert.deepEqual(findLibraryVersion(path.join(dir, 'app/src/mail.js'), 'nodemailer'), { library: 'nodemailer', spec: '10.0.11', source: 'package-lock.json' });
  assert.equal(findLibraryVersion(path.join(dir, 'app/mail.js'), 'nodemailer', { nodemailer: '10.6.0' })?.source, '.mailconfiglintrc.json');
  assert.equal(requireTlsWins(findLibraryVersion(path.join(dir, 'app/mail.js'), 'nodemailer')), false);
});

test('.mailconfiglintrc.json "versions" is read and validated', () => {
  assert.deepEqual(parseProjectConfig('{"versions":{"nodemailer":"9.0.5"}}', '/p/.mailconfiglintrc.json', []).versions, { nodemailer: '9.0.5' });
  assert.throws(() => parseProjectConfig('{"versions":{"nodemailer":"latest"}}', '/p/.mailconfiglintrc.json', []), /versions.nodemailer/);
});

test('conflicting-tls-flags follows the nodemailer release: < 10.0.12 ignoreTLS wins, ≥ 10.0.12 requireTLS wins, unknown says both', () => {
  const code = "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, requireTLS: true, ignoreTLS: true });\n";
  const dir = tmpDir('mcl-ver-');
  const find = (pkg: string | undefined, versions?: Record<string, string>) => {
    const d = path.join(dir, String(Math.random()).slice(2));
    writeTree(d, pkg ? { 'package.json': JSON.stringify({ dependencies: { nodemailer: pkg } }) } : { 'x.txt': '' });
    return lintText(path.join(d, 'src/mailer.ts'), code, { versions }).findings.filter((f) => f.ruleId === 'conflicting-tls-flags');
  };
  const old = find('^9.0.5');
  assert.equal(old.length, 1);
  assert.equal(old[0].severity, 'warning');
  assert.match(old[0].message, /nodemailer \^9\.0\.5 \(package\.json\) lets ignoreTLS win/);
  const neu = find('^10.2.0');
  assert.equal(neu[0].severity, 'info');
  assert.match(neu[0].message, /lets requireTLS win \(since 10\.0\.12\)/);
  const unknown = find(undefined);
  assert.equal(unknown[0].severity, 'warning');
  assert.match(unknown[0].message, /before 10\.0\.12 lets ignoreTLS win .* 10\.0\.12 and later let requireTLS win/);
  // the override wins over package.json
  const overridden = find('^9.0.5', { nodemailer: '10.6.0' });
  assert.equal(overridden[0].severity, 'info');
  // the fix is the same in every case: remove ignoreTLS
  for (const f of [old[0], neu[0], unknown[0]]) assert.equal(f.fixes[0]?.edits[0]?.op, 'remove');
});

test('the effective models follow the nodemailer release too: requireTLS + ignoreTLS is required STARTTLS on ≥ 10.0.12, clear text before, not known without a version', () => {
  // Issue 11 (6): the probe reads cfg.effective, the rules the version: both now agree on each release.
  const js = "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, requireTLS: true, ignoreTLS: true, auth: { user: 'me', pass: process.env.P } });\n";
  const env = 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_REQUIRE_TLS=true\nSMTP_IGNORE_TLS=true\nSMTP_USER=me\nSMTP_PASS=${P}\n';
  const dir = tmpDir('mcl-ver-eff-');
  const modes = (pkg: string | undefined) => {
    const d = path.join(dir, String(Math.random()).slice(2));
    writeTree(d, pkg ? { 'package.json': JSON.stringify({ dependencies: { nodemailer: pkg } }) } : { 'x.txt': '' });
    const a = lintText(path.join(d, 'src/mailer.ts'), js).read!.configs[0].effective;
    const b = lintText(path.join(d, '.env'), env).read!.configs[0].effective;
    return [a.tlsMode, b.tlsMode, a.because, b.because];
  };
  const [a9, b9] = modes('^9.0.5');
  assert.deepEqual([a9, b9], ['none', 'none']);
  const [a10, b10] = modes('10.6.0');
  assert.deepEqual([a10, b10], ['starttls-required', 'starttls-required']);
  const [au, bu, whyA, whyB] = modes(undefined);
  assert.deepEqual([au, bu], ['unknown', 'unknown']);
  for (const why of [whyA, whyB]) assert.match(String(why), /before 10\.0\.12 never sends STARTTLS .*10\.0\.12 and later require it/);
  // tls-disabled-with-credentials follows: credentials in clear only where ignoreTLS wins
  const clear = (pkg: string) => {
    const d = path.join(dir, String(Math.random()).slice(2));
    writeTree(d, { 'package.json': JSON.stringify({ dependencies: { nodemailer: pkg } }) });
    return lintText(path.join(d, 'src/mailer.ts'), js).findings.filter((f) => f.ruleId === 'tls-disabled-with-credentials').length;
  };
  assert.equal(clear('9.0.5'), 1);
  assert.equal(clear('10.6.0'), 0);
});
