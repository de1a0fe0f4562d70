// Rule 20: Laravel MAIL_ENCRYPTION that contradicts the port (ignored on Laravel ≥ 9, decisive on ≤ 8).
import type { Rule } from './types';
import { laravelKeyName, laravelSetting } from '../semantics/laravel-config';
import { IMPLICIT_PORTS, editable, isCrossFile, fieldByKey, fixes, intentFix, plainFix, portField, portOf, relatedOf, removeEdit, setEdit, setPort, show, spanOf } from './util';

export const rule: Rule = {
  meta: {
    id: 'laravel-mail-encryption-ignored',
    defaultSeverity: 'warning',
    short: 'Laravel MAIL_ENCRYPTION contradicts MAIL_PORT (it is ignored on Laravel ≥ 9)',
    long:
      'Since Laravel 9 (Symfony Mailer) MAIL_ENCRYPTION has no effect: the mode comes from the port (465 → implicit TLS, ' +
      'anything else → STARTTLS when offered) or from MAIL_SCHEME. A value that contradicts the port (ssl on 587, ' +
      'tls or null on 465) works there by accident, misleads readers, and breaks on Laravel ≤ 8 (SwiftMailer), where ' +
      'it decided the mode. It was removed from the Laravel skeleton in 2024. A value that matches the port is left ' +
      'alone: it is harmless.',
    sources: ['laravel/framework MailManager::createSmtpTransport', 'laravel/framework#53863 (revert of encryption → scheme)', 'laravel/laravel config/mail.php (2024 skeleton)', 'RFC 8314 §3.3'],
    fixSafety: 'Safe: on Laravel ≥ 9 the setting is ignored, so removing it (or, on 465, replacing it with MAIL_SCHEME=smtps) does not change the connection. The alternative for ssl on a STARTTLS port (move to 465) is unsafe.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.dialect !== 'laravel') return;
    const f = fieldByKey(cfg, laravelKeyName(cfg.format, 'MAIL_ENCRYPTION'));
    const name = (envName: string, value?: string | number) => laravelSetting(cfg.format, envName, value);
    if (!f || (f.kind !== 'literal' && f.value === undefined)) return;
    if (isCrossFile(f, cfg)) return; // env('MAIL_ENCRYPTION') in config/mail.php: the .env line is reported where it is written
    const port = portOf(cfg);
    if (port === undefined) return;
    const enc = String(f.value ?? f.text).trim().toLowerCase();
    const wantsImplicit = enc === 'ssl' || enc === 'smtps';
    const wantsNone = ['', 'null', '(null)', 'none', 'false'].includes(enc);
    const wantsStarttls = enc === 'tls' || enc === 'starttls';
    if (!wantsImplicit && !wantsNone && !wantsStarttls) return;
    const pf = portField(cfg)!;
    const implicitPort = IMPLICIT_PORTS.has(port);
    let message: string;
    if (wantsImplicit && !implicitPort) {
      message = `${show(f)} asks for implicit TLS, but ${name('MAIL_PORT', port)} is a STARTTLS port. Laravel ≥ 9 ignores ${name('MAIL_ENCRYPTION')} and uses STARTTLS here, so it works by accident; on Laravel ≤ 8 it fails with 'wrong version number'. Remove it.`;
    } else if (!wantsImplicit && implicitPort) {
      message = `${show(f)} contradicts ${name('MAIL_PORT', port)}, which expects implicit TLS (RFC 8314 §3.3). Laravel ≥ 9 ignores ${name('MAIL_ENCRYPTION')} and uses implicit TLS on ${port} anyway; on Laravel ≤ 8 the connection hangs. Say what you mean with ${name('MAIL_SCHEME', 'smtps')}.`;
    } else return;
    const scheme = fieldByKey(cfg, laravelKeyName(cfg.format, 'MAIL_SCHEME'));
    const edits = !editable(cfg, f)
      ? null
      : implicitPort && !scheme && !f.envVar // env('MAIL_ENCRYPTION', 'tls') renamed to 'scheme' would read MAIL_ENCRYPTION
        ? [{ op: 'rename' as const, field: f, key: laravelKeyName(cfg.format, 'MAIL_SCHEME') }, setEdit(f, 'smtps', 'string')]
        : [removeEdit(f)];
    ctx.report({
      message,
      span: spanOf(f),
      related: relatedOf(pf, `${name('MAIL_PORT', port)} is set here`),
      fixes: fixes(
        plainFix(implicitPort ? 'implicit TLS on 465' : 'it is ignored on Laravel ≥ 9', true, edits),
        wantsImplicit && !implicitPort ? intentFix(cfg, { kind: 'port', port: 465 }, 'implicit TLS', false, () => setPort(cfg, 465)) : undefined,
      ),
      configId: cfg.id,
    });
  },
};
export default rule;
