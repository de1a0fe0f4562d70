// Renders field edits for `.env` entries (site style 'env'):
//   set    → replace the value token, keeping its quotes (bare values that need quoting get double quotes)
//   remove → delete the whole entry line (with its line break)
//   insert → a new line right after the anchor entry, with the anchor's indentation, `export ` prefix,
//            quote style and line ending: `export SMTP_REQUIRE_TLS=true`
//   rename → replace the key token
import type { FieldEdit, Site, TextEdit } from '../model/types';
import { registerRenderer } from './render';

/** The value token for `text` in the quote style `quote` (dotenv-readable). */
export function envValueToken(text: string, quote: Site['quote']): string {
  let q = quote;
  if (!q && (/[\s#"'`]/.test(text) || text === '')) q = text === '' ? '' : '"';
  if (q === "'" && text.includes("'")) q = '"';
  if (q === '`' && text.includes('`')) q = '"';
  if (!q) return text;
  if (q === '"') return `"${text.replace(/\r?\n/g, '\\n').replace(/"/g, '\\"')}"`;
  return `${q}${text}${q}`;
}

/** The line break the entry ends with, else the first one in the file, else '\n'. */
function eolOf(text: string, site: Site): string {
  const tail = text.slice(site.entry.start, site.entry.end);
  if (tail.endsWith('\r\n')) return '\r\n';
  if (tail.endsWith('\n')) return '\n';
  if (tail.endsWith('\r')) return '\r';
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

function endsWithBreak(text: string, site: Site): boolean {
  const c = text.charCodeAt(site.entry.end - 1);
  return site.entry.end > site.entry.start && (c === 10 || c === 13);
}

export function renderEnvEdit(text: string, edit: FieldEdit): TextEdit[] {
  switch (edit.op) {
    case 'set': {
      const s = edit.field.site;
      return [{ file: s.file, span: { ...s.value }, newText: envValueToken(edit.text, s.quote) }];
    }
    case 'remove': {
      const s = edit.field.site;
      let { start, end } = s.entry;
      // the last line without a trailing break: take the break before it instead
      if (!endsWithBreak(text, s) && start > 0) {
        const prev = text.charCodeAt(start - 1);
        if (prev === 10) start -= text.charCodeAt(start - 2) === 13 ? 2 : 1;
        else if (prev === 13) start -= 1;
      }
      return [{ file: s.file, span: { start, end }, newText: '' }];
    }
    case 'insert': {
      const a = edit.after.site;
      const eol = eolOf(text, a);
      const line = `${a.indent}${a.prefix ?? ''}${edit.key}=${envValueToken(edit.text, a.quote)}`;
      if (endsWithBreak(text, a)) return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: line + eol }];
      return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: eol + line }];
    }
    case 'rename': {
      const s = edit.field.site;
      if (!s.key) return [];
      return [{ file: s.file, span: { ...s.key }, newText: edit.key }];
    }
  }
}

registerRenderer(['env'], { render: renderEnvEdit });
