// Renders field edits for INI entries (site style 'ini': Gitea app.ini, grafana.ini; go-ini syntax, see
// readers/ini/parse.ts):
//   set    → replace the value token. The entry's quoting is kept when it still reads back the same; a value
//            go-ini would cut or trim (a `#` or `;`, surrounding spaces, surrounding quotes) is wrapped in
//            backticks, or `"""` when it holds a backtick (double quotes do not protect anything in go-ini).
//            type 'code' writes the text as given; when that text only adds quotes around the value as
//            written (`abc#123` → `` `abc#123` ``), the edit inserts just the quotes (the value itself, maybe a
//            password, is never part of an edit).
//   remove → delete the entry's line(s)
//   insert → `KEY = value` on a new line after the anchor, with its indentation and `=` spacing
//   rename → replace the key token
import type { FieldEdit, Site, TextEdit } from '../model/types';
import { registerRenderer } from './render';
import { insertLineAfter, removeLine, separatorOf } from './line-entries';

/** The text go-ini reads back as exactly `text` on one line, keeping `quote` where it still works. */
export function iniValueToken(text: string, quote: Site['quote']): string {
  const plainOk = !/[#;\r\n]/.test(text) && text === text.trim() && !/^(["'`]).*\1$/s.test(text) && !text.startsWith('"""') && !text.endsWith('\\');
  if (quote === '`' && !text.includes('`')) return `\`${text}\``;
  if (quote === '"""') return `"""${text}"""`;
  if ((quote === '"' || quote === "'") && !/[#;]/.test(text) && !text.includes(quote)) return `${quote}${text}${quote}`;
  if (plainOk) return text;
  return text.includes('`') ? `"""${text}"""` : `\`${text}\``;
}

/**
 * When `token` is `current` (or its text inside '…' / "…") wrapped in backticks or triple quotes: the new quote
 * and how many quote characters `current` has at each end (0 or 1).
 */
function requote(current: string, token: string): { quote: string; open: number; close: number } | undefined {
  if (!current) return undefined;
  const f = current[0];
  const quoted = current.length >= 2 && (f === '"' || f === "'") && current[current.length - 1] === f;
  const inner = quoted ? current.slice(1, -1) : current;
  for (const q of ['`', '"""']) if (inner && token === q + inner + q) return { quote: q, open: quoted ? 1 : 0, close: quoted ? 1 : 0 };
  return undefined;
}

export function renderIniEdit(text: string, edit: FieldEdit): TextEdit[] {
  switch (edit.op) {
    case 'set': {
      const s = edit.field.site;
      const current = text.slice(s.value.start, s.value.end);
      let token = edit.type === 'code' ? edit.text : iniValueToken(edit.text, s.quote);
      const requoted = requote(current, token);
      if (requoted) {
        // only the quotes change around the value as written: edit them, leave the value alone
        return [
          { file: s.file, span: { start: s.value.start, end: s.value.start + requoted.open }, newText: requoted.quote },
          { file: s.file, span: { start: s.value.end - requoted.close, end: s.value.end }, newText: requoted.quote },
        ];
      }
      // an empty value right after the delimiter: keep `KEY = value` spacing
      if (s.value.start === s.value.end && /[=:]$/.test(text.slice(Math.max(0, s.value.start - 1), s.value.start))) token = ` ${token}`;
      return [{ file: s.file, span: { ...s.value }, newText: token }];
    }
    case 'remove':
      return [removeLine(text, edit.field.site)];
    case 'insert': {
      const a = edit.after.site;
      return [insertLineAfter(text, a, `${a.indent}${edit.key}${separatorOf(text, a, ' = ')}${iniValueToken(edit.text, '')}`)];
    }
    case 'rename': {
      const s = edit.field.site;
      return s.key ? [{ file: s.file, span: { ...s.key }, newText: edit.key }] : [];
    }
  }
}

registerRenderer(['ini'], { render: renderIniEdit });
