// "Test SMTP Connection" in a real VS Code extension host, against the Postfix lab
// (../shared/tools/mta-lab/start-postfix.sh): code lens, a run with a diagnosis whose fix is applied
// through a WorkspaceEdit, and a run cancelled mid-way. Skips when the lab is not running, unless
// MCL_REQUIRE_LAB=1. (Owned by the connection-test engineer; mocha in the extension host.)
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { LAB, portOpen } from '../labHelpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunResult {
  result: { ok: boolean; report: { diagnosis: { code: string }[]; auth?: { result: string } }; text: string; fixes: unknown[] };
  applied: boolean;
}

async function labOrSkip(ctx: Mocha.Context): Promise<{ user: string; pass: string }> {
  let lab: { user: string; pass: string } | undefined;
  try {
    lab = JSON.parse(fs.readFileSync(path.join(LAB, 'endpoints.json'), 'utf8'));
    if (!(await portOpen(2465))) lab = undefined;
  } catch {
    lab = undefined;
  }
  if (!lab) {
    if (process.env.MCL_REQUIRE_LAB === '1') assert.fail('MCL_REQUIRE_LAB=1 but the Postfix lab is not running');
    ctx.skip();
  }
  return lab!;
}

async function openEnv(rel: string, text: string): Promise<vscode.TextDocument> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(root, 'a workspace folder is open');
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Waits until the server knows the document (the code lens appears). */
async function lensesOf(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  const t0 = Date.now();
  for (;;) {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    const ours = lenses.filter((l) => l.command?.command === 'mailConfigLint.testConnection');
    if (ours.length || Date.now() - t0 > 20000) return ours;
    await sleep(200);
  }
}

describe('Test SMTP Connection (Postfix lab)', function () {
  this.timeout(60000);

  it('code lens, diagnosis port-expects-implicit-tls, and "Apply fix" edits the .env', async function () {
    const lab = await labOrSkip(this);
    const doc = await openEnv('probe-lab/.env', `SMTP_HOST=127.0.0.1\nSMTP_PORT=2465\nSMTP_SECURE=false\nSMTP_USER=${lab.user}\nSMTP_PASS=${lab.pass}\n`);
    const lenses = await lensesOf(doc);
    assert.equal(lenses.length, 1, 'one "Test this connection" lens');
    assert.equal(lenses[0].command?.title, 'Test this connection');
    const arg = lenses[0].command!.arguments![0];
    const r = await vscode.commands.executeCommand<RunResult>('mailConfigLint.testConnection', { ...arg, interactive: false, applyFix: true });
    assert.ok(r, 'a result');
    assert.equal(r.result.report.diagnosis[0].code, 'port-expects-implicit-tls');
    assert.equal(r.applied, true);
    assert.match(doc.getText(), /^SMTP_SECURE=true$/m);
    assert.ok(!r.result.text.includes(lab.pass), 'no password in the transcript');
  });

  it('a run can be cancelled mid-way', async function () {
    await labOrSkip(this);
    const doc = await openEnv('probe-cancel/.env', 'SMTP_HOST=127.0.0.1\nSMTP_PORT=2465\nSMTP_SECURE=false\n');
    await lensesOf(doc);
    const t0 = Date.now();
    const pending = vscode.commands.executeCommand<RunResult | undefined>('mailConfigLint.testConnection', { uri: doc.uri.toString(), interactive: false });
    let cancelled = 0;
    while (!cancelled && Date.now() - t0 < 5000) {
      await sleep(50);
      cancelled = (await vscode.commands.executeCommand<number>('mailConfigLint.cancelConnectionTest')) ?? 0;
    }
    assert.ok(cancelled > 0, 'the run was in progress and got cancelled');
    const r = await pending;
    assert.equal(r, undefined, 'a cancelled run has no result');
  });

  it('a password passed to the command reaches the server sealed and is used (here: withheld, the lab certificate is self-signed)', async function () {
    const lab = await labOrSkip(this);
    const doc = await openEnv('probe-sealed/.env', `SMTP_HOST=127.0.0.1\nSMTP_PORT=2465\nSMTP_SECURE=true\nSMTP_USER=${lab.user}\n`);
    await lensesOf(doc);
    const r = await vscode.commands.executeCommand<RunResult & { result: { error?: string } }>('mailConfigLint.testConnection', {
      uri: doc.uri.toString(),
      password: lab.pass,
      interactive: false,
    });
    assert.ok(r, 'a result');
    assert.equal(r.result.error, undefined, 'the server opened the sealed password');
    assert.deepEqual(r.result.report.diagnosis.map((d) => d.code), ['cert-untrusted']);
    assert.equal(r.result.report.auth?.result, 'skipped');
    assert.ok(!r.result.text.includes(lab.pass));
  });
});
