// --concurrency: worker threads give exactly the single-threaded report (same findings, same order,
// cross-file process.env.X from every .env*), text output streams in discovery order, and bad values
// are usage errors.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { workerCount } from '../../server/src/cli/pool';
import { ensureBuilt, runBin, runInProcess, tmpDir, writeTree } from './helpers';

before(() => ensureBuilt());

/** 40 services: each a .env, a mailer reading process.env, a compose file; plus plain modules. */
function tree(): string {
  const dir = tmpDir('mcl-conc-');
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    const s = `svc-${String(i).padStart(2, '0')}`;
    files[`${s}/.env`] = `SMTP_HOST=smtp.example.com\nSMTP_PORT=${i % 2 ? 465 : 587}\n`;
    files[`${s}/src/mailer.js`] = "nodemailer.createTransport({ host: process.env.SMTP_HOST, port: Number(process.env.SMTP_PORT), secure: false });\n";
    files[`${s}/compose.yml`] = `services:\n  app:\n    environment:\n      SMTP_PORT: ${i % 3 ? 587 : 25}\n      SMTP_USER: me\n`;
    for (let k = 0; k < 5; k++) files[`${s}/src/util-${k}.ts`] = `export const f${k} = (a: number) => a + ${k};\n`;
  }
  files['broken/bad.yml'] = 'smtp:\n  host: "x\n  port: [\n';
  writeTree(dir, files);
  return dir;
}

test('worker threads report exactly what the main thread reports, in the same order (bin)', () => {
  const dir = tree();
  for (const format of ['sarif', 'text', 'json']) {
    const off = runBin(['--format', format, '--concurrency', 'off', '.'], { cwd: dir });
    assert.equal(off.code, 1, off.stderr);
    for (const c of format === 'sarif' ? ['1', '2', '3'] : ['2']) {
      const on = runBin(['--format', format, '--concurrency', c, '.'], { cwd: dir });
      assert.equal(on.code, off.code, `${format} ${c}: ${on.stderr}`);
      assert.equal(on.stdout, off.stdout, `${format} --concurrency ${c}`);
    }
  }
  // The cross-file finding needs the .env seen by the worker: 20 mailers on port 465 with secure: false.
  const json = JSON.parse(runBin(['--format', 'json', '--concurrency', '2', '.'], { cwd: dir }).stdout) as { file: string; findings: { ruleId: string }[] }[];
  const mailers = json.filter((f) => f.file.endsWith('mailer.js') && f.findings.length > 0);
  assert.equal(mailers.length, 20);
  assert.ok(json.some((f) => f.file === 'broken/bad.yml'), 'read problems come back from the workers');
});

test('worker threads from the sources (in-process, tsx) give the same report', async () => {
  const dir = tree();
  const off = await runInProcess(['--format', 'sarif', '--concurrency', 'off', '.'], dir);
  const on = await runInProcess(['--format', 'sarif', '--concurrency', '2', '.'], dir);
  assert.equal(on.code, 1);
  assert.equal(on.stdout, off.stdout);
});

test('text output streams: one write per file block, in discovery order, then the summary', async () => {
  const dir = tree();
  const writes: string[] = [];
  const { runCli } = await import('../../server/src/cli/run');
  const code = await runCli(['--concurrency', '2', '.'], { cwd: dir, env: {}, isTTY: false, stdout: (s) => void writes.push(s), stderr: () => undefined });
  assert.equal(code, 1);
  const blocks = writes.slice(0, -1);
  assert.equal(blocks.length, 35, 'one block per file with findings or problems (20 mailers, 14 compose files, 1 broken)');
  for (const b of blocks) assert.match(b, /^\n[^\n]+\n( {2}\S.*\n)+$/, 'each write is one whole file block');
  const paths = blocks.map((b) => b.split('\n')[1]);
  assert.deepEqual(paths, [...paths].sort(), 'discovery (sorted) order');
  assert.match(writes[writes.length - 1], /^\n✖ \d+ findings/);
});

test('--concurrency values: n, auto, off; anything else is a usage error', () => {
  assert.equal(parseArgs([]).concurrency, 'auto');
  assert.equal(parseArgs(['--concurrency', '4']).concurrency, 4);
  assert.equal(parseArgs(['--concurrency=off']).concurrency, 'off');
  for (const bad of ['0', '-1', 'two', '1.5', '']) assert.throws(() => parseArgs(['--concurrency', bad]), UsageError, bad);
  assert.equal(workerCount('off', 1e6), 0);
  assert.equal(workerCount('auto', 10), 0, 'auto: a small tree stays on the main thread');
  assert.equal(workerCount(3, 1e6), 3);
  assert.equal(workerCount(8, 2), 2, 'never more workers than files');
});
