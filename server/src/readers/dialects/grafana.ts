// Grafana `[smtp]` via env GF_SMTP_* (rules-research §4.12; Grafana pkg/services/notifications, gomail dialer).
//
// Key (after GF_SMTP_)  → SmtpConfig field
//   HOST                → host and port: the value is `host:port` (net.SplitHostPort); host/port fields are
//                         url-part sites inside the value (a fix can change just the port); the whole entry is
//                         extras['GF_SMTP_HOST'] (rule grafana-host-missing-port inserts `:587` after host)
//   USER / PASSWORD     → credentials
//   SKIP_VERIFY         → verifyCert (value boolean: false when skip_verify is true)
//   STARTTLS_POLICY     → requireTls (MandatoryStartTLS, value true) | ignoreTls (NoStartTLS, value true) |
//                         starttls (OpportunisticStartTLS or anything else, value as written)
//   ENABLED, CERT_FILE, KEY_FILE, EHLO_IDENTITY → extras
// effective: port 465 → implicit (the dialer switches to TLS on 465); no port → 'unknown' (Grafana fails
// with "missing port in address"); NoStartTLS → none; MandatoryStartTLS → required; else opportunistic.
// GF_SMTP_ENABLED=false → no config.
import type { Field, SmtpConfig } from '../../model/types';
import type { KvGroup } from '../types';
import { addExtras, credentials, hostPortFields, Instance, isKnown, makeConfig, strField, valueOf } from './common';
import { parseBool } from '../../semantics/values';
import { verifyField } from './generic';

export function buildGrafana(group: KvGroup, inst: Instance): SmtpConfig | undefined {
  const k = (s: string) => inst.keys.get(s);
  if (parseBool(valueOf(k('ENABLED')), 'go') === false) return undefined;
  const hostE = k('HOST');
  if (!hostE && parseBool(valueOf(k('ENABLED')), 'go') !== true) return undefined;
  const extras: Record<string, Field> = {};
  addExtras(extras, inst, ['ENABLED', 'HOST', 'CERT_FILE', 'KEY_FILE', 'EHLO_IDENTITY']);
  const fields: Partial<SmtpConfig> = { extras, credentials: credentials(k('USER'), k('PASSWORD')) };
  const skip = k('SKIP_VERIFY');
  if (skip) fields.verifyCert = verifyField(skip, (v) => parseBool(v, 'go'));
  const policy = k('STARTTLS_POLICY');
  const pol = valueOf(policy)?.trim().toLowerCase();
  if (policy) {
    if (pol === 'mandatorystarttls') fields.requireTls = { ...strField(policy), value: true };
    else if (pol === 'nostarttls') fields.ignoreTls = { ...strField(policy), value: true };
    else fields.starttls = strField(policy);
  }
  let hostV: string | undefined = 'localhost';
  let portN: number | undefined = 25;
  if (hostE) {
    const v = valueOf(hostE);
    if (v === undefined) {
      fields.host = strField(hostE);
      return makeConfig(group, inst, 'grafana', { tlsMode: 'unknown', because: `${hostE.key} comes from the environment` }, fields);
    }
    const m = /^\s*(\[[^\]]*\]|[^:\s]*)(?::(\d*))?\s*$/.exec(v);
    if (!m) {
      fields.host = strField(hostE);
      return makeConfig(group, inst, 'grafana', { tlsMode: 'unknown', because: `${hostE.key} is not host:port` }, fields);
    }
    const hp = hostPortFields(hostE, v, m[1], m[2]);
    hostV = hp.host.value;
    fields.host = hp.host;
    if (!hp.port) return makeConfig(group, inst, 'grafana', { host: hostV, tlsMode: 'unknown', because: `${hostE.key} has no :port — Grafana fails with "missing port in address"` }, fields);
    portN = hp.port.value;
    fields.port = hp.port;
  }
  if (policy && !isKnown(policy)) return makeConfig(group, inst, 'grafana', { host: hostV, port: portN, tlsMode: 'unknown', because: `${policy.key} comes from the environment` }, fields);
  if (portN === 465) return makeConfig(group, inst, 'grafana', { host: hostV, port: portN, tlsMode: 'implicit', because: 'port 465: Grafana\'s dialer uses implicit TLS' }, fields);
  if (pol === 'nostarttls') return makeConfig(group, inst, 'grafana', { host: hostV, port: portN, tlsMode: 'none', because: `${policy!.key}=NoStartTLS: STARTTLS is never sent` }, fields);
  if (pol === 'mandatorystarttls') return makeConfig(group, inst, 'grafana', { host: hostV, port: portN, tlsMode: 'starttls-required', because: `${policy!.key}=MandatoryStartTLS: STARTTLS is mandatory` }, fields);
  return makeConfig(group, inst, 'grafana', { host: hostV, port: portN, tlsMode: 'starttls-opportunistic', because: 'startTLS_policy OpportunisticStartTLS (the default): STARTTLS only when advertised' }, fields);
}
