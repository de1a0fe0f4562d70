// Types of the live SMTP connection probe ("Test SMTP Connection"). Shared by the CLI and the language
// server; the client only sees the JSON shape (ProbeReport) over LSP.
import type { Severity } from '../model/types';

/** How the client talks TLS to the server: TLS from the first byte, STARTTLS after EHLO, or never. */
export type ProbeTls = 'implicit' | 'starttls' | 'none';

export interface ProbeTarget {
  host: string;
  port: number;
  tls: ProbeTls;
  /** STARTTLS configured as optional (nodemailer's default without requireTLS): missing STARTTLS is still a problem, but said differently. */
  opportunistic?: boolean;
  /** TLS SNI and the name the certificate must match (default: host, unless host is an IP literal). */
  servername?: string;
  /** PEM CA certificates to trust instead of the system roots. */
  ca?: string | Buffer | Array<string | Buffer>;
  user?: string;
  /** Never stored in a report, a transcript or an error: used for AUTH only. */
  password?: string;
}

export interface ProbeOptions {
  /** Per-step timeout in ms (connect, greeting, each command, handshake). Default 5000. */
  timeoutMs?: number;
  /** Limit for the whole test in ms. Default 6 × timeoutMs. */
  totalTimeoutMs?: number;
  signal?: AbortSignal;
  /** Send AUTH even without TLS (only for this run). Default false. */
  allowPlaintextAuth?: boolean;
  /** Name sent in EHLO. Default 'mail-config-lint.invalid'. */
  ehloName?: string;
  /** Called as each step completes and for every transcript line (progress, --verbose). */
  onEvent?: (e: ProbeEvent) => void;
  /** Try the other TLS mode on a fresh connection when the configured one looks wrong. Default true. */
  detectMode?: boolean;
  /** Skip AUTH even when a password is known (the sweep uses this). */
  noAuth?: boolean;
}

export type StepName = 'dns' | 'connect' | 'banner' | 'ehlo' | 'starttls' | 'tls' | 'ehlo-tls' | 'auth' | 'quit' | 'mode-check';
export type StepStatus = 'ok' | 'fail' | 'warn' | 'skip';

export interface ProbeStep {
  step: StepName;
  status: StepStatus;
  ms: number;
  detail: string;
}

export type TranscriptDir = '->' | '<-' | '~>' | '<~' | '**';

export interface TranscriptLine {
  dir: TranscriptDir;
  text: string;
  /** ms since the probe started. */
  at: number;
}

export type ProbeEvent =
  | { type: 'step'; step: ProbeStep }
  | { type: 'transcript'; line: TranscriptLine };

export interface TlsReport {
  protocol: string | null;
  cipher: string | null;
  /** Chain and hostname verification passed. */
  authorized: boolean;
  /** OpenSSL/Node code: CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID ... */
  authorizationError: string | null;
  subject: string | null;
  issuer: string | null;
  validFrom: string | null;
  validTo: string | null;
  altNames: string[];
  /** The name the certificate was checked against. */
  servername: string | null;
}

export type AuthResult = 'ok' | 'failed' | 'not-offered' | 'skipped' | 'refused-plaintext';

export interface AuthReport {
  mechanisms: string[];
  result: AuthResult;
  /** Why skipped / the server's reply (never the credentials). */
  detail?: string;
}

export type DiagnosisCode =
  | 'port-expects-implicit-tls'
  | 'port-expects-starttls'
  | 'starttls-not-offered'
  | 'cert-expired'
  | 'cert-hostname-mismatch'
  | 'cert-untrusted'
  | 'tls-version-legacy'
  | 'auth-failed'
  | 'auth-not-offered'
  | 'auth-over-plaintext-refused'
  | 'connect-refused'
  | 'connect-timeout'
  | 'dns-failed'
  | 'greeting-timeout'
  | 'protocol-error'
  | 'tls-not-used'
  | 'cancelled'
  | 'better-port-available';

/** What would fix a diagnosis, in words of the model (turned into FieldEdits when the config file is known). */
export type FixIntentRef =
  | { kind: 'tls-mode'; mode: 'implicit' | 'starttls-required' }
  | { kind: 'port'; port: number }
  | { kind: 'require-tls' }
  | { kind: 'min-tls-1.2' };

export interface DiagnosisFix {
  title: string;
  intent: FixIntentRef;
  /** Filled in when the config file is known and its dialect can express the intent: text edits against the file as it was read (offsets). */
  textEdits?: { file: string; start: number; end: number; newText: string }[];
}

export interface Diagnosis {
  code: DiagnosisCode;
  severity: Severity;
  message: string;
  fix?: DiagnosisFix;
}

/**
 * What happened on one swept port, for programs to branch on (docs/connection-test.md): `ok` = verified TLS
 * (and AUTH offered when a user is set); otherwise the kind of failure, with the diagnosis code beside it.
 */
export type SweepStatus = 'ok' | 'refused' | 'timeout' | 'tls-error' | 'dns-failed' | 'auth-failed' | 'protocol-error' | 'cancelled';

export interface SweepEntry {
  port: number;
  tls: ProbeTls;
  status: SweepStatus;
  /** The diagnosis behind a status other than `ok` (null when ok). */
  code: DiagnosisCode | null;
  ms: number;
  /** For people: what worked, or the diagnosis message. */
  detail: string;
  /** Certificate verified, AUTH mechanisms offered after TLS. */
  authorized?: boolean;
  authMechanisms?: string[];
  /** The time limits that ran out while probing this port (both probes when the mode was re-checked). */
  timeouts?: ExpiredTimeout[];
  /** Negotiated TLS protocol (TLSv1.3 ...), when TLS was used. */
  protocol?: string;
}

/** A time limit that ran out during a probe run: one step's (a connect, handshake or reply wait) or the whole test's. */
export interface ExpiredTimeout {
  kind: 'step' | 'total';
  /** What was being waited for: 'TCP connect', 'TLS handshake', 'greeting', 'EHLO reply', 'DNS answer', 'whole test' ... */
  what: string;
  limitMs: number;
}

export interface ProbeReport {
  target: { host: string; port: number; tls: ProbeTls; servername?: string; user?: string };
  ok: boolean;
  ms: number;
  steps: ProbeStep[];
  tls: TlsReport | null;
  auth: AuthReport;
  /** EHLO keywords (after TLS when TLS was used). */
  extensions: string[];
  banner: string | null;
  diagnosis: Diagnosis[];
  transcript: TranscriptLine[];
  /** Every time limit that ran out, in the order they did (empty when nothing timed out). */
  timeouts: ExpiredTimeout[];
  sweep?: SweepEntry[];
  /** The sweep's recommendation (port + mode), when sweeping. */
  recommended?: { port: number; tls: ProbeTls; reason: string } | null;
}
