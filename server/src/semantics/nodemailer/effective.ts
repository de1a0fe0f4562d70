// The effective connection of a nodemailer SMTP transport, computed the way nodemailer 10.6 does it.
// Verified against node_modules/nodemailer (10.6.0):
//   - dist/cjs/nodemailer.js createTransport(): a string matching /^(smtps?|direct):/i is a URL; an object's
//     `url` is parsed and merged OVER the object's other keys: assign(copyOwnKeys(obj minus url), parsedUrl).
//   - dist/cjs/smtp-transport/index.js: options < urlData < wellKnown(options.service || urlData.service).
//   - dist/cjs/shared/index.js parseConnectionUrl(): smtp: → secure false (explicitly), smtps: → secure true;
//     port if Number(port) truthy; query values: numeric → Number, 'true'/'false' → booleans, `tls.x` →
//     tls.x, other dotted keys ignored, and a query key never overrides a key already set (so
//     smtp://h:465?secure=true stays secure:false).
//   - dist/cjs/smtp-connection/index.js constructor:
//       if (requireTLS && (ignoreTLS || opportunisticTLS)) → ignoreTLS = opportunisticTLS = false
//         (NEW in v10: rules-research §2.2 (v9.0.5) says ignoreTLS wins; the v10 code says requireTLS wins)
//       secureConnection = !!secure;  port = Number(port) || (secureConnection ? 465 : 587);
//       host = host || 'localhost';   if (typeof secure === 'undefined' && port === 465) secureConnection = true
//   - _actionEHLO: STARTTLS iff !secure && !ignoreTLS && (advertised || requireTLS).
// The generic .env dialect can reuse nodemailerEffective() with values read from SMTP_* keys.
import type { EffectiveConnection, TlsMode } from '../../model/types';
import { isBoolWord, parseBool } from '../values/bool';
import { safeDecode } from '../values/percent';
import { lookupService } from './presets';
import { requireWithIgnore } from './versions';
import type { LibraryVersion } from '../versions';

/** A value as far as static analysis knows it: absent (undefined), known, or unknown with a reason. */
export type OptVal = { known: true; v: unknown; /** how it was written, for messages: 'secure: false' */ label?: string } | { known: false; why: string };

export interface NodemailerOptionsIn {
  host?: OptVal;
  port?: OptVal;
  secure?: OptVal;
  requireTLS?: OptVal;
  ignoreTLS?: OptVal;
  opportunisticTLS?: OptVal;
  service?: OptVal;
  /** The connection URL (createTransport('smtp://…') or `url:`). */
  url?: OptVal;
  /** `secure` is written as `port === 465` (or equivalent) about the same port: correct for any port. */
  secureFollowsPort?: boolean;
  /** The nodemailer release that reads these options (semantics/versions): decides requireTLS vs ignoreTLS. */
  version?: LibraryVersion;
}

export interface NodemailerEffective extends EffectiveConnection {
  /** The effective `secure` (implicit TLS) when known. */
  secure?: boolean;
  /** The well-known preset that applied, by its services.json key. */
  preset?: string;
}

type Src = 'options' | 'url' | 'service';
interface Slot {
  val: OptVal;
  src: Src;
}

/** A URL query value as parseConnectionUrl() types it: numeric text → a number ('' → 0, as `!isNaN('')`),
 *  exactly 'true'/'false' → booleans (values/bool 'nodemailer-url'), anything else stays a string. */
export function nodemailerUrlValue(text: string): unknown {
  if (!isNaN(text as unknown as number)) return Number(text);
  return isBoolWord(text, 'nodemailer-url') ? parseBool(text, 'nodemailer-url') : text;
}

/** The options nodemailer's parseConnectionUrl() derives from a URL (only the keys this linter needs). */
export function nodemailerUrlOptions(url: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const m = /^([a-z][a-z0-9+.-]*:)(?:\/\/)?(?:([^@/?#]*)@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?/i.exec(url.trim());
  if (!m) return out;
  const [, proto, userinfo, hostname, port, , query] = m;
  const p = proto.toLowerCase();
  if (p === 'smtp:') out.secure = false;
  else if (p === 'smtps:') out.secure = true;
  else if (p === 'direct:') out.direct = true;
  if (port && Number(port)) out.port = Number(port);
  if (hostname) out.host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (userinfo) {
    const i = userinfo.indexOf(':');
    out.auth = { user: safeDecode(i < 0 ? userinfo : userinfo.slice(0, i)), pass: i < 0 ? '' : '***' };
  }
  if (query) {
    for (const pair of query.split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const key = safeDecode((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      const value = nodemailerUrlValue(safeDecode((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' ')));
      let obj = out;
      let k = key;
      if (key.startsWith('tls.')) {
        k = key.slice(4);
        obj = (out.tls ??= {}) as Record<string, unknown>;
      } else if (key.includes('.')) continue;
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
      if (!(k in obj)) obj[k] = value;
    }
  }
  return out;
}

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Computes nodemailer's effective host, port and TLS mode. Never throws. */
export function nodemailerEffective(o: NodemailerOptionsIn): NodemailerEffective {
  const slots: Record<string, Slot | undefined> = {};
  for (const k of ['host', 'port', 'secure', 'requireTLS', 'ignoreTLS', 'opportunisticTLS', 'service'] as const) {
    const v = o[k];
    if (v) slots[k] = { val: v, src: 'options' };
  }
  // URL over options.
  if (o.url) {
    if (!o.url.known) {
      for (const k of ['host', 'port', 'secure']) slots[k] = { val: { known: false, why: o.url.why }, src: 'url' };
    } else if (typeof o.url.v === 'string' && o.url.v) {
      const u = nodemailerUrlOptions(o.url.v);
      for (const k of ['host', 'port', 'secure', 'requireTLS', 'ignoreTLS', 'opportunisticTLS', 'service']) {
        if (k in u) slots[k] = { val: { known: true, v: u[k], label: `${k} from the URL` }, src: 'url' };
      }
    }
  }
  // Service preset over both.
  let preset: string | undefined;
  const svc = slots.service?.val;
  if (svc && !svc.known) {
    for (const k of ['host', 'port', 'secure']) slots[k] = { val: { known: false, why: svc.why }, src: 'service' };
  } else if (svc && svc.known && svc.v) {
    const p = typeof svc.v === 'string' ? lookupService(svc.v) : undefined;
    if (p) {
      preset = p.name;
      for (const k of ['host', 'port', 'secure', 'requireTLS', 'ignoreTLS'] as const) {
        if (p[k] !== undefined) slots[k] = { val: { known: true, v: p[k] }, src: 'service' };
      }
    }
  }

  const get = (k: string): OptVal | undefined => slots[k]?.val;
  const hostV = get('host');
  const host = !hostV ? 'localhost' : hostV.known ? (hostV.v ? String(hostV.v) : 'localhost') : undefined;

  let requireV = get('requireTLS');
  let ignoreV = get('ignoreTLS');
  let oppV = get('opportunisticTLS');
  // requireTLS next to ignoreTLS: which one wins depends on the release (semantics/nodemailer/versions.ts).
  const both = requireV?.known && requireV.v && ignoreV?.known && ignoreV.v ? requireWithIgnore(o.version) : undefined;
  if (both?.mode === 'unknown') ignoreV = { known: false, why: both.because };
  else if (both?.mode === 'none') requireV = { known: true, v: false };
  else if (requireV?.known && requireV.v && ((ignoreV?.known && ignoreV.v) || (oppV?.known && oppV.v))) {
    // ≥ 10.0.12 (or requireTLS with opportunisticTLS): requireTLS clears both, as the 10.0.12+ constructor does.
    ignoreV = { known: true, v: false };
    oppV = { known: true, v: false };
  }

  const secureV = get('secure');
  const portV = get('port');
  const presetNote = preset ? `service '${preset}'` : undefined;
  const srcNote = (k: string): string => {
    const s = slots[k];
    if (!s) return `${k} unset`;
    if (s.src === 'service') return `${k} ${show((s.val as { v: unknown }).v)} from ${presetNote}`;
    if (s.src === 'url') return `${k} ${show((s.val as { v: unknown }).v)} from the URL`;
    return `${k} ${show((s.val as { v: unknown }).v)}`;
  };
  const result = (tlsMode: TlsMode, because: string, secure?: boolean, port?: number): NodemailerEffective => ({
    host,
    port,
    tlsMode,
    because,
    ...(secure !== undefined ? { secure } : {}),
    ...(preset ? { preset } : {}),
  });

  // port = Number(port) || (secure ? 465 : 587); auto-secure when secure is undefined and port is 465.
  let secure: boolean | undefined;
  let port: number | undefined;
  const secureUndefined = !secureV || (secureV.known && secureV.v === undefined);
  if (secureV && !secureV.known) {
    if (o.secureFollowsPort) {
      return result('unknown', `secure follows the port (port === 465), so nodemailer uses implicit TLS on 465 and STARTTLS elsewhere; the port is not known here (${secureV.why}).`);
    }
    return result('unknown', `secure is not known here (${secureV.why}).`);
  }
  const secureBool = secureUndefined ? false : !!(secureV as { v: unknown }).v;
  if (portV && !portV.known) {
    if (secureUndefined) return result('unknown', `secure is unset and the port is not known here (${portV.why}), so nodemailer may or may not switch to implicit TLS.`);
    port = undefined;
  } else {
    port = Number(portV ? (portV as { v: unknown }).v : undefined) || (secureBool ? 465 : 587);
  }
  secure = secureBool;
  let autoSecure = false;
  if (secureUndefined && port === 465) {
    secure = true;
    autoSecure = true;
  }
  const portText = port !== undefined ? `port ${port}` : 'an unknown port';

  if (secure) {
    let why: string;
    if (autoSecure) why = slots.port?.src === 'service' ? `${presetNote} sets port 465 and leaves secure unset, so nodemailer switches to implicit TLS.` : `port 465 and secure unset: nodemailer switches to implicit TLS.`;
    else if (slots.secure?.src === 'service') why = `${presetNote} sets secure: true, so nodemailer starts TLS on connect (implicit TLS) on ${portText}.`;
    else if (slots.secure?.src === 'url') why = `the smtps:// URL sets secure: true, so nodemailer starts TLS on connect (implicit TLS) on ${portText}.`;
    else if (typeof (secureV as { v: unknown }).v === 'string') why = `secure is the string ${show((secureV as { v: unknown }).v)}, which is truthy, so nodemailer starts TLS on connect (implicit TLS) on ${portText}.`;
    else why = `secure is ${show((secureV as { v: unknown }).v)}, so nodemailer starts TLS on connect (implicit TLS) on ${portText}.`;
    return result('implicit', why, true, port);
  }

  // Plain TCP first; STARTTLS iff !ignoreTLS && (advertised || requireTLS).
  const secureWhy = secureUndefined
    ? `secure is unset on ${portText}`
    : slots.secure?.src === 'url'
      ? `the smtp:// URL sets secure: false explicitly on ${portText}`
      : slots.secure?.src === 'service'
        ? `${presetNote} sets secure: false on ${portText}`
        : `secure is ${show((secureV as { v: unknown }).v)} on ${portText}`;
  if (!secureUndefined && port === 465 && !(ignoreV && !ignoreV.known) && !(requireV && !requireV.known)) {
    const mode: TlsMode = ignoreV?.known && ignoreV.v ? 'none' : requireV?.known && requireV.v ? 'starttls-required' : 'starttls-opportunistic';
    return result(mode, `${secureWhy}, so nodemailer does not switch to implicit TLS: it connects in plaintext and waits for a greeting that an implicit-TLS port never sends.`, false, port);
  }
  if (ignoreV && !ignoreV.known) return result('unknown', `${secureWhy}, and ignoreTLS is not known here (${ignoreV.why}).`, false, port);
  if (ignoreV?.known && ignoreV.v) return result('none', `${secureWhy} and ${srcNote('ignoreTLS')} is set, so nodemailer never sends STARTTLS and the session stays in cleartext.`, false, port);
  if (requireV && !requireV.known) return result('unknown', `${secureWhy}, and requireTLS is not known here (${requireV.why}).`, false, port);
  if (requireV?.known && requireV.v) return result('starttls-required', `${secureWhy} and requireTLS is set, so nodemailer must upgrade with STARTTLS or fail.`, false, port);
  const opp = oppV?.known && oppV.v ? ' (and opportunisticTLS continues in cleartext if the upgrade fails)' : '';
  return result('starttls-opportunistic', `${secureWhy} without requireTLS, so nodemailer uses STARTTLS only if the server offers it${opp}.`, false, port);
}
