// PLACEHOLDER written by the extension engineer; the probe engineer replaces this file.
// Contract: extension.ts calls registerTestConnectionCommands(context, client, output) once at activation.
// It must register the command `mailConfigLint.testConnection` (declared in package.json).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export function registerTestConnectionCommands(
  context: vscode.ExtensionContext,
  _client: LanguageClient,
  output: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('mailConfigLint.testConnection', async () => {
      if (!vscode.workspace.isTrusted) {
        await vscode.window.showWarningMessage('Mail Config Lint: the SMTP connection test needs a trusted workspace.');
        return;
      }
      output.info('Test SMTP Connection is not available yet in this build.');
      await vscode.window.showInformationMessage('Mail Config Lint: Test SMTP Connection is not available yet.');
    }),
  );
}
