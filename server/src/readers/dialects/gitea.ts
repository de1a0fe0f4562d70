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
// effective: PROTOCOL empty → from the port (465 smtps, 587 smtp+starttls, 25 smtp, other smtps); smtps →
// implicit; smtp+starttls → STARTTLS when offered (Gitea logs and continues in plaintext otherwise:
// opportunistic); smtp → none. sendmail, dummy, smtp+unix → no config.
import type { Field, Site, SmtpConfig } from '../../model/types';
import type { KvGroup } from '../types';
import { addExtras, credentials, envBool, Instance, makeConfig, portField, strField, valueOf, valueTextStart } from './common';
import { verifyField } from './generic';

function part(file: string, start: number, text: string): Site {
  return { file, style: 'url-part', value: { start, end: start + text.length }, quote: '', entry: { start, end: start + text.length }, indent: '' };
}

export function buildGitea(group: KvGroup, inst: Instance): SmtpConfig | undefined {
  const k = (s: string) => inst.keys.get(s);
  if (envBool(valueOf(k('ENABLED'))) === false) return undefined;
  const mailerType = valueOf(k('MAILER_TYPE'))?.trim().toLowerCase();
  const protocol = k('PROTOCOL');
  const protoV = valueOf(protocol)?.trim().toLowerCase();
  if (protoV && /^(sendmail|dummy|smtp\+unix)$/.test(protoV)) return undefined;
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
  if (trust) fields.verifyCert = verifyField(trust, (v) => envBool(v));
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
      const start = valueTextStart(legacy);
      const lead = v!.length - v!.trimStart().length;
      if (!addr) {
        hostV = m[1].replace(/^\[|\]$/g, '');
        fields.host = { key: legacy.key, value: hostV, text: m[1], kind: legacy.kind, site: start !== undefined ? part(legacy.site.file, start + lead, m[1]) : legacy.site };
      }
      if (!port && m[2]) {
        portN = Number(m[2]);
        fields.port = { key: legacy.key, value: portN, text: m[2], kind: legacy.kind, site: start !== undefined ? part(legacy.site.file, start + lead + m[1].length + 1, m[2]) : legacy.site };
      }
    }
  }
  let proto = protoV;
  let why = '';
  if (protocol && protoV === undefined) return makeConfig(group, inst, 'gitea', { host: hostV, port: portN, tlsMode: 'unknown', because: `${protocol.key} comes from the environment` }, fields);
  if (!proto) {
    const tlsE = k('IS_TLS_ENABLED');
    if (tlsE && envBool(valueOf(tlsE)) === true) {
      proto = 'smtps';
      why = `${tlsE.key}=true (deprecated) means smtps`;
    } else if (portN === undefined) {
      proto = 'smtps';
      why = 'PROTOCOL and SMTP_PORT unset: Gitea infers smtps on 465';
    } else {
      proto = portN === 465 ? 'smtps' : portN === 587 ? 'smtp+starttls' : portN === 25 ? 'smtp' : 'smtps';
      why = `PROTOCOL unset: Gitea infers ${proto} from port ${portN}`;
    }
  }
  if (portN === undefined) portN = proto === 'smtps' ? 465 : proto === 'smtp' ? 25 : 587;
  const because = (s: string) => (why ? `${why}; ${s}` : s);
  if (proto === 'smtps') return makeConfig(group, inst, 'gitea', { host: hostV, port: portN, tlsMode: 'implicit', because: because('smtps: implicit TLS') }, fields);
  if (proto === 'smtp+starttls' || proto === 'smtp+startls') return makeConfig(group, inst, 'gitea', { host: hostV, port: portN, tlsMode: 'starttls-opportunistic', because: because('smtp+starttls: STARTTLS when offered, otherwise Gitea logs a warning and continues in plaintext') }, fields);
  if (proto === 'smtp') return makeConfig(group, inst, 'gitea', { host: hostV, port: portN, tlsMode: 'none', because: because('smtp: Gitea never starts TLS') }, fields);
  return makeConfig(group, inst, 'gitea', { host: hostV, port: portN, tlsMode: 'unknown', because: `unknown PROTOCOL "${proto}"` }, fields);
}
