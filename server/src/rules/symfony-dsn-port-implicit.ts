// Rule 21: smtp:// DSN without a port to a non-localhost host: Symfony Mailer uses implicit TLS on 465.
import type { Rule } from './types';
import { portlessMeansImplicit } from '../semantics/symfony';
import { editable, fixes, isLocalHost, plainFix, providerOf, setEdit, spanOf } from './util';

export const rule: Rule = {
  meta: {
    id: 'symfony-dsn-port-implicit',
    defaultSeverity: 'warning',
    short: 'smtp:// DSN without a port: Symfony Mailer silently uses implicit TLS on 465',
    long:
      'Symfony Mailer (and Laravel\'s MAIL_URL) turns TLS on by itself when an smtp:// DSN has no port and the host is ' +
      'not "localhost": it then connects to 465 with implicit TLS, not to 587 or 25. smtp://user:pass@smtp.office365.com ' +
      'therefore times out, because Microsoft 365 offers no implicit-TLS port. Write the port so the DSN says what it does.',
    sources: ['symfony/mailer Transport/Smtp/EsmtpTransport.php (port 0 → TLS on 465)', 'symfony/symfony#45077'],
    fixSafety: 'Safe: for providers without implicit TLS (Microsoft 365, Postmark) the DSN cannot work as written and the fix adds :587; otherwise the fix writes out what Symfony already does (smtps://host:465). The alternative for those hosts (add :587, switching to STARTTLS) is unsafe: the server must offer 587.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.dialect !== 'symfony' && cfg.dialect !== 'laravel') return;
    const u = cfg.url;
    if (!u || !u.scheme || !u.host || u.port) return;
    if (u.scheme.text.toLowerCase() !== 'smtp') return;
    const host = String(u.host.value ?? u.host.text).toLowerCase();
    if (!host || !portlessMeansImplicit(host) || /^\$|^%|default$/.test(host)) return;
    // The raw DSN text: a port written as ":" with nothing after it, or a port we could not parse, is not "no port".
    if (typeof u.value === 'string' && new RegExp(`@?${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'i').test(u.value)) return;
    if (isLocalHost(host)) {
      // 127.0.0.1, MailHog, Mailpit ...: Symfony still picks implicit TLS on 465, which local servers do not speak.
      const to = /^(127\.|::1|0\.0\.0\.0)/.test(host) ? 25 : 1025;
      ctx.report({
        message: `${u.key} has no port, so Symfony Mailer uses implicit TLS on port 465 even for the local host ${host} (only the exact name "localhost" gets plain SMTP on 25). Write the port, e.g. :${to}.`,
        span: spanOf(u.host),
        fixes: fixes(plainFix(to === 1025 ? 'the dev catcher\'s SMTP port' : 'the local relay port', false, editable(cfg, u.host) ? [setEdit(u.host, `${u.host.text}:${to}`)] : null)),
        configId: cfg.id,
      });
      return;
    }
    const p = providerOf(host);
    const startOnly = !!p && p.implicit.length === 0;
    const message = startOnly
      ? `${u.key} has no port, so Symfony Mailer uses implicit TLS on 465, but ${p!.name} (${host}) offers only STARTTLS: the connection times out. Add :587.`
      : `${u.key} has no port, so Symfony Mailer uses implicit TLS on port 465 for ${host} (not 587 or 25). Write the port to make the mode explicit.`;
    const canEdit = editable(cfg, u.host);
    ctx.report({
      message,
      severity: startOnly ? 'error' : undefined,
      span: spanOf(u.host),
      // STARTTLS-only provider: :587 is the only working choice. Otherwise keep today's behaviour, written out
      // (smtps://host:465), and offer :587 (a mode change) as the alternative.
      fixes: startOnly
        ? fixes(plainFix('STARTTLS submission port', true, canEdit ? [setEdit(u.host, `${u.host.text}:587`)] : null))
        : fixes(
          plainFix('what Symfony does today, written out', true, canEdit && editable(cfg, u.scheme) ? [setEdit(u.scheme, 'smtps'), setEdit(u.host, `${u.host.text}:465`)] : null),
          plainFix('STARTTLS submission port', false, canEdit ? [setEdit(u.host, `${u.host.text}:587`)] : null),
        ),
      configId: cfg.id,
    });
  },
};
export default rule;
