// Workspace diagnostics (issue 15): the findings of every candidate file in the workspace folders, without
// opening them. On start, when settings change and when watched files change, each folder with
// `mailConfigLint.scope: workspace` (the default) is walked with the CLI's discovery (.gitignore and
// .git/info/exclude, node_modules/.git skipped) minus `files.exclude`, `mailConfigLint.ignore` and the
// project config's ignore globs; each file is read and linted (the engine's prefilter skips most of them
// before any parse) against the same env index as open documents. Results go out as
//   - pull: `workspace/diagnostic` (LSP 3.17) with partial results as files finish when the client sends a
//     partialResultToken, and `unchanged` reports against previousResultIds;
//   - push: publishDiagnostics per file, for clients without pull.
// Open documents are left to the publisher: their live text wins over the file on disk. The scan runs in a
// worker thread (scanWorker.ts) that walks, reads and lints; this thread merges its batches, so edits and
// requests never wait for the scan. It reports work-done progress and stops when the client cancels it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
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
import { GitIgnore } from '../config/gitignore';
import { SKIP_DIRS } from '../files/discover';
import { formatOf } from '../readers/index';
import { workerScript } from '../threads';
import { diskDiagnostics, folderIgnore } from './diskLint';
import type { EnvSync } from './envSync';
import { SCAN_WORKER_TAG, type EnvUpdate, type FromScanWorker, type ScanWorkerData } from './scanWorker';
import type { Session } from './session';
import type { Settings } from './settings';
import { fileToUri } from './workspace';

/** Test hook (MAIL_CONFIG_LINT_TEST_SCAN_PAUSE_AFTER=n): the scan thread blocks after n files (busy, not
 *  yielding) until the scan is cancelled, so a test can act while a scan is certainly still running. */
const SCAN_PAUSE_AFTER = Number(process.env.MAIL_CONFIG_LINT_TEST_SCAN_PAUSE_AFTER) || undefined;

interface Entry {
  uri: string;
  diagnostics: Diagnostic[];
  resultId: string;
}

const NONE: Diagnostic[] = [];
/** The entry of every file that never had a finding: it is in no report (uri '' matches no client's). */
const NEVER_REPORTED: Entry = Object.freeze({ uri: '', diagnostics: NONE, resultId: '' });

/** Per folder: what decides whether a file is in the workspace report. */
interface FolderScope {
  folder: string;
  settings: Settings;
  /** The client's files.exclude globs that are on. */
  exclude: string[];
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
  /** Set while an env file the scan thread read is taken in (see envChanged). */
  private learning = false;
  private scan: { source: CancellationTokenSource; done: Promise<void> } | undefined;
  /** Project config errors the scan thread met, shown once each. */
  private readonly configErrors = new Set<string>();
  /** The running scan thread: where env changes go, and which folders changed at which generation. */
  private scanThread: { post(u: EnvUpdate): void; gen: number; changed: { gen: number; dir: string }[] } | undefined;
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
    const exclude = await this.filesExclude(folder);
    return { folder, settings, exclude, ignored: folderIgnore(folder, settings.ignore, session.configs, exclude), git: new GitIgnore(folder) };
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
      if (scopes.length && !(await this.scanInThread(scopes, seen, token, progress))) return;
      // Files that left the workspace (deleted, now ignored, scope switched off) drop their reports.
      for (const file of [...this.entries.keys()]) if (!seen.has(file)) this.drop(file);
    } finally {
      progress?.done();
    }
  }

  /**
   * Runs the scan thread over `scopes` and merges its results as they come. Resolves true when it walked
   * everything, false when it was cancelled or failed (then the reports of files it did not reach stay).
   */
  private scanInThread(scopes: FolderScope[], seen: Set<string>, token: CancellationToken, progress: Progress | undefined): Promise<boolean> {
    const { session, envSync } = this;
    const hold = SCAN_PAUSE_AFTER ? new SharedArrayBuffer(4) : undefined;
    const { port1, port2 } = new MessageChannel();
    const data: ScanWorkerData = {
      tag: SCAN_WORKER_TAG,
      folders: scopes.map((s) => ({ folder: s.folder, rules: s.settings.rules, ignore: s.settings.ignore, exclude: s.exclude })),
      roots: [...session.folders],
      env: envSync.snapshot(),
      open: [...session.byFile.keys()],
      relatedInfo: session.caps.relatedInfo,
      codeDescription: session.caps.codeDescription,
      updates: port2,
      pauseAfter: SCAN_PAUSE_AFTER,
      hold,
    };
    // Through dist/server.js: the scan thread compiles the bundle and the grammar chunks from the code cache.
    const entry = workerScript(path.join(__dirname, 'main.ts'), 'server.js');
    // stdout/stderr: true, so nothing the thread prints can reach the client's stdio stream.
    const worker = new Worker(entry.file, { eval: entry.eval, workerData: data, transferList: [port2], stdout: true, stderr: true });
    worker.stdout.on('data', (d: Buffer) => session.log(`workspace scan: ${String(d).trimEnd()}`));
    worker.stderr.on('data', (d: Buffer) => session.log(`workspace scan: ${String(d).trimEnd()}`));
    const thread = { post: (u: EnvUpdate) => port1.postMessage(u), gen: 0, changed: [] as { gen: number; dir: string }[] };
    this.scanThread = thread;
    let reported = 0;
    return new Promise<boolean>((resolve) => {
      let settled = false;
      const end = (finished: boolean) => {
        if (settled) return;
        settled = true;
        if (this.scanThread === thread) this.scanThread = undefined;
        if (hold) {
          Atomics.store(new Int32Array(hold), 0, 1);
          Atomics.notify(new Int32Array(hold), 0);
        }
        port1.close();
        void worker.terminate();
        resolve(finished);
      };
      token.onCancellationRequested(() => end(false));
      worker.on('error', (e) => {
        session.log(`workspace scan failed: ${e?.stack ?? e}`);
        end(false);
      });
      worker.on('exit', () => end(false));
      worker.on('message', (m: FromScanWorker) => {
        if (settled) return;
        switch (m.kind) {
          case 'folder':
            progress?.report(`finding files in ${path.basename(m.folder)}`);
            return;
          case 'env':
            // Read by the scan thread before any file in or below its folder: nothing reported depends on it yet.
            this.learning = true;
            try {
              envSync.learn(m.file, m.text, m.vars);
            } finally {
              this.learning = false;
            }
            return;
          case 'files': {
            // Env files that changed after the thread linted these: those below them are linted again here.
            const stale = thread.changed.filter((c) => c.gen > m.gen).map((c) => c.dir);
            const take = (file: string, diagnostics: Diagnostic[]) => {
              seen.add(file);
              const scope = stale.length && stale.some((d) => inside(d, file)) ? this.scopeOf(file) : undefined;
              if (scope) this.lintFile(file, scope);
              else this.record(file, diagnostics);
            };
            for (const [file, diagnostics] of m.results) take(file, diagnostics);
            if (m.clean) for (const file of m.clean.split('\0')) take(file, NONE);
            // At most ten progress messages a second.
            const now = performance.now();
            if (now - reported >= 100) {
              progress?.report(`${m.linted} files`);
              reported = now;
            }
            return;
          }
          case 'config-error':
            if (!this.configErrors.has(m.message)) {
              this.configErrors.add(m.message);
              session.connection.console.warn(m.message);
              void session.connection.window.showWarningMessage(m.message);
            }
            return;
          case 'paused':
            session.log(`workspace scan paused after ${m.linted} files (test hook)`);
            return;
          case 'error':
            session.log(`workspace scan failed: ${m.message}`);
            return end(false);
          case 'done':
            return end(true);
        }
      });
    });
  }

  /** Work-done progress when the client supports it (window.workDoneProgress), else silent. */
  private async progress(): Promise<Progress | undefined> {
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
    if (this.session.byFile.has(file)) return this.drop(file);
    const { session } = this;
    const { caps } = session;
    this.record(file, diskDiagnostics(file, scope.settings.rules, { env: this.envSync.env, modules: session.modules, configs: session.configs, relatedInfo: caps.relatedInfo, codeDescription: caps.codeDescription, fileText: (f) => session.fileText(f) }));
  }

  /** Takes in the diagnostics of `file` on disk; reports them when they changed. */
  private record(file: string, diagnostics: Diagnostic[]): void {
    if (this.session.byFile.has(file)) {
      // Open: the publisher reports the live text; a stale disk report would only be hidden by it.
      this.drop(file);
      return;
    }
    const prev = this.entries.get(file);
    if (prev && sameDiagnostics(prev.diagnostics, diagnostics)) return;
    // Files without findings are remembered (so a later change is noticed) but only reported once they had
    // some; until then they share one entry (no URI, no result id: nothing was sent for them).
    if (!prev && diagnostics.length === 0) {
      this.entries.set(file, NEVER_REPORTED);
      return;
    }
    const e: Entry = { uri: fileToUri(file), diagnostics, resultId: `w${++this.seq}` };
    this.entries.set(file, e);
    this.emit(file, e);
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
    const thread = this.scanThread;
    if (thread) {
      // The running scan lints the files it has not reached yet with the new variables; those it linted
      // before it saw them are linted again here when their results arrive.
      thread.gen++;
      thread.changed.push({ gen: thread.gen, dir });
      thread.post({ gen: thread.gen, file: envFile, vars: this.envSync.varsOf(envFile), text: this.session.fileText(envFile)?.text });
    }
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

interface Progress {
  token: CancellationToken;
  report(msg: string, pct?: number): void;
  done(): void;
}

/** Whether `file` is in or below folder `dir`. */
function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
