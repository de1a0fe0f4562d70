// The real-editor suites need code-server and Chromium, which `.ci/run` installs
// (../shared/tools/vscode-harness/install-code-server.sh, as root). On a developer machine without them
// the suite says so and stops with success, so `npm test` works from a fresh clone; in CI (CI=true) or
// with MCL_REQUIRE_EDITOR=1 a missing piece is a failure.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, name)));
}

export function requireCodeServer(suite) {
  const bin = process.env.CODE_SERVER_BIN ?? join(homedir(), '.cache/vsc-harness/code-server-4.100.3/code-server');
  const chromium = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
  const missing = [];
  if (!existsSync(bin) && !onPath('code-server')) missing.push('code-server');
  if (!existsSync(chromium)) missing.push('chromium');
  if (missing.length === 0) return;
  const how = 'install with `bash ../shared/tools/vscode-harness/install-code-server.sh` (as root; .ci/run does it)';
  if (process.env.CI === 'true' || process.env.MCL_REQUIRE_EDITOR === '1') {
    console.error(`${suite}: ${missing.join(' and ')} not installed; ${how}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`${suite}: SKIPPED, ${missing.join(' and ')} not installed; ${how}`);
  console.log('0 passed, 0 failed, 1 skipped');
  process.exit(0);
}
