// Rule 10: STARTTLS is opportunistic (strippable) while credentials are sent.
import type { Dialect } from '../model/types';
import type { Rule } from './types';
import { IMPLICIT_PORTS, boolOf, fixes, hasCredentials, intentFix, isDevTarget, libName, portField, portOf, show, spanOf, tlsSurelyOffered, hostField } from './util';

function requireHint(d: Dialect): string {
  switch (d) {
    case 'nodemailer':
    case 'ghost':
    case 'meteor':
      return 'requireTLS: true';
    case 'generic':
      return 'requireTLS (e.g. SMTP_REQUIRE_TLS=true, if the app maps it)';
    case 'spring':
      return 'mail.smtp.starttls.required: true';
    case 'javamail':
      return 'props.put("mail.smtp.starttls.required", "true")';
    case 'go-mail':
      return 'mail.WithTLSPolicy(mail.TLSMandatory)';
    case 'gomail':
      return 'github.com/go-mail/mail StartTLSPolicy = mail.MandatoryStartTLS (gomail.v2 has no such switch)';
    case 'laravel':
    case 'symfony':
      return 'require_tls=true in the DSN (Symfony Mailer ≥ 7.3)';
    case 'mastodon':
      return 'SMTP_ENABLE_STARTTLS=always';
    case 'grafana':
      return 'startTLS_policy = MandatoryStartTLS';
    default:
      return 'the setting that makes STARTTLS mandatory';
  }
}

export const rule: Rule = {
  meta: {
    id: 'starttls-not-enforced',
    defaultSeverity: 'info',
    short: 'STARTTLS is only used when offered, and credentials are sent',
    long:
      'By default most clients (nodemailer without requireTLS, JavaMail starttls.enable, Symfony Mailer, the Ruby mail ' +
      'gem, Grafana) use STARTTLS only when the server advertises it. An attacker on the path can delete the STARTTLS ' +
      'line from the EHLO answer, and the client then logs in in clear text. RFC 3207 §6 asks clients to be able to ' +
      'require TLS, and RFC 8314 §5 asks mail clients to let users insist on it. Make STARTTLS mandatory, or use ' +
      'implicit TLS on 465. Off by default: it flags the configuration most providers and the nodemailer documentation ' +
      'recommend (587 + STARTTLS when offered); turn it on for strict setups.',
    sources: ['RFC 3207 §6', 'RFC 8314 §5', 'nodemailer lib/smtp-connection (requireTLS)', 'NO STARTTLS, USENIX Security 2021', 'symfony/mailer require_tls (7.3)'],
    cwe: 'CWE-319',
    enabledByDefault: false,
    fixSafety: 'Safe when the server certainly offers STARTTLS (a known provider or port 587/2525); otherwise unsafe, because a server without STARTTLS then refuses the session.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.effective?.tlsMode !== 'starttls-opportunistic' || !hasCredentials(cfg)) return;
    const port = portOf(cfg);
    if (port === 25) return; // port-25-with-credentials
    if (port !== undefined && IMPLICIT_PORTS.has(port)) return; // implicit-tls-port-without-tls
    if (boolOf(cfg.opportunisticTls, cfg.dialect) === true) return; // opportunistic-tls-fallback
    if (isDevTarget(cfg)) return;
    const at = cfg.starttls ?? cfg.implicitTls ?? portField(cfg) ?? hostField(cfg) ?? cfg.url;
    if (!at) return;
    const lib = libName(cfg.dialect);
    const setting = at === cfg.starttls || at === cfg.implicitTls ? `With ${show(at)}, ${lib}` : lib[0].toUpperCase() + lib.slice(1);
    ctx.report({
      message: `${setting} uses STARTTLS only if the server offers it: an attacker who strips the offer gets the password in clear text (RFC 3207 §6). Require it with ${requireHint(cfg.dialect)}.`,
      span: spanOf(at),
      fixes: fixes(intentFix(cfg, { kind: 'require-tls' }, 'require STARTTLS', tlsSurelyOffered(cfg))),
      configId: cfg.id,
    });
  },
};
export default rule;
