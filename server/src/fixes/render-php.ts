// Literal spelling for PHP settings (site style php-code; the template work is render-code.ts):
// booleans true/false, strings in the value's own quotes ('…' by default, escaped for that quote), numbers as
// written, code (constants such as PHPMailer::ENCRYPTION_SMTPS) as is.
import type { Site } from '../model/types';
import { codeRenderer, truthText, type ValueType } from './render-code';
import { registerRenderer } from './render';

export function phpLiteral(text: string, type: ValueType, quote: Site['quote']): string {
  switch (type) {
    case 'boolean': {
      const b = truthText(text);
      return b === undefined ? text : b ? 'true' : 'false';
    }
    case 'number':
    case 'code':
      return text;
    default: {
      const q = quote === '"' ? '"' : "'";
      const body = q === "'" ? text.replace(/[\\']/g, '\\$&') : text.replace(/[\\"$]/g, '\\$&');
      return `${q}${body}${q}`;
    }
  }
}

registerRenderer(['php-code'], codeRenderer(phpLiteral));
