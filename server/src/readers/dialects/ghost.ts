// Ghost env `mail__*` (rules-research §4.8): nconf with separator `__` and parseValues: 'true'/'false'
// become booleans, numeric strings numbers; mail.options is handed to nodemailer.
//
// Key (after mail__)                    → SmtpConfig field (values parsed like nconf: boolean / number / string)
//   options__host                       → host
//   options__port                       → port
//   options__secure                     → implicitTls (value boolean when 'true'/'false')
//   options__service                    → service
//   options__requireTLS / __ignoreTLS / __opportunisticTLS → requireTls / ignoreTls / opportunisticTls
//   options__tls__rejectUnauthorized    → verifyCert (value boolean)
//   options__tls__minVersion / __ciphers → minTlsVersion / ciphers
//   options__auth__user / options__auth__pass → credentials
//   transport                           → extras (anything but SMTP → no config)
// effective: nodemailer's algorithm (§2.2) on the parsed values; a non-boolean string is truthy (!!).
import type { Field, SmtpConfig } from '../../model/types';
import type { KvEntry, KvGroup, VersionLookup } from '../types';
import { addExtras, boolField, credentials, Instance, isKnown, makeConfig, portField, strField, valueOf } from './common';
import { absent, nodemailerEffective, Opt } from '../../semantics/nodemailer/env-effective';
import { isBoolWord, parseBool } from '../../semantics/values';

/** nconf parseValues for booleans: the words it turns into booleans (others stay strings or numbers). */
const nconfBool = (s: string): boolean | undefined => (isBoolWord(s, 'nconf') ? parseBool(s, 'nconf') : undefined);

function opt(e: KvEntry | undefined): Opt<boolean> {
  if (!e) return absent;
  if (!isKnown(e)) return { state: 'unknown', key: e.key };
  return { state: 'known', value: parseBool(e.value, 'nconf') === true, key: e.key };
}

export function buildGhost(group: KvGroup, inst: Instance, versionOf?: VersionLookup): SmtpConfig | undefined {
  const k = (s: string) => inst.keys.get(s);
  const transport = valueOf(k('TRANSPORT'))?.trim().toLowerCase();
  if (transport && transport !== 'smtp') return undefined;
  const host = k('OPTIONS__HOST');
  const port = k('OPTIONS__PORT');
  const service = k('OPTIONS__SERVICE');
  if (!host && !port && !service) return undefined;
  const extras: Record<string, Field> = {};
  addExtras(extras, inst, ['TRANSPORT']);
  const fields: Partial<SmtpConfig> = { extras, credentials: credentials(k('OPTIONS__AUTH__USER'), k('OPTIONS__AUTH__PASS')) };
  if (host) fields.host = strField(host);
  if (port) fields.port = portField(port);
  if (service) fields.service = strField(service);
  const secure = k('OPTIONS__SECURE');
  const req = k('OPTIONS__REQUIRETLS');
  const ign = k('OPTIONS__IGNORETLS');
  const opp = k('OPTIONS__OPPORTUNISTICTLS');
  if (secure) fields.implicitTls = boolField(secure, nconfBool);
  if (req) fields.requireTls = boolField(req, nconfBool);
  if (ign) fields.ignoreTls = boolField(ign, nconfBool);
  if (opp) fields.opportunisticTls = boolField(opp, nconfBool);
  const ru = k('OPTIONS__TLS__REJECTUNAUTHORIZED');
  if (ru) fields.verifyCert = boolField(ru, nconfBool);
  const mv = k('OPTIONS__TLS__MINVERSION');
  if (mv) fields.minTlsVersion = strField(mv);
  const ci = k('OPTIONS__TLS__CIPHERS');
  if (ci) fields.ciphers = strField(ci);
  const pv = port ? valueOf(port) : undefined;
  const effective = nodemailerEffective({
    host: host ? (isKnown(host) ? { state: 'known', value: host.value, key: host.key } : { state: 'unknown', key: host.key }) : absent,
    port: port ? (pv === undefined ? { state: 'unknown', key: port.key } : { state: 'known', value: Number(pv) || 0, key: port.key }) : absent,
    secure: opt(secure),
    requireTLS: opt(req),
    ignoreTLS: opt(ign),
    service: service ? (isKnown(service) ? { state: 'known', value: service.value, key: service.key } : { state: 'unknown', key: service.key }) : absent,
    version: versionOf?.('nodemailer'),
  });
  return makeConfig(group, inst, 'ghost', effective, fields);
}
