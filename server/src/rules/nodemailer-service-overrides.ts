// Rule 18: nodemailer `service` together with explicit host/port/secure: the preset silently wins.
import type { Field } from '../model/types';
import type { Rule } from './types';
import { NODEMAILER_FAMILY, boolOf, editable, fixes, plainFix, presetOf, relatedOf, removeEdit, show, spanOf, strOf } from './util';

export const rule: Rule = {
  meta: {
    id: 'nodemailer-service-overrides',
    defaultSeverity: 'info',
    short: 'nodemailer service preset overrides the host/port/secure written next to it',
    long:
      'nodemailer merges transport options as assign({}, options, urlData, wellKnown(service)): a recognised service ' +
      'preset is applied last, so its host, port, secure (and requireTLS) replace the values written next to it. ' +
      'service: "gmail" with port: 587 still connects to 465 with implicit TLS. The explicit values are dead code ' +
      'that misleads readers; remove them, or remove service to use them.',
    sources: ['nodemailer lib/smtp-transport/index.js (options, urlData, wellKnown merge order)', 'nodemailer.com/smtp/well-known-services'],
    fixSafety: 'Safe: removing a value the preset overrides changes nothing at runtime. The alternative (remove service instead) is unsafe.',
  },
  checkConfig(cfg, ctx) {
    if (!NODEMAILER_FAMILY.has(cfg.dialect)) return;
    const svc = cfg.service;
    if (!svc) return;
    const name = typeof svc.value === 'string' ? svc.value : svc.kind === 'literal' ? svc.text : undefined;
    const preset = presetOf(cfg);
    if (!preset) return;
    const pairs: [Field | undefined, 'host' | 'port' | 'secure' | 'requireTLS' | 'ignoreTLS'][] = [
      [cfg.host, 'host'],
      [cfg.port, 'port'],
      [cfg.implicitTls, 'secure'],
      [cfg.requireTls, 'requireTLS'],
      [cfg.ignoreTls, 'ignoreTLS'],
    ];
    for (const [f, k] of pairs) {
      if (!f || f.site.file !== cfg.file || f.site.style === 'url-part') continue;
      const pv = preset[k];
      if (pv === undefined) continue;
      const same = typeof pv === 'boolean' ? boolOf(f, cfg.dialect) === pv : strOf(f) === String(pv).toLowerCase();
      if (same) continue;
      ctx.report({
        message: `${show(f)} is ignored: service "${name}" (nodemailer preset ${preset.name}) sets ${k} to ${String(pv)}, and the preset wins.`,
        span: spanOf(f),
        related: relatedOf(svc, `service "${name}" is set here`),
        fixes: fixes(
          plainFix('the preset overrides it', true, editable(cfg, f) ? [removeEdit(f)] : null),
          plainFix(`use the written ${k} instead of the preset`, false, editable(cfg, svc) ? [removeEdit(svc)] : null),
        ),
        configId: cfg.id,
      });
    }
  },
};
export default rule;
