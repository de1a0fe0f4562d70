// Shared helpers for the dialect interpreters: KvEntry → Field, credentials, config assembly (what values
// mean is asked of semantics/values). Interpreters never assume a site style: entries come from `.env` files
// (style 'env') and from YAML env blocks (yaml-map / yaml-list / yaml-namevalue).
import type { Credentials, Dialect, EffectiveConnection, Field, Site, SmtpConfig, Span, UrlField } from '../../model/types';
import type { KvEntry, KvGroup, VersionLookup } from '../types';
import { parseMailUrl, urlPartSite } from '../url';
import { isBoolWord, isPlaceholder, type BoolReader } from '../../semantics/values';

/** One mail settings block inside a KvGroup: the entries of one key family (SMTP_*, MAIL_*, BULK_SMTP_* ...). */
export interface Instance {
  /** The family prefix as written (e.g. 'SMTP_', 'BULK_SMTP_', 'GF_SMTP_', 'mail__'). */
  prefix: string;
  /** Upper-cased key without the prefix → entry (the last occurrence: a repeated key replaces the earlier one). */
  keys: Map<string, KvEntry>;
  entries: KvEntry[];
}

export interface DialectBuilder {
  /** `versionOf`: the release of a library that reads the file (for libraries that changed behaviour). */
  (group: KvGroup, inst: Instance, versionOf?: VersionLookup): SmtpConfig | undefined;
}

/** The value is known: a literal, or a reference that was resolved. */
export function isKnown(e: KvEntry): boolean {
  return e.kind === 'literal' || e.resolvedFrom !== undefined;
}

/** The known value of an entry, or undefined. */
export function valueOf(e: KvEntry | undefined): string | undefined {
  return e && isKnown(e) ? e.value : undefined;
}

/** A Field for an entry, with the value as written (a string) when known. */
export function strField(e: KvEntry, key = e.key): Field<string> {
  const f: Field<string> = { key, text: e.raw ?? e.value, kind: e.kind, site: e.site };
  if (isKnown(e)) f.value = e.value;
  if (e.envVar) f.envVar = e.envVar;
  if (e.resolvedFrom) f.resolvedFrom = e.resolvedFrom;
  return f;
}

/** A secret Field: presence only, text '***', no value. */
export function secretField(e: KvEntry): Field<string> {
  const f: Field<string> = { key: e.key, text: '***', kind: e.kind, site: e.site };
  if (e.envVar) f.envVar = e.envVar;
  if (e.resolvedFrom) f.resolvedFrom = e.resolvedFrom;
  return f;
}

/** A port Field (value a number when the known text is an integer). */
export function portField(e: KvEntry): Field<number> {
  const f = strField(e) as unknown as Field<number>;
  const v = valueOf(e);
  if (v !== undefined && /^\s*\d{1,5}\s*$/.test(v)) f.value = Number(v);
  else delete f.value;
  return f;
}

/** The port number: `dflt` without a port entry; undefined when its value is not known or not an integer. */
export function intPort(port: KvEntry | undefined, dflt: number): number | undefined {
  if (!port) return dflt;
  const pv = valueOf(port);
  return pv !== undefined && /^\s*\d+\s*$/.test(pv) ? Number(pv) : undefined;
}

/** A Field whose value is a boolean (for dialects that parse values, e.g. Ghost's nconf parseValues). */
export function boolField(e: KvEntry, parse: (s: string) => boolean | undefined): Field {
  const f = strField(e) as Field;
  const v = valueOf(e);
  const b = v === undefined ? undefined : parse(v);
  if (b === undefined) delete f.value;
  else f.value = b;
  return f;
}

/** Credentials from a user and a password entry. `nullish` decides which values count as "not set". */
export function credentials(user: KvEntry | undefined, pass: KvEntry | undefined, nullish: (s: string) => boolean = (s) => s.trim() === ''): Credentials {
  const c: Credentials = { passwordIsLiteral: false };
  if (user && !(isKnown(user) && nullish(user.value))) c.user = strField(user);
  if (pass && !(isKnown(pass) && nullish(pass.value))) {
    c.password = secretField(pass);
    c.passwordIsLiteral = pass.kind === 'literal' && !isPlaceholder(pass.value);
  }
  return c;
}

/** From the first entry start to the last entry end of `entries` (KvEntries or Fields); {0, 0} when empty. */
export function spanOf(entries: readonly { site: Site }[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const e of entries) {
    start = Math.min(start, e.site.entry.start);
    end = Math.max(end, e.site.entry.end);
  }
  return Number.isFinite(start) ? { start, end } : { start: 0, end: 0 };
}

const DIALECT_LABEL: Record<Dialect, string> = {
  generic: 'SMTP settings',
  nodemailer: 'nodemailer',
  laravel: 'Laravel',
  django: 'Django',
  symfony: 'Symfony Mailer',
  meteor: 'Meteor',
  mastodon: 'Mastodon',
  grafana: 'Grafana',
  ghost: 'Ghost',
  gitea: 'Gitea',
  spring: 'Spring Boot',
  discourse: 'Discourse',
  'action-send-mail': 'dawidd6/action-send-mail',
  node: 'Node.js',
  phpmailer: 'PHPMailer',
  'wp-mail-smtp': 'WP Mail SMTP',
  'flask-mail': 'Flask-Mail',
  'flask-mailman': 'Flask-Mailman',
  smtplib: 'smtplib',
  aiosmtplib: 'aiosmtplib',
  'fastapi-mail': 'FastAPI-Mail',
  javamail: 'JavaMail',
  'go-smtp': 'Go net/smtp',
  gomail: 'gomail',
  'go-mail': 'go-mail',
  mailkit: 'MailKit',
  'system-net-mail': 'System.Net.Mail',
  'dotnet-config': '.NET configuration',
  'mail-gem': 'Ruby mail gem',
};

/** Assembles a config with the common fields filled in. */
export function makeConfig(group: KvGroup, inst: Instance, dialect: Dialect, effective: EffectiveConnection, fields: Partial<SmtpConfig>): SmtpConfig {
  const span = spanOf(inst.entries);
  const prefixNote = dialect === 'generic' || dialect === 'mastodon' ? ` ${inst.prefix}*` : '';
  return {
    id: `${group.format}:${span.start}`,
    file: group.file,
    format: group.format,
    dialect,
    label: `${group.label} (${DIALECT_LABEL[dialect]}${prefixNote})`,
    span,
    credentials: fields.credentials ?? { passwordIsLiteral: false },
    extras: fields.extras ?? {},
    ...fields,
    effective,
  };
}

/**
 * File offset where the unquoted value text of `e` starts, when offsets inside the value map 1:1 to the
 * file (no escapes changed the text). Used for url-part sites (URL parts, Grafana host:port).
 */
export function valueTextStart(e: KvEntry): number | undefined {
  const raw = e.raw ?? e.value;
  const site = e.site;
  const inner = site.value.end - site.value.start - (site.quote ? 2 : 0);
  if (inner !== raw.length) return undefined;
  return site.value.start + (site.quote ? 1 : 0);
}

/**
 * The host and port Fields of a `host:port` value `v` of `e` (hostText: the host as written, brackets
 * included; portText: the port digits, if any). Their sites are url-part sites inside the value when its
 * offsets are exact (valueTextStart), else the entry's own site.
 */
export function hostPortFields(e: KvEntry, v: string, hostText: string, portText: string | undefined): { host: Field<string>; port?: Field<number> } {
  const start = valueTextStart(e);
  const lead = v.length - v.trimStart().length;
  const site = (at: number, text: string) => (start !== undefined ? urlPartSite(e.site.file, start + lead + at, text) : e.site);
  const host: Field<string> = { key: e.key, value: hostText.replace(/^\[|\]$/g, ''), text: hostText, kind: e.kind, site: site(0, hostText) };
  if (!portText) return { host };
  return { host, port: { key: e.key, value: Number(portText), text: portText, kind: e.kind, site: site(hostText.length + 1, portText) } };
}

/**
 * Parses a URL/DSN entry into a UrlField with per-part sites. The text as written is parsed when its
 * offsets are exact (so `smtp://${USER}:${PASS}@host:465` still gives editable scheme/host/port parts);
 * a whole reference (`MAIL_URL=${OTHER}`) is parsed from its resolved value and its parts are marked
 * kind 'env' (not editable in this file).
 */
export function urlField(e: KvEntry): UrlField | undefined {
  const start = valueTextStart(e);
  const raw = e.raw ?? e.value;
  if (start !== undefined && e.kind !== 'env') {
    const u = parseMailUrl(e.key, raw, start, e.site, 'literal');
    if (!u) return undefined;
    // a part written as a reference (`smtp://${HOST}:${PORT}`) is not a literal
    for (const p of [u.scheme, u.host, u.port, ...Object.values(u.params)]) {
      if (p && /\$(\{|[A-Za-z_])/.test(p.text)) {
        p.kind = 'expression';
        delete p.value;
      }
    }
    u.kind = e.kind;
    if (isKnown(e)) u.value = e.value;
    else delete u.value;
    if (e.resolvedFrom) u.resolvedFrom = e.resolvedFrom;
    return u;
  }
  if (!isKnown(e)) return undefined;
  const kind = e.kind === 'literal' ? 'expression' : e.kind;
  const u = parseMailUrl(e.key, e.value, 0, e.site, kind);
  if (!u) return undefined;
  for (const p of [u.scheme, u.host, u.port, ...Object.values(u.params)]) {
    if (!p) continue;
    p.site = { ...e.site };
    if (e.envVar) p.envVar = e.envVar;
  }
  u.kind = e.kind;
  if (e.envVar) u.envVar = e.envVar;
  if (e.resolvedFrom) u.resolvedFrom = e.resolvedFrom;
  return u;
}

/** Copies the entries named in `keys` (upper-cased suffixes) into extras, keyed by the key as written. */
export function addExtras(extras: Record<string, Field>, inst: Instance, keys: string[]): void {
  for (const k of keys) {
    const e = inst.keys.get(k);
    if (e) extras[e.key] = /PASS|SECRET|TOKEN/i.test(k) ? secretField(e) : strField(e);
  }
}

/** Records a boolean-meaning key whose known value is not a boolean word to the code that reads it (rule
 *  env-string-as-boolean). */
export function noteNonBoolean(extras: Record<string, Field>, e: KvEntry | undefined, reader: BoolReader = 'env-app'): void {
  if (!e || e.kind !== 'literal') return;
  if (e.value.trim() === '' || isBoolWord(e.value, reader)) return;
  extras[`nonBoolean:${e.key}`] = strField(e);
}

export function fmtPort(p: number | undefined): string {
  return p === undefined ? 'the default port' : `port ${p}`;
}

/** The parts that decide the connection (scheme, host, port) are known, even if the userinfo is not. */
export function urlPartsKnown(u: UrlField): boolean {
  if (u.value !== undefined) return true;
  return [u.scheme, u.host, u.port].every((p) => !p || p.value !== undefined);
}
