// Reading a config's fields the way every dialect writes them: the written port and host, the deciding port
// (a nodemailer service preset wins), credentials, cross-file values. What the values mean is asked of semantics.
import type { Field, SmtpConfig } from '../../model/types';
import { lookupService, type ServicePreset } from '../../semantics/nodemailer/presets';
import { DEV_CATCHER_PORT, isLocalHost } from '../../semantics/values';
import { NODEMAILER_FAMILY } from '../../semantics/libraries';
import { fieldsOf } from '../../model/fields';

export { fieldsOf };

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
  // createTransport({ service, url }) merges the parsed URL over the object's keys (nodemailer.js
  // createTransport; 9.x drops the other keys entirely), so a URL ?service wins there; SMTP_* env values
  // reach the transport as options, where smtp-transport takes options.service || urlData.service.
  const f = cfg.dialect === 'nodemailer' ? (cfg.url?.params?.service ?? cfg.service) : (cfg.service ?? cfg.url?.params?.service);
  if (!f) return undefined;
  const name = typeof f.value === 'string' ? f.value : f.kind === 'literal' ? f.text : undefined;
  return name ? lookupService(name) : undefined;
}

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

/** The host the client connects to, lower-case, when known: a service preset's, or the one written (literal or
 *  resolved). Empty, unset or unresolved is undefined ("not known"), never the library's localhost default: only
 *  a host written as local may lower a severity (issue 11). */
export function hostOf(cfg: SmtpConfig): string | undefined {
  const preset = presetOf(cfg);
  if (preset?.host) return preset.host.toLowerCase();
  const f = hostField(cfg);
  const v = f?.value ?? (f?.kind === 'literal' ? f.text : undefined);
  return typeof v === 'string' && v.trim() ? v.trim().toLowerCase().replace(/^\[|\]$/g, '') : undefined;
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

/** The config talks to a local dev catcher or loopback: credentials and cleartext there are not a real exposure. */
export function isDevTarget(cfg: SmtpConfig): boolean {
  return isLocalHost(hostOf(cfg)) || portOf(cfg) === DEV_CATCHER_PORT;
}
