// Rule 29: protocol logging that can leak PII or credentials (nodemailer debug, JavaMail mail.debug(.auth)).
import type { Rule } from './types';
import { boolOf, editable, fixes, plainFix, removeEdit, show, spanOf } from './util';
import { isJavaMailDialect } from '../semantics/javamail';

export const rule: Rule = {
  meta: {
    id: 'smtp-debug-logging',
    defaultSeverity: 'info',
    short: 'SMTP protocol debug logging that writes messages or credentials to the logs',
    long:
      'nodemailer debug: true logs the whole SMTP dialogue including message bodies (recipients and content are personal ' +
      'data); AUTH lines are masked but the base64 user name is not. JavaMail mail.debug prints the protocol trace, and ' +
      'mail.debug.auth: true adds the authentication exchange, i.e. the base64 password (warning). Use ' +
      'transactionLog: true in nodemailer for a trace without content, and keep debug logging out of production.',
    sources: ['nodemailer.com/smtp (debug, logger, transactionLog)', 'JavaMail com.sun.mail.smtp package docs (mail.debug.auth)', 'wneessen/go-mail client.go WithDebugLog / WithLogAuthData', 'angus-mail providers/smtp SMTPTransport.java L197-202, L909-941, L2704-2709 (mail.debug.auth default false keeps AUTH out of the trace; mail.debug.auth.password prints the password)', 'CWE-532'],
    cwe: 'CWE-532',
    fixSafety: 'Safe: removing a debug switch only changes what is logged.',
  },
  checkConfig(cfg, ctx) {
    const x = cfg.extras ?? {};
    const report = (key: string, message: string, severity?: 'warning') => {
      const f = x[key];
      if (!f || f.site.file !== cfg.file || boolOf(f, cfg.dialect) !== true) return;
      ctx.report({ message: `${show(f)} ${message}`, severity, span: spanOf(f), fixes: fixes(plainFix('no protocol trace in the logs', true, editable(cfg, f) ? [removeEdit(f)] : null)), configId: cfg.id });
    };
    if (cfg.format === 'js') report('debug', 'logs the full SMTP dialogue, including message bodies and recipients; use transactionLog: true for a trace without content.');
    if (cfg.dialect === 'go-mail') {
      // go-mail client.go WithDebugLog: the SMTP dialogue on stderr, AUTH redacted unless WithLogAuthData
      report('debug', 'logs the SMTP dialogue (recipients, headers) to stderr; go-mail redacts the AUTH data unless WithLogAuthData is set.');
      report('logAuthData', 'writes the SMTP authentication data (the password, base64) into the debug log.', 'warning');
    }
    if (isJavaMailDialect(cfg.dialect)) {
      // Angus Mail SMTPTransport: mail.debug.auth.password (default false) prints the password itself; mail.debug.auth
      // keeps the AUTH exchange in the trace; mail.debug / Session.setDebug(true) traces the rest (AUTH left out).
      report('mail.debug.auth.password', 'makes the debug trace print the SMTP password itself.', 'warning');
      report('mail.debug.auth', 'logs the authentication exchange: the base64-encoded password ends up in the logs.', 'warning');
      report('mail.debug', 'prints the SMTP protocol trace (recipients, headers) to the logs.');
    }
  },
};
export default rule;
