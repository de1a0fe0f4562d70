// Literal spelling for C# settings (site style cs-code; the template work is render-code.ts): booleans true/false,
// strings as regular "…" literals with C# escapes, numbers and code (SecureSocketOptions.SslOnConnect) as written.
import { codeRenderer, literalSpeller } from './render-code';
import { registerRenderer } from './render';

export const csharpLiteral = literalSpeller({ true: 'true', false: 'false' }, (text) => `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`);

registerRenderer(['cs-code'], codeRenderer(csharpLiteral));
