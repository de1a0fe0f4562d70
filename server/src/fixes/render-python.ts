// Literal spelling for Python settings (site style py-code; the template work is render-code.ts):
// booleans True/False, strings in the value's own quotes ('…' by default, escaped), numbers as written, code
// (ssl.create_default_context()) as is.
import type { Site } from '../model/types';
import { codeRenderer, truthText, type ValueType } from './render-code';
import { registerRenderer } from './render';

export function pythonLiteral(text: string, type: ValueType, quote: Site['quote']): string {
  switch (type) {
    case 'boolean': {
      const b = truthText(text);
      return b === undefined ? text : b ? 'True' : 'False';
    }
    case 'number':
    case 'code':
      return text;
    default: {
      const q = quote === '"' ? '"' : "'";
      return `${q}${text.replace(/\\/g, '\\\\').replace(q === '"' ? /"/g : /'/g, `\\${q}`)}${q}`;
    }
  }
}

registerRenderer(['py-code'], codeRenderer(pythonLiteral));
