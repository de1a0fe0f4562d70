// Python smtplib (CPython 3.11 Lib/smtplib.py, Lib/ssl.py; rules-research-polyglot §4.1), aiosmtplib
// (cole/aiosmtplib@320180e, §4.5) and FastAPI-Mail (sabuhish/fastapi-mail@79b7842, §4.6): what the calls mean.
import type { EffectiveConnection } from '../model/types';

/** smtplib: the class decides the mode, the port never does. SMTP_SSL → implicit TLS; SMTP + starttls() → STARTTLS
 *  (mandatory: starttls() raises SMTPNotSupportedError when not offered); SMTP alone → cleartext. */
export function smtplibEffective(cls: 'SMTP' | 'SMTP_SSL' | 'LMTP', starttls: boolean, host: string | undefined, port: number | undefined): EffectiveConnection {
  // port 0 / omitted: SMTP_PORT = 25, SMTP_SSL_PORT = 465 [CPY-SMTPLIB]
  const p = port === undefined || port === 0 ? (cls === 'SMTP_SSL' ? 465 : 25) : port;
  if (cls === 'SMTP_SSL') return { host, port: p, tlsMode: 'implicit', because: 'smtplib.SMTP_SSL: TLS from the first byte' };
  if (starttls) return { host, port: p, tlsMode: 'starttls-required', because: 'smtplib.SMTP then starttls(): plaintext greeting, then a mandatory STARTTLS' };
  return { host, port: p, tlsMode: 'none', because: 'smtplib.SMTP without starttls(): the session stays in clear text' };
}

/** Why a certificate goes unverified when no context is passed: starttls() / SMTP_SSL() fall back to
 *  ssl._create_stdlib_context, which is _create_unverified_context (CERT_NONE, check_hostname=False). */
export const NO_CONTEXT_REASON =
  'without a context= argument smtplib uses ssl._create_stdlib_context(), which is ssl._create_unverified_context(): the certificate is not verified because no context was passed';

export interface TwoFlags {
  /** Implicit TLS switch (aiosmtplib use_tls, FastAPI-Mail MAIL_SSL_TLS): true/false/undefined (unknown) / absent. */
  implicit: boolean | undefined | 'absent';
  /** STARTTLS switch (aiosmtplib start_tls, FastAPI-Mail MAIL_STARTTLS). */
  starttls: boolean | undefined | 'absent';
}

/** aiosmtplib: use_tls → implicit; start_tls True → mandatory STARTTLS, False → never, None (default) → if offered.
 *  Both true → ValueError("The start_tls and use_tls options are not compatible."). The port default follows the
 *  flags (465 with use_tls, 587 with start_tls, else 25); the flags never follow the port. */
export function aiosmtplibEffective(f: TwoFlags, host: string | undefined, port: number | undefined): EffectiveConnection {
  if (f.implicit === undefined || f.starttls === undefined) return { host, port, tlsMode: 'unknown', because: 'use_tls or start_tls is not known' };
  const implicit = f.implicit === true;
  const st = f.starttls === 'absent' ? null : f.starttls;
  const p = port ?? (implicit ? 465 : st === true ? 587 : 25);
  if (implicit && st === true) return { host, port: p, tlsMode: 'unknown', because: 'use_tls and start_tls are both true: aiosmtplib raises ValueError ("not compatible")' };
  if (implicit) return { host, port: p, tlsMode: 'implicit', because: 'use_tls=True: TLS from the first byte' };
  if (st === true) return { host, port: p, tlsMode: 'starttls-required', because: 'start_tls=True: a mandatory STARTTLS' };
  if (st === false) return { host, port: p, tlsMode: 'none', because: 'start_tls=False: aiosmtplib never starts TLS' };
  return { host, port: p, tlsMode: 'starttls-opportunistic', because: 'start_tls unset (None): aiosmtplib uses STARTTLS only if the server offers it' };
}

/** FastAPI-Mail: ConnectionConfig passes use_tls=MAIL_SSL_TLS, start_tls=MAIL_STARTTLS (both required bools), so
 *  there is no opportunistic mode: neither → clear text. */
export function fastapiMailEffective(f: TwoFlags, host: string | undefined, port: number | undefined): EffectiveConnection {
  const st = f.starttls === 'absent' ? false : f.starttls;
  const im = f.implicit === 'absent' ? false : f.implicit;
  if (im === undefined || st === undefined) return { host, port, tlsMode: 'unknown', because: 'MAIL_SSL_TLS or MAIL_STARTTLS is not known' };
  if (im && st) return { host, port, tlsMode: 'unknown', because: 'MAIL_SSL_TLS and MAIL_STARTTLS are both true: aiosmtplib raises ValueError ("not compatible")' };
  if (im) return { host, port, tlsMode: 'implicit', because: 'MAIL_SSL_TLS=True: TLS from the first byte' };
  if (st) return { host, port, tlsMode: 'starttls-required', because: 'MAIL_STARTTLS=True: a mandatory STARTTLS' };
  return { host, port, tlsMode: 'none', because: 'MAIL_STARTTLS and MAIL_SSL_TLS are False: FastAPI-Mail sends in clear text' };
}

// ------------------------------------------------------------------------------------------------
// An ssl.SSLContext built in the same function (or at module level) and passed as context= (rules-research-polyglot
// §4.1(d)). Read from CPython Lib/ssl.py (3.11-3.13) and Modules/_ssl.c:
//  - create_default_context() (purpose SERVER_AUTH) is SSLContext(PROTOCOL_TLS_CLIENT): CERT_REQUIRED, check_hostname;
//  - _create_unverified_context() (= _create_stdlib_context) sets check_hostname=False, verify_mode=CERT_NONE unless
//    its cert_reqs= / check_hostname= arguments say otherwise;
//  - SSLContext(PROTOCOL_TLS_CLIENT) verifies; SSLContext() / SSLContext(PROTOCOL_TLS) (alias PROTOCOL_SSLv23) and the
//    version-pinned protocols start at CERT_NONE without a host name check (_ssl.c _ssl__SSLContext_impl);
//  - verify_mode = CERT_NONE turns the chain check off (CERT_OPTIONAL is CERT_REQUIRED for a client);
//    check_hostname = False the host name check; check_hostname = True also sets CERT_REQUIRED when it was CERT_NONE
//    (3.7+); minimum_version = TLSVersion.TLSv1 / TLSv1_1 / SSLv3 and PROTOCOL_TLSv1 / _1_1 allow legacy versions.
// Steps come in text order; the reader finds them (`ctx = …`, `ctx.attr = …`, or the argument itself), this decides
// what they mean. A context from a helper or another module stays unknown: no finding, never a guess.

export interface PySslStep {
  /** undefined: the context is (re)built (`ctx = <expr>`, or `<expr>` passed inline); else the attribute assigned. */
  attr?: string;
  /** The expression as written. */
  expr: string;
}

export interface PySslContextFacts {
  /** true: chain and host name checked; false: one of them is not; undefined: the steps do not say. */
  verifies?: boolean;
  /** The step that turned verification off (when verifies is false): the chain's, else the host name's. */
  offStep?: number;
  /** The step that allows a TLS version below 1.2, and that version as rules name it ('TLSv1', 'TLSv1.1', 'SSLv3'). */
  legacy?: { step: number; version: string };
  /** How to make the context verify, when a small edit does: steps to delete (`ctx.verify_mode = ssl.CERT_NONE`) and
   *  a step whose expression is rewritten (`ssl._create_unverified_context()` → `ssl.create_default_context()`). */
  repair?: { remove: number[]; rewrite?: { step: number; expr: string } };
}

const LEGACY_TLS_VERSION: Record<string, string> = { SSLv3: 'SSLv3', TLSv1: 'TLSv1', TLSv1_1: 'TLSv1.1' };
const LEGACY_PROTOCOL: Record<string, string> = { PROTOCOL_SSLv3: 'SSLv3', PROTOCOL_TLSv1: 'TLSv1', PROTOCOL_TLSv1_1: 'TLSv1.1' };

interface CtxState {
  chain?: boolean;
  host?: boolean;
  chainOff?: number;
  hostOff?: number;
  legacy?: { step: number; version: string };
}

/** A (re)built context: what the builder call gives. */
function built(e: string, i: number): CtxState {
  if (/^(ssl\.)?create_default_context\(/.test(e)) return /CLIENT_AUTH/.test(e) ? {} : { chain: true, host: true };
  if (/^(ssl\.)?_create_(unverified|stdlib)_context\(/.test(e)) {
    // cert_reqs= / check_hostname= / a positional protocol may turn it back on: unknown rather than a guess
    if (/\b(cert_reqs|check_hostname)\s*=/.test(e)) return {};
    const legacy = /PROTOCOL_(SSLv3|TLSv1(?:_1)?)\b/.exec(e);
    return { chain: false, host: false, chainOff: i, hostOff: i, legacy: legacy ? { step: i, version: LEGACY_PROTOCOL[`PROTOCOL_${legacy[1]}`] } : undefined };
  }
  const m = /^(?:ssl\.)?SSLContext\((?:protocol=)?(?:(?:ssl\.)?(?:_SSLMethod\.)?(PROTOCOL_\w+))?\)$/.exec(e);
  if (!m) return {};
  if (m[1] === 'PROTOCOL_TLS_CLIENT') return { chain: true, host: true };
  if (m[1] === 'PROTOCOL_TLS_SERVER') return {};
  return { chain: false, host: false, chainOff: i, hostOff: i, legacy: m[1] && LEGACY_PROTOCOL[m[1]] ? { step: i, version: LEGACY_PROTOCOL[m[1]] } : undefined };
}

function replay(steps: readonly PySslStep[]): CtxState {
  let s: CtxState = {};
  steps.forEach((step, i) => {
    const e = step.expr.replace(/\s+/g, '');
    if (step.attr === undefined) {
      s = built(e, i);
    } else if (step.attr === 'verify_mode') {
      const m = /(?:^|\.)(CERT_NONE|CERT_REQUIRED|CERT_OPTIONAL)$/.exec(e);
      if (!m) [s.chain, s.chainOff] = [undefined, undefined];
      else if (m[1] === 'CERT_NONE') [s.chain, s.chainOff] = [false, i];
      else [s.chain, s.chainOff] = [true, undefined];
    } else if (step.attr === 'check_hostname') {
      if (e === 'False') [s.host, s.hostOff] = [false, i];
      else if (e === 'True') {
        [s.host, s.hostOff] = [true, undefined];
        if (s.chain === false) [s.chain, s.chainOff] = [true, undefined];
      } else [s.host, s.hostOff] = [undefined, undefined];
    } else if (step.attr === 'minimum_version') {
      const m = /(?:^|\.)TLSVersion\.(\w+)$/.exec(e);
      const v = m ? LEGACY_TLS_VERSION[m[1]] : undefined;
      s.legacy = v ? { step: i, version: v } : undefined;
    }
  });
  return s;
}

/** What a context built by `steps` does to certificate verification and to the lowest TLS version. */
export function pythonSslContext(steps: readonly PySslStep[]): PySslContextFacts {
  const s = replay(steps);
  const out: PySslContextFacts = {};
  if (s.legacy) out.legacy = s.legacy;
  if (s.chain === false || s.host === false) {
    out.verifies = false;
    out.offStep = s.chain === false ? s.chainOff : s.hostOff;
    out.repair = repairOf(steps);
  } else if (s.chain && s.host) out.verifies = true;
  return out;
}

/** Delete the assignments that turn checks off and rewrite an unverified builder to create_default_context(); kept
 *  only when the result verifies (SSLContext(PROTOCOL_TLS) would need CA certificates loaded: no edit). */
function repairOf(steps: readonly PySslStep[]): PySslContextFacts['repair'] {
  const remove: number[] = [];
  let rewrite: { step: number; expr: string } | undefined;
  const fixed = steps.map((st, i) => {
    const e = st.expr.replace(/\s+/g, '');
    if ((st.attr === 'verify_mode' && /(?:^|\.)CERT_NONE$/.test(e)) || (st.attr === 'check_hostname' && e === 'False')) {
      remove.push(i);
      return undefined;
    }
    if (st.attr === undefined && /^(ssl\.)?_create_(unverified|stdlib)_context\(\)$/.test(e)) {
      rewrite = { step: i, expr: st.expr.replace(/_create_(unverified|stdlib)_context\(\s*\)/, 'create_default_context()') };
      return { expr: rewrite.expr };
    }
    return st;
  });
  const after = replay(fixed.filter((x): x is PySslStep => !!x));
  return after.chain === true && after.host === true ? { remove, rewrite } : undefined;
}

/** The minimum_version a fix writes, in the module prefix the file used (`ssl.TLSVersion.TLSv1_2`). */
export function pythonTls12Version(expr: string): string | undefined {
  return /TLSVersion\.\w+\s*$/.test(expr) ? expr.replace(/\w+\s*$/, 'TLSv1_2') : undefined;
}
