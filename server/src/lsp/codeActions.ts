// Code actions: each finding's fixes as quick fixes (edits in the files their fields live in), "disable for
// this line", "show documentation", and fix-all (a quick fix next to a fix, and source.fixAll.mailConfigLint).
import {
  type CancellationToken,
  CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, fixTextEdits } from '../engine';
import type { FieldEdit, Finding, Fix } from '../model/types';
import { formatOf } from '../readers/index';
import { languageOfFormat } from '../languages/registry';
import { helpUri } from '../rules/types';
import { minimalEdit, SOURCE, toLspEdits } from './convert';
import type { DocumentLinter } from './linter';
import { CMD_SHOW_DOCS, FIX_ALL_KIND } from './protocol';
import type { LintResult, Session } from './session';

export class CodeActions {
  constructor(
    private readonly session: Session,
    private readonly linter: DocumentLinter,
  ) {}

  async provide(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
    const cur = await this.linter.current(params.textDocument.uri, token);
    if (!cur || token.isCancellationRequested) return [];
    const { doc, st, lr } = cur;
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];

    if (wants(CodeActionKind.QuickFix)) {
      const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
      const reqStart = doc.offsetAt(params.range.start);
      const reqEnd = doc.offsetAt(params.range.end);
      const findings = this.linter.shownFindings(st, lr, reqStart, reqEnd);
      const selected: { f: Finding; d?: Diagnostic }[] = [];
      for (const f of findings) {
        const d = ours.find((d) => d.code === f.ruleId && sameSpot(d, f, lr));
        if (d) selected.push({ f, d });
        else if (ours.length === 0 && f.span.start <= reqEnd && reqStart <= Math.max(f.span.end, f.span.start + 1)) selected.push({ f });
      }
      const seenRules = new Set<string>();
      for (const { f, d } of selected) {
        f.fixes.forEach((fix, i) => {
          const edit = this.fixToWorkspaceEdit(fix, f.file);
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
        const { edit, count } = this.fixAllEdit(doc, lr);
        if (edit && count > 1) actions.push({ title: `Fix all ${count} safe Mail Config Lint problems in this file`, kind: CodeActionKind.QuickFix, edit });
      }
      for (const { f, d } of selected) {
        if (f.file !== lr.file) continue; // suppression comments go into the file the finding is in
        actions.push(this.disableAction(f, lr, doc.uri, d));
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
      const { edit, count } = this.fixAllEdit(doc, lr);
      if (edit) actions.push({ title: `Fix all safe Mail Config Lint problems (${count})`, kind: FIX_ALL_KIND, edit });
    }
    return actions;
  }

  /** Every safe preferred fix of the document as one edit (and how many findings it fixes). */
  fixAllEdit(doc: TextDocument, lr: LintResult): { edit?: WorkspaceEdit; count: number } {
    if (lr.skipped) return { count: 0 };
    // The first round is this version's lint (computed now if only units were re-read).
    const { text, applied } = fixAll(lr.file, lr.text, lr.lintOptions, false, lr.result);
    const e = minimalEdit(lr.index, lr.text, text);
    if (!e) return { count: 0 };
    return { edit: this.documentEdit(doc.uri, doc.version, [e]), count: applied.length };
  }

  /** Renders a fix to a WorkspaceEdit. Edits go to the files their fields live in (normally this one). */
  private fixToWorkspaceEdit(fix: Fix, fallbackFile: string): WorkspaceEdit | undefined {
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
      const ft = this.session.fileText(file);
      if (!ft) return undefined;
      let te;
      try {
        te = fixTextEdits(ft.text, { ...fix, edits });
      } catch (e) {
        this.session.connection.console.error(`fix "${fix.title}" failed to render: ${(e as Error).message}`);
        return undefined;
      }
      const lsp = toLspEdits(ft.index, te);
      changes[ft.uri] = lsp;
      const openDoc = this.session.documents.get(ft.uri);
      docChanges.push({ textDocument: { uri: ft.uri, version: openDoc ? openDoc.version : null }, edits: lsp });
    }
    return this.session.caps.versionedEdits ? { documentChanges: docChanges } : { changes };
  }

  private disableAction(f: Finding, lr: LintResult, uri: string, diag?: Diagnostic): CodeAction {
    const pos = lr.index.position(f.span.start);
    const lineStart = lr.index.lineStart(pos.line);
    const lineEnd = lr.text.indexOf('\n', lineStart);
    const lineText = lr.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
    // JS: //; the code languages of languages/registry.ts: their line comment; env/YAML: #
    const format = formatOf(lr.file);
    const marker = format === 'js' ? '//' : (format && languageOfFormat(format)?.lineComment) || '#';
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
      edit: this.documentEdit(uri, this.session.documents.get(uri)?.version ?? null, [edit]),
    };
  }

  /** Edits of one document as a WorkspaceEdit (versioned when the client supports it). */
  private documentEdit(uri: string, version: number | null, edits: LspTextEdit[]): WorkspaceEdit {
    return this.session.caps.versionedEdits ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
  }
}

/** The diagnostic the client echoes back is this finding's (same span, or same start position). */
function sameSpot(d: Diagnostic, f: Finding, lr: LintResult): boolean {
  const data = d.data as { start?: number; end?: number } | undefined;
  if (data && data.start === f.span.start && data.end === f.span.end) return true;
  const s = lr.index.position(f.span.start);
  return d.range.start.line === s.line && d.range.start.character === s.character;
}
