// Rule 13: a known provider host on an implicit-TLS port it does not offer (Microsoft 365, Postmark on 465).
import type { Rule } from './types';
import { IMPLICIT_PORTS, fixes, flipFlag, hostField, hostOf, intentFix, isCrossFile, portField, portOf, providerOf, relatedOf, setPort, spanOf } from './util';

export const rule: Rule = {
  meta: {
    id: 'provider-port-unsupported',
    defaultSeverity: 'error',
    short: 'Known mail provider on a port it does not offer (e.g. Microsoft 365 or Postmark on 465)',
    long:
      'Some providers offer STARTTLS submission only. Microsoft 365 (smtp.office365.com) documents 587 (and 25) with ' +
      'STARTTLS and no implicit-TLS port: a client on 465 times out. Postmark offers 25, 587 and 2525, not 465. ' +
      'Outlook.com and iCloud document 587 only (reported as a warning, lower confidence). Port 465 itself is not ' +
      'deprecated (RFC 8314); these providers just do not listen on it.',
    sources: ['Microsoft Learn: set up a device or application to send email using Microsoft 365', 'Postmark: SMTP ports', 'Apple: iCloud Mail server settings', 'dani-garcia/vaultwarden#1008', 'umputun/remark42 discussion #1359'],
    fixSafety: 'Safe for high-confidence providers (Microsoft 365, Postmark): the configuration cannot connect as written and the fix moves to 587 with STARTTLS, which they document. Unsafe (review) for Outlook.com and iCloud.',
  },
  checkConfig(cfg, ctx) {
    const port = portOf(cfg);
    if (port === undefined || !IMPLICIT_PORTS.has(port)) return;
    const pf = portField(cfg)!;
    if (isCrossFile(pf, cfg)) return;
    const host = hostOf(cfg);
    const p = providerOf(host);
    if (!p || p.implicit.includes(port)) return;
    const hf = hostField(cfg);
    const sure = p.confidence === 'high';
    const message = `${p.name} (${host}) does not offer implicit TLS on port ${port}${sure ? '' : ' (only STARTTLS on 587 is documented)'}: the connection times out. Use ${p.starttls.includes(587) ? '587' : p.starttls[0]} with STARTTLS.`;
    const to = p.starttls.includes(587) ? 587 : p.starttls[0];
    const preferred = intentFix(cfg, { kind: 'port', port: to }, `${p.name} submission port`, sure, () => {
      const a = setPort(cfg, to);
      if (!a) return null;
      const b = flipFlag(cfg, cfg.implicitTls, false) ?? [];
      return [...a, ...b];
    });
    ctx.report({
      message,
      severity: sure ? 'error' : 'warning',
      span: spanOf(hf && hf.site.file === cfg.file ? hf : pf),
      related: relatedOf(pf, `port ${port} is set here`),
      fixes: fixes(preferred),
      configId: cfg.id,
    });
  },
};
export default rule;
