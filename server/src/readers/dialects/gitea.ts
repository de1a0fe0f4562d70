// Gitea / Forgejo `[mailer]` via env GITEA__mailer__KEY / FORGEJO__mailer__KEY (rules-research §4.9,
// Gitea ≥ 1.18 modules/setting/mailer.go + services/mailer/sender).
//
// Key (after the prefix)         → SmtpConfig field
//   PROTOCOL                     → implicitTls (string as written: smtp | smtps | smtp+starttls | ...)
//   SMTP_ADDR                    → host
//   SMTP_PORT                    → port (value: number)
//   USER / PASSWD                → credentials
//   FORCE_TRUST_SERVER_CERT      → verifyCert (value boolean: false when true)
//   HOST (deprecated host:port)  → extras['…HOST']; also host/port (url-part sites) when SMTP_ADDR is absent
//   IS_TLS_ENABLED, SKIP_VERIFY, MAILER_TYPE, DISABLE_HELO (deprecated) → extras (SKIP_VERIFY also verifyCert
//                                  when FORCE_TRUST_SERVER_CERT is absent)
//   ENABLED                      → extras (false → no config)
// effective (modules/setting/mailer.go + services/mailer/sender/smtp.go): PROTOCOL empty or invalid → deprecated
// IS_TLS_ENABLED (true smtps, false smtp+starttls), else from the port (465 smtps, 587 smtp+starttls, 25 smtp,
// other smtps; no port → 'unknown'); smtps → implicit (go-mail WithSSL); smtp+starttls → TLSOpportunistic
// (Gitea logs and continues in plaintext when STARTTLS is missing); smtp → NoTLS (none). sendmail, dummy,
// smtp+unix (or an SMTP_ADDR path) → no config. What the values mean is decided in semantics/gitea.ts.
import type { Field, SmtpConfig } from '../../model/types';
import type { KvGroup } from '../types';
import { addExtras, credentials, hostPortFields, Instance, makeConfig, portField, strField, valueOf } from './common';
import { parseBool } from '../../semantics/values';
import { GITEA_BOOL, giteaDefaultPort, giteaEffective, giteaIsSocketAddr, giteaMailerEnabled, giteaNonSmtpProtocol, giteaProtocol, giteaProtocolFromIsTls, giteaProtocolFromPort, type GiteaProtocol } from '../../semantics/gitea';
import { verifyField } from './generic';

export function buildGitea(group: KvGroup, inst: Instance): SmtpConfig | undefined {
  const k = (s: string) => inst.keys.get(s);
  if (!giteaMailerEnabled(valueOf(k('ENABLED')))) return undefined;
  const mailerType = valueOf(k('MAILER_TYPE'))?.trim().toLowerCase();
  const protocol = k('PROTOCOL');
  const protoV = valueOf(protocol)?.trim().toLowerCase();
  if (giteaNonSmtpProtocol(protoV)) return undefined;
  if (!protocol && mailerType && mailerType !== 'smtp') return undefined;
  const addr = k('SMTP_ADDR');
  const port = k('SMTP_PORT');
  const legacy = k('HOST');
  if (!addr && !port && !legacy) return undefined;
  const extras: Record<string, Field> = {};
  addExtras(extras, inst, ['ENABLED', 'HOST', 'IS_TLS_ENABLED', 'SKIP_VERIFY', 'MAILER_TYPE', 'DISABLE_HELO']);
  const fields: Partial<SmtpConfig> = { extras, credentials: credentials(k('USER'), k('PASSWD')) };
  if (protocol) fields.implicitTls = strField(protocol);
  const trust = k('FORCE_TRUST_SERVER_CERT') ?? k('SKIP_VERIFY');
  if (trust) fields.verifyCert = verifyField(trust, (v) => parseBool(v, GITEA_BOOL));
  let hostV: string | undefined;
  let portN: number | undefined;
  if (addr) {
    fields.host = strField(addr);
    hostV = valueOf(addr);
  }
  if (port) {
    fields.port = portField(port);
    const pv = valueOf(port);
    if (pv === undefined || (pv.trim() && !/^\s*\d+\s*$/.test(pv))) return makeConfig(group, inst, 'gitea', { host: hostV, tlsMode: 'unknown', because: `the port (${port.key}) is not known` }, fields);
    portN = pv.trim() ? Number(pv) : undefined;
  }
  if (legacy && (!addr || !port)) {
    const v = valueOf(legacy);
    const m = v !== undefined ? /^\s*(\[[^\]]*\]|[^:\s]*)(?::(\d+))?\s*$/.exec(v) : null;
    if (m) {
      const hp = hostPortFields(legacy, v!, m[1], m[2]);
      if (!addr) {
        hostV = hp.host.value;
        fields.host = hp.host;
      }
      if (!port && hp.port) {
        portN = hp.port.value;
        fields.port = hp.port;
      }
    }
  }
  let proto: GiteaProtocol | undefined = giteaProtocol(protoV);
  let why = '';
  if (protocol && protoV === undefined) return makeConfig(group, inst, 'gitea', { host: hostV, port: portN, tlsMode: 'unknown', because: `${protocol.key} comes from the environment` }, fields);
  if (!proto && !protocol) {
    // deprecated IS_TLS_ENABLED applies only when PROTOCOL is absent
    const tlsE = k('IS_TLS_ENABLED');
    if (tlsE && valueOf(tlsE) !== undefined) {
      proto = giteaProtocolFromIsTls(valueOf(tlsE)!);
      why = `${tlsE.key}=${valueOf(tlsE)} (deprecated) means ${proto}`;
    }
  }
  if (!proto) {
    if (giteaIsSocketAddr(hostV)) return undefined; // a unix socket path: smtp+unix
    if (portN === undefined) {
      return makeConfig(group, inst, 'gitea', { host: hostV, tlsMode: 'unknown', because: 'PROTOCOL and SMTP_PORT are both unset: Gitea assumes smtps but has no port ("SMTP port is not configured")' }, fields);
    }
    proto = giteaProtocolFromPort(portN);
    why = `PROTOCOL ${protocol ? `"${protoV}" is not valid and is reset` : 'unset'}: Gitea infers ${proto} from port ${portN}`;
  }
  if (portN === undefined) portN = giteaDefaultPort(proto);
  return makeConfig(group, inst, 'gitea', giteaEffective(proto, hostV, portN, why), fields);
}
