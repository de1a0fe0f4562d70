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

// ------------------------------------------------------------------------------------------------
// SMTPOptions['ssl']['crypto_method']: PHP's STREAM_CRYPTO_METHOD_*_CLIENT flags, OR-ed (`|`), handed to
// stream_context_create() [PHPM-SMTP L421]. PHP reads the context's crypto_method only when it opens an ssl:// or
// tls:// socket (php-src ext/openssl/xp_ssl.c php_openssl_ssl_socket_factory → php_openssl_get_crypto_method), i.e.
// PHPMailer's implicit TLS. Its STARTTLS calls stream_socket_enable_crypto() with its own method
// (TLS_CLIENT | TLSv1_2 | TLSv1_1, SMTP::startTLS [PHPM-SMTP L493-502]), and an explicit method wins over the
// context option there: under STARTTLS the setting does nothing (not reported; the library's own TLS 1.1 is not
// user-fixable, rules-research-polyglot §1.4).

const LEGACY_CRYPTO: Record<string, string> = { SSLv2: 'SSLv2', SSLv3: 'SSLv3', TLSv1_0: 'TLSv1', TLSv1_1: 'TLSv1.1' };
const CRYPTO_FLAG = /\\?\bSTREAM_CRYPTO_METHOD_(\w+?)_CLIENT\b/g;

/** The TLS versions below 1.2 a crypto_method expression allows, as rules name them ('TLSv1', 'TLSv1.1', 'SSLv3').
 *  Only the explicit legacy flags count: TLS_CLIENT / ANY_CLIENT follow PHP's and OpenSSL's defaults. */
export function phpLegacyCryptoMethods(expr: string): string[] {
  const out: string[] = [];
  for (const m of expr.matchAll(CRYPTO_FLAG)) if (LEGACY_CRYPTO[m[1]] && !out.includes(LEGACY_CRYPTO[m[1]])) out.push(LEGACY_CRYPTO[m[1]]);
  return out;
}

/** True when PHPMailer's connection in `mode` reads SMTPOptions crypto_method (implicit TLS; unknown: may be). */
export function cryptoMethodApplies(mode: EffectiveConnection['tlsMode']): boolean {
  return mode === 'implicit' || mode === 'unknown';
}

/** The crypto_method a fix writes: the expression without its legacy flags (`TLSv1_1 | TLSv1_2` → `TLSv1_2`), or
 *  STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT (PHP 5.6.7+) when only legacy flags were there. undefined: not a plain OR of
 *  flags (a variable, arithmetic): no edit. */
export function phpCryptoMethodWithoutLegacy(expr: string): string | undefined {
  const parts = expr.split('|').map((p) => p.trim());
  if (!parts.every((p) => /^\\?STREAM_CRYPTO_METHOD_\w+_CLIENT$/.test(p))) return undefined;
  const kept = parts.filter((p) => !phpLegacyCryptoMethods(p).length);
  return kept.length ? kept.join(' | ') : 'STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT';
}
