// Rule 19: Laravel MAIL_SCHEME set to something other than smtp/smtps (often an old MAIL_ENCRYPTION value).
import type { Rule } from './types';
import { laravelKeyName, laravelSetting } from '../semantics/laravel-config';
import { editable, fixes, fieldByKey, plainFix, portOf, removeEdit, setEdit, show, spanOf } from './util';

const VALID = new Set(['', 'smtp', 'smtps', 'null', '(null)']);

export const rule: Rule = {
  meta: {
    id: 'laravel-invalid-mail-scheme',
    defaultSeverity: 'error',
    short: 'Laravel MAIL_SCHEME is not smtp or smtps (e.g. tls or ssl)',
    long:
      'Laravel ≥ 11 builds a Symfony Mailer DSN from MAIL_SCHEME, MAIL_HOST and MAIL_PORT. The scheme names the ' +
      'transport, smtp or smtps, not the encryption: values copied from the old MAIL_ENCRYPTION (tls, ssl) make ' +
      'symfony/mailer ≥ 7.2 throw UnsupportedSchemeException ("The \\"tls\\" scheme is not supported; supported ' +
      'schemes for mailer \\"smtp\\" are: \\"smtp\\", \\"smtps\\""). Older versions silently used smtp. Leave it ' +
      'empty (the port decides: 465 → smtps) or set smtp / smtps.',
    sources: ['symfony/mailer EsmtpTransportFactory (7.2 scheme validation)', 'laravel/framework MailManager::createSmtpTransport', 'laravel/framework#53704', 'symfony/symfony#59040'],
    fixSafety: 'Safe: smtps for port 465 and smtp otherwise is what older Symfony versions did with the unknown value, and what newer versions need.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.dialect !== 'laravel') return;
    const f = fieldByKey(cfg, laravelKeyName(cfg.format, 'MAIL_SCHEME'));
    if (!f || f.kind !== 'literal') return;
    const v = String(f.value ?? f.text).trim().toLowerCase();
    if (VALID.has(v)) return;
    const port = portOf(cfg);
    const to = port === 465 ? 'smtps' : 'smtp';
    ctx.report({
      message: `${show(f)} is not a mailer scheme: Symfony Mailer ≥ 7.2 throws 'The "${f.text}" scheme is not supported; supported schemes for mailer "smtp" are: "smtp", "smtps"' (older versions silently used smtp). ${laravelSetting(cfg.format, 'MAIL_SCHEME')} is smtp or smtps; the port decides the encryption.`,
      span: spanOf(f),
      fixes: fixes(
        plainFix(port === 465 ? 'implicit TLS on 465' : 'STARTTLS when offered', true, editable(cfg, f) ? [setEdit(f, to, 'string')] : null),
        plainFix('let the port decide', true, editable(cfg, f) ? [removeEdit(f)] : null),
      ),
      configId: cfg.id,
    });
  },
};
export default rule;
