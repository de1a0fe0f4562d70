// Shared helpers for rule modules: reading fields the way every dialect writes them, host and provider
// knowledge, plain-words descriptions of settings, spans, related locations and fix builders.
// Rules only see the settings model (never raw text), so everything here works on Field / SmtpConfig.
import type { Dialect, Field, FieldEdit, Fix, Related, SmtpConfig, Span } from '../model/types';
import { express, type Intent } from '../fixes/intents';
import { editable, strOf } from '../model/fields';
import { wellKnown, type ServicePreset } from './wellknown';
import { providerOf, type ProviderFacts } from '../semantics/providers';

// The rules' field helpers, shared with the fix expressers.
export { editable, strOf };

// ---------------------------------------------------------------------------------------------
// Ports (rules-research §0.1)

/** Implicit TLS ports: RFC 8314 §3.3 "submissions" (465) and the SES/Resend alternate (2465). */
export const IMPLICIT_PORTS: ReadonlySet<number> = new Set([465, 2465]);
/** Plaintext-greeting ports where TLS, if any, is negotiated with STARTTLS: 587 (RFC 6409), 25 (RFC 5321 relay),
 *  2525 (unofficial ESP alternative, treated like 587) and 2587 (SES/Resend alternate). */
export const STARTTLS_PORTS: ReadonlySet<number> = new Set([587, 25, 2525, 2587]);

export function portRole(port: number): string {
  switch (port) {
    case 465:
      return 'Port 465 expects implicit TLS from the first byte (RFC 8314 §3.3)';
    case 2465:
      return 'Port 2465 (the SES/Resend alternate of 465) expects implicit TLS from the first byte (RFC 8314 §3.3)';
    case 587:
      return 'Port 587 is the STARTTLS submission port (RFC 6409): the server greets in plaintext and TLS starts after STARTTLS';
    case 25:
      return 'Port 25 is the relay port (RFC 5321): the server greets in plaintext and TLS starts after STARTTLS';
    case 2525:
      return 'Port 2525 (the unofficial provider alternative to 587) greets in plaintext; TLS starts after STARTTLS';
    case 2587:
      return 'Port 2587 (the SES/Resend alternate of 587) greets in plaintext; TLS starts after STARTTLS';
    default:
      return `Port ${port}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading fields

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on', 'y', '!0']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', 'n', '!1']);

/** The boolean a field is written as, or undefined when it is not a boolean spelling (or not known). */
export function boolOf(f: Field | undefined): boolean | undefined {
  if (!f) return undefined;
  const v = f.value;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const s = (typeof v === 'string' ? v : f.kind === 'literal' ? f.text : '').trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return undefined;
}

/** Every field of a config, TLS groups first, then extras. */
export function fieldsOf(cfg: SmtpConfig): Field[] {
  const out: Field[] = [];
  for (const f of [cfg.host, cfg.port, cfg.url, cfg.service, cfg.implicitTls, cfg.starttls, cfg.requireTls, cfg.ignoreTls,
    cfg.opportunisticTls, cfg.verifyCert, cfg.minTlsVersion, cfg.ciphers, cfg.credentials.user, cfg.credentials.password]) {
    if (f) out.push(f as Field);
  }
  for (const f of Object.values(cfg.extras ?? {})) if (f) out.push(f);
  return out;
}

/** The first field of the config (TLS groups or extras) whose key (last path part, case-insensitive) is one of `keys`. */
export function fieldByKey(cfg: SmtpConfig, ...keys: string[]): Field | undefined {
  const want = new Set(keys.map((k) => k.toLowerCase()));
  for (const [k, f] of Object.entries(cfg.extras ?? {})) if (f && want.has(k.toLowerCase())) return f;
  for (const f of fieldsOf(cfg)) if (want.has(f.key.toLowerCase()) || want.has(lastPart(f.key).toLowerCase())) return f;
  return undefined;
}

function lastPart(key: string): string {
  const i = key.lastIndexOf('.');
  return i < 0 ? key : key.slice(i + 1);
}

/** The port as written in the config (explicit key or URL part), not a library default. */
export function portField(cfg: SmtpConfig): Field<number> | undefined {
  if (cfg.port) return cfg.port;
  return cfg.url?.port;
}

/** The nodemailer service preset that applies to this config (it overrides host/port/secure written next to it). */
const presetCache = new WeakMap<SmtpConfig, ServicePreset | null>();

export function presetOf(cfg: SmtpConfig): ServicePreset | undefined {
  const hit = presetCache.get(cfg);
  if (hit !== undefined) return hit ?? undefined;
  const p = computePreset(cfg);
  presetCache.set(cfg, p ?? null);
  return p;
}

function computePreset(cfg: SmtpConfig): ServicePreset | undefined {
  if (!NODEMAILER_FAMILY.has(cfg.dialect)) return undefined;
  const f = cfg.service ?? cfg.url?.params?.service;
  if (!f) return undefined;
  const name = typeof f.value === 'string' ? f.value : f.kind === 'literal' ? f.text : undefined;
  return name ? wellKnown(name) : undefined;
}

export const NODEMAILER_FAMILY: ReadonlySet<Dialect> = new Set<Dialect>(['nodemailer', 'generic', 'ghost', 'meteor']);

/** The written port, or undefined when unknown or when a nodemailer service preset overrides it (then the
 *  written value is dead code: nodemailer-service-overrides reports it). */
export function portOf(cfg: SmtpConfig): number | undefined {
  if (presetOf(cfg)?.port !== undefined) return undefined;
  const f = portField(cfg);
  const v = f?.value;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(String(v).trim())) return Number(v);
  return undefined;
}

/** The port that decides what the server expects, and where it comes from: a nodemailer service preset's port
 *  wins (the written one is dead code then, so `field` is undefined), else the written port. */
export interface DecidingPort {
  port: number;
  field: Field<number> | undefined;
  preset: ServicePreset | undefined;
}

export function decidingPort(cfg: SmtpConfig): DecidingPort | undefined {
  const preset = presetOf(cfg);
  const port = preset?.port ?? portOf(cfg);
  if (port === undefined) return undefined;
  return { port, field: preset?.port !== undefined ? undefined : portField(cfg), preset };
}

export function hostField(cfg: SmtpConfig): Field<string> | undefined {
  return cfg.host ?? cfg.url?.host;
}

/** The host the client connects to, lower-case, when known (written, or the effective one). */
export function hostOf(cfg: SmtpConfig): string | undefined {
  const preset = presetOf(cfg);
  if (preset?.host) return preset.host.toLowerCase();
  const f = hostField(cfg);
  const v = f?.value ?? (f?.kind === 'literal' ? f.text : undefined);
  const h = typeof v === 'string' && v.trim() ? v : cfg.effective?.host;
  return h ? h.trim().toLowerCase().replace(/^\[|\]$/g, '') : undefined;
}

/** Credentials are configured: a user name is written (literal, env reference or expression) and not empty/null. */
export function hasCredentials(cfg: SmtpConfig): boolean {
  const u = cfg.credentials?.user;
  if (u) {
    // A user read from the environment counts even when one .env file leaves it empty: other environments set it.
    if (u.kind === 'literal') {
      const s = String(u.value ?? u.text).trim().toLowerCase();
      if (s === '' || s === 'null' || s === '~' || s === 'none' || s === 'undefined') return false;
    }
    return true;
  }
  if (cfg.url?.hasUser) return true;
  return false;
}

/** A field is defined in another file than the config (a .env value read by JS through process.env). */
export function isCrossFile(f: Field | undefined, cfg: SmtpConfig): boolean {
  return !!f?.resolvedFrom && f.resolvedFrom.file !== cfg.file;
}

// ---------------------------------------------------------------------------------------------
// Hosts

const DEV_CATCHERS = /^(mailhog|mailpit|maildev|mailcatcher|smtp4dev|mailcrab|inbucket|greenmail|fakesmtp|papercut|smtp-sink)([-_.].*)?$/;

/** Loopback, unix socket, or a local dev mail catcher (MailHog, Mailpit, MailDev ...). */
export function isLocalHost(host: string | undefined): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || h === 'host.docker.internal') return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(h)) return true;
  if (h.startsWith('/') || h.startsWith('unix:')) return true;
  return DEV_CATCHERS.test(h);
}

/** A host on the same private network: compose service names, cluster DNS, *.internal, private IPs. */
export function isInternalHost(host: string | undefined): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  if (isLocalHost(h)) return true;
  if (!h.includes('.') && /^[a-z0-9_-]+$/.test(h)) return true; // single-label: compose service / k8s service name
  if (/^(10\.\d+|192\.168|172\.(1[6-9]|2\d|3[01]))\.\d+\.\d+$/.test(h) || /^(10\.\d+\.\d+\.\d+)$/.test(h)) return true;
  if (/^(fd|fc)[0-9a-f]{2}:/.test(h)) return true;
  const labels = h.split('.');
  const internalWords = new Set(['internal', 'local', 'lan', 'intranet', 'corp', 'svc', 'cluster', 'localdomain']);
  return labels.some((l) => internalWords.has(l)) || h.endsWith('.home.arpa');
}

/** The config talks to a local dev catcher or loopback: credentials and cleartext there are not a real exposure. */
export function isDevTarget(cfg: SmtpConfig): boolean {
  return isLocalHost(hostOf(cfg)) || portOf(cfg) === 1025;
}

// ---------------------------------------------------------------------------------------------
// Providers: facts live in semantics/providers (the one table, also used by discovery)

export type Provider = ProviderFacts;
export { providerOf };

/** STARTTLS is certainly offered: a known provider, or a submission port. Used to decide whether requiring TLS is safe. */
export function tlsSurelyOffered(cfg: SmtpConfig, port = portOf(cfg)): boolean {
  const p = providerOf(hostOf(cfg));
  if (p) return true;
  return port === 587 || port === 2525 || port === 2587;
}

// ---------------------------------------------------------------------------------------------
// Words

/** The library that interprets a dialect, for messages ("nodemailer", "Django (smtplib)"). */
export function libName(d: Dialect): string {
  switch (d) {
    case 'generic':
    case 'nodemailer':
    case 'meteor':
    case 'ghost':
      return 'nodemailer';
    case 'laravel':
      return 'Laravel (Symfony Mailer)';
    case 'symfony':
      return 'Symfony Mailer';
    case 'django':
      return 'Django (smtplib)';
    case 'spring':
      return 'JavaMail';
    case 'mastodon':
    case 'discourse':
      return 'the Ruby mail gem';
    case 'grafana':
      return 'Grafana';
    case 'gitea':
      return 'Gitea';
    default:
      return 'the mail client';
  }
}

/** What a plaintext client sees on an implicit-TLS port. */
export function hangSymptom(d: Dialect): string {
  switch (d) {
    case 'generic':
    case 'nodemailer':
    case 'meteor':
    case 'ghost':
      return "it times out with 'Greeting never received'";
    case 'django':
      return 'the worker hangs until EMAIL_TIMEOUT (forever when unset)';
    case 'spring':
      return 'the connection hangs until mail.smtp.timeout (forever when unset)';
    case 'mastodon':
    case 'discourse':
      return 'it fails with Net::ReadTimeout';
    default:
      return 'the connection hangs until a timeout';
  }
}

/** What an implicit-TLS client sees on a plaintext-greeting port. */
export function wrongVersionSymptom(d: Dialect): string {
  switch (d) {
    case 'spring':
      return "it fails with 'Unsupported or unrecognized SSL message'";
    case 'laravel':
    case 'symfony':
      return "it fails with 'Connection could not be established … wrong version number'";
    default:
      return "it fails with 'wrong version number'";
  }
}

/** A setting as written, for messages: `SMTP_SECURE=false`, `secure: false`, `the smtp:// scheme`. Secrets stay '***'. */
export function show(f: Field): string {
  let text = f.text.length > 60 ? f.text.slice(0, 57) + '…' : f.text;
  // A quoted string where a boolean or number is expected matters in code ('false' is truthy): show the quotes.
  if (f.site.style === 'js-prop' && f.site.quote && f.text !== '***') text = `${f.site.quote}${text}${f.site.quote}`;
  switch (f.site.style) {
    case 'env':
    case 'yaml-list':
      return `${f.key}=${text}`;
    case 'url-part':
      if (f.key === 'scheme') return `the ${text}:// scheme`;
      if (f.key === 'port') return `port ${text} in the URL`;
      if (f.key === 'host') return `host ${text} in the URL`;
      return `${f.key}=${text} in the URL`;
    case 'js-expr':
      return text;
    default:
      return `${f.key}: ${text}`;
  }
}

/** Just the key name for messages ('SMTP_SECURE', 'secure', 'mail.smtp.ssl.enable'). */
export function keyName(f: Field): string {
  return f.site.style === 'url-part' ? (f.key === 'scheme' ? 'the URL scheme' : `the URL ${f.key}`) : f.key;
}

// ---------------------------------------------------------------------------------------------
// Spans and related locations

/** The span of a setting for a finding: key through value on the setting's line (value only for URL parts and
 *  Kubernetes name/value pairs, where the value line is the one to look at). */
export function spanOf(f: Field): Span {
  const s = f.site;
  const hasValue = s.value.end > s.value.start;
  if (s.style === 'url-part' || s.style === 'yaml-namevalue' || s.style === 'js-expr' || !s.key) {
    return hasValue ? { ...s.value } : { ...s.entry };
  }
  if (!hasValue) return { ...s.key };
  if (s.value.start < s.key.start) return { ...s.value };
  return { start: s.key.start, end: s.value.end };
}

/** A related location for a field; when the value came from a .env file, it points there. */
export function relatedOf(f: Field | undefined, message: string): Related[] {
  if (!f) return [];
  if (f.resolvedFrom) return [{ message, ref: { file: f.resolvedFrom.file, span: f.resolvedFrom.span } }];
  return [{ message, ref: { file: f.site.file, span: spanOf(f) } }];
}

/** Where the deciding port is set, as a related location of a finding placed on `culprit` (the written port only
 *  when the finding is not on it already; else the service preset). */
export function portRelated(cfg: SmtpConfig, dp: DecidingPort, culprit: Field | undefined): Related[] {
  if (culprit && dp.field) return relatedOf(dp.field, `port ${dp.port} is set here`);
  return dp.preset ? relatedOf(cfg.service, `the service preset sets port ${dp.port}`) : [];
}

// ---------------------------------------------------------------------------------------------
// Fixes

/** Spell a boolean the way the field already spells booleans ('True' in Django, '1' when written 1, '!0' minified). */
export function boolText(f: Field | undefined, v: boolean): string {
  const t = f?.text.trim() ?? '';
  if (/^(True|False)$/.test(t)) return v ? 'True' : 'False';
  if (/^(TRUE|FALSE)$/.test(t)) return v ? 'TRUE' : 'FALSE';
  if (/^[01]$/.test(t)) return v ? '1' : '0';
  if (/^(yes|no)$/i.test(t)) return v ? 'yes' : 'no';
  return v ? 'true' : 'false';
}

export function setEdit(field: Field, text: string, type?: 'string' | 'number' | 'boolean' | 'code'): FieldEdit {
  return type ? { op: 'set', field, text, type } : { op: 'set', field, text };
}

export function removeEdit(field: Field): FieldEdit {
  return { op: 'remove', field };
}


/** A fix from an intent, through the dialect's expresser; `fallback` builds edits when no expresser can. */
export function intentFix(cfg: SmtpConfig, intent: Intent, why: string, safe: boolean, fallback?: () => FieldEdit[] | null): Fix | undefined {
  let edits: FieldEdit[] | null = null;
  try {
    edits = express(cfg, intent);
  } catch {
    edits = null;
  }
  if (!edits || edits.length === 0) edits = fallback ? fallback() : null;
  if (!edits || edits.length === 0) return undefined;
  // Fixes edit the config's own file only.
  if (edits.some((e) => (e.op === 'insert' ? e.after : e.field).site.file !== cfg.file)) return undefined;
  return { title: titled(edits, why), safe, edits };
}

/** A fix from plain field edits; the title says what changes and why. */
export function plainFix(why: string, safe: boolean, edits: (FieldEdit | undefined | null)[] | null): Fix | undefined {
  const list = (edits ?? []).filter((e): e is FieldEdit => !!e);
  return list.length ? { title: titled(list, why), safe, edits: list } : undefined;
}

function titled(edits: FieldEdit[], why: string): string {
  return why ? `${describeEdits(edits)} (${why})` : describeEdits(edits);
}

export function fixes(...list: (Fix | undefined)[]): Fix[] {
  const out: Fix[] = [];
  const seen = new Set<string>();
  for (const f of list) {
    if (!f) continue;
    const k = JSON.stringify(f.edits.map((e) => [e.op, 'field' in e ? e.field.site.value.start : e.after.site.entry.end, 'text' in e ? e.text : '', 'key' in e ? e.key : '']));
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}

/** Fallback edits for "make this flag say v": the flag is written as a boolean literal in this file. */
export function flipFlag(cfg: SmtpConfig, f: Field | undefined, v: boolean): FieldEdit[] | null {
  if (!editable(cfg, f) || boolOf(f) === undefined) return null;
  return [setEdit(f, boolText(f, v), 'boolean')];
}

/** Fallback edits for "change the port to p" (the port written as a literal in this file). */
export function setPort(cfg: SmtpConfig, p: number): FieldEdit[] | null {
  const f = portField(cfg);
  if (!editable(cfg, f)) return null;
  return [setEdit(f, String(p), 'number')];
}

/** A fix title from its edits, in plain words: "Set SMTP_SECURE=true", "Remove ignoreTLS", "Add requireTLS: true". */
export function describeEdits(edits: FieldEdit[]): string {
  const parts = edits.map((e) => {
    switch (e.op) {
      case 'set':
        return e.field.site.style === 'url-part' ? `change ${e.field.text || e.field.key} to ${e.text} in the URL` : `set ${assign(e.field, e.field.key, e.text)}`;
      case 'remove':
        return `remove ${e.field.site.style === 'url-part' ? `${e.field.key} from the URL` : e.field.key}`;
      case 'insert':
        return `add ${assign(e.after, e.key, e.text)}`;
      case 'rename':
        return `rename ${e.field.key} to ${e.key}`;
    }
  });
  const s = parts.join(', ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function assign(like: Field, key: string, text: string): string {
  return like.site.style === 'env' || like.site.style === 'yaml-list' ? `${key}=${text}` : `${key}: ${text}`;
}

/** Quote character used by string literals in this config's file (JS), for code a fix writes. */
export function quoteOf(cfg: SmtpConfig): string {
  for (const f of fieldsOf(cfg)) if (f.site.style === 'js-prop' && (f.site.quote === "'" || f.site.quote === '"')) return f.site.quote;
  return "'";
}
