// npm run test:electron: the same integration tests (out/test/editor) in a desktop VS Code downloaded by
// @vscode/test-electron. Needs network access to update.code.visualstudio.com, so it is not part of
// `npm test` (the code-server harness in test/editor/run.mjs runs them offline). VSCODE_VERSION picks the
// build (default: 1.100.3, the version the harness pins; 'stable' for the newest).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const ws = join(mkdtempSync(join(tmpdir(), 'mcl-electron-')), 'ws');
cpSync('test/fixtures/ws', ws, { recursive: true });
let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: resolve('.'),
    extensionTestsPath: resolve('out/test/editor/index'),
    extensionTestsEnv: { EXT_TEST_RESULTS: resolve('out/electron-tests/results.json') },
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (e) {
  console.error(`test:electron failed: ${e?.message ?? e}`);
} finally {
  rmSync(join(ws, '..'), { recursive: true, force: true });
}
process.exit(code);
