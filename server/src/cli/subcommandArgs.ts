// The argument walk shared by the subcommands (test-connection, discover): positionals, `--opt value`,
// `--opt=value`, and a usage error for an option that needs a value and has none.
export interface ArgToken {
  /** A positional argument (no leading '-', or '-' itself). */
  positional?: string;
  /** An option name ("--timeout", "-f"). */
  option?: string;
  /** Its value: inline after '=', or the next argument when the option is in `withValue`. */
  value?: string;
}

export function* argTokens(argv: string[], withValue: ReadonlySet<string>, usage: (message: string) => Error): Generator<ArgToken> {
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') {
      yield { positional: arg };
      continue;
    }
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (withValue.has(arg) && value === undefined) {
      value = argv[++i];
      if (value === undefined) throw usage(`${arg} needs a value`);
    }
    yield { option: arg, value };
  }
}

/** The per-step time limit of `--timeout` (the probe's range), or the usage error's message. */
export function stepTimeoutMs(value: string | undefined, usage: (message: string) => Error): number {
  const n = Number(value);
  if (!/^\d+$/.test(value ?? '') || n < 100 || n > 120000) throw usage(`--timeout must be 100-120000 ms, got "${value}"`);
  return n;
}
