// Rule 11: port 25 (the relay port) with SMTP credentials.
import type { Rule } from './types';
import { missingStarttlsFailure } from '../semantics/libraries';
import { fixes, hasCredentials, hostOf, intentFix, isCrossFile, isInternalHost, portField, portOf, providerOf, relatedOf, setPort, show, spanOf } from './util';

export const rule: Rule = {
  meta: {
    id: 'port-25-with-credentials',
    defaultSeverity: 'warning',
    short: 'Port 25 (the relay port) used with SMTP credentials',
    long:
      'Port 25 is the server-to-server relay port (RFC 5321); applications submit mail on 587 with STARTTLS or 465 with ' +
      'implicit TLS (RFC 6409, RFC 8314). On 25, TLS is opportunistic at best, so the password can cross the network ' +
      'in clear text, and outbound 25 is blocked or throttled on AWS, Google Cloud, Azure, DigitalOcean and many ISPs: ' +
      'the connection simply times out. A relay on the same private network (a Postfix container) is reported as info. ' +
      'Where the library makes STARTTLS mandatory (System.Net.Mail EnableSsl = true, smtplib starttls(), Django ' +
      'EMAIL_USE_TLS, PHPMailer \'tls\', nodemailer requireTLS …) the password is not sent in clear (the send fails when the ' +
      'relay does not offer STARTTLS, e.g. SmtpClient throws "Server does not support secure connections."), and the ' +
      'message says so; the blocked relay port remains.',
    sources: ['RFC 5321 §4.5.4.2', 'RFC 6409 §1, §4.3', 'RFC 8314 §3.3', 'dotnet/runtime System.Net.Mail SmtpConnection (EnableSsl: MailServerDoesNotSupportStartTls)', 'AWS SES: connecting to the SMTP endpoint', 'Google Cloud: sending mail', 'Azure: outbound SMTP connectivity'],
    cwe: 'CWE-319',
    fixSafety: 'Unsafe unless the host is a known provider that offers 587: the fix moves to 587 with STARTTLS, which the server must offer.',
  },
  checkConfig(cfg, ctx) {
    if (portOf(cfg) !== 25 || !hasCredentials(cfg)) return;
    const pf = portField(cfg)!;
    if (isCrossFile(pf, cfg)) return; // the .env itself reports it
    const host = hostOf(cfg);
    const internal = isInternalHost(host);
    const user = cfg.credentials.user;
    const provider = providerOf(host);
    const who = user ? ` (${show(user)})` : '';
    // Mandatory STARTTLS (System.Net.Mail EnableSsl, smtplib starttls(), PHPMailer 'tls' …) keeps the password
    // encrypted: the send fails rather than falls back when the relay has no STARTTLS. The relay port stays wrong.
    const mode = cfg.effective.tlsMode;
    const failure = missingStarttlsFailure(cfg.dialect);
    const required =
      mode === 'starttls-required'
        ? ` STARTTLS is mandatory here (${cfg.effective.because}), so the password is not sent in clear text: the send fails${failure ? ` with ${failure}` : ''} when the server does not offer STARTTLS.`
        : mode === 'implicit'
          ? ' TLS is on from the first byte, so the password is not sent in clear text.'
          : '';
    const message = required
      ? internal
        ? `Port 25 is the relay port (RFC 5321), and credentials are configured${who}.${required} Applications normally submit on 587 (RFC 6409).`
        : `Port 25 is the server-to-server relay port (RFC 5321), and credentials are configured${who}.${required} But most clouds and ISPs block outbound port 25 (the connection times out), and applications submit on 587 (RFC 6409) or 465 (RFC 8314).`
      : internal
        ? `Port 25 is the relay port (RFC 5321), and credentials are configured${who}: the login to ${host} is only encrypted if the relay offers STARTTLS. Applications normally submit on 587 with STARTTLS required (RFC 6409).`
        : `Port 25 is the server-to-server relay port (RFC 5321), but credentials are configured${who}: TLS there is opportunistic, so the password can travel in clear text, and most clouds and ISPs block outbound port 25 (the connection times out). Submit on 587 with STARTTLS, or 465 with implicit TLS (RFC 8314).`;
    const safe = !!provider && provider.starttls.includes(587);
    ctx.report({
      message,
      severity: internal ? 'info' : undefined,
      span: spanOf(pf),
      related: relatedOf(user, 'credentials are set here'),
      fixes: fixes(
        intentFix(cfg, { kind: 'port', port: 587 }, 'submission port with STARTTLS', safe, () => setPort(cfg, 587)),
        provider?.implicit.includes(465) ? intentFix(cfg, { kind: 'port', port: 465 }, 'implicit TLS', false) : undefined,
      ),
      configId: cfg.id,
    });
  },
};
export default rule;
