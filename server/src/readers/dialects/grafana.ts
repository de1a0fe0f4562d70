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
// GF_SMTP_ENABLED=false → no config. What the values mean is decided in semantics/grafana.ts.
import type { Field, SmtpConfig } from '../../model/types';
import type { KvGroup } from '../types';
import { addExtras, credentials, hostPortFields, Instance, isKnown, makeConfig, strField, valueOf } from './common';
import { parseBool } from '../../semantics/values';
import { GRAFANA_BOOL, grafanaEffective, grafanaEnabled, grafanaStartTlsPolicy, splitGrafanaHost } from '../../semantics/grafana';
import { verifyField } from './generic';

export function buildGrafana(group: KvGroup, inst: Instance): SmtpConfig | undefined {
  const k = (s: string) => inst.keys.get(s);
  const enabled = grafanaEnabled(valueOf(k('ENABLED')));
  if (enabled === false) return undefined;
  const hostE = k('HOST');
  if (!hostE && enabled !== true) return undefined;
  const extras: Record<string, Field> = {};
  addExtras(extras, inst, ['ENABLED', 'HOST', 'CERT_FILE', 'KEY_FILE', 'EHLO_IDENTITY']);
  const fields: Partial<SmtpConfig> = { extras, credentials: credentials(k('USER'), k('PASSWORD')) };
  const skip = k('SKIP_VERIFY');
  if (skip) fields.verifyCert = verifyField(skip, (v) => parseBool(v, GRAFANA_BOOL));
  const policy = k('STARTTLS_POLICY');
  const pol = grafanaStartTlsPolicy(valueOf(policy));
  if (policy) {
    if (pol === 'mandatory') fields.requireTls = { ...strField(policy), value: true };
    else if (pol === 'never') fields.ignoreTls = { ...strField(policy), value: true };
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
    const m = splitGrafanaHost(v);
    if (!m) {
      fields.host = strField(hostE);
      return makeConfig(group, inst, 'grafana', { tlsMode: 'unknown', because: `${hostE.key} is not host:port` }, fields);
    }
    const hp = hostPortFields(hostE, v, m.host, m.port);
    hostV = hp.host.value;
    fields.host = hp.host;
    if (!hp.port) return makeConfig(group, inst, 'grafana', { host: hostV, tlsMode: 'unknown', because: `${hostE.key} has no :port — Grafana fails with "missing port in address"` }, fields);
    portN = hp.port.value;
    fields.port = hp.port;
  }
  if (policy && !isKnown(policy)) return makeConfig(group, inst, 'grafana', { host: hostV, port: portN, tlsMode: 'unknown', because: `${policy.key} comes from the environment` }, fields);
  return makeConfig(group, inst, 'grafana', grafanaEffective(hostV, portN!, pol, policy?.key), fields);
}
