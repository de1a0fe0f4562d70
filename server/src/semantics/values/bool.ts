// What a boolean-looking value means to the library (or app code) that reads it. Each vocabulary is written
// once here, with the code it comes from; readers say which vocabulary reads a setting, rules and fixes ask
// boolOf() and never parse text themselves.
import type { BoolReader, Dialect, Field } from '../../model/types';
import { LARAVEL_ENV_WORDS } from '../laravel-env';

export type { BoolReader };

/** Plain word lists (lower-case, trimmed). `rest` says what every other non-empty value means. */
interface Vocabulary {
  true: readonly string[];
  false: readonly string[];
  /** Any other non-empty value: true (truthy), false (falsy) or undefined (not a boolean: the app errors or
   *  the meaning depends on code we cannot see). */
  rest: boolean | undefined;
  /** What the empty string means. */
  empty: boolean | undefined;
  /** The words are compared case-sensitively (nconf, nodemailer URL query). */
  caseSensitive?: boolean;
}

const VOCABULARIES: Record<BoolReader, Vocabulary> = {
  // Node app code reading SMTP_* strings: the idioms in real projects are `=== 'true'`, `=== '1'`,
  // `['true','1','yes','on'].includes(v.toLowerCase())`. Other words (ssl, n, y) have no agreed meaning:
  // undefined, and env-string-as-boolean asks for true/false.
  'env-app': { true: ['true', '1', 'yes', 'on'], false: ['false', '0', 'no', 'off'], rest: undefined, empty: undefined },
  // A string handed as-is to a JS option (nodemailer tests `!!options.secure`): every non-empty string is truthy.
  'js-truthy': { true: [], false: [], rest: true, empty: false },
  // nodemailer lib/shared parseConnectionUrl: query values 'true'/'false' become booleans, others stay strings
  // (truthy); case-sensitive.
  'nodemailer-url': { true: ['true'], false: ['false'], rest: true, empty: false, caseSensitive: true },
  // Python settings: python-decouple Config._cast_boolean (_BOOLEANS: 1/yes/true/on, 0/no/false/off, '' → False),
  // django-environ Env.BOOLEAN_TRUE_STRINGS ('true','on','ok','y','yes','1'), distutils strtobool (y/t/n/f).
  python: { true: ['true', '1', 'yes', 'y', 'on', 'ok', 't'], false: ['false', '0', 'no', 'n', 'off', 'f'], rest: undefined, empty: false },
  // A Python str used as a boolean setting as is (os.environ.get('EMAIL_USE_TLS') with no cast: Django's
  // `if self.use_tls`): Python truth value testing, every non-empty string is true ("False" and " " included).
  'python-str': { true: [], false: [], rest: true, empty: false, caseSensitive: true },
  // Spring relaxed binding to a boolean property: spring-core StringToBooleanConverter (true/on/yes/1,
  // false/off/no/0, '' → null).
  spring: { true: ['true', 'on', 'yes', '1'], false: ['false', 'off', 'no', '0'], rest: undefined, empty: undefined },
  // JavaMail PropUtil.getBooleanProperty on the string Spring passes through spring.mail.properties.*:
  // Boolean.parseBoolean semantics, only "true" (any case) is true.
  javamail: { true: ['true'], false: [], rest: false, empty: false },
  // Laravel env() (Illuminate\Support\Env::get): 'true'/'(true)' → true, 'false'/'(false)' → false,
  // 'null'/'(null)'/'empty'/'(empty)' → null/''; other strings stay strings and PHP tests them for truthiness
  // ('' and '0' are falsy, everything else truthy).
  // (The words are LARAVEL_ENV_WORDS in semantics/laravel.ts, which also gives the null/'' distinction.)
  'laravel-env': { true: LARAVEL_ENV_WORDS.true, false: [...LARAVEL_ENV_WORDS.false, '0', ...LARAVEL_ENV_WORDS.null, ...LARAVEL_ENV_WORDS.empty], rest: true, empty: false },
  // PHP's (bool) cast of a string (WP Mail SMTP casts define()d constants): only '' and '0' are false, so the
  // string 'false' is true. (Typed values: semantics/phpmailer.ts phpBoolCast.)
  'php-cast': { true: [], false: ['0'], rest: true, empty: false, caseSensitive: true },
  // PHP filter_var(FILTER_VALIDATE_BOOL) as Symfony's EsmtpTransportFactory uses it on DSN options.
  'php-filter': { true: ['1', 'true', 'on', 'yes'], false: ['0', 'false', 'off', 'no'], rest: false, empty: false },
  // Ghost: nconf parseValues turns exactly 'true'/'false' into booleans and numeric strings into numbers ('0' → 0,
  // falsy); other strings stay strings (truthy when not empty) when nodemailer tests them.
  nconf: { true: ['true'], false: ['false'], rest: true, empty: false, caseSensitive: true },
  // Ruby apps comparing ENV strings (Mastodon `ENV['SMTP_TLS'] == 'true'`, Discourse GlobalSetting casts).
  ruby: { true: ['true', '1', 'yes', 'on'], false: ['false', '0', 'no', 'off'], rest: undefined, empty: undefined },
  // Ruby `ENV['X'] == 'true'` (Mastodon config/environments/production.rb `tls: ENV['SMTP_TLS'].presence &&
  // ENV['SMTP_TLS'] == 'true'`, same for SMTP_SSL): only the exact word true; True, yes, 1 are false.
  'ruby-eq-true': { true: ['true'], false: [], rest: false, empty: false, caseSensitive: true },
  // Ruby `ENV['X'] != 'false'` (Mastodon `enable_starttls_auto = ENV['SMTP_ENABLE_STARTTLS_AUTO'] != 'false'`):
  // only the exact word false is false; an empty value too is true.
  'ruby-ne-false': { true: [], false: ['false'], rest: true, empty: true, caseSensitive: true },
  // Go strconv.ParseBool (Grafana, Gitea through go-ini): 1/t/T/TRUE/true/True, 0/f/F/FALSE/false/False; the
  // existing readers also accept yes/no/on/off (go-ini Key.Bool() parses them).
  go: { true: ['1', 't', 'true', 'yes', 'y', 'on'], false: ['0', 'f', 'false', 'no', 'n', 'off'], rest: undefined, empty: undefined },
  // dawidd6/action-send-mail main.js: `secure === "true"`, `ignoreCert == "true"` on the input string: only the
  // exact word true (GitHub turns an unquoted YAML true/True/TRUE into "true"); an empty `secure` follows the
  // port (semantics/action-send-mail.ts actionSecure).
  'action-send-mail': { true: ['true'], false: [], rest: false, empty: undefined, caseSensitive: true },
  // A value whose reader is not modelled: only the unambiguous words.
  strict: { true: ['true'], false: ['false'], rest: undefined, empty: undefined },
};

/** The boolean `text` means to `reader`, or undefined when it is not a boolean to that reader. */
export function parseBool(text: string | undefined, reader: BoolReader): boolean | undefined {
  if (text === undefined) return undefined;
  const voc = VOCABULARIES[reader];
  const t = voc.caseSensitive ? text : text.trim().toLowerCase();
  if (t === '') return voc.empty;
  if (voc.true.includes(t)) return true;
  if (reader === 'nconf' && t.trim() !== '' && !isNaN(Number(t))) return Number(t) !== 0;
  if (voc.false.includes(t)) return false;
  return voc.rest;
}

/** `text` is one of the words `reader` knows as a boolean (not just truthy). */
export function isBoolWord(text: string | undefined, reader: BoolReader): boolean {
  if (text === undefined) return false;
  const voc = VOCABULARIES[reader];
  const t = voc.caseSensitive ? text : text.trim().toLowerCase();
  return voc.true.includes(t) || voc.false.includes(t);
}

/** Which vocabulary reads a dialect's settings when the reader did not say otherwise. */
export function dialectBoolReader(d: Dialect): BoolReader {
  switch (d) {
    case 'generic':
    case 'meteor':
      return 'env-app';
    case 'nodemailer':
      return 'js-truthy';
    case 'ghost':
      return 'nconf';
    case 'django':
      return 'python';
    case 'spring':
      return 'spring';
    case 'javamail':
      return 'javamail';
    case 'laravel':
      return 'laravel-env';
    case 'symfony':
      return 'php-filter';
    case 'mastodon':
    case 'discourse':
      return 'ruby';
    case 'grafana':
    case 'gitea':
      return 'go';
    case 'action-send-mail':
      return 'action-send-mail';
    default:
      return 'env-app';
  }
}

/**
 * The boolean a field means, or undefined (not a boolean to its reader, or not known). A typed value (JS
 * `false`, a boolean a reader already decided) is taken as is; text is read with the field's own vocabulary
 * (`f.boolReader`, set by the reader) or its dialect's.
 */
export function boolOf(f: Field | undefined, dialect?: Dialect): boolean | undefined {
  if (!f) return undefined;
  const v = f.value;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (f.site.style === 'js-prop' || f.site.style === 'js-expr') {
    if (f.kind !== 'literal') return undefined;
    // A JS string literal where a boolean is expected is truthy when not empty (nodemailer tests !!secure);
    // env-string-as-boolean reports it. Unquoted literals the reader did not type: minified !0 / !1.
    if (f.site.quote) return parseBool(typeof v === 'string' ? v : f.text, 'js-truthy');
    return f.text === '!0' ? true : f.text === '!1' ? false : undefined;
  }
  const s = typeof v === 'string' ? v : f.kind === 'literal' ? f.text : undefined;
  return parseBool(s, f.boolReader ?? (dialect ? dialectBoolReader(dialect) : 'strict'));
}

/** How a word says the boolean: the spellings a fix writes back, matching what the field already uses. */
export function boolText(like: Field | undefined, v: boolean, dflt: 'true' | 'True' = 'true'): string {
  const t = like?.text.trim() ?? '';
  if (/^(True|False)$/.test(t)) return v ? 'True' : 'False';
  if (/^(TRUE|FALSE)$/.test(t)) return v ? 'TRUE' : 'FALSE';
  if (/^[01]$/.test(t)) return v ? '1' : '0';
  if (/^(yes|no)$/i.test(t)) return v ? 'yes' : 'no';
  if (/^(on|off)$/i.test(t)) return v ? 'on' : 'off';
  if (/^(true|false)$/.test(t)) return v ? 'true' : 'false';
  return dflt === 'True' ? (v ? 'True' : 'False') : v ? 'true' : 'false';
}

/** The field is written as a canonical boolean word (a fix need not respell it). */
export function isCanonicalBoolText(text: string): boolean {
  return /^(true|false|True|False|TRUE|FALSE|[01]|yes|no|on|off)$/.test(text.trim());
}
