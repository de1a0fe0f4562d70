// Workspace diagnostics (issue 15) at the LSP level: with `mailConfigLint.scope: workspace` the server
// reports every candidate file's findings without the client opening it: pushed to clients without pull,
// through `workspace/diagnostic` (partial results, result ids) to clients with it. .gitignore, files.exclude
// and mailConfigLint.ignore keep files out; an open document's live text wins over the disk; a watched file
// change updates its report; the scan reports work-done progress and stops when cancelled; scope openFiles
// reports nothing unopened.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type Diag } from './lspClient';

const BAD_ENV = 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\n';
const GOOD_ENV = 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=587\n';
const BAD_COMPOSE = 'services:\n  app:\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 587\n      SMTP_SECURE: "true"\n';
const MAILER = "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: Number(process.env.SMTP_PORT), secure: false });\n";

const clients: LspClient[] = [];
after(async () => {
  for (const c of clients) await c.stop();
});

function workspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-wsdiag-')));
  const files: Record<string, string> = {
    '.gitignore': 'build/\n',
    'api/.env': BAD_ENV,
    'web/docker-compose.yml': BAD_COMPOSE,
    'svc/.env': 'SMTP_PORT=465\n',
    'svc/src/mailer.ts': MAILER,
    'ok/.env': GOOD_ENV,
    'build/.env': BAD_ENV,
    'node_modules/pkg/.env': BAD_ENV,
    'excluded/.env': BAD_ENV,
    'ignored-by-setting/.env': BAD_ENV,
    'README.md': '# not read\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

const uriOf = (dir: string, rel: string) => pathToFileURL(path.join(dir, rel)).href;
const EXPECTED = ['api/.env', 'svc/src/mailer.ts', 'web/docker-compose.yml'];

function client(dir: string, opts: { pull?: boolean; scope?: string; progress?: boolean; env?: Record<string, string> } = {}): LspClient {
  const c = new LspClient({
    env: opts.env,
    rootDir: dir,
    pull: opts.pull,
    workDoneProgress: opts.progress ?? true,
    settings: { scope: opts.scope ?? 'workspace', ignore: ['ignored-by-setting/**'] },
    filesExclude: { '**/excluded': true, '**/.DS_Store': true },
  });
  clients.push(c);
  return c;
}

interface WorkspaceReport {
  items: { kind: string; uri: string; resultId?: string; items?: Diag[] }[];
}

test('push: every candidate file with findings is published without being opened; ignored ones are not', async () => {
  const dir = workspace();
  const c = client(dir);
  await c.initialize();
  const got = await Promise.all(EXPECTED.map((rel) => c.waitDiagnostics(uriOf(dir, rel), (p) => p.diagnostics.length > 0)));
  // The mailer's finding needs svc/.env (port 465) read from disk: cross-file resolution works for unopened files.
  assert.deepEqual(got.map((p) => p.diagnostics[0].code), ['implicit-tls-port-without-tls', 'cross-file-port-mode-mismatch', 'starttls-port-with-implicit-tls']);
  await c.waitProgressEnd();
  const published = new Set([...c.diagnostics.values()].filter((p) => p.diagnostics.length > 0).map((p) => path.relative(dir, new URL(p.uri).pathname)));
  assert.deepEqual([...published].sort(), EXPECTED, 'gitignored, node_modules, files.exclude and mailConfigLint.ignore stay out');
});

test('pull: workspace/diagnostic streams partial results, then answers unchanged files by result id', async () => {
  const dir = workspace();
  const c = client(dir, { pull: true });
  const init = await c.initialize();
  assert.equal((init.capabilities.diagnosticProvider as { workspaceDiagnostics?: boolean }).workspaceDiagnostics, true);
  const { partial, result } = await c.workspaceDiagnostics([]);
  const all = [...partial.flatMap((p) => p.items), ...result.items];
  const withFindings = all.filter((i) => i.kind === 'full' && (i.items?.length ?? 0) > 0);
  assert.deepEqual(withFindings.map((i) => path.relative(dir, new URL(i.uri).pathname)).sort(), EXPECTED);
  assert.equal(c.diagnostics.size, 0, 'nothing pushed to a pulling client');
  // Second pull with the result ids: nothing changed, nothing to send in full.
  const again = await c.workspaceDiagnostics(withFindings.map((i) => ({ uri: i.uri, value: i.resultId! })));
  const full = [...again.partial.flatMap((p) => p.items), ...again.result.items].filter((i) => i.kind === 'full');
  assert.deepEqual(full, []);
});

test('an open document wins over its file on disk; closing it brings the disk report back', async () => {
  const dir = workspace();
  const c = client(dir);
  await c.initialize();
  const uri = uriOf(dir, 'api/.env');
  await c.waitDiagnostics(uri, (p) => p.diagnostics.length > 0);
  c.open(path.join(dir, 'api/.env'), GOOD_ENV);
  assert.deepEqual((await c.waitDiagnostics(uri, (p) => p.version === 1)).diagnostics, [], 'the live text is clean');
  // A watched-file event for the open file must not bring the disk version back.
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  await c.waitProgressEnd();
  c.close(uri);
  const back = await c.waitDiagnostics(uri, (p) => p.version === undefined && p.diagnostics.length > 0);
  assert.equal(back.diagnostics[0].code, 'implicit-tls-port-without-tls');
});

test('file watcher: a new bad file is reported, a fixed file is cleared, a deleted file is cleared', async () => {
  const dir = workspace();
  const c = client(dir);
  await c.initialize();
  await c.waitProgressEnd();
  fs.mkdirSync(path.join(dir, 'new'));
  fs.writeFileSync(path.join(dir, 'new/.env'), BAD_ENV);
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(dir, 'new/.env'), type: 1 }] });
  await c.waitDiagnostics(uriOf(dir, 'new/.env'), (p) => p.diagnostics.length === 1);
  fs.writeFileSync(path.join(dir, 'web/docker-compose.yml'), BAD_COMPOSE.replace('"true"', '"false"'));
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(dir, 'web/docker-compose.yml'), type: 2 }] });
  await c.waitDiagnostics(uriOf(dir, 'web/docker-compose.yml'), (p) => p.diagnostics.length === 0);
  fs.rmSync(path.join(dir, 'api/.env'));
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(dir, 'api/.env'), type: 3 }] });
  await c.waitDiagnostics(uriOf(dir, 'api/.env'), (p) => p.diagnostics.length === 0);
  // The env file the mailer reads changed: the mailer (on disk, not open) is linted again.
  fs.writeFileSync(path.join(dir, 'svc/.env'), 'SMTP_PORT=587\n');
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(dir, 'svc/.env'), type: 2 }] });
  await c.waitDiagnostics(uriOf(dir, 'svc/src/mailer.ts'), (p) => p.diagnostics.length === 0);
});

/**
 * A workspace of 200 more env files and a server whose scan the test hook holds after 20 files (its thread
 * blocks in Atomics.wait: busy, no event loop) until the scan is cancelled: whatever the machine's load, the
 * test acts while the scan is certainly still running. Resolves once the scan is held.
 */
async function heldScan(): Promise<{ dir: string; c: LspClient; token: string | number }> {
  const dir = workspace();
  for (let i = 0; i < 200; i++) {
    fs.mkdirSync(path.join(dir, `many/p${i}`), { recursive: true });
    fs.writeFileSync(path.join(dir, `many/p${i}/.env`), BAD_ENV);
  }
  const c = client(dir, { env: { MAIL_CONFIG_LINT_TEST_SCAN_PAUSE_AFTER: '20' } });
  await c.initialize();
  const token = await c.waitProgressBegin();
  await c.until(() => c.notifications.some((n) => n.method === 'window/logMessage' && /scan paused after 20 files/.test(String((n.params as { message?: string }).message))), 'scan paused by the test hook');
  return { dir, c, token };
}

test('work-done progress: begin and end around the scan; cancelling it stops the scan', async () => {
  const { c, token } = await heldScan();
  assert.equal(c.progressOf(token).filter((p) => p.value.kind === 'end').length, 0, 'the paused scan has not ended on its own');
  c.notify('window/workDoneProgress/cancel', { token });
  await c.waitProgressEnd();
  const published = [...c.diagnostics.values()].filter((p) => p.diagnostics.length > 0).length;
  assert.ok(published > 0 && published <= 20, `the scan stopped where it was (${published} files reported, at most the 20 linted)`);
});

test('scope openFiles: nothing is reported for files that are not open', async () => {
  const dir = workspace();
  const c = client(dir, { scope: 'openFiles' });
  await c.initialize();
  const uri = c.open(path.join(dir, 'web/docker-compose.yml'), BAD_COMPOSE);
  assert.equal((await c.diagnosticsNow(uri)).length, 1);
  assert.deepEqual([...c.diagnostics.keys()], [uri]);
  assert.equal(c.notifications.filter((n) => n.method === '$/progress').length, 0, 'no scan, no progress');
});

test('an edit of an open document gets its diagnostics while the scan thread is held busy (the scan never has to yield)', async () => {
  // A scan sharing the server's thread could not answer the edits below while it is held.
  const { dir, c, token } = await heldScan();
  const uri = c.open(path.join(dir, 'web/docker-compose.yml'), BAD_COMPOSE);
  assert.equal((await c.waitDiagnostics(uri, (p) => p.version === 1)).diagnostics[0].code, 'starttls-port-with-implicit-tls');
  const v = c.change(uri, BAD_COMPOSE.replace('"true"', '"false"'));
  assert.deepEqual((await c.waitDiagnostics(uri, (p) => p.version === v)).diagnostics, [], 'the edit is linted');
  assert.equal(c.progressOf(token).filter((p) => p.value.kind === 'end').length, 0, 'while the scan is still running');
  c.notify('window/workDoneProgress/cancel', { token });
  await c.waitProgressEnd();
});

test('the scan thread resolves process.env against env files the start-up load missed and against open buffers', async () => {
  const dir = workspace();
  fs.writeFileSync(path.join(dir, 'svc/.env'), 'SMTP_PORT=587\n');
  // Nine folders deep: below the start-up env load's depth, so the scan thread reads this .env itself.
  const deep = 'a/b/c/d/e/f/g/h/i';
  fs.mkdirSync(path.join(dir, deep), { recursive: true });
  fs.writeFileSync(path.join(dir, deep, '.env'), 'SMTP_PORT=465\n');
  fs.writeFileSync(path.join(dir, deep, 'mailer.ts'), MAILER);
  const c = client(dir);
  await c.initialize();
  const deepMailer = await c.waitDiagnostics(uriOf(dir, `${deep}/mailer.ts`), (p) => p.diagnostics.length > 0);
  assert.equal(deepMailer.diagnostics[0].code, 'cross-file-port-mode-mismatch');
  await c.waitProgressEnd();
  // svc/.env open with port 465 (587 on disk, clean): a new scan (settings changed) lints svc/src/mailer.ts
  // from disk against the live text, which alone gives the finding.
  const mailer = uriOf(dir, 'svc/src/mailer.ts');
  assert.equal(c.diagnostics.get(mailer)?.diagnostics.length ?? 0, 0);
  const env = c.open(path.join(dir, 'svc/.env'), 'SMTP_PORT=465\n');
  await c.waitDiagnostics(env, (p) => p.version === 1);
  await c.waitDiagnostics(mailer, (p) => p.diagnostics.length === 1);
  c.notify('workspace/didChangeConfiguration', { settings: {} });
  await c.until(() => c.progressOf().filter((p) => p.value.kind === 'end').length === 2, 'second scan ended');
  assert.equal(c.diagnostics.get(mailer)?.diagnostics[0]?.code, 'cross-file-port-mode-mismatch', 'the open buffer won in the scan thread');
  assert.equal(c.diagnostics.get(uriOf(dir, `${deep}/mailer.ts`))?.diagnostics[0]?.code, 'cross-file-port-mode-mismatch');
});

test('a broken project config the scan thread meets is shown once, like the server\'s own', async () => {
  const dir = workspace();
  fs.mkdirSync(path.join(dir, 'nested'));
  fs.writeFileSync(path.join(dir, 'nested/.mailconfiglintrc.json'), '{ "rules": ');
  fs.writeFileSync(path.join(dir, 'nested/.env'), BAD_ENV);
  const c = client(dir);
  await c.initialize();
  await c.waitProgressEnd();
  const shown = c.requests.filter((r) => r.method === 'window/showMessageRequest' && /ignoring \.mailconfiglintrc\.json/.test(String((r.params as { message?: string }).message)));
  assert.equal(shown.length, 1, JSON.stringify(c.requests.map((r) => r.method)));
  // The file below it is still linted (with the defaults).
  assert.equal(c.diagnostics.get(uriOf(dir, 'nested/.env'))?.diagnostics[0]?.code, 'implicit-tls-port-without-tls');
});
