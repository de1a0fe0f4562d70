// Types of discovery ("Find SMTP Settings"): from an address or domain to ranked, probed candidates.
import type { DiagnosisCode, ProbeTls } from '../probe/types';

export interface CandidateProbe {
  /** ok: TLS verified (and AUTH offered); warn: answers but not verified (no TLS, bad certificate); fail: does not work;
   *  timeout: stopped by a time limit; not-probed: --no-probe or nothing was probed. */
  status: 'ok' | 'warn' | 'fail' | 'timeout' | 'not-probed';
  code?: DiagnosisCode;
  tls?: { protocol: string; authorized: boolean };
  /** One line of evidence: "implicit TLS TLSv1.3, certificate verified, AUTH PLAIN LOGIN". */
  detail?: string;
  authMechanisms?: string[];
}

export interface Candidate {
  host: string;
  port: number;
  tls: ProbeTls;
  /** Where the candidate came from, in words: "SRV _submissions._tcp.example.com", "MX aspmx.l.google.com → Gmail". */
  sources: string[];
  probe: CandidateProbe;
  /** 1 = best. */
  rank: number;
  /** The provider table entry it matches, if any. */
  provider?: string;
}

export interface DiscoverReport {
  /** The address's domain (or the domain given). */
  domain: string;
  candidates: Candidate[];
  /** The best verified candidate (or, with probing off, the best documented one); null when none. */
  recommended: { host: string; port: number; tls: ProbeTls; reason: string } | null;
  /** What happened along the way: failed lookups, a malformed autoconfig file, time limits. */
  notes: string[];
  /** The hosts contacted besides the resolver (privacy). */
  contacted: string[];
  /** A time limit stopped some step. */
  deadlineHit: boolean;
}

export interface DiscoverOptions {
  /** DNS server to ask, "HOST" or "HOST:PORT" ("[::1]:53" for IPv6); default: the system's. */
  dnsServer?: string;
  /** Probe candidates (default true). No AUTH is sent, no mail. */
  probe?: boolean;
  /** PEM CA certificates to trust (probes and autoconfig) instead of the system roots. */
  ca?: string | Buffer;
  /** Per-step limit in ms (each DNS query, each HTTPS request, each probe step). Default 3000. */
  timeoutMs?: number;
  /** Limit for the whole run in ms. Default 5000. */
  totalMs?: number;
  signal?: AbortSignal;
  /** Ask Thunderbird's ISPDB (a third party) for the domain. Default false. */
  useIspdb?: boolean;
  /** ISPDB base URL (default https://autoconfig.thunderbird.net/v1.1/). */
  ispdbUrl?: string;
  /** HTTPS port of the autoconfig hosts (default 443; tests use an ephemeral port). */
  autoconfigPort?: number;
  /** Ports tried on guessed hosts (default 465 implicit, 587 STARTTLS, 2525 STARTTLS). */
  guessPorts?: { port: number; tls: ProbeTls }[];
  /** Progress messages ("Looking up SRV records…"). */
  onProgress?: (message: string) => void;
}
