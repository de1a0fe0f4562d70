// Screenshot of the "Test SMTP Connection" flow in the real editor (code-server + headless Chromium, see
// ../shared/tools/vscode-harness/), against the Postfix lab: code lens → result notification with
// "Apply fix" and the transcript in the output channel → the fix applied.
// usage: bash ../shared/tools/mta-lab/start-postfix.sh && npm run package && node test/probe-lab/screenshot.mjs [--out docs/images]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const harness = resolve(process.env.VSC_HARNESS_DIR ?? '../shared/tools/vscode-harness', 'cs-harness.mjs');
const { startCodeServer, launchChromium } = await import(harness);
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : 'docs/images');
mkdirSync(out, { recursive: true });
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const ws = join(mkdtempSync(join(tmpdir(), 'mcl-probe-shot-')), 'app');
mkdirSync(ws, { recursive: true });
// No password in the file: nothing secret can appear on the screenshot.
writeFileSync(join(ws, '.env'), '# mailer settings\nSMTP_HOST=127.0.0.1\nSMTP_PORT=2465\nSMTP_SECURE=false\nSMTP_FROM=app@example.com\n');

const cs = await startCodeServer({
  outDir: 'out/screenshots',
  vsix: [`mail-config-lint-${version}.vsix`],
  settings: {
    'editor.fontSize': 15,
    'editor.minimap.enabled': false,
    'workbench.colorTheme': 'Default Dark Modern',
    'window.commandCenter': false,
    'workbench.layoutControl.enabled': false,
    'mailConfigLint.connectionTest.timeoutMs': 3000,
  },
});
const browser = await launchChromium();
const step = (m) => console.log(`[probe-screenshot] ${m}`);
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(30_000);
  await page.goto(`http://${cs.authority}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.getByRole('treeitem', { name: /^\.env(,|$)/ }).dblclick();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  const lens = page.locator('.codelens-decoration a', { hasText: 'Test this connection' }).first();
  await lens.waitFor();
  step('code lens visible');
  await lens.click();
  const apply = page.locator('.notifications-toasts .monaco-button', { hasText: 'Apply fix' }).first();
  await apply.waitFor();
  await page.locator('.output-view .view-lines', { hasText: 'port-expects-implicit-tls' }).first().waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, 'test-connection.png') });
  step('test-connection.png');
  await apply.click();
  await page.locator('.view-line', { hasText: 'SMTP_SECURE=true' }).first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, 'test-connection-fixed.png') });
  step('test-connection-fixed.png');
} catch (e) {
  const pages = browser.contexts().flatMap((c) => c.pages());
  if (pages[0]) await pages[0].screenshot({ path: join('out/screenshots', 'probe-failure.png') });
  throw e;
} finally {
  await browser.close();
  await cs.stop();
  rmSync(cs.state, { recursive: true, force: true });
  rmSync(join(ws, '..'), { recursive: true, force: true });
}
