// Mastodon `.env.production` (rules-research §4.7; config/environments/production.rb → ActionMailer →
// mail gem). SMTP_* and the BULK_SMTP_* mirror set (4.4) are separate configs. Other Rails apps that spell
// ActionMailer settings the same way (Chatwoot SMTP_ADDRESS/SMTP_USERNAME, sameersbn/gitlab SMTP_STARTTLS,
// §4.13) are read here too: same library, same semantics.
//
// Key (after SMTP_ / BULK_SMTP_)  → SmtpConfig field
//   SERVER (ADDRESS, HOST)        → host
//   PORT                          → port (value: number; default 25)
//   LOGIN (USERNAME, USER_NAME, USER) → credentials.user
//   PASSWORD (PASS)               → credentials.password
//   TLS, SSL                      → implicitTls (first present; Mastodon compares with the string 'true')
//   ENABLE_STARTTLS               → starttls (auto | always | never)
//   ENABLE_STARTTLS_AUTO (STARTTLS) → starttls when ENABLE_STARTTLS is absent (legacy), and extras
//   OPENSSL_VERIFY_MODE           → verifyCert (value boolean: false when 'none')
//   AUTH_METHOD, DELIVERY_METHOD, CA_FILE → extras (by key)
// effective: TLS/SSL == 'true' → implicit; ENABLE_STARTTLS always → starttls-required, never → none, auto →
// opportunistic; absent → ENABLE_STARTTLS_AUTO != 'false' → opportunistic, else none.
// SMTP_DELIVERY_METHOD other than smtp → no config; SMTP_AUTH_METHOD=none → no credentials.
import type { Field, SmtpConfig } from '../../model/types';
import type { KvEntry, KvGroup } from '../types';
import { addExtras, credentials, Instance, intPort, isKnown, makeConfig, noteNonBoolean, portField, strField, valueOf } from './common';
import { parseBool } from '../../semantics/values';
import { verifyField } from './generic';

/** ActionMailer's openssl_verify_mode (Mastodon, Discourse): verification is off for 'none'. */
export function opensslVerifyModeField(e: KvEntry): Field {
  return verifyField(e, (v) => (v.trim().toLowerCase() === 'none' ? true : v.trim() ? false : undefined));
}

export function buildMastodon(group: KvGroup, inst: Instance): SmtpConfig | undefined {
  const k = (s: string) => inst.keys.get(s);
  const delivery = valueOf(k('DELIVERY_METHOD'))?.trim().toLowerCase();
  if (delivery && delivery !== 'smtp') return undefined;
  const host = k('SERVER') ?? k('ADDRESS') ?? k('HOST');
  const port = k('PORT');
  if (!host && !port) return undefined;
  const tls = k('TLS') ?? k('SSL');
  const other = k('TLS') ? k('SSL') : undefined;
  const starttls = k('ENABLE_STARTTLS');
  const starttlsAuto = k('ENABLE_STARTTLS_AUTO') ?? k('STARTTLS');
  const verify = k('OPENSSL_VERIFY_MODE');
  const extras: Record<string, Field> = {};
  addExtras(extras, inst, ['AUTH_METHOD', 'DELIVERY_METHOD', 'CA_FILE', 'ENABLE_STARTTLS_AUTO']);
  noteNonBoolean(extras, tls, 'ruby');
  noteNonBoolean(extras, other, 'ruby');
  if (other) extras[other.key] = strField(other);
  const noAuth = valueOf(k('AUTH_METHOD'))?.trim().toLowerCase() === 'none';
  const fields: Partial<SmtpConfig> = { extras, credentials: noAuth ? { passwordIsLiteral: false } : credentials(k('LOGIN') ?? k('USERNAME') ?? k('USER_NAME') ?? k('USER'), k('PASSWORD') ?? k('PASS')) };
  if (host) fields.host = strField(host);
  if (port) fields.port = portField(port);
  if (tls) fields.implicitTls = { ...strField(tls), boolReader: 'ruby-eq-true' };
  if (starttls) fields.starttls = strField(starttls);
  else if (starttlsAuto) fields.starttls = { ...strField(starttlsAuto), boolReader: 'ruby-ne-false' };
  if (verify) fields.verifyCert = opensslVerifyModeField(verify);

  const hostV = host ? valueOf(host) : 'localhost';
  const portN = intPort(port, 25);
  if (port && portN === undefined) return makeConfig(group, inst, 'mastodon', { host: hostV, tlsMode: 'unknown', because: `the port (${port.key}) is not known` }, fields);
  const isTrue = (e: typeof tls) => (e ? (isKnown(e) ? parseBool(e.value, 'ruby-eq-true') : undefined) : false);
  const t1 = isTrue(k('TLS'));
  const t2 = isTrue(k('SSL'));
  if (t1 === undefined || t2 === undefined) return makeConfig(group, inst, 'mastodon', { host: hostV, port: portN, tlsMode: 'unknown', because: 'SMTP_TLS / SMTP_SSL come from the environment' }, fields);
  const st = starttls ? (isKnown(starttls) ? starttls.value.trim().toLowerCase() : undefined) : '';
  if (st === undefined) return makeConfig(group, inst, 'mastodon', { host: hostV, port: portN, tlsMode: 'unknown', because: `${starttls!.key} comes from the environment` }, fields);
  if (t1 || t2) {
    const note = st === 'always' || st === 'auto' ? `; ${starttls!.key}=${st} together with implicit TLS makes mail ≥ 2.9 raise ArgumentError` : '';
    return makeConfig(group, inst, 'mastodon', { host: hostV, port: portN, tlsMode: 'implicit', because: `${(k('TLS') && t1 ? k('TLS') : k('SSL'))!.key}=true: implicit TLS${note}` }, fields);
  }
  if (st === 'always') return makeConfig(group, inst, 'mastodon', { host: hostV, port: portN, tlsMode: 'starttls-required', because: `${starttls!.key}=always: STARTTLS is mandatory` }, fields);
  if (st === 'never') return makeConfig(group, inst, 'mastodon', { host: hostV, port: portN, tlsMode: 'none', because: `${starttls!.key}=never: STARTTLS is never sent` }, fields);
  if (st === 'auto') return makeConfig(group, inst, 'mastodon', { host: hostV, port: portN, tlsMode: 'starttls-opportunistic', because: `${starttls!.key}=auto: STARTTLS only when advertised` }, fields);
  const autoV = starttlsAuto ? valueOf(starttlsAuto) : undefined;
  if (starttlsAuto && autoV === undefined) return makeConfig(group, inst, 'mastodon', { host: hostV, port: portN, tlsMode: 'unknown', because: `${starttlsAuto.key} comes from the environment` }, fields);
  if (starttlsAuto && parseBool(autoV, 'ruby-ne-false') === false) return makeConfig(group, inst, 'mastodon', { host: hostV, port: portN, tlsMode: 'none', because: `${starttlsAuto!.key}=false and no SMTP_ENABLE_STARTTLS: STARTTLS is never sent` }, fields);
  return makeConfig(group, inst, 'mastodon', { host: hostV, port: portN, tlsMode: 'starttls-opportunistic', because: 'no SMTP_TLS and SMTP_ENABLE_STARTTLS unset: STARTTLS only when advertised (enable_starttls_auto)' }, fields);
}
