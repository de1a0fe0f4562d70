// The publisher: a document's findings (its own and the foreign ones about it) as LSP diagnostics, pushed
// (publishDiagnostics, debounced per document) or pulled (textDocument/diagnostic, with a refresh request
// when dependencies change). The mode is chosen at initialize (session.caps.pull).
import {
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  Range,
  ResponseError,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ProblemKind } from '../model/types';
import { findingToDiagnostic, SOURCE } from './convert';
import type { ForeignFindings } from './foreign';
import type { DocumentLinter } from './linter';
import { textOf, type DocState, type LintResult, type Session } from './session';
import type { Settings } from './settings';

/** Read problems shown as an information diagnostic (the others go to the log only). */
const SHOWN_PROBLEMS: ReadonlySet<ProblemKind> = new Set<ProblemKind>(['bounded-mode', 'too-large']);

export class Publisher {
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly session: Session,
    private readonly linter: DocumentLinter,
    private readonly foreign: ForeignFindings,
  ) {}

  private get pull(): boolean {
    return this.session.caps.pull;
  }

  /** The diagnostics of the document's current lint result (cached per result and foreign generation). */
  diagnosticsFor(uri: string): Diagnostic[] {
    const st = this.session.states.get(uri);
    const lr = st?.result;
    if (!st || !lr) return [];
    // Pulls of unchanged documents (VS Code re-pulls visible documents after any change) reuse the conversion.
    if (st.diagCache && st.diagCache.key === lr.key && st.diagCache.fg === this.foreign.gen) return st.diagCache.diagnostics;
    const diagnostics = this.convert(uri, st, lr);
    st.diagCache = { key: lr.key, fg: this.foreign.gen, diagnostics };
    return diagnostics;
  }

  private convert(uri: string, st: DocState, lr: LintResult): Diagnostic[] {
    const { caps } = this.session;
    const own = textOf(uri, lr);
    const opts = { relatedInformation: caps.relatedInfo, codeDescription: caps.codeDescription, fileText: (f: string) => this.session.fileText(f) };
    const out: Diagnostic[] = [];
    if (lr.skipped?.kind === 'too-large') {
      out.push({
        range: Range.create(0, 0, 0, 0),
        severity: 3,
        source: SOURCE,
        message: `Mail Config Lint: this file is ${lr.skipped.reason}.`,
      });
    }
    // A file read only in part (bounded mode) or not read for its size must say so; syntax errors stay in the
    // log, since the file's own language support already reports them while the user types.
    for (const p of lr.problems) {
      if (!SHOWN_PROBLEMS.has(p.kind)) continue;
      const line = Math.max(0, Math.min(p.line ?? 0, lr.index.lineCount - 1));
      out.push({ range: Range.create(line, 0, line, 0), severity: 3, source: SOURCE, message: `Mail Config Lint: ${p.message}` });
    }
    if (lr.items) for (const e of lr.items.entries) out.push(e.diag);
    else for (const f of lr.own) out.push(findingToDiagnostic(f, own, opts));
    if (!lr.skipped) for (const f of this.foreign.about(st.file, uri)) out.push(findingToDiagnostic(f, own, opts));
    return out;
  }

  // -----------------------------------------------------------------------------------------------
  // Push

  private async lintAndPublish(uri: string): Promise<void> {
    const { session } = this;
    const doc0 = session.documents.get(uri);
    if (!doc0) return;
    const settings = await session.settingsFor(uri);
    const doc = session.documents.get(uri); // may have changed or closed while settings were fetched
    const st = session.states.get(uri);
    if (!doc || !st) return;
    if (waitsForSave(doc, st, settings)) return;
    this.linter.analyze(doc, st, settings);
    this.publish(uri);
  }

  private publish(uri: string): void {
    const st = this.session.states.get(uri);
    const doc = this.session.documents.get(uri);
    if (!st || !doc) return;
    const diagnostics = this.diagnosticsFor(uri);
    st.published = diagnostics;
    if (!this.pull) void this.session.connection.sendDiagnostics({ uri, version: st.result?.version ?? doc.version, diagnostics });
  }

  /** Lint and push `uri` after `delay` ms (a newer call replaces a pending one). */
  schedule(uri: string, delay: number): void {
    const st = this.session.states.get(uri);
    if (!st) return;
    if (st.timer) clearTimeout(st.timer);
    st.timer = setTimeout(() => {
      st.timer = undefined;
      this.lintAndPublish(uri).catch((e) => this.session.connection.console.error(String(e?.stack ?? e)));
    }, delay);
  }

  /** Re-lint these open documents (their inputs changed). */
  relint(uris: string[]): void {
    if (this.pull) return this.requestRefresh();
    for (const u of uris) this.schedule(u, 0);
  }

  /** Their diagnostics changed without their own result changing (foreign findings). */
  republish(uris: string[]): void {
    if (this.pull) return this.requestRefresh();
    for (const u of uris) if (this.session.states.get(u)?.result) this.publish(u);
  }

  /** Pull mode: ask the client to pull again (coalesced). */
  requestRefresh(): void {
    if (!this.session.caps.refreshSupport || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.session.connection.languages.diagnostics.refresh();
    }, 10);
  }

  /** Settings or project config changed: every open document is re-linted. */
  invalidateAll(): void {
    this.session.forgetSettings();
    this.relint([...this.session.states.keys()]);
  }

  /** A closed document's diagnostics go away (push; a pulling client drops them itself). */
  closed(uri: string): void {
    if (!this.pull) void this.session.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  // -----------------------------------------------------------------------------------------------
  // Pull

  async pullDiagnostics(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const { session } = this;
    const uri = params.textDocument.uri;
    await new Promise((r) => setImmediate(r)); // let queued changes/closes/cancels arrive first
    const doc = session.documents.get(uri);
    const st = doc && session.states.get(uri);
    if (!doc || !st) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // A cancelled request answers RequestCancelled (LSP 3.17) at once instead of linting.
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    const settings = await session.settingsFor(uri);
    const doc2 = session.documents.get(uri);
    if (!doc2 || !session.states.has(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    const onSaveStale = waitsForSave(doc2, st, settings);
    if (!onSaveStale || !st.published) {
      this.linter.analyze(doc2, st, settings);
      st.published = this.diagnosticsFor(uri);
    } else if (st.result && st.result.gen !== st.gen) {
      // Dependencies changed but we must not re-lint unsaved text: re-merge foreign findings only.
      st.published = this.diagnosticsFor(uri);
    }
    return { kind: DocumentDiagnosticReportKind.Full, items: st.published };
  }
}

/** run=onSave: an unsaved version is not linted (its last result, also linted under onSave, stays). */
function waitsForSave(doc: TextDocument, st: DocState, settings: Settings): boolean {
  return settings.run === 'onSave' && !!st.result && doc.version !== st.savedVersion && st.result.settings.run === 'onSave';
}
