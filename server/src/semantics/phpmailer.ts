// PHPMailer (v7.1.1, PHPMailer/PHPMailer@4a48947; rules-research-polyglot §1) and WP Mail SMTP constants
// (awesomemotive/WP-Mail-SMTP@2a4d69b, §3.1): what the settings mean.
//
// Effective mode per host entry [PHPM-MAIN L2351-2434]:
//  1. a `ssl://` prefix on Host → implicit TLS; `tls://` → STARTTLS (required);
//  2. else SMTPSecure === 'ssl' (PHPMailer::ENCRYPTION_SMTPS) → implicit; === 'tls' (ENCRYPTION_STARTTLS) → STARTTLS
//     (required: a failure throws). The comparison is strict: 'SSL' / 'TLS' match neither and behave like '';
//  3. else opportunistic STARTTLS when SMTPAutoTLS (default true) and Host !== 'localhost' (a string compare on the
//     whole Host value), otherwise clear text.
//  The port is never consulted: 465 with '' or 'tls' is a plaintext client on an implicit-TLS port.
import type { EffectiveConnection } from '../model/types';
import { parseBool } from './values';

/** The SMTPSecure value a constant or string stands for ('' when neither 'ssl' nor 'tls', strictly). */
export function smtpSecureOf(text: string): 'ssl' | 'tls' | '' {
  const t = text.replace(/^\\?(PHPMailer\\PHPMailer\\)?/, '');
  if (t === 'ssl' || /^PHPMailer::ENCRYPTION_SMTPS$/.test(t)) return 'ssl';
  if (t === 'tls' || /^PHPMailer::ENCRYPTION_STARTTLS$/.test(t)) return 'tls';
  return '';
}

/** Splits the first entry of a Host list: `ssl://smtp.example.com:465;backup` → prefix, host, port. */
export function hostEntry(host: string): { prefix?: 'ssl' | 'tls'; host: string; port?: number } {
  const first = host.split(';')[0].trim();
  const m = /^(?:(ssl|tls):\/\/)?(.+?)(?::(\d+))?$/.exec(first);
  if (!m) return { host: first };
  return { prefix: m[1] as 'ssl' | 'tls' | undefined, host: m[2], port: m[3] ? Number(m[3]) : undefined };
}

export interface PhpMailerIn {
  /** undefined = not known (an expression); absent keys use PHPMailer's defaults. */
  host: string | undefined | null;
  port: number | undefined | null;
  secure: string | undefined | null;
  autoTls: boolean | undefined | null;
}

export function phpmailerEffective(s: PhpMailerIn, lib = 'PHPMailer'): EffectiveConnection {
  const rawHost = s.host === null ? 'localhost' : s.host;
  const entry = rawHost === undefined ? undefined : hostEntry(rawHost);
  const port = entry?.port ?? (s.port === null ? 25 : s.port);
  const host = entry?.host;
  if (entry?.prefix === 'ssl') return { host, port, tlsMode: 'implicit', because: `the ssl:// prefix on Host: ${lib} opens TLS from the first byte` };
  if (entry?.prefix === 'tls') return { host, port, tlsMode: 'starttls-required', because: `the tls:// prefix on Host: ${lib} sends a mandatory STARTTLS` };
  if (s.secure === undefined || rawHost === undefined) return { host, port, tlsMode: 'unknown', because: 'SMTPSecure or Host is not known' };
  const secure = s.secure === null ? '' : smtpSecureOf(s.secure);
  if (secure === 'ssl') return { host, port, tlsMode: 'implicit', because: `SMTPSecure 'ssl' (ENCRYPTION_SMTPS): ${lib} opens TLS from the first byte` };
  if (secure === 'tls') return { host, port, tlsMode: 'starttls-required', because: `SMTPSecure 'tls' (ENCRYPTION_STARTTLS): plaintext greeting, then a mandatory STARTTLS` };
  if (s.autoTls === undefined) return { host, port, tlsMode: 'unknown', because: 'SMTPAutoTLS is not known' };
  const auto = s.autoTls === null ? true : s.autoTls;
  if (auto && rawHost !== 'localhost') return { host, port, tlsMode: 'starttls-opportunistic', because: `SMTPSecure unset: ${lib} uses STARTTLS only if the server offers it (SMTPAutoTLS)` };
  return { host, port, tlsMode: 'none', because: `SMTPSecure unset and ${auto ? "Host 'localhost'" : 'SMTPAutoTLS false'}: ${lib} stays in clear text` };
}

/** PHP's (bool) cast of a define()d value (WP Mail SMTP casts WPMS_SMTP_AUTH / WPMS_SMTP_AUTOTLS): the string
 *  'false' is true; only '', '0', 0, false, null are false. */
export function phpBoolCast(v: string | number | boolean | null | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'boolean') return v === true;
  if (typeof v === 'number') return v !== 0;
  return parseBool(v, 'php-cast');
}
