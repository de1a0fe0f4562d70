// Entry of the `mail-config-lint` bin (bundled to dist/cli.js). Never prints a stack trace: anything
// unexpected becomes one line on stderr and exit status 2.
import { processIO, runCli } from './run';

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
