// Names and message shapes the VS Code client and the language server share. This module imports nothing
// at run time (types only): the extension bundle includes it, and scripts/build.mjs fails the build when
// the extension pulls any other server module (the server's code stays in dist/server.js).
import type { Range, TextEdit } from 'vscode-languageserver';

/** Code action kind of "fix all safe problems" (editor.codeActionsOnSave). */
export const FIX_ALL_KIND = 'source.fixAll.mailConfigLint';

// Commands the server executes (workspace/executeCommand).
export const CMD_SHOW_DOCS = 'mailConfigLint.server.showDocumentation';
/** Arguments: [{ uri, version? } | uri] → FixAllCommandResult. */
export const CMD_FIX_ALL = 'mailConfigLint.server.applyFixAll';
export const CMD_RELINT = 'mailConfigLint.server.relintAll';

/** The client command a "Test this connection" code lens runs, with [{ uri, configId }]. */
export const CLIENT_CMD_TEST_CONNECTION = 'mailConfigLint.testConnection';

export interface FixAllCommandArgs {
  uri: string;
  /** The version the user saw: a newer document is not fixed (stale: true). */
  version?: number;
}

export interface FixAllCommandResult {
  applied: number;
  stale?: boolean;
}

// The "Test SMTP Connection" probe (server/src/lsp/testConnection.ts, client/src/testConnection.ts).
//   LIST_CONNECTIONS  { uri, position? }  → ListConnectionsResult
//   TEST_CONNECTION   TestConnectionParams → TestConnectionResult (cancellable with $/cancelRequest)
//   PROBE_KEY         {} → { publicKey } (the server's key for SealedPassword)
//   TEST_CONNECTION_PROGRESS (server → client notification) TestConnectionProgress
export const LIST_CONNECTIONS = 'mailConfigLint/listConnections';
export const TEST_CONNECTION = 'mailConfigLint/testConnection';
export const TEST_CONNECTION_PROGRESS = 'mailConfigLint/testConnectionProgress';
export const PROBE_KEY = 'mailConfigLint/probeKey';

/** HKDF info string of SealedPassword (both sides must agree on it). */
export const SEAL_INFO = 'mail-config-lint probe password v1';

/**
 * A password sealed for one server process: X25519 with the server's key (request PROBE_KEY),
 * HKDF-SHA256, AES-256-GCM. So that LSP message traces (trace.server: verbose) never show it in clear.
 */
export interface SealedPassword {
  /** The client's ephemeral X25519 public key, SPKI DER, base64. */
  publicKey: string;
  iv: string;
  data: string;
  tag: string;
}

export interface ConnectionInfo {
  id: string;
  label: string;
  range: Range;
  host?: string;
  port?: number;
  tls?: string;
  user?: string;
  /** Where the password would come from: 'none' = the client should ask the user. */
  passwordSource: string;
  notes: string[];
}

export interface ListConnectionsResult {
  configs: ConnectionInfo[];
  /** The configuration under the cursor, when a position was given. */
  atCursor?: string;
}

export interface TestConnectionParams {
  uri: string;
  configId?: string;
  position?: { line: number; character: number };
  /** Typed by the user (or from the client's secret storage) when the file has none. */
  password?: string;
  /** The same, sealed for this server (preferred: LSP traces then never show it). */
  sealedPassword?: SealedPassword;
  timeoutMs?: number;
  allowPlaintextAuth?: boolean;
  sweep?: boolean;
  runId?: string;
}

export interface TestConnectionResult {
  ok: boolean;
  /** The --format json object of the CLI (no password in it). */
  report: Record<string, unknown>;
  /** Readable report with the transcript. */
  text: string;
  /** Diagnoses that have an edit: apply with a WorkspaceEdit. */
  fixes: { code: string; title: string; uri: string; version: number; edits: TextEdit[] }[];
  error?: string;
}

export interface TestConnectionProgress {
  runId: string;
  kind: 'step' | 'transcript';
  text: string;
  status?: string;
}
