// The `mail-config-lint` command, callable in-process (tests) and from main.ts (the bin).
// Flow: args → project config → discover files → read every .env* once into an EnvIndex (linting
// them at the same time) → lint everything else with that env → optional --fix (atomic writes) →
// one formatted report. Exit 0 / 1 (a warning or error finding) / 2 (usage or config error).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { version } from '../../../package.json';
import { EnvIndex, envVarsOf, fixAll, fixTextEdits, lintText } from '../engine';
import type { LintOptions } from '../engine';
import { LineIndex } from '../model/lineIndex';
import type { Finding, SourceRef, Span } from '../model/types';
import { formatOf } from '../readers/index';
import type { EnvLookup } from '../readers/types';
import { rules } from '../rules/index';
import { ConfigError, loadProjectConfig } from '../config/rc';
import { HELP, parseArgs, UsageError } from './args';
import type { CliArgs } from './args';
import { discover, errText, makeIgnore, PathError } from './files';
import { formatGithub } from './format/github';
import { formatGitlab } from './format/gitlab';
import { formatJson } from './format/json';
import { formatJunit } from './format/junit';
import { formatSarif } from './format/sarif';
import { formatFixLog, formatText } from './format/text';
import type { AppliedFix, FileOutcome, OutFinding, Range } from './report';
import { summarize } from './report';
import { writeAtomic, WriteRefused } from './write';

/** Files larger than this are reported and skipped (the 5 MiB benchmark files stay well below). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(s: string): void;
  stderr(s: string): void;
  isTTY: boolean;
  /** Test hook: runs after a fix is computed and before it is written. */
  beforeWrite?(file: string): void;
  /** Standard input, for --stdin (read only then). */
  readStdin?(): Promise<Buffer>;
}

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    isTTY: !!process.stdout.isTTY,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  if (argv[0] === 'test-connection') {
    // Loaded only for this subcommand: lint runs never evaluate the probe.
    const probe = await import('./testConnection');
    return probe.runTestConnection(argv.slice(1));
  }
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`mail-config-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    io.stdout(HELP);
    return 0;
  }
  if (args.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  let stdinBytes: Buffer | undefined;
  if (args.stdin) stdinBytes = io.readStdin ? await io.readStdin() : Buffer.alloc(0);
  try {
    return lintCommand(args, io, stdinBytes);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof PathError) {
      io.stderr(`mail-config-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

interface ReadOk {
  buf: Buffer;
  text: string;
  /** Not valid UTF-8: linted with replacement characters, never rewritten by --fix. */
  lossy: boolean;
}

function readFileForLint(file: string): ReadOk | { problem: string } {
  let buf: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (size > MAX_FILE_BYTES) {
        return { problem: `file too large (${(size / 1048576).toFixed(1)} MiB; limit ${MAX_FILE_BYTES / 1048576} MiB), skipped` };
      }
      buf = fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    return { problem: `cannot read file: ${errText(e)}` };
  }
  return decodeForLint(buf);
}

function decodeForLint(buf: Buffer): ReadOk | { problem: string } {
  if (buf.length > MAX_FILE_BYTES) return { problem: `input too large (limit ${MAX_FILE_BYTES / 1048576} MiB), skipped` };
  if (buf.indexOf(0) !== -1) return { problem: 'binary file (contains NUL bytes), skipped' };
  const lossy = !isUtf8(buf);
  return { buf, text: buf.toString('utf8'), lossy };
}

/**
 * `stdin`: with --stdin, the bytes to lint as the file --stdin-filename (default `.env` in cwd); the
 * .env* files beside it and in its parent folders up to cwd are read for their variables only.
 */
export function lintCommand(args: CliArgs, io: CliIO, stdin?: Buffer): number {
  const cwd = io.cwd;
  const config = loadProjectConfig(cwd, args.config, rules.map((r) => r.meta.id));
  const ignored = makeIgnore(config.ignore, config.baseDir);
  const stdinFile = stdin ? path.resolve(cwd, args.stdinFilename ?? '.env') : undefined;
  const { files, problems: discoveryProblems } = stdinFile
    ? { files: formatOf(stdinFile) && !ignored?.(stdinFile, false) ? [stdinFile] : [], problems: [] }
    : discover(args.paths, cwd, ignored, { gitignore: args.gitignore });

  const outcomes = new Map<string, FileOutcome>();
  const outcome = (file: string): FileOutcome => {
    let o = outcomes.get(file);
    if (!o) outcomes.set(file, (o = { file, findings: [], problems: [], fixed: [] }));
    return o;
  };
  for (const p of discoveryProblems) outcome(p.file).problems.push({ message: p.message });

  // Texts of env files (targets of cross-file related locations) and their line indexes.
  const envTexts = new Map<string, string>();
  const lineIndexes = new Map<string, LineIndex>();
  const indexFor = (file: string, text: string): LineIndex => {
    let li = lineIndexes.get(file);
    if (!li) lineIndexes.set(file, (li = new LineIndex(text)));
    return li;
  };
  const textOf = (file: string, current: { file: string; text: string }): string | undefined => {
    if (file === current.file) return current.text;
    const t = envTexts.get(file);
    if (t !== undefined) return t;
    try {
      const s = fs.readFileSync(file, 'utf8');
      envTexts.set(file, s);
      return s;
    } catch {
      return undefined;
    }
  };

  const baseRules = config.rules;
  const envIndex = new EnvIndex();
  const extras = new Map<string, { value: string; ref: SourceRef }>();
  const envLookup: EnvLookup = {
    get: (file, name) => envIndex.get(file, name) ?? extras.get(name),
  };
  const wantEdits = args.format !== 'text';

  const toOut = (f: Finding, current: { file: string; text: string }): OutFinding => {
    const text = textOf(f.file, current) ?? '';
    const li = indexFor(f.file, text);
    const range = rangeOf(li, text, f.span);
    const lineStart = li.lineStart(range.start.line - 1);
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      range,
      lineText: text.slice(lineStart, Math.min(lineEnd, lineStart + 500)),
      related: f.related.map((r) => {
        const rt = textOf(r.ref.file, current);
        const range = rt === undefined ? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } : rangeOf(indexFor(r.ref.file, rt), rt, r.ref.span);
        return { message: r.message, file: r.ref.file, range };
      }),
      fixes: f.fixes.map((x) => {
        let edits: OutFinding['fixes'][number]['edits'] = [];
        if (wantEdits) {
          try {
            edits = fixTextEdits(text, x).map((e) => ({ range: exactRange(li, e.span), newText: e.newText }));
          } catch {
            edits = [];
          }
        }
        return { title: x.title, safe: x.safe, edits };
      }),
    };
  };

  const lintOne = (file: string, opts: LintOptions, isEnv: boolean): void => {
    const o = outcome(file);
    const r = file === stdinFile && stdin ? decodeForLint(stdin) : readFileForLint(file);
    if ('problem' in r) {
      o.problems.push({ message: r.problem });
      return;
    }
    let { text } = r;
    if (r.lossy) o.problems.push({ message: 'not valid UTF-8: invalid bytes were read as U+FFFD; --fix leaves this file alone' });
    let res = lintText(file, text, opts);
    if (args.fix && !r.lossy && res.findings.some((f) => f.file === file && f.fixes[0] && (f.fixes[0].safe || args.unsafeFixes))) {
      const before = new LineIndex(text);
      const fixed = fixAll(file, text, opts, args.unsafeFixes, res);
      if (fixed.text !== text) {
        try {
          io.beforeWrite?.(file);
          writeAtomic(file, r.buf, fixed.text);
          const applied: AppliedFix[] = fixed.applied.map((f) => ({ ruleId: f.ruleId, title: f.fixes[0].title, line: before.position(f.span.start).line + 1 }));
          o.fixed.push(...applied);
          text = fixed.text;
          res = fixed.result ?? lintText(file, text, opts);
        } catch (e) {
          if (!(e instanceof WriteRefused)) throw e;
          o.problems.push({ message: `--fix: ${e.message}` });
        }
      }
    }
    if (isEnv) {
      envTexts.set(file, text);
      if (res.read?.envVars) envIndex.set(file, res.read.envVars);
    }
    lineIndexes.delete(file);
    const current = { file, text };
    for (const p of res.problems) o.problems.push({ message: p.message, line: p.line !== undefined ? p.line + 1 : undefined });
    for (const f of res.findings) {
      if (args.quiet && f.severity !== 'error') continue;
      (f.file === file ? o : outcome(f.file)).findings.push(toOut(f, current));
    }
    if (!isEnv) lineIndexes.delete(file);
  };

  // Extra env files from the config feed process.env.X everywhere (after the folder's own .env*).
  for (const extra of config.extraEnvFiles) {
    const r = readFileForLint(extra);
    if ('problem' in r) {
      outcome(extra).problems.push({ message: `extraEnvFiles: ${r.problem}` });
      continue;
    }
    try {
      const vars = envVarsOf(extra, r.text) ?? {};
      for (const [k, v] of Object.entries(vars)) if (!extras.has(k)) extras.set(k, v);
      envTexts.set(extra, r.text);
    } catch (e) {
      outcome(extra).problems.push({ message: `extraEnvFiles: cannot read: ${(e as Error).message}` });
    }
  }

  // --stdin: the env files around the piped file feed its process.env.X (read, not reported).
  if (stdinFile) for (const envFile of envFilesAround(stdinFile, cwd)) {
    const r = readFileForLint(envFile);
    if ('problem' in r) continue;
    try {
      envIndex.set(envFile, envVarsOf(envFile, r.text));
      envTexts.set(envFile, r.text);
    } catch {
      // an unreadable neighbour only costs its variables
    }
  }

  // Pass 1: env files (their variables feed the JS/TS readers). Pass 2: everything else.
  const envFiles: string[] = [];
  const otherFiles: string[] = [];
  for (const f of files) (formatOf(f) === 'env' ? envFiles : otherFiles).push(f);
  // A bug anywhere in the pipeline costs one file, never the run: it becomes that file's problem.
  const guarded = (f: string, opts: LintOptions, isEnv: boolean) => {
    try {
      lintOne(f, opts, isEnv);
    } catch (e) {
      outcome(f).problems.push({ message: `internal error: ${String((e as Error)?.message ?? e).split('\n')[0]}` });
    }
  };
  // For the start-up code cache (loader.ts): which readers this run used.
  (globalThis as { __mailConfigLintFormats?: Set<string> }).__mailConfigLintFormats = new Set(files.map((f) => formatOf(f) ?? '').filter(Boolean));
  for (const f of envFiles) guarded(f, { rules: baseRules }, true);
  for (const f of otherFiles) guarded(f, { rules: baseRules, env: envLookup }, false);

  // Report in discovery order (problem-only entries for folders/links first where they were found).
  const order = new Map<string, number>();
  files.forEach((f, i) => order.set(f, i));
  const list = [...outcomes.values()].sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1));
  for (const o of list) o.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || a.ruleId.localeCompare(b.ruleId));
  const summary = summarize(list, files.length);

  const color = args.color ?? (io.env.NO_COLOR ? false : io.env.FORCE_COLOR !== undefined ? !['0', 'false'].includes(io.env.FORCE_COLOR) : io.isTTY);
  if (args.format === 'text') {
    io.stdout(formatFixLog(list, { cwd, color }) + formatText(list, summary, { cwd, color, fixHints: !stdinFile }));
  } else {
    // Machine output owns stdout; what --fix changed goes to stderr.
    if (args.fix) io.stderr(formatFixLog(list, { cwd, color: false }));
    if (args.format === 'json') io.stdout(formatJson(list, cwd));
    else if (args.format === 'github') io.stdout(formatGithub(list, summary, cwd));
    else if (args.format === 'gitlab') io.stdout(formatGitlab(list, cwd));
    else if (args.format === 'junit') io.stdout(formatJunit(list, summary, cwd));
    else io.stdout(formatSarif(list, { cwd, version, rules }));
  }
  if (summary.errors > 0) return 1;
  if (!args.quiet && summary.warnings > args.maxWarnings) return 1;
  return 0;
}

/** .env* files in the folder of `file` and its parents up to `top` (or only its own folder when outside). */
function envFilesAround(file: string, top: string): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).sort();
    } catch {
      names = [];
    }
    for (const n of names) {
      const abs = path.join(dir, n);
      if (abs !== file && formatOf(n) === 'env') out.push(abs);
    }
    const rel = path.relative(top, dir);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || path.dirname(dir) === dir) break;
  }
  return out;
}

/** 1-based range of a finding: a span ending at a line break ends on its own line, not the next. */
function rangeOf(li: LineIndex, text: string, span: Span): Range {
  let end = Math.max(span.start, Math.min(span.end, text.length));
  while (end > span.start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return exactRange(li, { start: span.start, end });
}

/** 1-based range of a text edit, exactly as written (line breaks included). */
function exactRange(li: LineIndex, span: Span): Range {
  return { start: li.humanPosition(span.start), end: li.humanPosition(span.end) };
}
