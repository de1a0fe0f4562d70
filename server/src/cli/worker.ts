// The worker-thread side of pool.ts: rebuild the FileLinter from the snapshot, take in the env files the
// main thread reads later, and lint each chunk of (non-env) files, posting back the entries of the files
// that have something to report.
import { parentPort, workerData } from 'node:worker_threads';
import { FileLinter } from './lintFile';
import type { ChunkResult, ToWorker, WorkerData } from './pool';
import type { FileOutcome } from './report';

const nonEmpty = (o: FileOutcome) => o.findings.length > 0 || o.problems.length > 0 || o.fixed.length > 0;

export function runWorker(): void {
  const data = workerData as WorkerData;
  const linter = FileLinter.fromSnapshot(data.setup, data.snapshot);
  parentPort!.on('message', (m: ToWorker) => {
    if ('env' in m) return linter.addSnapshot(m.env);
    const results: ChunkResult['results'] = [];
    m.files.forEach((file, k) => {
      const entries = linter.lint(file, false).filter(nonEmpty);
      if (entries.length) results.push([m.indexes[k], entries]);
    });
    parentPort!.postMessage({ indexes: m.indexes, results } satisfies ChunkResult);
  });
}
