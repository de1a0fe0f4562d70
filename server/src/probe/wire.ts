// Low-level SMTP wire for the probe: TCP connect, TLS handshake, reply reading with hard limits.
// Plain node `net`/`tls` (not nodemailer's SMTPConnection) because the probe must see and time what
// nodemailer hides: the raw greeting, partial bytes from a slow or endless banner, the EHLO lines one by
// one, and the certificate even when verification fails (we handshake with rejectUnauthorized:false and
// judge `authorized`/`checkServerIdentity` ourselves, and never send credentials when it failed).
import { AsyncLocalStorage } from 'node:async_hooks';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ExpiredTimeout } from './types';

/**
 * Where the wire records each time limit that runs out: the `timeouts` list of the probe run this async
 * call chain belongs to (runProbe opens it). The report says which limit ended a step, so callers and tests
 * can check that the probe honoured its limits without timing it.
 */
export const timeoutLog = new AsyncLocalStorage<ExpiredTimeout[]>();

/** Longest reply line we accept (RFC 5321 §4.5.3.1.5 allows 512; servers send a little more in practice). */
export const MAX_LINE = 4096;
/** Most lines in one multi-line reply (EHLO replies have ~10-20). */
export const MAX_REPLY_LINES = 200;

export type WireErrorKind = 'timeout' | 'closed' | 'reset' | 'overflow' | 'garbage' | 'aborted' | 'socket' | 'refused' | 'tls';

export class WireError extends Error {
  constructor(
    readonly kind: WireErrorKind,
    message: string,
    readonly code?: string,
    /** Bytes received in the phase that failed (0 = the server said nothing at all). */
    readonly bytes = 0,
  ) {
    super(message);
  }
}

export interface Reply {
  code: number;
  lines: string[]; // text after "NNN-" / "NNN "
  raw: string[]; // the lines as received
}

export type Sink = (dir: '->' | '<-' | '~>' | '<~' | '**', text: string) => void;

/** Printable form of bytes from the network: control/binary bytes escaped, length capped. */
export function printable(s: string, max = 160): string {
  let out = '';
  for (let i = 0; i < s.length && out.length < max; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x20 && c < 0x7f ? s[i] : `\\x${c.toString(16).padStart(2, '0')}`;
  }
  if (out.length >= max && s.length > max) out = out.slice(0, max) + `… (${s.length} chars)`;
  return out;
}

function abortError(): WireError {
  return new WireError('aborted', 'cancelled');
}

/** OpenSSL's message without its internal prefix/suffix: "wrong version number" instead of "80BC…:error:0A00010B:SSL routines:…:ssl3_record.c:350:". */
export function cleanTlsMessage(m: string): string {
  const x = /SSL routines:[^:]*:([^:]+)/.exec(m);
  return (x ? x[1] : m).trim();
}

function socketError(e: NodeJS.ErrnoException, bytes = 0): WireError {
  const code = e.code;
  if (/SSL routines/.test(e.message)) e = Object.assign(new Error(cleanTlsMessage(e.message)), { code });
  if (code === 'ECONNREFUSED') return new WireError('refused', e.message, code, bytes);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new WireError('reset', `connection reset by the server (${code})`, code, bytes);
  if (code && /^ERR_SSL|^ERR_TLS|SSL/.test(code)) return new WireError('tls', e.message, code, bytes);
  return new WireError('socket', e.message, code, bytes);
}

/** Runs `fn` with a timeout and an abort signal; `cleanup` always runs. */
function guarded<T>(
  what: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  onTimeout: () => WireError,
  start: (resolve: (v: T) => void, reject: (e: WireError) => void) => () => void,
): Promise<T> {
  const log = timeoutLog.getStore();
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    let done = false;
    let cleanup: () => void = () => {};
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      try {
        cleanup();
      } catch {
        /* ignore */
      }
      f();
    };
    const onAbort = () => finish(() => reject(abortError()));
    const timer = setTimeout(
      () =>
        finish(() => {
          log?.push({ kind: 'step', what, limitMs: timeoutMs });
          reject(onTimeout());
        }),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    cleanup = start(
      (v) => finish(() => resolve(v)),
      (e) => finish(() => reject(e)),
    );
  });
}

export function tcpConnect(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<net.Socket> {
  const sock = net.connect({ host, port });
  sock.on('error', () => {}); // errors are handled by the current phase's listener
  return guarded<net.Socket>(
    'TCP connect',
    timeoutMs,
    signal,
    () => {
      sock.destroy();
      return new WireError('timeout', `no TCP connection to ${host}:${port} within ${timeoutMs} ms`);
    },
    (resolve, reject) => {
      const onConnect = () => resolve(sock);
      const onError = (e: NodeJS.ErrnoException) => {
        sock.destroy();
        reject(socketError(e));
      };
      sock.once('connect', onConnect);
      sock.once('error', onError);
      return () => {
        sock.off('connect', onConnect);
        sock.off('error', onError);
        if (signal?.aborted) sock.destroy();
      };
    },
  );
}

export interface TlsParams {
  servername?: string;
  ca?: string | Buffer | Array<string | Buffer>;
  /** Allow TLS 1.0/1.1 and weak ciphers (second attempt, to tell "server too old" apart). */
  legacy?: boolean;
}

/** TLS handshake over an already connected socket. Never rejects on certificate problems (we report them). */
export function tlsHandshake(sock: net.Socket, p: TlsParams, timeoutMs: number, signal?: AbortSignal): Promise<tls.TLSSocket> {
  const opts: tls.ConnectionOptions = {
    socket: sock,
    rejectUnauthorized: false,
    minVersion: p.legacy ? 'TLSv1' : 'TLSv1.2',
    ...(p.legacy ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
    ...(p.servername && !net.isIP(p.servername) ? { servername: p.servername } : {}),
    // An IP address is checked against the certificate's IP entries; without `host` Node would check the
    // name "localhost" (tls.connect over a given socket knows no host).
    ...(p.servername && net.isIP(p.servername) ? { host: p.servername } : {}),
    ...(p.ca ? { ca: p.ca } : {}),
  };
  const ts = tls.connect(opts);
  ts.on('error', () => {});
  return guarded<tls.TLSSocket>(
    'TLS handshake',
    timeoutMs,
    signal,
    () => {
      ts.destroy();
      sock.destroy();
      return new WireError('timeout', `TLS handshake not completed within ${timeoutMs} ms`);
    },
    (resolve, reject) => {
      const onSecure = () => resolve(ts);
      const onError = (e: NodeJS.ErrnoException) => {
        ts.destroy();
        sock.destroy();
        const err = socketError(e);
        reject(err.kind === 'socket' ? new WireError('tls', cleanTlsMessage(e.message), e.code) : err);
      };
      const onClose = () => {
        sock.destroy();
        reject(new WireError('closed', 'the server closed the connection during the TLS handshake'));
      };
      ts.once('secureConnect', onSecure);
      ts.once('error', onError);
      ts.once('close', onClose);
      return () => {
        ts.off('secureConnect', onSecure);
        ts.off('error', onError);
        ts.off('close', onClose);
        if (signal?.aborted) {
          ts.destroy();
          sock.destroy();
        }
      };
    },
  );
}

/**
 * Line-oriented reader/writer over a socket. Bounded: a line longer than MAX_LINE or a reply with more
 * than MAX_REPLY_LINES lines destroys the socket (an endless banner costs at most MAX_LINE bytes of memory).
 */
export class Wire {
  private sock: net.Socket | null = null;
  private partial = '';
  private lines: string[] = [];
  private failure: WireError | null = null;
  private notify: (() => void) | null = null;
  /** Bytes received since the last readReply started (for "said nothing" vs "said something"). */
  private phaseBytes = 0;
  secure = false;

  constructor(private readonly sink: Sink) {}

  private readonly onData = (d: Buffer) => {
    this.phaseBytes += d.length;
    if (this.failure) return;
    const s = d.toString('latin1');
    let from = 0;
    for (;;) {
      const nl = s.indexOf('\n', from);
      if (nl < 0) break;
      let line = this.partial + s.slice(from, nl);
      this.partial = '';
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.length > MAX_LINE) return this.fail(new WireError('overflow', `a reply line longer than ${MAX_LINE} bytes`, undefined, this.phaseBytes));
      this.lines.push(line);
      if (this.lines.length > MAX_REPLY_LINES * 2) return this.fail(new WireError('overflow', `more than ${MAX_REPLY_LINES} reply lines`, undefined, this.phaseBytes));
      from = nl + 1;
    }
    this.partial += s.slice(from);
    if (this.partial.length > MAX_LINE) {
      this.fail(
        new WireError('overflow', `more than ${MAX_LINE} bytes without a line break (${printable(this.partial, 40)})`, undefined, this.phaseBytes),
      );
    }
    this.wake();
  };
  private readonly onError = (e: NodeJS.ErrnoException) => this.fail(socketError(e, this.phaseBytes));
  private readonly onClose = () => this.fail(new WireError('closed', 'the server closed the connection', undefined, this.phaseBytes));

  private fail(e: WireError): void {
    if (!this.failure) this.failure = e;
    this.sock?.destroy();
    this.wake();
  }

  private wake(): void {
    const n = this.notify;
    this.notify = null;
    n?.();
  }

  attach(sock: net.Socket, secure: boolean): void {
    this.sock = sock;
    this.secure = secure;
    this.failure = null;
    sock.on('data', this.onData);
    sock.on('error', this.onError);
    sock.on('close', this.onClose);
  }

  /** Stops reading from the socket (before handing it to TLS). Returns bytes received but not consumed. */
  detach(): { socket: net.Socket | null; leftover: string } {
    const s = this.sock;
    if (s) {
      s.off('data', this.onData);
      s.off('error', this.onError);
      s.off('close', this.onClose);
      s.on('error', () => {});
    }
    const leftover = this.lines.join('\n') + this.partial;
    this.lines = [];
    this.partial = '';
    this.sock = null;
    return { socket: s, leftover };
  }

  get socket(): net.Socket | null {
    return this.sock;
  }

  /** Bytes received in the current read phase. */
  get received(): number {
    return this.phaseBytes;
  }

  send(line: string, shown?: string): void {
    this.sink(this.secure ? '~>' : '->', shown ?? line);
    this.sock?.write(line + '\r\n');
  }

  /** Reads one (multi-line) reply. */
  readReply(timeoutMs: number, signal: AbortSignal | undefined, what: string): Promise<Reply> {
    this.phaseBytes = 0;
    const collected: Reply = { code: 0, lines: [], raw: [] };
    return guarded<Reply>(
      what,
      timeoutMs,
      signal,
      () => {
        const got = this.phaseBytes;
        const why =
          got === 0
            ? `no ${what} within ${timeoutMs} ms (the server sent nothing)`
            : `no complete ${what} within ${timeoutMs} ms (${got} bytes received${this.partial ? `: ${printable(this.partial, 60)}` : ''})`;
        return new WireError('timeout', why, undefined, got);
      },
      (resolve, reject) => {
        const pump = () => {
          while (this.lines.length) {
            const line = this.lines.shift()!;
            this.sink(this.secure ? '<~' : '<-', printable(line, 300));
            const m = /^(\d{3})([ -]|$)(.*)$/.exec(line);
            if (!m || (collected.code && Number(m[1]) !== collected.code)) {
              this.sock?.destroy();
              return reject(new WireError('garbage', `not an SMTP reply: ${printable(line, 80)}`, undefined, this.phaseBytes));
            }
            collected.code = Number(m[1]);
            collected.lines.push(m[3]);
            collected.raw.push(line);
            if (collected.lines.length > MAX_REPLY_LINES) {
              this.sock?.destroy();
              return reject(new WireError('overflow', `more than ${MAX_REPLY_LINES} reply lines`, undefined, this.phaseBytes));
            }
            if (m[2] !== '-') return resolve(collected);
          }
          if (this.failure) {
            if (this.partial) this.sink(this.secure ? '<~' : '<-', printable(this.partial, 120));
            return reject(this.failure);
          }
          this.notify = pump;
        };
        pump();
        return () => {
          this.notify = null;
        };
      },
    );
  }

  close(): void {
    const s = this.sock;
    this.detach();
    s?.destroy();
  }
}
