// Entry of `mail-config-lint-server`: `--stdio` for any LSP client, `--node-ipc` when VS Code starts it.
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_VERSION, startServer } from './server';
import { registerDiscover } from './discover';
import { FailedTests } from './failedTests';
import { registerTestConnection } from './testConnection';
import { runScanWorker, SCAN_WORKER_TAG } from './scanWorker';

// The same bundle is the workspace scan's thread (workspaceDiagnostics.ts): there it only scans.
if (!isMainThread && (workerData as { tag?: string } | null)?.tag === SCAN_WORKER_TAG) runScanWorker();
else startServerProcess();

function startServerProcess(): void {
  const args = process.argv.slice(2);
  if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    process.exit(0);
  }
  if (args.includes('--help') || args.includes('-h') || !args.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) {
    process.stdout.write(
      `mail-config-lint-server ${SERVER_VERSION}: the Mail Config Lint language server\n\n` +
        'usage: mail-config-lint-server --stdio          (any LSP client: Neovim, Helix, Zed, ...)\n' +
        '       mail-config-lint-server --node-ipc       (started by the VS Code extension)\n' +
        '       mail-config-lint-server --socket=PORT\n',
    );
    process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
  }

  const connection = createConnection(ProposedFeatures.all);
  // A stray console.log must never corrupt the stdio JSON-RPC stream: route it to the client's log.
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.info = console.log;
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));

  startServer(connection, (documents, getEngineContext) => {
    // The connection test remembers failed tests; its code lens then offers Find SMTP Settings.
    const failed = new FailedTests();
    documents.onDidClose((e) => failed.forget(e.document.uri));
    return { ...registerTestConnection(connection, documents, getEngineContext, failed), ...registerDiscover(connection, getEngineContext) };
  });
}
