// npm run test:vscode: the integration tests inside a real VS Code extension host (code-server + headless
// Chromium, see ../shared/tools/vscode-harness/README.md), on a fresh copy of test/fixtures/ws.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { requireCodeServer } from './requirements.mjs';

requireCodeServer('test:vscode');

const harness = resolve(process.env.VSC_HARNESS_DIR ?? '../shared/tools/vscode-harness', 'run-ext-tests.mjs');
const ws = join(mkdtempSync(join(tmpdir(), 'mcl-editor-')), 'ws');
cpSync('test/fixtures/ws', ws, { recursive: true });
const r = spawnSync(
  process.execPath,
  [harness, '--ext', '.', '--tests', './out/test/editor/index', '--folder', ws, '--out', 'out/ext-tests', '--timeout', process.env.EXT_TEST_TIMEOUT ?? '180'],
  { stdio: 'inherit' },
);
rmSync(join(ws, '..'), { recursive: true, force: true });
process.exit(r.status ?? 1);
