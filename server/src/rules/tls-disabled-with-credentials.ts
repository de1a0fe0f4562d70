// Rule 8: credentials configured while TLS is switched off: AUTH in clear text.
import type { Field, SmtpConfig } from '../model/types';
import type { Rule } from './types';
import {
  IMPLICIT_PORTS, boolOf, editable, fixes, hasCredentials, hostOf, intentFix, isDevTarget, libName, plainFix, portField, portOf, providerOf,
  relatedOf, removeEdit, show, spanOf, strOf, tlsSurelyOffered,
} from './util';

/** The written setting that keeps TLS off, when there is one. */
export function tlsOffCulprit(cfg: SmtpConfig): Field | undefined {
  if (cfg.ignoreTls && (boolOf(cfg.ignoreTls) === true || ['nostarttls', 'never', 'none'].includes(strOf(cfg.ignoreTls)))) return cfg.ignoreTls;
  if (cfg.starttls && (boolOf(cfg.starttls) === false || ['never', 'none', 'nostarttls'].includes(strOf(cfg.starttls)))) return cfg.starttls;
  if (cfg.ignoreTls) return cfg.ignoreTls;
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
      'With TLS off (nodemailer ignoreTLS, Django without EMAIL_USE_TLS/EMAIL_USE_SSL, JavaMail starttls.enable: false, ' +
      'Symfony auto_tls=false, Grafana NoStartTLS ...) the session never upgrades, and AUTH PLAIN/LOGIN send the user ' +
      'name and password base64-encoded, which is clear text. RFC 4954 §4 and RFC 4616 forbid plaintext mechanisms ' +
      'without a protecting layer, and RFC 8314 §4.1 obsoletes clear-text submission. Local dev catchers are reported ' +
      'as info only.',
    sources: ['RFC 4954 §4', 'RFC 4616 §6', 'RFC 8314 §4.1', 'nodemailer lib/smtp-connection (ignoreTLS)', 'Go net/smtp PlainAuth (refuses non-TLS)'],
    cwe: 'CWE-319',
    fixSafety: 'Requiring STARTTLS is safe when the server certainly offers it (a known provider, or a submission port 587/2525); otherwise it is unsafe, because a server without STARTTLS then refuses the connection. The alternative (only drop the setting that disables TLS) is safe: STARTTLS is then used whenever offered.',
  },
  checkConfig(cfg, ctx) {
    if (!cfg.credentials || !cleartextLogin(cfg)) return;
    if (!hasCredentials(cfg)) return;
    if (providerOf(hostOf(cfg))?.requiresTls) return; // provider-requires-tls reports it as an error
    const user = cfg.credentials.user;
    const culprit = tlsOffCulprit(cfg);
    const lib = libName(cfg.dialect);
    const dev = isDevTarget(cfg);
    const cred = user ? ` (${show(user)})` : '';
    const message = culprit
      ? `${show(culprit)} keeps the session unencrypted, and credentials are configured${cred}: ${lib} sends the password in clear text over the network (RFC 4954 §4).${dev ? ' The host is local, so this only matters if the setting reaches production.' : ''}`
      : `Credentials are configured${cred}, but nothing turns TLS on: ${lib} sends the password in clear text over the network (RFC 4954 §4).${dev ? ' The host is local, so this only matters if the setting reaches production.' : ''}`;
    const preferred = intentFix(cfg, { kind: 'require-tls' }, 'require STARTTLS', tlsSurelyOffered(cfg));
    const alt = culprit && culprit === cfg.ignoreTls && editable(culprit, cfg) ? plainFix('use STARTTLS when offered', true, [removeEdit(culprit)]) : undefined;
    ctx.report({
      message,
      severity: dev ? 'info' : undefined,
      span: spanOf(culprit ?? user ?? portField(cfg) ?? cfg.credentials.password ?? cfg.url!),
      related: culprit && user ? relatedOf(user, 'credentials are set here') : [],
      fixes: fixes(preferred, alt),
      configId: cfg.id,
    });
  },
};
export default rule;
