// Rule 9: nodemailer opportunisticTLS with credentials: a failed STARTTLS silently continues in clear text.
import type { Rule } from './types';
import { boolOf, editable, fixes, hasCredentials, hostOf, isDevTarget, isInternalHost, plainFix, relatedOf, removeEdit, setEdit, show, spanOf, tlsSurelyOffered } from './util';

export const rule: Rule = {
  meta: {
    id: 'opportunistic-tls-fallback',
    defaultSeverity: 'warning',
    short: 'opportunisticTLS with credentials: a failed STARTTLS continues in clear text',
    long:
      'nodemailer opportunisticTLS: true means: when the server answers STARTTLS with an error, carry on unencrypted ' +
      'instead of failing. An attacker who can tamper with the connection only has to make STARTTLS fail, and the ' +
      'client then logs in with its password in clear text. RFC 3207 §6 requires clients to be configurable so that ' +
      'they insist on TLS; the NO STARTTLS study (USENIX Security 2021) found exactly this downgrade in many clients. ' +
      'Go: go-mail mail.WithTLSPortPolicy(mail.TLSOpportunistic) falls back to port 25, where STARTTLS is optional.',
    sources: ['RFC 3207 §6', 'nodemailer lib/smtp-connection (opportunisticTLS after STARTTLS failure)', 'wneessen/go-mail client.go SetTLSPortPolicy L917-931 (TLSOpportunistic: fallback to port 25)', 'Poddebniak et al., "Why TLS is better without STARTTLS", USENIX Security 2021'],
    cwe: 'CWE-319',
    fixSafety: 'Safe when the server certainly offers STARTTLS (a known provider or port 587/2525): opportunisticTLS becomes requireTLS (go-mail: TLSOpportunistic becomes TLSMandatory). Otherwise unsafe: a server whose STARTTLS fails then refuses the session instead of leaking the password.',
  },
  checkConfig(cfg, ctx) {
    const f = cfg.opportunisticTls;
    if (!f || boolOf(f, cfg.dialect) !== true || !hasCredentials(cfg)) return;
    if (cfg.effective?.tlsMode === 'implicit') return; // already TLS from the first byte
    const dev = isDevTarget(cfg) || isInternalHost(hostOf(cfg)); // dev catchers, loopback and private relays: info
    const user = cfg.credentials.user;
    const edits = [];
    const goMail = cfg.dialect === 'go-mail';
    if (goMail) {
      // mail.WithTLSPortPolicy(mail.TLSOpportunistic): the policy argument becomes TLSMandatory (587, no fallback to 25)
      if (editable(cfg, f)) edits.push(setEdit(f, f.text.replace(/TLSOpportunistic$/, 'TLSMandatory'), 'code'));
    } else if (editable(cfg, f)) {
      if (cfg.requireTls) {
        edits.push(removeEdit(f));
        if (boolOf(cfg.requireTls, cfg.dialect) !== true && editable(cfg, cfg.requireTls)) edits.push(setEdit(cfg.requireTls, 'true', 'boolean'));
      } else {
        edits.push({ op: 'rename' as const, field: f, key: f.key.replace(/opportunisticTLS$/, 'requireTLS') === f.key ? 'requireTLS' : f.key.replace(/opportunisticTLS$/, 'requireTLS') });
      }
    }
    ctx.report({
      message: goMail
        ? `${show(f)} falls back to port 25 when 587 does not answer, and there STARTTLS is used only when offered, and credentials are configured: an attacker who blocks 587 and strips STARTTLS gets the password in clear text (RFC 3207 §6). Use mail.TLSMandatory instead.`
        : `${show(f)} lets the session continue unencrypted when STARTTLS fails, and credentials are configured: an attacker who breaks STARTTLS gets the password in clear text (RFC 3207 §6). Use requireTLS: true instead.`,
      severity: dev ? 'info' : undefined,
      span: spanOf(f),
      related: relatedOf(user, 'credentials are set here'),
      fixes: fixes(plainFix('require STARTTLS', tlsSurelyOffered(cfg), edits)),
      configId: cfg.id,
    });
  },
};
export default rule;
