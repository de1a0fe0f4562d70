// Laravel's mail settings (config/mail.php + .env; rules-research §4.3): env() conversions and what
// MAIL_ENCRYPTION / MAIL_SCHEME mean in each release. The mode itself comes from semantics/symfony.ts on
// Laravel ≥ 9 (Symfony Mailer) and from SwiftMailer's rules on Laravel ≤ 8.
import type { EffectiveConnection, TlsMode } from '../model/types';
import { laravelEnvValue, laravelUnset } from './laravel-env';
import { symfonyEffective } from './symfony';
import { atLeast, type LibraryVersion } from './versions';

export { LARAVEL_ENV_WORDS, laravelEnvValue, laravelUnset } from './laravel-env';

/** The Composer package whose release decides what MAIL_ENCRYPTION does (composer.lock, composer.json, or
 *  "versions" in .mailconfiglintrc.json). */
export const LARAVEL_FRAMEWORK = 'laravel/framework';

/**
 * What MAIL_ENCRYPTION (`'encryption'` in config/mail.php) does, by laravel/framework release, read from
 * MailManager::createSmtpTransport of the tagged releases:
 * - `swiftmailer` (≤ 8.x, v8.83.29 L197-199): `$transport->setEncryption($config['encryption'])` when not empty.
 *   SwiftMailer 6 EsmtpTransport::setEncryption (v6.3.0 L142-154): `tls` (lower-cased) → plain tcp, then
 *   STARTTLS, and a refused or failed STARTTLS throws (L344-351): mandatory; any other value becomes the PHP
 *   stream transport (`ssl` → ssl://: implicit TLS); without a value the connection stays plain tcp and
 *   STARTTLS is never sent (SwiftMailer has no opportunistic STARTTLS).
 * - `tls-smtps` (9.0.0–9.0.2, v9.0.0 L174; 11.35.0, c07f426e8b): `'encryption' === 'tls' ? 'smtps' : ''`:
 *   implicit TLS on any port (laravel/framework#40887); any other value leaves the scheme empty and Symfony
 *   decides from the port.
 * - `port` (9.1.0–11.34.x, 9541779dcb: `tls` → smtps only on 465, where Symfony uses implicit TLS anyway;
 *   11.35.1 and later, revert 2b8b386969: the value is not read): the port decides (465 → implicit TLS,
 *   otherwise STARTTLS when the server offers it).
 */
export type EncryptionEra = 'swiftmailer' | 'tls-smtps' | 'port';

export interface EncryptionRange {
  era: EncryptionEra;
  /** First release of the range. */
  from: string;
  /** First release after it (none: up to now). */
  below?: string;
  /** For messages: the first and last release as people name them (none: open-ended). */
  first?: string;
  last?: string;
}

export const LARAVEL_ENCRYPTION_RANGES: readonly EncryptionRange[] = [
  { era: 'swiftmailer', from: '0.0.0', below: '9.0.0', last: '8' },
  { era: 'tls-smtps', from: '9.0.0', below: '9.1.0', first: '9.0.0', last: '9.0.2' },
  { era: 'port', from: '9.1.0', below: '11.35.0', first: '9.1', last: '11.34' },
  { era: 'tls-smtps', from: '11.35.0', below: '11.35.1', first: '11.35.0', last: '11.35.0' },
  { era: 'port', from: '11.35.1', first: '11.35.1' },
];

/** "Laravel ≤ 8 (SwiftMailer)", "Laravel 9.0.0–9.0.2", "Laravel ≥ 11.35.1" for ranges first..last. */
function rangeLabel(first: string | undefined, last: string | undefined, swift: boolean): string {
  const span = first === undefined ? `≤ ${last}` : last === undefined ? `≥ ${first}` : first === last ? first : `${first}–${last}`;
  return `Laravel ${span}${swift ? ' (SwiftMailer)' : ''}`;
}

/** The ranges a version (exact or a range) may fall in; every range when the version is not known. */
export function encryptionRangesFor(v: LibraryVersion | undefined): EncryptionRange[] {
  if (!v) return [...LARAVEL_ENCRYPTION_RANGES];
  const hit = LARAVEL_ENCRYPTION_RANGES.filter((r) => atLeast(v.spec, r.from) !== false && (r.below === undefined || atLeast(v.spec, r.below) !== true));
  return hit.length ? hit : [...LARAVEL_ENCRYPTION_RANGES];
}

/** What Laravel ≥ 9 does without a scheme: `port == 465 ? 'smtps' : 'smtp'`, then Symfony's EsmtpTransport. */
export function laravelPortMode(port: number, host: string | undefined): EffectiveConnection {
  return symfonyEffective({ scheme: port === 465 ? 'smtps' : 'smtp', schemeKey: `port ${port}`, host, port, portKey: 'MAIL_PORT', options: {} });
}

export const TLS_MODE_WORDS: Readonly<Record<TlsMode, string>> = {
  implicit: 'implicit TLS',
  'starttls-required': 'mandatory STARTTLS',
  'starttls-opportunistic': 'STARTTLS when offered',
  none: 'no TLS',
  unknown: 'a mode not known',
};

/** MailManager reads the encryption only when `! empty($config['encryption'])`: unset, null, '' and env()'s false. */
export function encryptionUnset(enc: string | undefined): boolean {
  return laravelUnset(enc) || laravelEnvValue(enc!) === false;
}

/** The mode MAIL_ENCRYPTION `enc` (undefined: not set) gives in one era; `byPort` is what the port alone gives. */
export function encryptionModeIn(era: EncryptionEra, enc: string | undefined, byPort: EffectiveConnection): { mode: TlsMode; because: string } {
  const set = !encryptionUnset(enc);
  if (era === 'swiftmailer') {
    const e = set ? enc!.trim().toLowerCase() : '';
    if (e === 'tls') return { mode: 'starttls-required', because: 'SwiftMailer setEncryption(tls): STARTTLS, and the connection fails without it' };
    if (e === '') return { mode: 'none', because: 'no encryption: SwiftMailer never sends STARTTLS' };
    if (e === 'ssl' || /^(ssl|tls)v[\d.]+$/.test(e)) return { mode: 'implicit', because: `SwiftMailer setEncryption(${e}): TLS from the first byte (${e}://)` };
    return { mode: 'unknown', because: `SwiftMailer opens the PHP stream transport "${e}://"` };
  }
  if (era === 'tls-smtps' && set && enc!.trim() === 'tls') return { mode: 'implicit', because: "encryption 'tls' becomes the scheme smtps: implicit TLS on any port (laravel/framework#40887)" };
  return { mode: byPort.tlsMode, because: byPort.because };
}

export interface LaravelEncryption {
  /** One mode when every release the version allows agrees; 'unknown' otherwise. */
  mode: TlsMode;
  because: string;
  /** What each possible range does (grouped: consecutive ranges with one mode share an entry). */
  byRange: { labels: string[]; mode: TlsMode; because: string }[];
  /** The version as found ('laravel/framework 11.35.0 (composer.lock)'), or undefined. */
  version?: string;
}

/** What MAIL_ENCRYPTION does for the project's laravel/framework release (no MAIL_SCHEME, no MAIL_URL). */
export function laravelEncryption(v: LibraryVersion | undefined, enc: string | undefined, port: number, host: string | undefined): LaravelEncryption {
  const byPort = laravelPortMode(port, host);
  // adjacent ranges with one mode become one span, then spans with one mode one entry
  const spans: { first?: string; last?: string; swift: boolean; mode: TlsMode; because: string }[] = [];
  for (const r of encryptionRangesFor(v)) {
    const m = encryptionModeIn(r.era, enc, byPort);
    const prev = spans[spans.length - 1];
    if (prev && prev.mode === m.mode && prev.swift === (r.era === 'swiftmailer')) prev.last = r.last;
    else spans.push({ first: r.first, last: r.last, swift: r.era === 'swiftmailer', mode: m.mode, because: m.because });
  }
  const byRange: LaravelEncryption['byRange'] = [];
  for (const sp of spans) {
    const label = rangeLabel(sp.first, sp.last, sp.swift);
    const same = byRange.find((g) => g.mode === sp.mode);
    if (same) same.labels.push(label);
    else byRange.push({ labels: [label], mode: sp.mode, because: sp.because });
  }
  const version = v ? `laravel/framework ${v.spec} (${v.source})` : undefined;
  if (byRange.length === 1) return { mode: byRange[0].mode, because: `${version ?? 'every Laravel release'}: ${byRange[0].because}`, byRange, version };
  return { mode: 'unknown', because: `${describeRanges(byRange)} (${version ? `${version} allows several` : 'the laravel/framework version is not known: composer.lock, composer.json or "versions" in .mailconfiglintrc.json'})`, byRange, version };
}

/** "implicit TLS on Laravel ≤ 8 (SwiftMailer); STARTTLS when offered on Laravel 9.0.0–9.0.2 and Laravel ≥ 11.35.1";
 *  `note` adds a clause per mode (", which fails with …"). */
export function describeRanges(byRange: LaravelEncryption['byRange'], note?: (mode: TlsMode) => string): string {
  const list = (l: string[]) => (l.length < 2 ? l[0] : `${l.slice(0, -1).join(', ')} and ${l[l.length - 1]}`);
  return byRange.map((g) => `${TLS_MODE_WORDS[g.mode]} on ${list(g.labels)}${note?.(g.mode) ?? ''}`).join('; ');
}

/**
 * True when `r` (laravelEncryption for the project's release) says every possible release sends in clear text: only
 * SwiftMailer releases (≤ 8) do, where setEncryption() is called only for a non-empty 'encryption' and SwiftMailer
 * 6 never sends STARTTLS otherwise (EsmtpTransport::doHeloCommand, `if ($this->params['tls'])`, v6.3.0 L344).
 * `written`: the value is written (MAIL_ENCRYPTION=null, 'encryption' => null) or the mailer array is the whole
 * config (config/mail.php without 'encryption'); a .env without MAIL_ENCRYPTION is not enough, because the 6.x–8.x
 * skeleton's config/mail.php reads env('MAIL_ENCRYPTION', 'tls').
 */
export function swiftMailerCleartext(r: LaravelEncryption, written: boolean): boolean {
  return written && r.mode === 'none' && r.byRange.every((g) => g.mode === 'none' && g.labels.every((l) => l.includes('SwiftMailer')));
}

/**
 * The first laravel/framework release whose MailManager::createSmtpTransport reads the mailer's 'scheme' (MAIL_SCHEME
 * in the 11.x skeleton): v9.51.0 (`$scheme = $config['scheme'] ?? null`, then the 'encryption' fallback). v9.0.0–v9.50.x
 * build the Dsn scheme from 'encryption' and the port only, and ≤ 8 (SwiftMailer) has no scheme at all: there the key
 * changes nothing. Checked in the tagged MailManager.php of v9.0.0, v9.1.0, v9.50.0, v9.51.0, v9.52.0, v10.0.0.
 */
export const LARAVEL_SCHEME_SINCE = '9.51.0';

/** True when every release the version allows ignores 'scheme' / MAIL_SCHEME; false or undefined otherwise. */
export function schemeIgnored(v: LibraryVersion | undefined): boolean {
  return !!v && atLeast(v.spec, LARAVEL_SCHEME_SINCE) === false;
}
