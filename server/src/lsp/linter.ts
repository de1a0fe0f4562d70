// The document linter: one open document's version → LintResult, cached per (version, generation). Decides
// whether to lint at all (disabled, ignored, binary, too large), runs the engine (huge YAML documents unit
// by unit, incremental.ts), and hands what the lint learnt to env sync (an env file's variables) and to the
// foreign findings (what the document says about other files).
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText, type FileResult, type LintOptions } from '../engine';
import type { Finding } from '../model/types';
import { LineIndex } from '../model/lineIndex';
import { changeBetween } from '../model/textEdits';
import { formatOf } from '../readers/index';
import { noteFormatUsed } from '../codeCache';
import type { ItemFocus } from '../readers/types';
import { boundedModeMessage, yamlOptions } from '../readers/yaml/index';
import { findingToDiagnostic, type FileText } from './convert';
import type { EnvSync } from './envSync';
import type { ForeignFindings } from './foreign';
import { changeIsLocal, focusFor, maillessTotal, mergeSnapshot, snapshotOf, type Entry, type ItemSnapshot } from './incremental';
import type { DocState, LintResult, Session, SkipReason } from './session';
import type { Settings } from './settings';
import { globMatcher, isEnvFile, mergeRules } from './workspace';

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

/** NUL bytes in the first 8 KB: a binary file opened as text. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) return true;
  return false;
}

/** An open document with its lint result for the current version. */
export interface Current {
  doc: TextDocument;
  st: DocState;
  lr: LintResult;
}

export class DocumentLinter {
  constructor(
    private readonly session: Session,
    private readonly envSync: EnvSync,
    private readonly foreign: ForeignFindings,
  ) {}

  /** The lint result for the document's current version (cached). Synchronous: the engine is. */
  analyze(doc: TextDocument, st: DocState, settings: Settings): LintResult {
    const { session } = this;
    const key = `${doc.version}|${st.gen}`;
    if (st.result && st.result.key === key) return st.result;
    const text = doc.getText();
    const file = st.file;
    const project = session.configs.forFile(file);
    const lintOptions: LintOptions = { rules: mergeRules(project.rules, settings.rules), env: this.envSync.env, modules: session.modules, versions: project.versions, workspace: session.spring.facts };
    const empty: FileResult = { file, findings: [], problems: [] };
    let skipped: SkipReason | undefined;
    if (!settings.enable) skipped = { kind: 'disabled', reason: 'disabled by mailConfigLint.enable' };
    else if (!formatOf(file)) skipped = { kind: 'not-ours', reason: 'not a file Mail Config Lint reads' };
    else if (globMatcher(settings.ignore, session.folderOf(file))(file)) skipped = { kind: 'ignored', reason: 'ignored by mailConfigLint.ignore' };
    else if (project.ignore.length && globMatcher(project.ignore, project.baseDir)(file)) skipped = { kind: 'ignored', reason: `ignored by ${path.basename(project.file ?? '.mailconfiglintrc.json')}` };
    else if (text.length > MAX_DOCUMENT) skipped = { kind: 'too-large', reason: `too large (${(text.length / 1e6).toFixed(1)} MB > ${MAX_DOCUMENT / 1e6} MB): not linted` };
    else if (looksBinary(text)) skipped = { kind: 'binary', reason: 'binary content' };
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
      noteFormatUsed(formatOf(file)); // the start-up code cache covers the readers this server used (lsp/loader.ts)
      const t0 = Date.now();
      try {
        if (text.length >= yamlOptions.boundedAboveBytes && formatOf(file) === 'yaml') {
          ({ result, items } = this.lintItems(file, text, lintOptions, st.gen, prevItems, { uri: doc.uri, text, get index() { return indexOf(); } }));
        } else result = lintText(file, text, lintOptions);
      } catch (e) {
        // lintText promises not to throw; a bug must still not take the server down.
        session.connection.console.error(`lint failed for ${file}: ${(e as Error).stack ?? e}`);
        result = empty;
        items = undefined;
      }
      problems = result?.problems ?? items?.problems ?? [];
      const ms = Date.now() - t0;
      if (ms > 200) session.log(`linted ${path.basename(file)} (${text.length} chars${result ? '' : ', changed items only'}) in ${ms} ms`);
      // Read problems (syntax errors while typing, bounded mode) go to the log once, not on every keystroke.
      const problemSig = problems.map((p) => `${p.line}:${p.message}`).join('\n');
      if (problemSig !== prevProblems.map((p) => `${p.line}:${p.message}`).join('\n')) {
        for (const p of problems) session.log(`${path.basename(file)}${p.line !== undefined ? `:${p.line + 1}` : ''}: ${p.message}`);
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
    if (!skipped && isEnvFile(file)) this.envSync.update(file, lr.result.read?.envVars, doc.uri);
    // An item snapshot exists only when every finding is about this file.
    this.foreign.update(doc.uri, skipped || items ? [] : lr.result.findings.filter((f) => f.file !== file));
    return lr;
  }

  /** The open document `uri` and its lint for the current version (with its settings), if still open. */
  async current(uri: string, token?: CancellationToken): Promise<Current | undefined> {
    const doc0 = this.session.documents.get(uri);
    if (!doc0) return undefined;
    const settings = await this.session.settingsFor(uri);
    if (token?.isCancellationRequested) return undefined;
    const doc = this.session.documents.get(uri);
    const st = this.session.states.get(uri);
    if (!doc || !st) return undefined;
    return { doc, st, lr: this.analyze(doc, st, settings) };
  }

  /** Findings shown in this document around [start, end]: its own and those other documents report about it. */
  shownFindings(st: DocState, lr: LintResult, start = 0, end = lr.text.length): Finding[] {
    const out = lr.items ? lr.near(start, end).findings.filter((f) => f.file === lr.file) : [...lr.own];
    if (lr.skipped) return out;
    out.push(...this.foreign.about(st.file, st.uri));
    return out;
  }

  /**
   * Huge YAML documents (issue 6): re-read only the units (documents, top-level list items) the edit
   * touched and keep the other units' diagnostics (incremental.ts); lint in full when that cannot be done
   * soundly. `result` is undefined when only units were re-read.
   */
  private lintItems(file: string, text: string, lintOptions: LintOptions, gen: number, prev: ItemSnapshot | undefined, own: FileText): { result?: FileResult; items?: ItemSnapshot } {
    const { relatedInfo, codeDescription } = this.session.caps;
    // Clients without relatedInformation get the other half's line number written into the message, which
    // moving a diagnostic would leave stale: lint in full for them.
    if (!relatedInfo) return { result: lintText(file, text, lintOptions) };
    // Related locations in this document resolve to `own` (st.result is not set yet while it is linted).
    const opts = { relatedInformation: relatedInfo, codeDescription, fileText: (f: string) => (f === file ? own : this.session.fileText(f)) };
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
          this.session.connection.console.debug(`${path.basename(file)}: re-read ${read} of ${focus.items!.length} ${focus.unit}s`);
          const skipped = maillessTotal(merged);
          const others = r.problems.filter((p) => p.kind !== 'bounded-mode');
          merged.problems = skipped ? [{ kind: 'bounded-mode', message: boundedModeMessage(text.length, skipped) }, ...others] : others;
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
}
