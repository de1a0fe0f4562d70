// dist/cli.js is a start-up shim that runs dist/cli-main.js through V8's code cache (loader.ts, codeCache.ts): the
// output is the same with and without the cache, a bad or missing cache never breaks a run, the cache grows
// to cover each format's reader once, and the cache files are private to the user. The grammar chunks go through
// the same cache; dist/server.js is the same kind of shim for dist/server-main.js; old builds' files are pruned.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, ROOT, runBin, tmpDir, writeTree } from './helpers';

before(() => ensureBuilt());

function ws(): string {
  const d = tmpDir('mcl-loader-');
  writeTree(d, {
    '.env': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=false\n',
    'mailer.ts': "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: true });\n",
  });
  return d;
}

test('the code cache: miss then hit, same output as without it, private files, grows per format', () => {
  const d = ws();
  const cache = path.join(tmpDir('mcl-cache-'), 'c');
  const env = { MAIL_CONFIG_LINT_CACHE_DIR: cache, MAIL_CONFIG_LINT_DEBUG_CACHE: '1' };
  const plain = runBin(['--format', 'json', '.env'], { cwd: d, env: { MAIL_CONFIG_LINT_NO_CACHE: '1' } });
  assert.equal(plain.stderr, '');
  const first = runBin(['--format', 'json', '.env'], { cwd: d, env });
  assert.match(first.stderr, /^mail-config-lint cache: miss\nmail-config-lint cache: wrote .*\.v8 \(env\)\n$/);
  assert.equal(first.stdout, plain.stdout);
  assert.equal(first.code, plain.code);
  const second = runBin(['--format', 'json', '.env'], { cwd: d, env });
  assert.equal(second.stderr, 'mail-config-lint cache: hit\n', 'nothing rewritten');
  assert.equal(second.stdout, plain.stdout);
  // A format the cache has not seen yet: one rewrite, then hits.
  const ts = runBin(['mailer.ts'], { cwd: d, env });
  assert.match(ts.stderr, /cache: hit\n.*wrote .*\(env,js\)\n$/);
  assert.equal(runBin(['mailer.ts'], { cwd: d, env }).stderr, 'mail-config-lint cache: hit\n');
  const files = fs.readdirSync(cache);
  assert.equal(files.length, 1, 'no temp files left');
  assert.equal(fs.statSync(path.join(cache, files[0])).mode & 0o777, 0o600);
  assert.equal(fs.statSync(cache).mode & 0o777, 0o700);
});

test('a corrupt cache is rejected and rewritten; an unusable cache folder is skipped', () => {
  const d = ws();
  const cache = path.join(tmpDir('mcl-cache-'), 'c');
  const env = { MAIL_CONFIG_LINT_CACHE_DIR: cache, MAIL_CONFIG_LINT_DEBUG_CACHE: '1' };
  const want = runBin(['.env'], { cwd: d, env: { MAIL_CONFIG_LINT_NO_CACHE: '1' } }).stdout;
  runBin(['.env'], { cwd: d, env });
  const [f] = fs.readdirSync(cache);
  const raw = fs.readFileSync(path.join(cache, f));
  fs.writeFileSync(path.join(cache, f), Buffer.concat([raw.subarray(0, raw.indexOf(10) + 1), Buffer.alloc(4096, 0x41)]));
  const r = runBin(['.env'], { cwd: d, env });
  assert.match(r.stderr, /^mail-config-lint cache: rejected\nmail-config-lint cache: wrote /);
  assert.equal(r.stdout, want);
  assert.equal(runBin(['.env'], { cwd: d, env }).stderr, 'mail-config-lint cache: hit\n');
  // A file where the folder should be: no cache, same output, nothing on stderr without debug.
  const notDir = path.join(tmpDir('mcl-cache-'), 'file');
  fs.writeFileSync(notDir, 'x');
  const r2 = runBin(['.env'], { cwd: d, env: { MAIL_CONFIG_LINT_CACHE_DIR: notDir } });
  assert.equal(r2.stderr, '');
  assert.equal(r2.stdout, want);
});

test('a missing bundle is one clear line and exit 2, not a stack trace', () => {
  const d = tmpDir('mcl-loader-');
  fs.copyFileSync(path.join(ROOT, 'dist', 'cli.js'), path.join(d, 'cli.js'));
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const r = spawnSync(process.execPath, [path.join(d, 'cli.js'), '--version'], { encoding: 'utf8', env: { ...process.env, MAIL_CONFIG_LINT_CACHE_DIR: path.join(d, 'cache') } });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^mail-config-lint: cannot load .*cli-main\.js: .+\n$/);
});

test('worker threads start through the shim (the same cache, read only): same output, nothing printed or written by them', () => {
  const d = ws();
  const cache = path.join(tmpDir('mcl-cache-'), 'c');
  const env = { MAIL_CONFIG_LINT_CACHE_DIR: cache, MAIL_CONFIG_LINT_DEBUG_CACHE: '1' };
  const args = ['--format', 'json', '--concurrency', '2', '.'];
  const plain = runBin(args, { cwd: d, env: { MAIL_CONFIG_LINT_NO_CACHE: '1' } });
  const first = runBin(args, { cwd: d, env });
  // The worker compiles from the cache file or finds none (it starts while the main thread runs); only the main thread writes.
  assert.match(first.stderr, /^mail-config-lint cache: miss\n(mail-config-lint cache \(worker\): miss\n)?mail-config-lint cache: wrote .*\.v8 \(env,js\)\n$/);
  const second = runBin(args, { cwd: d, env });
  assert.equal(second.stderr, 'mail-config-lint cache: hit\nmail-config-lint cache (worker): hit\n');
  for (const r of [first, second]) {
    assert.equal(r.stdout, plain.stdout);
    assert.equal(r.code, plain.code);
  }
  assert.ok(JSON.parse(plain.stdout).length > 0, 'the worker linted mailer.ts');
  assert.equal(fs.readdirSync(cache).length, 1, 'one cache file, no temp files');
});

test('grammar chunks go through the cache too: same findings, one write per chunk, then hits', () => {
  const d = ws();
  writeTree(d, { 'settings.py': "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 465\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n" });
  const cache = path.join(tmpDir('mcl-cache-'), 'c');
  const env = { MAIL_CONFIG_LINT_CACHE_DIR: cache, MAIL_CONFIG_LINT_DEBUG_CACHE: '1' };
  const plain = runBin(['--format', 'json', 'settings.py'], { cwd: d, env: { MAIL_CONFIG_LINT_NO_CACHE: '1' } });
  assert.equal(plain.stderr, '');
  assert.match(plain.stdout, /implicit-tls-port-without-tls/);
  const first = runBin(['--format', 'json', 'settings.py'], { cwd: d, env });
  assert.equal(first.stdout, plain.stdout);
  assert.match(first.stderr, /cache: python\.js miss\n/);
  assert.match(first.stderr, /cache: lezer-runtime\.js miss\n/);
  assert.match(first.stderr, /cache: python\.js wrote .*chunk-python-.*\.v8/);
  const second = runBin(['--format', 'json', 'settings.py'], { cwd: d, env });
  assert.equal(second.stdout, plain.stdout);
  assert.equal(second.stderr, 'mail-config-lint cache: hit\nmail-config-lint cache: python.js hit\nmail-config-lint cache: lezer-runtime.js hit\n');
  assert.deepEqual(fs.readdirSync(cache).map((n) => n.replace(/-v\d.*$/, '')).sort(), ['chunk-lezer-runtime', 'chunk-python', 'cli']);
});

test('old builds\' cache files of a bundle are pruned when it writes; other bundles\' and fresh files stay', () => {
  const d = ws();
  const cache = path.join(tmpDir('mcl-cache-'), 'c');
  fs.mkdirSync(cache, { recursive: true, mode: 0o700 });
  const old = (n: string) => {
    fs.writeFileSync(path.join(cache, n), 'x');
    const t = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    fs.utimesSync(path.join(cache, n), t, t);
  };
  old('cli-v20.0.0-x64-1-1.v8');
  old('cli-v20.0.0-x64-1-1.v8.123.tmp');
  old('server-v20.0.0-x64-1-1.v8');
  fs.writeFileSync(path.join(cache, 'cli-v20.0.0-x64-2-2.v8'), 'x'); // another version in use today
  runBin(['.env'], { cwd: d, env: { MAIL_CONFIG_LINT_CACHE_DIR: cache } });
  const left = fs.readdirSync(cache).sort();
  assert.ok(!left.includes('cli-v20.0.0-x64-1-1.v8') && !left.includes('cli-v20.0.0-x64-1-1.v8.123.tmp'), left.join(' '));
  assert.ok(left.includes('server-v20.0.0-x64-1-1.v8'), 'another bundle is pruned by its own writes');
  assert.ok(left.includes('cli-v20.0.0-x64-2-2.v8'), 'a fresh file of another build stays');
  assert.equal(left.filter((n) => n.startsWith(`cli-${process.version}`)).length, 1);
});

test('dist/server.js runs the server bundle through the cache shim; a missing bundle is one line', () => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const cache = path.join(tmpDir('mcl-cache-'), 'c');
  const env = { ...process.env, MAIL_CONFIG_LINT_CACHE_DIR: cache, MAIL_CONFIG_LINT_DEBUG_CACHE: '1' };
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const v = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--version'], { encoding: 'utf8', env });
  assert.equal(v.stdout, `${pkg.version}\n`);
  assert.match(v.stderr, /^mail-config-lint cache: miss\n/);
  const d = tmpDir('mcl-loader-');
  fs.copyFileSync(path.join(ROOT, 'dist', 'server.js'), path.join(d, 'server.js'));
  const r = spawnSync(process.execPath, [path.join(d, 'server.js'), '--version'], { encoding: 'utf8', env: { ...process.env, MAIL_CONFIG_LINT_CACHE_DIR: cache } });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^mail-config-lint-server: cannot load .*server-main\.js: .+\n$/);
});
