// From a detected configuration (SmtpConfig) to a probe target, and from a probe's diagnosis back to
// edits of that configuration. The password is not in the model (Field.text of secrets is '***'): it is
// read here, at probe time, from the file text or the environment, and handed only to the probe.
import * as net from 'node:net';
import { isPlaceholderForProbe } from '../semantics/values';
import type { Field, FieldEdit, SmtpConfig, TextEdit } from '../model/types';
import type { EnvLookup } from '../readers/types';
import { safeDecode } from '../semantics/values/percent';
import { express } from '../fixes/intents';
import { renderEdits } from '../fixes/render';
import type { ProbeReport, ProbeTarget, ProbeTls } from './types';

export type PasswordSource = 'file' | 'env-file' | 'environment' | 'none';

export interface ConfigTarget {
  target: Partial<ProbeTarget>;
  /** Where the password came from ('none': not available; the caller may ask for it). */
  passwordSource: PasswordSource;
  /** Things the caller should know (unresolved host, placeholder password ...). */
  notes: string[];
}

function unquote(raw: string, quote: string): string {
  let s = raw;
  if (quote && s.startsWith(quote) && s.endsWith(quote) && s.length >= 2) s = s.slice(1, -1);
  if (quote === '"') s = s.replace(/\\(["\\$`])/g, '$1').replace(/\\n/g, '\n');
  return s;
}

function rawValue(text: string, f: Field): string | undefined {
  const { start, end } = f.site.value;
  if (end <= start || end > text.length) return undefined;
  return unquote(text.slice(start, end), f.site.quote);
}

function envValue(name: string | undefined, file: string, env: EnvLookup | undefined, processEnv: Record<string, string | undefined>): { value: string; from: PasswordSource } | undefined {
  if (!name) return undefined;
  const p = processEnv[name];
  if (p !== undefined && p !== '') return { value: p, from: 'environment' };
  const e = env?.get(file, name);
  if (e && e.value !== '') return { value: e.value, from: 'env-file' };
  return undefined;
}

function urlPassword(u: string): { user?: string; password?: string } {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^@/?#]*)@/i.exec(u.trim());
  if (!m) return {};
  const userinfo = m[1];
  const colon = userinfo.indexOf(':');
  return colon < 0 ? { user: safeDecode(userinfo) } : { user: safeDecode(userinfo.slice(0, colon)), password: safeDecode(userinfo.slice(colon + 1)) };
}

/** Reads a secret-valued field: the literal in the file, or the environment variable it names. */
function resolveSecret(
  f: Field | undefined,
  text: string,
  file: string,
  env: EnvLookup | undefined,
  processEnv: Record<string, string | undefined>,
): { value: string; from: PasswordSource } | undefined {
  if (!f) return undefined;
  // Readers may point the password at the whole URL/DSN that holds it (smtp://user:pass@host): take its part.
  const fromUrl = (r: { value: string; from: PasswordSource } | undefined) => {
    if (!r || !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(r.value.trim())) return r;
    const pw = urlPassword(r.value).password;
    return pw && !isPlaceholderForProbe(pw) ? { value: pw, from: r.from } : undefined;
  };
  if (f.kind === 'env') return fromUrl(envValue(f.envVar, file, env, processEnv));
  if (f.kind !== 'literal') return undefined;
  if (f.site.style !== 'url-part') {
    const v = rawValue(text, f);
    if (v !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim())) return fromUrl({ value: v, from: 'file' });
  }
  if (f.site.style === 'url-part') {
    const raw = text.slice(f.site.value.start, f.site.value.end);
    try {
      return { value: decodeURIComponent(raw), from: 'file' };
    } catch {
      return { value: raw, from: 'file' };
    }
  }
  const v = rawValue(text, f);
  if (v === undefined || isPlaceholderForProbe(v)) return undefined;
  return { value: v, from: 'file' };
}

export function tlsOfConfig(cfg: SmtpConfig, port: number | undefined): { tls: ProbeTls; opportunistic: boolean } {
  switch (cfg.effective.tlsMode) {
    case 'implicit':
      return { tls: 'implicit', opportunistic: false };
    case 'starttls-required':
      return { tls: 'starttls', opportunistic: false };
    case 'starttls-opportunistic':
      return { tls: 'starttls', opportunistic: true };
    case 'none':
      return { tls: 'none', opportunistic: false };
    default:
      return { tls: port === 465 ? 'implicit' : 'starttls', opportunistic: false };
  }
}

/**
 * The probe target a configuration describes. `text` is the file's text as read (for literal secrets);
 * `env` resolves variables from .env files; `processEnv` is the process environment (wins, like at runtime).
 */
export function targetFromConfig(
  cfg: SmtpConfig,
  text: string,
  env?: EnvLookup,
  processEnv: Record<string, string | undefined> = {},
): ConfigTarget {
  const notes: string[] = [];
  const t: Partial<ProbeTarget> = {};
  let host = cfg.effective.host ?? cfg.host?.value ?? cfg.url?.host?.value;
  if (!host && cfg.host?.kind === 'env') host = envValue(cfg.host.envVar, cfg.file, env, processEnv)?.value;
  if (host) t.host = host.trim();
  else notes.push('the host is not known from the file (pass --host)');
  if (host && !cfg.host && !cfg.url && !cfg.service) notes.push(`no host in the file: using ${host} (the library's default)`);
  let port = cfg.effective.port ?? cfg.port?.value ?? cfg.url?.port?.value;
  if (port === undefined && cfg.port?.kind === 'env') {
    const v = Number(envValue(cfg.port.envVar, cfg.file, env, processEnv)?.value);
    if (Number.isInteger(v) && v > 0) port = v;
  }
  const mode = tlsOfConfig(cfg, port);
  t.tls = mode.tls;
  if (mode.opportunistic) t.opportunistic = true;
  // nodemailer's defaults: 465 when secure, else 587.
  t.port = port ?? (mode.tls === 'implicit' ? 465 : 587);
  if (port === undefined) notes.push(`no port in the file: using ${t.port}`);

  for (const [k, f] of Object.entries(cfg.extras)) {
    if (/(^|\.)servername$/i.test(k) && typeof f.value === 'string' && f.value) t.servername = f.value;
  }

  const uf = cfg.credentials.user;
  let user = typeof uf?.value === 'string' ? uf.value : undefined;
  if (!user && uf?.kind === 'env') user = envValue(uf.envVar, cfg.file, env, processEnv)?.value;
  let pw = resolveSecret(cfg.credentials.password, text, cfg.file, env, processEnv);
  if (cfg.url && (!user || !pw)) {
    let urlText: string | undefined;
    let from: PasswordSource = 'file';
    if (cfg.url.kind === 'literal') urlText = rawValue(text, cfg.url);
    else if (cfg.url.kind === 'env') {
      const e = envValue(cfg.url.envVar, cfg.file, env, processEnv);
      urlText = e?.value;
      from = e?.from ?? 'none';
    }
    if (urlText) {
      const u = urlPassword(urlText);
      if (!user && u.user) user = u.user;
      if (!pw && u.password && !isPlaceholderForProbe(u.password)) pw = { value: u.password, from };
    }
  }
  if (user) t.user = user;
  if (pw) t.password = pw.value;
  if (cfg.credentials.password && !pw) notes.push('the password is not available (placeholder or unset variable)');
  if (cfg.verifyCert && cfg.verifyCert.value === false) notes.push(`${cfg.verifyCert.key} turns certificate verification off; the test verifies anyway and reports what it finds`);
  if (t.host && net.isIP(t.host) && !t.servername) notes.push(`connecting by IP: the certificate is checked against ${t.host} (set --servername NAME)`);
  return { target: t, passwordSource: pw?.from ?? 'none', notes };
}

/** Picks the configuration at `offset` (or overlapping [offset, end], e.g. a whole line), else the first one with a host. */
export function configAt(configs: SmtpConfig[], offset?: number, end = offset): SmtpConfig | undefined {
  if (offset !== undefined && end !== undefined) {
    const hit = configs
      .filter((c) => c.span.start <= end && offset <= c.span.end)
      .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
    if (hit) return hit;
  }
  return configs.find((c) => c.effective.host || c.host || c.url) ?? configs[0];
}

function describeEdit(e: FieldEdit): string {
  switch (e.op) {
    case 'set':
      return `${e.field.key} → ${e.text}`;
    case 'insert':
      return `add ${e.key}: ${e.text}`;
    case 'remove':
      return `remove ${e.field.key}`;
    case 'rename':
      return `rename ${e.field.key} → ${e.key}`;
  }
}

/** Fills each diagnosis' fix with text edits for `cfg` (in `text`), when the dialect can express it. */
export function attachFixes(report: ProbeReport, cfg: SmtpConfig, text: string): void {
  for (const d of report.diagnosis) {
    if (!d.fix) continue;
    try {
      const edits = express(cfg, d.fix.intent);
      if (!edits || !edits.length) continue;
      const te: TextEdit[] = renderEdits(text, edits);
      d.fix.textEdits = te.map((e) => ({ file: e.file, start: e.span.start, end: e.span.end, newText: e.newText }));
      // Say what changes in this file's own words (SMTP_SECURE → true, secure → false + requireTLS: true).
      d.fix.title = `${d.fix.title.replace(/\s*\([^)]*\)$/, '')}: ${edits.map(describeEdit).join(', ')}`;
    } catch {
      /* no expresser/renderer for this dialect/style: the diagnosis keeps its title only */
    }
  }
}
