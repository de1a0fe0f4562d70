// npm run test:vscode: the integration tests inside a real VS Code extension host (code-server + headless
// Chromium, see ../shared/tools/vscode-harness/README.md), on a fresh copy of test/fixtures/ws.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { requireCodeServer } from './requirements.mjs';

requireCodeServer('test:vscode');

const harness = resolve(process.env.VSC_HARNESS_DIR ?? '../shared/tools/vscode-harness', 'run-ext-tests.mjs');
// Each run: a fresh copy of its folder; MCL_EDITOR_SUITE picks the suites that need that folder (index.ts).
// Second run (issue 15): examples/ opened as the workspace, nothing opened by the test, every finding shown.
const runs = [
  { folder: 'test/fixtures/ws', suite: undefined, out: 'out/ext-tests' },
  { folder: 'examples', suite: 'workspace-examples', out: 'out/ext-tests-examples' },
];
let status = 0;
for (const run of runs) {
  const ws = join(mkdtempSync(join(tmpdir(), 'mcl-editor-')), 'ws');
  cpSync(run.folder, ws, { recursive: true });
  const env = { ...process.env };
  if (run.suite) env.MCL_EDITOR_SUITE = run.suite;
  else delete env.MCL_EDITOR_SUITE;
  const r = spawnSync(
    process.execPath,
    [harness, '--ext', '.', '--tests', './out/test/editor/index', '--folder', ws, '--out', run.out, '--timeout', process.env.EXT_TEST_TIMEOUT ?? '180'],
    { stdio: 'inherit', env },
  );
  rmSync(join(ws, '..'), { recursive: true, force: true });
  if ((r.status ?? 1) !== 0) status = r.status ?? 1;
}
process.exit(status);
