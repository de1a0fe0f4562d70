// Renders field edits for Java .properties entries (site style 'properties', readers/properties):
//   set    → replace the value text (escaped: backslashes, line breaks, leading spaces; quotes are literal in
//            .properties, so none are added)
//   remove → delete the entry's line(s)
//   insert → `key=value` after the anchor, with its indentation and separator (`=`, ` = `, `: `)
//   rename → replace the key text
import type { FieldEdit, TextEdit } from '../model/types';
import { registerRenderer } from './render';
import { insertLineAfter, removeLine, separatorOf } from './line-entries';

/** A value as java.util.Properties reads it back. */
export function propertiesValue(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/^ /, '\\ ');
}

/** A key as java.util.Properties reads it back (separators and spaces escaped). */
export function propertiesKey(key: string): string {
  return key.replace(/\\/g, '\\\\').replace(/([=: #!])/g, '\\$1');
}

export function renderPropertiesEdit(text: string, edit: FieldEdit): TextEdit[] {
  switch (edit.op) {
    case 'set': {
      const s = edit.field.site;
      let token = edit.type === 'code' ? edit.text : propertiesValue(edit.text);
      if (s.value.start === s.value.end && /[=:]$/.test(text.slice(Math.max(0, s.value.start - 1), s.value.start)) && /[ \t]/.test(text.slice(s.key?.end ?? s.value.start, s.value.start))) token = ` ${token}`;
      return [{ file: s.file, span: { ...s.value }, newText: token }];
    }
    case 'remove':
      return [removeLine(text, edit.field.site)];
    case 'insert': {
      const a = edit.after.site;
      return [insertLineAfter(text, a, `${a.indent}${propertiesKey(edit.key)}${separatorOf(text, a, '=')}${propertiesValue(edit.text)}`)];
    }
    case 'rename': {
      const s = edit.field.site;
      return s.key ? [{ file: s.file, span: { ...s.key }, newText: propertiesKey(edit.key) }] : [];
    }
  }
}

registerRenderer(['properties'], { render: renderPropertiesEdit });
