// Worker threads for big trees (--concurrency): node:worker_threads directly (no pool library: two
// message kinds in, one out). Each worker rebuilds the main thread's FileLinter from a snapshot of the
// .env* files read so far, and gets every env file the main thread reads later as a delta, before any
// file that can resolve against it (the walk announces a folder's .env* before the files in and below
// it: files/discover.ts), so process.env.X resolves exactly as in a single-threaded run. Files are
// pushed while the walk goes on and handed out in chunks to whichever worker has the fewest in flight;
// every result carries its discovery index so the caller can report in a stable order.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../threads';
import type { EnvSnapshot, LintSetup } from './lintFile';
import type { FileOutcome } from './report';

/** Marks the workerData of our workers (main.ts starts the worker loop when it sees it). */
export const WORKER_TAG = 'mail-config-lint-worker';

export interface WorkerData {
  tag: typeof WORKER_TAG;
  setup: LintSetup;
  snapshot: EnvSnapshot;
}

/** To a worker: more env files (before the chunks that may read them), or a chunk of files to lint. */
export type ToWorker = { env: EnvSnapshot } | { indexes: number[]; files: string[] };

/** A worker's answer to a chunk: the report entries of its files that have any (index → entries). */
export interface ChunkResult {
  indexes: number[];
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

/** Files per chunk: few messages, yet small enough to balance the load and stream results. */
const CHUNK = 64;
/** Chunks a worker holds at once: it never waits for the main thread, which is busy walking. */
const IN_FLIGHT = 4;

interface Slot {
  worker: Worker;
  /** Indexes of the chunks in flight, oldest first (a worker answers in order). */
  inFlight: ChunkResult['indexes'][];
  alive: boolean;
}

/**
 * A pool of `n` workers. `push` files as they are found, `addEnv` env files as the main thread reads
 * them, then `close()`: resolves when every pushed file has a result. `onResult(i, entries)` runs on the
 * main thread as results arrive (entries empty when the file had nothing to report). A worker that dies
 * hands its chunks in flight to `fallback` (linted on the main thread), so no file is lost.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private queue: { indexes: number[]; files: string[] } = { indexes: [], files: [] };
  private pending = 0;
  private closed = false;
  private settle: (() => void) | undefined;

  constructor(
    n: number,
    data: Omit<WorkerData, 'tag'>,
    private readonly onResult: (index: number, entries: FileOutcome[]) => void,
    private readonly fallback: (index: number) => FileOutcome[],
  ) {
    // Through dist/cli.js: the bundle comes from the main thread's code cache (compiled readers included).
    const entry = workerScript(path.join(__dirname, 'main.ts'), 'cli.js');
    for (let w = 0; w < n; w++) {
      const worker = new Worker(entry.file, { eval: entry.eval, workerData: { tag: WORKER_TAG, ...data } satisfies WorkerData, stdout: false, stderr: false });
      const slot: Slot = { worker, inFlight: [], alive: true };
      this.slots.push(slot);
      worker.on('message', (r: ChunkResult) => {
        slot.inFlight.shift();
        const got = new Map(r.results);
        for (const i of r.indexes) this.done(i, got.get(i) ?? []);
        this.dispatch();
      });
      const die = () => {
        if (!slot.alive) return;
        slot.alive = false;
        void worker.terminate();
        // The chunks in flight are linted here instead (each file guarded).
        for (const chunk of slot.inFlight.splice(0)) for (const i of chunk) this.done(i, this.fallback(i));
        this.dispatch();
      };
      worker.on('error', die);
      worker.on('exit', die);
    }
  }

  /** Env files read on the main thread since the last snapshot: every worker gets them before later chunks. */
  addEnv(delta: EnvSnapshot): void {
    if (delta.sets.length === 0 && delta.texts.length === 0 && delta.extras.length === 0) return;
    for (const s of this.slots) if (s.alive) s.worker.postMessage({ env: delta } satisfies ToWorker);
  }

  push(index: number, file: string): void {
    this.queue.indexes.push(index);
    this.queue.files.push(file);
    this.pending++;
    if (this.queue.indexes.length >= CHUNK) this.dispatch();
  }

  /** No more files: the rest of the queue goes out; resolves when every result is in. */
  close(): Promise<void> {
    this.closed = true;
    this.dispatch();
    return new Promise((resolve) => {
      this.settle = resolve;
      this.check();
    });
  }

  private done(i: number, entries: FileOutcome[]): void {
    this.pending--;
    this.onResult(i, entries);
    this.check();
  }

  private check(): void {
    if (this.closed && this.pending === 0 && this.settle) {
      const s = this.settle;
      this.settle = undefined;
      for (const slot of this.slots) {
        slot.alive = false;
        void slot.worker.terminate();
      }
      s();
    }
  }

  /** Hands out whole chunks (and, once closed, the last partial one) to the least busy live workers. */
  private dispatch(): void {
    for (;;) {
      const q = this.queue;
      if (q.indexes.length === 0 || (q.indexes.length < CHUNK && !this.closed)) return;
      let best: Slot | undefined;
      for (const s of this.slots) if (s.alive && s.inFlight.length < IN_FLIGHT && (!best || s.inFlight.length < best.inFlight.length)) best = s;
      if (!best) {
        if (this.slots.some((s) => s.alive)) return; // all busy: the next result dispatches again
        // Every worker is gone: the main thread lints what is left.
        this.queue = { indexes: [], files: [] };
        for (const i of q.indexes) this.done(i, this.fallback(i));
        return;
      }
      const indexes = q.indexes.splice(0, CHUNK);
      const files = q.files.splice(0, CHUNK);
      best.inFlight.push(indexes);
      best.worker.postMessage({ indexes, files } satisfies ToWorker);
    }
  }
}
