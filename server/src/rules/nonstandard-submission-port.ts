// Rule 16: the provider alternates 2525/2587 (STARTTLS) or 2465 (implicit TLS) with a host not known to offer them.
import type { Rule } from './types';
import { fixes, hostOf, intentFix, isCrossFile, isLocalHost, portField, portOf, providerOf, setPort, spanOf } from './util';

const ALT: Record<number, { like: number; mode: string }> = {
  2525: { like: 587, mode: 'STARTTLS' },
  2587: { like: 587, mode: 'STARTTLS' },
  2465: { like: 465, mode: 'implicit TLS' },
};

export const rule: Rule = {
  meta: {
    id: 'nonstandard-submission-port',
    defaultSeverity: 'info',
    enabledByDefault: false,
    short: 'Provider alternate port (2525, 2587, 2465) with a host not known to offer it',
    long:
      'Ports 2525, 2587 and 2465 are not IANA mail ports: some providers open them as alternatives when 25/587/465 ' +
      'are blocked (SendGrid, Mailgun, Brevo, Postmark and SMTP2GO offer 2525; Amazon SES and Resend offer 2587 and ' +
      '2465). They behave like 587 (STARTTLS) and 465 (implicit TLS). A provider that does not listen on them (Gmail, ' +
      'Microsoft 365) makes the connection time out. Off by default: unknown hosts may well offer them.',
    sources: ['SendGrid, Mailgun, Brevo, Postmark SMTP port documentation', 'AWS SES: connecting to the SMTP endpoint (2587, 2465)', 'Resend SMTP docs'],
    fixSafety: 'Unsafe: the fix moves to the standard port with the same mode (587 or 465), which the provider documents but your network may block.',
  },
  checkConfig(cfg, ctx) {
    const port = portOf(cfg);
    if (port === undefined || !ALT[port]) return;
    const pf = portField(cfg)!;
    if (isCrossFile(pf, cfg)) return;
    const host = hostOf(cfg);
    if (isLocalHost(host)) return;
    const p = providerOf(host);
    const alt = ALT[port];
    if (p && (p.starttls.includes(port) || p.implicit.includes(port))) return;
    const message = p
      ? `${p.name} (${host}) does not offer port ${port}: the connection times out. Use ${alt.like} (${alt.mode}).`
      : `Port ${port} is a provider alternative to ${alt.like} (${alt.mode}), not a standard mail port: make sure ${host ?? 'the server'} listens on it.`;
    ctx.report({
      message,
      severity: p ? 'warning' : undefined,
      span: spanOf(pf),
      fixes: fixes(intentFix(cfg, { kind: 'port', port: alt.like }, `the standard ${alt.mode} port`, false, () => setPort(cfg, alt.like))),
      configId: cfg.id,
    });
  },
};
export default rule;
