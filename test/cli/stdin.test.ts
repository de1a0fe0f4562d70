// --stdin --stdin-filename PATH: editors and hooks pipe a buffer; it is linted as if it were PATH (the
// name picks the reader; .env* files beside it feed process.env.X), and nothing else is reported.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI, ensureBuilt, runInProcess, tmpDir, writeTree } from './helpers';

before(() => ensureBuilt());

const stdinOf = (s: string) => ({ readStdin: async () => Buffer.from(s) });

test('stdin is linted as --stdin-filename; files on disk are not reported', async () => {
  const dir = tmpDir();
  writeTree(dir, { 'app/.env': 'SMTP_PORT=587\nSMTP_SECURE=true\n', 'other/.env': 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\n' });
  const js = "const t = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 465, secure: false });\n";
  const r = await runInProcess(['--stdin', '--stdin-filename', 'app/src/mailer.js', '--format', 'json'], dir, stdinOf(js));
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { file: string; findings: { ruleId: string }[] }[];
  assert.deepEqual(out.map((f) => f.file), ['app/src/mailer.js']);
  assert.ok(out[0].findings.some((f) => f.ruleId === 'implicit-tls-port-without-tls'), JSON.stringify(out));
});

test('process.env.X in the piped buffer resolves from the .env beside the named file', async () => {
  const dir = tmpDir();
  writeTree(dir, { 'svc/.env': 'SMTP_PORT=465\n' });
  const js = "nodemailer.createTransport({ host: 'smtp.example.com', port: Number(process.env.SMTP_PORT), secure: false });\n";
  const r = await runInProcess(['--stdin', '--stdin-filename', 'svc/mailer.js', '--format', 'json'], dir, stdinOf(js));
  const out = JSON.parse(r.stdout) as { file: string; findings: { ruleId: string }[] }[];
  assert.ok(out.some((f) => f.file === 'svc/mailer.js' && f.findings.length > 0), r.stdout);
  const elsewhere = await runInProcess(['--stdin', '--stdin-filename', 'other/mailer.js', '--format', 'json'], dir, stdinOf(js));
  assert.deepEqual(JSON.parse(elsewhere.stdout), [], 'without the .env the port is unknown');
});

test('the bin reads real standard input; default name .env; clean input exits 0', () => {
  const dir = tmpDir();
  const run = (input: string, args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const bad = run('SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\n', ['--stdin']);
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stdout, /^\n?\.env\n {2}3:1 {2}error /);
  assert.doesNotMatch(bad.stdout, /--fix/, "--fix does not apply to stdin: no hint for it");
  const good = run('SMTP_HOST=smtp.gmail.com\nSMTP_PORT=587\n', ['--stdin', '--stdin-filename', path.join(dir, 'x', '.env.production')]);
  assert.equal(good.status, 0, good.stdout + good.stderr);
});

test('usage errors: --stdin with PATH, --stdin-filename alone, --fix with --stdin', async () => {
  const dir = tmpDir();
  for (const [args, msg] of [
    [['--stdin', '.'], /give no PATH/],
    [['--stdin-filename', 'a.env'], /needs --stdin/],
    [['--stdin', '--fix'], /--fix cannot be used with --stdin/],
  ] as const) {
    const r = await runInProcess([...args], dir, stdinOf(''));
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, msg);
  }
});

test('a file name no reader handles, or one the config ignores, reports nothing', async () => {
  const dir = tmpDir();
  writeTree(dir, { '.mailconfiglintrc.json': '{"ignore":["vendor/**"]}' });
  const bad = 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\n';
  for (const name of ['README.md', 'vendor/.env']) {
    const r = await runInProcess(['--stdin', '--stdin-filename', name, '--format', 'json'], dir, stdinOf(bad));
    assert.equal(r.code, 0, name);
    assert.deepEqual(JSON.parse(r.stdout), [], name);
  }
});
