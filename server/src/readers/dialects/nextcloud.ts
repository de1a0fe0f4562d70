// The `nextcloud` Docker image's SMTP_* env (rules-research §4.10), picked only when the compose/k8s image is
// nextcloud: SMTP_SECURE is `ssl` | `tls` | empty there, not a boolean. Nextcloud ≥ 26 sends with Symfony
// Mailer: `ssl` → smtps (implicit TLS); anything else → smtp, where Symfony turns TLS on for port 465 and
// otherwise uses STARTTLS when advertised. Reported with dialect 'symfony' (the library that decides).
//
// Key            → SmtpConfig field
//   SMTP_HOST    → host
//   SMTP_PORT    → port (default 465 with ssl, else 25)
//   SMTP_SECURE  → implicitTls (string as written: ssl | tls | '')
//   SMTP_NAME    → credentials.user
//   SMTP_PASSWORD → credentials.password
//   SMTP_AUTHTYPE → extras
import type { Field, SmtpConfig } from '../../model/types';
import type { KvGroup } from '../types';
import { addExtras, credentials, Instance, makeConfig, portField, strField, valueOf } from './common';
import { symfonyEffective } from '../../semantics/symfony';

export function buildNextcloud(group: KvGroup, inst: Instance): SmtpConfig | undefined {
  const k = (s: string) => inst.keys.get(s);
  const host = k('HOST');
  const port = k('PORT');
  if (!host && !port) return undefined;
  const secure = k('SECURE');
  const extras: Record<string, Field> = {};
  addExtras(extras, inst, ['AUTHTYPE']);
  const fields: Partial<SmtpConfig> = { extras, credentials: credentials(k('NAME') ?? k('USER'), k('PASSWORD')) };
  if (host) fields.host = strField(host);
  if (port) fields.port = portField(port);
  if (secure) fields.implicitTls = strField(secure);
  const sec = secure ? valueOf(secure)?.trim().toLowerCase() : '';
  const hostV = host ? valueOf(host) : undefined;
  const pv = port ? valueOf(port) : undefined;
  if (sec === undefined || (port && (pv === undefined || !/^\s*\d+\s*$/.test(pv)))) {
    return makeConfig(group, inst, 'symfony', { host: hostV, tlsMode: 'unknown', because: 'SMTP_SECURE or SMTP_PORT is not known' }, fields);
  }
  const portN = pv !== undefined ? Number(pv) : sec === 'ssl' ? 465 : 25;
  const eff = symfonyEffective({ scheme: sec === 'ssl' ? 'smtps' : 'smtp', schemeKey: secure ? `${secure.key}=${sec || '(empty)'}` : 'SMTP_SECURE unset', host: hostV, port: portN, portKey: port?.key, options: {} });
  eff.because = `Nextcloud image: ${eff.because}`;
  const cfg = makeConfig(group, inst, 'symfony', eff, fields);
  cfg.label = `${group.label} (Nextcloud)`;
  return cfg;
}
