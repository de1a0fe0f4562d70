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
  /** The test failed in a way other settings may cure: offer Find SMTP Settings for this configuration
   *  (summary: "connection refused on 465"). */
  findSettings?: { summary: string; configId: string };
}

export interface TestConnectionProgress {
  runId: string;
  kind: 'step' | 'transcript';
  text: string;
  status?: string;
}

// "Find SMTP Settings" (server/src/lsp/discover.ts, client/src/findSettings.ts): from an address to ranked,
// probed candidates (server/src/discover/), and the chosen one written into the file through the fix expressers.
//   DISCOVER_PREFILL  DiscoverPrefillParams → DiscoverPrefillResult (the address to propose, from the config under the cursor)
//   DISCOVER          DiscoverParams → DiscoverResult (cancellable with $/cancelRequest: the lookups and probes stop)
//   DISCOVER_EDIT     DiscoverEditParams → DiscoverEditResult (text edits for the live document; the client applies them)
//   DISCOVER_PROGRESS (server → client notification) DiscoverProgress
export const DISCOVER_PREFILL = 'mailConfigLint/discoverPrefill';
export const DISCOVER = 'mailConfigLint/discover';
export const DISCOVER_EDIT = 'mailConfigLint/discoverEdit';
export const DISCOVER_PROGRESS = 'mailConfigLint/discoverProgress';

/** The client command "Find SMTP Settings…"; a "Find working settings" code lens runs it with [{ uri, configId }]. */
export const CLIENT_CMD_FIND_SETTINGS = 'mailConfigLint.findSmtpSettings';

export interface DiscoverPrefillParams {
  uri: string;
  position?: { line: number; character: number };
  configId?: string;
}

export interface DiscoverPrefillResult {
  /** An address or domain to propose ('' when the file names none). */
  address: string;
  /** Where it came from: 'user' (the login), 'from' (the sender address), 'host' (the domain of the host). */
  source?: 'user' | 'from' | 'host';
  /** The configuration it came from (the one the chosen settings will be written into). */
  configId?: string;
  label?: string;
}

export interface DiscoverParams {
  /** An e-mail address or a domain. */
  address: string;
  /** The document whose settings apply (mailConfigLint.discovery.*); without it, the defaults. */
  uri?: string;
  runId?: string;
}

/** One candidate as the server reports it (server/src/discover/types.ts Candidate), with its evidence in words. */
export interface DiscoverCandidate {
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  sources: string[];
  probe: { status: 'ok' | 'warn' | 'fail' | 'timeout' | 'not-probed'; code?: string; tls?: { protocol: string; authorized: boolean }; detail?: string; authMechanisms?: string[] };
  rank: number;
  provider?: string;
  /** This is the recommended candidate. */
  recommended?: boolean;
  /** "implicit TLS" / "STARTTLS (required)" / "no TLS". */
  mode: string;
  /** One line of evidence for a list: "SRV record · probe: TLS 1.3, certificate valid, AUTH PLAIN LOGIN". */
  evidence: string;
}

export interface DiscoverResult {
  domain?: string;
  candidates: DiscoverCandidate[];
  recommended?: { host: string; port: number; tls: string; reason: string } | null;
  notes: string[];
  /** The hosts contacted (privacy): the resolver, the autoconfig hosts, the candidates; the ISPDB only when enabled. */
  contacted: string[];
  /** The DNS server asked ('the system resolver' or HOST:PORT). */
  resolver: string;
  cancelled?: boolean;
  /** Bad input (not an address or domain) or a bad setting. */
  error?: string;
}

export interface DiscoverProgress {
  runId: string;
  /** "Looking up DNS records and autoconfig for example.com…", "Probing 4 candidates…". */
  message: string;
}

export interface DiscoverEditParams {
  uri: string;
  /** The version the candidates were found for: a newer document is refused (stale). */
  version?: number;
  /** Write into this configuration; else the one at `position`; else insert a complete one. */
  configId?: string;
  position?: { line: number; character: number };
  endpoint: { host: string; port: number; tls: 'implicit' | 'starttls' | 'none' };
  /** The address searched for: the user name of an inserted configuration. */
  address?: string;
}

export interface DiscoverEditResult {
  /** Edits against the document version `version` (apply as a WorkspaceEdit). Empty = already written. */
  edits: TextEdit[];
  version: number;
  /** The configuration written into ("nodemailer transport", ".env (generic)"). */
  config?: string;
  /** A complete configuration was inserted (the file had none). */
  inserted?: boolean;
  notes: string[];
  error?: string;
}
