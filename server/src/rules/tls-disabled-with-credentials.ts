// Rule 8: credentials configured while TLS is switched off: AUTH in clear text.
import type { Field, SmtpConfig } from '../model/types';
import type { Rule } from './types';
import {
  IMPLICIT_PORTS, boolOf, editable, fixes, hasCredentials, hostOf, intentFix, isDevTarget, isInternalHost, libName, plainFix, portField, portOf, providerOf,
  relatedOf, removeEdit, show, spanOf, strOf, tlsSurelyOffered,
} from './util';
import { starttlsWord } from '../semantics/values';
import { CLEARTEXT_WRITTEN_EXTRA, cleartextKnown } from '../semantics/libraries';

/** The written setting that keeps TLS off, when there is one. */
export function tlsOffCulprit(cfg: SmtpConfig): Field | undefined {
  if (cfg.ignoreTls && (boolOf(cfg.ignoreTls, cfg.dialect) === true || starttlsWord(strOf(cfg.ignoreTls)) === 'off')) return cfg.ignoreTls;
  if (cfg.starttls && (boolOf(cfg.starttls, cfg.dialect) === false || starttlsWord(strOf(cfg.starttls)) === 'off')) return cfg.starttls;
  return undefined;
}

/** Mode 'none' with credentials, on a port where the client would actually log in (not a broken 465 setup). */
export function cleartextLogin(cfg: SmtpConfig): boolean {
  if (cfg.effective?.tlsMode !== 'none') return false;
  const port = portOf(cfg);
  if (port !== undefined && IMPLICIT_PORTS.has(port)) return false; // implicit-tls-port-without-tls: it never gets to AUTH
  return true;
}

export const rule: Rule = {
  meta: {
    id: 'tls-disabled-with-credentials',
    defaultSeverity: 'warning',
    short: 'Credentials are sent while TLS is switched off (clear-text AUTH)',
    long:
      'With TLS off (nodemailer ignoreTLS, Django without EMAIL_USE_TLS/EMAIL_USE_SSL, Flask-Mail without MAIL_USE_TLS/MAIL_USE_SSL, Laravel ≤ 8 with MAIL_ENCRYPTION=null, JavaMail starttls.enable: false, ' +
      'Symfony auto_tls=false, Grafana NoStartTLS ...) the session never upgrades, and AUTH PLAIN/LOGIN send the user ' +
      'name and password base64-encoded, which is clear text. RFC 4954 §4 and RFC 4616 forbid plaintext mechanisms ' +
      'without a protecting layer, and RFC 8314 §4.1 obsoletes clear-text submission. Local dev catchers are reported ' +
      'as info only, and so are relays on the private network (compose service names, *.internal, cluster DNS).',
    sources: ['RFC 4954 §4', 'RFC 4616 §6', 'RFC 8314 §4.1', 'nodemailer lib/smtp-connection (ignoreTLS)', 'Go net/smtp PlainAuth (refuses non-TLS)', 'pallets-eco/flask-mail Mail.init_mail (MAIL_USE_TLS / MAIL_USE_SSL default False)', 'laravel/framework 8.x MailManager::createSmtpTransport and swiftmailer v6.3.0 EsmtpTransport::doHeloCommand (STARTTLS only for encryption tls)'],
    cwe: 'CWE-319',
    fixSafety: 'Requiring STARTTLS is safe when the server certainly offers it (a known provider, or a submission port 587/2525); otherwise it is unsafe, because a server without STARTTLS then refuses the connection. The alternative (only drop the setting that disables TLS) is safe: STARTTLS is then used whenever offered.',
  },
  checkConfig(cfg, ctx) {
    if (!cfg.credentials || !hasCredentials(cfg)) return;
    const culprit = tlsOffCulprit(cfg);
    const cleartext = cleartextLogin(cfg);
    // provider-requires-tls reports the clear-text case for Amazon SES as an error; the latent cases stay here.
    if (cleartext && culprit && providerOf(hostOf(cfg))?.requiresTls) return;
    const user = cfg.credentials.user;
    const lib = libName(cfg.dialect);
    const dev = isDevTarget(cfg) || isInternalHost(hostOf(cfg)); // dev catchers, loopback and private relays: info
    const cred = user ? ` (${show(user)})` : '';
    const local = dev ? ' The host is local or on the private network, so this mostly matters if the setting reaches production.' : '';
    const mode = cfg.effective?.tlsMode;
    const port = portOf(cfg);
    const explicitOff = !!culprit;
    // the library's release reads a written value as "no TLS" (semantics: Laravel ≤ 8 with MAIL_ENCRYPTION=null)
    const writtenOff: Field | undefined = culprit ? undefined : cfg.extras[CLEARTEXT_WRITTEN_EXTRA];
    let message: string;
    if (cleartext) {
      // Without an explicit TLS-off setting, only some libraries' defaults are knowable (semantics/libraries
      // CLEARTEXT_UNLESS_WRITTEN); elsewhere (Spring env overrides, app-specific keys) the missing setting may live
      // in a file we cannot see. JavaMail in Java code: the group is complete unless it loads properties from
      // elsewhere (then the mode is 'unknown' and this branch is not reached).
      if (!explicitOff && !cleartextKnown(cfg)) return;
      message = explicitOff
        ? `${show(culprit!)} keeps the session unencrypted, and credentials are configured${cred}: ${lib} sends the password in clear text over the network (RFC 4954 §4).${local}`
        : writtenOff
          ? `${cfg.effective.because}, and credentials are configured${cred}: the password is sent in clear text over the network (RFC 4954 §4).${local}`
          : `Credentials are configured${cred}, but nothing turns TLS on: ${lib} sends the password in clear text over the network (RFC 4954 §4).${local}`;
    } else {
      // An explicit "no STARTTLS" switch that is hidden today still leaks the password once the mode changes.
      if (!explicitOff) return;
      if (mode === 'implicit' && (port === undefined || IMPLICIT_PORTS.has(port))) return; // truly irrelevant (conflicting-tls-flags: no effect)
      if (mode === 'implicit') {
        message = `${show(culprit!)} turns STARTTLS off, and credentials are configured${cred}. Today implicit TLS hides it (and fails on port ${port}); once the client uses STARTTLS, as port ${port} needs, ${lib} would send the password in clear text (RFC 4954 §4).${local}`;
      } else if (port !== undefined && IMPLICIT_PORTS.has(port)) {
        message = `${show(culprit!)} turns STARTTLS off, and credentials are configured${cred}. On port ${port} the connection fails before login today; on a STARTTLS port such as 587, ${lib} would send the password in clear text (RFC 4954 §4).${local}`;
      } else if (mode === 'unknown') {
        message = `${show(culprit!)} turns STARTTLS off, and credentials are configured${cred}: whenever the connection does not use implicit TLS, ${lib} sends the password in clear text (RFC 4954 §4).${local}`;
      } else return;
    }
    const preferred = intentFix(cfg, { kind: 'require-tls' }, 'require STARTTLS', tlsSurelyOffered(cfg));
    const alt = culprit && culprit === cfg.ignoreTls && editable(cfg, culprit) ? plainFix('use STARTTLS when offered', true, [removeEdit(culprit)]) : undefined;
    const writtenAt = writtenOff && writtenOff.site.file === cfg.file && writtenOff.key !== 'mailer' ? writtenOff : undefined;
    const at = (explicitOff ? culprit : undefined) ?? writtenAt ?? user ?? portField(cfg) ?? cfg.credentials.password ?? cfg.url;
    if (!at) return;
    ctx.report({
      message,
      severity: dev ? 'info' : undefined,
      span: spanOf(at),
      related: (explicitOff || writtenAt) && user ? relatedOf(user, 'credentials are set here') : [],
      fixes: fixes(preferred, alt),
      configId: cfg.id,
    });
  },
};
export default rule;
