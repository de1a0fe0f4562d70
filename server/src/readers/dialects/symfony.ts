// Symfony Mailer MAILER_DSN (rules-research §4.4; symfony/mailer EsmtpTransportFactory + EsmtpTransport).
//
// Key          → SmtpConfig field
//   MAILER_DSN → url (scheme/host/port/params as url-part sites); host / port mirror the URL parts;
//                ?verify_peer → verifyCert (value boolean: false = verification off);
//                ?require_tls → requireTls (value as written); ?auto_tls → ignoreTls (value boolean: true when
//                auto_tls is false, i.e. STARTTLS is never sent); other params stay in url.params;
//                userinfo → credentials (user text; password presence only).
// effective: smtps → implicit; smtp + port 465 → implicit; smtp without port to a non-local host → implicit
// on 465 (symfony#45077); otherwise STARTTLS when advertised, unless auto_tls=false (none) or
// require_tls=true (required). Provider bridges (gmail+smtp, ses+smtp ...) → 'unknown' (the bridge picks
// host/port/TLS). null://, sendmail://, native://, API transports → no config.
import type { Field, SmtpConfig } from '../../model/types';
import type { KvGroup, VersionLookup } from '../types';
import { Instance, makeConfig, urlField, urlPartsKnown } from './common';
import { dsnOff, SYMFONY_MAILER, symfonyEffective } from '../../semantics/symfony';
import { nodemailerUrlFields } from './url-fields';

export function buildSymfony(group: KvGroup, inst: Instance, versionOf?: VersionLookup): SmtpConfig | undefined {
  const dsn = inst.keys.get('DSN');
  if (!dsn) return undefined;
  const u = urlField(dsn);
  if (!u || !u.scheme) return undefined;
  const scheme = (u.scheme.value ?? '').toLowerCase();
  if (!/^(smtps?|[a-z0-9-]+\+smtps?)$/.test(scheme)) return undefined;
  const fields: Partial<SmtpConfig> = { url: u, extras: {}, credentials: { passwordIsLiteral: false } };
  let eff;
  if (!urlPartsKnown(u)) eff = { tlsMode: 'unknown' as const, because: `${dsn.key} is not known` };
  else if (scheme.includes('+')) eff = { host: u.host?.value, port: u.port?.value, tlsMode: 'unknown' as const, because: `the ${scheme} provider bridge picks its own host, port and TLS mode` };
  else {
    const options: Record<string, string | undefined> = {};
    for (const [k, p] of Object.entries(u.params)) options[k] = p.value;
    eff = symfonyEffective({ scheme, schemeKey: dsn.key, host: u.host?.value, port: u.port?.value, portKey: dsn.key, options, version: versionOf?.(SYMFONY_MAILER) });
  }
  const cfg = makeConfig(group, inst, 'symfony', eff, fields);
  // mirror host/port/user/password; Symfony's params have their own names
  nodemailerUrlFields(cfg);
  delete cfg.implicitTls;
  cfg.implicitTls = u.scheme as Field;
  delete cfg.verifyCert;
  const vp = u.params.verify_peer;
  if (vp) cfg.verifyCert = { ...vp, value: !dsnOff(vp.value) };
  const rt = u.params.require_tls;
  cfg.requireTls = rt;
  if (!rt) delete cfg.requireTls;
  const at = u.params.auto_tls;
  if (at) cfg.ignoreTls = { ...at, value: dsnOff(at.value) };
  else delete cfg.ignoreTls;
  delete cfg.minTlsVersion;
  delete cfg.ciphers;
  delete cfg.opportunisticTls;
  return cfg;
}
