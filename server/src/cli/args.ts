// Command-line arguments of `mail-config-lint`. Hand-rolled (no dependency): a usage mistake is a
// UsageError with a one-line message, and the CLI exits 2.
export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'gitlab' | 'junit';

export interface CliArgs {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  /** With --fix: also apply preferred fixes marked unsafe (they change behaviour; review the diff). */
  unsafeFixes: boolean;
  config?: string;
  quiet: boolean;
  /** Warnings tolerated before the exit code becomes 1 (default 0: any warning fails). */
  maxWarnings: number;
  /** undefined: decide from the terminal and NO_COLOR / FORCE_COLOR. */
  color?: boolean;
  /** false with --no-ignore: .gitignore and .git/info/exclude are not read (node_modules/.git still skipped). */
  gitignore: boolean;
  /** --stdin: lint the text on standard input as if it were the file `stdinFilename`. */
  stdin: boolean;
  stdinFilename?: string;
  /** --concurrency: worker threads (a number), `auto` (default: workers only for big trees) or `off`. */
  concurrency: number | 'auto' | 'off';
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'];

export const HELP = `Usage: mail-config-lint [PATH...] [options]
       mail-config-lint test-connection [options]   (live SMTP probe; see test-connection --help)
       mail-config-lint discover ADDRESS|DOMAIN      (find SMTP settings; see discover --help)

Lints SMTP client settings in .env* files, YAML (compose, Kubernetes, CI, Spring) and nodemailer JS/TS.
PATH is a file or a folder (searched recursively, dotfiles included; node_modules and .git skipped, and
what .gitignore / .git/info/exclude ignore). Default: the current folder.

Options:
  -f, --format <name>             Output format: text (default), json, sarif (code scanning), github
                                  (workflow annotations), gitlab (Code Quality report), junit (XML)
      --fix                       Apply the safe preferred fix of each finding, then report what remains
      --unsafe-fixes              With --fix, also apply preferred fixes that change behaviour (e.g. turn
                                  certificate checks back on); review the diff
  -c, --config <file>             Use this config file instead of the nearest .mailconfiglintrc.json
      --no-ignore                 Also lint what .gitignore and .git/info/exclude ignore
      --stdin                     Lint standard input (with --stdin-filename: as that file; nothing else is read
                                  but the .env* files beside it and the config)
      --stdin-filename <path>     The file name standard input stands for (picks the reader; default .env)
      --concurrency <n|auto|off>  Lint in n worker threads; auto (default) uses one per core for big trees
                                  (2,000+ files), off lints on the main thread. Output order never changes
  -q, --quiet                     Report errors only (warnings and info are hidden and do not fail)
      --max-warnings <n>          Exit 1 only when there are more than n warnings (default: 0)
      --color, --no-color         Force colour on or off (default: on for a terminal; NO_COLOR/FORCE_COLOR honoured)
  -v, --version                   Print the version
  -h, --help                      Print this help

Exit status: 0 no warning or error finding, 1 at least one, 2 usage or configuration error.
Docs: https://github.com/mail-config-lint/mail-config-lint#readme
`;

export function parseArgs(argv: string[]): CliArgs {
  const a: CliArgs = {
    paths: [],
    format: 'text',
    fix: false,
    unsafeFixes: false,
    quiet: false,
    maxWarnings: 0,
    gitignore: true,
    stdin: false,
    concurrency: 'auto',
    help: false,
    version: false,
  };
  let endOfOptions = false;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (endOfOptions || !arg.startsWith('-') || arg === '-') {
      a.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      endOfOptions = true;
      continue;
    }
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`option ${arg} needs a value`);
      i++;
      return v;
    };
    const flag = () => {
      if (inline !== undefined) throw new UsageError(`option ${arg} takes no value`);
    };
    switch (arg) {
      case '-f':
      case '--format': {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`unknown format "${v}" (use ${FORMATS.join(', ')})`);
        a.format = v as OutputFormat;
        break;
      }
      case '--fix':
        flag();
        a.fix = true;
        break;
      case '--unsafe-fixes':
        flag();
        a.unsafeFixes = true;
        break;
      case '-c':
      case '--config':
        a.config = value();
        if (a.config === '') throw new UsageError('option --config needs a file name');
        break;
      case '-q':
      case '--quiet':
        flag();
        a.quiet = true;
        break;
      case '--max-warnings': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number ≥ 0, got "${v}"`);
        a.maxWarnings = Number(v);
        break;
      }
      case '--no-ignore':
        flag();
        a.gitignore = false;
        break;
      case '--stdin':
        flag();
        a.stdin = true;
        break;
      case '--stdin-filename':
        a.stdinFilename = value();
        if (a.stdinFilename === '') throw new UsageError('option --stdin-filename needs a file name');
        break;
      case '--concurrency': {
        const v = value();
        if (v === 'auto' || v === 'off') a.concurrency = v;
        else if (/^[1-9]\d{0,2}$/.test(v)) a.concurrency = Number(v);
        else throw new UsageError(`--concurrency needs a number of threads (1-999), auto or off, got "${v}"`);
        break;
      }
      case '--color':
        flag();
        a.color = true;
        break;
      case '--no-color':
        flag();
        a.color = false;
        break;
      case '-h':
      case '--help':
        flag();
        a.help = true;
        break;
      case '-v':
      case '--version':
        flag();
        a.version = true;
        break;
      default:
        throw new UsageError(`unknown option ${arg} (see --help)`);
    }
  }
  if (a.stdinFilename !== undefined && !a.stdin) throw new UsageError('--stdin-filename needs --stdin');
  if (a.stdin && a.paths.length) throw new UsageError('--stdin reads standard input: give no PATH (use --stdin-filename)');
  // Like ESLint: --fix never rewrites a buffer it only saw on stdin (the caller owns that text).
  if (a.stdin && a.fix) throw new UsageError('--fix cannot be used with --stdin');
  return a;
}
