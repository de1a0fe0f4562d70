// Generic SMTP env settings read by a Node app and handed to nodemailer (rules-research §4.1, §2.2).
// One config per key family: SMTP_*, MAIL_*, EMAIL_*, MAILER_SMTP_*, EMAIL_SMTP_*, MAIL_SMTP_*,
// NODEMAILER_*, and any other prefix ending in SMTP_/MAIL_/EMAIL_/MAILER_ (e.g. BULK_SMTP_, LEGACY_SMTP_).
// A prefixed family is its own config (it is a second transport). Keys of non-mail prefixes
// (COOKIE_SECURE, METRICS_PORT, API_TLS_REJECT_UNAUTHORIZED) never reach this module.
//
// Key (suffix after the prefix)                                  → SmtpConfig field
//   HOST | HOSTNAME | SERVER | ADDR | ADDRESS                     → host
//   PORT                                                          → port (value: number)
//   SECURE                                                        → implicitTls (value: the string as written)
//   REQUIRE_TLS | REQUIRETLS                                      → requireTls (string as written)
//   IGNORE_TLS | IGNORETLS                                        → ignoreTls (string as written)
//   OPPORTUNISTIC_TLS                                             → opportunisticTls (string as written)
//   TLS_REJECT_UNAUTHORIZED | REJECT_UNAUTHORIZED (+ no-_ forms)  → verifyCert (value: boolean, false = verification off)
//   TLS_MIN_VERSION | MIN_VERSION | TLS_MINVERSION | MINVERSION   → minTlsVersion (string)
//   TLS_CIPHERS | CIPHERS                                         → ciphers
//   USER | USERNAME | USER_NAME | LOGIN | AUTH_USER               → credentials.user
//   PASS | PASSWORD | PASSWD | AUTH_PASS | AUTH_PASSWORD          → credentials.password (text '***')
//   SERVICE                                                       → service (nodemailer well-known preset)
//   URL | URI | CONNECTION_URL                                    → url (nodemailer URL semantics)
//   TLS_OPTIONS (JSON, Novu NODEMAILER_TLS_OPTIONS)               → verifyCert / minTlsVersion / ciphers from its
//                                                                   rejectUnauthorized / minVersion / ciphers (kind
//                                                                   'expression', key 'NODEMAILER_TLS_OPTIONS.rejectUnauthorized')
//   USE_TLS, USE_SSL, SSL, TLS, STARTTLS, SECURE_CONNECTION, TLS_OPTIONS → extras (by key as written)
// extras['nonBoolean:<KEY>']: a boolean key (SECURE, REQUIRE_TLS, IGNORE_TLS, OPPORTUNISTIC_TLS,
// TLS_REJECT_UNAUTHORIZED) holding a literal that is not a boolean (SMTP_SECURE=ssl) — rule env-string-as-boolean.
//
// Env values are strings. We assume the app turns "true"/"false"/"1"/"0" into the boolean it means
// (`=== 'true'`); `effective` is computed with nodemailer's rules on those booleans. A non-boolean value
// makes the mode 'unknown' (prefer no finding over a wrong one).
import type { Dialect, Field, SmtpConfig } from '../../model/types';
import type { KvEntry, KvGroup, VersionLookup } from '../types';
import { addExtras, credentials, Instance, isKnown, makeConfig, noteNonBoolean, portField, strField, urlField, valueOf } from './common';
import { parseBool } from '../../semantics/values';
import { absent, nodemailerEffective, Opt } from '../../semantics/nodemailer/env-effective';
import { nodemailerUrlFields } from './url-fields';

export const GENERIC_ROLES: Record<string, string> = {
  HOST: 'host',
  HOSTNAME: 'host',
  SERVER: 'host',
  ADDR: 'host',
  ADDRESS: 'host',
  PORT: 'port',
  SECURE: 'secure',
  REQUIRE_TLS: 'requireTls',
  REQUIRETLS: 'requireTls',
  IGNORE_TLS: 'ignoreTls',
  IGNORETLS: 'ignoreTls',
  OPPORTUNISTIC_TLS: 'opportunisticTls',
  OPPORTUNISTICTLS: 'opportunisticTls',
  TLS_REJECT_UNAUTHORIZED: 'verify',
  REJECT_UNAUTHORIZED: 'verify',
  TLS_REJECTUNAUTHORIZED: 'verify',
  REJECTUNAUTHORIZED: 'verify',
  TLS_MIN_VERSION: 'minVersion',
  MIN_VERSION: 'minVersion',
  TLS_MINVERSION: 'minVersion',
  MINVERSION: 'minVersion',
  TLS_CIPHERS: 'ciphers',
  CIPHERS: 'ciphers',
  USER: 'user',
  USERNAME: 'user',
  USER_NAME: 'user',
  LOGIN: 'user',
  AUTH_USER: 'user',
  PASS: 'pass',
  PASSWORD: 'pass',
  PASSWD: 'pass',
  AUTH_PASS: 'pass',
  AUTH_PASSWORD: 'pass',
  SERVICE: 'service',
  URL: 'url',
  URI: 'url',
  CONNECTION_URL: 'url',
};

const EXTRA_KEYS = ['USE_TLS', 'USE_SSL', 'SSL', 'TLS', 'STARTTLS', 'SECURE_CONNECTION', 'TLS_OPTIONS', 'TLS_MAX_VERSION'];

/** role → the first entry of the block with that role (one pass over the block). */
function rolesOf(inst: Instance): Map<string, KvEntry> {
  const out = new Map<string, KvEntry>();
  const n = inst.prefix.length;
  for (const e of inst.entries) {
    const role = GENERIC_ROLES[e.key.slice(n).toUpperCase()];
    if (role && !out.has(role)) out.set(role, e);
  }
  return out;
}

function boolOpt(e: KvEntry | undefined): Opt<boolean> {
  if (!e) return absent;
  if (!isKnown(e)) return { state: 'unknown', key: e.key };
  const v = e.value.trim();
  if (v === '') return absent; // SMTP_SECURE= (empty) — the app sees an empty string: unset
  const b = parseBool(v, 'env-app');
  return b === undefined ? { state: 'unknown', key: e.key } : { state: 'known', value: b, key: e.key };
}

/** The verification state a TLS_REJECT_UNAUTHORIZED-style value means: false = verification off. */
export function verifyField(e: KvEntry, disabledWhen: (v: string) => boolean | undefined): Field {
  const f = strField(e) as Field;
  const v = valueOf(e);
  const off = v === undefined ? undefined : disabledWhen(v);
  if (off === undefined) delete f.value;
  else f.value = !off;
  return f;
}

export function buildNodemailerEnv(group: KvGroup, inst: Instance, dialect: Dialect = 'generic', versionOf?: VersionLookup): SmtpConfig | undefined {
  const roles = rolesOf(inst);
  const first = (role: string) => roles.get(role);
  const host = first('host');
  const port = first('port');
  const url = first('url');
  const service = first('service');
  if (!host && !port && !url && !service) return undefined;
  const secure = first('secure');
  const requireTls = first('requireTls');
  const ignoreTls = first('ignoreTls');
  const opportunisticTls = first('opportunisticTls');
  const verify = first('verify');
  const minVersion = first('minVersion');
  const ciphers = first('ciphers');
  const extras: Record<string, Field> = {};
  for (const e of [secure, requireTls, ignoreTls, opportunisticTls, verify]) noteNonBoolean(extras, e);
  addExtras(extras, inst, EXTRA_KEYS);
  const fields: Partial<SmtpConfig> = { extras, credentials: credentials(first('user'), first('pass')) };
  if (host) fields.host = strField(host);
  if (port) fields.port = portField(port);
  const u = url ? urlField(url) : undefined;
  if (u) fields.url = u;
  else if (url) extras[url.key] = strField(url);
  if (service) fields.service = strField(service);
  if (secure) fields.implicitTls = strField(secure);
  if (requireTls) fields.requireTls = strField(requireTls);
  if (ignoreTls) fields.ignoreTls = strField(ignoreTls);
  if (opportunisticTls) fields.opportunisticTls = strField(opportunisticTls);
  if (verify) fields.verifyCert = verifyField(verify, (v) => (parseBool(v, 'env-app') === undefined ? undefined : !parseBool(v, 'env-app')));
  if (minVersion) fields.minTlsVersion = strField(minVersion);
  if (ciphers) fields.ciphers = strField(ciphers);
  // Novu-style JSON TLS options (NODEMAILER_TLS_OPTIONS={"rejectUnauthorized":false}): read-only fields
  // (kind 'expression': a fix must not rewrite or drop the whole JSON)
  const tlsOpts = inst.keys.get('TLS_OPTIONS');
  const json = tlsOpts ? valueOf(tlsOpts) : undefined;
  if (tlsOpts && json && /^\s*\{/.test(json)) {
    let o: unknown;
    try {
      o = JSON.parse(json);
    } catch {
      o = undefined;
    }
    if (o && typeof o === 'object') {
      const rec = o as Record<string, unknown>;
      const sub = (k: string, v: string | boolean): Field => ({ key: `${tlsOpts.key}.${k}`, value: v, text: String(v), kind: 'expression', site: tlsOpts.site });
      if (!fields.verifyCert && typeof rec.rejectUnauthorized === 'boolean') fields.verifyCert = sub('rejectUnauthorized', rec.rejectUnauthorized);
      if (!fields.minTlsVersion && typeof rec.minVersion === 'string') fields.minTlsVersion = sub('minVersion', rec.minVersion);
      if (!fields.ciphers && typeof rec.ciphers === 'string') fields.ciphers = sub('ciphers', rec.ciphers);
    }
  }
  const portV = port ? valueOf(port) : undefined;
  const effective = nodemailerEffective({
    host: host ? (isKnown(host) ? { state: 'known', value: host.value, key: host.key } : { state: 'unknown', key: host.key }) : absent,
    port: port
      ? portV !== undefined && /^\s*\d+\s*$/.test(portV)
        ? { state: 'known', value: Number(portV), key: port.key }
        : portV !== undefined && portV.trim() === ''
          ? absent
          : portV !== undefined
            ? { state: 'known', value: 0, key: port.key } // Number('abc') → NaN → nodemailer default
            : { state: 'unknown', key: port.key }
      : absent,
    secure: boolOpt(secure),
    requireTLS: boolOpt(requireTls),
    ignoreTLS: boolOpt(ignoreTls),
    service: service ? (isKnown(service) ? (service.value.trim() ? { state: 'known', value: service.value, key: service.key } : absent) : { state: 'unknown', key: service.key }) : absent,
    url: u,
    version: versionOf?.('nodemailer'),
  });
  const cfg = makeConfig(group, inst, dialect, effective, fields);
  if (u) nodemailerUrlFields(cfg);
  return cfg;
}

export const buildGeneric = (group: KvGroup, inst: Instance, versionOf?: VersionLookup): SmtpConfig | undefined => buildNodemailerEnv(group, inst, 'generic', versionOf);
