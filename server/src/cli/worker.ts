// The worker-thread side of pool.ts: rebuild the FileLinter from the snapshot, then lint each chunk of
// (non-env) files and post back the entries of the files that have something to report.
import { parentPort, workerData } from 'node:worker_threads';
import { FileLinter } from './lintFile';
import type { ChunkMessage, ChunkResult, WorkerData } from './pool';
import type { FileOutcome } from './report';

const nonEmpty = (o: FileOutcome) => o.findings.length > 0 || o.problems.length > 0 || o.fixed.length > 0;

export function runWorker(): void {
  const data = workerData as WorkerData;
  const linter = FileLinter.fromSnapshot(data.setup, data.snapshot);
  parentPort!.on('message', (m: ChunkMessage) => {
    const results: ChunkResult['results'] = [];
    m.files.forEach((file, k) => {
      const entries = linter.lint(file, false).filter(nonEmpty);
      if (entries.length) results.push([m.start + k, entries]);
    });
    parentPort!.postMessage({ start: m.start, count: m.files.length, results } satisfies ChunkResult);
  });
}
