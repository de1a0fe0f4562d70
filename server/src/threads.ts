// Which script a worker thread runs. The bundles (dist/cli-main.js, dist/server.js) are their own worker
// script: their entry module sees the worker's tag in workerData and runs the worker loop instead.
// Source runs (tsx, tests) start the entry module under the main thread's --import tsx.

/** `sourceEntry`: the .ts entry module to require in a source run (its bundle is the running file). */
export function workerScript(sourceEntry: string): { file: string; eval: boolean } {
  if (__filename.endsWith('.ts')) return { file: `require(${JSON.stringify(sourceEntry)});`, eval: true };
  return { file: __filename, eval: false };
}
