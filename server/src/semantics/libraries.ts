// Which library interprets a dialect's settings (the semantics module that models it).
import type { Dialect, SmtpConfig } from '../model/types';
import { SYSTEM_NET_MAIL_NO_STARTTLS } from './system-net-mail';

/** Dialects whose settings end up in a nodemailer transport (semantics/nodemailer). */
export const NODEMAILER_FAMILY: ReadonlySet<Dialect> = new Set<Dialect>(['nodemailer', 'generic', 'ghost', 'meteor']);

/** Dialects whose settings end up in nodemailer one way or another: the family above, and the GitHub Action
 *  dawidd6/action-send-mail, which hands its inputs to nodemailer.createTransport (its own input rules apply
 *  first, so it is not in NODEMAILER_FAMILY). */
export function sendsWithNodemailer(d: Dialect): boolean {
  return NODEMAILER_FAMILY.has(d) || d === 'action-send-mail';
}

/**
 * Libraries whose TLS switches default to off, so credentials with no switch written at all mean AUTH in clear
 * text: Django (EMAIL_USE_TLS / EMAIL_USE_SSL default False), Flask-Mail and Flask-Mailman (MAIL_USE_TLS /
 * MAIL_USE_SSL default False: pallets-eco/flask-mail `Mail.init_mail`, waynerv/flask-mailman `Mail.init_mail`),
 * JavaMail in code (no ssl.enable / starttls.enable) and System.Net.Mail (EnableSsl defaults to false). Elsewhere
 * the missing switch may be set in a file the linter does not see (Spring env overrides, app-specific keys).
 */
export const CLEARTEXT_UNLESS_WRITTEN: ReadonlySet<Dialect> = new Set<Dialect>(['django', 'flask-mail', 'flask-mailman', 'javamail', 'system-net-mail']);

/**
 * A setting read from the environment (`env('MAIL_URL')`, `os.environ.get('EMAIL_PORT')`, compose `${MAILER_DSN}`)
 * means what the env file itself reads it as when the reading code belongs to the same library: the env file's own
 * lint reports that setting's problems at the value, so the reading site is an echo (one finding, where the fix
 * goes). A variable the env file reads as another library's (EMAIL_PORT alone reads as a nodemailer port, a Django
 * settings.py reads it as Django's) is not: its meaning is the reading code's, and the reading code reports.
 */
export function echoesEnvReading(readAs: Dialect | undefined, reader: Dialect): boolean {
  return readAs !== undefined && readAs === reader;
}

/** What a client whose STARTTLS is mandatory does when the server does not offer it, where the library's code says:
 *  System.Net.Mail with EnableSsl (dotnet/runtime SmtpConnection), smtplib's starttls() and Django's EMAIL_USE_TLS,
 *  which calls it (CPython Lib/smtplib.py SMTP.starttls). undefined: not recorded for this library. */
export function missingStarttlsFailure(dialect: Dialect): string | undefined {
  if (dialect === 'system-net-mail') return SYSTEM_NET_MAIL_NO_STARTTLS;
  if (dialect === 'smtplib' || dialect === 'django') return 'smtplib.SMTPNotSupportedError: STARTTLS extension not supported by server.';
  return undefined;
}

/** extras key a reader sets when the library's reading of what is written (not an unwritten default another file may
 *  still set) leaves the session in clear text; its value is the field that says so (Laravel ≤ 8 / SwiftMailer with
 *  MAIL_ENCRYPTION=null, or a config/mail.php mailer without 'encryption': semantics/laravel.ts). */
export const CLEARTEXT_WRITTEN_EXTRA = 'cleartextBy';

/** Credentials with mode 'none' are known to cross in clear text: the library defaults TLS off and the config is
 *  complete (CLEARTEXT_UNLESS_WRITTEN), or the reader saw the written setting that keeps it off. */
export function cleartextKnown(cfg: SmtpConfig): boolean {
  return CLEARTEXT_UNLESS_WRITTEN.has(cfg.dialect) || CLEARTEXT_WRITTEN_EXTRA in cfg.extras;
}
