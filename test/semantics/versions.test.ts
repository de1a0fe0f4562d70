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
