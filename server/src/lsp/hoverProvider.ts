// textDocument/hover: the setting under the cursor in the document's current lint (hover.ts writes the text).
import { type CancellationToken, type Hover, type HoverParams, MarkupKind, Range } from 'vscode-languageserver';
import { fieldAt, hoverText } from './hover';
import type { DocumentLinter } from './linter';
import type { Session } from './session';

export async function provideHover(session: Session, linter: DocumentLinter, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const cur = await linter.current(params.textDocument.uri, token);
  if (!cur || token.isCancellationRequested || cur.lr.skipped) return null;
  const { lr, st } = cur;
  const offset = lr.index.offset(params.position);
  const read = lr.near(offset, offset).read;
  if (!read) return null;
  const hit = fieldAt(read, lr.file, offset);
  if (!hit) return null;
  const { markdown } = session.caps;
  const value = hoverText({
    hit,
    file: lr.file,
    findings: linter.shownFindings(st, lr, offset, offset),
    markdown,
    lineOf: (file, off) => {
      const ft = session.fileText(file);
      return ft ? ft.index.position(off).line + 1 : undefined;
    },
  });
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value },
    range: Range.create(lr.index.position(hit.start), lr.index.position(hit.end)),
  };
}
