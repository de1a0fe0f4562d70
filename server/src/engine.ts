// The engine: readers → rules → findings (+ rendered fixes). Used by the CLI and the language server.
// It never touches the file system: callers pass text in (and keep env files indexed with EnvIndex).
import type { EnvValue, Field, Finding, Fix, ProblemKind, ReadResult, Severity, SmtpConfig, SourceRef, Span, TextEdit } from './model/types';
import { fieldsOf, qualifyByFallback } from './model/fields';
import { echoesEnvReading } from './semantics/libraries';
import { applyTextEdits } from './model/textEdits';
import { LineIndex } from './model/lineIndex';
import { formatOf, readerFor } from './readers/index';
import type { EnvLookup, ItemFocus, ModuleLookup } from './readers/types';
import { rules } from './rules/index';
import type { Report, WorkspaceFacts } from './rules/types';
import { bindingCovers, springBindingsIn, type SpringBinding } from './semantics/spring';
import { DJANGO_CODE_SETTINGS, djangoSettingsAssigned, type AssignedSetting } from './semantics/django';
import { renderEdits } from './fixes/render';
import { envFileRank, isComposeFileName } from './semantics/env-files';
import { findLibraryVersion, type LibraryVersion } from './semantics/versions';
import './register';

export type RuleSetting = Severity | 'off';

export interface LintOptions {
  /** Rule id → severity or 'off' (from .mailconfiglintrc.json or editor settings). */
  rules?: Record<string, RuleSetting>;
  /** Cross-file env values for process.env.X. */
  env?: EnvLookup;
  /** Local modules a JS/TS file imports (one hop; server/src/fsModules.ts). */
  modules?: ModuleLookup;
  /** Huge YAML files: read only these units, documents or top-level list items (the language server's incremental re-lint). */
  focus?: ItemFocus;
  /** Facts from the rest of the workspace (the project's own Spring bindings: SpringBindingIndex). */
  workspace?: WorkspaceFacts;
  /** Library versions from .mailconfiglintrc.json ("versions"): win over what the project's lockfile/manifest says. */
  versions?: Record<string, string>;
}

/** A read problem with its 0-based line. */
export interface FileProblem {
  kind: ProblemKind;
  message: string;
  line?: number;
}

export interface FileResult {
  file: string;
  /** Undefined when no reader handles the file name. */
  read?: ReadResult;
  findings: Finding[];
  /** Problems reading the file: syntax errors, binary content, size limits (typed: adapters branch on `kind`). */
  problems: FileProblem[];
}

/** Reads one file's text and runs every enabled rule on what it finds. Never throws for bad input. */
export function lintText(file: string, text: string, opts: LintOptions = {}): FileResult {
  const format = formatOf(file);
  if (!format) return { file, findings: [], problems: [] };
  const reader = readerFor(format);
  if (!reader) return { file, findings: [], problems: [] };
  // Prefilter (issue 6): skip the parse when the text cannot hold mail settings. Env files are always
  // read: their variables (envVars) feed process.env.X in other files even without a mail block.
  if (format !== 'env' && !safeMayContainMail(reader, text)) return { file, findings: [], problems: [] };
  // Library versions for this file, looked up once per library and only when a reader or rule asks.
  const versions = new Map<string, LibraryVersion | undefined>();
  const versionOf = (library: string): LibraryVersion | undefined => {
    if (!versions.has(library)) versions.set(library, findLibraryVersion(file, library, opts.versions));
    return versions.get(library);
  };
  let read: ReadResult;
  try {
    read = reader.read(file, text, { env: opts.env, focus: opts.focus, modules: opts.modules, versionOf });
  } catch (e) {
    // A reader bug must not take the editor or the CLI down: report it as a problem of this file.
    return { file, findings: [], problems: [{ kind: 'internal-error', message: `internal error while reading: ${(e as Error).message}` }] };
  }
  const findings: Finding[] = [];
  /** Per config: its fields that echo an env file's own setting (computed when a rule first reports on it). */
  const echoes = new Map<SmtpConfig, Field[]>();
  /** Findings about a config of an imported module: this file's suppression comments are about other lines. */
  const fromImported = new Set<Finding>();
  for (const rule of rules) {
    // Rules switched off (or opt-in rules not switched on) are not run at all.
    const setting = opts.rules?.[rule.meta.id];
    if (setting === 'off' || (setting === undefined && rule.meta.enabledByDefault === false)) continue;
    let current: SmtpConfig | undefined;
    const ctx = {
      workspace: opts.workspace,
      versionOf,
      report(r: Report) {
        if (current && !r.missing && (r.file ?? current.file) === current.file) {
          let echo = echoes.get(current);
          if (!echo) echoes.set(current, (echo = echoFields(current, opts.env)));
          if (echo.length && restsOnEchoes(r, current.file, echo)) return; // the env file reports it at the value
        }
        const finding: Finding = {
          ruleId: rule.meta.id,
          // A configured severity wins over the rule's own choice for this case.
          severity: setting ?? r.severity ?? rule.meta.defaultSeverity,
          message: r.message,
          // A config read from an imported module (one hop) lives in that file: so do its findings.
          file: r.file ?? current?.file ?? file,
          span: r.span,
          related: r.related ?? [],
          fixes: r.fixes ?? [],
          configId: r.configId,
        };
        if (current) qualifyByFallback(current, finding);
        if (current && current.file !== file) fromImported.add(finding);
        findings.push(finding);
      },
    };
    try {
      if (rule.checkConfig) {
        for (const cfg of read.configs) {
          if (cfg.echoOf) continue; // the file it echoes reports its problems
          current = cfg;
          rule.checkConfig(cfg, ctx);
        }
        current = undefined;
      }
      if (rule.checkGlobal) for (const g of read.globals) rule.checkGlobal(g, ctx);
    } catch (e) {
      read.problems.push({ kind: 'internal-error', message: `internal error in rule ${rule.meta.id}: ${(e as Error).message}` });
    }
  }
  // One line index for all findings (counting line breaks per finding is quadratic on big files); none without suppressions.
  let lines: LineIndex | undefined;
  const lineAt = (offset: number) => (lines ??= new LineIndex(text)).position(offset).line;
  const kept = findings.filter((f) => {
    if (fromImported.has(f)) return true;
    if (read.suppressions.file.has('*') || read.suppressions.file.has(f.ruleId)) return false;
    if (read.suppressions.lines.size === 0) return true;
    const ids = read.suppressions.lines.get(lineAt(f.span.start));
    return !(ids && (ids.has('*') || ids.has(f.ruleId)));
  });
  kept.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  return {
    file,
    read,
    findings: kept,
    // A plugin reader written in plain JS may leave the kind out: a problem of unknown kind is a parse error.
    problems: read.problems.map((p) => ({ kind: p.kind ?? 'parse-error', message: p.message, line: p.span ? lineAt(p.span.start) : undefined })),
  };
}

/**
 * The fields of a config read from code or YAML that only read back a variable its env file reads as the same
 * library's setting (EnvValue.readAs; semantics/libraries echoesEnvReading): `'url' => env('MAIL_URL')` next to a
 * Laravel .env, `EMAIL_PORT = int(os.environ['EMAIL_PORT'])` next to a Django .env, compose `MAILER_DSN: ${MAILER_DSN}`.
 * The env file's own lint reports their problems at the value, where the fix goes.
 */
function echoFields(cfg: SmtpConfig, env: LintOptions['env']): Field[] {
  if (!env || cfg.format === 'env') return [];
  const out: Field[] = [];
  for (const f of fieldsOf(cfg)) {
    if (f.kind !== 'env' || !f.envVar || !f.resolvedFrom || f.resolvedFrom.file === cfg.file || f.site.file !== cfg.file) continue;
    // Code that uses the variable's text as is (no cast: rawEnvString) does not read it as the env file does.
    if (cfg.extras?.[`rawEnvString:${f.key}`]) continue;
    let hit: EnvValue | undefined;
    try {
      hit = env.get(cfg.file, f.envVar);
    } catch {
      hit = undefined;
    }
    if (hit && hit.ref.file === f.resolvedFrom.file && echoesEnvReading(hit.readAs, cfg.dialect)) out.push(f);
  }
  return out;
}

const within = (inner: Span, outer: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;

/** A report placed on an echo field whose related locations are in other files or on echo fields too: nothing it
 *  rests on is written in this file. */
function restsOnEchoes(r: Report, file: string, echo: Field[]): boolean {
  const onEcho = (s: Span) => echo.some((f) => within(s, f.site.entry));
  return onEcho(r.span) && (r.related ?? []).every((x) => x.ref.file !== file || onEcho(x.ref.span));
}

/** Two edits of one fix round touch: overlapping spans, or an insertion (empty span) inside or at either end of the
 *  other (an insertion after a URL's query and the removal of that query's `?param` must not both apply). */
function editsClash(a: Span, b: Span): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  if (a.start === a.end && a.start >= b.start && a.start <= b.end) return true;
  return b.start === b.end && b.start >= a.start && b.start <= a.end;
}

/** Text edits of one fix, all in `file` (fixes never edit another file). */
export function fixTextEdits(text: string, fix: Fix): TextEdit[] {
  return renderEdits(text, fix.edits);
}

/**
 * Applies the preferred fix of each finding (only safe ones unless `unsafe`), re-linting between
 * rounds so overlapping fixes settle, like `eslint --fix`. Returns the new text and what was applied.
 * `linted`: the caller's lintText(file, text, opts), used for the first round instead of linting again.
 * `result`: lintText(file, returned text, opts) when the last round made it (not after the round limit).
 */
export function fixAll(
  file: string,
  text: string,
  opts: LintOptions = {},
  unsafe = false,
  linted?: FileResult,
): { text: string; applied: Finding[]; result?: FileResult } {
  const applied: Finding[] = [];
  let current = text;
  let result: FileResult | undefined;
  for (let round = 0; round < 10; round++) {
    result = round === 0 && linted ? linted : lintText(file, current, opts);
    const { findings } = result;
    const edits: TextEdit[] = [];
    const taken: { start: number; end: number }[] = [];
    for (const f of findings) {
      if (f.file !== file) continue;
      const fix = f.fixes[0];
      if (!fix || (!fix.safe && !unsafe)) continue;
      let te: TextEdit[];
      try {
        te = fixTextEdits(current, fix);
      } catch {
        continue;
      }
      if (te.some((e) => taken.some((t) => editsClash(e.span, t)))) continue;
      for (const e of te) taken.push(e.span);
      edits.push(...te);
      applied.push(f);
    }
    if (edits.length === 0) break;
    const next = applyTextEdits(current, edits);
    if (next === current) break;
    current = next;
    result = undefined;
  }
  return { text: current, applied, result };
}

/** The variables an env file defines (for process.env.X / ${X} elsewhere), without running the rules on it; for a
 *  compose file, its services' environment values scoped to their build folders (EnvValue.scope). Throws what the
 *  reader throws. */
export function envVarsOf(file: string, text: string, env?: EnvLookup): ReadResult['envVars'] {
  if (formatOf(file) === 'yaml') return readerFor('yaml')?.read(file, text, { env }).envVars;
  return readerFor('env')?.read(file, text, {}).envVars;
}

/** Files whose variables other files read: .env* files and compose files (by base name or path). */
export function providesEnv(file: string): boolean {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return formatOf(base) === 'env' || isComposeFileName(base);
}

/** Env values from .env* files, looked up from the nearest folder upwards (same folder tree). */
export class EnvIndex implements EnvLookup {
  private readonly byDir = new Map<string, Map<string, EnvValue>>();

  /** Records (or replaces) the variables of one env file (or the scoped values of a compose file: EnvValue.scope). */
  set(file: string, vars: ReadResult['envVars']): void {
    this.deleteScoped(file);
    const dir = dirOf(file);
    let m = this.byDir.get(dir);
    // Several env files in one folder: each key from the best-ranked file defining it (semantics/env-files).
    if (!m) this.byDir.set(dir, (m = new Map()));
    // Issue 6 (CLI: ~1,200 env files): skip the scan when no entry of `file` can be there, rank each file once.
    let refs = this.refFiles.get(m);
    if (!refs) this.refFiles.set(m, (refs = new Set()));
    if (refs.has(file)) for (const [k, v] of m) if (v.ref.file === file) m.delete(k);
    const r = rank(file);
    if (!vars) return;
    for (const k of Object.keys(vars)) {
      const v = vars[k];
      if (v.scope !== undefined) {
        this.setScoped(file, v.name ?? k, v, r);
        continue;
      }
      const prev = m.get(k);
      if (!prev || r < this.rankOf(prev.ref.file)) {
        m.set(k, v);
        refs.add(v.ref.file);
      }
    }
  }

  /** Provider file → the folders its scoped values went to. */
  private readonly scopedDirs = new Map<string, Set<string>>();

  private setScoped(file: string, name: string, v: EnvValue, r: string): void {
    const dir = v.scope!.replace(/(.)[\\/]+$/, '$1');
    let m = this.byDir.get(dir);
    if (!m) this.byDir.set(dir, (m = new Map()));
    let dirs = this.scopedDirs.get(file);
    if (!dirs) this.scopedDirs.set(file, (dirs = new Set()));
    dirs.add(dir);
    const prev = m.get(name);
    if (!prev || r < this.rankOf(prev.ref.file)) m.set(name, v);
  }

  private deleteScoped(file: string): void {
    const dirs = this.scopedDirs.get(file);
    if (!dirs) return;
    this.scopedDirs.delete(file);
    for (const d of dirs) {
      const m = this.byDir.get(d);
      if (m) for (const [k, v] of m) if (v.ref.file === file) m.delete(k);
    }
  }

  /** Per folder map: every ref.file that may have entries in it (a superset). */
  private readonly refFiles = new WeakMap<Map<string, EnvValue>, Set<string>>();
  private readonly ranks = new Map<string, string>();
  private rankOf(file: string): string {
    let r = this.ranks.get(file);
    if (r === undefined) this.ranks.set(file, (r = rank(file)));
    return r;
  }

  delete(file: string): void {
    this.deleteScoped(file);
    const m = this.byDir.get(dirOf(file));
    if (m) for (const [k, v] of m) if (v.ref.file === file) m.delete(k);
  }

  get(file: string, name: string): EnvValue | undefined {
    let dir = dirOf(file);
    for (;;) {
      const hit = this.byDir.get(dir)?.get(name);
      if (hit) return hit;
      const parent = dirOf(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  /** Env files whose values `file` could read (for re-linting dependants when an env file changes). */
  filesVisibleFrom(file: string): Set<string> {
    const out = new Set<string>();
    let dir = dirOf(file);
    for (;;) {
      for (const v of this.byDir.get(dir)?.values() ?? []) out.add(v.ref.file);
      const parent = dirOf(dir);
      if (parent === dir) return out;
      dir = parent;
    }
  }
}

function dirOf(p: string): string {
  const s = p.replace(/[\\/]+$/, '');
  const i = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return s[0];
  return s.slice(0, i);
}

function rank(file: string): string {
  return envFileRank(file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1));
}

function safeMayContainMail(reader: { mayContainMail(text: string): boolean }, text: string): boolean {
  try {
    return reader.mayContainMail(text);
  } catch {
    return true; // a broken prefilter must not hide findings
  }
}

export type SpringBindingEntries = [string, SpringBinding[]][];

/** Facts found per workspace file, the storage both workspace-fact indexes below share: replaced per file, dropped
 *  with it, and handed to worker threads as structured-clonable entries. */
abstract class FileFactIndex<T> {
  protected readonly byFile = new Map<string, T[]>();

  delete(file: string): boolean {
    return this.byFile.delete(file);
  }

  /** What the index holds, structured-clonable (the CLI hands it to its worker threads). */
  entries(): [string, T[]][] {
    return [...this.byFile];
  }

  get size(): number {
    return this.byFile.size;
  }

  protected load(entries: [string, T[]][]): this {
    for (const [file, list] of entries) this.byFile.set(file, list);
    return this;
  }
}

/**
 * The property prefixes the project's own Java/Kotlin code binds (semantics/spring springBindingsIn), for
 * rules that must stay silent on keys the project reads itself. Callers feed it source texts (the CLI the
 * files it discovered, the language server the workspace scan and watched-file changes); each text is
 * scanned once per change (bounded by MAX_BINDING_SOURCE characters) and at most `maxFiles` files are kept.
 */
export class SpringBindingIndex extends FileFactIndex<SpringBinding> implements WorkspaceFacts {
  constructor(private readonly maxFiles = 20_000) {
    super();
  }

  /** Records (or replaces) one source file's bindings. Returns true when what the index answers changed. */
  set(file: string, text: string): boolean {
    const found = springBindingsIn(text);
    if (!found.length) return this.delete(file);
    const prev = this.byFile.get(file);
    const sig = (l: SpringBinding[]) => l.map((b) => b.prefix).join('\n');
    this.byFile.set(file, found);
    if (prev) return sig(prev) !== sig(found);
    if (this.byFile.size > this.maxFiles) {
      this.byFile.delete(file);
      return false;
    }
    return true;
  }

  static fromEntries(entries: SpringBindingEntries): SpringBindingIndex {
    return new SpringBindingIndex().load(entries);
  }

  /** Scans source files (read by `read`, undefined = unreadable) and records their bindings. */
  static scan(files: string[], read: (file: string) => string | undefined): SpringBindingIndex {
    const idx = new SpringBindingIndex();
    for (const f of files) {
      const text = read(f);
      if (text !== undefined) idx.set(f, text);
    }
    return idx;
  }

  springBinding(configFile: string, name: string): SourceRef | undefined {
    for (const [file, list] of this.byFile) {
      // A source binds the configuration of its own module: the folder above its `src/` (a monorepo holds
      // several applications, each with its own application.yml).
      if (!isInside(moduleRootOf(file), configFile)) continue;
      const b = list.find((x) => bindingCovers(x.prefix, name));
      if (b) return { file, span: b.span };
    }
    return undefined;
  }
}

export type DjangoSettingsEntries = [string, AssignedSetting[]][];

/**
 * Where the project's Django settings modules assign settings themselves (semantics/django: EMAIL_TIMEOUT), so a
 * Django .env at or above them is not told the setting is missing. Fed like SpringBindingIndex: the CLI the settings
 * modules it discovered, the language server its folder scan and watched-file changes.
 */
export class DjangoSettingsIndex extends FileFactIndex<AssignedSetting> {
  /** Records (or replaces) one settings module. Returns true when what the index answers changed. */
  set(file: string, text: string): boolean {
    const found = djangoSettingsAssigned(text, DJANGO_CODE_SETTINGS);
    if (!found.length) return this.delete(file);
    const prev = this.byFile.get(file);
    this.byFile.set(file, found);
    return !prev || prev.map((s) => s.key).join() !== found.map((s) => s.key).join();
  }

  static fromEntries(entries: DjangoSettingsEntries): DjangoSettingsIndex {
    return new DjangoSettingsIndex().load(entries);
  }

  settingInCode(configFile: string, key: string): SourceRef | undefined {
    const root = dirOf(configFile);
    for (const [file, list] of this.byFile) {
      if (!isInside(root, file)) continue;
      const s = list.find((x) => x.key === key);
      if (s) return { file, span: s.span };
    }
    return undefined;
  }
}

/** One WorkspaceFacts over the project's Spring bindings and Django settings modules (either may be absent). */
export function workspaceFacts(spring: WorkspaceFacts | undefined, django: DjangoSettingsIndex | undefined): WorkspaceFacts | undefined {
  if (!django?.size) return spring;
  return { springBinding: (f, n) => spring?.springBinding(f, n), settingInCode: (f, k) => django.settingInCode(f, k) };
}

/** The module a source file belongs to: the folder above its last `src` folder, else its own folder. */
function moduleRootOf(file: string): string {
  const norm = file.replace(/\\/g, '/');
  if (norm.startsWith('src/')) return '.';
  const i = norm.lastIndexOf('/src/');
  return i >= 0 ? norm.slice(0, i) || '/' : norm.slice(0, Math.max(0, norm.lastIndexOf('/'))) || '.';
}

/** True when `file` lies inside folder `root`. */
function isInside(root: string, file: string): boolean {
  const f = file.replace(/\\/g, '/');
  if (root === '.') return !f.startsWith('/') && !f.startsWith('../');
  return f.startsWith(root.endsWith('/') ? root : root + '/');
}

/** Java/Kotlin sources: where a project binds its own configuration properties. */
export function isJvmSource(file: string): boolean {
  return /\.(java|kt)$/i.test(file);
}
