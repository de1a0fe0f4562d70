// Literal spelling for PHP settings (site style php-code; the template work is render-code.ts):
// booleans true/false, strings in the value's own quotes ('…' by default, escaped for that quote; `$` escaped in
// double quotes), numbers as written, code (constants such as PHPMailer::ENCRYPTION_SMTPS) as is.
import { codeRenderer, literalSpeller } from './render-code';
import { registerRenderer } from './render';

export const phpLiteral = literalSpeller({ true: 'true', false: 'false' }, (text, q) =>
  q === "'" ? `'${text.replace(/[\\']/g, '\\$&')}'` : `"${text.replace(/[\\"$]/g, '\\$&')}"`,
);

registerRenderer(['php-code'], codeRenderer(phpLiteral));
