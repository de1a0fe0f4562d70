// Renders field edits into text edits in the file's own syntax (keeps quotes, `export`, indentation,
// YAML style, JS formatting). One renderer per site style family.
import type { FieldEdit, TextEdit } from '../model/types';

export interface StyleRenderer {
  /** Text edits for one field edit against `text` (the whole file as read). */
  render(text: string, edit: FieldEdit): TextEdit[];
}

const renderers = new Map<string, StyleRenderer>();

export function registerRenderer(styles: string[], r: StyleRenderer): void {
  for (const s of styles) renderers.set(s, r);
}

function styleOf(edit: FieldEdit): string {
  return edit.op === 'insert' ? edit.after.site.style : edit.field.site.style;
}

/** All text edits for a fix. Throws only on a programming error (no renderer for a style). */
export function renderEdits(text: string, edits: readonly FieldEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const r = renderers.get(styleOf(e));
    if (!r) throw new Error(`no renderer for site style ${styleOf(e)}`);
    out.push(...r.render(text, e));
  }
  return out;
}
