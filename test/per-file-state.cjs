// Test files run in parallel, one process each (node --test). Per-user state that the code under test keeps
// must not be shared between them: each test-file process gets its own CLI V8 code-cache folder (the bin
// caches compiled code in ~/.cache/mail-config-lint by default), removed when the process exits.
// Preloaded by scripts/run-tests.mjs (--require); the runner's own process (no NODE_TEST_CONTEXT) is left alone.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (process.env.NODE_TEST_CONTEXT && !process.env.MAIL_CONFIG_LINT_CACHE_DIR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-test-cache-'));
  process.env.MAIL_CONFIG_LINT_CACHE_DIR = dir;
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}
