// The `mail-config-lint` bin (dist/cli.js): a tiny start-up shim that runs the real CLI bundle
// (dist/cli-main.js, built from main.ts) through V8's code cache (codeCache.ts), so a one-file run costs little
// more than starting node. The cache is rewritten (once) when a run lints a format whose reader it has not seen
// yet (the CLI records them, noteFormatUsed). Any problem with the cache falls back to a plain require.
import * as path from 'node:path';
import { runEntryBundle } from '../codeCache';

runEntryBundle(path.join(__dirname, 'cli-main.js'), 'cli', 'mail-config-lint');
