// Symfony Mailer's ESMTP transport resolution (rules-research §4.4; symfony/mailer
// EsmtpTransportFactory + EsmtpTransport): used by Symfony MAILER_DSN and Laravel ≥ 9 (MAIL_SCHEME /
// MAIL_URL, whose settings become a Symfony Dsn).
import type { EffectiveConnection } from '../model/types';
import { parseBool } from './values';

export interface SymfonyInputs {
  /** 'smtp' | 'smtps' | other (rejected by symfony/mailer ≥ 7.2). */
  scheme: string;
  schemeKey: string;
  host?: string;
  /** undefined = no port written (0 in Symfony's terms); NaN = not knowable. */
  port?: number;
  portKey?: string;
  /** DSN options (query parameters), values as written. */
  options: Record<string, string | undefined>;
}

/**
 * EsmtpTransportFactory turns verify_peer / auto_tls off when the option is present, not '' and not true for
 * PHP's filter_var(FILTER_VALIDATE_BOOL) — so any value but 1/true/on/yes (e.g. 0, false, no, off, abc) is off.
 */
export const dsnOff = (v: string | undefined): boolean => v !== undefined && v !== '' && parseBool(v, 'php-filter') !== true;
/** require_tls is on only for a filter_var-true value. */
export const dsnOn = (v: string | undefined): boolean => parseBool(v, 'php-filter') === true;
const falsy = dsnOff;
const truthy = dsnOn;

/** EsmtpTransport: an smtp:// DSN without a port uses implicit TLS on 465 unless the host is the literal name
 *  "localhost" (`0 === $port && 'localhost' !== $host`; 127.0.0.1 and compose service names get 465 too). */
export function portlessMeansImplicit(host: string | undefined): boolean {
  return host !== 'localhost';
}

export function symfonyEffective(inp: SymfonyInputs): EffectiveConnection {
  const scheme = inp.scheme.toLowerCase();
  const host = inp.host;
  if (inp.port !== undefined && Number.isNaN(inp.port)) return { host, tlsMode: 'unknown', because: `the port (${inp.portKey}) is not known` };
  if (scheme !== 'smtp' && scheme !== 'smtps') {
    return { host, port: inp.port, tlsMode: 'unknown', because: `"${inp.scheme}" is not a scheme of the smtp mailer (symfony/mailer ≥ 7.2 throws UnsupportedSchemeException; only smtp and smtps are accepted)` };
  }
  const why: string[] = [];
  let tls: boolean | null = scheme === 'smtps' ? true : null;
  let port = inp.port ?? 0;
  if (tls === null) {
    if (port === 465) {
      tls = true;
      why.push(`${inp.schemeKey} smtp:// on port 465: Symfony turns implicit TLS on for 465`);
    } else if (port === 0 && portlessMeansImplicit(host)) {
      // EsmtpTransport: `0 === $port && 'localhost' !== $host` (only the literal name localhost; 127.0.0.1 and
      // compose service names get implicit TLS on 465 too)
      tls = true;
      why.push(`${inp.schemeKey} smtp:// without a port to a host other than "localhost": Symfony uses implicit TLS on 465`);
    } else {
      tls = false;
    }
  } else why.push(`${inp.schemeKey} smtps://: implicit TLS`);
  if (port === 0) port = tls ? 465 : 25;
  if (tls) return { host, port, tlsMode: 'implicit', because: why.join('; ') || 'implicit TLS' };
  why.push(`smtp:// on port ${port}: plaintext greeting, STARTTLS when advertised`);
  if (falsy(inp.options.auto_tls)) return { host, port, tlsMode: 'none', because: [...why, 'auto_tls=false: STARTTLS is never sent'].join('; ') };
  if (truthy(inp.options.require_tls)) return { host, port, tlsMode: 'starttls-required', because: [...why, 'require_tls=true: the connection fails without TLS (symfony/mailer ≥ 7.3)'].join('; ') };
  return { host, port, tlsMode: 'starttls-opportunistic', because: why.join('; ') };
}
