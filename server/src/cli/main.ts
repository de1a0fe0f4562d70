// Entry of the `mail-config-lint` bin (bundled to dist/cli.js). Never prints a stack trace: anything
// unexpected becomes one line on stderr and exit status 2.
import { isMainThread, workerData } from 'node:worker_threads';
import { WORKER_TAG } from './pool';
import { processIO, runCli } from './run';
import { runWorker } from './worker';

// The same bundle is the worker threads' script (pool.ts): there it only lints the chunks it is sent.
if (!isMainThread && (workerData as { tag?: string } | null)?.tag === WORKER_TAG) runWorker();
else startCli();

function startCli(): void {
  function die(e: unknown): void {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`mail-config-lint: internal error: ${msg.split('\n')[0]}\n`);
    process.exitCode = 2;
  }

  // A closed pipe (`mail-config-lint | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    die(e);
  });
  process.on('uncaughtException', (e) => {
    die(e);
    process.exit(2);
  });
  process.on('unhandledRejection', (e) => {
    die(e);
    process.exit(2);
  });

  runCli(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => die(e),
  );
}
