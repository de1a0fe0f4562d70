// Which files are env files, and which one wins when several define a key. The only place that decides
// env-file names: the readers (formatOf), the engine's EnvIndex, the CLI discovery and the language server
// ask here; the extension's language association (package.json filenamePatterns) and the client's ENV_PATTERNS
// are checked against TEMPLATE_NAMES by test/semantics/env-files.test.ts.
//
// Precedence follows the dotenv-flow / Vite / Next.js convention: `.env.<mode>.local` and `.env.local` (the
// developer's real values) > `.env.<mode>` (and `<name>.env`) > `.env` > templates (committed examples whose
// values are placeholders). Each key resolves on its own, so a key the best file lacks comes from the next one.

/** Template file names: linted themselves, but their values lose to any real env file. */
export const TEMPLATE_NAMES: readonly string[] = ['.env.example', '.env.sample', '.env.dist', '.env.template', '.envexample', 'env.example', 'example.env', '.env-example'];

const TEMPLATE_SUFFIX = /[.-](example|sample|dist|template|tmpl|defaults?)$/i;

/** The base name is an env file (`.env`, `.env.*`, `*.env`, or a template name). */
export function isEnvFileName(base: string): boolean {
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return true;
  return TEMPLATE_NAMES.includes(base.toLowerCase()) || /^\.env[-_.]?(example|sample|dist|template)$/i.test(base);
}

/** A committed template (values are examples, not the running configuration). */
export function isEnvTemplate(base: string): boolean {
  const b = base.toLowerCase();
  return TEMPLATE_NAMES.includes(b) || TEMPLATE_SUFFIX.test(b) || /^(example|sample)\.env$/.test(b);
}

/** Sort key of an env file in one folder: lower wins. 0 local, 1 mode, 2 `.env`, 3 template; name order within. */
export function envFileRank(base: string): string {
  const b = base.toLowerCase();
  if (isEnvTemplate(b)) return `3${b}`;
  if (b === '.env.local' || /^\.env\.[^.]+\.local$/.test(b)) return `0${b}`;
  if (b === '.env') return '2';
  return `1${b}`;
}

/** Globs for editors and file watchers (every name isEnvFileName accepts). */
export const ENV_FILE_GLOBS: readonly string[] = ['**/.env', '**/.env.*', '**/*.env', '**/.envexample', '**/.env-example', '**/env.example'];
