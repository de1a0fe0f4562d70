// Pull diagnostics (textDocument/diagnostic + workspace/diagnostic/refresh), as VS Code uses them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, sleep } from './lspClient';

const RULE = 'implicit-tls-port-without-tls';

describe('language server (pull diagnostics)', () => {
  let ws: string;
  let c: LspClient;
  before(async () => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-pull-'));
    c = new LspClient({ rootDir: ws, pull: true, settings: {} });
    const init = await c.initialize();
    const dp = init.capabilities.diagnosticProvider as { interFileDependencies: boolean; workspaceDiagnostics: boolean };
    assert.equal(dp.interFileDependencies, true);
    // workspace/diagnostic reports the files that are not open (test/lsp/workspace-diagnostics.test.ts).
    assert.equal(dp.workspaceDiagnostics, true);
  });
  after(async () => {
    await c.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('answers textDocument/diagnostic and does not push', async () => {
    const uri = c.open(path.join(ws, '.env'), 'SMTP_PORT=465\nSMTP_SECURE=false\n');
    const items = await c.pullDiagnostics(uri);
    const d = items.find((x) => x.code === RULE);
    assert.ok(d, JSON.stringify(items));
    assert.equal(d!.range.start.line, 1);
    assert.match(d!.codeDescription!.href, /implicit-tls-port-without-tls\.md$/);
    c.change(uri, 'SMTP_PORT=465\nSMTP_SECURE=true\n');
    assert.deepEqual((await c.pullDiagnostics(uri)).filter((x) => x.code === RULE), []);
    await sleep(100);
    assert.equal(c.allPublished.filter((p) => p.uri === uri && p.diagnostics.length > 0).length, 0, 'no push in pull mode');
    c.close(uri);
  });

  it('run: onSave keeps the last result until the document is saved', async () => {
    c.settings = { run: 'onSave' };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    const uri = c.open(path.join(ws, 'save/.env'), 'SMTP_PORT=465\nSMTP_SECURE=false\n');
    assert.equal((await c.pullDiagnostics(uri)).filter((x) => x.code === RULE).length, 1, 'linted on open');
    c.change(uri, 'SMTP_PORT=465\nSMTP_SECURE=true\n');
    assert.equal((await c.pullDiagnostics(uri)).filter((x) => x.code === RULE).length, 1, 'not re-linted while typing');
    c.save(uri);
    assert.equal((await c.pullDiagnostics(uri)).filter((x) => x.code === RULE).length, 0, 're-linted on save');
    c.settings = {};
    c.notify('workspace/didChangeConfiguration', { settings: null });
    c.close(uri);
  });

  it('a cancelled diagnostic request answers RequestCancelled instead of linting a 5 MB document', async () => {
    const big = 'SMTP_PORT=465\nSMTP_SECURE=false\n' + 'APP_SETTING_WITH_A_LONG_NAME_0001=value-value-value-value-value-value\n'.repeat(75000);
    const uri = c.open(path.join(ws, 'cancel/.env'), big);
    const { id, result } = c.requestWithId<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } });
    c.notify('$/cancelRequest', { id });
    const answer = await result.then(
      (r) => ({ items: r.items.length }),
      (e: Error & { code?: number }) => ({ code: e.code }),
    );
    assert.deepEqual(answer, { code: -32800 }, 'LSPErrorCodes.RequestCancelled');
    const items = await c.pullDiagnostics(uri);
    assert.equal(items.filter((x) => x.code === RULE).length, 1, 'the next request lints it');
    c.close(uri);
  });

  it('asks the client to refresh when an .env change affects an open JS module', async () => {
    const dir = path.join(ws, 'app');
    const envUri = c.open(path.join(dir, '.env'), 'SMTP_PORT=587\n');
    await c.pullDiagnostics(envUri);
    const jsUri = c.open(
      path.join(dir, 'mail.ts'),
      "import nodemailer from 'nodemailer';\nexport default nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: Number(process.env.SMTP_PORT),\n  secure: false,\n});\n",
    );
    assert.deepEqual((await c.pullDiagnostics(jsUri)).filter((d) => d.code === 'cross-file-port-mode-mismatch'), []);
    const refreshes = c.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
    c.change(envUri, 'SMTP_PORT=465\n');
    await c.pullDiagnostics(envUri); // VS Code pulls the changed document
    for (let i = 0; i < 50 && c.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length === refreshes; i++) await sleep(20);
    assert.ok(c.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length > refreshes, 'server asked for a refresh');
    const items = await c.pullDiagnostics(jsUri);
    const d = items.find((x) => x.code === 'cross-file-port-mode-mismatch');
    assert.ok(d, JSON.stringify(items));
    assert.equal(d!.range.start.line, 4);
    c.close(jsUri);
    c.close(envUri);
  });
});
