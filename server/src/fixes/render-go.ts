// Literal spelling for Go settings (site style go-code; the template work is render-code.ts): booleans true/false,
// strings double-quoted with Go escapes, numbers and code (tls.VersionTLS12) as written. A port inside an address
// string ("smtp.example.com:465") is a site without quotes whose value is the digits.
//
// A sibling of an inline call argument (`mail.NewClient(h, mail.WithPort(465), mail.WithSMTPAuth(…))` on one line)
// goes right after that argument, not after its value token (which sits inside the option's parentheses).
import type { FieldEdit, TextEdit } from '../model/types';
import { codeRenderer, literalSpeller } from './render-code';
import { registerRenderer, type StyleRenderer } from './render';

export const goLiteral = literalSpeller({ true: 'true', false: 'false' }, (text) => `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`);

const base = codeRenderer(goLiteral);

export const goRenderer: StyleRenderer = {
  render(text: string, edit: FieldEdit): TextEdit[] {
    if (edit.op !== 'insert' || !edit.after.site.inline) return base.render(text, edit);
    const a = edit.after.site;
    const filled = (a.template ?? '{key} = {value}').replace('{key}', () => edit.key).replace('{value}', () => goLiteral(edit.text, edit.type ?? 'string', a.quote || "'"));
    // a middle argument owns the comma (and blanks) after it: the new one goes in front of the next argument
    let i = a.entry.end;
    while (i > a.entry.start && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
    if (text[i - 1] === ',') return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: `${filled}, ` }];
    return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: `, ${filled}` }];
  },
};

registerRenderer(['go-code'], goRenderer);
