// Laravel's env() helper (Illuminate\Support\Env::get, laravel/framework src/Illuminate/Support/Env.php):
// the words it converts. Kept apart from semantics/laravel.ts so that values/bool.ts can build its
// 'laravel-env' vocabulary from the same list without importing the Laravel transport model.

/** The words env() converts (compared lower-cased): to true, false, '' and null. */
export const LARAVEL_ENV_WORDS = {
  true: ['true', '(true)'],
  false: ['false', '(false)'],
  empty: ['empty', '(empty)'],
  null: ['null', '(null)'],
} as const;

/** What Laravel's env() returns for a variable's text: 'true'/'(true)' and 'false'/'(false)' become booleans,
 *  'empty'/'(empty)' '', 'null'/'(null)' null; anything else stays a string. (PHPMailer apps read their
 *  settings through it as often as through getenv(), which converts nothing.) */
export function laravelEnvValue(v: string): string | boolean | null {
  const low = v.toLowerCase();
  const is = (words: readonly string[]) => words.includes(low);
  if (is(LARAVEL_ENV_WORDS.true)) return true;
  if (is(LARAVEL_ENV_WORDS.false)) return false;
  if (is(LARAVEL_ENV_WORDS.empty)) return '';
  if (is(LARAVEL_ENV_WORDS.null)) return null;
  return v;
}

/** A value Laravel's mail config treats as "not set": what env() turns into null or '' (above), the empty
 *  text, and the spellings 'none' / '~' (YAML null) that templates use for "no value" (kept from the reader's
 *  earlier rule: a MAIL_ENCRYPTION=none or MAIL_USERNAME=~ is not a real value). */
export function laravelUnset(s: string | undefined): boolean {
  if (s === undefined) return true;
  const t = s.trim().toLowerCase();
  return t === '' || t === 'none' || t === '~' || (LARAVEL_ENV_WORDS.null as readonly string[]).includes(t) || (LARAVEL_ENV_WORDS.empty as readonly string[]).includes(t);
}
