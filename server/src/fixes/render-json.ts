// Renders field edits for .NET configuration files (site style json-prop, appsettings*.json): the entry template is
// the member as written (`"{key}": {value},`), so render-code.ts does the work; this module spells JSON literals
// (true/false, numbers, strings with JSON escapes) and keeps the commas right: a member inserted after the last
// member of an object gives that member a comma (the new one is then last, without one).
import type { FieldEdit, TextEdit } from '../model/types';
import { codeRenderer, literalSpeller } from './render-code';
import { registerRenderer, type StyleRenderer } from './render';

export const jsonLiteral = literalSpeller({ true: 'true', false: 'false' }, (text) => JSON.stringify(text));

const members = codeRenderer(jsonLiteral);

export const jsonRenderer: StyleRenderer = {
  render(text: string, edit: FieldEdit): TextEdit[] {
    const out = members.render(text, edit);
    if (edit.op === 'insert' && !edit.after.site.inline && !edit.after.site.trailingComma) {
      const a = edit.after.site;
      out.unshift({ file: a.file, span: { start: a.value.end, end: a.value.end }, newText: ',' });
    }
    return out;
  },
};

registerRenderer(['json-prop'], jsonRenderer);
