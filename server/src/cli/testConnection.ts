// `mail-config-lint test-connection [FILE[:LINE]] [options]`: the live SMTP probe from the command line.
// Flags override what the file says. Exit 0 = works as configured, 1 = a problem was diagnosed, 2 = usage.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvIndex, envVarsOf, lintText } from '../engine';
import { LineIndex } from '../model/lineIndex';
import type { SmtpConfig } from '../model/types';
import { formatOf } from '../readers/index';
import { envFilesNear } from '../files/env-near';
import { configAt, formatText, parseSweepPorts, stepLine, targetFromConfig, testConnection, toJson, DEFAULT_TIMEOUT_MS } from '../probe/index';
import type { ProbeTarget, ProbeTls } from '../probe/types';
import type { SweepPort } from '../probe/sweep';
import { argTokens, stepTimeoutMs } from './subcommandArgs';

export const TEST_CONNECTION_HELP = `Usage: mail-config-lint test-connection [FILE[:LINE]] [options]

Connects to the SMTP server a configuration describes and checks it step by step: DNS, TCP, banner,
EHLO, STARTTLS or implicit TLS (certificate, protocol), AUTH (only with a password, only over TLS), QUIT.
Never sends mail. FILE is a .env*, YAML or JS/TS file; LINE picks the configuration on that line.

Options (override the file):
      --host <host>               Server host name or IP
      --port <port>               Server port
      --tls <implicit|starttls|none>
      --user <user>               User name for AUTH
      --password-env <VAR>        Read the password from environment variable VAR (never pass it as an argument)
      --ca <file>                 Trust this CA certificate (PEM) instead of the system roots
      --servername <name>         Name the certificate must match (and TLS SNI), e.g. when --host is an IP
      --timeout <ms>              Per-step timeout (default ${DEFAULT_TIMEOUT_MS})
      --sweep                     Also probe ports 465, 587, 2525 and 25 in parallel and recommend one
      --sweep-ports <list>        Ports for --sweep, e.g. 465,587 or 2465:implicit,2587:starttls
      --allow-plaintext-auth      Send AUTH even without TLS (this run only; not recommended)
      --ehlo <name>               Name sent in EHLO (default mail-config-lint.invalid)
      --no-transcript             Text output without the SMTP transcript
      --verbose                   Print each step and transcript line to stderr as it happens
  -f, --format <text|json>        Output format (default: text)
  -h, --help                      Print this help

Exit status: 0 works as configured, 1 a problem was diagnosed, 2 usage error.
`;

export interface TestConnectionIO {
  stdout(s: string): void;
  stderr(s: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  signal?: AbortSignal;
}

class Usage extends Error {}

interface Args {
  file?: string;
  line?: number;
  host?: string;
  port?: number;
  tls?: ProbeTls;
  user?: string;
  passwordEnv?: string;
  ca?: string;
  servername?: string;
  timeout?: number;
  sweep: boolean;
  sweepPorts?: SweepPort[];
  allowPlaintextAuth: boolean;
  ehlo?: string;
  transcript: boolean;
  verbose: boolean;
  format: 'text' | 'json';
  help: boolean;
}

const WITH_VALUE = new Set(['--host', '--port', '--tls', '--user', '--password-env', '--ca', '--servername', '--timeout', '--sweep-ports', '--format', '-f', '--ehlo']);

function parse(argv: string[], cwd: string): Args {
  const a: Args = { sweep: false, allowPlaintextAuth: false, transcript: true, verbose: false, format: 'text', help: false };
  const positional: string[] = [];
  for (const t of argTokens(argv, WITH_VALUE, (m) => new Usage(m))) {
    if (t.positional !== undefined) {
      positional.push(t.positional);
      continue;
    }
    const arg = t.option!;
    const value = t.value;
    switch (arg) {
      case '--host':
        if (!value!.trim()) throw new Usage('--host is empty');
        a.host = value!.trim();
        break;
      case '--port': {
        const n = Number(value);
        if (!/^\d+$/.test(value!) || n < 1 || n > 65535) throw new Usage(`--port must be 1-65535, got "${value}"`);
        a.port = n;
        break;
      }
      case '--tls':
        if (value !== 'implicit' && value !== 'starttls' && value !== 'none') throw new Usage(`--tls must be implicit, starttls or none, got "${value}"`);
        a.tls = value;
        break;
      case '--user':
        a.user = value;
        break;
      case '--password-env':
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value!)) throw new Usage(`--password-env takes a variable NAME, got "${value!.slice(0, 2)}…"`);
        a.passwordEnv = value;
        break;
      case '--ca':
        a.ca = path.resolve(cwd, value!);
        break;
      case '--servername':
        a.servername = value;
        break;
      case '--timeout':
        a.timeout = stepTimeoutMs(value, (m) => new Usage(m));
        break;
      case '--sweep':
        a.sweep = true;
        break;
      case '--sweep-ports':
        try {
          a.sweepPorts = parseSweepPorts(value!);
        } catch (e) {
          throw new Usage((e as Error).message);
        }
        a.sweep = true;
        break;
      case '--allow-plaintext-auth':
        a.allowPlaintextAuth = true;
        break;
      case '--ehlo':
        a.ehlo = value;
        break;
      case '--no-transcript':
        a.transcript = false;
        break;
      case '--verbose':
        a.verbose = true;
        break;
      case '--format':
      case '-f':
        if (value !== 'text' && value !== 'json') throw new Usage(`--format must be text or json, got "${value}"`);
        a.format = value;
        break;
      case '--help':
      case '-h':
        a.help = true;
        break;
      case '--password':
        throw new Usage('--password is not supported (it would end up in shell history and process lists): use --password-env VAR');
      default:
        throw new Usage(`unknown option ${arg}`);
    }
  }
  if (positional.length > 1) throw new Usage(`one FILE at most, got ${positional.length}`);
  if (positional.length === 1) {
    const p = positional[0];
    const abs = path.resolve(cwd, p);
    if (fs.existsSync(abs)) a.file = abs;
    else {
      const m = /^(.*):(\d+)$/.exec(p);
      const f = m && path.resolve(cwd, m[1]);
      if (!m || !fs.existsSync(f!)) throw new Usage(`no such file: ${p}`);
      a.file = f!;
      a.line = Number(m[2]);
      if (a.line < 1) throw new Usage(`line numbers start at 1: ${p}`);
    }
  }
  return a;
}

/** Variables of the env files next to `file` and in its parent folders (files/env-near.ts; the EnvIndex ranks
 *  them: nearer folders, then real files above templates), for process.env.X in JS/TS. */
function envIndexFor(file: string): EnvIndex {
  const idx = new EnvIndex();
  for (const f of envFilesNear(file, { maxDepth: 8 })) {
    try {
      const st = fs.statSync(f);
      if (!st.isFile() || st.size > 1_000_000) continue;
      const vars = envVarsOf(f, fs.readFileSync(f, 'utf8'));
      if (vars) idx.set(f, vars);
    } catch {
      /* unreadable: skip */
    }
  }
  return idx;
}

export async function runTestConnection(argv: string[], io?: TestConnectionIO): Promise<number> {
  const out: TestConnectionIO = io ?? {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
  };
  let args: Args;
  try {
    args = parse(argv, out.cwd);
  } catch (e) {
    if (e instanceof Usage) {
      out.stderr(`mail-config-lint test-connection: ${e.message}\n(see mail-config-lint test-connection --help)\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    out.stdout(TEST_CONNECTION_HELP);
    return 0;
  }

  const target: Partial<ProbeTarget> = {};
  const notes: string[] = [];
  let config: { cfg: SmtpConfig; text: string } | undefined;
  let lines: LineIndex | undefined;
  if (args.file) {
    let text: string;
    try {
      text = fs.readFileSync(args.file, 'utf8');
    } catch (e) {
      out.stderr(`mail-config-lint test-connection: cannot read ${args.file}: ${(e as Error).message}\n`);
      return 2;
    }
    const env = formatOf(args.file) === 'env' ? undefined : envIndexFor(args.file);
    const res = lintText(args.file, text, { env });
    const configs = res.read?.configs ?? [];
    lines = new LineIndex(text);
    const lineStart = args.line ? lines.lineStart(args.line - 1) : undefined;
    const lineEnd = args.line ? (args.line < lines.lineCount ? lines.lineStart(args.line) - 1 : text.length) : undefined;
    const cfg = configAt(configs, lineStart, lineEnd);
    if (!cfg) {
      if (!args.host) {
        out.stderr(`mail-config-lint test-connection: no SMTP configuration found in ${args.file}${args.line ? `:${args.line}` : ''} (pass --host)\n`);
        return 2;
      }
    } else {
      const ct = targetFromConfig(cfg, text, env, out.env);
      Object.assign(target, ct.target);
      notes.push(...ct.notes);
      config = { cfg, text };
      if (configs.length > 1 && !args.line) notes.push(`${configs.length} configurations in the file: testing "${cfg.label}" (pick another with FILE:LINE)`);
    }
  }
  if (args.host) target.host = args.host;
  if (args.port) target.port = args.port;
  if (args.tls) {
    target.tls = args.tls;
    delete target.opportunistic;
  }
  if (args.user !== undefined) target.user = args.user;
  if (args.servername) target.servername = args.servername;
  if (args.passwordEnv) {
    const v = out.env[args.passwordEnv];
    if (v === undefined || v === '') {
      out.stderr(`mail-config-lint test-connection: environment variable ${args.passwordEnv} is not set\n`);
      return 2;
    }
    target.password = v;
  }
  if (args.ca) {
    try {
      target.ca = fs.readFileSync(args.ca);
    } catch (e) {
      out.stderr(`mail-config-lint test-connection: cannot read --ca ${args.ca}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  if (!target.host) {
    out.stderr('mail-config-lint test-connection: no host (give FILE with an SMTP configuration, or --host)\n');
    return 2;
  }
  target.tls ??= target.port === 465 ? 'implicit' : 'starttls';
  target.port ??= target.tls === 'implicit' ? 465 : 587;
  // Notes about what the file said no longer apply when a flag replaced it.
  const shownNotes = notes.filter((n) => !(args.host && /host/.test(n)) && !(args.port && /no port/.test(n)) && !(args.servername && /servername/.test(n)));

  const ctl = new AbortController();
  const onSigint = () => ctl.abort();
  if (!io) process.once('SIGINT', onSigint);
  io?.signal?.addEventListener('abort', () => ctl.abort(), { once: true });
  try {
    const report = await testConnection(target as ProbeTarget, {
      timeoutMs: args.timeout,
      signal: ctl.signal,
      allowPlaintextAuth: args.allowPlaintextAuth,
      ehloName: args.ehlo,
      sweep: args.sweep ? (args.sweepPorts ?? true) : undefined,
      config,
      onEvent: args.verbose ? (e) => out.stderr(e.type === 'step' ? `${stepLine(e.step)}\n` : `  ${e.line.dir} ${e.line.text}\n`) : undefined,
    });
    const where = (file: string, offset: number) => (lines && config && file === config.cfg.file ? lines.humanPosition(offset) : undefined);
    if (args.format === 'json') {
      out.stdout(JSON.stringify({ ...toJson(report, where), ...(config ? { file: config.cfg.file, config: config.cfg.label } : {}), notes: shownNotes }, null, 2) + '\n');
    } else {
      const rel = config ? path.relative(out.cwd, config.cfg.file) : '';
      const head = config ? `${rel && !rel.startsWith('..') ? rel : config.cfg.file}: ${config.cfg.label}\n` : '';
      const fileName = (f: string) => {
        const r = path.relative(out.cwd, f);
        return r && !r.startsWith('..') ? r : f;
      };
      out.stdout(head + shownNotes.map((n) => `note: ${n}\n`).join('') + formatText(report, { transcript: args.transcript, where, fileName }));
    }
    return report.ok ? 0 : 1;
  } finally {
    if (!io) process.off('SIGINT', onSigint);
  }
}

