// The `mail-config-lint` command, callable in-process (tests) and from main.ts (the bin).
// Flow: args → project config → discover files → read every .env* once into an EnvIndex (linting
// them at the same time, on this thread) → lint everything else with that env, on this thread or in
// worker threads (--concurrency; pool.ts) → optional --fix (atomic writes) → report. Text output
// streams: each file's block is printed as soon as it and every file before it are done, so the order
// is the discovery order whatever the threads do. Exit 0 / 1 (a warning or error finding) / 2 (usage
// or config error).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../../package.json';
import { formatOf } from '../readers/index';
import { noteFormatUsed } from '../codeCache';
import { rules } from '../rules/index';
import { ConfigError, loadProjectConfig } from '../config/rc';
import { HELP, parseArgs, UsageError } from './args';
import type { CliArgs } from './args';
import { makeIgnore, PathError, Walk } from '../files/discover';
import { envFilesNear } from '../files/env-near';
import { formatGithub } from './format/github';
import { formatGitlab } from './format/gitlab';
import { formatJson } from './format/json';
import { formatJunit } from './format/junit';
import { formatSarif } from './format/sarif';
import { formatFixLog, formatText, formatTextBlock, formatTextSummary } from './format/text';
import { FileLinter } from './lintFile';
import type { LintSetup } from './lintFile';
import { AUTO_MIN_FILES, WorkerPool, workerCount } from './pool';
import type { FileOutcome } from './report';
import { summarize } from './report';
import { DjangoSettingsIndex, SpringBindingIndex } from '../engine';
import { isDjangoSettingsFile } from '../semantics/django';
import { isComposeFileName } from '../semantics/env-files';
import { MAX_BINDING_SOURCE, springConfigFileKind } from '../semantics/spring';

export { MAX_FILE_BYTES } from './lintFile';

/** The walk gives the event loop (worker results) a turn this often. */
const WALK_SLICE_MS = 8;
/** The one rule the project's Spring bindings change (they silence it on keys the project reads itself). */
const SPRING_IGNORED = 'spring-mail-property-ignored';
/** Reported on a Django .env unless a settings module assigns the setting itself (DjangoSettingsIndex). */
const MISSING_TIMEOUTS = 'missing-smtp-timeouts';

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
  if (argv[0] === 'discover') {
    // Loaded only for this subcommand, like the probe.
    const d = await import('./discover');
    return d.runDiscover(argv.slice(1), io);
  }
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
    return await lintCommand(args, io, stdinBytes);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof PathError) {
      io.stderr(`mail-config-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * `stdin`: with --stdin, the bytes to lint as the file --stdin-filename (default `.env` in cwd); the
 * .env* files beside it and in its parent folders up to cwd are read for their variables only.
 */
export async function lintCommand(args: CliArgs, io: CliIO, stdin?: Buffer): Promise<number> {
  const cwd = io.cwd;
  const config = loadProjectConfig(cwd, args.config, rules.map((r) => r.meta.id));
  const ignored = makeIgnore(config.ignore, config.baseDir);
  const stdinFile = stdin ? path.resolve(cwd, args.stdinFilename ?? '.env') : undefined;

  const setup: LintSetup = { rules: config.rules, versions: config.versions, fix: args.fix, unsafeFixes: args.unsafeFixes, quiet: args.quiet, wantEdits: args.format !== 'text', root: cwd };
  const linter = new FileLinter(setup, io.beforeWrite);
  const color = args.color ?? (io.env.NO_COLOR ? false : io.env.FORCE_COLOR !== undefined ? !['0', 'false'].includes(io.env.FORCE_COLOR) : io.isTTY);
  // Text without --fix streams (the --fix log comes first in the report, so that one waits for the end).
  const streaming = args.format === 'text' && !args.fix;

  // Report entries by file (only files with something to report), and the ones already printed.
  const outcomes = new Map<string, FileOutcome>();
  const printed = new Set<string>();
  const merge = (o: FileOutcome) => {
    const have = outcomes.get(o.file);
    if (o.findings.length === 0 && o.problems.length === 0 && o.fixed.length === 0) return;
    if (!have) outcomes.set(o.file, o);
    else {
      have.findings.push(...o.findings);
      have.problems.push(...o.problems);
      have.fixed.push(...o.fixed);
    }
  };
  const emit = (o: FileOutcome | undefined) => {
    if (!o || printed.has(o.file) || (o.findings.length === 0 && o.problems.length === 0)) return;
    printed.add(o.file);
    sortFindings(o);
    io.stdout(formatTextBlock(o, { cwd, color }));
  };

  // Extra env files from the config feed process.env.X everywhere (after the folder's own .env*).
  for (const extra of config.extraEnvFiles) {
    const problem = linter.addEnvVarsOnly(extra, true);
    if (problem) merge({ file: extra, findings: [], problems: [{ kind: 'config', message: `extraEnvFiles: ${problem}` }], fixed: [] });
  }
  // --stdin: the env files around the piped file feed its process.env.X (read, not reported).
  if (stdinFile) for (const envFile of envFilesNear(stdinFile, { top: cwd, maxDepth: Infinity })) linter.addEnvVarsOnly(envFile, false);
  // A file or folder named on its own (`config/packages/mailer.yaml`) reads the env files of the folders above it up
  // to the working folder, as in a run over the whole project (read, not reported; the walk lints those below it).
  else for (const named of namedPathsBelow(args.paths, cwd)) for (const envFile of envFilesNear(named, { top: cwd, maxDepth: Infinity })) linter.addEnvVarsOnly(envFile, false);

  // Discovery streams (files/discover.ts Walk): files are linted while the walk goes on. Every .env* is
  // linted on this thread as soon as its folder is read (announced), before any file that can resolve
  // process.env.X against it; the other files are linted here or handed to the worker threads.
  const early = new Map<string, FileOutcome[]>();
  const lintEnv = (f: string) => linter.lint(f, true, f === stdinFile ? stdin : undefined);
  const stdinFormat = stdinFile && !ignored?.(stdinFile, false) ? formatOf(stdinFile) : undefined;
  const walk: Pick<Walk, 'files' | 'formats' | 'problems' | 'jvmSources' | 'run'> = stdinFile
    ? { files: stdinFormat ? [stdinFile] : [], formats: stdinFormat ? [stdinFormat] : [], problems: [], jvmSources: [], run: () => true }
    : new Walk(args.paths, cwd, ignored, { gitignore: args.gitignore, announce: { test: (name, format) => providesEnvAs(name, format), found: (f) => void early.set(f, lintEnv(f)) } });
  const { files, formats } = walk;
  // Env providers: .env* files, and compose files (their services' environment feeds the code of each build context).
  const isEnv = (i: number) => providesEnvAs(files[i], formats[i]);
  // --fix writes files: the project's Spring bindings (which silence spring-mail-property-ignored and so
  // its fix) must be known first, so the walk ends before any file is linted.
  let walked = args.fix ? walk.run() : false;

  // Files are reported in discovery order: `done[i]` holds file i's entries once linted; `cursor` is the next
  // file to print.
  const done: (FileOutcome[] | undefined)[] = [];
  let cursor = 0;
  const finished = (i: number, entries: FileOutcome[]) => {
    done[i] = entries;
    for (const o of entries) merge(o);
    if (!streaming) return;
    // A finding that points into a file printed earlier (none of today's rules do) gets its own block.
    for (const o of entries) if (o.file !== files[i] && printed.has(o.file)) io.stdout(formatTextBlock(o, { cwd, color }));
    while (cursor < files.length && done[cursor]) {
      emit(outcomes.get(files[cursor]));
      done[cursor] = [];
      cursor++;
    }
  };

  // Spring bindings are known once the walk has seen every Java/Kotlin source, the Django settings modules once it has
  // seen every Python file: results with a spring-mail-property-ignored finding, or an env file's missing-smtp-timeouts,
  // wait for them and are linted again when the project binds keys or assigns the setting.
  let springReady = false;
  const held: number[] = [];
  const heldEntries = new Map<number, FileOutcome[]>();
  const lintHere = (i: number) => (isEnv(i) ? (early.get(files[i]) ?? lintEnv(files[i])) : linter.lint(files[i], false, files[i] === stdinFile ? stdin : undefined));
  const result = (i: number, entries: FileOutcome[]) => {
    if (!entries.some((o) => o.findings.some((f) => f.ruleId === SPRING_IGNORED || (f.ruleId === MISSING_TIMEOUTS && formatOf(o.file) === 'env')))) return finished(i, entries);
    if (!springReady) {
      held.push(i);
      heldEntries.set(i, entries);
      return;
    }
    // Linted without the bindings (before they were known, or in a worker): again, here, with them.
    // --fix lints only once they are known.
    // (An env file's early result is not reused: it was made without them.)
    finished(i, !args.fix && linter.hasWorkspaceFacts ? (isEnv(i) ? lintEnv(files[i]) : lintHere(i)) : entries);
  };
  const springSetup = () => {
    // The Java/Kotlin files are read only when a Spring config file is among the files to lint.
    if (walk.jvmSources.length && files.some((f) => springConfigFileKind(f) !== undefined)) linter.useSpringBindings(SpringBindingIndex.scan(walk.jvmSources, readSourceText).entries());
    const settingsModules = files.filter(isDjangoSettingsFile);
    if (settingsModules.length) {
      const django = new DjangoSettingsIndex();
      for (const f of settingsModules) {
        const text = readSourceText(f);
        if (text !== undefined) django.set(f, text);
      }
      if (django.size) linter.useDjangoSettings(django.entries());
    }
    springReady = true;
    for (const i of held.splice(0)) result(i, heldEntries.get(i)!);
    heldEntries.clear();
  };
  if (walked) springSetup();

  let pool: WorkerPool | undefined;
  let poolMark = linter.snapshotMark();
  // --stdin lints its buffer here (a worker would read the file on disk).
  let decided = args.concurrency === 'off' || stdinFile !== undefined;
  const queued: number[] = [];
  let next = 0;
  let problemsSeen = 0;
  /** Everything the walk found since the last call: problems, env results, the other files to lint. */
  const drain = () => {
    for (; problemsSeen < walk.problems.length; problemsSeen++) {
      const p = walk.problems[problemsSeen];
      const o: FileOutcome = { file: p.file, findings: [], problems: [{ kind: 'unreadable', message: p.message }], fixed: [] };
      merge(o);
      if (streaming) emit(outcomes.get(p.file));
    }
    // Env files read since the last delta go to the workers before the chunks that may need them.
    if (pool) {
      pool.addEnv(linter.snapshot(poolMark));
      poolMark = linter.snapshotMark();
    }
    for (; next < files.length; next++) {
      const f = files[next];
      if (isEnv(next)) result(next, lintHere(next));
      else if (pool) pool.push(next, f);
      else if (decided) result(next, lintHere(next));
      else queued.push(next);
    }
    if (!decided) {
      // auto: workers once the tree is big enough to pay for them; n: once there are n files (or the walk ended).
      const n = args.concurrency === 'auto' ? (queued.length >= AUTO_MIN_FILES || walked ? workerCount('auto', queued.length) : -1) : queued.length >= (args.concurrency as number) || walked ? workerCount(args.concurrency, queued.length) : -1;
      if (n >= 0) {
        decided = true;
        if (n > 0) {
          pool = new WorkerPool(n, { setup, snapshot: linter.snapshot() }, result, lintHere);
          poolMark = linter.snapshotMark();
        }
        for (const i of queued.splice(0)) {
          if (pool) pool.push(i, files[i]);
          else result(i, lintHere(i));
        }
      }
    }
  };
  while (!walked) {
    walked = walk.run(WALK_SLICE_MS);
    drain();
    // Worker results arrive between slices.
    if (pool && !walked) await new Promise<void>((r) => setImmediate(r));
  }
  drain();
  if (!springReady) springSetup();
  if (pool) await pool.close();

  // For the start-up code cache (loader.ts): which readers this run used.
  for (const f of formats) noteFormatUsed(f);

  // Report in discovery order (problem-only entries for folders/links first where they were found).
  const order = new Map<string, number>();
  files.forEach((f, i) => order.set(f, i));
  const list = [...outcomes.values()].sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1));
  for (const o of list) sortFindings(o);
  const summary = summarize(list, files.length);

  if (streaming) io.stdout(formatTextSummary(summary, { cwd, color, fixHints: !stdinFile }));
  else if (args.format === 'text') {
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

function sortFindings(o: FileOutcome): void {
  o.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || a.ruleId.localeCompare(b.ruleId));
}

/** A Java/Kotlin source for the Spring binding scan: undefined when unreadable or too big to be hand-written. */
function readSourceText(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    if (st.size > 2 * MAX_BINDING_SOURCE) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The paths named on the command line that lie below the working folder (not the folder itself). */
function namedPathsBelow(paths: string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    const rel = path.relative(cwd, abs);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) out.push(abs);
  }
  return out;
}

/** An env provider, from its name and format (asked once per file by the walk): an env file, or a compose file. */
function providesEnvAs(file: string, format: string | undefined): boolean {
  return format === 'env' || (format === 'yaml' && isComposeFileName(path.basename(file)));
}
