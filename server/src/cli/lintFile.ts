// One file through the CLI pipeline: read (size, binary and UTF-8 checks) → lint with the cross-file env →
// optional --fix (atomic write) → report entries with resolved 1-based ranges. The same code runs on the
// main thread (--concurrency off, and the .env* pass) and in the worker threads (pool.ts): a FileLinter
// can be rebuilt in a worker from a snapshot of the env files the main thread read.
import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { DjangoSettingsIndex, EnvIndex, envVarsOf, fixAll, fixTextEdits, lintText, SpringBindingIndex, workspaceFacts } from '../engine';
import { formatOf } from '../readers/index';
import type { DjangoSettingsEntries, LintOptions, RuleSetting, SpringBindingEntries } from '../engine';
import type { WorkspaceFacts } from '../rules/types';
import { LineIndex } from '../model/lineIndex';
import type { Finding, ProblemKind, ReadResult, SourceRef, Span } from '../model/types';
import type { EnvLookup, ModuleLookup } from '../readers/types';
import { fsModuleLookup } from '../fsModules';
import { errText } from '../files/discover';
import type { AppliedFix, FileOutcome, OutFinding, Range } from './report';
import { writeAtomic, WriteRefused } from './write';

/** Files larger than this are reported and skipped (the 5 MiB benchmark files stay well below). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface ReadOk {
  buf: Buffer;
  text: string;
  /** Not valid UTF-8: linted with replacement characters, never rewritten by --fix. */
  lossy: boolean;
}

/** A file the CLI could not lint, and why (typed: the formats branch on the kind). */
export interface ReadRefusal {
  problem: string;
  kind: ProblemKind;
}

export function readFileForLint(file: string): ReadOk | ReadRefusal {
  let buf: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (size > MAX_FILE_BYTES) {
        return { kind: 'too-large', problem: `file too large (${(size / 1048576).toFixed(1)} MiB; limit ${MAX_FILE_BYTES / 1048576} MiB), skipped` };
      }
      buf = fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    return { kind: 'unreadable', problem: `cannot read file: ${errText(e)}` };
  }
  return decodeForLint(buf);
}

export function decodeForLint(buf: Buffer): ReadOk | ReadRefusal {
  if (buf.length > MAX_FILE_BYTES) return { kind: 'too-large', problem: `input too large (limit ${MAX_FILE_BYTES / 1048576} MiB), skipped` };
  if (buf.indexOf(0) !== -1) return { kind: 'binary', problem: 'binary file (contains NUL bytes), skipped' };
  const lossy = !isUtf8(buf);
  return { buf, text: buf.toString('utf8'), lossy };
}

/** What every file of one run is linted with (plain data: it is sent to the worker threads). */
export interface LintSetup {
  rules: Record<string, RuleSetting>;
  /** Library versions from .mailconfiglintrc.json ("versions"). */
  versions?: Record<string, string>;
  fix: boolean;
  unsafeFixes: boolean;
  quiet: boolean;
  /** Render fix edits (machine formats). */
  wantEdits: boolean;
  /** The run's folder: JS/TS imports of local modules are followed (one hop) only into files inside it. */
  root?: string;
  /** The project's own Spring bindings (SpringBindingIndex.entries(), structured-clonable for the workers). */
  springBindings?: SpringBindingEntries;
  /** Settings the project's Django settings modules assign (DjangoSettingsIndex.entries()). */
  djangoSettings?: DjangoSettingsEntries;
}

type EnvVars = NonNullable<ReadResult['envVars']>;

export interface SnapshotMark {
  sets: number;
  texts: number;
  extras: number;
}

/** The env files' variables and texts a worker needs to lint like the main thread (structured-clonable). */
export interface EnvSnapshot {
  /** In the order the main thread recorded them (EnvIndex ranks by name, so order does not change results). */
  sets: [string, EnvVars | undefined][];
  extras: [string, { value: string; ref: SourceRef }][];
  texts: [string, string][];
}

export class FileLinter {
  private readonly envIndex = new EnvIndex();
  private readonly envSets: [string, EnvVars | undefined][] = [];
  /** Variables of the config's extraEnvFiles (after each folder's own .env*). */
  private readonly extras = new Map<string, { value: string; ref: SourceRef }>();
  /** Texts of env files (targets of cross-file related locations). */
  private readonly envTexts = new Map<string, string>();
  /** The env texts read (not the other files' texts cached by textOf), in order, for snapshots. */
  private readonly envTextLog: [string, string][] = [];
  private readonly lineIndexes = new Map<string, LineIndex>();
  readonly envLookup: EnvLookup = { get: (file, name) => this.envIndex.get(file, name) ?? this.extras.get(name) };
  /** One import hop into local modules (read once per run and cached; see fsModules.ts). */
  private readonly modules: ModuleLookup = fsModuleLookup({ roots: () => (this.setup.root ? [this.setup.root] : []) });
  private workspace: WorkspaceFacts | undefined;

  constructor(
    private readonly setup: LintSetup,
    /** Test hook (main thread only): runs after a fix is computed and before it is written. */
    private readonly beforeWrite?: (file: string) => void,
  ) {
    this.workspace = this.facts();
  }

  static fromSnapshot(setup: LintSetup, snap: EnvSnapshot): FileLinter {
    const l = new FileLinter(setup);
    l.addSnapshot(snap);
    return l;
  }

  /** Takes in env files another FileLinter read (a worker: those the main thread read since its snapshot). */
  addSnapshot(snap: EnvSnapshot): void {
    for (const [file, vars] of snap.sets) this.recordEnv(file, vars);
    for (const [k, v] of snap.extras) this.extras.set(k, v);
    for (const [file, text] of snap.texts) this.rememberEnvText(file, text);
  }

  /** What a snapshot holds: a mark to take the next delta from. */
  snapshotMark(): SnapshotMark {
    return { sets: this.envSets.length, texts: this.envTextLog.length, extras: this.extras.size };
  }

  /** The env files read since `from` (everything without it), and the mark after them. */
  snapshot(from: SnapshotMark = { sets: 0, texts: 0, extras: 0 }): EnvSnapshot {
    return { sets: this.envSets.slice(from.sets), extras: [...this.extras].slice(from.extras), texts: this.envTextLog.slice(from.texts) };
  }

  /** The project's Spring bindings, once discovery has found every Java/Kotlin source. */
  useSpringBindings(entries: SpringBindingEntries): void {
    this.setup.springBindings = entries;
    this.workspace = this.facts();
  }

  /** The settings the project's Django settings modules assign, once discovery has found them. */
  useDjangoSettings(entries: DjangoSettingsEntries): void {
    this.setup.djangoSettings = entries;
    this.workspace = this.facts();
  }

  /** Whether anything the workspace says can change a file's findings. */
  get hasWorkspaceFacts(): boolean {
    return this.workspace !== undefined;
  }

  private facts(): WorkspaceFacts | undefined {
    const { springBindings, djangoSettings } = this.setup;
    return workspaceFacts(springBindings?.length ? SpringBindingIndex.fromEntries(springBindings) : undefined, djangoSettings?.length ? DjangoSettingsIndex.fromEntries(djangoSettings) : undefined);
  }

  private rememberEnvText(file: string, text: string): void {
    this.envTexts.set(file, text);
    this.envTextLog.push([file, text]);
  }

  private recordEnv(file: string, vars: EnvVars | undefined): void {
    this.envIndex.set(file, vars);
    this.envSets.push([file, vars]);
  }

  /** An env file read only for its variables (extraEnvFiles, or the neighbours of a --stdin buffer). */
  addEnvVarsOnly(file: string, asExtra: boolean): string | undefined {
    const r = readFileForLint(file);
    if ('problem' in r) return r.problem;
    try {
      // Not linted in this run: code reading these variables reports what it reads (no finding is left to the file,
      // engine.ts echoFields), so which library the file reads them as is dropped.
      const vars = envVarsOf(file, r.text) ?? {};
      for (const k of Object.keys(vars)) delete vars[k].readAs;
      if (asExtra) {
        for (const [k, v] of Object.entries(vars)) if (!this.extras.has(k)) this.extras.set(k, v);
      } else this.recordEnv(file, vars);
      this.rememberEnvText(file, r.text);
      return undefined;
    } catch (e) {
      return `cannot read: ${(e as Error).message}`;
    }
  }

  /**
   * Lints one file. Returns the report entries it produced: its own first (always, even when empty), then
   * those of other files a finding points into. A bug anywhere costs this file only: it becomes a problem.
   */
  lint(file: string, isEnv: boolean, given?: Buffer): FileOutcome[] {
    const outcomes = new Map<string, FileOutcome>();
    const outcome = (f: string): FileOutcome => {
      let o = outcomes.get(f);
      if (!o) outcomes.set(f, (o = { file: f, findings: [], problems: [], fixed: [] }));
      return o;
    };
    try {
      this.lintInto(file, isEnv, given, outcome);
    } catch (e) {
      outcome(file).problems.push({ kind: 'internal-error', message: `internal error: ${String((e as Error)?.message ?? e).split('\n')[0]}` });
    }
    outcome(file);
    return [...outcomes.values()];
  }

  private lintInto(file: string, isEnv: boolean, given: Buffer | undefined, outcome: (f: string) => FileOutcome): void {
    const { setup } = this;
    // An env file is linted without other env files; a compose file (an env provider too) resolves its `${X}` against them.
    const opts: LintOptions = isEnv && formatOf(file) === 'env' ? { rules: setup.rules, versions: setup.versions, workspace: this.workspace } : { rules: setup.rules, env: this.envLookup, modules: this.modules, versions: setup.versions, workspace: this.workspace };
    const o = outcome(file);
    const r = given ? decodeForLint(given) : readFileForLint(file);
    if ('problem' in r) {
      o.problems.push({ kind: r.kind, message: r.problem });
      return;
    }
    let { text } = r;
    if (r.lossy) o.problems.push({ kind: 'not-utf8', message: 'not valid UTF-8: invalid bytes were read as U+FFFD; --fix leaves this file alone' });
    let res = lintText(file, text, opts);
    if (setup.fix && !r.lossy && res.findings.some((f) => f.file === file && f.fixes[0] && (f.fixes[0].safe || setup.unsafeFixes))) {
      const before = new LineIndex(text);
      const fixed = fixAll(file, text, opts, setup.unsafeFixes, res);
      if (fixed.text !== text) {
        try {
          this.beforeWrite?.(file);
          writeAtomic(file, r.buf, fixed.text);
          const applied: AppliedFix[] = fixed.applied.map((f) => ({ ruleId: f.ruleId, title: f.fixes[0].title, line: before.position(f.span.start).line + 1 }));
          o.fixed.push(...applied);
          text = fixed.text;
          res = fixed.result ?? lintText(file, text, opts);
        } catch (e) {
          if (!(e instanceof WriteRefused)) throw e;
          o.problems.push({ kind: 'fix-refused', message: `--fix: ${e.message}` });
        }
      }
    }
    if (isEnv) {
      this.rememberEnvText(file, text);
      if (res.read?.envVars) this.recordEnv(file, res.read.envVars);
    }
    this.lineIndexes.delete(file);
    const current = { file, text };
    for (const p of res.problems) o.problems.push({ kind: p.kind, message: p.message, line: p.line !== undefined ? p.line + 1 : undefined });
    for (const f of res.findings) {
      if (setup.quiet && f.severity !== 'error') continue;
      (f.file === file ? o : outcome(f.file)).findings.push(this.toOut(f, current));
    }
    if (!isEnv) this.lineIndexes.delete(file);
  }

  private indexFor(file: string, text: string): LineIndex {
    let li = this.lineIndexes.get(file);
    if (!li) this.lineIndexes.set(file, (li = new LineIndex(text)));
    return li;
  }

  private textOf(file: string, current: { file: string; text: string }): string | undefined {
    if (file === current.file) return current.text;
    const t = this.envTexts.get(file);
    if (t !== undefined) return t;
    try {
      const s = fs.readFileSync(file, 'utf8');
      this.envTexts.set(file, s);
      return s;
    } catch {
      return undefined;
    }
  }

  private toOut(f: Finding, current: { file: string; text: string }): OutFinding {
    const text = this.textOf(f.file, current) ?? '';
    const li = this.indexFor(f.file, text);
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
        const rt = this.textOf(r.ref.file, current);
        const range = rt === undefined ? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } : rangeOf(this.indexFor(r.ref.file, rt), rt, r.ref.span);
        return { message: r.message, file: r.ref.file, range };
      }),
      fixes: f.fixes.map((x) => {
        let edits: OutFinding['fixes'][number]['edits'] = [];
        if (this.setup.wantEdits) {
          try {
            edits = fixTextEdits(text, x).map((e) => ({ range: exactRange(li, e.span), newText: e.newText }));
          } catch {
            edits = [];
          }
        }
        return { title: x.title, safe: x.safe, edits };
      }),
    };
  }
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
