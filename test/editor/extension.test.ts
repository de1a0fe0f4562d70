// Integration tests in a real VS Code extension host (code-server harness; also @vscode/test-electron).
// They run on a copy of test/fixtures/ws (test/editor/run.mjs makes it), so they may edit and save files.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const EXT_ID = 'mail-config-lint.mail-config-lint';
const RULE = 'implicit-tls-port-without-tls';

function ws(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri.fsPath;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'mail-config-lint');
}

/** Polls getDiagnostics until `pred` holds (diagnostics arrive asynchronously from the server). */
async function waitFor(uri: vscode.Uri, pred: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 15000): Promise<vscode.Diagnostic[]> {
  const t0 = Date.now();
  for (;;) {
    const ds = ours(uri);
    if (pred(ds)) return ds;
    if (Date.now() - t0 > timeoutMs) {
      assert.fail(`${what}: not within ${timeoutMs} ms; diagnostics now: ${JSON.stringify(ds.map((d) => [codeOf(d), d.range.start.line, d.message]))}`);
    }
    await sleep(25);
  }
}

const withRule = (rule: string, line?: number) => (ds: vscode.Diagnostic[]) =>
  ds.some((d) => codeOf(d) === rule && (line === undefined || d.range.start.line === line));
const withoutRule = (rule: string) => (ds: vscode.Diagnostic[]) => !ds.some((d) => codeOf(d) === rule);

async function open(rel: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(ws(), rel)));
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

/** Creates an empty file in the workspace copy and opens it. */
async function openNew(rel: string, text = ''): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const file = path.join(ws(), rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return open(rel);
}

/** Types `text` at the end of the document, one keystroke (edit) per character of the last line. */
async function type(editor: vscode.TextEditor, text: string): Promise<void> {
  const lines = text.split(/(?<=\n)/);
  for (const chunk of lines) {
    const chars = chunk === lines[lines.length - 1] ? [...chunk] : [chunk];
    for (const ch of chars) {
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      const ok = await editor.edit((b) => b.insert(end, ch), { undoStopBefore: false, undoStopAfter: false });
      assert.ok(ok, 'edit applied');
    }
  }
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const r = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind);
  // Commands have a string `command`; code actions have an optional Command object there.
  return (r ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

describe('Mail Config Lint in a real VS Code', function () {
  this.timeout(60000);

  before(async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} is installed`);
    await open('.env');
    const t0 = Date.now();
    while (!ext.isActive && Date.now() - t0 < 20000) await sleep(50);
    assert.ok(ext.isActive, 'activated by opening a .env file');
    console.log(`    vscode ${vscode.version}, ${process.version}, extension ${ext.packageJSON.version}`);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('maps .env to the dotenv language and reports 465 + SMTP_SECURE=false on the right line', async () => {
    const { doc } = await open('.env');
    assert.equal(doc.languageId, 'dotenv');
    const ds = await waitFor(doc.uri, withRule(RULE, 2), 'error on SMTP_SECURE=false');
    const d = ds.find((x) => codeOf(x) === RULE)!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /implicit-tls-port-without-tls\.md$/);
    assert.ok(d.relatedInformation?.some((r) => r.location.range.start.line === 1), 'related: the port line');
  });

  it('typing SMTP_PORT=465 then SMTP_SECURE=false in a new .env shows the error at once', async () => {
    const { doc, editor } = await openNew('typed/.env');
    await type(editor, 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n');
    await sleep(200);
    assert.ok(withoutRule(RULE)(ours(doc.uri)), 'no error before the secure line');
    await type(editor, 'SMTP_SECURE=fals');
    const t0 = Date.now();
    await type(editor, 'e');
    await waitFor(doc.uri, withRule(RULE, 2), 'error after typing SMTP_SECURE=false');
    const ms = Date.now() - t0;
    // Latency is measured (bench, and logged here), never asserted: the machine is shared and noisy.
    console.log(`    last keystroke → diagnostic: ${ms} ms`);
  });

  it('lints .env.production files and unsaved dotenv buffers', async () => {
    const prod = await openNew('variants/.env.production', 'SMTP_PORT=465\nSMTP_SECURE=false\n');
    assert.equal(prod.doc.languageId, 'dotenv');
    await waitFor(prod.doc.uri, withRule(RULE, 1), '.env.production');
    const untitled = await vscode.workspace.openTextDocument({ language: 'dotenv', content: 'SMTP_PORT=465\nSMTP_SECURE=false\n' });
    await vscode.window.showTextDocument(untitled);
    await waitFor(untitled.uri, withRule(RULE, 1), 'untitled dotenv buffer');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the preferred quick fix corrects the .env and the error goes away', async () => {
    const { doc } = await openNew('quickfix/.env', fs.readFileSync(path.join(ws(), '.env'), 'utf8'));
    const ds = await waitFor(doc.uri, withRule(RULE, 2), 'error before the fix');
    const d = ds.find((x) => codeOf(x) === RULE)!;
    const actions = await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred?.edit, `a preferred fix, got ${JSON.stringify(titles)}`);
    assert.ok(titles.includes(`Disable ${RULE} for this line`), JSON.stringify(titles));
    assert.ok(titles.includes(`Show documentation for ${RULE}`), JSON.stringify(titles));
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.match(doc.getText(), /^SMTP_SECURE=true$/m);
    assert.match(doc.getText(), /^SMTP_PORT=465$/m);
    await waitFor(doc.uri, withoutRule(RULE), 'error gone after the fix');
  });

  it('source.fixAll.mailConfigLint through vscode.executeCodeActionProvider and the "Fix all" command', async () => {
    const { doc } = await open('fixall/.env');
    await waitFor(doc.uri, withRule(RULE), 'error before fix-all');
    const all = await codeActions(doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.mailConfigLint');
    assert.equal(all.length, 1, JSON.stringify(all.map((a) => a.title)));
    assert.equal(all[0].kind?.value, 'source.fixAll.mailConfigLint');
    assert.ok(await vscode.workspace.applyEdit(all[0].edit!));
    assert.match(doc.getText(), /^SMTP_SECURE=true$/m);
    await waitFor(doc.uri, withoutRule(RULE), 'fixed by source.fixAll');

    const other = await openNew('fixall2/.env', 'SMTP_PORT=465\nSMTP_SECURE=false\n');
    await waitFor(other.doc.uri, withRule(RULE, 1), 'error before the command');
    await vscode.commands.executeCommand('mailConfigLint.fixAll');
    const t0 = Date.now();
    while (!/SMTP_SECURE=true/.test(other.doc.getText()) && Date.now() - t0 < 10000) await sleep(50);
    assert.equal(other.doc.getText(), 'SMTP_PORT=465\nSMTP_SECURE=true\n');
  });

  it('compose YAML: typing the environment shows the error on the SMTP_SECURE line; the quick fix corrects it', async () => {
    const { doc, editor } = await openNew('typed/compose.yaml');
    await type(editor, 'services:\n  api:\n    image: node:20-alpine\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 465\n');
    await type(editor, '      SMTP_SECURE: "false"');
    const t0 = Date.now();
    const ds = await waitFor(doc.uri, withRule(RULE, 6), 'error in compose YAML');
    console.log(`    last keystroke → diagnostic: ${Date.now() - t0} ms`);
    const d = ds.find((x) => codeOf(x) === RULE)!;
    const preferred = (await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.isPreferred);
    assert.ok(preferred?.edit);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.match(doc.getText(), /SMTP_SECURE: "true"/);
    await waitFor(doc.uri, withoutRule(RULE), 'compose error gone');
  });

  it('nodemailer TS module: typing port 465 and secure: false shows the error; the quick fix sets secure: true', async () => {
    const { doc, editor } = await openNew('typed/mailer.ts');
    await type(editor, "import nodemailer from 'nodemailer';\n\nexport const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n");
    await type(editor, '  secure: false,\n});\n');
    const t0 = Date.now();
    const ds = await waitFor(doc.uri, withRule(RULE, 5), 'error in the nodemailer module');
    console.log(`    last keystroke → diagnostic: ${Date.now() - t0} ms`);
    const d = ds.find((x) => codeOf(x) === RULE)!;
    const preferred = (await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.isPreferred);
    assert.ok(preferred?.edit);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.match(doc.getText(), /^ {2}secure: true,$/m);
    await waitFor(doc.uri, withoutRule(RULE), 'TS error gone');
  });

  it('PHP (PHPMailer): SMTPSecure \'tls\' on 465 shows the error; the quick fix writes \'ssl\'', async () => {
    const { doc } = await openNew('typed/Mailer.php', "<?php\n$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n$mail->Port = 465;\n$mail->SMTPSecure = 'tls';\n");
    assert.equal(doc.languageId, 'php');
    const ds = await waitFor(doc.uri, withRule(RULE, 4), 'error in the PHP file');
    const d = ds.find((x) => codeOf(x) === RULE)!;
    const preferred = (await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.isPreferred);
    assert.ok(preferred?.edit);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.match(doc.getText(), /^\$mail->SMTPSecure = 'ssl';$/m);
    await waitFor(doc.uri, withoutRule(RULE), 'PHP error gone');
  });

  it('Python (smtplib): SMTP on 465 shows the error; the quick fix switches to SMTP_SSL', async () => {
    const { doc } = await openNew('typed/send.py', "import smtplib\n\ns = smtplib.SMTP('smtp.example.com', 465, timeout=10)\ns.login(user, password)\n");
    assert.equal(doc.languageId, 'python');
    const ds = await waitFor(doc.uri, withRule(RULE, 2), 'error in the Python file');
    const d = ds.find((x) => codeOf(x) === RULE)!;
    const preferred = (await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.isPreferred);
    assert.ok(preferred?.edit);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.match(doc.getText(), /^s = smtplib\.SMTP_SSL\('smtp\.example\.com', 465, timeout=10\)$/m);
    await waitFor(doc.uri, withoutRule(RULE), 'Python error gone');
  });

  it('Spring application.properties: starttls.enable on 465 shows the error; the quick fix writes ssl.enable', async () => {
    const { doc } = await openNew('typed/src/main/resources/application.properties', 'spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.starttls.enable=true\n');
    assert.ok(['properties', 'java-properties'].includes(doc.languageId), doc.languageId);
    const ds = await waitFor(doc.uri, withRule(RULE, 2), 'error in the .properties file');
    const d = ds.find((x) => codeOf(x) === RULE)!;
    const preferred = (await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.isPreferred);
    assert.ok(preferred?.edit);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.equal(doc.getText(), 'spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.ssl.enable=true\n');
    await waitFor(doc.uri, withoutRule(RULE), '.properties error gone');
  });

  it('Ruby (Rails ActionMailer): port 465 without tls shows the error; the quick fix adds tls: true in the hash style', async () => {
    const code = "Rails.application.configure do\n  config.action_mailer.smtp_settings = {\n    address: 'smtp.example.com',\n    port: 465,\n    user_name: ENV['SMTP_USER'],\n  }\nend\n";
    const { doc } = await openNew('typed/config/environments/production.rb', code);
    assert.equal(doc.languageId, 'ruby');
    const ds = await waitFor(doc.uri, withRule(RULE, 3), 'error in the Ruby file');
    const d = ds.find((x) => codeOf(x) === RULE)!;
    const preferred = (await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.isPreferred);
    assert.ok(preferred?.edit);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.equal(doc.getText(), "Rails.application.configure do\n  config.action_mailer.smtp_settings = {\n    address: 'smtp.example.com',\n    port: 465,\n    tls: true,\n    user_name: ENV['SMTP_USER'],\n  }\nend\n");
    await waitFor(doc.uri, withoutRule(RULE), 'Ruby error gone');
  });

  it('hover on the port explains implicit TLS and corrects the "465 is deprecated" myth', async () => {
    const { doc } = await open('.env');
    await waitFor(doc.uri, withRule(RULE), 'diagnostics first');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 11));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(text, /port 465 = implicit TLS from the first byte \(RFC 8314 §3\.3\)/);
    assert.match(text, /deprecated/);
    assert.match(text, /What this client will do/);
  });

  it('fix on save with "editor.codeActionsOnSave": {"source.fixAll.mailConfigLint": "explicit"}', async () => {
    const cfg = vscode.workspace.getConfiguration('editor');
    await cfg.update('codeActionsOnSave', { 'source.fixAll.mailConfigLint': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      const { doc, editor } = await open('onsave/.env');
      await waitFor(doc.uri, withRule(RULE), 'error before save');
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# saved by the test\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      const t0 = Date.now();
      while (doc.isDirty && Date.now() - t0 < 10000) await sleep(50);
      assert.match(doc.getText(), /^SMTP_SECURE=true$/m, 'fixed during save');
      assert.match(fs.readFileSync(doc.uri.fsPath, 'utf8'), /^SMTP_SECURE=true$/m, 'fixed on disk');
    } finally {
      await cfg.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('settings apply live: mailConfigLint.rules turns a rule off', async () => {
    const { doc } = await open('.env');
    await waitFor(doc.uri, withRule(RULE), 'error before');
    const cfg = vscode.workspace.getConfiguration('mailConfigLint');
    await cfg.update('rules', { [RULE]: 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(doc.uri, withoutRule(RULE), 'rule off');
    } finally {
      await cfg.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(doc.uri, withRule(RULE), 'rule back on');
  });

  it('registers the commands under "Mail Config Lint" and restarts the server', async () => {
    const cmds = await vscode.commands.getCommands(true);
    for (const c of ['mailConfigLint.fixAll', 'mailConfigLint.showOutputChannel', 'mailConfigLint.restart', 'mailConfigLint.testConnection', 'mailConfigLint.findSmtpSettings']) {
      assert.ok(cmds.includes(c), `command ${c}`);
    }
    const pkg = vscode.extensions.getExtension(EXT_ID)!.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    assert.ok(pkg.contributes.commands.every((c) => c.category === 'Mail Config Lint' || c.category === '%command.category%'));
    await vscode.commands.executeCommand('mailConfigLint.restart');
    const { doc, editor } = await openNew('restart/.env', 'SMTP_PORT=465\n');
    await type(editor, 'SMTP_SECURE=false');
    await waitFor(doc.uri, withRule(RULE, 1), 'diagnostics after a restart');
  });
});
