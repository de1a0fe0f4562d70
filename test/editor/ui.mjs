// npm run test:ui: installs the packaged .vsix into a fresh code-server, opens the bad .env of a copy of
// test/fixtures/ws from the Explorer, checks the Problems panel and that F1 lists
// "Mail Config Lint: Test SMTP Connection" (vscode-harness ui-test.mjs; screenshots in out/ui).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { requireCodeServer } from './requirements.mjs';

requireCodeServer('test:ui');

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = `mail-config-lint-${version}.vsix`;
const harness = resolve(process.env.VSC_HARNESS_DIR ?? '../shared/tools/vscode-harness', 'ui-test.mjs');
const ws = join(mkdtempSync(join(tmpdir(), 'mcl-ui-')), 'ws');
cpSync('test/fixtures/ws', ws, { recursive: true });
const r = spawnSync(
  process.execPath,
  [
    harness, '--vsix', vsix, '--folder', ws, '--out', 'out/ui', '--open', '.env',
    '--problem', 'implicit-tls-port-without-tls', '--problem', 'SMTP_SECURE=false',
    '--command', 'Mail Config Lint: Test SMTP Connection', '--notification', '',
    '--timeout', process.env.UI_TEST_TIMEOUT ?? '180',
  ],
  { stdio: 'inherit' },
);
rmSync(join(ws, '..'), { recursive: true, force: true });
process.exit(r.status ?? 1);
