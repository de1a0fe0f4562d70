// Literal spelling for Java settings (site style java-code; the template work is render-code.ts). A value keeps
// the Java type it had: a String stays a String (`"true"`, `"587"`: Properties.put of a String is what most code
// writes, and setProperty takes only Strings), an unquoted one is written as a Java literal (`true`, `587`).
// Strings are double-quoted with Java escapes; code is written as is.
import type { FieldEdit, TextEdit } from '../model/types';
import { codeRenderer, truthText, type LiteralSpeller } from './render-code';
import { registerRenderer, type StyleRenderer } from './render';

const quoteJava = (text: string) => `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;

export const javaLiteral: LiteralSpeller = (text, type, quote) => {
  if (type === 'code') return text;
  const canonical = type === 'boolean' ? String(truthText(text) ?? text) : text;
  if (quote === '"' || type === 'string' || type === undefined) return quoteJava(canonical);
  return canonical;
};

const base = codeRenderer(javaLiteral);

/** Properties.setProperty(String, String): a sibling of a setProperty entry is a String whatever its type. */
export const javaRenderer: StyleRenderer = {
  render(text: string, edit: FieldEdit): TextEdit[] {
    if (edit.op === 'insert' && edit.after.site.template?.includes('.setProperty(')) {
      return base.render(text, { ...edit, after: { ...edit.after, site: { ...edit.after.site, quote: '"' } } });
    }
    return base.render(text, edit);
  },
};

registerRenderer(['java-code'], javaRenderer);
