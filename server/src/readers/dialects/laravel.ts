// Laravel (`.env` + config/mail.php, Laravel ≥ 9 on Symfony Mailer) — rules-research §4.3.
//
// Key                       → SmtpConfig field
//   MAIL_HOST               → host
//   MAIL_PORT               → port (value: number; unset → config/mail.php default 2525)
//   MAIL_SCHEME             → implicitTls (string as written: smtp | smtps | null; anything else is invalid)
//   MAIL_URL                → url (Symfony DSN semantics; its parts override the keys)
//   MAIL_USERNAME           → credentials.user ('null' / '(null)' / '' = not set, as Laravel's env())
//   MAIL_PASSWORD           → credentials.password
//   MAIL_VERIFY_PEER        → verifyCert (value boolean; not in the skeleton, a common custom key)
//   MAIL_ENCRYPTION         → extras['MAIL_ENCRYPTION'] (IGNORED by Laravel ≥ 9; tls/ssl/null decided
//                             everything on Laravel ≤ 8 / SwiftMailer) — rule laravel-mail-encryption-ignored
//   MAIL_MAILER, MAIL_DRIVER, MAIL_EHLO_DOMAIN → extras (by key)
//
// MAIL_DRIVER without MAIL_MAILER (Laravel ≤ 6 key, also kept by upgraded apps): when SwiftMailer's reading
// (MAIL_ENCRYPTION decides) and Symfony's disagree, the mode is 'unknown'.
// effective (Laravel ≥ 9): scheme = MAIL_SCHEME ?: (port == 465 ? smtps : smtp), then Symfony: smtps → implicit;
// smtp → implicit on 465, otherwise STARTTLS when advertised (opportunistic). An invalid MAIL_SCHEME
// (tls, ssl) → 'unknown' (symfony/mailer ≥ 7.2 throws). A non-SMTP mailer (log, ses, ...) → no config.
import type { Field, SmtpConfig } from '../../model/types';
import type { KvGroup, VersionLookup } from '../types';
import { addExtras, credentials, Instance, isKnown, makeConfig, portField, strField, urlField, urlPartsKnown, valueOf } from './common';
import { parseBool } from '../../semantics/values';
import { describeRanges, LARAVEL_FRAMEWORK, LARAVEL_SCHEME_SINCE, laravelEncryption, laravelUnset as isNullish, schemeIgnored, swiftMailerCleartext } from '../../semantics/laravel';
import { CLEARTEXT_WRITTEN_EXTRA } from '../../semantics/libraries';
import { verifyField } from './generic';
import { dsnOff, SYMFONY_MAILER, symfonyEffective } from '../../semantics/symfony';
import { laravelKeyName } from '../../semantics/laravel-config';

const NON_SMTP = new Set(['log', 'array', 'sendmail', 'ses', 'ses-v2', 'postmark', 'resend', 'mailgun', 'mailersend', 'brevo', 'sendgrid', 'null']);

export function buildLaravel(group: KvGroup, inst: Instance, versionOf?: VersionLookup): SmtpConfig | undefined {
  const k = (s: string) => inst.keys.get(s);
  const mailer = k('MAILER') ?? k('DRIVER');
  const mailerV = valueOf(mailer)?.trim().toLowerCase();
  if (mailerV && NON_SMTP.has(mailerV)) return undefined;
  const host = k('HOST');
  const port = k('PORT');
  const url = k('URL');
  if (!host && !port && !url) return undefined;
  // MAIL_SCHEME is read from laravel/framework 9.51.0 on (semantics/laravel.ts): before, it changes nothing
  const schemeOff = !!k('SCHEME') && schemeIgnored(versionOf?.(LARAVEL_FRAMEWORK));
  const scheme = schemeOff ? undefined : k('SCHEME');
  const extras: Record<string, Field> = {};
  addExtras(extras, inst, ['MAILER', 'DRIVER', 'ENCRYPTION', 'EHLO_DOMAIN', ...(schemeOff ? ['SCHEME'] : [])]);
  const fields: Partial<SmtpConfig> = { extras, credentials: credentials(k('USERNAME'), k('PASSWORD'), isNullish) };
  if (host) fields.host = strField(host);
  if (port) fields.port = portField(port);
  if (scheme) fields.implicitTls = strField(scheme);
  const u = url && !(isKnown(url) && isNullish(url.value)) ? urlField(url) : undefined;
  if (u) fields.url = u;
  const verify = k('VERIFY_PEER');
  if (verify) fields.verifyCert = verifyField(verify, (v) => (parseBool(v, 'laravel-env') === undefined ? undefined : !parseBool(v, 'laravel-env')));
  if (u?.params.verify_peer) {
    const p = u.params.verify_peer;
    fields.verifyCert = { ...p, value: !dsnOff(p.value) };
  }

  // What Symfony receives.
  let hostV = host ? valueOf(host) : '127.0.0.1';
  let portN: number | undefined;
  let portKey = port?.key ?? 'MAIL_PORT';
  if (port) {
    const pv = valueOf(port);
    portN = pv === undefined ? NaN : isNullish(pv) ? undefined : /^\s*\d+\s*$/.test(pv) ? Number(pv) : NaN;
  } else portN = 2525; // config/mail.php: env('MAIL_PORT', 2525)
  let schemeV = scheme && valueOf(scheme) !== undefined && !isNullish(valueOf(scheme)) ? valueOf(scheme)!.trim() : undefined;
  let schemeKey = scheme?.key ?? 'MAIL_SCHEME';
  if (scheme && !isKnown(scheme)) return makeConfig(group, inst, 'laravel', { host: hostV, port: Number.isNaN(portN) ? undefined : portN, tlsMode: 'unknown', because: `${scheme.key} comes from the environment` }, fields);
  const options: Record<string, string | undefined> = {};
  if (u) {
    if (!urlPartsKnown(u)) return makeConfig(group, inst, 'laravel', { tlsMode: 'unknown', because: `${u.key} is not known` }, fields);
    if (u.scheme?.value) {
      schemeV = u.scheme.value;
      schemeKey = u.key;
    }
    if (u.host?.value) hostV = u.host.value;
    if (u.port?.value !== undefined) {
      portN = u.port.value;
      portKey = u.key;
    }
    for (const [pk, pf] of Object.entries(u.params)) options[pk] = pf.value;
  }
  if (schemeV === undefined) {
    if (Number.isNaN(portN)) return makeConfig(group, inst, 'laravel', { host: hostV, tlsMode: 'unknown', because: `the port (${portKey}) is not known` }, fields);
    schemeV = portN === 465 ? 'smtps' : 'smtp';
    schemeKey = `MAIL_SCHEME unset (port ${portN ?? 'unset'} → ${schemeV})`;
  }
  // MAIL_ENCRYPTION decides on some releases (semantics/laravel.ts): with the project's laravel/framework version
  // known, the mode is that release's (or 'unknown' when its range spans releases that disagree).
  const enc = k('ENCRYPTION');
  const version = versionOf?.(LARAVEL_FRAMEWORK);
  if (version && !scheme && !u && portN !== undefined && !Number.isNaN(portN) && (!enc || isKnown(enc))) {
    const r = laravelEncryption(version, enc ? valueOf(enc) : undefined, portN, hostV);
    // (config/mail.php: null and '' both read as '' here, so the message says empty)
    const encShown = enc ? (group.format === 'php' && !valueOf(enc) ? `'${enc.key}' empty` : `${enc.key}=${valueOf(enc) ?? ''}`) : `${laravelKeyName(group.format, 'MAIL_ENCRYPTION')} unset`;
    const because = `${encShown} on ${r.because}${!port ? '; MAIL_PORT unset: config/mail.php defaults to 2525' : ''}`;
    // SwiftMailer releases: an empty encryption that is written (or a config/mail.php mailer without one) is clear text
    if (swiftMailerCleartext(r, !!enc || group.format === 'php')) extras[CLEARTEXT_WRITTEN_EXTRA] = enc ? extras[enc.key] : { key: 'mailer', text: group.label, kind: 'expression', site: fields.port?.site ?? fields.host!.site };
    const ignoredNote = schemeOff ? `; ${k('SCHEME')!.key} is not read before laravel/framework ${LARAVEL_SCHEME_SINCE}` : '';
    return makeConfig(group, inst, 'laravel', { host: hostV, port: portN, tlsMode: r.mode, because: because + ignoredNote }, fields);
  }
  const eff = symfonyEffective({ scheme: schemeV, schemeKey, host: hostV, port: portN, portKey, options, version: versionOf?.(SYMFONY_MAILER) });
  // MAIL_DRIVER (the Laravel ≤ 6 key; kept by many upgraded apps): the app may still send with SwiftMailer,
  // where MAIL_ENCRYPTION decides (ssl implicit, tls mandatory STARTTLS, else no TLS). When the two readings
  // disagree the mode is unknown (no finding from the mode rules; laravel-mail-encryption-ignored explains).
  if (k('DRIVER') && !k('MAILER') && !scheme && !u && eff.tlsMode !== 'unknown') {
    const e = enc ? valueOf(enc)?.trim().toLowerCase() : '';
    const swift = e === undefined ? 'unknown' : e === 'ssl' ? 'implicit' : e === 'tls' ? 'starttls-required' : 'none';
    const same = swift === eff.tlsMode || (swift === 'starttls-required' && eff.tlsMode === 'starttls-opportunistic');
    if (!same) {
      return makeConfig(group, inst, 'laravel', { host: hostV, port: eff.port, tlsMode: 'unknown', because: `MAIL_DRIVER: on Laravel ≤ 8 (SwiftMailer) MAIL_ENCRYPTION makes this ${swift}, on Laravel ≥ 9 it is ${eff.tlsMode} (${eff.because})` }, fields);
    }
  }
  if (!port && !u?.port) eff.because += '; MAIL_PORT unset: config/mail.php defaults to 2525';
  // The version is not known: this is the reading of the releases most projects run (the port decides); say
  // what the other releases do with the value.
  if (enc && valueOf(enc) !== undefined && !isNullish(valueOf(enc)) && eff.port !== undefined) {
    const r = laravelEncryption(undefined, valueOf(enc), eff.port, hostV);
    eff.because += `; ${enc.key}=${valueOf(enc)}: ${describeRanges(r.byRange)} (the laravel/framework version is not known)`;
  }
  return makeConfig(group, inst, 'laravel', eff, fields);
}
