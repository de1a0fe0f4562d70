// The Ruby mail gem's SMTP delivery method (what Rails ActionMailer's smtp_settings and `delivery_method :smtp,
// {...}` are handed to): what its settings mean, per release. Read in mikel/mail
// lib/mail/network/delivery_methods/smtp.rb at the tags 2.7.1, 2.8.0, 2.8.1 and 2.9.1 (d645d7b), and in
// ruby/net-smtp lib/net/smtp.rb (0.5.1: Net::SMTP.new defaults tls: false, starttls: :auto, open_timeout 30,
// read_timeout 60) [MAILGEM; rules-research-polyglot §6; rules-research §4.6].
//
// Release differences that change a verdict:
//   ≤ 2.7   tls/ssl truthy → implicit TLS (wins silently over the STARTTLS flags); else enable_starttls truthy →
//           STARTTLS always; else enable_starttls_auto (default true) → STARTTLS when offered.
//   2.8.x   `tls = settings[:tls] || settings[:ssl]` must be exactly true/false, enable_starttls and
//           enable_starttls_auto too: anything else (a String from ENV, the Symbol :always) raises
//           ArgumentError "Unrecognized :tls value …". tls true still wins over STARTTLS flags.
//   ≥ 2.9   (commits 8abd774c/ba3f15fd, first released in 2.9.0, 2025-10): any truthy tls/ssl means implicit TLS, and
//           together with a truthy enable_starttls or enable_starttls_auto raises ArgumentError ":enable_starttls
//           and :tls are mutually exclusive"; enable_starttls accepts :always/:auto/true/false; none of the four
//           set → :auto.
// `tls` and `ssl` are synonyms for implicit TLS (SMTPS, port 465) in every release — unlike PHPMailer's 'tls',
// which means STARTTLS. Port 465 without them hangs until read_timeout (5 s since 2.8: Net::ReadTimeout); tls on
// 587 fails with "SSL_connect … wrong version number".
import type { EffectiveConnection } from '../model/types';
import * as path from 'node:path';
import { atLeast, registerVersionDetector, type VersionDetector } from './versions';

/** A Ruby value as the reader saw it: undefined = not known (an expression, an unresolved ENV read). Symbols are
 *  `{ symbol: 'always' }`, strings and numbers as themselves, nil = null. */
export type RubyValue = string | number | boolean | null | { symbol: string } | undefined;

/** Ruby truthiness: everything but nil and false. undefined when the value is not known. */
export function rubyTruthy(v: RubyValue): boolean | undefined {
  if (v === undefined) return undefined;
  return !(v === null || v === false);
}

/** The library id whose release decides (Gemfile.lock `mail (x.y.z)`). */
export const MAIL_GEM = 'mail';
/** The first release that raises ArgumentError for tls/ssl together with a STARTTLS flag. */
export const MUTUAL_EXCLUSION_SINCE = '2.9.0';
/** The first release that accepts only true/false for tls and the STARTTLS flags (until 2.9 relaxed it). */
export const STRICT_BOOLEANS_SINCE = '2.8.0';

/** Which release line a version spec falls in: '2.9' (≥ 2.9), '2.8', 'old' (< 2.8), or undefined (unknown / spans). */
export function mailGemLine(spec: string | undefined): '2.9' | '2.8' | 'old' | undefined {
  if (!spec) return undefined;
  const ge29 = atLeast(spec, MUTUAL_EXCLUSION_SINCE);
  if (ge29) return '2.9';
  const ge28 = atLeast(spec, STRICT_BOOLEANS_SINCE);
  if (ge28 === false) return 'old';
  if (ge28 && ge29 === false) return '2.8';
  return undefined;
}

export interface MailGemSettings {
  host?: string | null;
  port?: number | null;
  /** tls: / ssl: as written (absent = not written). */
  tls: RubyValue | 'absent';
  ssl: RubyValue | 'absent';
  enableStarttls: RubyValue | 'absent';
  enableStarttlsAuto: RubyValue | 'absent';
}

const present = (v: RubyValue | 'absent'): v is Exclude<RubyValue, undefined> => v !== 'absent' && v !== undefined && v !== null;

/** tls/ssl together with a truthy STARTTLS flag: mail ≥ 2.9 raises ArgumentError when it builds the session. */
export function starttlsConflict(s: MailGemSettings): boolean | undefined {
  const t = [s.tls, s.ssl].map((v) => (v === 'absent' ? false : rubyTruthy(v)));
  const st = [s.enableStarttls, s.enableStarttlsAuto].map((v) => (v === 'absent' ? false : rubyTruthy(v)));
  const tls = t.includes(true) ? true : t.includes(undefined) ? undefined : false;
  const start = st.includes(true) ? true : st.includes(undefined) ? undefined : false;
  if (tls === false || start === false) return false;
  return tls && start ? true : undefined;
}

/** The words the ArgumentError says (quoted in messages). */
export const MUTUAL_EXCLUSION_ERROR = 'ArgumentError (:enable_starttls and :tls are mutually exclusive)';

/**
 * The connection mail ≥ 2.9 makes (the current release; older ones differ only where they raise or where tls wins
 * silently, which the rules say with the detected release). Host and port default to localhost:25 [MAILGEM L87-100].
 */
export function mailGemEffective(s: MailGemSettings): EffectiveConnection {
  const host = s.host === null ? 'localhost' : s.host;
  const port = s.port === null ? 25 : s.port;
  const unknown = (what: string): EffectiveConnection => ({ host, port, tlsMode: 'unknown', because: `${what} is not known` });
  const truthy = (v: RubyValue | 'absent') => (v === 'absent' ? false : rubyTruthy(v));
  const tls = truthy(s.tls);
  const ssl = truthy(s.ssl);
  if (tls === undefined || ssl === undefined) return unknown(tls === undefined ? 'tls' : 'ssl');
  if (tls || ssl) {
    const conflict = starttlsConflict(s) ? `; with ${truthy(s.enableStarttls) ? 'enable_starttls' : 'enable_starttls_auto'} also on, mail ≥ ${MUTUAL_EXCLUSION_SINCE} raises ${MUTUAL_EXCLUSION_ERROR}` : '';
    return { host, port, tlsMode: 'implicit', because: `${tls ? 'tls' : 'ssl'}: true: the mail gem starts TLS from the first byte (SMTPS)${conflict}` };
  }
  const st = s.enableStarttls;
  if (st !== 'absent' && st !== null && st !== false) {
    if (st === undefined) return unknown('enable_starttls');
    // provided and truthy: :auto → when offered, anything else → always
    if (typeof st === 'object' && st.symbol === 'auto') return { host, port, tlsMode: 'starttls-opportunistic', because: 'enable_starttls: :auto: STARTTLS only when the server offers it' };
    return { host, port, tlsMode: 'starttls-required', because: 'enable_starttls on: STARTTLS is mandatory (the session fails when it is not offered)' };
  }
  const auto = s.enableStarttlsAuto;
  if (auto !== 'absent' && auto !== null) {
    if (auto === undefined) return unknown('enable_starttls_auto');
    return rubyTruthy(auto)
      ? { host, port, tlsMode: 'starttls-opportunistic', because: 'enable_starttls_auto: true: STARTTLS only when the server offers it, else clear text' }
      : { host, port, tlsMode: 'none', because: 'enable_starttls_auto: false: the mail gem never sends STARTTLS' };
  }
  if (st === false) return { host, port, tlsMode: 'none', because: 'enable_starttls: false: the mail gem never sends STARTTLS' };
  return { host, port, tlsMode: 'starttls-opportunistic', because: 'no tls/ssl/enable_starttls setting: the mail gem uses STARTTLS only when the server offers it (:auto)' };
}

/** openssl_verify_mode: a String is upper-cased into OpenSSL::SSL::VERIFY_<X> [MAILGEM L185-196]; the constant or an
 *  Integer (VERIFY_NONE = 0) as written. true = verification on, false = off, undefined = not known / not a mode. */
export function verifyModeOn(v: RubyValue, constantText?: string): boolean | undefined {
  if (constantText !== undefined) {
    const m = /VERIFY_([A-Z_]+)$/.exec(constantText.replace(/\s+/g, ''));
    return m ? m[1] !== 'NONE' : undefined;
  }
  if (typeof v === 'number') return v !== 0;
  const word = typeof v === 'string' ? v : v && typeof v === 'object' ? v.symbol : undefined;
  if (word === undefined) return undefined;
  const w = word.trim().toUpperCase();
  if (w === 'NONE') return false;
  if (w === 'PEER' || w === 'FAIL_IF_NO_PEER_CERT' || w === 'CLIENT_ONCE') return true;
  return undefined;
}

/** ActiveModel::Type::Boolean#cast (activemodel lib/active_model/type/boolean.rb FALSE_VALUES): what a Rails app
 *  reads from ENV with `ActiveModel::Type::Boolean.new.cast(ENV['X'])`. '' → nil. */
export function activeModelBoolean(s: string): boolean | null {
  if (s === '') return null;
  return !['false', 'FALSE', 'False', 'f', 'F', '0', 'off', 'OFF', 'Off'].includes(s);
}

/** Ruby String#to_i: leading optional sign and digits (underscores between digits), else 0. */
export function rubyToI(s: string): number {
  const m = /^\s*([+-]?\d+(?:_\d+)*)/.exec(s);
  return m ? Number(m[1].replace(/_/g, '')) : 0;
}

/** Gems whose release a Ruby project's lockfile names (the mail gem decides; actionmailer and net-smtp for messages). */
export const RUBY_GEMS: ReadonlySet<string> = new Set(['mail', 'actionmailer', 'net-smtp']);

/** The resolved version of `gem` in a Bundler lockfile: the `    name (x.y.z)` line of a specs: block (4 spaces;
 *  dependency lines are indented 6 and carry requirements, not versions). */
export function gemLockVersion(lock: string, gem: string): string | undefined {
  const esc = gem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^ {4}${esc} \\(([0-9][^)\\s]*)\\)\\s*$`, 'm').exec(lock);
  return m ? m[1].replace(/-[a-z].*$/, '') : undefined;
}

/** Gemfile.lock (or gems.locked) next to a Ruby project. */
const gemfileLockDetector: VersionDetector = {
  handles: (lib) => RUBY_GEMS.has(lib),
  detect(dir, lib, read) {
    for (const name of ['Gemfile.lock', 'gems.locked']) {
      const text = read(path.join(dir, name));
      const v = text ? gemLockVersion(text, lib) : undefined;
      if (v) return { spec: v, source: name };
    }
    return undefined;
  },
};
registerVersionDetector(gemfileLockDetector);

/** A Ruby literal written as `true` (a fix that keeps it can rename the key and leave the value). */
export const isRubyTrueLiteral = (text: string): boolean => text === 'true';

/** A Ruby literal that is off: `false` or `nil` (every other value is truthy in Ruby). */
export const isRubyOffLiteral = (text: string): boolean => text === 'false' || text === 'nil';

/** enable_starttls literals that mean mandatory STARTTLS in the mail gem: `true` and `:always`. */
export const isStarttlsAlwaysLiteral = (text: string): boolean => text === 'true' || text === ':always';
