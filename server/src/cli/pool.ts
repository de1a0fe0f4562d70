// Worker threads for big trees (--concurrency): node:worker_threads directly (no pool library: one
// message type, chunks of files in, report entries out). Each worker rebuilds the main thread's
// FileLinter from a snapshot of every .env* file it read, so process.env.X resolves exactly as in a
// single-threaded run; files are handed out in discovery order, a chunk at a time, to whichever worker
// is free, and every result carries its discovery index so the caller can report in a stable order.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EnvSnapshot, LintSetup } from './lintFile';
import type { FileOutcome } from './report';

/** Marks the workerData of our workers (main.ts starts the worker loop when it sees it). */
export const WORKER_TAG = 'mail-config-lint-worker';

export interface WorkerData {
  tag: typeof WORKER_TAG;
  setup: LintSetup;
  snapshot: EnvSnapshot;
}

/** A chunk handed to a worker: files with their discovery indexes. */
export interface ChunkMessage {
  start: number;
  files: string[];
}

/** A worker's answer: the report entries of the chunk's files that have any (index → entries). */
export interface ChunkResult {
  start: number;
  count: number;
  results: [number, FileOutcome[]][];
}

export type Concurrency = number | 'auto' | 'off';

/** Below this many files to lint in parallel, `auto` stays on the main thread: starting workers costs more. */
export const AUTO_MIN_FILES = 2000;

/** Worker count for `--concurrency`: 0 means lint on the main thread. */
export function workerCount(c: Concurrency, files: number): number {
  if (c === 'off') return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (c === 'auto') return files >= AUTO_MIN_FILES && cores > 1 ? Math.min(cores, 8) : 0;
  return Math.max(1, Math.min(c, Math.max(1, files)));
}

/** The script a worker runs: the CLI bundle itself (dist/cli-main.js), or main.ts under tsx (tests). */
function workerEntry(): { file: string; eval: boolean } {
  if (__filename.endsWith('.ts')) {
    // Source run (tsx): workers inherit the --import tsx of the main thread's execArgv.
    return { file: `require(${JSON.stringify(path.join(__dirname, 'main.ts'))});`, eval: true };
  }
  return { file: __filename, eval: false };
}

/**
 * Lints `files[i]` for every i in worker threads; `onResult(i, entries)` is called (on the main thread)
 * as each file's entries arrive (entries empty when the file had nothing to report). A worker that dies
 * hands its unfinished chunk to `fallback` (lints on the main thread), so no file is lost.
 */
export function lintInWorkers(
  files: string[],
  n: number,
  data: Omit<WorkerData, 'tag'>,
  onResult: (index: number, entries: FileOutcome[]) => void,
  fallback: (index: number) => FileOutcome[],
): Promise<void> {
  // Chunks: small enough to balance the load and stream results, big enough to keep messages few.
  const chunk = Math.max(8, Math.min(256, Math.ceil(files.length / (n * 16))));
  let next = 0;
  const entry = workerEntry();
  return new Promise((resolve) => {
    let alive = 0;
    const take = (): ChunkMessage | undefined => {
      if (next >= files.length) return undefined;
      const start = next;
      next = Math.min(files.length, next + chunk);
      return { start, files: files.slice(start, next) };
    };
    const finish = () => {
      if (--alive === 0) {
        // Every worker gone: whatever was never handed out (all workers died early) runs here.
        for (let m = take(); m; m = take()) m.files.forEach((_, k) => onResult(m!.start + k, fallback(m!.start + k)));
        resolve();
      }
    };
    for (let w = 0; w < n; w++) {
      const worker = new Worker(entry.file, { eval: entry.eval, workerData: { tag: WORKER_TAG, ...data } satisfies WorkerData, stdout: false, stderr: false });
      alive++;
      let current = take();
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        void worker.terminate();
        finish();
      };
      worker.on('message', (r: ChunkResult) => {
        const got = new Map(r.results);
        for (let k = 0; k < r.count; k++) onResult(r.start + k, got.get(r.start + k) ?? []);
        current = take();
        if (current) worker.postMessage(current);
        else end();
      });
      worker.on('error', () => {
        // The chunk in flight is linted here instead (each file guarded), then this worker is done.
        if (current) for (let k = 0; k < current.files.length; k++) onResult(current.start + k, fallback(current.start + k));
        current = undefined;
        end();
      });
      worker.on('exit', () => {
        if (current && !done) for (let k = 0; k < current.files.length; k++) onResult(current.start + k, fallback(current.start + k));
        current = undefined;
        end();
      });
      if (current) worker.postMessage(current);
      else end();
    }
  });
}
