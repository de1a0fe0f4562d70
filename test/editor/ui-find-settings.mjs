// UI test of "Find SMTP Settings…" in the real editor: installs the packaged .vsix into code-server, opens a
// .env whose SMTP_USER is me@srv.test, runs the command from F1, checks the address box is prefilled, waits for
// the quick pick of candidates (recommended first, with its evidence), picks it, and checks the edit in the
// editor (live text, not saved) and that Undo reverts it. Then the other way in: "Test this connection" on the
// configuration (its port refuses) reports "Connection refused on PORT: find the right settings" with a
// "Find settings…" button and leaves a "Find working settings" code lens; the button leads to the same quick
// pick, and the edit removes the lens. Everything it contacts is on 127.0.0.1: a DNS server
// (mailConfigLint.discovery.dnsServer) answering the SRV records, and smtp-server stand-ins whose test CA the
// extension host trusts through NODE_EXTRA_CA_CERTS (test/discover/helpers.ts).
// Screenshots go to a temp folder (printed; removed after a passing run). With MCL_DOCS_IMAGES=<dir> the quick
// pick is also saved as <dir>/find-smtp-settings.png (npm run screenshots:find; tests never write tracked files).
// Exit 0 = passed, 1 = failed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { requireCodeServer } from './requirements.mjs';

requireCodeServer('test:ui (find settings)');

const harness = resolve(process.env.VSC_HARNESS_DIR ?? '../shared/tools/vscode-harness', 'cs-harness.mjs');
const { startCodeServer, launchChromium } = await import(harness);
const helpers = await tsImport('../discover/helpers.ts', import.meta.url);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'mcl-find-ui-'));
const out = join(tmp, 'out');
const ws = join(tmp, 'ws');
mkdirSync(out, { recursive: true });
mkdirSync(ws, { recursive: true });

const t0 = Date.now();
const log = (...m) => console.log(`[ui-find-settings +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...m);
const watchdog = setTimeout(() => {
  log('TIMEOUT');
  console.log('0 passed, 1 failed');
  process.exit(124);
}, Number(process.env.UI_TEST_TIMEOUT ?? 180) * 1000);
watchdog.unref();

const cert = helpers.testCert(['smtp.srv.test']);
const caFile = join(tmp, 'test-ca.pem');
writeFileSync(caFile, cert.cert);
const smtp = await helpers.startSmtp(cert);
const refused = await helpers.closedPort();
const ENV = `APP_NAME=shop\nSMTP_HOST=127.0.0.1\nSMTP_PORT=${refused}\nSMTP_SECURE=false\nSMTP_USER=me@srv.test\n`;
writeFileSync(join(ws, '.env'), ENV);
const dns = await helpers.startDns({
  'srv.test': {},
  'smtp.srv.test': { A: ['127.0.0.1'] },
  '_submissions._tcp.srv.test': { SRV: [{ priority: 0, weight: 1, port: smtp.implicit, target: 'smtp.srv.test' }] },
  '_submission._tcp.srv.test': { SRV: [{ priority: 0, weight: 1, port: smtp.starttls, target: 'smtp.srv.test' }] },
});

/** The editor's text as shown (Monaco renders spaces as no-break spaces). */
async function editorText(page) {
  return (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

let cs;
let browser;
let page;
let step = 'start code-server';
let ok = false;
try {
  cs = await startCodeServer({
    outDir: join(out, 'code-server'),
    vsix: [`mail-config-lint-${version}.vsix`],
    env: { NODE_EXTRA_CA_CERTS: caFile },
    settings: {
      'mailConfigLint.discovery.dnsServer': dns.address,
      'mailConfigLint.scope': 'openFiles',
      'editor.minimap.enabled': false,
      'editor.fontSize': 15,
      'files.autoSave': 'off',
      'workbench.colorTheme': 'Default Dark Modern',
      'window.commandCenter': false,
      'workbench.layoutControl.enabled': false,
    },
  });
  log(`code-server on ${cs.authority}; DNS ${dns.address}; SMTP stand-ins ${smtp.implicit} (implicit TLS), ${smtp.starttls} (STARTTLS)`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 680 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(30_000);

  step = 'open .env';
  await page.goto(`http://${cs.authority}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.getByRole('treeitem', { name: /^\.env(,|$)/ }).dblclick();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  // The server knows the file once its code lens is there.
  await page.locator('.codelens-decoration', { hasText: 'Test this connection' }).first().waitFor();
  await page.locator('.view-line', { hasText: `SMTP_PORT=${refused}` }).first().click();

  step = 'run "Mail Config Lint: Find SMTP Settings…" from F1';
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('>Mail Config Lint: Find SMTP Settings');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Find SMTP Settings' }).first().waitFor();
  await page.keyboard.press('Enter');

  step = 'the address box is prefilled from SMTP_USER';
  await page.locator('.quick-input-widget', { hasText: 'Thunderbird' }).waitFor(); // the privacy text in the prompt
  await page.waitForFunction(() => document.querySelector('.quick-input-widget input')?.value === 'me@srv.test');
  log('address prefilled: me@srv.test');
  await page.keyboard.press('Enter');

  step = 'quick pick of the candidates, recommended first, with evidence';
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: `smtp.srv.test:${smtp.implicit}` }).first().waitFor();
  await rows.filter({ hasText: `smtp.srv.test:${smtp.starttls}` }).first().waitFor();
  const first = (await rows.first().innerText()).replace(/\s+/g, ' ');
  if (!first.includes(`smtp.srv.test:${smtp.implicit}`) || !/recommended/.test(first) || !/SRV record _submissions\._tcp\.srv\.test/.test(first) || !/certificate valid for smtp\.srv\.test/.test(first)) {
    throw new Error(`first row: ${first}`);
  }
  log(`first row: ${first}`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, 'find-smtp-settings.png') });
  if (process.env.MCL_DOCS_IMAGES) {
    mkdirSync(resolve(process.env.MCL_DOCS_IMAGES), { recursive: true });
    await page.screenshot({ path: join(resolve(process.env.MCL_DOCS_IMAGES), 'find-smtp-settings.png') });
    log(`docs image written to ${process.env.MCL_DOCS_IMAGES}/find-smtp-settings.png`);
  }

  step = 'pick the recommended candidate: the config is edited in its dialect';
  await page.keyboard.press('Enter');
  await page.locator('.view-line', { hasText: `SMTP_PORT=${smtp.implicit}` }).first().waitFor();
  const edited = await editorText(page);
  const want = `APP_NAME=shop\nSMTP_HOST=smtp.srv.test\nSMTP_PORT=${smtp.implicit}\nSMTP_SECURE=true\nSMTP_USER=me@srv.test`;
  if (!edited.includes(want)) throw new Error(`editor text after the pick:\n${edited}`);
  if (readFileSync(join(ws, '.env'), 'utf8') !== ENV) throw new Error('the file on disk changed: the edit must go to the editor, unsaved');
  await page.locator('.notifications-toasts .notification-toast', { hasText: `wrote smtp.srv.test:${smtp.implicit} (implicit TLS)` }).first().waitFor();
  log('edit applied to the live document (not saved)');
  await page.screenshot({ path: join(out, 'edited.png') });

  step = 'Undo reverts the whole edit';
  await page.locator('.view-line', { hasText: 'SMTP_HOST=smtp.srv.test' }).first().click();
  await page.keyboard.press('Control+Z');
  await page.locator('.view-line', { hasText: `SMTP_PORT=${refused}` }).first().waitFor();
  const undone = await editorText(page);
  if (!undone.includes(ENV.trimEnd())) throw new Error(`after Undo:\n${undone}`);
  log('undo restored the original settings');
  await page.keyboard.press('Escape');

  step = 'Test this connection fails: the report offers Find settings…, and a "Find working settings" lens appears';
  await page.locator('.codelens-decoration a', { hasText: 'Test this connection' }).first().click();
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `Connection refused on ${refused}: find the right settings` }).first();
  await toast.waitFor();
  await page.locator('.codelens-decoration', { hasText: 'Find working settings' }).first().waitFor();
  log(`report: ${(await toast.innerText()).replace(/\s+/g, ' ')}`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, 'test-failed.png') });
  await toast.getByRole('button', { name: 'Find settings…' }).click();

  step = 'the button opens the prefilled address box, then the quick pick; the pick edits the config';
  await page.waitForFunction(() => document.querySelector('.quick-input-widget input')?.value === 'me@srv.test');
  await page.keyboard.press('Enter');
  await rows.filter({ hasText: `smtp.srv.test:${smtp.starttls}` }).first().waitFor();
  // This time the second candidate: STARTTLS, written as required.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('.view-line', { hasText: `SMTP_PORT=${smtp.starttls}` }).first().waitFor();
  const second = await editorText(page);
  // The generic expresser adds the require-TLS switch after the block's last entry.
  const want2 = `APP_NAME=shop\nSMTP_HOST=smtp.srv.test\nSMTP_PORT=${smtp.starttls}\nSMTP_SECURE=false\nSMTP_USER=me@srv.test\nSMTP_REQUIRE_TLS=true`;
  if (!second.includes(want2)) throw new Error(`editor text after the second pick:\n${second}`);
  log('STARTTLS candidate written as required');

  step = 'the edit of the endpoint removes the "Find working settings" lens';
  await page.waitForFunction(() => ![...document.querySelectorAll('.codelens-decoration')].some((e) => /Find working settings/.test(e.textContent ?? '')));
  log('lens gone after the edit');
  if (smtp.authAttempts !== 0) throw new Error(`AUTH was attempted ${smtp.authAttempts} times`);
  ok = true;
} catch (e) {
  log(`FAILED at: ${step}: ${e?.message ?? e}`);
  if (page) await page.screenshot({ path: join(out, 'failure.png') }).catch(() => {});
} finally {
  await browser?.close().catch(() => {});
  await cs?.stop();
  if (cs) rmSync(cs.state, { recursive: true, force: true });
  await Promise.all([smtp.close(), dns.close()]);
  if (ok) rmSync(tmp, { recursive: true, force: true });
  else log(`screenshots and logs in ${out}`);
}
console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
process.exit(ok ? 0 : 1);
