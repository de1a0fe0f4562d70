// The workspace scan's thread body (server/src/lsp/scanWorker.ts `scan`), run here on the test's own thread
// with its own message port: which env files it reads itself and posts back, which it takes from the
// server (open buffers), and that env changes posted while it runs reach the files it lints after them,
// each batch saying which changes it has seen (`gen`), so the server can re-lint the ones linted before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver';
import { envVarsOf } from '../../server/src/engine';
import { scan, SCAN_WORKER_TAG, type FromScanWorker, type ScanWorkerData } from '../../server/src/lsp/scanWorker';

const MAILER = "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: Number(process.env.SMTP_PORT), secure: false });\n";

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-scanworker-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function run(dir: string, extra: Partial<ScanWorkerData>, before?: (post: (m: unknown) => void) => void): FromScanWorker[] {
  const { port1, port2 } = new MessageChannel();
  const data: ScanWorkerData = {
    tag: SCAN_WORKER_TAG,
    folders: [{ folder: dir, rules: {}, ignore: [], exclude: [] }],
    roots: [dir],
    env: [],
    open: [],
    relatedInfo: true,
    codeDescription: true,
    updates: port2,
    ...extra,
  };
  before?.((m) => port1.postMessage(m));
  const out: FromScanWorker[] = [];
  try {
    scan(data, (m) => out.push(m));
  } finally {
    port1.close();
    port2.close();
  }
  return out;
}

/** Every file a batch reported: those with diagnostics, and the clean ones (one NUL-joined string) with []. */
const results = (out: FromScanWorker[]) =>
  new Map<string, Diagnostic[]>(out.flatMap((m) => (m.kind === 'files' ? [...m.results, ...(m.clean ? m.clean.split('\0').map((f): [string, Diagnostic[]] => [f, []]) : [])] : [])));
const codes = (out: FromScanWorker[], file: string) => (results(out).get(file) ?? []).map((d) => d.code);

test('env files the server did not know are read, posted back before the files below them, and resolve process.env', () => {
  const dir = tree({ 'svc/.env': 'SMTP_PORT=465\n', 'svc/src/mailer.ts': MAILER, 'README.md': '# x\n' });
  const out = run(dir, {});
  const envAt = out.findIndex((m) => m.kind === 'env' && m.file === path.join(dir, 'svc/.env'));
  const mailerAt = out.findIndex((m) => m.kind === 'files' && m.results.some(([f]) => f.endsWith('mailer.ts')));
  assert.ok(envAt >= 0 && envAt < mailerAt, JSON.stringify(out.map((m) => m.kind)));
  assert.deepEqual(codes(out, path.join(dir, 'svc/src/mailer.ts')), ['cross-file-port-mode-mismatch']);
  assert.deepEqual(out.at(-1), { kind: 'done', linted: 2 });
});

test('the server\'s env files (an open buffer\'s live variables) win over the disk; open files are met, not linted', () => {
  const dir = tree({ 'svc/.env': 'SMTP_PORT=465\n', 'svc/src/mailer.ts': MAILER, 'web/.env': 'SMTP_PORT=465\nSMTP_SECURE=false\n' });
  const envFile = path.join(dir, 'svc/.env');
  const out = run(dir, { env: [{ file: envFile, vars: envVarsOf(envFile, 'SMTP_PORT=587\n'), text: 'SMTP_PORT=587\n' }], open: [path.join(dir, 'web/.env')] });
  assert.ok(!out.some((m) => m.kind === 'env'), 'nothing read from disk: svc/.env is known, web/.env is open');
  assert.deepEqual(codes(out, path.join(dir, 'svc/src/mailer.ts')), []);
  assert.ok(results(out).has(path.join(dir, 'web/.env')));
  assert.deepEqual(codes(out, path.join(dir, 'web/.env')), [], 'the open file is left to the publisher');
});

test('an env change posted while the scan runs reaches the files linted after it; their batch carries its gen', () => {
  const dir = tree({ 'svc/.env': 'SMTP_PORT=587\n', 'svc/src/mailer.ts': MAILER });
  const envFile = path.join(dir, 'svc/.env');
  const out = run(dir, {}, (post) => post({ gen: 1, file: envFile, vars: envVarsOf(envFile, 'SMTP_PORT=465\n'), text: 'SMTP_PORT=465\n' }));
  const batch = out.find((m) => m.kind === 'files' && m.results.some(([f]) => f.endsWith('mailer.ts')));
  assert.equal(batch?.kind === 'files' && batch.gen, 1);
  assert.deepEqual(codes(out, path.join(dir, 'svc/src/mailer.ts')), ['cross-file-port-mode-mismatch']);
});

test('clean files travel as one string of paths, files with diagnostics as [path, diagnostics] pairs', () => {
  const dir = tree({ 'svc/.env': 'SMTP_PORT=465\n', 'svc/src/mailer.ts': MAILER, 'svc/src/util.ts': 'export const x = 1;\n', 'svc/src/more util.ts': 'export const y = 2;\n' });
  const out = run(dir, {});
  const batches = out.filter((m) => m.kind === 'files');
  const withDiagnostics = batches.flatMap((m) => m.results.map(([f, d]) => [path.relative(dir, f), d.length > 0]));
  const clean = batches.flatMap((m) => (m.clean ? m.clean.split('\0') : [])).map((f) => path.relative(dir, f));
  assert.deepEqual(withDiagnostics, [['svc/src/mailer.ts', true]]);
  assert.deepEqual(clean.sort(), ['svc/.env', 'svc/src/more util.ts', 'svc/src/util.ts']);
  assert.deepEqual(out.at(-1), { kind: 'done', linted: 4 });
});
