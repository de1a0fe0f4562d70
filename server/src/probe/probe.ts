// The live SMTP probe: DNS → TCP → banner → EHLO → STARTTLS/implicit TLS → EHLO → AUTH → QUIT, each step
// timed and bounded, with a diagnosis in plain words. Never sends mail (no MAIL FROM / RCPT / DATA).
//
// Why not nodemailer's SMTPConnection: it hides the raw banner (and waits 30 s for it on an implicit port),
// gives no per-step timing, decides STARTTLS with a regex over the whole EHLO reply, rejects the certificate
// before we can read it, and sends AUTH in cleartext when STARTTLS is stripped. AUTH PLAIN/LOGIN/CRAM-MD5
// are three lines each, so they are done here on the same connection (one handshake, one transcript, and
// the redaction is under our control).
import { createHmac } from 'node:crypto';
import * as dns from 'node:dns';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type {
  AuthReport,
  Diagnosis,
  DiagnosisCode,
  ExpiredTimeout,
  ProbeEvent,
  ProbeOptions,
  ProbeReport,
  ProbeStep,
  ProbeTarget,
  StepName,
  StepStatus,
  TlsReport,
  TranscriptLine,
} from './types';
import { Reply, Wire, WireError, printable, tcpConnect, timeoutLog, tlsHandshake } from './wire';
import * as msg from './messages';

export const DEFAULT_TIMEOUT_MS = 5000;

/** Replaces every occurrence of the secrets in `s` (the password and its base64 forms) with '***'. */
export function makeScrubber(secrets: (string | undefined)[]): (s: string) => string {
  const list = secrets.filter((x): x is string => !!x && x.length >= 3).sort((a, b) => b.length - a.length);
  if (!list.length) return (s) => s;
  return (s) => {
    let out = s;
    for (const x of list) if (out.includes(x)) out = out.split(x).join('***');
    return out;
  };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function secretForms(user: string | undefined, password: string | undefined): string[] {
  if (!password) return [];
  const forms = [password, b64(password), b64(`\0${user ?? ''}\0${password}`), encodeURIComponent(password)];
  // base64 of the password inside a longer base64 blob can start at any of 3 alignments: cover them.
  for (const pre of ['a', 'ab']) {
    const enc = b64(pre + password);
    forms.push(enc.slice(Math.ceil((pre.length * 4) / 3) + 1, -4));
  }
  return forms.filter((f) => f.length >= 6 || f === password);
}

interface Extensions {
  keywords: string[];
  starttls: boolean;
  authMechanisms: string[];
  /** AUTH line present at all. */
  auth: boolean;
}

/** Parses an EHLO reply line by line (not a regex over the whole text: a host name like "no-starttls.x" must not count). */
export function parseEhlo(reply: Reply): Extensions {
  const ext: Extensions = { keywords: [], starttls: false, authMechanisms: [], auth: false };
  // The first line is the server's name and greeting; each further line is "KEYWORD [params]".
  for (const line of reply.lines.slice(1)) {
    const parts = line.trim().split(/[ =]+/).filter(Boolean);
    if (!parts.length) continue;
    const kw = parts[0].toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9-]*$/.test(kw)) continue;
    ext.keywords.push(parts.length > 1 ? `${kw} ${parts.slice(1).join(' ')}` : kw);
    if (kw === 'STARTTLS') ext.starttls = true;
    if (kw === 'AUTH') {
      ext.auth = true;
      for (const m of parts.slice(1)) {
        const u = m.toUpperCase();
        if (!ext.authMechanisms.includes(u)) ext.authMechanisms.push(u);
      }
    }
  }
  return ext;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Time until `deadline` for the next step of a mode check (at least 50 ms). */
function timeLeft(deadline: number): number {
  return Math.max(50, deadline - Date.now());
}

/** An AbortSignal that fires when any of the given ones does. */
function linked(...signals: (AbortSignal | undefined)[]): { signal: AbortSignal; abort: () => void; dispose: () => void } {
  const ctl = new AbortController();
  const subs: [AbortSignal, () => void][] = [];
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) ctl.abort();
    const f = () => ctl.abort();
    s.addEventListener('abort', f, { once: true });
    subs.push([s, f]);
  }
  return { signal: ctl.signal, abort: () => ctl.abort(), dispose: () => subs.forEach(([s, f]) => s.removeEventListener('abort', f)) };
}

function nameOf(obj: Record<string, unknown> | undefined): string | null {
  if (!obj) return null;
  const parts: string[] = [];
  for (const k of ['CN', 'O', 'OU', 'C']) {
    const v = obj[k];
    if (v) parts.push(`${k}=${Array.isArray(v) ? v.join('+') : String(v)}`);
  }
  return parts.length ? parts.join(', ') : null;
}

const CERT_EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const CERT_NAME = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);

function describeTls(ts: tls.TLSSocket, servername: string): TlsReport {
  const cert = ts.getPeerCertificate(false) as tls.PeerCertificate | undefined;
  const has = cert && Object.keys(cert).length > 0;
  let authorizationError: string | null = ts.authorized ? null : String(ts.authorizationError ?? 'unknown');
  // Node only checks the name when the chain verified; check it ourselves too, so an untrusted AND
  // mismatched certificate reports both facts (the name result goes into the detail).
  const altNames = has && cert!.subjectaltname ? cert!.subjectaltname.split(/,\s*/) : [];
  let authorized = ts.authorized;
  if (has && authorized) {
    const err = tls.checkServerIdentity(servername, cert!);
    if (err) {
      authorized = false;
      authorizationError = (err as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID';
    }
  }
  const cipher = ts.getCipher();
  return {
    protocol: ts.getProtocol() ?? null,
    cipher: cipher ? cipher.standardName || cipher.name : null,
    authorized,
    authorizationError,
    subject: has ? nameOf(cert!.subject as unknown as Record<string, unknown>) : null,
    issuer: has ? nameOf(cert!.issuer as unknown as Record<string, unknown>) : null,
    validFrom: has ? cert!.valid_from : null,
    validTo: has ? cert!.valid_to : null,
    altNames,
    servername,
  };
}

function nameMatches(servername: string, cert: TlsReport): boolean {
  // Used only to explain an untrusted certificate better; the real check is tls.checkServerIdentity.
  const names = cert.altNames.map((a) => a.replace(/^(DNS|IP Address):/, '').toLowerCase());
  const want = servername.toLowerCase();
  return names.some((n) => n === want || (n.startsWith('*.') && want.endsWith(n.slice(1)) && want.split('.').length === n.split('.').length));
}

const isPlaintextAnswer = (e: WireError) =>
  e.kind === 'tls' && /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST|UNKNOWN_PROTOCOL|RECORD_LAYER|record layer/i.test(`${e.code} ${e.message}`);
const isVersionAlert = (e: WireError) =>
  e.kind === 'tls' && /PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|VERSION_TOO_LOW|protocol version/i.test(`${e.code} ${e.message}`);

class Run {
  readonly t0 = Date.now();
  readonly steps: ProbeStep[] = [];
  readonly transcript: TranscriptLine[] = [];
  readonly diagnosis: Diagnosis[] = [];
  /** The time limits that ran out (the wire adds the step ones through timeoutLog). */
  readonly timeouts: ExpiredTimeout[] = [];
  tlsReport: TlsReport | null = null;
  auth: AuthReport = { mechanisms: [], result: 'skipped' };
  extensions: string[] = [];
  banner: string | null = null;
  readonly timeout: number;
  readonly scrub: (s: string) => string;
  readonly servername: string;
  private addresses: string[] = [];
  /** The caller's signal, plus the whole-test deadline. */
  private readonly ctl: ReturnType<typeof linked>;
  private readonly deadlineTimer: NodeJS.Timeout;
  private overDeadline = false;
  readonly totalTimeout: number;

  constructor(
    readonly target: ProbeTarget,
    readonly opts: ProbeOptions,
  ) {
    this.timeout = Math.max(100, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.scrub = makeScrubber(secretForms(target.user, target.password));
    this.servername = target.servername || target.host;
    // Each step is bounded by the timeout; the whole test too (a server that answers every command just
    // before the timeout must not keep the user waiting for a minute).
    this.totalTimeout = Math.max(this.timeout, opts.totalTimeoutMs ?? this.timeout * 6);
    this.ctl = linked(opts.signal);
    this.deadlineTimer = setTimeout(() => {
      this.overDeadline = true;
      this.timeouts.push({ kind: 'total', what: 'whole test', limitMs: this.totalTimeout });
      this.ctl.abort();
    }, this.totalTimeout);
  }

  get signal(): AbortSignal {
    return this.ctl.signal;
  }

  /** The name sent in EHLO and HELO. */
  get ehloName(): string {
    return this.opts.ehloName ?? 'mail-config-lint.invalid';
  }

  dispose(): void {
    clearTimeout(this.deadlineTimer);
    this.ctl.dispose();
  }

  emit(e: ProbeEvent): void {
    try {
      this.opts.onEvent?.(e);
    } catch {
      /* a listener bug must not break the probe */
    }
  }

  line = (dir: TranscriptLine['dir'], text: string): void => {
    const l: TranscriptLine = { dir, text: this.scrub(text), at: Date.now() - this.t0 };
    this.transcript.push(l);
    this.emit({ type: 'transcript', line: l });
  };

  step(step: StepName, status: StepStatus, started: number, detail: string): void {
    const s: ProbeStep = { step, status, ms: Date.now() - started, detail: this.scrub(detail) };
    this.steps.push(s);
    this.emit({ type: 'step', step: s });
  }

  diag(code: DiagnosisCode, message: string, fix?: Diagnosis['fix'], severity: Diagnosis['severity'] = 'error'): void {
    if (this.diagnosis.some((d) => d.code === code)) return;
    this.diagnosis.push({ code, severity, message: this.scrub(message), ...(fix ? { fix } : {}) });
  }

  get aborted(): boolean {
    return !!this.signal?.aborted;
  }

  /** Turns a wire error in any step into the 'cancelled' verdict when the run was cancelled. */
  cancelled(e: unknown): boolean {
    if (e instanceof WireError && e.kind === 'aborted') {
      if (this.overDeadline) this.diag('protocol-error', msg.totalTimeout(this.target.port, this.totalTimeout));
      else this.diag('cancelled', 'The test was cancelled.', undefined, 'info');
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------------------------------ steps

  async resolve(): Promise<boolean> {
    const { host } = this.target;
    const t = Date.now();
    if (net.isIP(host)) {
      this.addresses = [host];
      this.step('dns', 'skip', t, `${host} is an IP address`);
      return true;
    }
    try {
      const all = await new Promise<dns.LookupAddress[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.timeouts.push({ kind: 'step', what: 'DNS answer', limitMs: this.timeout });
          reject(new WireError('timeout', `no DNS answer within ${this.timeout} ms`));
        }, this.timeout);
        const onAbort = () => reject(new WireError('aborted', 'cancelled'));
        this.signal?.addEventListener('abort', onAbort, { once: true });
        dns.lookup(host, { all: true }, (err, addrs) => {
          clearTimeout(timer);
          this.signal?.removeEventListener('abort', onAbort);
          if (err) reject(err);
          else resolve(addrs);
        });
      });
      this.addresses = [...new Set(all.map((a) => a.address))];
      this.step('dns', 'ok', t, `${host} → ${this.addresses.join(', ')}`);
      return true;
    } catch (e) {
      if (this.cancelled(e)) return this.step('dns', 'fail', t, 'cancelled'), false;
      const err = e as NodeJS.ErrnoException;
      this.step('dns', 'fail', t, `${host}: ${err.code ?? ''} ${err.message}`.trim());
      this.diag('dns-failed', msg.dnsFailed(host, err.code));
      return false;
    }
  }

  /** Connects to the first address that answers (each within the timeout). Records the step unless quiet. */
  async connect(quiet = false, timeoutMs = this.timeout, signal = this.signal): Promise<net.Socket> {
    const t = Date.now();
    let last: WireError | undefined;
    for (const addr of this.addresses.slice(0, 3)) {
      try {
        const s = await tcpConnect(addr, this.target.port, timeoutMs, signal);
        if (!quiet) {
          this.line('**', `connected to ${addr}:${this.target.port}`);
          this.step('connect', 'ok', t, `${addr}:${this.target.port}`);
        }
        return s;
      } catch (e) {
        last = e as WireError;
        if (last.kind === 'aborted') break;
      }
    }
    if (!quiet) {
      this.step('connect', 'fail', t, last?.message ?? 'no address');
      if (last && !this.cancelled(last)) {
        const { host, port } = this.target;
        if (last.kind === 'refused') this.diag('connect-refused', msg.connectRefused(host, port));
        else if (last.kind === 'reset' || last.kind === 'closed') this.diag('protocol-error', msg.closedBeforeGreeting(port, last.kind));
        else if (last.kind === 'timeout') this.diag('connect-timeout', msg.connectTimeout(host, port, this.timeout));
        else this.diag('connect-refused', msg.connectFailed(host, port, last.message));
      }
    }
    throw last ?? new WireError('socket', 'no address');
  }

  /** Reads the greeting; for a plaintext mode, checks meanwhile (fresh connection) whether the port speaks implicit TLS. */
  async greeting(wire: Wire, plaintextMode: boolean): Promise<boolean> {
    const t = Date.now();
    const local = linked(this.signal);
    let implicitSeen: TlsReport | null = null;
    let legacySeen = false;
    let spec: Promise<void> = Promise.resolve();
    if (plaintextMode && this.opts.detectMode !== false) {
      // Most servers greet within milliseconds. After a short silence, try a TLS handshake on a fresh
      // connection while still waiting: that tells "implicit-TLS port" from "silent server" within the timeout.
      const delay = Math.min(1500, Math.floor(this.timeout / 3));
      const deadline = t + this.timeout;
      spec = (async () => {
        await sleep(delay, local.signal);
        if (local.signal.aborted || wire.received > 0) return;
        let r = await this.tryImplicit(deadline, local.signal);
        if (r.error && isVersionAlert(r.error) && !local.signal.aborted) {
          // An implicit-TLS port that only speaks TLS 1.0/1.1: still a mode mismatch, plus a legacy server.
          r = await this.tryImplicit(deadline, local.signal, true);
          if (r.tls) legacySeen = true;
        }
        if (r.tls && wire.received === 0 && !local.signal.aborted) {
          implicitSeen = r.tls;
          local.abort();
        }
      })();
    }
    try {
      const reply = await wire.readReply(this.timeout, local.signal, 'greeting');
      this.banner = reply.raw.join('\n');
      if (reply.code !== 220) {
        this.step('banner', 'fail', t, printable(reply.raw[0] ?? '', 200));
        this.diag('protocol-error', msg.greetingRefused(this.target.port, printable(reply.raw.join(' '), 200)));
        return false;
      }
      this.step('banner', 'ok', t, printable(reply.raw[0], 200));
      return true;
    } catch (e) {
      const err = e as WireError;
      if (err.kind === 'aborted' && implicitSeen && !this.aborted) return this.greetingFromImplicit(t, implicitSeen, legacySeen);
      if (this.cancelled(e)) return this.step('banner', 'fail', t, 'cancelled'), false;
      if (err.kind === 'timeout' && plaintextMode) {
        await spec; // bounded by the same deadline
        const seen = implicitSeen as TlsReport | null;
        if (seen) return this.greetingFromImplicit(t, seen, legacySeen);
      }
      this.step('banner', 'fail', t, err.message);
      this.diagGreetingFailure(err);
      return false;
    } finally {
      local.abort();
      local.dispose();
      await spec.catch(() => {});
    }
  }

  private greetingFromImplicit(t: number, r: TlsReport, legacy: boolean): false {
    this.step('banner', 'fail', t, `nothing received in plaintext; a TLS handshake on a new connection succeeded (${r.protocol} ${r.cipher})`);
    this.line('**', `no plaintext greeting; a TLS handshake on a fresh connection succeeded: ${r.protocol} ${r.cipher}`);
    this.diag('port-expects-implicit-tls', msg.portExpectsImplicit(this.target.port), {
      title: msg.fixImplicitTitle(this.target.port),
      intent: { kind: 'tls-mode', mode: 'implicit' },
    });
    if (legacy) {
      this.tlsReport = r;
      this.diag('tls-version-legacy', msg.tlsLegacyOnly(this.target.port, r.protocol ?? '?'));
    }
    return false;
  }

  diagGreetingFailure(err: WireError): void {
    const port = this.target.port;
    if (err.kind === 'timeout') this.diag('greeting-timeout', msg.greetingTimeout(port, this.timeout, err.bytes, this.target.tls));
    else if (err.kind === 'overflow') this.diag('protocol-error', msg.endlessBanner(port, err.message));
    else if (err.kind === 'garbage') this.diag('protocol-error', msg.garbageGreeting(port, err.message));
    else if (err.kind === 'closed' || err.kind === 'reset') this.diag('protocol-error', msg.closedBeforeGreeting(port, err.kind));
    else this.diag('protocol-error', `${err.message}`);
  }

  /** Fresh connection + TLS handshake (mode check). Returns the TLS facts or the error. Never records steps. */
  async tryImplicit(deadline: number, signal: AbortSignal, legacy = false): Promise<{ tls?: TlsReport; error?: WireError }> {
    let sock: net.Socket | undefined;
    let ts: tls.TLSSocket | undefined;
    try {
      sock = await this.connect(true, timeLeft(deadline), signal);
      ts = await tlsHandshake(sock, { servername: this.servername, ca: this.target.ca, legacy }, timeLeft(deadline), signal);
      return { tls: describeTls(ts, this.servername) };
    } catch (e) {
      return { error: e instanceof WireError ? e : new WireError('socket', String(e)) };
    } finally {
      ts?.destroy();
      sock?.destroy();
    }
  }

  /** Fresh plaintext connection: greeting + EHLO. Used when implicit TLS was configured but the server answered in plaintext. */
  async tryPlain(deadline: number): Promise<{ code?: number; banner?: string; ext?: Extensions; error?: WireError }> {
    const wire = new Wire(() => {});
    const out: { code?: number; banner?: string; ext?: Extensions; error?: WireError } = {};
    try {
      const sock = await this.connect(true, timeLeft(deadline));
      wire.attach(sock, false);
      const g = await wire.readReply(timeLeft(deadline), this.signal, 'greeting');
      out.code = g.code;
      out.banner = g.raw.join(' ');
      if (g.code !== 220) return out;
      wire.send(`EHLO ${this.ehloName}`);
      const r = await wire.readReply(timeLeft(deadline), this.signal, 'EHLO reply');
      if (r.code === 250) out.ext = parseEhlo(r);
      wire.send('QUIT');
      return out;
    } catch (e) {
      out.error = e instanceof WireError ? e : new WireError('socket', String(e));
      return out;
    } finally {
      wire.close();
    }
  }

  async ehlo(wire: Wire, stepName: 'ehlo' | 'ehlo-tls'): Promise<Extensions | null> {
    const t = Date.now();
    try {
      wire.send(`EHLO ${this.ehloName}`);
      const r = await wire.readReply(this.timeout, this.signal, 'EHLO reply');
      if (r.code !== 250) {
        // RFC 5321 §4.1.4: a server without ESMTP may only know HELO.
        wire.send(`HELO ${this.ehloName}`);
        const h = await wire.readReply(this.timeout, this.signal, 'HELO reply');
        if (h.code !== 250) {
          this.step(stepName, 'fail', t, `EHLO and HELO refused: ${printable(r.raw.join(' '), 120)}`);
          this.diag('protocol-error', msg.ehloRefused(this.target.port, printable(r.raw.join(' '), 160)));
          return null;
        }
        this.step(stepName, 'warn', t, 'EHLO refused; HELO accepted (no ESMTP extensions)');
        this.extensions = [];
        return { keywords: [], starttls: false, authMechanisms: [], auth: false };
      }
      const ext = parseEhlo(r);
      this.extensions = ext.keywords;
      this.step(stepName, 'ok', t, ext.keywords.length ? ext.keywords.join(', ') : 'no extensions');
      return ext;
    } catch (e) {
      if (this.cancelled(e)) return this.step(stepName, 'fail', t, 'cancelled'), null;
      const err = e as WireError;
      this.step(stepName, 'fail', t, err.message);
      this.diag('protocol-error', msg.ehloFailed(this.target.port, err));
      return null;
    }
  }

  /** Handshake on `sock` (implicit: right after connect; STARTTLS: after 220). Records the 'tls' step and certificate diagnoses. */
  async handshake(sock: net.Socket, how: 'implicit' | 'starttls'): Promise<tls.TLSSocket | null> {
    const t = Date.now();
    try {
      const ts = await tlsHandshake(sock, { servername: this.servername, ca: this.target.ca }, this.timeout, this.signal);
      const r = describeTls(ts, this.servername);
      this.tlsReport = r;
      this.line('**', `TLS started: ${r.protocol} ${r.cipher}; certificate ${r.subject ?? '?'} issued by ${r.issuer ?? '?'}, valid to ${r.validTo ?? '?'}`);
      this.judgeCertificate(r, t);
      return ts;
    } catch (e) {
      if (this.cancelled(e)) return this.step('tls', 'fail', t, 'cancelled'), null;
      const err = e as WireError;
      this.step('tls', 'fail', t, `${err.code ? err.code + ': ' : ''}${err.message}`);
      await this.explainHandshakeFailure(err, how);
      return null;
    }
  }

  private judgeCertificate(r: TlsReport, t: number): void {
    const base = `${r.protocol} ${r.cipher}; ${r.subject ?? 'no subject'} (issuer ${r.issuer ?? '?'}; valid to ${r.validTo ?? '?'}; ${r.altNames.join(' ') || 'no SAN'})`;
    const legacy = r.protocol === 'TLSv1' || r.protocol === 'TLSv1.1' || r.protocol === 'SSLv3';
    if (r.authorized) {
      this.step('tls', legacy ? 'warn' : 'ok', t, `${base}; certificate verified for ${r.servername}`);
    } else {
      const code = r.authorizationError ?? 'unknown';
      this.step('tls', 'fail', t, `${base}; verification failed: ${code}`);
      if (CERT_EXPIRED.has(code)) this.diag('cert-expired', msg.certExpired(r));
      else if (CERT_NAME.has(code)) this.diag('cert-hostname-mismatch', msg.certMismatch(r));
      else this.diag('cert-untrusted', msg.certUntrusted(r, code, !!this.target.ca));
      if (!CERT_NAME.has(code) && !nameMatches(r.servername ?? '', r) && r.altNames.length) this.diag('cert-hostname-mismatch', msg.certMismatch(r));
    }
    if (legacy) this.diag('tls-version-legacy', msg.tlsLegacy(r.protocol ?? '?'), { title: 'Require TLS 1.2 or newer', intent: { kind: 'min-tls-1.2' } }, 'warning');
  }

  private async explainHandshakeFailure(err: WireError, how: 'implicit' | 'starttls'): Promise<void> {
    const port = this.target.port;
    const deadline = Date.now() + this.timeout;
    if (how === 'implicit' && (isPlaintextAnswer(err) || (err.kind === 'overflow'))) {
      // The server answered a ClientHello with plaintext: it expects a plaintext greeting. Check on a fresh connection.
      const t = Date.now();
      const plain = await this.tryPlain(deadline);
      const greeting = printable(plain.banner ?? '', 80);
      if (plain.ext?.starttls) {
        this.step('mode-check', 'ok', t, `plaintext greeting "${greeting}" and STARTTLS offered`);
        this.diag('port-expects-starttls', msg.portExpectsStarttls(port), {
          title: msg.fixStarttlsTitle(port),
          intent: { kind: 'tls-mode', mode: 'starttls-required' },
        });
      } else if (plain.ext) {
        this.step('mode-check', 'warn', t, `plaintext greeting "${greeting}", no STARTTLS`);
        this.diag('starttls-not-offered', msg.plainOnlyPort(port));
      } else if (plain.code && plain.code !== 220) {
        this.step('mode-check', 'fail', t, `plaintext greeting "${greeting}"`);
        this.diag('protocol-error', msg.greetingRefused(port, greeting));
      } else if (plain.code === 220 && plain.error) {
        this.step('mode-check', 'fail', t, `plaintext greeting "${greeting}", then: ${plain.error.message}`);
        this.diag('protocol-error', msg.plainThenBroken(port, greeting, plain.error));
      } else {
        this.step('mode-check', 'fail', t, `no plaintext greeting either: ${plain.error?.message ?? '?'}`);
        if (plain.error) this.diagGreetingFailure(plain.error);
        else this.diag('protocol-error', msg.tlsFailed(port, err));
      }
      return;
    }
    if (isVersionAlert(err)) {
      const t = Date.now();
      const legacy =
        how === 'implicit' ? (await this.tryImplicit(deadline, this.signal, true)).tls : await this.tryStarttlsLegacy(deadline);
      if (legacy) {
        this.tlsReport = legacy;
        this.step('mode-check', 'warn', t, `the server only completes the handshake with ${legacy.protocol} (${legacy.cipher})`);
        this.diag('tls-version-legacy', msg.tlsLegacyOnly(port, legacy.protocol ?? '?'));
        return;
      }
    }
    if (err.kind === 'timeout') {
      this.diag('greeting-timeout', msg.handshakeTimeout(port, this.timeout, how));
      return;
    }
    this.diag('protocol-error', msg.tlsFailed(port, err));
  }

  /** Fresh connection, STARTTLS, then a handshake that allows TLS 1.0/1.1. */
  private async tryStarttlsLegacy(deadline: number): Promise<TlsReport | null> {
    const wire = new Wire(() => {});
    let ts: tls.TLSSocket | undefined;
    try {
      wire.attach(await this.connect(true, timeLeft(deadline)), false);
      if ((await wire.readReply(timeLeft(deadline), this.signal, 'greeting')).code !== 220) return null;
      wire.send(`EHLO ${this.ehloName}`);
      if ((await wire.readReply(timeLeft(deadline), this.signal, 'EHLO reply')).code !== 250) return null;
      wire.send('STARTTLS');
      if ((await wire.readReply(timeLeft(deadline), this.signal, 'STARTTLS reply')).code !== 220) return null;
      const { socket } = wire.detach();
      if (!socket) return null;
      ts = await tlsHandshake(socket, { servername: this.servername, ca: this.target.ca, legacy: true }, timeLeft(deadline), this.signal);
      return describeTls(ts, this.servername);
    } catch {
      return null;
    } finally {
      ts?.destroy();
      wire.close();
    }
  }

  async starttls(wire: Wire, ext: Extensions): Promise<tls.TLSSocket | null> {
    const t = Date.now();
    const port = this.target.port;
    if (!ext.starttls) {
      this.step('starttls', 'fail', t, 'STARTTLS not in the EHLO reply');
      this.diag('starttls-not-offered', msg.starttlsNotOffered(port, !!this.target.opportunistic));
      return null;
    }
    try {
      wire.send('STARTTLS');
      const r = await wire.readReply(this.timeout, this.signal, 'STARTTLS reply');
      if (r.code !== 220) {
        this.step('starttls', 'fail', t, printable(r.raw.join(' '), 160));
        this.diag('starttls-not-offered', msg.starttlsRefused(port, printable(r.raw.join(' '), 160)));
        return null;
      }
      const { socket, leftover } = wire.detach();
      if (leftover.length) {
        // Bytes after "220 Ready to start TLS" and before the handshake: a broken or tampering server (CVE-2011-0411 style).
        socket?.destroy();
        this.step('starttls', 'fail', t, `the server sent data after its 220 reply: ${printable(leftover, 60)}`);
        this.diag('protocol-error', msg.starttlsInjection(port));
        return null;
      }
      this.step('starttls', 'ok', t, printable(r.raw[0], 120));
      if (!socket) return null;
      const ts = await this.handshake(socket, 'starttls');
      return ts;
    } catch (e) {
      if (this.cancelled(e)) return this.step('starttls', 'fail', t, 'cancelled'), null;
      const err = e as WireError;
      this.step('starttls', 'fail', t, err.message);
      this.diag('protocol-error', msg.ehloFailed(port, err, 'STARTTLS'));
      return null;
    }
  }

  async authenticate(wire: Wire, ext: Extensions, encrypted: boolean): Promise<void> {
    const t = Date.now();
    const { user, password, port } = { ...this.target };
    this.auth = { mechanisms: ext.authMechanisms, result: 'skipped' };
    if (this.opts.noAuth) {
      this.auth.detail = 'not requested';
      return this.step('auth', 'skip', t, 'not requested');
    }
    if (!password) {
      this.auth.detail = user ? `no password available for ${user}` : 'no credentials configured';
      if (user && !ext.auth) {
        this.auth.result = 'not-offered';
        this.step('auth', 'warn', t, `the server offers no AUTH here${encrypted ? '' : ' (before TLS)'}`);
        this.diag('auth-not-offered', msg.authNotOffered(port, encrypted), undefined, 'warning');
        return;
      }
      return this.step('auth', 'skip', t, this.auth.detail);
    }
    if (!encrypted && !this.opts.allowPlaintextAuth) {
      this.auth.result = 'refused-plaintext';
      this.auth.detail = 'not sent: the connection is not encrypted';
      this.step('auth', 'skip', t, 'credentials NOT sent: the connection is not encrypted (allow it with --allow-plaintext-auth)');
      this.diag('auth-over-plaintext-refused', msg.authPlaintextRefused(port, ext.auth));
      return;
    }
    if (encrypted && this.tlsReport && !this.tlsReport.authorized) {
      this.auth.detail = 'not sent: the certificate did not verify (the server may not be who it claims)';
      return this.step('auth', 'skip', t, this.auth.detail);
    }
    if (!ext.auth) {
      this.auth.result = 'not-offered';
      this.step('auth', 'fail', t, 'the server does not offer AUTH');
      this.diag('auth-not-offered', msg.authNotOffered(port, encrypted));
      return;
    }
    const u = user ?? '';
    const mech = ['PLAIN', 'LOGIN', 'CRAM-MD5'].find((m) => ext.authMechanisms.includes(m));
    if (!mech) {
      this.auth.result = 'skipped';
      this.auth.detail = `no supported mechanism (offered: ${ext.authMechanisms.join(' ') || 'none'})`;
      this.step('auth', 'warn', t, this.auth.detail);
      return;
    }
    const hidden = '[credentials redacted]';
    try {
      let r: Reply;
      if (mech === 'PLAIN') {
        wire.send(`AUTH PLAIN ${b64(`\0${u}\0${password}`)}`, `AUTH PLAIN ${hidden}`);
        r = await wire.readReply(this.timeout, this.signal, 'AUTH reply');
      } else if (mech === 'LOGIN') {
        wire.send('AUTH LOGIN');
        r = await wire.readReply(this.timeout, this.signal, 'AUTH reply');
        if (r.code === 334) {
          wire.send(b64(u), `${hidden} (user name)`);
          r = await wire.readReply(this.timeout, this.signal, 'AUTH reply');
          if (r.code === 334) {
            wire.send(b64(password), `${hidden} (password)`);
            r = await wire.readReply(this.timeout, this.signal, 'AUTH reply');
          }
        }
      } else {
        wire.send('AUTH CRAM-MD5');
        r = await wire.readReply(this.timeout, this.signal, 'AUTH reply');
        if (r.code === 334) {
          const challenge = Buffer.from(r.lines[0] ?? '', 'base64').toString('latin1');
          const digest = createHmac('md5', password).update(challenge).digest('hex');
          wire.send(b64(`${u} ${digest}`), `${hidden} (CRAM-MD5 response)`);
          r = await wire.readReply(this.timeout, this.signal, 'AUTH reply');
        }
      }
      const text = printable(r.raw.join(' '), 200);
      if (r.code === 235) {
        this.auth.result = 'ok';
        this.auth.detail = `${mech}: ${text}`;
        this.step('auth', 'ok', t, `${mech} as ${u}: ${text}`);
      } else {
        this.auth.result = 'failed';
        this.auth.detail = `${mech}: ${text}`;
        this.step('auth', 'fail', t, `${mech} as ${u}: ${text}`);
        this.diag('auth-failed', msg.authFailed(u, text, r.code));
      }
    } catch (e) {
      if (this.cancelled(e)) return this.step('auth', 'fail', t, 'cancelled');
      const err = e as WireError;
      this.auth.result = 'failed';
      this.auth.detail = err.message;
      this.step('auth', 'fail', t, err.message);
      this.diag('protocol-error', msg.ehloFailed(port, err, 'AUTH'));
    }
  }

  async quit(wire: Wire): Promise<void> {
    const t = Date.now();
    if (!wire.socket || wire.socket.destroyed) return;
    try {
      wire.send('QUIT');
      const r = await wire.readReply(Math.min(this.timeout, 2000), this.signal, 'QUIT reply');
      this.step('quit', r.code === 221 ? 'ok' : 'warn', t, printable(r.raw[0] ?? '', 120));
    } catch (e) {
      this.step('quit', 'warn', t, (e as WireError).message);
    } finally {
      wire.close();
    }
  }

  report(): ProbeReport {
    const ok = !this.steps.some((s) => s.status === 'fail') && !this.diagnosis.some((d) => d.severity === 'error' || d.code === 'cancelled');
    const { host, port, tls: mode, servername, user } = this.target;
    return {
      target: { host, port, tls: mode, ...(servername ? { servername } : {}), ...(user ? { user } : {}) },
      ok,
      ms: Date.now() - this.t0,
      steps: this.steps,
      tls: this.tlsReport,
      auth: this.auth,
      extensions: this.extensions,
      banner: this.banner === null ? null : this.scrub(this.banner),
      diagnosis: this.diagnosis,
      transcript: this.transcript,
      timeouts: this.timeouts,
    };
  }
}

/** Runs the probe against one target. Never throws (all failures are in the report), never sends mail. */
export async function runProbe(target: ProbeTarget, opts: ProbeOptions = {}): Promise<ProbeReport> {
  const run = new Run(target, opts);
  const wire = new Wire(run.line);
  try {
    await timeoutLog.run(run.timeouts, () => probeFlow(run, wire));
  } catch (e) {
    // A bug here must still give a verdict, not an unhandled rejection.
    if (!run.cancelled(e)) run.diag('protocol-error', `internal error: ${(e as Error).message}`);
  } finally {
    wire.close();
    run.dispose();
  }
  return run.report();
}

async function probeFlow(run: Run, wire: Wire): Promise<void> {
  const { tls: mode } = run.target;
  if (!(await run.resolve())) return;
  let sock: net.Socket;
  try {
    sock = await run.connect();
  } catch {
    return;
  }
  let encrypted = false;
  if (mode === 'implicit') {
    const ts = await run.handshake(sock, 'implicit');
    if (!ts) return;
    encrypted = true;
    wire.attach(ts, true);
    if (!(await run.greeting(wire, false))) return;
    const ext = await run.ehlo(wire, 'ehlo-tls');
    if (!ext) return;
    await run.authenticate(wire, ext, encrypted);
    await run.quit(wire);
    return;
  }
  wire.attach(sock, false);
  if (!(await run.greeting(wire, true))) return;
  let ext = await run.ehlo(wire, 'ehlo');
  if (!ext) return;
  if (mode === 'starttls') {
    const ts = await run.starttls(wire, ext);
    if (ts) {
      encrypted = true;
      wire.attach(ts, true);
      ext = await run.ehlo(wire, 'ehlo-tls');
      if (!ext) return;
    } else if (run.diagnosis.some((d) => d.code === 'protocol-error' || d.code === 'cancelled' || d.code.startsWith('cert-') || d.code === 'tls-version-legacy' || d.code === 'greeting-timeout')) {
      // The TLS layer broke: the connection is gone, nothing more to learn.
      return;
    }
  } else if (ext.starttls) {
    run.diag('tls-not-used', msg.tlsNotUsed(run.target.port), { title: 'Require STARTTLS', intent: { kind: 'tls-mode', mode: 'starttls-required' } }, 'warning');
  }
  await run.authenticate(wire, ext, encrypted);
  await run.quit(wire);
}
