// The VS Code side of Mail Config Lint: thin, like vscode-eslint. It starts the bundled language server
// over IPC and adds a few commands; everything about mail settings happens in the server.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CMD_FIX_ALL, type FixAllCommandArgs, type FixAllCommandResult } from '../../server/src/lsp/protocol';
import { ENV_FILE_GLOBS } from '../../server/src/semantics/env-files';
import { registerFindSettingsCommand } from './findSettings';
import { registerTestConnectionCommands } from './testConnection';

/** Built-in formats, then the code languages of server/src/languages/registry.ts (test/cli/languages.test.ts keeps
 *  this list, package.json's activation events and the registry in step). */
export const LANGUAGES = ['dotenv', 'yaml', 'dockercompose', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'php', 'python', 'java', 'go', 'csharp', 'ruby', 'ini', 'properties', 'java-properties'];
/** .env files VS Code may map to another language (properties, shellscript, plaintext): the server's one list. */
export const ENV_PATTERNS: readonly string[] = ENV_FILE_GLOBS;
/** JSON is linted only as .NET configuration (server/src/semantics/dotnet-config.ts): a pattern, not the json /
 *  jsonc language ids, so package.json, tsconfig.json and the rest are never sent to the server. */
export const JSON_CONFIG_PATTERNS = ['**/appsettings.json', '**/appsettings.*.json'];

let client: LanguageClient | undefined;

/** Real files, unsaved buffers and virtual file systems (not git: diff sides or output channels). */
export const SCHEMES = ['file', 'untitled', 'vscode-vfs'];

export function documentSelector(): DocumentSelector {
  return SCHEMES.flatMap((scheme) => [
    ...LANGUAGES.map((language) => ({ scheme, language })),
    ...ENV_PATTERNS.map((pattern) => ({ scheme, pattern })),
    ...JSON_CONFIG_PATTERNS.map((pattern) => ({ scheme, pattern })),
  ]);
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined }> {
  const output = vscode.window.createOutputChannel('Mail Config Lint', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticPullOptions: { onChange: true, onSave: true },
    initializationOptions: {},
  };
  client = new LanguageClient('mailConfigLint', 'Mail Config Lint', serverOptions, clientOptions);

  const status = vscode.languages.createLanguageStatusItem('mailConfigLint.status', documentSelector());
  status.name = 'Mail Config Lint';
  status.text = 'Mail Config Lint';
  status.command = { title: 'Show Output', command: 'mailConfigLint.showOutputChannel' };
  context.subscriptions.push(status);
  client.onDidChangeState((e) => {
    status.busy = e.newState === State.Starting;
    status.severity = e.newState === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    status.detail = e.newState === State.Running ? 'server running' : e.newState === State.Starting ? 'starting' : 'server stopped';
  });

  context.subscriptions.push(
    vscode.commands.registerCommand('mailConfigLint.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const doc = editor.document;
      const args: FixAllCommandArgs = { uri: client.code2ProtocolConverter.asUri(doc.uri), version: doc.version };
      const r = (await client.sendRequest(ExecuteCommandRequest.type, { command: CMD_FIX_ALL, arguments: [args] })) as FixAllCommandResult | null;
      const n = r?.applied ?? 0;
      vscode.window.setStatusBarMessage(n ? `Mail Config Lint: fixed ${n} problem${n === 1 ? '' : 's'}` : 'Mail Config Lint: nothing to fix', 3000);
    }),
    vscode.commands.registerCommand('mailConfigLint.showOutputChannel', () => output.show()),
    vscode.commands.registerCommand('mailConfigLint.restart', async () => {
      if (!client) return;
      output.info('restarting the server');
      await client.restart();
    }),
  );
  registerTestConnectionCommands(context, client, output);
  registerFindSettingsCommand(context, client, output);

  try {
    await client.start();
  } catch (e) {
    output.error(`the Mail Config Lint server failed to start: ${(e as Error).message}`);
    void vscode.window.showErrorMessage('Mail Config Lint: the language server failed to start. See the output channel.');
  }
  return { client };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
