// Workspace diagnostics (issue 15): the findings of every candidate file in the workspace folders, without
// opening them. On start, when settings change and when watched files change, each folder with
// `mailConfigLint.scope: workspace` (the default) is walked with the CLI's discovery (.gitignore and
// .git/info/exclude, node_modules/.git skipped) minus `files.exclude`, `mailConfigLint.ignore` and the
// project config's ignore globs; each file is read and linted (the engine's prefilter skips most of them
// before any parse) against the same env index as open documents. Results go out as
//   - pull: `workspace/diagnostic` (LSP 3.17) with partial results as files finish when the client sends a
//     partialResultToken, and `unchanged` reports against previousResultIds;
//   - push: publishDiagnostics per file, for clients without pull.
// Open documents are left to the publisher: their live text wins over the file on disk. The scan runs in
// slices of a few milliseconds between which the event loop serves edits and requests, reports work-done
// progress, and stops when the client cancels it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type CancellationToken,
  CancellationTokenSource,
  type Diagnostic,
  DocumentDiagnosticReportKind,
  type ResultProgressReporter,
  type WorkDoneProgressReporter,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { lintText } from '../engine';
import { compileIgnore } from '../config/ignore';
import { GitIgnore } from '../config/gitignore';
import { SKIP_DIRS, Walk } from '../files/discover';
import { LineIndex } from '../model/lineIndex';
import { formatOf } from '../readers/index';
import { findingToDiagnostic } from './convert';
import type { EnvSync } from './envSync';
import { looksBinary, MAX_DOCUMENT } from './linter';
import type { Session } from './session';
import type { Settings } from './settings';
import { fileToUri, globMatcher, isEnvFile, mergeRules } from './workspace';

/** A scan slice: the event loop gets control back after this many ms of walking and linting. */
const SLICE_MS = 5;

/** Test hook (MAIL_CONFIG_LINT_TEST_SCAN_PAUSE_AFTER=n): the scan stops after n files and waits to be
 *  cancelled, so a test can cancel a scan that is certainly still running. */
const SCAN_PAUSE_AFTER = Number(process.env.MAIL_CONFIG_LINT_TEST_SCAN_PAUSE_AFTER) || undefined;

interface Entry {
  uri: string;
  diagnostics: Diagnostic[];
  resultId: string;
}

/** Per folder: what decides whether a file is in the workspace report. */
interface FolderScope {
  folder: string;
  settings: Settings;
  /** files.exclude, mailConfigLint.ignore, the project's ignore globs. */
  ignored: (file: string) => boolean;
  /** .gitignore files and .git/info/exclude (for files the watcher reports). */
  git: GitIgnore;
}

export class WorkspaceDiagnostics {
  /** Files on disk (not open) with their latest report; files without findings are kept too (empty). */
  private readonly entries = new Map<string, Entry>();
  private readonly scopes = new Map<string, FolderScope>();
  private seq = 0;
  /** Set while the scan reads an env file it met (see envChanged). */
  private learning = false;
  private scan: { source: CancellationTokenSource; done: Promise<void> } | undefined;
  /** Resolves when the first scan has started (a pull that arrives before waits for it). */
  private readonly firstStart: Promise<void>;
  private markStarted!: () => void;
  /** Pull requests waiting for the scan: they get each entry as it is produced. */
  private readonly listeners = new Set<(file: string, e: Entry) => void>();

  constructor(
    private readonly session: Session,
    private readonly envSync: EnvSync,
  ) {
    this.firstStart = new Promise((r) => (this.markStarted = r));
  }

  /** Files currently reported (tests and the bench read it). */
  get size(): number {
    return this.entries.size;
  }

  /** Whether the scan of the current settings has finished. */
  get idle(): boolean {
    return !this.scan;
  }

  /** (Re)starts the scan of every workspace folder; a running scan is cancelled first. */
  start(): Promise<void> {
    this.scan?.source.cancel();
    const source = new CancellationTokenSource();
    const done = this.scanAll(source.token).finally(() => {
      if (this.scan?.source === source) this.scan = undefined;
    });
    this.scan = { source, done };
    this.markStarted();
    return done;
  }

  /** Stops a running scan (the client cancelled its progress). */
  cancel(): void {
    this.scan?.source.cancel();
  }

  private async folderScope(folder: string): Promise<FolderScope> {
    const { session } = this;
    const settings = await session.settingsFor(fileToUri(folder));
    const project = session.configs.forFile(path.join(folder, 'x'));
    const exclude = await this.filesExclude(folder);
    const editorIgnore = globMatcher(settings.ignore, folder);
    const projectIgnore = project.ignore.length ? globMatcher(project.ignore, project.baseDir) : undefined;
    const excluded = exclude.length ? compileIgnore(exclude, folder) : undefined;
    return { folder, settings, ignored: (f) => editorIgnore(f) || !!projectIgnore?.(f) || !!excluded?.(f), git: new GitIgnore(folder) };
  }

  /** The client's `files.exclude` globs that are switched on (VS Code; other clients have none). */
  private async filesExclude(folder: string): Promise<string[]> {
    if (!this.session.caps.configurationSupport) return [];
    try {
      const v = (await this.session.connection.workspace.getConfiguration({ scopeUri: fileToUri(folder), section: 'files.exclude' })) as unknown;
      if (!v || typeof v !== 'object') return [];
      // VS Code globs are relative to the folder; `**/x` and `x` both mean "a name at any depth" here.
      return Object.entries(v as Record<string, unknown>)
        .filter(([, on]) => on === true)
        .map(([g]) => g.replace(/^\*\*\//, ''));
    } catch {
      return [];
    }
  }

  private async scanAll(token: CancellationToken): Promise<void> {
    const { session } = this;
    const folders = [...session.folders];
    this.scopes.clear();
    const scopes: FolderScope[] = [];
    for (const f of folders) {
      const s = await this.folderScope(f);
      this.scopes.set(f, s);
      if (s.settings.enable && s.settings.scope === 'workspace') scopes.push(s);
    }
    const seen = new Set<string>();
    const progress = scopes.length ? await this.progress() : undefined;
    progress?.token.onCancellationRequested(() => this.cancel());
    try {
      // The walk and the lints share the time slices: files are linted as the walk finds them, and the
      // event loop (edits, requests, cancellation) gets control back every SLICE_MS.
      let linted = 0;
      let t0 = performance.now();
      let reported = 0;
      const pause = async (what: string) => {
        // At most ten progress messages a second.
        if (t0 - reported >= 100) {
          progress?.report(what);
          reported = t0;
        }
        await yieldToEvents();
        t0 = performance.now();
      };
      for (const s of scopes) {
        if (token.isCancellationRequested) return;
        progress?.report(`finding files in ${path.basename(s.folder)}`);
        let walk: Walk;
        // The env files the start-up load missed (it stops after 20,000 entries): read when the walk meets
        // their folder, before the files in and below it are linted.
        const learn = (f: string) => {
          if (this.envSync.knows(f)) return;
          this.learning = true;
          try {
            this.envSync.loadFromDisk(f);
          } finally {
            this.learning = false;
          }
        };
        try {
          walk = new Walk([s.folder], s.folder, (abs) => s.ignored(abs), { gitignore: true, announce: { test: isEnvFile, found: learn } });
        } catch {
          continue; // the folder is gone
        }
        let next = 0;
        for (;;) {
          if (token.isCancellationRequested) return;
          while (next < walk.files.length && performance.now() - t0 < SLICE_MS) {
            const file = walk.files[next++];
            seen.add(file);
            this.lintFile(file, s);
            if (++linted === SCAN_PAUSE_AFTER) {
              // Test hook: hold the scan here until it is cancelled (a deterministic cancel test).
              session.log(`workspace scan paused after ${linted} files (test hook)`);
              await new Promise<void>((r) => (token.isCancellationRequested ? r() : token.onCancellationRequested(() => r())));
              return;
            }
          }
          const left = SLICE_MS - (performance.now() - t0);
          if (left > 0 && !walk.done) walk.run(left);
          if (walk.done && next >= walk.files.length) break;
          if (performance.now() - t0 >= SLICE_MS) await pause(`${linted} files`);
        }
      }
      // Files that left the workspace (deleted, now ignored, scope switched off) drop their reports.
      for (const file of [...this.entries.keys()]) if (!seen.has(file)) this.drop(file);
    } finally {
      progress?.done();
    }
  }

  /** Work-done progress when the client supports it (window.workDoneProgress), else silent. */
  private async progress(): Promise<{ token: CancellationToken; report(msg: string, pct?: number): void; done(): void } | undefined> {
    if (!this.session.caps.workDoneProgress) return undefined;
    try {
      const p: WorkDoneProgressReporter & { token?: CancellationToken } = await this.session.connection.window.createWorkDoneProgress();
      p.begin('Mail Config Lint', 0, 'scanning the workspace', true);
      return {
        token: (p as unknown as { token: CancellationToken }).token,
        report: (msg, pct) => (pct === undefined ? p.report(msg) : p.report(pct, msg)),
        done: () => p.done(),
      };
    } catch {
      return undefined;
    }
  }

  /** Lints the disk version of `file` (unless it is open) and reports it when its diagnostics changed. */
  lintFile(file: string, scope: FolderScope): void {
    if (this.session.byFile.has(file)) {
      // Open: the publisher reports the live text; a stale disk report would only be hidden by it.
      this.drop(file);
      return;
    }
    const diagnostics = this.diagnosticsOf(file, scope.settings);
    const prev = this.entries.get(file);
    if (prev && sameDiagnostics(prev.diagnostics, diagnostics)) return;
    // Files without findings are remembered (so a later change is noticed) but only reported once they had some.
    const e: Entry = { uri: fileToUri(file), diagnostics, resultId: `w${++this.seq}` };
    this.entries.set(file, e);
    if (!prev && diagnostics.length === 0) return;
    this.emit(file, e);
  }

  private diagnosticsOf(file: string, settings: Settings): Diagnostic[] {
    let text: string;
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > MAX_DOCUMENT) return [];
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    if (looksBinary(text)) return [];
    const project = this.session.configs.forFile(file);
    const res = lintText(file, text, { rules: mergeRules(project.rules, settings.rules), env: this.envSync.env, modules: this.session.modules });
    const own = res.findings.filter((f) => f.file === file);
    if (own.length === 0) return [];
    const uri = fileToUri(file);
    let index: LineIndex | undefined;
    const fileText = { uri, text, get index() { return (index ??= new LineIndex(text)); } };
    const { caps } = this.session;
    const opts = { relatedInformation: caps.relatedInfo, codeDescription: caps.codeDescription, fileText: (f: string) => this.session.fileText(f) };
    return own.map((f) => findingToDiagnostic(f, fileText, opts));
  }

  private drop(file: string): void {
    const prev = this.entries.get(file);
    if (!prev) return;
    this.entries.delete(file);
    if (prev.diagnostics.length) this.emit(file, { uri: prev.uri, diagnostics: [], resultId: `w${++this.seq}` });
  }

  private emit(file: string, e: Entry): void {
    if (!this.session.caps.pull) void this.session.connection.sendDiagnostics({ uri: e.uri, diagnostics: e.diagnostics });
    for (const l of this.listeners) l(file, e);
  }

  // -----------------------------------------------------------------------------------------------
  // Changes

  private scopeOf(file: string): FolderScope | undefined {
    const folder = this.session.folderOf(file);
    const s = folder ? this.scopes.get(folder) : undefined;
    return s && s.settings.enable && s.settings.scope === 'workspace' ? s : undefined;
  }

  /** A watched file was created, changed or deleted on disk. */
  fileChanged(file: string, deleted: boolean): void {
    if (!formatOf(file)) return;
    const scope = this.scopeOf(file);
    if (deleted || !scope || !this.walked(file, scope)) return this.drop(file);
    this.lintFile(file, scope);
  }

  /** Whether discovery would have found `file` (same skipped folders, ignore files and globs). */
  private walked(file: string, scope: FolderScope): boolean {
    if (scope.ignored(file)) return false;
    const rel = path.relative(scope.folder, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
    let dir = scope.folder;
    for (const part of rel.split(path.sep).slice(0, -1)) {
      if (SKIP_DIRS.has(part)) return false;
      dir = path.join(dir, part);
      if (scope.git.ignores(dir, true)) return false;
    }
    return !scope.git.ignores(file, false);
  }

  /** An env file's variables changed: the files on disk that can read it are linted again. */
  envChanged(envFile: string): void {
    // The scan itself read it, before any file in or below its folder (nothing reported can depend on it yet).
    if (this.learning) return;
    const dir = path.dirname(envFile);
    for (const file of [...this.entries.keys()]) {
      const rel = path.relative(dir, file);
      if (file === envFile || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const scope = this.scopeOf(file);
      if (scope) this.lintFile(file, scope);
    }
  }

  /** A document was opened: the publisher reports it from now on (its publish replaces the disk report). */
  opened(file: string): void {
    this.entries.delete(file);
  }

  /** A document was closed: its file on disk is reported again (when it is in the workspace report). */
  closed(file: string): void {
    const scope = this.scopeOf(file);
    if (scope && formatOf(file) && this.walked(file, scope) && fs.existsSync(file)) this.lintFile(file, scope);
  }

  // -----------------------------------------------------------------------------------------------
  // Pull: workspace/diagnostic

  async pull(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
    progress: ResultProgressReporter<{ items: WorkspaceDocumentDiagnosticReport[] }> | undefined,
  ): Promise<WorkspaceDiagnosticReport> {
    await Promise.race([this.firstStart, new Promise<void>((r) => token.onCancellationRequested(() => r()))]);
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const report = (e: Entry): WorkspaceDocumentDiagnosticReport =>
      previous.get(e.uri) === e.resultId
        ? { kind: DocumentDiagnosticReportKind.Unchanged, uri: e.uri, resultId: e.resultId, version: null }
        : { kind: DocumentDiagnosticReportKind.Full, uri: e.uri, resultId: e.resultId, version: null, items: e.diagnostics };
    const wanted = (e: Entry) => e.diagnostics.length > 0 || previous.has(e.uri);
    const scan = this.scan;
    if (scan && progress && params.partialResultToken !== undefined) {
      // Partial results: what is known now at once, then batches as the scan finds more.
      const sent = new Set<string>();
      let batch: WorkspaceDocumentDiagnosticReport[] = [];
      const flush = () => {
        if (batch.length) progress.report({ items: batch });
        batch = [];
      };
      const first: WorkspaceDocumentDiagnosticReport[] = [];
      for (const [file, e] of this.entries) if (wanted(e) && previous.get(e.uri) !== e.resultId) { first.push(report(e)); sent.add(file); }
      if (first.length) progress.report({ items: first });
      const listener = (file: string, e: Entry) => {
        sent.add(file);
        batch.push(report(e));
        if (batch.length >= 50) flush();
      };
      const timer = setInterval(flush, 100);
      this.listeners.add(listener);
      try {
        await Promise.race([scan.done, new Promise<void>((r) => token.onCancellationRequested(() => r()))]);
      } finally {
        this.listeners.delete(listener);
        clearInterval(timer);
      }
      flush();
      return { items: this.gone(previous) };
    }
    if (scan) await Promise.race([scan.done, new Promise<void>((r) => token.onCancellationRequested(() => r()))]);
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const e of this.entries.values()) if (wanted(e) && previous.get(e.uri) !== e.resultId) items.push(report(e));
    return { items: items.concat(this.gone(previous)) };
  }

  /** Files the client still shows that are no longer reported: an empty full report each. */
  private gone(previous: Map<string, string>): WorkspaceDocumentDiagnosticReport[] {
    const reported = new Set([...this.entries.values()].map((e) => e.uri));
    const out: WorkspaceDocumentDiagnosticReport[] = [];
    for (const uri of previous.keys()) {
      if (reported.has(uri) || this.session.states.has(uri)) continue;
      out.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    }
    return out;
  }
}

function yieldToEvents(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
