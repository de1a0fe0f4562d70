// The `mail-config-lint-server` bin (dist/server.js, also what the VS Code extension starts): a tiny start-up
// shim that runs the language server bundle (dist/server-main.js, built from main.ts) through V8's code cache
// (codeCache.ts). Compiling the ~1.3 MB bundle was most of the time from spawn to the first diagnostics. The
// cache is written when the server exits (LSP `exit`), rewritten once when it linted a format the cached code
// had not seen. Any problem with the cache falls back to a plain require.
import * as path from 'node:path';
import { runEntryBundle } from '../codeCache';

runEntryBundle(path.join(__dirname, 'server-main.js'), 'server', 'mail-config-lint-server');
