// MailKit (jstedfast/MailKit@d1f7aa76, 4.17.0; rules-research-polyglot §7.2): what SmtpClient.Connect means.
//
// Connect(host, port = 0, SecureSocketOptions options = Auto). ComputeDefaultValues [MAILKIT-SMTP
// MailKit/Net/Smtp/SmtpClient.cs L1284-1325]:
//   None                   clear text, never STARTTLS                          port 0 → 25
//   Auto                   465 → SslOnConnect; any other port → StartTlsWhenAvailable; port 0 → 25
//   SslOnConnect           implicit TLS                                         port 0 → 465
//   StartTls               STARTTLS required: NotSupportedException("The SMTP server does not support the STARTTLS
//                          extension.") when not offered [SmtpClient.cs L1366-1367]
//   StartTlsWhenAvailable  STARTTLS only when offered (strippable)
// The bool overload Connect(host, port, bool useSsl) maps true → SslOnConnect, false → StartTlsWhenAvailable
// [MAILKIT-SVC MailKit/MailService.cs L960 (Connect), L1023 (ConnectAsync)]. Timeout 2 min [SmtpClient.cs L95];
// CheckCertificateRevocation defaults to true [MailService.cs L79].
import type { EffectiveConnection } from '../model/types';

export type SecureSocketOption = 'None' | 'Auto' | 'SslOnConnect' | 'StartTls' | 'StartTlsWhenAvailable';

const OPTIONS: readonly SecureSocketOption[] = ['None', 'Auto', 'SslOnConnect', 'StartTls', 'StartTlsWhenAvailable'];

/** The option a C# expression or a configuration string names (`SecureSocketOptions.StartTls`, `"starttls"`,
 *  `MailKit.Security.SecureSocketOptions.Auto`); the configuration binder parses enums case-insensitively. */
export function secureSocketOptionOf(text: string): SecureSocketOption | undefined {
  const t = text.trim().replace(/^(?:global::)?(?:MailKit\.Security\.)?SecureSocketOptions\./, '');
  return OPTIONS.find((o) => o.toLowerCase() === t.toLowerCase());
}

/** The option the bool overload picks. */
export function optionOfUseSsl(useSsl: boolean): SecureSocketOption {
  return useSsl ? 'SslOnConnect' : 'StartTlsWhenAvailable';
}

/** The effective connection of Connect(host, port, option); port 0/absent is null, unknown is undefined. */
export function mailkitEffective(option: SecureSocketOption | undefined, host: string | undefined, port: number | undefined | null, via = 'SecureSocketOptions'): EffectiveConnection {
  const p0 = port === null || port === 0 ? 0 : port;
  if (option === undefined) return { host, port: p0 || undefined, tlsMode: 'unknown', because: 'the SecureSocketOptions value is not known' };
  let o = option;
  let p = p0;
  if (o === 'Auto') {
    if (p === undefined) return { host, port: undefined, tlsMode: 'unknown', because: 'SecureSocketOptions.Auto on a port that is not known: MailKit picks the mode from the port' };
    o = p === 465 ? 'SslOnConnect' : 'StartTlsWhenAvailable';
    if (p === 0) p = 25;
  } else if (p === 0) p = o === 'SslOnConnect' ? 465 : 25;
  const how = via === 'SecureSocketOptions' ? `SecureSocketOptions.${option}` : via;
  switch (o) {
    case 'SslOnConnect':
      return { host, port: p, tlsMode: 'implicit', because: `${how}: MailKit opens TLS from the first byte` };
    case 'StartTls':
      return { host, port: p, tlsMode: 'starttls-required', because: `${how}: plaintext greeting, then a mandatory STARTTLS` };
    case 'StartTlsWhenAvailable':
      return { host, port: p, tlsMode: 'starttls-opportunistic', because: `${how}: MailKit uses STARTTLS only if the server offers it` };
    default:
      return { host, port: p, tlsMode: 'none', because: `${how}: MailKit never starts TLS` };
  }
}

/** What MailKit shows on a plaintext greeting port when it starts with a TLS handshake [MAILKIT-FAQ L114-149]. */
export const MAILKIT_WRONG_VERSION = "it fails with MailKit.Security.SslHandshakeException ('An error occurred while attempting to establish an SSL or TLS connection')";
/** What MailKit shows on port 465 without implicit TLS: no greeting until its 2-minute Timeout. */
export const MAILKIT_HANG = 'MailKit waits for a greeting until its Timeout (2 minutes) and fails with a TimeoutException';
