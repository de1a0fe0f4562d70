// System.Net.Mail.SmtpClient (dotnet/runtime SmtpConnection.cs@9a22a4e; rules-research-polyglot §7.1): what the
// settings mean.
//
// EnableSsl means STARTTLS, never implicit TLS: the connection reads the plaintext 220 greeting, sends EHLO, then,
// with EnableSsl, requires the STARTTLS extension (SmtpException "Server does not support secure connections."
// otherwise) and upgrades [DOTNET-SMTPCONN GetConnection]. Microsoft's docs: "The SmtpClient class only supports the
// SMTP Service Extension for Secure SMTP over Transport Layer Security as defined in RFC 3207 … SMTPS … port 465 …
// is not currently supported" [MS-ENABLESSL]. So port 465 never works, whatever EnableSsl says: the client waits for
// a greeting until Timeout (100 000 ms by default [DOTNET-SMTPCLIENT]). Without EnableSsl the session stays in
// clear text and AUTH is sent in clear when offered. The port defaults to 25; EnableSsl to false.
import type { EffectiveConnection } from '../model/types';

/** The effective connection: enableSsl undefined = not known, null = not set (false). */
export function systemNetMailEffective(enableSsl: boolean | undefined | null, host: string | undefined, port: number | undefined | null): EffectiveConnection {
  const p = port === null ? 25 : port;
  if (enableSsl === undefined) return { host, port: p, tlsMode: 'unknown', because: 'EnableSsl is not known' };
  if (enableSsl) return { host, port: p, tlsMode: 'starttls-required', because: 'EnableSsl = true: System.Net.Mail reads a plaintext greeting, then sends a mandatory STARTTLS (it has no implicit TLS)' };
  return { host, port: p, tlsMode: 'none', because: 'EnableSsl unset or false: System.Net.Mail stays in clear text' };
}

/** Why port 465 cannot work with System.Net.Mail, for messages and fix titles. */
export const SYSTEM_NET_MAIL_465 =
  'System.Net.Mail.SmtpClient cannot speak implicit TLS at all (EnableSsl means STARTTLS, RFC 3207; SMTPS on 465 is "not currently supported"), so it waits for a plaintext greeting and fails after its Timeout (100 s) with \'SmtpException: The operation has timed out.\', whatever EnableSsl says';

/** What SmtpClient throws with EnableSsl = true when the server's EHLO does not offer STARTTLS (SmtpConnection
 *  GetConnection / SmtpConnection.Auth.cs: `throw new SmtpException(SR.MailServerDoesNotSupportStartTls)`; the
 *  resource text of System.Net.Mail's Strings.resx): STARTTLS is mandatory, never opportunistic. */
export const SYSTEM_NET_MAIL_NO_STARTTLS = 'SmtpException: Server does not support secure connections.';
