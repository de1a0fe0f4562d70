// Renders field edits for settings written in program source (site styles php-code, py-code, and the next
// languages'): the shape of an entry is the reader's Site.template (`$mail->{key} = {value};`,
// `'{key}' => {value},`, `{key}={value}`), so this module needs no grammar; each language's renderer
// (render-php.ts, render-python.ts) only spells literals (True vs true, quoting, escapes).
//   set    → replace the value token with the literal spelled for the language (`type` decides; without a type
//            the value keeps its quotes when it had any)
//   remove → delete the entry (the reader's entry span: a whole line with its break, or an argument with its comma)
//   insert → the template filled with key and value: a new line after a line entry (same indentation and line
//            break), or `, key=value` after an inline one (Site.inline)
//   rename → replace the key token (inside its quotes, if any)
import type { FieldEdit, Site, TextEdit } from '../model/types';
import type { StyleRenderer } from './render';
import { parseBool } from '../semantics/values';

export type ValueType = 'string' | 'number' | 'boolean' | 'code' | undefined;

/** Spells `text` as a literal of `type` in the language; `quote` is the quote the value had (or a sibling's). */
export type LiteralSpeller = (text: string, type: ValueType, quote: Site['quote']) => string;

/** The boolean an expresser's text means ('True', 'true', '1', 'yes'), to be spelled in the file's language. */
export function truthText(text: string): boolean | undefined {
  return parseBool(text, 'env-app');
}

function eolOf(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

export function codeRenderer(spell: LiteralSpeller): StyleRenderer {
  return {
    render(text: string, edit: FieldEdit): TextEdit[] {
      switch (edit.op) {
        case 'set': {
          const s = edit.field.site;
          const type: ValueType = edit.type ?? (s.quote ? 'string' : 'code');
          return [{ file: s.file, span: { ...s.value }, newText: spell(edit.text, type, s.quote) }];
        }
        case 'remove': {
          const s = edit.field.site;
          return [{ file: s.file, span: { ...s.entry }, newText: '' }];
        }
        case 'insert': {
          const a = edit.after.site;
          const quote = a.quote || "'";
          const filled = (a.template ?? '{key} = {value}')
            .replace('{key}', () => edit.key)
            .replace('{value}', () => spell(edit.text, edit.type ?? 'string', quote));
          if (a.inline) return [{ file: a.file, span: { start: a.value.end, end: a.value.end }, newText: `, ${filled}` }];
          const entryText = text.slice(a.entry.start, a.entry.end);
          const endsWithBreak = /[\r\n]$/.test(entryText);
          const eol = /\r\n$/.test(entryText) ? '\r\n' : endsWithBreak ? entryText.slice(-1) : eolOf(text);
          const line = `${a.indent}${filled}`;
          return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: endsWithBreak ? line + eol : eol + line }];
        }
        case 'rename': {
          const s = edit.field.site;
          return s.key ? [{ file: s.file, span: { ...s.key }, newText: edit.key }] : [];
        }
      }
    },
  };
}

/** A LiteralSpeller from a language's boolean words and string quoting; numbers and code are written as is. */
export function literalSpeller(words: { true: string; false: string }, quoteString: (text: string, quote: '"' | "'") => string): LiteralSpeller {
  return (text, type, quote) => {
    if (type === 'boolean') {
      const b = truthText(text);
      return b === undefined ? text : b ? words.true : words.false;
    }
    if (type === 'number' || type === 'code') return text;
    return quoteString(text, quote === '"' ? '"' : "'");
  };
}
