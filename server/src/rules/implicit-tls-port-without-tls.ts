// Rule 1: an implicit-TLS port (465, 2465) while the client is set to plaintext/STARTTLS.
import type { Field, SmtpConfig } from '../model/types';
import type { Rule } from './types';
import {
  IMPLICIT_PORTS, boolOf, strOf, decidingPort, fixes, hangSymptom, intentFix, isCrossFile, libName, portRelated,
  portRole, reportPortModeMismatch, setPort, show, spanOf,
} from './util';
import { starttlsWord } from '../semantics/values';
import { SYSTEM_NET_MAIL_465 } from '../semantics/system-net-mail';

/** The written setting that keeps implicit TLS off (or undefined when only the port is written). */
export function plaintextCulprit(cfg: SmtpConfig): Field | undefined {
  if (cfg.implicitTls) return cfg.implicitTls;
  if (cfg.url?.scheme && cfg.url.scheme.site.file === cfg.file) return cfg.url.scheme;
  // A STARTTLS switch that is on is what makes the client wait for a greeting; one that is off (never/false) is not
  // the cause — the missing implicit-TLS switch is.
  if (cfg.starttls && (boolOf(cfg.starttls, cfg.dialect) === true || starttlsWord(strOf(cfg.starttls)) === 'on')) return cfg.starttls;
  if (cfg.requireTls && boolOf(cfg.requireTls, cfg.dialect) === true) return cfg.requireTls;
  return undefined;
}

/** How a dialect spells "implicit TLS on", for messages. */
function implicitHint(d: SmtpConfig['dialect']): string {
  const h: Partial<Record<SmtpConfig['dialect'], string>> = {
    generic: 'SMTP_SECURE=true',
    nodemailer: 'secure: true',
    ghost: 'mail__options__secure=true',
    meteor: 'smtps://',
    django: 'EMAIL_USE_SSL=True',
    spring: 'mail.smtp.ssl.enable: true',
    javamail: 'props.put("mail.smtp.ssl.enable", "true")',
    'go-smtp': 'net/smtp has no implicit-TLS switch: tls.Dial("tcp", addr, &tls.Config{ServerName: host}) + smtp.NewClient(conn, host)',
    gomail: 'd.SSL = true',
    'go-mail': 'mail.WithSSL()',
    mastodon: 'SMTP_TLS=true',
    discourse: 'DISCOURSE_SMTP_FORCE_TLS=true',
    gitea: 'PROTOCOL=smtps',
    'action-send-mail': 'secure: true',
    phpmailer: 'SMTPSecure = PHPMailer::ENCRYPTION_SMTPS',
    'wp-mail-smtp': "WPMS_SSL 'ssl'",
    'flask-mail': 'MAIL_USE_SSL = True',
    'flask-mailman': 'MAIL_USE_SSL = True',
    smtplib: 'smtplib.SMTP_SSL',
    aiosmtplib: 'use_tls=True',
    'fastapi-mail': 'MAIL_SSL_TLS=True',
    mailkit: 'SecureSocketOptions.SslOnConnect',
    'mail-gem': 'tls: true',
  };
  return h[d] ? ` (${h[d]})` : '';
}

export const rule: Rule = {
  meta: {
    id: 'implicit-tls-port-without-tls',
    defaultSeverity: 'error',
    short: 'Implicit-TLS port (465) used without implicit TLS: the client waits for a greeting that never comes',
    long:
      'Port 465 is the "submissions" port of RFC 8314 §3.3: the client must start the TLS handshake as soon as the TCP ' +
      'connection opens, and the server greets only inside TLS. A client set to plaintext or STARTTLS waits for a ' +
      'plaintext 220 greeting instead, so both sides wait until a timeout fires (nodemailer: "Greeting never received"; ' +
      'Django and JavaMail without timeouts: a hung worker). Port 465 is not deprecated: since RFC 8314 (2018) it is the ' +
      'preferred submission port. Turn implicit TLS on, or move to 587 with STARTTLS.',
    sources: ['RFC 8314 §3.3, §7.3', 'nodemailer lib/smtp-connection (secure defaults, greetingTimeout)', 'nodemailer lib/shared parseConnectionUrl (smtp: sets secure=false)', 'nodemailer issue #441'],
    cwe: undefined,
    fixSafety: 'The preferred fix (turn implicit TLS on, keeping the port) is safe: the configuration cannot connect as written, and the fix makes the client speak what the port expects. The alternative (switch to port 587 with STARTTLS) is unsafe: it depends on the server offering 587.',
  },
  checkConfig(cfg, ctx) {
    // A nodemailer service preset that sets the port decides it (the written port is dead code).
    const dp = decidingPort(cfg);
    if (!dp || !IMPLICIT_PORTS.has(dp.port)) return;
    const { port, field: pf } = dp;
    if (pf && isCrossFile(pf, cfg)) return; // the .env value read by JS: cross-file-port-mode-mismatch reports it
    const mode = cfg.effective?.tlsMode;
    if (mode === 'implicit' || mode === undefined) return;
    if (mode === 'unknown') {
      // The STARTTLS side may be unknown (Spring env overrides), but an implicit-TLS switch written as false in
      // this file still means "not implicit TLS" — unless a service preset we cannot resolve could override it.
      const f = cfg.implicitTls;
      if (!f || f.kind !== 'literal' || f.site.file !== cfg.file || boolOf(f, cfg.dialect) !== false) return;
      if (cfg.service && cfg.service.kind !== 'literal') return;
    }
    // Symfony Mailer (Laravel 9+) and Grafana switch TLS on by themselves on 465.
    if (cfg.dialect === 'laravel' || cfg.dialect === 'symfony' || cfg.dialect === 'grafana') return;
    if (cfg.dialect === 'system-net-mail') {
      // No flag fixes it: System.Net.Mail has no implicit TLS (rules-research-polyglot §7.1, §11 note 4).
      const where = pf ?? plaintextCulprit(cfg);
      if (!where) return;
      ctx.report({
        message: `${portRole(port)}, but ${SYSTEM_NET_MAIL_465}. Use port 587 with EnableSsl = true (STARTTLS), or switch to MailKit with SecureSocketOptions.SslOnConnect.`,
        span: spanOf(where),
        related: portRelated(cfg, dp, undefined),
        fixes: fixes(intentFix(cfg, { kind: 'port', port: 587 }, 'STARTTLS on 587: System.Net.Mail cannot use implicit TLS on 465', false, () => setPort(cfg, 587))),
        configId: cfg.id,
      });
      return;
    }
    const culprit = plaintextCulprit(cfg);
    const at = culprit ?? pf;
    if (!at) return;
    const lib = libName(cfg.dialect);
    const why = culprit
      ? `${show(culprit)} makes ${lib} wait for a plaintext greeting`
      : `nothing here turns implicit TLS on${implicitHint(cfg.dialect)}, so ${lib} waits for a plaintext greeting`;
    const djangoUrl = cfg.dialect === 'django' && culprit && culprit === cfg.url?.scheme && /^smtps$/i.test(culprit.text)
      ? ' (dj-email-url and django-environ read smtps:// as EMAIL_USE_TLS, i.e. STARTTLS; implicit TLS is smtp+ssl:// or ?ssl=True)'
      : '';
    const message = `${portRole(port)}, but ${why}${djangoUrl}: ${hangSymptom(cfg.dialect)}.`;
    const alt = port === 465
      ? intentFix(cfg, { kind: 'port', port: 587 }, 'STARTTLS on 587 instead; 465 itself is fine', false, () => setPort(cfg, 587))
      : undefined;
    reportPortModeMismatch(ctx, cfg, { dp, culprit, at, message, portMode: 'implicit', why: `implicit TLS on port ${port}`, alt });
  },
};
export default rule;
