// Bad input through the built bin: every broken file gets one clear message, the other files still get
// their findings, and nothing ever prints a stack trace.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertNoStack, ensureBuilt, runBin, tmpDir, writeTree } from './helpers';

before(() => ensureBuilt());

const GOOD_FINDING = 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=false\nSMTP_USER=me\nSMTP_PASS=${SMTP_PASS}\n';

function workspace(): string {
  const d = tmpDir('mcl-bad-');
  fs.chmodSync(d, 0o755);
  const noise = 'LOG_LEVEL=info\nFEATURE_FLAGS=a,b,c\n'.repeat(1);
  const bigLines: string[] = [];
  for (let n = 0; n < 5 * 1024 * 1024; ) {
    const line = `VAR_${bigLines.length}=value-${bigLines.length}-${'x'.repeat(40)}`;
    bigLines.push(line);
    n += line.length + 1;
  }
  writeTree(d, {
    'ok/.env': GOOD_FINDING,
    'broken/docker-compose.yml': 'services:\n  api:\n    environment:\n      SMTP_PORT: [465\n      SMTP_SECURE: "false\n  : : :\n',
    'broken/mailer.ts': "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secure: false,\n  auth: { user: 'a', pass: process.env.P \n",
    'binary/.env': Buffer.from([0x53, 0x4d, 0x54, 0x50, 0x00, 0x01, 0x02, 0xff, 0xfe, 0x0a]),
    'latin1/.env': Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n' + noise + GOOD_FINDING)]),
    'big/huge.env': bigLines.join('\n') + '\n' + GOOD_FINDING,
    'big/bundle.min.js': 'var a=' + JSON.stringify('y'.repeat(5 * 1024 * 1024)) + ';require("nodemailer").createTransport({host:"smtp.example.com",port:465,secure:!1});\n',
    'dir-like/config.yml/.env': GOOD_FINDING,
    'locked/.env': GOOD_FINDING,
  });
  fs.chmodSync(path.join(d, 'locked/.env'), 0o000);
  fs.symlinkSync(path.join(d, 'loop'), path.join(d, 'loop')); // a link to itself
  fs.symlinkSync('..', path.join(d, 'ok', 'up'));
  return d;
}

// Root reads anything: run the unreadable-file case as `nobody` when the tests run as root (CI does).
const asUser = typeof process.getuid === 'function' && process.getuid() === 0 ? { uid: 65534, gid: 65534 } : {};

test('bad input: a clear message per bad file, results for the rest, no crash, no stack trace', () => {
  const d = workspace();
  const r = runBin(['--format', 'json', '.'], { cwd: d, ...asUser, timeout: 180_000 });
  assertNoStack(r.stderr);
  assert.equal(r.stderr, '', 'machine output: nothing on stderr');
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { file: string; problems: { message: string }[]; findings: { ruleId: string }[] }[];
  const by = new Map(out.map((o) => [o.file, o]));
  const problem = (f: string) => by.get(f)?.problems.map((p) => p.message).join(' | ') ?? '';
  assert.match(problem('binary/.env'), /binary file \(contains NUL bytes\), skipped/);
  assert.match(problem('locked/.env'), /cannot read file: permission denied \(EACCES\)/);
  assert.match(problem('loop'), /symbolic link loop/);
  assert.match(problem('ok/up'), /symbolic link loop/);
  assert.match(problem('latin1/.env'), /not valid UTF-8/);
  // Each problem has a kind a program can branch on (issue 11: never the message text).
  const kinds = (f: string) => by.get(f)?.problems.map((p) => (p as { kind?: string }).kind) ?? [];
  assert.deepEqual(kinds('binary/.env'), ['binary']);
  assert.deepEqual(kinds('locked/.env'), ['unreadable']);
  assert.deepEqual(kinds('loop'), ['unreadable']);
  assert.deepEqual(kinds('latin1/.env'), ['not-utf8']);
  assert.ok(kinds('broken/docker-compose.yml').length > 0 && kinds('broken/docker-compose.yml').every((k) => k === 'parse-error'), JSON.stringify(by.get('broken/docker-compose.yml')?.problems));
  assert.deepEqual(kinds('big/bundle.min.js'), ['bounded-mode'], JSON.stringify(by.get('big/bundle.min.js')?.problems));
  // Every message is one line and names no internal detail.
  for (const o of out) for (const p of o.problems) assert.doesNotMatch(p.message, /\n|    at /);
  // Results for the rest: the same mail block is found in the good, latin-1, huge and dir-like files.
  for (const f of ['ok/.env', 'latin1/.env', 'big/huge.env', 'dir-like/config.yml/.env']) {
    assert.ok((by.get(f)?.findings.length ?? 0) > 0, `${f} should have findings: ${JSON.stringify(by.get(f))}`);
  }
  assert.equal(r.code, 1);
});

test('bad input: broken YAML and half-written JS are read problems or partial results, not crashes', () => {
  const d = workspace();
  for (const f of ['broken/docker-compose.yml', 'broken/mailer.ts', 'big/bundle.min.js']) {
    const r = runBin(['--format', 'json', f], { cwd: d, timeout: 180_000 });
    assertNoStack(r.stderr);
    assert.ok(r.code === 0 || r.code === 1, `${f}: exit ${r.code} ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { problems: { message: string }[]; findings: unknown[] }[];
    if (f.startsWith('broken/')) {
      assert.equal(out.length, 1, `${f}: expected a problem or a partial result`);
      assert.ok(out[0].problems.length + out[0].findings.length > 0);
    }
  }
});

test('bad input in text mode: the problem line is readable and the summary counts it', () => {
  const d = tmpDir('mcl-bad-');
  writeTree(d, { 'a/.env': Buffer.from([0, 1, 2, 3]), 'b/.env': 'APP_NAME=demo\n' });
  const r = runBin(['.'], { cwd: d });
  assert.equal(r.code, 0, 'a read problem alone does not fail the run');
  assert.equal(r.stdout, '\na/.env\n  0:0  problem  binary file (contains NUL bytes), skipped\n\n! 0 findings (0 errors, 0 warnings, 0 info) in 2 files; 1 file could not be fully read\n');
});

test('explicit paths: a folder named like a file is walked, a missing path exits 2 with one line', () => {
  const d = tmpDir('mcl-bad-');
  writeTree(d, { 'app.env/x.yml': 'a: 1\n' });
  const r = runBin(['app.env'], { cwd: d });
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const m = runBin(['does-not-exist.env'], { cwd: d });
  assert.equal(m.code, 2);
  assert.equal(m.stderr, 'mail-config-lint: no such file or directory: does-not-exist.env\n');
});

test('exit 2 on config errors from the bin, one line, no stack trace', () => {
  const d = tmpDir('mcl-bad-');
  writeTree(d, { '.mailconfiglintrc.json': '{"rules": {"no-such-rule": "off"}, "extra": 1}', '.env': 'A=1\n' });
  const r = runBin([], { cwd: d });
  assert.equal(r.code, 2);
  assertNoStack(r.stderr);
  assert.match(r.stderr, /^mail-config-lint: \.mailconfiglintrc\.json: unknown (key "extra"|rule id "no-such-rule")/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  const dir = runBin(['--config', '.'], { cwd: d });
  assert.equal(dir.code, 2);
  assert.match(dir.stderr, /is a directory, expected a JSON file/);
});

test('test-connection is dispatched to the probe (lint runs never load it)', () => {
  const d = tmpDir('mcl-bad-');
  const r = runBin(['test-connection', '--help'], { cwd: d, timeout: 30_000 });
  assertNoStack(r.stderr);
  assert.notEqual(r.stdout + r.stderr, '');
  assert.doesNotMatch(r.stderr, /unknown option/);
});

test('a closed stdout pipe (| head) ends quietly', () => {
  const d = tmpDir('mcl-bad-');
  const files: Record<string, string> = {};
  for (let i = 0; i < 200; i++) files[`s${i}/.env`] = GOOD_FINDING;
  writeTree(d, files);
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const r = spawnSync('sh', ['-c', `node ${JSON.stringify(path.join(__dirname, '../../dist/cli.js'))} --format sarif . | head -c 100 >/dev/null; echo "status=\${PIPESTATUS:-done}"`], { cwd: d, encoding: 'utf8' });
  assertNoStack(r.stderr);
  assert.equal(r.stderr, '');
});
