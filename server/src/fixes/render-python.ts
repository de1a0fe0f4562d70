// Literal spelling for Python settings (site style py-code; the template work is render-code.ts):
// booleans True/False, strings in the value's own quotes ('…' by default, escaped), numbers as written, code
// (ssl.create_default_context()) as is.
import { codeRenderer, literalSpeller } from './render-code';
import { registerRenderer } from './render';

export const pythonLiteral = literalSpeller({ true: 'True', false: 'False' }, (text, q) => `${q}${text.replace(/\\/g, '\\\\').split(q).join(`\\${q}`)}${q}`);

registerRenderer(['py-code'], codeRenderer(pythonLiteral));
