// README screenshots from the real editor: installs the packaged .vsix into code-server, opens the bad
// .env of the fixture workspace and captures the diagnostic, the quick-fix menu and the hover.
// usage: npm run package && node test/editor/screenshots.mjs [--out docs/images]
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const harness = resolve(process.env.VSC_HARNESS_DIR ?? '../shared/tools/vscode-harness', 'cs-harness.mjs');
const { startCodeServer, launchChromium } = await import(harness);
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : 'docs/images');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const ws = join(mkdtempSync(join(tmpdir(), 'mcl-shots-')), 'project');
cpSync('test/fixtures/ws', ws, { recursive: true });
rmSync(join(ws, 'fixall'), { recursive: true, force: true });
rmSync(join(ws, 'onsave'), { recursive: true, force: true });
rmSync(join(ws, 'README.md'), { force: true });

const cs = await startCodeServer({
  outDir: 'out/screenshots',
  vsix: [`mail-config-lint-${version}.vsix`],
  settings: { 'editor.fontSize': 15, 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Dark Modern', 'window.commandCenter': false, 'workbench.layoutControl.enabled': false },
});
const browser = await launchChromium();
const step = (m) => console.log(`[screenshots] ${m}`);
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 680 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(30_000);
  await page.goto(`http://${cs.authority}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.getByRole('treeitem', { name: /^\.env(,|$)/ }).dblclick();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  await page.waitForFunction(() => /[1-9]/.test(document.getElementById('status.problems')?.textContent || ''));
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').getByText('implicit-tls-port-without-tls').first().waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, 'diagnostic.png') });
  step('diagnostic.png');

  // Quick fix menu on the SMTP_SECURE line.
  const secure = page.locator('.view-line', { hasText: 'SMTP_SECURE=false' }).first();
  await secure.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Control+.');
  await page.locator('.action-widget').first().waitFor();
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(out, 'quick-fix.png') });
  step('quick-fix.png');
  await page.keyboard.press('Escape');

  // Hover on the port value.
  await page.keyboard.press('Control+J'); // hide the panel: more room for the hover
  await page.waitForTimeout(300);
  const port = page.locator('.view-line span', { hasText: /^SMTP_PORT=465$/ }).last();
  const box = await port.boundingBox();
  await page.mouse.move(box.x + box.width - 12, box.y + box.height / 2);
  await page.locator('.monaco-hover').filter({ hasText: 'implicit TLS' }).first().waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, 'hover.png') });
  step('hover.png');
} finally {
  await browser.close();
  await cs.stop();
  rmSync(cs.state, { recursive: true, force: true });
  rmSync(join(ws, '..'), { recursive: true, force: true });
}
