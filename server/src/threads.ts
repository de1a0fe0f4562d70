// Which script a worker thread runs. The bundles (dist/cli-main.js, dist/server.js) are their own worker
// script: their entry module sees the worker's tag in workerData and runs the worker loop instead.
// Source runs (tsx, tests) start the entry module under the main thread's --import tsx.

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `sourceEntry`: the .ts entry module to require in a source run (its bundle is the running file).
 * `shim`: a start-up shim beside the bundle that runs it (dist/cli.js or dist/server.js, which compile the bundle
 * from V8's code cache); the worker starts through it when it is there.
 */
export function workerScript(sourceEntry: string, shim?: string): { file: string; eval: boolean } {
  if (__filename.endsWith('.ts')) return { file: `require(${JSON.stringify(sourceEntry)});`, eval: true };
  if (shim) {
    const file = path.join(path.dirname(__filename), shim);
    if (fs.existsSync(file)) return { file, eval: false };
  }
  return { file: __filename, eval: false };
}
