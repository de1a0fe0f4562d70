// Which files are env files, and which one wins when several define a key. The only place that decides
// env-file names: ENV_FILE_NAME_GLOBS below is the one list. The readers (formatOf, hence the CLI discovery),
// the engine's EnvIndex, the language server's file watchers (lsp/watchers.ts) and the extension's document
// selector (client/src/extension.ts imports this module: it imports nothing, scripts/bundle-guard.mjs lets the
// client bundle it) use it; package.json's dotenv association cannot import, so test/semantics/env-files.test.ts
// checks that it lists exactly these globs.
//
// Precedence follows the dotenv-flow / Vite / Next.js convention: `.env.<mode>.local` and `.env.local` (the
// developer's real values) > `.env.<mode>` (and `<name>.env`) > `.env` > templates (committed examples whose
// values are placeholders). Each key resolves on its own, so a key the best file lacks comes from the next one.

/** Template file names: linted themselves, but their values lose to any real env file. */
export const TEMPLATE_NAMES: readonly string[] = ['.env.example', '.env.sample', '.env.dist', '.env.template', '.envexample', 'env.example', 'example.env', '.env-example'];

const TEMPLATE_SUFFIX = /[.-](example|sample|dist|template|tmpl|defaults?)$/i;

/** Base-name globs of env files (`*`: any characters but a path separator), in the form VS Code's
 *  `filenamePatterns` takes. `.env.*` and `*.env` cover `.env.example`, `.env.sample`, `.env.dist`,
 *  `.env.template` and `example.env`; the template names without that dot are listed one by one. */
export const ENV_FILE_NAME_GLOBS: readonly string[] = [
  '.env',
  '.env.*',
  '*.env',
  ...['example', 'sample', 'dist', 'template'].flatMap((w) => [`.env${w}`, `.env-${w}`, `.env_${w}`]),
  'env.example',
];

const ENV_NAME_RES = ENV_FILE_NAME_GLOBS.map((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '[^/\\\\]*')}$`, 'i'));

/** The base name is an env file: it matches one of ENV_FILE_NAME_GLOBS (case-insensitively). */
export function isEnvFileName(base: string): boolean {
  return ENV_NAME_RES.some((re) => re.test(base));
}

/** A committed template (values are examples, not the running configuration). */
export function isEnvTemplate(base: string): boolean {
  const b = base.toLowerCase();
  return TEMPLATE_NAMES.includes(b) || TEMPLATE_SUFFIX.test(b) || /^(example|sample)\.env$/.test(b);
}

/** Sort key of an env file in one folder: lower wins. 0 local, 1 mode, 2 `.env`, 3 template; name order within.
 *  9: a compose file's `environment:` values for its build context lose to every env file there (a variable no env
 *  file defines takes the compose value; dotenv libraries do not override the container's variables either way). */
export function envFileRank(base: string): string {
  const b = base.toLowerCase();
  if (isComposeFileName(b)) return `9${b}`;
  if (isEnvTemplate(b)) return `3${b}`;
  if (b === '.env.local' || /^\.env\.[^.]+\.local$/.test(b)) return `0${b}`;
  if (b === '.env') return '2';
  return `1${b}`;
}

/** ENV_FILE_NAME_GLOBS at any depth, for file watchers and document selectors. */
export const ENV_FILE_GLOBS: readonly string[] = ENV_FILE_NAME_GLOBS.map((g) => `**/${g}`);

/** Docker Compose file names (`docker-compose.yml`, `compose.yaml`, `docker-compose.prod.yml`, `compose.override.yaml`):
 *  their services' `environment:` values feed env reads in the code of each service's build context. */
export function isComposeFileName(base: string): boolean {
  return /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i.test(base);
}

/**
 * The folder a compose service's `build:` names (`build: ./api`, `build: {context: ./api}`, `build: {}` = the compose
 * file's folder), relative to the compose file's folder, or undefined for a remote context (a Git URL) or none. The
 * service's `environment:` is what the code built from that folder sees as its environment.
 */
export function composeBuildContext(build: string | { context?: string } | undefined): string | undefined {
  if (build === undefined) return undefined;
  const ctx = typeof build === 'string' ? build : (build.context ?? '.');
  if (!ctx.trim() || /^[a-z][a-z0-9+.-]*:\/\//i.test(ctx) || /^git@/.test(ctx) || ctx.includes('${')) return undefined;
  return ctx.trim();
}
