// Grafana SMTP settings (`[smtp]` of grafana.ini / custom.ini, GF_SMTP_* env): what the values mean to Grafana
// (pkg/services/notifications, gomail dialer; rules-research §4.12, rules-research-polyglot §9). The readers
// (readers/dialects/grafana.ts for both forms, readers/ini for the file) find the keys; this module decides.
import type { EffectiveConnection } from '../model/types';
import { parseBool, type BoolReader } from './values';

/** Grafana's config booleans go through go-ini Key.MustBool (strconv.ParseBool plus yes/no/on/off). */
export const GRAFANA_BOOL: BoolReader = 'go';

/** enabled: true / false / undefined (unset or not a boolean). */
export function grafanaEnabled(value: string | undefined): boolean | undefined {
  return parseBool(value, GRAFANA_BOOL);
}

export type StartTlsPolicy = 'mandatory' | 'never' | 'opportunistic';

/** startTLS_policy: MandatoryStartTLS / NoStartTLS; anything else (OpportunisticStartTLS, the default) is
 *  opportunistic. Compared case-insensitively. */
export function grafanaStartTlsPolicy(value: string | undefined): StartTlsPolicy {
  const v = value?.trim().toLowerCase();
  return v === 'mandatorystarttls' ? 'mandatory' : v === 'nostarttls' ? 'never' : 'opportunistic';
}

/** host is `host:port` (net.SplitHostPort): the parts as written, or undefined when it is not that shape. A missing
 *  port gives port undefined (Grafana fails with "missing port in address"). */
export function splitGrafanaHost(value: string): { host: string; port?: string } | undefined {
  const m = /^\s*(\[[^\]]*\]|[^:\s]*)(?::(\d*))?\s*$/.exec(value);
  return m ? { host: m[1], port: m[2] } : undefined;
}

/** Grafana variable expansion in a value (≥ 7.1): `$__env{NAME}` / `${NAME}` is an environment read; `$__file{…}`,
 *  `$__vault{…}` and mixed text are expressions (not literals). */
export function grafanaExpansion(value: string): { env: string } | 'expression' | undefined {
  if (!value.includes('$')) return undefined;
  const m = /^\$__env\{([^}]*)\}$|^\$\{(\w+)\}$/.exec(value.trim());
  if (m) return { env: (m[1] ?? m[2]).trim() };
  return /\$__\w+\{|\$\{\w+\}/.test(value) ? 'expression' : undefined;
}

/** The dialer: port 465 → implicit TLS whatever the policy; otherwise the STARTTLS policy. */
export function grafanaEffective(host: string | undefined, port: number, policy: StartTlsPolicy, policyKey = 'startTLS_policy'): EffectiveConnection {
  if (port === 465) return { host, port, tlsMode: 'implicit', because: "port 465: Grafana's dialer uses implicit TLS" };
  if (policy === 'never') return { host, port, tlsMode: 'none', because: `${policyKey}=NoStartTLS: STARTTLS is never sent` };
  if (policy === 'mandatory') return { host, port, tlsMode: 'starttls-required', because: `${policyKey}=MandatoryStartTLS: STARTTLS is mandatory` };
  return { host, port, tlsMode: 'starttls-opportunistic', because: 'startTLS_policy OpportunisticStartTLS (the default): STARTTLS only when advertised' };
}
