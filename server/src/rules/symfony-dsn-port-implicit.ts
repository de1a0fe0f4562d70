// Rule 21: smtp:// DSN without a port to a non-localhost host: Symfony Mailer uses implicit TLS on 465.
import type { Rule } from './types';
import { editable, fixes, plainFix, providerOf, setEdit, spanOf } from './util';

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
    fixSafety: 'Safe for providers without implicit TLS (Microsoft 365, Postmark): the DSN cannot work as written, and the fix adds :587. Otherwise adding :587 changes the mode and is unsafe; the alternative (smtps://host:465) keeps today\'s behaviour and is safe.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.dialect !== 'symfony' && cfg.dialect !== 'laravel') return;
    const u = cfg.url;
    if (!u || !u.scheme || !u.host || u.port) return;
    if (u.scheme.text.toLowerCase() !== 'smtp') return;
    const host = String(u.host.value ?? u.host.text).toLowerCase();
    if (!host || host === 'localhost' || /^\$|^%|default$/.test(host)) return;
    // The raw DSN text: a port written as ":" with nothing after it, or a port we could not parse, is not "no port".
    if (typeof u.value === 'string' && new RegExp(`@?${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'i').test(u.value)) return;
    const p = providerOf(host);
    const startOnly = !!p && p.implicit.length === 0;
    const message = startOnly
      ? `${u.key} has no port, so Symfony Mailer uses implicit TLS on 465, but ${p!.name} (${host}) offers only STARTTLS: the connection times out. Add :587.`
      : `${u.key} has no port, so Symfony Mailer uses implicit TLS on port 465 for ${host} (not 587 or 25). Write the port to make the mode explicit.`;
    const canEdit = editable(u.host, cfg);
    ctx.report({
      message,
      severity: startOnly ? 'error' : undefined,
      span: spanOf(u.host),
      fixes: fixes(
        plainFix('STARTTLS submission port', startOnly, canEdit ? [setEdit(u.host, `${u.host.text}:587`)] : null),
        startOnly ? undefined : plainFix('what Symfony does today', true, canEdit && editable(u.scheme, cfg) ? [setEdit(u.scheme, 'smtps'), setEdit(u.host, `${u.host.text}:465`)] : null),
      ),
      configId: cfg.id,
    });
  },
};
export default rule;
