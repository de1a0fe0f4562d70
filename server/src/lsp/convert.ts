// Engine results → LSP types. Offsets become line/character through LineIndex (UTF-16, as LSP counts).
import {
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  Range,
  TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Finding, Severity, Span, TextEdit } from '../model/types';
import { LineIndex } from '../model/lineIndex';
import { changeBetween } from '../model/textEdits';
import { helpUri } from '../rules/types';

export const SOURCE = 'mail-config-lint';

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    default:
      return DiagnosticSeverity.Information;
  }
}

export function toRange(index: LineIndex, span: Span): Range {
  return Range.create(index.position(span.start), index.position(span.end));
}

/** A zero-length span still deserves a visible squiggle: widen it to the next character on its line. */
export function visibleRange(index: LineIndex, text: string, span: Span): Range {
  if (span.end > span.start) return toRange(index, span);
  const c = text.charCodeAt(span.start);
  const end = Number.isNaN(c) || c === 10 || c === 13 ? span.start : span.start + 1;
  return toRange(index, { start: span.start, end });
}

export interface FileText {
  uri: string;
  text: string;
  index: LineIndex;
}

/** Data attached to each diagnostic so code actions can find the finding again (clients echo it back). */
export interface DiagnosticData {
  ruleId: string;
  start: number;
  end: number;
}

export interface ConvertOptions {
  relatedInformation: boolean;
  codeDescription: boolean;
  /** Resolves another file (the other half of a cross-file pair) to its uri and text, when known. */
  fileText(file: string): FileText | undefined;
}

export function findingToDiagnostic(f: Finding, own: FileText, opts: ConvertOptions): Diagnostic {
  const d: Diagnostic = {
    range: visibleRange(own.index, own.text, f.span),
    severity: toSeverity(f.severity),
    source: SOURCE,
    code: f.ruleId,
    message: f.message,
    data: { ruleId: f.ruleId, start: f.span.start, end: f.span.end } satisfies DiagnosticData,
  };
  if (opts.codeDescription) d.codeDescription = { href: helpUri(f.ruleId) };
  if (f.related.length > 0) {
    const infos: DiagnosticRelatedInformation[] = [];
    const inText: string[] = [];
    for (const r of f.related) {
      const other = opts.fileText(r.ref.file);
      if (!other) continue;
      const range = toRange(other.index, r.ref.span);
      infos.push({ location: { uri: other.uri, range }, message: r.message });
      inText.push(`${r.message} (${baseName(r.ref.file)}:${range.start.line + 1})`);
    }
    if (opts.relatedInformation) {
      if (infos.length) d.relatedInformation = infos;
    } else if (inText.length) {
      // Clients without relatedInformation still learn where the other half is.
      d.message += `\n${inText.join('\n')}`;
    }
  }
  return d;
}

export function toLspEdits(index: LineIndex, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => LspTextEdit.replace(toRange(index, e.span), e.newText));
}

/** One minimal edit turning `before` into `after` (common prefix/suffix trimmed) so cursors do not jump. */
export function minimalEdit(index: LineIndex, before: string, after: string): LspTextEdit | undefined {
  const c = changeBetween(before, after);
  if (!c) return undefined;
  let start = c.start;
  const endB = c.oldEnd;
  const endA = c.newEnd;
  // Never split a surrogate pair or a CRLF.
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  if (start > 0 && before.charCodeAt(start - 1) === 13 && before.charCodeAt(start) === 10) start--;
  return LspTextEdit.replace(toRange(index, { start, end: endB }), after.slice(start, endA));
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

export function baseName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}
