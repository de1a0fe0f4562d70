// Literal spelling for Ruby settings (site style rb-code; the template work is render-code.ts, which keeps the
// hash style of the entry: `tls: true,`, `:tls => true,`, `'tls' => true`): booleans true/false, strings in the
// value's own quotes ('…' by default; "…" escapes \ " and #{), numbers as written, code (symbols such as :always,
// constants such as OpenSSL::SSL::VERIFY_PEER, expressions) as is.
import { codeRenderer, literalSpeller } from './render-code';
import { registerRenderer } from './render';

export const rubyLiteral = literalSpeller({ true: 'true', false: 'false' }, (text, q) =>
  q === "'" ? `'${text.replace(/[\\']/g, '\\$&')}'` : `"${text.replace(/[\\"]/g, '\\$&').replace(/#(?=[{$@])/g, '\\#')}"`,
);

registerRenderer(['rb-code'], codeRenderer(rubyLiteral));
