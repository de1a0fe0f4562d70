// Rule 23: Grafana's [smtp] host without a port: "missing port in address".
import type { Rule } from './types';
import { editable, fieldByKey, fixes, plainFix, setEdit, spanOf } from './util';

export const rule: Rule = {
  meta: {
    id: 'grafana-host-missing-port',
    defaultSeverity: 'error',
    short: 'Grafana SMTP host without :port (Grafana fails with "missing port in address")',
    long:
      'Grafana splits [smtp] host (GF_SMTP_HOST) with Go\'s net.SplitHostPort, so the value must be host:port. ' +
      'Without a port every notification e-mail fails with "address smtp.example.com: missing port in address". ' +
      'The dialer switches to implicit TLS on 465 by itself; any other port uses STARTTLS per startTLS_policy.',
    sources: ['Grafana docs: configuration [smtp] host', 'grafana/grafana pkg/services/notifications/smtp.go (net.SplitHostPort)'],
    fixSafety: 'Unsafe: the fix appends :587 (STARTTLS submission), which the server must offer; use :465 for implicit TLS or :25 for a local relay instead.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.dialect !== 'grafana') return;
    const f = fieldByKey(cfg, 'GF_SMTP_HOST', 'host');
    if (!f || f.kind !== 'literal') return;
    const v = String(f.value ?? f.text).trim().replace(/^["']|["']$/g, '');
    if (!v || /:\d+$/.test(v) || /^\[.*\]:\d+$/.test(v) || /^\$/.test(v)) return;
    ctx.report({
      message: `${f.key}=${v} has no port: Grafana fails every e-mail with "missing port in address". Write host:port (587 for STARTTLS, 465 for implicit TLS).`,
      span: spanOf(f),
      fixes: fixes(plainFix('STARTTLS submission port', false, editable(cfg, f) ? [setEdit(f, `${v}:587`, 'string')] : null)),
      configId: cfg.id,
    });
  },
};
export default rule;
