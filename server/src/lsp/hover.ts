// Hover on a mail setting: what the value means on the wire, what this client will actually do
// (from cfg.effective, computed by the dialect with the library's own rules), and the explanation of any
// finding on it. Pure function of the lint result: no I/O.
import type { Field, GlobalSetting, ReadResult, SmtpConfig, TlsMode, UrlField } from '../model/types';
import type { Finding } from '../model/types';
import { ruleById } from '../rules/index';
import { helpUri } from '../rules/types';
import { baseName } from './convert';
import { springKeyNote } from '../semantics/spring';

export type FieldRole =
  | 'host'
  | 'port'
  | 'url'
  | 'url-scheme'
  | 'url-host'
  | 'url-port'
  | 'url-param'
  | 'service'
  | 'implicitTls'
  | 'starttls'
  | 'requireTls'
  | 'ignoreTls'
  | 'opportunisticTls'
  | 'verifyCert'
  | 'minTlsVersion'
  | 'ciphers'
  | 'user'
  | 'password'
  | 'extra'
  | 'global';

export interface FieldHit {
  role: FieldRole;
  field: Field;
  cfg?: SmtpConfig;
  global?: GlobalSetting;
  /** The hovered range: key through value when both are on the entry. */
  start: number;
  end: number;
}

/** Every field of a config, with its meaning. URL parts come before the URL so the narrowest wins. */
export function fieldsOf(cfg: SmtpConfig): { role: FieldRole; field: Field }[] {
  const out: { role: FieldRole; field: Field }[] = [];
  const add = (role: FieldRole, f: Field | undefined) => {
    if (f) out.push({ role, field: f });
  };
  const url: UrlField | undefined = cfg.url;
  if (url) {
    add('url-scheme', url.scheme);
    add('url-host', url.host);
    add('url-port', url.port);
    for (const p of Object.values(url.params ?? {})) add('url-param', p);
    add('url', url);
  }
  add('host', cfg.host);
  add('port', cfg.port);
  add('service', cfg.service);
  add('implicitTls', cfg.implicitTls);
  add('starttls', cfg.starttls);
  add('requireTls', cfg.requireTls);
  add('ignoreTls', cfg.ignoreTls);
  add('opportunisticTls', cfg.opportunisticTls);
  add('verifyCert', cfg.verifyCert);
  add('minTlsVersion', cfg.minTlsVersion);
  add('ciphers', cfg.ciphers);
  add('user', cfg.credentials?.user);
  add('password', cfg.credentials?.password);
  for (const f of Object.values(cfg.extras ?? {})) add('extra', f);
  return out;
}

function hitRange(f: Field): { start: number; end: number } {
  const v = f.site.value;
  const k = f.site.key;
  if (k && k.start <= v.start && v.start - k.end < 200) return { start: k.start, end: Math.max(v.end, k.end) };
  return { start: v.start, end: v.end };
}

/** The narrowest field of `read` (in `file`) under `offset`. */
export function fieldAt(read: ReadResult, file: string, offset: number): FieldHit | undefined {
  let best: FieldHit | undefined;
  const consider = (role: FieldRole, field: Field, cfg?: SmtpConfig, global?: GlobalSetting) => {
    if (!field?.site || field.site.file !== file) return;
    const r = hitRange(field);
    if (offset < r.start || offset > r.end) return;
    if (!best || r.end - r.start < best.end - best.start) best = { role, field, cfg, global, ...r };
  };
  for (const cfg of read.configs) for (const { role, field } of fieldsOf(cfg)) consider(role, field, cfg);
  for (const g of read.globals) consider('global', g.field, undefined, g);
  return best;
}

const MODE_WORDS: Record<TlsMode, string> = {
  implicit: 'implicit TLS: the TLS handshake starts as soon as the connection opens',
  'starttls-required': 'a plaintext greeting, then STARTTLS, which it requires (it stops rather than send anything in cleartext)',
  'starttls-opportunistic':
    'a plaintext greeting, then STARTTLS only if the server offers it, else cleartext (an attacker on the path can strip STARTTLS)',
  none: 'no TLS at all: everything, including any password, travels in cleartext',
  unknown: 'it depends on a value Mail Config Lint cannot see (an unset environment variable or an expression)',
};

const MODE_SHORT: Record<TlsMode, string> = {
  implicit: 'implicit TLS',
  'starttls-required': 'STARTTLS (required)',
  'starttls-opportunistic': 'STARTTLS if offered (opportunistic)',
  none: 'no TLS',
  unknown: 'unknown',
};

/** Plain-word meaning of a port. Corrects the "465 is deprecated" myth (RFC 8314 made it the preferred port). */
export function portWords(port: number): string {
  switch (port) {
    case 465:
      return (
        'port 465 = implicit TLS from the first byte (RFC 8314 §3.3): the IANA "submissions" port and, since ' +
        'RFC 8314 (2018), the **preferred** submission port. "465 is deprecated" is outdated advice from before 2018.'
      );
    case 587:
      return (
        'port 587 = message submission with STARTTLS (RFC 6409): the session starts in plaintext and upgrades ' +
        'with STARTTLS, which should be required (RFC 8314 §3.3). Implicit TLS on 465 is equally standard and preferred by RFC 8314.'
      );
    case 25:
      return (
        'port 25 = server-to-server relay (RFC 5321), not a submission port. STARTTLS is optional there, and ' +
        'outbound 25 is blocked by most ISPs and cloud providers.'
      );
    case 2525:
      return 'port 2525 = a vendor alternative to 587 (not registered with IANA for mail): plaintext greeting, then STARTTLS.';
    case 2587:
      return 'port 2587 = a vendor alternative to 587 (e.g. Amazon SES, Resend): plaintext greeting, then STARTTLS.';
    case 2465:
      return 'port 2465 = a vendor alternative to 465 (e.g. Amazon SES, Resend): implicit TLS from the first byte.';
    case 1025:
      return 'port 1025 = usually a local mail catcher (MailHog, Mailpit, MailDev): cleartext, for development only.';
    default:
      return `port ${port} is not a standard mail port; the TLS mode must match what that server speaks.`;
  }
}

function roleWords(hit: FieldHit): string | undefined {
  const key = '`' + hit.field.key + '`';
  switch (hit.role) {
    case 'implicitTls':
      return `${key} selects implicit TLS (TLS from the first byte, port 465). When it is off the client starts in plaintext and can only upgrade with STARTTLS.`;
    case 'starttls':
      return `${key} turns on the STARTTLS upgrade: a plaintext greeting, then the TLS handshake (RFC 3207).`;
    case 'requireTls':
      return `${key} makes STARTTLS mandatory: the client refuses to continue in cleartext (RFC 3207 §6).`;
    case 'ignoreTls':
      return `${key} disables STARTTLS even when the server offers it: the session stays in cleartext.`;
    case 'opportunisticTls':
      return `${key} lets the client continue in cleartext when the STARTTLS upgrade fails.`;
    case 'verifyCert':
      return `${key} controls server certificate verification. Turning it off accepts any certificate, so anyone on the path can read the password and mail (RFC 8314 §5.3).`;
    case 'minTlsVersion':
      return `${key} sets the TLS versions allowed. TLS 1.0 and 1.1 are deprecated (RFC 8996); use TLS 1.2 or later.`;
    case 'ciphers':
      return `${key} restricts the TLS cipher suites.`;
    case 'url':
    case 'url-scheme':
      return 'In a mail URL, `smtps://` means implicit TLS; `smtp://` means a plaintext greeting with STARTTLS (how strictly depends on the library).';
    case 'service':
      return `${key} picks a well-known provider preset (host, port and TLS mode come from the library's table).`;
    case 'global':
      return `${key} is a process-wide setting: it affects every TLS connection of the process, not only mail.`;
    default:
      return undefined;
  }
}

export interface HoverInput {
  hit: FieldHit;
  file: string;
  findings: Finding[];
  /** 1-based line of a resolved env value in another file, for "comes from .env line N". */
  lineOf(file: string, offset: number): number | undefined;
  markdown: boolean;
}

/** Markdown (or plain text) hover for a field. */
export function hoverText(inp: HoverInput): string {
  const { hit } = inp;
  const parts: string[] = [];
  const title = hit.cfg ? `Mail Config Lint: ${hit.cfg.label}` : 'Mail Config Lint';
  parts.push(`**${title}**`);

  const portField = hit.role === 'port' || hit.role === 'url-port' ? hit.field : undefined;
  const port = typeof portField?.value === 'number' ? portField.value : Number(portField?.value);
  if (portField && Number.isInteger(port) && port > 0) parts.push(portWords(port));
  const rw = roleWords(hit);
  if (rw) parts.push(rw);
  const note = hit.cfg?.dialect === 'spring' ? springKeyNote(hit.field.key, hit.field.text) : undefined;
  if (note) parts.push(note);

  // Where an env value came from (never show secrets).
  // Only values that cannot carry a secret are shown; a URL has its user info masked.
  const SHOWN: FieldRole[] = ['port', 'url-port', 'url-scheme', 'url-host', 'host', 'service', 'implicitTls', 'starttls', 'requireTls', 'ignoreTls', 'opportunisticTls', 'verifyCert', 'minTlsVersion', 'url'];
  const secret = !SHOWN.includes(hit.role) || hit.field.text === '***';
  if (hit.field.kind === 'env' && hit.field.envVar) {
    if (hit.field.resolvedFrom && !secret) {
      const line = inp.lineOf(hit.field.resolvedFrom.file, hit.field.resolvedFrom.span.start);
      parts.push(
        `\`${hit.field.envVar}\` = \`${maskUrl(String(hit.field.value ?? ''))}\` from ${baseName(hit.field.resolvedFrom.file)}${line ? ` line ${line}` : ''}.`,
      );
    } else if (!hit.field.resolvedFrom) {
      parts.push(`\`${hit.field.envVar}\` is not set in any .env file next to this file, so its value is unknown here.`);
    }
  }

  if (hit.cfg) {
    const eff = hit.cfg.effective;
    const where = [eff.host, eff.port].filter((x) => x !== undefined && x !== '').join(':');
    let s = `**What this client will do:** ${MODE_WORDS[eff.tlsMode] ?? eff.tlsMode}${where ? ` (${where})` : ''}.`;
    if (eff.because) s += ` ${capitalize(eff.because.trim().replace(/\.?$/, '.'))}`;
    parts.push(s);
    // Show how the effective port compares when hovering the port itself and the effective port differs.
    if (portField && eff.port && Number.isInteger(port) && eff.port !== port) {
      parts.push(`Effective port: ${eff.port} (${MODE_SHORT[eff.tlsMode]}).`);
    }
  }

  const over = (file: string, s: { start: number; end: number }) => file === inp.file && s.start <= hit.end && hit.start <= s.end;
  // A finding covers the hovered setting when it sits on it or names it as the other half of a pair.
  const hits = inp.findings.filter((f) => over(f.file, f.span) || f.related.some((r) => over(r.ref.file, r.ref.span)));
  const seen = new Set<string>();
  for (const f of hits) {
    if (seen.has(f.ruleId + f.message)) continue;
    seen.add(f.ruleId + f.message);
    const meta = ruleById.get(f.ruleId)?.meta;
    let s = `---\n**${f.severity}** \`${f.ruleId}\`: ${f.message}`;
    if (meta?.long) s += `\n\n${meta.long}`;
    s += inp.markdown ? `\n\n[Rule documentation](${helpUri(f.ruleId)})` : `\n\nDocs: ${helpUri(f.ruleId)}`;
    parts.push(s);
  }
  const text = parts.join('\n\n');
  return inp.markdown ? text : text.replace(/\*\*/g, '').replace(/`/g, '');
}

/** `scheme://user:password@host` → `scheme://user:***@host` (and any `password=` query value). */
export function maskUrl(v: string): string {
  return v
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i, (_m, scheme: string, info: string) => `${scheme}${info.includes(':') ? `${info.slice(0, info.indexOf(':'))}:***` : info}@`)
    .replace(/([?&](?:password|pass|pwd|secret)=)[^&#]*/gi, '$1***');
}

function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
