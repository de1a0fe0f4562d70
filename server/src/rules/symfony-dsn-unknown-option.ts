// Rule 22: DSN options that Symfony Mailer ignores (encryption=, auth_mode=, ssl=, tls=, secure=).
import type { Rule } from './types';
import { editable, fixes, plainFix, removeEdit, spanOf } from './util';
import { DSN_OPTION_SINCE, dsnOptionRead, mailerVersionText, SYMFONY_MAILER } from '../semantics/symfony';

const IGNORED: Record<string, string> = {
  encryption: 'the encryption option was removed in Symfony 4.4; use smtps:// for implicit TLS (port 465) and smtp:// for STARTTLS',
  auth_mode: 'the auth_mode option was removed in Symfony 4.4; the authenticator is negotiated from the server\'s AUTH list',
  ssl: 'there is no ssl option; use smtps:// for implicit TLS',
  tls: 'there is no tls option; smtp:// uses STARTTLS when offered (require it with require_tls=true on Symfony ≥ 7.3)',
  secure: 'there is no secure option (that is nodemailer); use smtps:// for implicit TLS',
  starttls: 'there is no starttls option; smtp:// uses STARTTLS when offered (require it with require_tls=true on Symfony ≥ 7.3)',
};

export const rule: Rule = {
  meta: {
    id: 'symfony-dsn-unknown-option',
    defaultSeverity: 'info',
    short: 'Symfony Mailer DSN option that is ignored (encryption=, auth_mode=, ssl= ...)',
    long:
      'Symfony Mailer reads a fixed set of DSN options (verify_peer, peer_fingerprint, local_domain, auto_tls, ' +
      'require_tls, restart_threshold ...). encryption= and auth_mode= were removed in Symfony 4.4, and ssl=, tls=, ' +
      'secure= never existed: they are silently ignored, so a DSN like smtp://host:465?encryption=ssl does not do ' +
      'what it says (here it still gets implicit TLS, from the port). The scheme (smtp or smtps) and the port decide ' +
      'the mode. Options newer than the project\'s symfony/mailer (composer.lock) are ignored too: auto_tls before 7.1, ' +
      'require_tls before 7.3.',
    sources: ['symfony/mailer CHANGELOG 4.4 (#33233: encryption and auth_mode removed)', 'symfony/symfony#53621 (auto_tls, 7.1)', 'symfony/symfony#59479 (require_tls, 7.3)', 'symfony/mailer EsmtpTransportFactory (supported options)', 'Symfony docs: Mailer transport setup'],
    fixSafety: 'Safe: the option is ignored, so removing it changes nothing at runtime.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.dialect !== 'symfony' && cfg.dialect !== 'laravel') return;
    const u = cfg.url;
    if (!u) return;
    const version = ctx.versionOf(SYMFONY_MAILER);
    for (const [k, f] of Object.entries(u.params ?? {})) {
      const key = k.toLowerCase();
      // Options newer than the project's symfony/mailer (semantics/symfony.ts DSN_OPTION_SINCE): ignored there.
      const why = IGNORED[key] ?? (version && dsnOptionRead(key, version) === false ? `${mailerVersionText(version)} predates it (added in ${DSN_OPTION_SINCE[key].replace(/\.0$/, '')})${key === 'require_tls' ? ', so STARTTLS stays optional: an attacker who strips the offer gets the session in clear text' : ''}` : undefined);
      if (!why) continue;
      ctx.report({
        message: `${u.key} option ${k}=${f.text} is ignored by Symfony Mailer: ${why}.`,
        severity: key === 'require_tls' && !IGNORED[key] ? 'warning' : undefined,
        span: spanOf({ ...f, site: { ...f.site, value: f.site.entry } }),
        fixes: fixes(plainFix('it is ignored', true, editable(cfg, f) ? [removeEdit(f)] : null)),
        configId: cfg.id,
      });
    }
  },
};
export default rule;
