// The language registry: every programming language Mail Config Lint reads (beyond its built-in .env, YAML and
// JS/TS readers), in one place. Pure data: the CLI's file discovery, the engine's prefilter, the language
// server's comment markers and the tests read it; the client mirrors the language ids (test/cli/languages.test.ts
// checks that package.json and client/src/extension.ts list every one).
//
// How to add a language (the second language issue: Java, Ruby, .NET, Go, INI):
//  1. model/types.ts: add its Format ('java') and its SiteStyle ('java-code'); add the library dialects.
//  2. Grammar (if it needs a parser): server/src/languages/grammars/<name>.ts re-exports the grammar
//     (`export { parser } from '@lezer/java';`) and GRAMMAR_PACKAGES in grammars.ts maps <name> to its package.
//     scripts/build.mjs bundles each file of that folder as dist/grammars/<name>.js, with the Lezer runtime
//     shared in dist/grammars/lezer-runtime.js; loadGrammar('<name>') requires it the first time a file of the
//     language gets past the prefilter, so a grammar costs nothing (no load, no parse) until then.
//     Line-based formats (INI, .properties) need no grammar: scan the text.
//  3. Reader: server/src/readers/<lang>/index.ts calls registerReader({ format, mayContainMail, read }), with
//     mayContainMail = hasPrefilterWord(LANGUAGE.prefilterWords, text). It finds where settings are written,
//     builds Fields with Sites of its style (Site.template = the entry with `{key}`/`{value}`), and asks the
//     semantics modules (server/src/semantics/<library>.ts) what they mean. Env reads go through ctx.env (the
//     .env / compose / k8s values of the workspace), like process.env.X in JS.
//  4. Renderer: server/src/fixes/render-<lang>.ts: registerRenderer(['<lang>-code'], codeRenderer(spellLiteral)),
//     where spellLiteral writes a boolean/string/number/null in the language's syntax (render-code.ts does the rest).
//  5. Expresser per library: server/src/fixes/dialects/<library>.ts (registerExpresser), if the rules' intents
//     need library words (e.g. SMTPSecure = PHPMailer::ENCRYPTION_SMTPS).
//  6. Register: an entry in LANGUAGES below; import the reader, renderer and expressers in server/src/register.ts.
//  7. Editor: package.json activationEvents `onLanguage:<id>` and the editor/context `when` clause of Test SMTP
//     Connection; client/src/extension.ts LANGUAGES (the document selector).
import * as path from 'node:path';
import type { Format } from '../model/types';

export interface LanguageSpec {
  /** The Format its reader produces (the key of the reader registry, readers/index.ts). */
  format: Format;
  /** Human name for messages and docs. */
  name: string;
  /** VS Code / LSP language ids of its documents (the client's document selector). */
  languageIds: string[];
  /** Lower-case file extensions with the dot. */
  extensions: string[];
  /** Exact base names (for extensionless files, e.g. Ruby's `Gemfile`), if any. */
  fileNames?: string[];
  /** Words of which at least one must be in a file before it is parsed (case-sensitive substring test):
   *  a file without any costs a read, never a parse or a grammar load. */
  prefilterWords: string[];
  /** Line comment marker, for `mail-config-lint-disable-next-line` comments the language server inserts. */
  lineComment: string;
  /** Dependency / cache folders the CLI does not walk (vendored libraries are not the project's config). */
  skipDirs: string[];
}

export const LANGUAGES: readonly LanguageSpec[] = [
  {
    format: 'php',
    name: 'PHP',
    languageIds: ['php'],
    extensions: ['.php'],
    // SMTP: isSMTP(), SMTPSecure, SMTPOptions, WPMS_SMTP_*; smtp: Laravel's 'transport' => 'smtp'.
    prefilterWords: ['SMTP', 'smtp', 'WPMS_'],
    lineComment: '//',
    skipDirs: ['vendor'],
  },
  {
    format: 'python',
    name: 'Python',
    languageIds: ['python'],
    extensions: ['.py'],
    // MAIL_ also matches EMAIL_ (Django); smtplib also aiosmtplib; SMTP: SMTP_SSL, smtplib.SMTP.
    prefilterWords: ['MAIL_', 'smtplib', 'SMTP'],
    lineComment: '#',
    skipDirs: ['.venv', 'venv', '__pycache__', 'site-packages', '.tox'],
  },
  {
    format: 'java',
    name: 'Java',
    languageIds: ['java'],
    extensions: ['.java'],
    // mail.smtp(s).* / mail.debug property names, Spring's JavaMailSenderImpl setters.
    prefilterWords: ['mail.smtp', 'mail.debug', 'mail.transport', 'JavaMailSender'],
    lineComment: '//',
    skipDirs: ['target', '.gradle', '.m2'],
  },
  {
    format: 'go',
    name: 'Go',
    languageIds: ['go'],
    extensions: ['.go'],
    // net/smtp and go-mail/gomail import paths; InsecureSkipVerify only counts in a file that also sends mail.
    prefilterWords: ['net/smtp', 'gomail', 'go-mail'],
    lineComment: '//',
    skipDirs: ['vendor'],
  },
  {
    format: 'csharp',
    name: 'C#',
    languageIds: ['csharp'],
    extensions: ['.cs'],
    // SmtpClient: System.Net.Mail and MailKit; MailKit / SecureSocketOptions: MailKit's Connect. No grammar: a
    // tokenizer (readers/csharp/tokens.ts), so nothing to load lazily.
    prefilterWords: ['SmtpClient', 'MailKit', 'SecureSocketOptions'],
    lineComment: '//',
    // Build output only. Not `packages/` (NuGet's old restore folder): the skip list is global, and
    // `packages/` is where JS and other monorepos keep their code.
    skipDirs: ['bin', 'obj'],
  },
  {
    format: 'ruby',
    name: 'Ruby',
    languageIds: ['ruby'],
    extensions: ['.rb'],
    // smtp: smtp_settings, delivery_method :smtp (and SMTP in ENV names)
    prefilterWords: ['smtp', 'SMTP'],
    lineComment: '#',
    skipDirs: ['vendor', '.bundle'],
  },
];

const byExt = new Map<string, LanguageSpec>();
const byName = new Map<string, LanguageSpec>();
const byFormat = new Map<Format, LanguageSpec>();
for (const l of LANGUAGES) {
  for (const e of l.extensions) byExt.set(e, l);
  for (const n of l.fileNames ?? []) byName.set(n, l);
  byFormat.set(l.format, l);
}

/** The registered language of a file name, if any. */
export function languageOfFile(file: string): LanguageSpec | undefined {
  const base = path.basename(file);
  return byName.get(base) ?? byExt.get(path.extname(base).toLowerCase());
}

export function languageOfFormat(format: Format): LanguageSpec | undefined {
  return byFormat.get(format);
}

/** Every folder name some language's dependencies live in (the CLI skips them). */
export const LANGUAGE_SKIP_DIRS: ReadonlySet<string> = new Set(LANGUAGES.flatMap((l) => l.skipDirs));

/** Every LSP language id of the registered languages. */
export const LANGUAGE_IDS: readonly string[] = LANGUAGES.flatMap((l) => l.languageIds);

/** The prefilter: does `text` hold one of `words`? */
export function hasPrefilterWord(words: readonly string[], text: string): boolean {
  for (const w of words) if (text.includes(w)) return true;
  return false;
}
