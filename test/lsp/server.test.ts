// The language server over stdio, driven by a raw JSON-RPC client (push model, like the bench and most
// editors; the pull model is in pull.test.ts). Needs `node scripts/build.mjs` first (npm run test:lsp does it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits, editsFor, LspClient, sleep, type Diag } from './lspClient';

const BAD_ENV = 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=false\nSMTP_USER=app@example.com\n';
const RULE = 'implicit-tls-port-without-tls';

function tmpWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const byCode = (ds: Diag[], code: string) => ds.filter((d) => d.code === code);
const SPRING_BINDING = 'package com.example;\n\n@ConfigurationProperties(prefix = "mail")\npublic class MailSettings {}\n';

describe('language server (push diagnostics)', () => {
  let ws: string;
  let c: LspClient;
  before(async () => {
    ws = tmpWorkspace({
      'spring-app/src/main/java/com/example/MailSettings.java': SPRING_BINDING,
      'disk-only/.env': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n',
      'django-proj/proj/settings.py': "import os\nEMAIL_HOST = os.environ['EMAIL_HOST']\nEMAIL_TIMEOUT = 10\n",
      'disk-only/mailer.js':
        "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT),\n  secure: false,\n});\n",
    });
    c = new LspClient({ rootDir: ws, settings: { debounce: 0 } });
    const init = await c.initialize();
    assert.equal((init.capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
    assert.ok(init.capabilities.hoverProvider);
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'push-only client gets no pull provider');
  });
  after(async () => {
    await c.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('reports 465 + SMTP_SECURE=false on the SMTP_SECURE line with code, severity, docs link and related port line', async () => {
    const uri = c.open(path.join(ws, 'a/.env'), BAD_ENV);
    const ds = await c.diagnosticsNow(uri);
    const d = byCode(ds, RULE)[0];
    assert.ok(d, `expected ${RULE}, got ${JSON.stringify(ds)}`);
    assert.equal(d.source, 'mail-config-lint');
    assert.equal(d.severity, 1);
    assert.equal(d.range.start.line, 2);
    assert.equal(d.range.end.line, 2);
    assert.ok(d.range.end.character > d.range.start.character);
    assert.match(d.codeDescription!.href, /^https:\/\/.+implicit-tls-port-without-tls\.md$/);
    assert.ok(d.relatedInformation?.some((r) => r.location.uri === uri && r.location.range.start.line === 1), 'related: the port line');
    c.close(uri);
  });

  it('typing SMTP_PORT=465 then SMTP_SECURE=false shows the error on the right line', async () => {
    const uri = c.open(path.join(ws, 'typing/.env'), '');
    assert.deepEqual(await c.diagnosticsNow(uri), []);
    c.change(uri, 'SMTP_PORT=465\n');
    assert.deepEqual(byCode(await c.diagnosticsNow(uri), RULE), []);
    // incremental edit: append the second line
    c.edit(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'SMTP_SECURE=false\n');
    const ds = await c.diagnosticsNow(uri);
    const d = byCode(ds, RULE)[0];
    assert.ok(d, JSON.stringify(ds));
    assert.equal(d.range.start.line, 1);
    c.close(uri);
    const cleared = await c.waitDiagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, [], 'closing clears the diagnostics');
  });

  it('offers the preferred quick fix, an alternative, "Disable for this line" and "Show documentation"', async () => {
    const uri = c.open(path.join(ws, 'qf/.env'), BAD_ENV);
    const ds = await c.diagnosticsNow(uri);
    const d = byCode(ds, RULE)[0];
    const actions = await c.codeActions(uri, d.range, [d]);
    const quick = actions.filter((a) => a.kind === 'quickfix' && a.edit);
    const preferred = quick.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyEdits(BAD_ENV, editsFor(preferred[0], uri));
    assert.match(fixed, /^SMTP_SECURE=true$/m);
    assert.match(fixed, /^SMTP_PORT=465$/m, 'the preferred fix keeps 465 (it is not deprecated)');
    const alt = quick.find((a) => !a.isPreferred && /587/.test(a.title));
    assert.ok(alt, 'alternative: move to 587');
    assert.match(applyEdits(BAD_ENV, editsFor(alt!, uri)), /^SMTP_PORT=587$/m);

    const disable = actions.find((a) => a.title === `Disable ${RULE} for this line`);
    assert.ok(disable);
    const disabled = applyEdits(BAD_ENV, editsFor(disable!, uri));
    assert.equal(disabled.split('\n')[2], `# mail-config-lint-disable-next-line ${RULE}`);
    assert.equal(disabled.split('\n')[3], 'SMTP_SECURE=false');

    const docs = actions.find((a) => a.title === `Show documentation for ${RULE}`);
    assert.equal(docs?.command?.command, 'mailConfigLint.server.showDocumentation');
    assert.equal(docs?.command?.arguments?.[0], d.codeDescription!.href);
    await c.request('workspace/executeCommand', { command: docs!.command!.command, arguments: docs!.command!.arguments });
    const shown = c.requests.filter((r) => r.method === 'window/showDocument').at(-1)?.params as { uri: string; external: boolean };
    assert.equal(shown.uri, d.codeDescription!.href);
    assert.equal(shown.external, true);

    // The disable comment really silences it.
    c.change(uri, disabled);
    assert.deepEqual(byCode(await c.diagnosticsNow(uri), RULE), []);
    c.close(uri);
  });

  it('"Disable for this line" keeps the indentation and uses // in JS/TS', async () => {
    const text = "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secure: false,\n});\n";
    const uri = c.open(path.join(ws, 'js/mailer.ts'), text);
    const d = byCode(await c.diagnosticsNow(uri), RULE)[0];
    assert.ok(d, 'nodemailer transport with port 465 and secure: false');
    assert.equal(d.range.start.line, 4);
    const actions = await c.codeActions(uri, d.range, [d]);
    const disable = actions.find((a) => a.title.startsWith('Disable'))!;
    assert.equal(applyEdits(text, editsFor(disable, uri)).split('\n')[4], `  // mail-config-lint-disable-next-line ${RULE}`);
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.match(applyEdits(text, editsFor(preferred, uri)), /^ {2}secure: true,$/m);
    c.close(uri);
  });

  it('offers "Fix all N safe problems" next to a fix when the file has several', async () => {
    const text = 'services:\n  a:\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 465\n      SMTP_SECURE: "false"\n  b:\n    environment:\n      SMTP_HOST: smtp.example.org\n      SMTP_PORT: 465\n      SMTP_SECURE: "false"\n';
    const uri = c.open(path.join(ws, 'two/compose.yaml'), text, 'dockercompose');
    const ds = byCode(await c.diagnosticsNow(uri), RULE);
    assert.equal(ds.length, 2, JSON.stringify(ds));
    const actions = await c.codeActions(uri, ds[0].range, [ds[0]]);
    const all = actions.find((a) => /^Fix all 2 safe Mail Config Lint problems/.test(a.title));
    assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyEdits(text, editsFor(all!, uri));
    assert.equal(fixed.match(/SMTP_SECURE: "true"/g)?.length, 2);
    // A file with one fixable finding does not get it.
    const one = c.open(path.join(ws, 'one/.env'), BAD_ENV);
    const d1 = byCode(await c.diagnosticsNow(one), RULE)[0];
    assert.ok(!(await c.codeActions(one, d1.range, [d1])).some((a) => a.title.startsWith('Fix all')));
    c.close(one);
    c.close(uri);
  });

  it('CRLF files: ranges, the preferred fix and the disable comment keep CRLF; an existing disable comment is extended', async () => {
    const crlf = BAD_ENV.replace(/\n/g, '\r\n');
    const uri = c.open(path.join(ws, 'crlf/.env'), crlf);
    const d = byCode(await c.diagnosticsNow(uri), RULE)[0];
    assert.equal(d.range.start.line, 2);
    assert.equal(d.range.start.character, 0);
    const actions = await c.codeActions(uri, d.range, [d]);
    const fixed = applyEdits(crlf, editsFor(actions.find((a) => a.isPreferred)!, uri));
    assert.equal(fixed, crlf.replace('SMTP_SECURE=false', 'SMTP_SECURE=true'));
    const disabled = applyEdits(crlf, editsFor(actions.find((a) => a.title.startsWith('Disable'))!, uri));
    assert.equal(disabled, crlf.replace('SMTP_SECURE=false', `# mail-config-lint-disable-next-line ${RULE}\r\nSMTP_SECURE=false`));
    // Another rule already disabled on that line: the id is appended to the same comment.
    const withComment = 'SMTP_PORT=465\n# mail-config-lint-disable-next-line some-other-rule\nSMTP_SECURE=false\n';
    c.change(uri, withComment);
    const d2 = byCode(await c.diagnosticsNow(uri), RULE)[0];
    assert.ok(d2);
    const dis2 = (await c.codeActions(uri, d2.range, [d2])).find((a) => a.title.startsWith('Disable'))!;
    const after2 = applyEdits(withComment, editsFor(dis2, uri));
    assert.equal(after2.split('\n')[1], `# mail-config-lint-disable-next-line some-other-rule, ${RULE}`);
    c.change(uri, after2);
    assert.deepEqual(byCode(await c.diagnosticsNow(uri), RULE), []);
    c.close(uri);
  });

  it('source.fixAll.mailConfigLint applies only safe preferred fixes, also through the server command', async () => {
    const uri = c.open(path.join(ws, 'fixall/.env'), BAD_ENV);
    await c.diagnosticsNow(uri);
    const all = await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.mailConfigLint']);
    assert.equal(all.length, 1);
    assert.equal(all[0].kind, 'source.fixAll.mailConfigLint');
    const fixed = applyEdits(BAD_ENV, editsFor(all[0], uri));
    assert.match(fixed, /^SMTP_SECURE=true$/m);
    assert.match(fixed, /^SMTP_PORT=465$/m, 'the unsafe alternative (587) is not applied');
    // Not offered for plain quick-fix requests (only when asked for the source action).
    const plain = await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []);
    assert.ok(!plain.some((a) => a.kind === 'source.fixAll.mailConfigLint'));
    // The editor-independent command applies the same edit through workspace/applyEdit.
    const r = await c.request<{ applied: number }>('workspace/executeCommand', { command: 'mailConfigLint.server.applyFixAll', arguments: [{ uri, version: c.version(uri) }] });
    assert.ok(r.applied >= 1);
    const applied = c.appliedEdits.at(-1) as { edit: { documentChanges: { edits: { range: Diag['range']; newText: string }[] }[] } };
    assert.equal(applyEdits(BAD_ENV, applied.edit.documentChanges[0].edits), fixed);
    c.change(uri, fixed);
    assert.deepEqual(byCode(await c.diagnosticsNow(uri), RULE), []);
    // Nothing left to fix: no action.
    assert.deepEqual(await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']), []);
    c.close(uri);
  });

  it('hover on the port explains implicit TLS, corrects the "465 is deprecated" myth and includes the finding', async () => {
    const uri = c.open(path.join(ws, 'hover/.env'), BAD_ENV);
    await c.diagnosticsNow(uri);
    const h = await c.hover(uri, 1, 11);
    assert.ok(h, 'hover on SMTP_PORT=465');
    assert.equal(h!.contents.kind, 'markdown');
    const v = h!.contents.value;
    assert.match(v, /port 465 = implicit TLS from the first byte \(RFC 8314 §3\.3\)/);
    assert.match(v, /deprecated.{0,40}outdated|outdated.{0,80}deprecated/is);
    assert.match(v, /What this client will do/);
    assert.match(v, new RegExp(RULE));
    assert.equal(h!.range?.start.line, 1);
    const hs = await c.hover(uri, 2, 3);
    assert.ok(hs && /implicit TLS/.test(hs.contents.value), 'hover on the TLS flag');
    assert.equal(await c.hover(uri, 0, 0).then((x) => (x ? /password/i.test(x.contents.value) : false)), false);
    c.close(uri);
  });

  it('settings apply live: rules off/info, enable, ignore, run onSave', async () => {
    const uri = c.open(path.join(ws, 'settings/.env'), BAD_ENV);
    assert.equal(byCode(await c.diagnosticsNow(uri), RULE).length, 1);

    c.setSettings({ debounce: 0, rules: { [RULE]: 'info' } });
    await c.waitDiagnostics(uri, (p) => byCode(p.diagnostics, RULE)[0]?.severity === 3);
    c.setSettings({ debounce: 0, rules: { [RULE]: 'off' } });
    await c.waitDiagnostics(uri, (p) => byCode(p.diagnostics, RULE).length === 0);
    c.setSettings({ debounce: 0, enable: false });
    await c.waitDiagnostics(uri, (p) => p.diagnostics.length === 0);
    c.setSettings({ debounce: 0, ignore: ['settings/**'] });
    await sleep(150);
    assert.deepEqual(c.diagnostics.get(uri)?.diagnostics, []);
    c.setSettings({ debounce: 0, ignore: ['other/**'] });
    await c.waitDiagnostics(uri, (p) => byCode(p.diagnostics, RULE).length === 1);

    // A settings change re-lints the open documents: wait for that (it lints whatever text is current) before typing.
    const mark = c.allPublished.length;
    c.setSettings({ debounce: 0, run: 'onSave' });
    for (let waited = 0; !c.allPublished.slice(mark).some((p) => p.uri === uri); waited += 20) {
      assert.ok(waited < 30_000, 'the settings change re-linted the open document');
      await sleep(20);
    }
    c.change(uri, 'SMTP_PORT=465\nSMTP_SECURE=true\n');
    const typed = c.version(uri);
    await sleep(300); // room for a wrong lint of the typed text to show up (a re-lint of the old text may: it is not counted)
    const beforeSave = c.allPublished.length;
    c.save(uri);
    await c.waitDiagnostics(uri, (p) => p.version === typed && byCode(p.diagnostics, RULE).length === 0);
    assert.deepEqual(
      c.allPublished.slice(0, beforeSave).filter((p) => p.uri === uri && p.version === typed),
      [],
      'no lint while typing in onSave mode',
    );
    c.setSettings({ debounce: 0 });
    c.close(uri);
  });

  it('cross-file: a .env edit re-lints the open JS that reads it, with related information to the .env line', async () => {
    const dir = path.join(ws, 'cross');
    const js =
      "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT),\n  secure: false,\n  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },\n});\n";
    const envUri = c.open(path.join(dir, '.env'), 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\n');
    await c.diagnosticsNow(envUri);
    const jsUri = c.open(path.join(dir, 'mailer.js'), js);
    const first = await c.diagnosticsNow(jsUri);
    assert.deepEqual(byCode(first, 'cross-file-port-mode-mismatch'), [], '587 + secure:false is right');
    c.change(envUri, 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n');
    const p = await c.waitDiagnostics(jsUri, (x) => byCode(x.diagnostics, 'cross-file-port-mode-mismatch').length === 1);
    const d = byCode(p.diagnostics, 'cross-file-port-mode-mismatch')[0];
    assert.equal(d.range.start.line, 4, 'on the hard-coded secure: false');
    const rel = d.relatedInformation?.find((r) => r.location.uri === envUri);
    assert.ok(rel, `related .env location, got ${JSON.stringify(d.relatedInformation)}`);
    assert.equal(rel!.location.range.start.line, 1);
    // Hover on the port read from the environment says where its value comes from.
    const h = await c.hover(jsUri, 3, 10);
    assert.match(h?.contents.value ?? '', /SMTP_PORT` = `465` from \.env line 2/);
    assert.match(h?.contents.value ?? '', /port 465 = implicit TLS/);
    assert.doesNotMatch(h?.contents.value ?? '', /SMTP_PASS/);
    // and back
    c.change(envUri, 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\n');
    await c.waitDiagnostics(jsUri, (x) => byCode(x.diagnostics, 'cross-file-port-mode-mismatch').length === 0);
    c.close(jsUri);
    c.close(envUri);
  });

  it("cross-file echo: Laravel 'url' => env('MAIL_URL') is reported once, in the .env; the config reports again when the .env stops reading MAIL_URL as Laravel's", async () => {
    const dir = path.join(ws, 'laravel-echo');
    const php = "<?php\nreturn [\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n            'url' => env('MAIL_URL'),\n        ],\n    ],\n];\n";
    const envUri = c.open(path.join(dir, '.env'), 'MAIL_MAILER=smtp\nMAIL_URL=smtp://app@smtp.example.com:587?encryption=tls\n');
    const envDiags = await c.diagnosticsNow(envUri);
    assert.equal(byCode(envDiags, 'symfony-dsn-unknown-option').length, 1, 'the .env reports encryption=tls');
    const phpUri = c.open(path.join(dir, 'config/mail.php'), php);
    assert.deepEqual(byCode(await c.diagnosticsNow(phpUri), 'symfony-dsn-unknown-option'), [], 'config/mail.php only reads it back');
    // Without MAIL_MAILER the .env reads MAIL_URL as a Meteor (nodemailer) URL: Laravel's reading is config/mail.php's own.
    c.change(envUri, 'MAIL_URL=smtp://app@smtp.example.com:587?encryption=tls\n');
    await c.waitDiagnostics(phpUri, (x) => byCode(x.diagnostics, 'symfony-dsn-unknown-option').length === 1);
    c.close(phpUri);
    c.close(envUri);
  });

  it("cross-file: a compose service's environment reaches the code of its build context, and an edit re-lints it", async () => {
    const dir = path.join(ws, 'compose-ctx');
    const compose = (port: string) => `services:\n  web:\n    build:\n      context: ./web\n    environment:\n      - SMTP_PORT=${port}\n`;
    const php = "<?php\n$mail = new PHPMailer\\PHPMailer\\PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n$mail->Port = (int) getenv('SMTP_PORT');\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;\n";
    const yUri = c.open(path.join(dir, 'docker-compose.yml'), compose('465'));
    await c.diagnosticsNow(yUri);
    const phpUri = c.open(path.join(dir, 'web', 'mail.php'), php);
    const p = await c.waitDiagnostics(phpUri, (x) => byCode(x.diagnostics, 'cross-file-port-mode-mismatch').length === 1);
    const rel = byCode(p.diagnostics, 'cross-file-port-mode-mismatch')[0].relatedInformation?.[0];
    assert.equal(rel?.location.uri, yUri, 'related: the compose line');
    assert.equal(rel?.location.range.start.line, 5);
    c.change(yUri, compose('587'));
    await c.waitDiagnostics(phpUri, (x) => byCode(x.diagnostics, 'cross-file-port-mode-mismatch').length === 0);
    c.close(phpUri);
    c.close(yUri);
  });

  it('cross-file: .env files on disk are loaded at start and watched', async () => {
    const dir = path.join(ws, 'disk-only');
    const jsUri = c.open(path.join(dir, 'mailer.js'), fs.readFileSync(path.join(dir, 'mailer.js'), 'utf8'));
    const p = await c.waitDiagnostics(jsUri, (x) => byCode(x.diagnostics, 'cross-file-port-mode-mismatch').length === 1);
    const rel = byCode(p.diagnostics, 'cross-file-port-mode-mismatch')[0].relatedInformation?.[0];
    assert.equal(rel?.location.uri, pathToFileURL(path.join(dir, '.env')).href);
    assert.ok(c.requests.some((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('workspace/didChangeWatchedFiles')), 'registers file watchers');
    fs.writeFileSync(path.join(dir, '.env'), 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\n');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.env')).href, type: 2 }] });
    await c.waitDiagnostics(jsUri, (x) => byCode(x.diagnostics, 'cross-file-port-mode-mismatch').length === 0);
    c.close(jsUri);
  });

  it('Spring: keys the project binds itself (@ConfigurationProperties in a .java file on disk) stay silent; the binding is watched', async () => {
    const java = path.join(ws, 'spring-app/src/main/java/com/example/MailSettings.java');
    const yml = path.join(ws, 'spring-app/src/main/resources/application.yml');
    const text = 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 587\n    properties:\n      mail.smtp.starttls.enable: true\nmail:\n  smtp:\n    timeout: 5000\n';
    const uri = c.open(yml, text);
    const IGN = 'spring-mail-property-ignored';
    // The workspace scan at start-up found the binding: only the other findings (missing-smtp-timeouts) remain.
    await c.waitDiagnostics(uri, (x) => byCode(x.diagnostics, 'missing-smtp-timeouts').length === 1 && byCode(x.diagnostics, IGN).length === 0);
    fs.writeFileSync(java, 'package com.example;\n\npublic class MailSettings {}\n');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(java).href, type: 2 }] });
    const p = await c.waitDiagnostics(uri, (x) => byCode(x.diagnostics, IGN).length === 1);
    assert.equal(byCode(p.diagnostics, IGN)[0].range.start.line, 8);
    fs.writeFileSync(java, SPRING_BINDING);
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(java).href, type: 2 }] });
    await c.waitDiagnostics(uri, (x) => byCode(x.diagnostics, IGN).length === 0);
    c.close(uri);
  });

  it('Django: a .env whose settings module (on disk) assigns EMAIL_TIMEOUT is not told it is missing; the module is watched', async () => {
    const dir = path.join(ws, 'django-proj');
    const envUri = c.open(path.join(dir, '.env'), 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_HOST_USER=app\n');
    assert.deepEqual(byCode(await c.diagnosticsNow(envUri), 'missing-smtp-timeouts'), []);
    const settings = path.join(dir, 'proj', 'settings.py');
    fs.writeFileSync(settings, "import os\nEMAIL_HOST = os.environ['EMAIL_HOST']\n");
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(settings).href, type: 2 }] });
    await c.waitDiagnostics(envUri, (x) => byCode(x.diagnostics, 'missing-smtp-timeouts').length === 1);
    c.close(envUri);
  });

  it('cross-file: a module outside the workspace folders reads the .env next to it', async () => {
    const outside = tmpWorkspace({
      '.env': 'SMTP_PORT=465\n',
      'src/mail.js': "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({\n  port: Number(process.env.SMTP_PORT),\n  secure: false,\n});\n",
    });
    try {
      const file = path.join(outside, 'src/mail.js');
      const uri = c.open(file, fs.readFileSync(file, 'utf8'));
      const p = await c.waitDiagnostics(uri, (x) => byCode(x.diagnostics, 'cross-file-port-mode-mismatch').length === 1);
      assert.equal(byCode(p.diagnostics, 'cross-file-port-mode-mismatch')[0].range.start.line, 3);
      c.close(uri);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('cross-file: a workspace folder added later has its .env files loaded', async () => {
    const extra = tmpWorkspace({ '.env': 'SMTP_PORT=465\n' });
    try {
      c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(extra).href, name: 'extra' }], removed: [] } });
      await sleep(200);
      const file = path.join(extra, 'mail.js');
      const js = "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({\n  port: Number(process.env.SMTP_PORT),\n  secure: false,\n});\n";
      const uri = c.open(file, js);
      await c.waitDiagnostics(uri, (x) => byCode(x.diagnostics, 'cross-file-port-mode-mismatch').length === 1);
      c.close(uri);
    } finally {
      fs.rmSync(extra, { recursive: true, force: true });
    }
  });

  it('project config (.mailconfiglintrc.json) sets severities and is reloaded when it changes', async () => {
    const dir = path.join(ws, 'rc');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.mailconfiglintrc.json'), JSON.stringify({ rules: { [RULE]: 'warning' } }));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.mailconfiglintrc.json')).href, type: 1 }] });
    const uri = c.open(path.join(dir, '.env'), BAD_ENV);
    await c.waitDiagnostics(uri, (p) => byCode(p.diagnostics, RULE)[0]?.severity === 2);
    fs.writeFileSync(path.join(dir, '.mailconfiglintrc.json'), JSON.stringify({ ignore: ['.env'] }));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.mailconfiglintrc.json')).href, type: 2 }] });
    await c.waitDiagnostics(uri, (p) => p.diagnostics.length === 0);
    c.close(uri);
  });

  it('compose YAML: SMTP_PORT 465 with SMTP_SECURE "false" in an environment map', async () => {
    const yaml = 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 465\n      SMTP_SECURE: "false"\n';
    const uri = c.open(path.join(ws, 'compose/compose.yaml'), yaml, 'dockercompose');
    const d = byCode(await c.diagnosticsNow(uri), RULE)[0];
    assert.ok(d);
    assert.equal(d.range.start.line, 6);
    const preferred = (await c.codeActions(uri, d.range, [d])).find((a) => a.isPreferred)!;
    assert.match(applyEdits(yaml, editsFor(preferred, uri)), /SMTP_SECURE: "true"/);
    const h = await c.hover(uri, 5, 18);
    assert.match(h?.contents.value ?? '', /port 465 = implicit TLS from the first byte/);
    assert.match(h?.contents.value ?? '', /compose/i, 'the config label names the compose service');
    c.close(uri);
  });

  it('hover never shows a password, even of a URL resolved from .env', async () => {
    const dir = path.join(ws, 'secret');
    const envUri = c.open(path.join(dir, '.env'), 'SMTP_URL=smtp://mailer:S3cretPw@smtp.example.com:465\nSMTP_PASS=An0therSecret\n');
    await c.diagnosticsNow(envUri);
    const js = "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport(process.env.SMTP_URL);\nconst t2 = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, auth: { user: 'a', pass: process.env.SMTP_PASS } });\n";
    const jsUri = c.open(path.join(dir, 'mail.js'), js);
    await c.diagnosticsNow(jsUri);
    const texts: string[] = [];
    for (const [uri, text] of [[envUri, c.text(envUri)], [jsUri, js]] as const) {
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        for (let ch = 0; ch < lines[line].length; ch += 3) {
          const h = await c.hover(uri, line, ch);
          if (h) texts.push(h.contents.value);
        }
      }
    }
    assert.ok(texts.some((t) => /In a mail URL/.test(t)), 'a hover on the URL');
    for (const t of texts) {
      assert.doesNotMatch(t, /S3cretPw|An0therSecret/);
    }
    const all = [...c.diagnostics.get(envUri)!.diagnostics, ...c.diagnostics.get(jsUri)!.diagnostics].map((d) => d.message).join('\n');
    assert.doesNotMatch(all, /S3cretPw|An0therSecret/);
    c.close(jsUri);
    c.close(envUri);
  });

  it('an untitled buffer in dotenv mode is linted by its language id', async () => {
    const uri = 'untitled:Untitled-1';
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dotenv', version: 1, text: BAD_ENV } });
    const p = await c.waitDiagnostics(uri, (x) => x.diagnostics.length > 0);
    assert.equal(byCode(p.diagnostics, RULE)[0]?.range.start.line, 2);
    const fix = (await c.codeActions(uri, byCode(p.diagnostics, RULE)[0].range, [byCode(p.diagnostics, RULE)[0]])).find((a) => a.isPreferred);
    assert.match(applyEdits(BAD_ENV, editsFor(fix!, uri)), /^SMTP_SECURE=true$/m);
    c.close(uri);
  });

  it('documents that cannot hold mail settings get empty diagnostics', async () => {
    const uri = c.open(path.join(ws, 'plain/util.js'), 'export const add = (a, b) => a + b;\n'.repeat(2000));
    assert.deepEqual(await c.diagnosticsNow(uri), []);
    c.close(uri);
  });

  it('a binary document does not crash the server', async () => {
    const bin = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1') + '\0SMTP_PORT=465\nSMTP_SECURE=false\n';
    const uri = c.open(path.join(ws, 'bin/.env'), bin);
    assert.deepEqual(await c.diagnosticsNow(uri), []);
    assert.equal(await c.hover(uri, 0, 0), null);
    c.close(uri);
  });

  it('a 5 MB document is linted (bounded) and the server stays responsive', async () => {
    const filler = 'APP_FEATURE_FLAG_NUMBER_0000=some-long-value-that-is-not-mail-related-at-all\n';
    const lines = Math.ceil(5_000_000 / filler.length);
    const big = 'SMTP_PORT=465\nSMTP_SECURE=false\n' + filler.repeat(lines);
    assert.ok(big.length >= 5_000_000);
    const uri = c.open(path.join(ws, 'big/.env'), big);
    const t0 = Date.now();
    const ds = await c.diagnosticsNow(uri, 60000);
    const ms = Date.now() - t0;
    assert.equal(byCode(ds, RULE)[0]?.range.start.line, 1, `5 MB .env linted in ${ms} ms`);
    // An edit to the big document is handled too, and other documents are served meanwhile.
    c.edit(uri, { start: { line: 1, character: 12 }, end: { line: 1, character: 17 } }, 'true');
    const small = c.open(path.join(ws, 'big2/.env'), BAD_ENV);
    assert.equal(byCode(await c.diagnosticsNow(small, 60000), RULE).length, 1);
    await c.waitDiagnostics(uri, (p) => p.version === c.version(uri) && byCode(p.diagnostics, RULE).length === 0, 60000);
    c.close(uri);
    c.close(small);
  });

  it('a 5 MB nodemailer module is read in bounded mode and says so', async () => {
    const js = "import nodemailer from 'nodemailer';\n" + 'export const filler = [1, 2, 3];\n'.repeat(160000) + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: false });\n";
    assert.ok(js.length >= 5_000_000);
    const uri = c.open(path.join(ws, 'bigjs/mailer.ts'), js);
    const ds = await c.diagnosticsNow(uri, 60000);
    const lines = js.split('\n').length - 2;
    assert.equal(byCode(ds, RULE)[0]?.range.start.line, lines, JSON.stringify(ds).slice(0, 500));
    const note = ds.find((d) => d.code === undefined && d.severity === 3);
    assert.ok(note && /large file/i.test(note.message), `bounded-mode note, got ${JSON.stringify(ds).slice(0, 500)}`);
    c.close(uri);
  });

  it('read problems are shown by kind, not by their wording: a PHP file too large to read says so, a syntax error stays in the log', async () => {
    // Issue 11: the publisher shows 'too-large' and 'bounded-mode' problems; it used to match the message text
    // ("large file|too large|bounded|not parsed as a whole") and missed the code readers' "file is larger than".
    const php = "<?php\n$mail = new PHPMailer\\PHPMailer\\PHPMailer();\n$mail->SMTPSecure = 'tls';\n$mail->Host = 'smtp.example.com';\n" + '$filler[] = 1;\n'.repeat(150000);
    assert.ok(php.length > 2_000_000);
    const uri = c.open(path.join(ws, 'bigphp/mail.php'), php);
    const ds = await c.diagnosticsNow(uri, 60000);
    const notes = ds.filter((d) => d.code === undefined && d.severity === 3);
    assert.equal(notes.length, 1, JSON.stringify(ds).slice(0, 500));
    assert.match(notes[0].message, /^Mail Config Lint: file is larger than/);
    c.close(uri);
    // A syntax error whose text happens to say "too large" is not a size note.
    const yml = 'services:\n  app:\n    environment:\n      SMTP_PORT: [465\n      too large file bounded: "x\n';
    const y = c.open(path.join(ws, 'broken-words/docker-compose.yml'), yml);
    const yds = await c.diagnosticsNow(y, 60000);
    assert.deepEqual(yds.filter((d) => d.code === undefined), [], JSON.stringify(yds).slice(0, 500));
    c.close(y);
  });

  it('a document closed mid-lint leaves no diagnostics behind', async () => {
    const big = 'SMTP_PORT=465\nSMTP_SECURE=false\n' + 'X_PADDING_VALUE=abcdefghijklmnopqrstuvwxyz0123456789\n'.repeat(60000);
    const uri = c.open(path.join(ws, 'closing/.env'), big);
    c.change(uri, big + 'Y=1\n');
    c.close(uri);
    await sleep(1500);
    const last = c.allPublished.filter((p) => p.uri === uri).at(-1);
    assert.ok(!last || last.diagnostics.length === 0, `last publish after close must be empty: ${JSON.stringify(last)?.slice(0, 300)}`);
    const probe = c.open(path.join(ws, 'closing2/.env'), BAD_ENV);
    assert.equal(byCode(await c.diagnosticsNow(probe), RULE).length, 1, 'server still works');
    c.close(probe);
  });
});
