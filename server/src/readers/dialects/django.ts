// Django SMTP backend settings fed from env (rules-research §4.2), incl. EMAIL_URL helpers
// (dj-email-url, django-environ `env.email_url()`).
//
// Key                    → SmtpConfig field
//   EMAIL_HOST           → host (Django default 'localhost')
//   EMAIL_PORT           → port (value: number; Django default 25)
//   EMAIL_USE_SSL        → implicitTls (string as written: True/False/1/0 ...)
//   EMAIL_USE_TLS        → starttls (string as written) — Django's STARTTLS is mandatory (smtplib.starttls()
//                          raises when not offered), so EMAIL_USE_TLS=True → effective 'starttls-required'
//   EMAIL_HOST_USER      → credentials.user
//   EMAIL_HOST_PASSWORD  → credentials.password
//   EMAIL_URL            → url (dj-email-url parse(), django-environ aliases): it sets both flags; smtps://,
//                          smtp+tls://, submission:// mean EMAIL_USE_TLS (STARTTLS!); smtp+ssl:// and a truthy
//                          ?ssl= mean EMAIL_USE_SSL (and clear TLS); else a truthy ?tls= means EMAIL_USE_TLS;
//                          port: as written, else 587 for submission://, else 25
//   EMAIL_BACKEND, EMAIL_TIMEOUT, EMAIL_SSL_CERTFILE, EMAIL_SSL_KEYFILE → extras (by key)
// extras['nonBoolean:<KEY>'] when EMAIL_USE_TLS/SSL hold a value that is not a Python-style boolean.
//
// effective: both flags → 'unknown' (ValueError at backend creation); USE_SSL → implicit; USE_TLS →
// starttls-required; neither → 'none' (Django never sends STARTTLS). A non-SMTP backend → no config.
import type { Field, SmtpConfig } from '../../model/types';
import type { KvEntry, KvGroup } from '../types';
import { addExtras, credentials, Instance, intPort, isKnown, makeConfig, noteNonBoolean, portField, strField, urlField, urlPartsKnown, valueOf } from './common';
import { parseBool } from '../../semantics/values';

/** django-environ / python-decouple boolean casts (semantics/values/bool.ts 'python'). */
export const pyBool = (s: string | undefined): boolean | undefined => parseBool(s, 'python');
/** A boolean setting's entry: a cast word, or the truth value of text settings.py uses as is ('python-str'). */
const entryBool = (e: KvEntry): boolean | undefined => parseBool(e.value, e.textAsIs ? 'python-str' : 'python');

const NON_SMTP = /\b(console|locmem|filebased|dummy)\b|anymail\.|sendgrid_backend|postmarker|mailgun|ses\./i;

export function buildDjango(group: KvGroup, inst: Instance): SmtpConfig | undefined {
  const k = (s: string) => inst.keys.get(s);
  const backend = k('BACKEND');
  const backendV = valueOf(backend);
  if (backendV && NON_SMTP.test(backendV)) return undefined;
  const host = k('HOST');
  const port = k('PORT');
  const url = k('URL');
  if (!host && !port && !url) return undefined;
  const useTls = k('USE_TLS');
  const useSsl = k('USE_SSL');
  const extras: Record<string, Field> = {};
  addExtras(extras, inst, ['BACKEND', 'TIMEOUT', 'SSL_CERTFILE', 'SSL_KEYFILE']);
  for (const e of [useTls, useSsl]) noteNonBoolean(extras, e, 'python');
  const fields: Partial<SmtpConfig> = { extras, credentials: credentials(k('HOST_USER'), k('HOST_PASSWORD')) };
  if (host) fields.host = strField(host);
  if (port) fields.port = portField(port);
  if (useSsl) fields.implicitTls = strField(useSsl);
  if (useTls) fields.starttls = strField(useTls);
  const u = url ? urlField(url) : undefined;
  if (u) fields.url = u;

  let hostV: string | undefined = host ? valueOf(host) : 'localhost';
  let portN = intPort(port, 25);
  let tls: boolean | undefined = useTls ? (isKnown(useTls) ? entryBool(useTls) : undefined) : false;
  let ssl: boolean | undefined = useSsl ? (isKnown(useSsl) ? entryBool(useSsl) : undefined) : false;
  const why: string[] = [];
  if (u) {
    if (!urlPartsKnown(u)) return makeConfig(group, inst, 'django', { tlsMode: 'unknown', because: `${u.key} is not known` }, fields);
    if (useTls || useSsl) return makeConfig(group, inst, 'django', { tlsMode: 'unknown', because: `both ${u.key} and ${(useTls ?? useSsl)!.key} are set: which one wins depends on the order in settings.py` }, fields);
    // dj-email-url parse(): the URL sets both flags (False), then the scheme and the query decide; settings
    // usually apply it wholesale (vars().update(config)), so it wins over separate EMAIL_USE_* keys.
    const scheme = u.scheme?.value?.toLowerCase() ?? '';
    tls = false;
    ssl = false;
    if (u.host?.value) hostV = u.host.value;
    if (u.port?.value !== undefined) portN = u.port.value;
    else if (scheme === 'submission' || scheme === 'submit') portN = 587;
    else portN = 25;
    if (scheme === 'smtps' || scheme === 'smtp+tls' || scheme === 'submission' || scheme === 'submit') {
      tls = true;
      why.push(`${u.key} ${scheme}:// sets EMAIL_USE_TLS (STARTTLS), not EMAIL_USE_SSL`);
    }
    if (scheme === 'smtp+ssl') {
      ssl = true;
      why.push(`${u.key} smtp+ssl:// sets EMAIL_USE_SSL (implicit TLS)`);
    }
    const truthy = (v: string | undefined) => parseBool(v, 'python') === true && v!.trim() !== '';
    const qs = u.params.ssl?.value;
    const qt = u.params.tls?.value;
    if (qs) {
      if (truthy(qs)) {
        ssl = true;
        tls = false;
        why.push(`${u.key} ?ssl=${qs} sets EMAIL_USE_SSL`);
      }
    } else if (qt && truthy(qt)) {
      tls = true;
      ssl = false;
      why.push(`${u.key} ?tls=${qt} sets EMAIL_USE_TLS`);
    }
  }
  if (port && portN === undefined) return makeConfig(group, inst, 'django', { host: hostV, tlsMode: 'unknown', because: `the port (${port.key}) is not known` }, fields);
  if (tls === undefined || ssl === undefined) {
    const bad = tls === undefined ? useTls! : useSsl!;
    return makeConfig(group, inst, 'django', { host: hostV, port: portN, tlsMode: 'unknown', because: `the value of ${bad.key} is not a known boolean` }, fields);
  }
  if (tls && ssl) return makeConfig(group, inst, 'django', { host: hostV, port: portN, tlsMode: 'unknown', because: 'EMAIL_USE_TLS and EMAIL_USE_SSL are both true: Django raises ValueError ("mutually exclusive")' }, fields);
  if (ssl) return makeConfig(group, inst, 'django', { host: hostV, port: portN, tlsMode: 'implicit', because: [...why, 'EMAIL_USE_SSL is true: smtplib.SMTP_SSL, TLS from the first byte'].join('; ') }, fields);
  if (tls) return makeConfig(group, inst, 'django', { host: hostV, port: portN, tlsMode: 'starttls-required', because: [...why, 'EMAIL_USE_TLS is true: plaintext greeting, then a mandatory STARTTLS'].join('; ') }, fields);
  return makeConfig(group, inst, 'django', { host: hostV, port: portN, tlsMode: 'none', because: 'neither EMAIL_USE_TLS nor EMAIL_USE_SSL is true: Django never starts TLS' }, fields);
}
