// Intents → field edits for a nodemailer transport in JS/TS (rules-research §9):
//   tls-mode implicit          secure: true (set, or insert after port/host); smtp:// → smtps://
//   tls-mode starttls-required secure: false + requireTLS: true (insert when absent); smtps:// → smtp://
//   port N                     port: N, and the TLS flag that matches N (465 → implicit, else STARTTLS required)
//   require-tls                requireTLS: true (set or insert), dropping ignoreTLS / opportunisticTLS: true
//   verify-cert                remove tls.rejectUnauthorized: false (and the tls object when it empties)
//   min-tls-1.2                tls.minVersion: 'TLSv1.2'; remove a legacy maxVersion/secureProtocol/ciphers
// Only fields written in this file as literals (or unknown) are edited; a value read from process.env is
// never overwritten by a fix here (the env file is the place to change it).
import type { Field, FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { parseBool } from '../../semantics/values';

const LEGACY = /^(TLSv1(\.1)?|SSLv[23]|TLSv1_method|TLSv1_1_method|SSLv23_method|SSLv3_method|TLSv1_client_method|TLSv1_1_client_method)$/i;

function editable(cfg: SmtpConfig, f: Field | undefined): f is Field {
  return !!f && f.site.file === cfg.file && (f.kind === 'literal' || f.kind === 'unknown') && f.site.style !== 'js-expr';
}

function truthy(f: Field | undefined): boolean {
  return boolish(f) === true;
}

/** Value of a boolean-ish field as nodemailer sees it (URL params: 'false' → false). */
function boolish(f: Field | undefined): boolean | undefined {
  if (!f || f.value === undefined) return undefined;
  if (f.site.style === 'url-part' && typeof f.value === 'string') return parseBool(f.value, 'nodemailer-url');
  return !!f.value;
}

/** A js-prop field of the transport object to insert siblings after (never one being removed). */
function anchor(cfg: SmtpConfig, avoid: Set<Field>, ...prefer: (Field | undefined)[]): Field | undefined {
  const top = [...prefer, cfg.implicitTls, cfg.port, cfg.host, cfg.service, cfg.requireTls, cfg.ignoreTls, cfg.opportunisticTls, cfg.extras.tls, cfg.url, cfg.extras.auth];
  for (const f of top) {
    if (!f || avoid.has(f) || f.site.style !== 'js-prop' || f.site.file !== cfg.file) continue;
    if (f.key.includes('.') && f.key !== 'tls') continue; // nested (tls.*, auth.*): not a top-level sibling
    return f;
  }
  return undefined;
}

/** The config is a URL (createTransport('smtp://…') or { url }) whose scheme decides the mode. */
function urlScheme(cfg: SmtpConfig): Field | undefined {
  const s = cfg.url?.scheme;
  return s && s.site.style === 'url-part' && s.site.file === cfg.file && s.kind === 'literal' ? s : undefined;
}

function setBool(cfg: SmtpConfig, f: Field | undefined, v: boolean): FieldEdit | undefined {
  if (!editable(cfg, f)) return undefined;
  if (boolish(f) === v && typeof f.value === 'boolean') return undefined;
  if (f.site.style === 'url-part') return { op: 'set', field: f, text: String(v) };
  const minified = /^!\s*[01]$/.test(f.text.trim());
  return { op: 'set', field: f, text: minified ? (v ? '!0' : '!1') : String(v), type: 'boolean' };
}

function boolText(cfg: SmtpConfig, v: boolean): string {
  const minified = [cfg.implicitTls, cfg.requireTls, cfg.ignoreTls, cfg.verifyCert].some((f) => f && /^!\s*[01]$/.test(f.text.trim()));
  return minified ? (v ? '!0' : '!1') : String(v);
}

function implicit(cfg: SmtpConfig): FieldEdit[] | null {
  const scheme = urlScheme(cfg);
  const edits: FieldEdit[] = [];
  if (scheme && !cfg.implicitTls) {
    if (scheme.value === 'smtp') edits.push({ op: 'set', field: scheme, text: 'smtps' });
    return edits.length ? edits : null;
  }
  if (cfg.implicitTls) {
    const e = setBool(cfg, cfg.implicitTls, true);
    if (e) edits.push(e);
    else if (!editable(cfg, cfg.implicitTls)) return null;
  } else {
    const a = anchor(cfg, new Set(), cfg.port, cfg.host);
    if (!a) return null;
    edits.push({ op: 'insert', after: a, key: 'secure', text: boolText(cfg, true), type: 'boolean' });
  }
  if (scheme && scheme.value === 'smtp') edits.push({ op: 'set', field: scheme, text: 'smtps' });
  return edits.length ? edits : null;
}

function starttlsRequired(cfg: SmtpConfig): FieldEdit[] | null {
  const scheme = urlScheme(cfg);
  const edits: FieldEdit[] = [];
  if (scheme && !cfg.implicitTls && !hasObject(cfg)) {
    if (scheme.value === 'smtps') edits.push({ op: 'set', field: scheme, text: 'smtp' });
    return edits.length ? edits : null;
  }
  const removed = new Set<Field>();
  if (cfg.implicitTls) {
    const e = setBool(cfg, cfg.implicitTls, false);
    if (e) edits.push(e);
    else if (!editable(cfg, cfg.implicitTls)) return null;
  }
  if (scheme && scheme.value === 'smtps') edits.push({ op: 'set', field: scheme, text: 'smtp' });
  edits.push(...requireTls(cfg, removed, cfg.implicitTls));
  return edits.length ? edits : null;
}

function hasObject(cfg: SmtpConfig): boolean {
  return !!anchor(cfg, new Set());
}

/** requireTLS: true (set or insert after `after`), removing ignoreTLS / opportunisticTLS that say true. */
function requireTls(cfg: SmtpConfig, removed: Set<Field>, after?: Field): FieldEdit[] {
  const edits: FieldEdit[] = [];
  for (const f of [cfg.ignoreTls, cfg.opportunisticTls]) {
    if (f && editable(cfg, f) && f.site.style === 'js-prop' && truthy(f)) {
      edits.push({ op: 'remove', field: f });
      removed.add(f);
    }
  }
  if (cfg.requireTls) {
    // a URL's ?requireTLS or the property (setBool writes each in its own form)
    const e = setBool(cfg, cfg.requireTls, true);
    if (e) edits.push(e);
    return edits;
  }
  const a = anchor(cfg, removed, after, cfg.implicitTls, cfg.port, cfg.host);
  if (a) edits.push({ op: 'insert', after: a, key: 'requireTLS', text: boolText(cfg, true), type: 'boolean' });
  return edits;
}

function port(cfg: SmtpConfig, p: number): FieldEdit[] | null {
  const edits: FieldEdit[] = [];
  const portF = cfg.port ?? cfg.url?.port;
  if (portF) {
    if (!editable(cfg, portF)) return null;
    if (portF.value !== p) edits.push(portF.site.style === 'url-part' ? { op: 'set', field: portF, text: String(p) } : { op: 'set', field: portF, text: String(p), type: 'number' });
  } else {
    const a = anchor(cfg, new Set(), cfg.host);
    if (!a) return null;
    edits.push({ op: 'insert', after: a, key: 'port', text: String(p), type: 'number' });
  }
  const scheme = urlScheme(cfg);
  if (p === 465) {
    if (scheme && scheme.value === 'smtp' && !cfg.implicitTls) edits.push({ op: 'set', field: scheme, text: 'smtps' });
    else if (cfg.implicitTls) {
      const e = setBool(cfg, cfg.implicitTls, true);
      if (e) edits.push(e);
    }
    // secure unset + 465 → nodemailer switches to implicit TLS by itself.
  } else {
    if (scheme && scheme.value === 'smtps' && !cfg.implicitTls) edits.push({ op: 'set', field: scheme, text: 'smtp' });
    if (cfg.implicitTls) {
      const e = setBool(cfg, cfg.implicitTls, false);
      if (e) edits.push(e);
    }
    if (!scheme || hasObject(cfg)) {
      if (!(cfg.requireTls && boolish(cfg.requireTls) === true)) edits.push(...requireTls(cfg, new Set()));
    }
  }
  return edits.length ? edits : null;
}

function verifyCert(cfg: SmtpConfig): FieldEdit[] | null {
  const f = cfg.verifyCert;
  if (!f || f.site.file !== cfg.file) return null;
  if (f.site.style === 'url-part') return [{ op: 'remove', field: f }];
  if (!editable(cfg, f)) return null;
  const tls = cfg.extras.tls;
  if (tls && tls.value === 1 && tls.site.style === 'js-prop' && f.key === 'tls.rejectUnauthorized') return [{ op: 'remove', field: tls }];
  return [{ op: 'remove', field: f }];
}

function minTls(cfg: SmtpConfig): FieldEdit[] | null {
  const edits: FieldEdit[] = [];
  const toRemove: Field[] = [];
  const f = cfg.minTlsVersion;
  const legacy = (x: Field | undefined): boolean => !!x && typeof x.value === 'string' && LEGACY.test(x.value.trim());
  if (f && editable(cfg, f)) {
    if (f.key === 'tls.minVersion' || f.key === 'minVersion') {
      if (f.value !== 'TLSv1.2' && f.value !== 'TLSv1.3') edits.push(f.site.style === 'url-part' ? { op: 'set', field: f, text: 'TLSv1.2' } : { op: 'set', field: f, text: 'TLSv1.2', type: 'string' });
    } else if (legacy(f)) toRemove.push(f);
  }
  for (const k of ['tls.maxVersion', 'tls.secureProtocol']) {
    const x = cfg.extras[k];
    if (x && editable(cfg, x) && legacy(x)) toRemove.push(x);
  }
  const c = cfg.ciphers;
  if (c && editable(cfg, c) && typeof c.value === 'string' && /SSLv3|RC4|@SECLEVEL=0|NULL|EXPORT/i.test(c.value)) toRemove.push(c);
  const tls = cfg.extras.tls;
  if (toRemove.length && edits.length === 0 && tls && tls.site.style === 'js-prop' && typeof tls.value === 'number' && tls.value === toRemove.filter((x) => x.site.style === 'js-prop').length && toRemove.every((x) => x.key.startsWith('tls.'))) {
    return [{ op: 'remove', field: tls }];
  }
  for (const x of toRemove) edits.push({ op: 'remove', field: x });
  return edits.length ? edits : null;
}

export function expressNodemailer(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  switch (intent.kind) {
    case 'tls-mode':
      return intent.mode === 'implicit' ? implicit(cfg) : starttlsRequired(cfg);
    case 'port':
      return port(cfg, intent.port);
    case 'require-tls': {
      if (urlScheme(cfg) && !hasObject(cfg)) return null;
      const e = requireTls(cfg, new Set());
      return e.length ? e : null;
    }
    case 'verify-cert':
      return verifyCert(cfg);
    case 'min-tls-1.2':
      return minTls(cfg);
    default:
      return null;
  }
}

registerExpresser('nodemailer', { express: expressNodemailer });
