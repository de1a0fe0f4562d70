// PLACEHOLDER written by the LSP engineer; the probe engineer replaces this file.
// Contract: main.ts calls registerTestConnection(connection, documents, getEngineContext) once, before
// connection.listen(). Use custom requests/notifications (e.g. 'mailConfigLint/testConnection'), not
// connection.onExecuteCommand (the LSP layer owns that handler). Return extra ServerCapabilities to merge
// into the initialize result (e.g. { codeLensProvider: {} } when registering connection.onCodeLens).
import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { GetEngineContext } from './context';

export function registerTestConnection(
  _connection: Connection,
  _documents: TextDocuments<TextDocument>,
  _getEngineContext: GetEngineContext,
): Partial<ServerCapabilities> | void {
  // no-op until the probe lands
}
