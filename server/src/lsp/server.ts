// The Mail Config Lint language server: engine results as diagnostics, code actions and hovers.
// Works with any LSP client: pull diagnostics when the client supports them, push otherwise.
//
// Caching: each open document keeps the lint result for (version, generation); the generation bumps when
// something it depends on changes (settings, project config, an .env file it can read). Only the changed
// document and its dependants are re-linted. Findings a document reports about another file (a JS module
// about the .env value it reads) are kept per source and merged into the target's diagnostics.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { version } from '../../../package.json';
import {
  CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  MarkupKind,
  type ServerCapabilities,
  TextDocumentSyncKind,
  TextDocuments,
  TextEdit as LspTextEdit,
  type WorkspaceEdit,
  type CancellationToken,
  FileChangeType,
  LSPErrorCodes,
  Range,
  ResponseError,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EnvIndex, envVarsOf, fixAll, fixTextEdits, lintText, type FileResult, type LintOptions } from '../engine';
import type { Finding, Fix, FieldEdit, ReadResult } from '../model/types';
import { LineIndex } from '../model/lineIndex';
import { changeBetween } from '../model/textEdits';
import { formatOf } from '../readers/index';
import type { ItemFocus } from '../readers/types';
import { boundedModeMessage, isBoundedModeMessage, yamlOptions } from '../readers/yaml/index';
import { helpUri } from '../rules/types';
import { findingToDiagnostic, minimalEdit, SOURCE, toLspEdits, type FileText } from './convert';
import type { EngineContext, GetEngineContext } from './context';
import { changeIsLocal, focusFor, maillessTotal, mergeSnapshot, snapshotOf, type Entry, type ItemSnapshot } from './incremental';
import { fieldAt, hoverText } from './hover';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import {
  fileToUri,
  findEnvFiles,
  globMatcher,
  isEnvFile,
  mergeRules,
  ProjectConfigs,
  readSmallFile,
  uriToFile,
} from './workspace';

export const FIX_ALL_KIND = 'source.fixAll.mailConfigLint';
export const CMD_SHOW_DOCS = 'mailConfigLint.server.showDocumentation';
export const CMD_FIX_ALL = 'mailConfigLint.server.applyFixAll';
export const CMD_RELINT = 'mailConfigLint.server.relintAll';

/** Above this size a document is not linted at all (one information diagnostic says so). */
export const MAX_DOCUMENT = 16_000_000;

/**
 * Issue 6 (measured by `npm run bench`): after linting a document this large, while the heap is above
 * GC_ABOVE_HEAP, collect the garbage of that lint at once, off the critical path (a timer after the
 * diagnostics went out). Without it V8 lets the heap grow with every version of a 5 MiB document (peak RSS
 * 460-720 MB on the bench's 5 MiB files); with it the peak stays near the live set (210-285 MB). A full GC
 * costs ~15-50 ms there; the heap threshold keeps it away from documents whose lint leaves little garbage.
 */
const GC_AFTER_CHARS = 1_000_000;
const GC_ABOVE_HEAP = 100_000_000;
let forceGc: (() => void) | undefined | null = null;
let gcTimer: ReturnType<typeof setTimeout> | undefined;
function collectGarbageSoon(): void {
  if (forceGc === null) {
    try {
      const g = (globalThis as { gc?: () => void }).gc;
      if (typeof g === 'function') forceGc = g;
      else {
        v8.setFlagsFromString('--expose-gc');
        forceGc = vm.runInNewContext('gc') as () => void;
      }
    } catch {
      forceGc = undefined;
    }
  }
  if (!forceGc || gcTimer) return;
  gcTimer = setTimeout(() => {
    gcTimer = undefined;
    forceGc?.();
  }, 0);
  gcTimer.unref?.();
}

interface LintResult {
  key: string;
  /** The settings/dependency generation it was linted with (st.gen then). */
  gen: number;
  version: number;
  file: string;
  text: string;
  index: LineIndex;
  /** The engine's whole result. After an incremental re-lint (`items`) it is computed on first use. */
  result: FileResult;
  /** Findings in this document's own file (from `result`). */
  own: Finding[];
  /** Problems reading this version (known without `result`). */
  problems: FileResult['problems'];
  /** Huge YAML documents: the diagnostics of their units (documents or top-level list items), reused by the next version's re-lint. */
  items?: ItemSnapshot;
  /** The engine's result for the units around [start, end] (hover, quick fixes): `result` itself
   *  unless the document is re-linted by items. */
  near(start: number, end: number): FileResult;
  settings: Settings;
  lintOptions: LintOptions;
  /** Why nothing was linted (disabled, ignored, binary, too large). */
  skipped?: string;
}

interface DocState {
  uri: string;
  file: string;
  gen: number;
  /** Version last saved (or opened): run=onSave lints only these. */
  savedVersion: number;
  result?: LintResult;
  timer?: NodeJS.Timeout;
  published?: Diagnostic[];
  /** Converted diagnostics of `result` (key) with the foreign findings of generation `fg`. */
  diagCache?: { key: string; fg: number; diagnostics: Diagnostic[] };
}

const LANG_SUFFIX: Record<string, string> = {
  dotenv: '.env',
  properties: '', // not ours unless the name says .env
  yaml: '.yaml',
  dockercompose: '.yaml',
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

export function startServer(
  connection: Connection,
  registerAddOns?: (documents: TextDocuments<TextDocument>, getEngineContext: GetEngineContext) => Partial<ServerCapabilities> | void,
): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocState>();
  const byFile = new Map<string, string>(); // engine file → uri of the open document
  const env = new EnvIndex();
  const diskText = new Map<string, string>(); // env files read from disk
  const envSignature = new Map<string, string>(); // env file → serialized vars (change detection)
  const foreign = new Map<string, Map<string, Finding[]>>(); // source uri → target file → findings
  const settingsCache = new Map<string, Promise<Settings>>();
  const configs = new ProjectConfigs((m) => {
    connection.console.warn(m);
    void connection.window.showWarningMessage(m);
  });
  let folders: string[] = [];
  let pull = false;
  let refreshSupport = false;
  let configurationSupport = false;
  let dynamicConfig = false;
  let watchedFilesDynamic = false;
  let relatedInfo = true;
  let codeDescription = true;
  let markdown = true;
  let versionedEdits = false;
  let showDocumentSupport = false;
  let globalSettings: Settings = DEFAULT_SETTINGS;
  let refreshTimer: NodeJS.Timeout | undefined;
  let foreignGen = 0;

  const log = (m: string) => connection.console.log(m);

  // -----------------------------------------------------------------------------------------------
  // Documents ↔ files

  function fileFor(doc: TextDocument): string {
    const p = uriToFile(doc.uri) ?? doc.uri;
    if (formatOf(p)) return p;
    // Untitled buffers and odd names: fall back on the language id so `untitled:Untitled-1` in dotenv mode lints.
    const suffix = LANG_SUFFIX[doc.languageId];
    return suffix ? `${p}${suffix}` : p;
  }

  function fileText(file: string): FileText | undefined {
    const uri = byFile.get(file);
    if (uri) {
      const st = states.get(uri);
      const doc = documents.get(uri);
      const lr = st?.result;
      if (lr && doc && lr.version === doc.version) return textOf(uri, lr);
      if (doc) {
        const text = doc.getText();
        return { uri, text, index: new LineIndex(text) };
      }
    }
    const text = diskText.get(file) ?? readSmallFile(file);
    if (text === undefined) return undefined;
    return { uri: fileToUri(file), text, index: new LineIndex(text) };
  }

  /** The linted text of a document; its line index is built only if a position is asked for. */
  function textOf(uri: string, lr: LintResult): FileText {
    return {
      uri,
      text: lr.text,
      get index() {
        return lr.index;
      },
    };
  }

  // -----------------------------------------------------------------------------------------------
  // Settings

  function settingsFor(uri: string): Promise<Settings> {
    if (!configurationSupport) return Promise.resolve(globalSettings);
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'mailConfigLint' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, p);
    }
    return p;
  }

  function folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of folders) {
      const rel = path.relative(f, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  // -----------------------------------------------------------------------------------------------
  // Linting

  function keyOf(doc: TextDocument, st: DocState): string {
    return `${doc.version}|${st.gen}`;
  }

  function stateFor(doc: TextDocument): DocState {
    let st = states.get(doc.uri);
    if (!st) {
      st = { uri: doc.uri, file: fileFor(doc), gen: 0, savedVersion: doc.version };
      states.set(doc.uri, st);
      byFile.set(st.file, doc.uri);
    }
    return st;
  }

  /** The lint result for the document's current version (cached). Synchronous: the engine is. */
  function analyze(doc: TextDocument, st: DocState, settings: Settings): LintResult {
    const key = keyOf(doc, st);
    if (st.result && st.result.key === key) return st.result;
    const text = doc.getText();
    const file = st.file;
    const project = configs.forFile(file);
    const lintOptions: LintOptions = { rules: mergeRules(project.rules, settings.rules), env };
    const empty: FileResult = { file, findings: [], problems: [] };
    let skipped: string | undefined;
    if (!settings.enable) skipped = 'disabled by mailConfigLint.enable';
    else if (!formatOf(file)) skipped = 'not a file Mail Config Lint reads';
    else if (globMatcher(settings.ignore, folderOf(file))(file)) skipped = 'ignored by mailConfigLint.ignore';
    else if (project.ignore.length && globMatcher(project.ignore, project.baseDir)(file)) skipped = `ignored by ${path.basename(project.file ?? '.mailconfiglintrc.json')}`;
    else if (text.length > MAX_DOCUMENT) skipped = `too large (${(text.length / 1e6).toFixed(1)} MB > ${MAX_DOCUMENT / 1e6} MB): not linted`;
    else if (looksBinary(text)) skipped = 'binary content';
    let result: FileResult | undefined = empty;
    let items: ItemSnapshot | undefined;
    let problems: FileResult['problems'] = [];
    const prev = st.result;
    const prevItems = prev?.items;
    const prevProblems = prev?.problems ?? [];
    // Issue 6 (LSP memory on 5 MiB files): the superseded version's text, line index and results can be
    // collected while the new version is linted (nothing reads st.result until analyze returns).
    if (text.length > GC_AFTER_CHARS) st.result = undefined;
    // The line index is built only when something needs positions (findings, hover, code actions):
    // typing in a big file without mail settings costs no more than the prefilter.
    let index: LineIndex | undefined;
    const indexOf = () => (index ??= new LineIndex(text));
    if (!skipped) {
      const t0 = Date.now();
      try {
        if (text.length >= yamlOptions.boundedAboveBytes && formatOf(file) === 'yaml') {
          ({ result, items } = lintItems(file, text, lintOptions, st.gen, prevItems, { uri: doc.uri, text, get index() { return indexOf(); } }));
        } else result = lintText(file, text, lintOptions);
      } catch (e) {
        // lintText promises not to throw; a bug must still not take the server down.
        connection.console.error(`lint failed for ${file}: ${(e as Error).stack ?? e}`);
        result = empty;
        items = undefined;
      }
      problems = result?.problems ?? items?.problems ?? [];
      const ms = Date.now() - t0;
      if (ms > 200) log(`linted ${path.basename(file)} (${text.length} chars${result ? '' : ', changed items only'}) in ${ms} ms`);
      // Read problems (syntax errors while typing, bounded mode) go to the log once, not on every keystroke.
      const problemSig = problems.map((p) => `${p.line}:${p.message}`).join('\n');
      if (problemSig !== prevProblems.map((p) => `${p.line}:${p.message}`).join('\n')) {
        for (const p of problems) log(`${path.basename(file)}${p.line !== undefined ? `:${p.line + 1}` : ''}: ${p.message}`);
      }
    }
    // After an incremental re-lint the whole result is computed only if something asks for it (the
    // Test SMTP Connection command, fix-all): diagnostics, hover and quick fixes do not need it.
    let full = result;
    let own: Finding[] | undefined;
    const nearCache = new Map<string, FileResult>();
    const lr: LintResult = {
      key,
      gen: st.gen,
      version: doc.version,
      file,
      text,
      get index() {
        return indexOf();
      },
      get result() {
        return (full ??= lintText(file, text, lintOptions));
      },
      get own() {
        return (own ??= this.result.findings.filter((f) => f.file === file));
      },
      problems,
      items,
      near(start, end) {
        if (!items || full) return this.result;
        const k = `${start}:${end}`;
        let r = nearCache.get(k);
        if (!r) {
          const focus: ItemFocus = { keep: (a, b) => a <= end && start < b };
          r = lintText(file, text, { ...lintOptions, focus });
          if (nearCache.size >= 8) nearCache.clear();
          nearCache.set(k, r);
        }
        return r;
      },
      settings,
      lintOptions,
      skipped,
    };
    st.result = lr;
    if (text.length > GC_AFTER_CHARS && v8.getHeapStatistics().total_heap_size > GC_ABOVE_HEAP) collectGarbageSoon();
    if (!skipped && isEnvFile(file)) updateEnv(file, lr.result.read?.envVars, doc.uri);
    // An item snapshot exists only when every finding is about this file.
    updateForeign(doc.uri, skipped || items ? [] : lr.result.findings.filter((f) => f.file !== file));
    return lr;
  }

  /**
   * Huge YAML documents (issue 6): re-read only the units (documents, top-level list items) the edit
   * touched and keep the other units' diagnostics (incremental.ts); lint in full when that cannot be done
   * soundly. `result` is undefined when only units were re-read.
   */
  function lintItems(file: string, text: string, lintOptions: LintOptions, gen: number, prev: ItemSnapshot | undefined, own: FileText): { result?: FileResult; items?: ItemSnapshot } {
    // Clients without relatedInformation get the other half's line number written into the message, which
    // moving a diagnostic would leave stale: lint in full for them.
    if (!relatedInfo) return { result: lintText(file, text, lintOptions) };
    // Related locations in this document resolve to `own` (st.result is not set yet while it is linted).
    const opts = { relatedInformation: relatedInfo, codeDescription, fileText: (f: string) => (f === file ? own : fileText(f)) };
    const convert = (findings: Finding[]): Entry[] | undefined => {
      const out: Entry[] = [];
      for (const f of findings) {
        if (f.file !== file) return undefined;
        out.push({ off: f.span.start, diag: findingToDiagnostic(f, own, opts) });
      }
      return out;
    };
    if (prev && prev.gen === gen) {
      const change = changeBetween(prev.text, text);
      if (!change) return { items: { ...prev, text } };
      if (changeIsLocal(prev.text, text, change)) {
        const focus = focusFor(change);
        const r = lintText(file, text, { ...lintOptions, focus });
        if (!focus.applied) return { result: r }; // the reader read everything (e.g. an anchor appeared)
        const fresh = convert(r.findings);
        const merged = fresh && mergeSnapshot(prev, text, change, focus, fresh, own.uri);
        if (merged) {
          const read = focus.items!.reduce((n, s) => n + (focus.keep(s.start, s.end) ? 1 : 0), 0);
          connection.console.debug(`${path.basename(file)}: re-read ${read} of ${focus.items!.length} ${focus.unit}s`);
          const skipped = maillessTotal(merged);
          const others = r.problems.filter((p) => !isBoundedModeMessage(p.message));
          merged.problems = skipped ? [{ message: boundedModeMessage(text.length, skipped) }, ...others] : others;
          return { items: merged };
        }
      }
    }
    const focus: ItemFocus = { keep: () => true };
    const result = lintText(file, text, { ...lintOptions, focus });
    if (!focus.applied || (focus.items?.length ?? 0) < 2) return { result };
    const entries = convert(result.findings);
    const items = entries && snapshotOf(gen, text, focus, entries);
    if (items) items.problems = result.problems;
    return { result, items };
  }

  function updateEnv(file: string, defined: ReadResult['envVars'], sourceUri?: string): void {
    const vars = defined ?? {};
    const sig = JSON.stringify(Object.entries(vars).map(([k, v]) => [k, v.value, v.ref.span.start]));
    if (envSignature.get(file) === sig) return;
    envSignature.set(file, sig);
    env.set(file, vars);
    markDependants(file, sourceUri);
  }

  function removeEnv(file: string): void {
    if (!envSignature.has(file)) return;
    envSignature.delete(file);
    env.delete(file);
    markDependants(file);
  }

  /** Every open document that can read `envFile` (same folder or below) is stale now. */
  function markDependants(envFile: string, except?: string): void {
    const dir = path.dirname(envFile);
    const stale: string[] = [];
    for (const st of states.values()) {
      if (st.uri === except) continue;
      if (st.file === envFile) continue;
      const rel = path.relative(dir, st.file);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      st.gen++;
      stale.push(st.uri);
    }
    if (stale.length) relint(stale);
  }

  function updateForeign(sourceUri: string, findings: Finding[]): void {
    const prev = foreign.get(sourceUri);
    const next = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = next.get(f.file) ?? [];
      list.push(f);
      next.set(f.file, list);
    }
    const changed = new Set<string>();
    for (const t of new Set([...(prev?.keys() ?? []), ...next.keys()])) {
      if (sig(prev?.get(t)) !== sig(next.get(t))) changed.add(t);
    }
    if (next.size) foreign.set(sourceUri, next);
    else foreign.delete(sourceUri);
    if (changed.size) foreignGen++;
    const targets: string[] = [];
    for (const t of changed) {
      const uri = byFile.get(t);
      if (uri && uri !== sourceUri) targets.push(uri);
    }
    if (targets.length) republish(targets);
  }

  function sig(list: Finding[] | undefined): string {
    return list ? JSON.stringify(list.map((f) => [f.ruleId, f.severity, f.message, f.span.start, f.span.end])) : '';
  }

  function diagnosticsFor(uri: string): Diagnostic[] {
    const st = states.get(uri);
    const lr = st?.result;
    if (!st || !lr) return [];
    // Pulls of unchanged documents (VS Code re-pulls visible documents after any change) reuse the conversion.
    if (st.diagCache && st.diagCache.key === lr.key && st.diagCache.fg === foreignGen) return st.diagCache.diagnostics;
    const diagnostics = convertDiagnostics(uri, st, lr);
    st.diagCache = { key: lr.key, fg: foreignGen, diagnostics };
    return diagnostics;
  }

  function convertDiagnostics(uri: string, st: DocState, lr: LintResult): Diagnostic[] {
    const own = textOf(uri, lr);
    const opts = { relatedInformation: relatedInfo, codeDescription, fileText };
    const out: Diagnostic[] = [];
    if (lr.skipped && /too large/.test(lr.skipped)) {
      out.push({
        range: Range.create(0, 0, 0, 0),
        severity: 3,
        source: SOURCE,
        message: `Mail Config Lint: this file is ${lr.skipped}.`,
      });
    }
    // Bounded mode (a reader read only part of a huge file) must say so; syntax errors stay in the log,
    // since the file's own language support already reports them while the user types.
    for (const p of lr.problems) {
      if (!/large file|too large|bounded|not parsed as a whole/i.test(p.message)) continue;
      const line = Math.max(0, Math.min(p.line ?? 0, lr.index.lineCount - 1));
      out.push({ range: Range.create(line, 0, line, 0), severity: 3, source: SOURCE, message: `Mail Config Lint: ${p.message}` });
    }
    if (lr.items) for (const e of lr.items.entries) out.push(e.diag);
    else for (const f of lr.own) out.push(findingToDiagnostic(f, own, opts));
    if (!lr.skipped) {
      for (const [src, targets] of foreign) {
        if (src === uri) continue;
        for (const f of targets.get(st.file) ?? []) out.push(findingToDiagnostic(f, own, opts));
      }
    }
    return out;
  }

  // -----------------------------------------------------------------------------------------------
  // Publishing (push) and refreshing (pull)

  async function lintAndPublish(uri: string): Promise<void> {
    const doc0 = documents.get(uri);
    if (!doc0) return;
    const settings = await settingsFor(uri);
    const doc = documents.get(uri); // may have changed or closed while settings were fetched
    const st = states.get(uri);
    if (!doc || !st) return;
    if (waitsForSave(doc, st, settings)) return;
    analyze(doc, st, settings);
    publish(uri);
  }

  /** run=onSave: an unsaved version is not linted (its last result, also linted under onSave, stays). */
  function waitsForSave(doc: TextDocument, st: DocState, settings: Settings): boolean {
    return settings.run === 'onSave' && !!st.result && doc.version !== st.savedVersion && st.result.settings.run === 'onSave';
  }

  function publish(uri: string): void {
    const st = states.get(uri);
    const doc = documents.get(uri);
    if (!st || !doc) return;
    const diagnostics = diagnosticsFor(uri);
    st.published = diagnostics;
    if (!pull) void connection.sendDiagnostics({ uri, version: st.result?.version ?? doc.version, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    const st = states.get(uri);
    if (!st) return;
    if (st.timer) clearTimeout(st.timer);
    st.timer = setTimeout(() => {
      st.timer = undefined;
      lintAndPublish(uri).catch((e) => connection.console.error(String(e?.stack ?? e)));
    }, delay);
  }

  /** Re-lint these open documents (their inputs changed). */
  function relint(uris: string[]): void {
    if (pull) return requestRefresh();
    for (const u of uris) schedule(u, 0);
  }

  /** Their diagnostics changed without their own result changing (foreign findings). */
  function republish(uris: string[]): void {
    if (pull) return requestRefresh();
    for (const u of uris) if (states.get(u)?.result) publish(u);
  }

  function requestRefresh(): void {
    if (!refreshSupport || refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void connection.languages.diagnostics.refresh();
    }, 10);
  }

  function invalidateAll(): void {
    settingsCache.clear();
    for (const st of states.values()) st.gen++;
    relint([...states.keys()]);
  }

  // -----------------------------------------------------------------------------------------------
  // Initialisation

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    configurationSupport = !!caps.workspace?.configuration;
    dynamicConfig = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    watchedFilesDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    relatedInfo = caps.textDocument?.publishDiagnostics?.relatedInformation ?? !!caps.textDocument?.diagnostic;
    codeDescription = caps.textDocument?.publishDiagnostics?.codeDescriptionSupport ?? true;
    markdown = (caps.textDocument?.hover?.contentFormat ?? [MarkupKind.Markdown]).includes(MarkupKind.Markdown);
    versionedEdits = !!caps.workspace?.workspaceEdit?.documentChanges;
    showDocumentSupport = !!caps.window?.showDocument?.support;
    // Pull without refresh cannot re-lint dependants: fall back to push.
    if (pull && !refreshSupport) pull = false;
    const opts = params.initializationOptions as { pullDiagnostics?: boolean } | undefined;
    if (opts?.pullDiagnostics === false) pull = false;
    if (params.workspaceFolders?.length) folders = params.workspaceFolders.map((f) => uriToFile(f.uri)).filter((x): x is string => !!x);
    else if (params.rootUri) folders = [uriToFile(params.rootUri)].filter((x): x is string => !!x);
    else if (params.rootPath) folders = [params.rootPath];

    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      executeCommandProvider: { commands: [CMD_SHOW_DOCS, CMD_FIX_ALL, CMD_RELINT] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    if (pull) capabilities.diagnosticProvider = { identifier: 'mail-config-lint', interFileDependencies: true, workspaceDiagnostics: false };
    if (addOnCaps) Object.assign(capabilities, addOnCaps);
    return { capabilities, serverInfo: { name: 'mail-config-lint', version: SERVER_VERSION } };
  });

  connection.onInitialized(async () => {
    log(`Mail Config Lint server ${SERVER_VERSION}: ${pull ? 'pull' : 'push'} diagnostics, folders ${folders.join(', ') || '(none)'}`);
    if (configurationSupport && dynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mailConfigLint' });
    if (watchedFilesDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.env*' }, { globPattern: '**/*.env' }, { globPattern: '**/.mailconfiglintrc.json' }],
      });
    }
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToFile(f.uri)));
        folders = folders.filter((f) => !removed.has(f));
        const added = e.added.map((f) => uriToFile(f.uri)).filter((x): x is string => !!x);
        folders.push(...added);
        void Promise.all(added.map(loadEnvFiles)).then(invalidateAll);
      });
    } catch {
      // client without workspace folder support
    }
    await Promise.all(folders.map(loadEnvFiles));
    if (envSignature.size) log(`loaded ${envSignature.size} env file(s) from disk`);
  });

  async function loadEnvFiles(folder: string): Promise<void> {
    const files = await findEnvFiles(folder);
    for (const f of files) if (!byFile.has(f)) loadEnvFromDisk(f);
    // Extra env files named by the project config.
    for (const f of configs.forFile(path.join(folder, 'x')).extraEnvFiles) if (!byFile.has(f)) loadEnvFromDisk(f);
  }

  /**
   * A document outside the scanned workspace folders (a single file opened in Neovim, a file from another
   * project) still reads the .env files next to it and above it: load those folders once.
   */
  const scannedDirs = new Set<string>();
  async function loadEnvNear(file: string): Promise<void> {
    if (!path.isAbsolute(file) || folderOf(file)) return;
    let dir = path.dirname(file);
    for (let depth = 0; depth < 12; depth++) {
      if (!scannedDirs.has(dir)) {
        scannedDirs.add(dir);
        let names: string[] = [];
        try {
          names = await fs.promises.readdir(dir);
        } catch {
          // unreadable: skip
        }
        for (const n of names) {
          const f = path.join(dir, n);
          if (isEnvFile(n) && !byFile.has(f) && !envSignature.has(f)) loadEnvFromDisk(f);
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) return;
      dir = parent;
    }
  }

  function loadEnvFromDisk(file: string): void {
    const text = readSmallFile(file);
    if (text === undefined || looksBinary(text)) return removeEnv(file);
    diskText.set(file, text);
    let vars: ReadResult['envVars'];
    try {
      vars = envVarsOf(file, text); // the variables only: this file's findings show when it is opened
    } catch {
      vars = undefined; // a reader bug must not take the server down; the file then defines nothing
    }
    updateEnv(file, vars);
  }

  // -----------------------------------------------------------------------------------------------
  // Document events

  documents.onDidOpen((e) => {
    const st = stateFor(e.document);
    schedule(e.document.uri, 0);
    if (!isEnvFile(st.file) && formatOf(st.file)) void loadEnvNear(st.file);
  });

  documents.onDidChangeContent((e) => {
    stateFor(e.document);
    if (pull) return; // the client pulls after changes
    void settingsFor(e.document.uri).then((s) => {
      if (!states.has(e.document.uri)) return;
      if (s.run === 'onSave') return;
      // No extra delay for large documents: changes that arrive while a lint runs are applied before the
      // next timer fires, so a slow lint coalesces keystrokes by itself.
      schedule(e.document.uri, s.debounceMs);
    });
  });

  documents.onDidSave((e) => {
    const st = states.get(e.document.uri);
    if (!st) return;
    st.savedVersion = e.document.version;
    if (isEnvFile(st.file)) diskText.delete(st.file);
    void settingsFor(e.document.uri).then((s) => {
      if (s.run !== 'onSave') return;
      if (pull) requestRefresh();
      else schedule(e.document.uri, 0);
    });
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const st = states.get(uri);
    if (!st) return;
    if (st.timer) clearTimeout(st.timer);
    states.delete(uri);
    if (byFile.get(st.file) === uri) byFile.delete(st.file);
    settingsCache.delete(uri);
    if (!pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
    // Its findings about other files go away; an env file falls back to its saved content on disk.
    updateForeign(uri, []);
    if (isEnvFile(st.file)) loadEnvFromDisk(st.file); // missing on disk (unsaved buffer): its variables go away
  });

  connection.onDidChangeConfiguration((change) => {
    if (!configurationSupport) globalSettings = normalizeSettings((change.settings as { mailConfigLint?: unknown } | undefined)?.mailConfigLint);
    invalidateAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let configChanged = false;
    for (const c of params.changes) {
      const file = uriToFile(c.uri);
      if (!file) continue;
      if (path.basename(file) === '.mailconfiglintrc.json') {
        configChanged = true;
        continue;
      }
      if (!isEnvFile(file) || byFile.has(file)) continue; // an open buffer wins over the disk
      if (c.type === FileChangeType.Deleted) {
        diskText.delete(file);
        removeEnv(file);
      } else loadEnvFromDisk(file);
    }
    if (configChanged) {
      configs.clear();
      invalidateAll();
    }
  });

  // -----------------------------------------------------------------------------------------------
  // Pull diagnostics

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    await new Promise((r) => setImmediate(r)); // let queued changes/closes/cancels arrive first
    const doc = documents.get(uri);
    const st = doc && states.get(uri);
    if (!doc || !st) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // A cancelled request answers RequestCancelled (LSP 3.17) at once instead of linting.
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    const settings = await settingsFor(uri);
    const doc2 = documents.get(uri);
    if (!doc2 || !states.has(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    const onSaveStale = waitsForSave(doc2, st, settings);
    if (!onSaveStale || !st.published) {
      analyze(doc2, st, settings);
      st.published = diagnosticsFor(uri);
    } else if (st.result && st.result.gen !== st.gen) {
      // Dependencies changed but we must not re-lint unsaved text: re-merge foreign findings only.
      st.published = diagnosticsFor(uri);
    }
    return { kind: DocumentDiagnosticReportKind.Full, items: st.published };
  });

  // -----------------------------------------------------------------------------------------------
  // Code actions

  async function current(uri: string, token?: CancellationToken): Promise<{ doc: TextDocument; st: DocState; lr: LintResult } | undefined> {
    const doc0 = documents.get(uri);
    if (!doc0) return undefined;
    const settings = await settingsFor(uri);
    if (token?.isCancellationRequested) return undefined;
    const doc = documents.get(uri);
    const st = states.get(uri);
    if (!doc || !st) return undefined;
    return { doc, st, lr: analyze(doc, st, settings) };
  }

  /** Findings shown in this document: its own and those other documents report about it. */
  function shownFindings(st: DocState, lr: LintResult, start = 0, end = lr.text.length): Finding[] {
    const out = lr.items ? lr.near(start, end).findings.filter((f) => f.file === lr.file) : [...lr.own];
    if (lr.skipped) return out;
    for (const [src, targets] of foreign) if (src !== st.uri) out.push(...(targets.get(st.file) ?? []));
    return out;
  }

  /** Renders a fix to a WorkspaceEdit. Edits go to the files their fields live in (normally this one). */
  function fixToWorkspaceEdit(fix: Fix, fallbackFile: string): WorkspaceEdit | undefined {
    const byTarget = new Map<string, FieldEdit[]>();
    for (const e of fix.edits) {
      const f = e.op === 'insert' ? e.after.site.file : e.field.site.file;
      const list = byTarget.get(f ?? fallbackFile) ?? [];
      list.push(e);
      byTarget.set(f ?? fallbackFile, list);
    }
    const changes: Record<string, LspTextEdit[]> = {};
    const docChanges: { textDocument: { uri: string; version: number | null }; edits: LspTextEdit[] }[] = [];
    for (const [file, edits] of byTarget) {
      const ft = fileText(file);
      if (!ft) return undefined;
      let te;
      try {
        te = fixTextEdits(ft.text, { ...fix, edits });
      } catch (e) {
        connection.console.error(`fix "${fix.title}" failed to render: ${(e as Error).message}`);
        return undefined;
      }
      const lsp = toLspEdits(ft.index, te);
      changes[ft.uri] = lsp;
      const openDoc = documents.get(ft.uri);
      docChanges.push({ textDocument: { uri: ft.uri, version: openDoc ? openDoc.version : null }, edits: lsp });
    }
    return versionedEdits ? { documentChanges: docChanges } : { changes };
  }

  function commentFor(file: string): string {
    return formatOf(file) === 'js' ? '//' : '#';
  }

  function disableAction(f: Finding, lr: LintResult, uri: string, diag?: Diagnostic): CodeAction {
    const pos = lr.index.position(f.span.start);
    const lineStart = lr.index.lineStart(pos.line);
    const lineEnd = lr.text.indexOf('\n', lineStart);
    const lineText = lr.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
    const marker = commentFor(lr.file);
    const eol = lr.text.includes('\r\n') ? '\r\n' : '\n';
    let edit: LspTextEdit;
    // Extend an existing disable-next-line comment on the line above instead of stacking a second one.
    const prev = pos.line > 0 ? lr.text.slice(lr.index.lineStart(pos.line - 1), lineStart).replace(/\r?\n$/, '') : '';
    const m = /mail-config-lint-disable-next-line\b([^\n]*)$/.exec(prev);
    if (pos.line > 0 && m && m[1].trim() !== '' && !m[1].includes('--')) {
      const endOfPrev = lr.index.lineStart(pos.line - 1) + prev.replace(/\s+$/, '').length;
      const at = lr.index.position(endOfPrev);
      edit = LspTextEdit.insert(at, `, ${f.ruleId}`);
    } else {
      edit = LspTextEdit.insert({ line: pos.line, character: 0 }, `${indent}${marker} mail-config-lint-disable-next-line ${f.ruleId}${eol}`);
    }
    return {
      title: `Disable ${f.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: diag ? [diag] : undefined,
      edit: documentEdit(uri, documents.get(uri)?.version ?? null, [edit]),
    };
  }

  function fixAllEdit(doc: TextDocument, lr: LintResult): { edit?: WorkspaceEdit; count: number } {
    if (lr.skipped) return { count: 0 };
    // The first round is this version's lint (computed now if only units were re-read).
    const { text, applied } = fixAll(lr.file, lr.text, lr.lintOptions, false, lr.result);
    const e = minimalEdit(lr.index, lr.text, text);
    if (!e) return { count: 0 };
    return { edit: documentEdit(doc.uri, doc.version, [e]), count: applied.length };
  }

  /** Edits of one document as a WorkspaceEdit (versioned when the client supports it). */
  function documentEdit(uri: string, version: number | null, edits: LspTextEdit[]): WorkspaceEdit {
    return versionedEdits ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
  }

  connection.onCodeAction(async (params: CodeActionParams, token): Promise<CodeAction[]> => {
    const cur = await current(params.textDocument.uri, token);
    if (!cur || token.isCancellationRequested) return [];
    const { doc, st, lr } = cur;
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];

    if (wants(CodeActionKind.QuickFix)) {
      const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
      const reqStart = doc.offsetAt(params.range.start);
      const reqEnd = doc.offsetAt(params.range.end);
      const findings = shownFindings(st, lr, reqStart, reqEnd);
      const selected: { f: Finding; d?: Diagnostic }[] = [];
      for (const f of findings) {
        const d = ours.find((d) => d.code === f.ruleId && sameSpot(d, f, lr));
        if (d) selected.push({ f, d });
        else if (ours.length === 0 && f.span.start <= reqEnd && reqStart <= Math.max(f.span.end, f.span.start + 1)) selected.push({ f });
      }
      const seenRules = new Set<string>();
      for (const { f, d } of selected) {
        f.fixes.forEach((fix, i) => {
          const edit = fixToWorkspaceEdit(fix, f.file);
          if (!edit) return;
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: d ? [d] : undefined,
            isPreferred: i === 0 ? true : undefined,
            edit,
          });
        });
      }
      // Like ESLint's "Fix all auto-fixable problems": offered next to a fix when the file has several.
      // Not in documents re-linted by items: counting would take a whole fix-all run on every request.
      if (!lr.items && selected.some(({ f }) => f.fixes[0]?.safe) && lr.own.filter((f) => f.fixes[0]?.safe).length > 1) {
        const { edit, count } = fixAllEdit(doc, lr);
        if (edit && count > 1) actions.push({ title: `Fix all ${count} safe Mail Config Lint problems in this file`, kind: CodeActionKind.QuickFix, edit });
      }
      for (const { f, d } of selected) {
        if (f.file !== lr.file) continue; // suppression comments go into the file the finding is in
        actions.push(disableAction(f, lr, doc.uri, d));
      }
      for (const { f, d } of selected) {
        if (seenRules.has(f.ruleId)) continue;
        seenRules.add(f.ruleId);
        actions.push({
          title: `Show documentation for ${f.ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: d ? [d] : undefined,
          command: { title: `Show documentation for ${f.ruleId}`, command: CMD_SHOW_DOCS, arguments: [helpUri(f.ruleId)] },
        });
      }
    }

    // source.fixAll.mailConfigLint: only when asked for explicitly (on save or from the Source Action menu).
    if (only && only.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`))) {
      const { edit, count } = fixAllEdit(doc, lr);
      if (edit) actions.push({ title: `Fix all safe Mail Config Lint problems (${count})`, kind: FIX_ALL_KIND, edit });
    }
    return actions;
  });

  function sameSpot(d: Diagnostic, f: Finding, lr: LintResult): boolean {
    const data = d.data as { start?: number; end?: number } | undefined;
    if (data && data.start === f.span.start && data.end === f.span.end) return true;
    const s = lr.index.position(f.span.start);
    return d.range.start.line === s.line && d.range.start.character === s.character;
  }

  // -----------------------------------------------------------------------------------------------
  // Commands

  connection.onExecuteCommand(async (params) => {
    if (params.command === CMD_SHOW_DOCS) {
      const href = String(params.arguments?.[0] ?? '');
      if (!/^https?:\/\//.test(href)) return null;
      if (showDocumentSupport) await connection.window.showDocument({ uri: href, external: true });
      else void connection.window.showInformationMessage(`Mail Config Lint documentation: ${href}`);
      return null;
    }
    if (params.command === CMD_FIX_ALL) {
      const arg = params.arguments?.[0] as { uri?: string; version?: number } | string | undefined;
      const uri = typeof arg === 'string' ? arg : arg?.uri;
      if (!uri) return { applied: 0 };
      const cur = await current(uri);
      if (!cur) return { applied: 0 };
      if (typeof arg === 'object' && typeof arg.version === 'number' && arg.version !== cur.doc.version) return { applied: 0, stale: true };
      const { edit, count } = fixAllEdit(cur.doc, cur.lr);
      if (!edit) return { applied: 0 };
      const r = await connection.workspace.applyEdit({ label: 'Fix all Mail Config Lint problems', edit });
      return { applied: r.applied ? count : 0 };
    }
    if (params.command === CMD_RELINT) {
      configs.clear();
      invalidateAll();
      return null;
    }
    return null;
  });

  // -----------------------------------------------------------------------------------------------
  // Hover

  connection.onHover(async (params: HoverParams, token): Promise<Hover | null> => {
    const cur = await current(params.textDocument.uri, token);
    if (!cur || token.isCancellationRequested || cur.lr.skipped) return null;
    const { lr, st } = cur;
    const offset = lr.index.offset(params.position);
    const read = lr.near(offset, offset).read;
    if (!read) return null;
    const hit = fieldAt(read, lr.file, offset);
    if (!hit) return null;
    const value = hoverText({
      hit,
      file: lr.file,
      findings: shownFindings(st, lr, offset, offset),
      markdown,
      lineOf: (file, off) => {
        const ft = fileText(file);
        return ft ? ft.index.position(off).line + 1 : undefined;
      },
    });
    return {
      contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value },
      range: Range.create(lr.index.position(hit.start), lr.index.position(hit.end)),
    };
  });

  // -----------------------------------------------------------------------------------------------
  // Add-ons (the connection test) and start

  const getEngineContext: GetEngineContext = async (uri: string): Promise<EngineContext | undefined> => {
    const cur = await current(uri);
    if (!cur) return undefined;
    const { doc, lr } = cur;
    return {
      uri,
      file: lr.file,
      version: doc.version,
      text: lr.text,
      index: lr.index,
      get result() {
        return lr.result;
      },
      partial: !!lr.items,
      settings: lr.settings,
      lintOptions: lr.lintOptions,
      env,
    };
  };
  let addOnCaps: Partial<ServerCapabilities> | undefined;
  try {
    addOnCaps = registerAddOns?.(documents, getEngineContext) ?? undefined;
  } catch (e) {
    connection.console.error(`add-on registration failed: ${(e as Error).message}`);
  }

  documents.listen(connection);
  connection.listen();
}

/** NUL bytes in the first 8 KB: a binary file opened as text. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) return true;
  return false;
}

export const SERVER_VERSION: string = version;
