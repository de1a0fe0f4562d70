// Discourse `containers/app.yml` env DISCOURSE_SMTP_* (rules-research §4.13; Rails ActionMailer + mail gem).
//
// Key (after DISCOURSE_SMTP_)  → SmtpConfig field
//   ADDRESS                    → host
//   PORT                       → port (value: number; default 25)
//   USER_NAME / PASSWORD       → credentials
//   FORCE_TLS                  → implicitTls (string as written; 'true' = implicit TLS, for 465)
//   ENABLE_START_TLS           → starttls (string as written; default true = enable_starttls_auto)
//   OPENSSL_VERIFY_MODE        → verifyCert (value boolean: false when 'none')
//   AUTHENTICATION, DOMAIN     → extras
// effective: FORCE_TLS=true → implicit; ENABLE_START_TLS=false → none; else STARTTLS when advertised.
import type { Field, SmtpConfig } from '../../model/types';
import type { KvGroup } from '../types';
import { addExtras, credentials, Instance, intPort, isKnown, makeConfig, noteNonBoolean, portField, strField, valueOf } from './common';
import { parseBool } from '../../semantics/values';
import { opensslVerifyModeField } from './mastodon';

export function buildDiscourse(group: KvGroup, inst: Instance): SmtpConfig | undefined {
  const k = (s: string) => inst.keys.get(s);
  const host = k('ADDRESS');
  const port = k('PORT');
  if (!host && !port) return undefined;
  const force = k('FORCE_TLS');
  const start = k('ENABLE_START_TLS');
  const extras: Record<string, Field> = {};
  addExtras(extras, inst, ['AUTHENTICATION', 'DOMAIN']);
  noteNonBoolean(extras, force, 'ruby');
  noteNonBoolean(extras, start, 'ruby');
  const fields: Partial<SmtpConfig> = { extras, credentials: credentials(k('USER_NAME'), k('PASSWORD')) };
  if (host) fields.host = strField(host);
  if (port) fields.port = portField(port);
  if (force) fields.implicitTls = strField(force);
  if (start) fields.starttls = strField(start);
  const verify = k('OPENSSL_VERIFY_MODE');
  if (verify) fields.verifyCert = opensslVerifyModeField(verify);
  const hostV = host ? valueOf(host) : 'localhost';
  const portN = intPort(port, 25);
  if (port && portN === undefined) return makeConfig(group, inst, 'discourse', { host: hostV, tlsMode: 'unknown', because: `the port (${port.key}) is not known` }, fields);
  for (const e of [force, start]) {
    if (e && (!isKnown(e) || (e.value.trim() !== '' && parseBool(e.value, 'ruby') === undefined))) return makeConfig(group, inst, 'discourse', { host: hostV, port: portN, tlsMode: 'unknown', because: `the value of ${e.key} is not a known boolean` }, fields);
  }
  if (force && parseBool(force.value, 'ruby')) return makeConfig(group, inst, 'discourse', { host: hostV, port: portN, tlsMode: 'implicit', because: `${force.key}=true: implicit TLS` }, fields);
  if (start && parseBool(start.value, 'ruby') === false) return makeConfig(group, inst, 'discourse', { host: hostV, port: portN, tlsMode: 'none', because: `${start.key}=false: STARTTLS is never sent` }, fields);
  return makeConfig(group, inst, 'discourse', { host: hostV, port: portN, tlsMode: 'starttls-opportunistic', because: 'DISCOURSE_SMTP_FORCE_TLS unset: plaintext greeting, STARTTLS when advertised (enable_starttls_auto)' }, fields);
}
