// A C# tokenizer, enough for the mail settings the reader looks for (rules-research-polyglot §10: no small C#
// grammar exists for JS; the only one found is tree-sitter-c-sharp, a 5 MB WASM, and the patterns are lexical:
// `Connect(host, 465, SecureSocketOptions.StartTls)`, `EnableSsl = true`, `… => true`). What it must get right is
// what hides code: comments, every string form (regular with escapes, verbatim @"…" with "" escapes, interpolated
// $"…{expr}…" with nested holes, raw """…""" and $$"""…""" literals, char literals), and preprocessor lines.
// One linear pass; an unterminated string or comment ends at the end of the line (regular strings) or of the text.
export type TokenKind = 'id' | 'num' | 'str' | 'char' | 'punct';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** id: the name (without a verbatim `@`); str: the string's value when it has no interpolation holes; num: the
   *  number; punct: the operator. */
  text: string;
  /** str: the value is known (no interpolation holes). */
  plain?: boolean;
}

export interface Comment {
  start: number;
  end: number;
}

const PUNCT3 = ['>>=', '<<=', '??=', '...', '>>>'];
const PUNCT2 = ['=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '::', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<', '->', '..'];

function isIdStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };

export function tokenize(text: string): { tokens: Token[]; comments: Comment[] } {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const n = text.length;
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      i++;
      lineStart = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff) {
      i++;
      continue;
    }
    // preprocessor directive: # first on its line (#if, #region, #pragma …)
    if (c === 35 && lineStart) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      continue;
    }
    lineStart = false;
    const start = i;
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      comments.push({ start, end: i });
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      comments.push({ start, end: i });
      continue;
    }
    // string prefixes: @"…", $"…", $@"…", @$"…", $$"""…""", """…"""
    let j = i;
    let dollars = 0;
    let verbatim = false;
    while (j < n && (text[j] === '$' || text[j] === '@')) {
      if (text[j] === '$') dollars++;
      else verbatim = true;
      j++;
    }
    if (text[j] === '"') {
      const s = readString(text, i, j, dollars, verbatim);
      tokens.push(s.token);
      i = s.end;
      continue;
    }
    if (c === 64 && isIdStart(text.charCodeAt(i + 1))) {
      // @identifier (a keyword used as a name)
      j = i + 1;
      while (j < n && isIdPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'id', start, end: j, text: text.slice(i + 1, j) });
      i = j;
      continue;
    }
    if (isIdStart(c)) {
      j = i + 1;
      while (j < n && isIdPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'id', start, end: j, text: text.slice(i, j) });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      j = i;
      if (c === 48 && /[xXbB]/.test(text[i + 1] ?? '')) {
        j += 2;
        while (j < n && /[0-9a-fA-F_]/.test(text[j])) j++;
      } else {
        while (j < n && /[0-9_]/.test(text[j])) j++;
        if (text[j] === '.' && isDigit(text.charCodeAt(j + 1))) {
          j++;
          while (j < n && /[0-9_]/.test(text[j])) j++;
        }
        if (/[eE]/.test(text[j] ?? '') && /[0-9+-]/.test(text[j + 1] ?? '')) {
          j += 2;
          while (j < n && isDigit(text.charCodeAt(j))) j++;
        }
      }
      while (j < n && /[uUlLfFdDmM]/.test(text[j])) j++;
      tokens.push({ kind: 'num', start, end: j, text: text.slice(i, j).replace(/_/g, '') });
      i = j;
      continue;
    }
    if (c === 39) {
      // char literal 'x', '\n', '\u0041'
      j = i + 1;
      while (j < n && text[j] !== "'" && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      j = Math.min(n, j + 1);
      tokens.push({ kind: 'char', start, end: j, text: text.slice(i, j) });
      i = j;
      continue;
    }
    const three = text.slice(i, i + 3);
    const two = text.slice(i, i + 2);
    const p = PUNCT3.includes(three) ? three : PUNCT2.includes(two) ? two : text[i];
    tokens.push({ kind: 'punct', start, end: i + p.length, text: p });
    i += p.length;
  }
  return { tokens, comments };
}

/** A string literal starting at `start` whose opening quote is at `q` (after its $/@ prefix). */
function readString(text: string, start: number, q: number, dollars: number, verbatim: boolean): { token: Token; end: number } {
  const n = text.length;
  let quotes = 0;
  while (text[q + quotes] === '"') quotes++;
  if (quotes >= 3) {
    // raw string literal: ends at the same number of quotes; $$ means holes open with {{
    const close = '"'.repeat(quotes);
    const e = text.indexOf(close, q + quotes);
    const end = e < 0 ? n : e + quotes;
    const inner = text.slice(q + quotes, e < 0 ? n : e);
    const holes = dollars > 0 && inner.includes('{'.repeat(dollars));
    return { token: { kind: 'str', start, end, text: holes ? '' : rawValue(inner), plain: !holes }, end };
  }
  if (quotes === 2) return { token: { kind: 'str', start, end: q + 2, text: '', plain: dollars === 0 }, end: q + 2 };
  let i = q + 1;
  let value = '';
  let holes = false;
  while (i < n) {
    const ch = text[i];
    if (verbatim) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        i++;
        break;
      }
    } else {
      if (ch === '\n' || ch === '\r') break; // unterminated: the string ends with its line
      if (ch === '"') {
        i++;
        break;
      }
      if (ch === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u' || e === 'x' || e === 'U') {
          const m = /^[0-9a-fA-F]{1,8}/.exec(text.slice(i + 2, i + 10));
          const len = e === 'u' ? 4 : e === 'U' ? 8 : (m?.[0].length ?? 0);
          value += String.fromCodePoint(Math.min(0x10ffff, parseInt(text.slice(i + 2, i + 2 + len), 16) || 0));
          i += 2 + len;
        } else {
          value += ESCAPES[e] ?? e;
          i += 2;
        }
        continue;
      }
    }
    if (dollars > 0 && ch === '{') {
      if (text[i + 1] === '{') {
        value += '{';
        i += 2;
        continue;
      }
      holes = true;
      i = skipHole(text, i + 1);
      continue;
    }
    value += ch;
    i++;
  }
  return { token: { kind: 'str', start, end: i, text: holes ? '' : value, plain: !holes }, end: i };
}

/** Past the `}` that closes an interpolation hole opened before `from` (holes nest strings and braces). */
function skipHole(text: string, from: number): number {
  let depth = 1;
  let i = from;
  const n = text.length;
  while (i < n && depth > 0) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === '"') {
      // a nested regular string inside the hole
      i++;
      while (i < n && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
    } else if (ch === '\n') return i; // a hole does not span lines in a regular interpolated string
    i++;
  }
  return i;
}

/** A raw string's value: a multi-line one drops its first and last line and the closing line's indentation. */
function rawValue(inner: string): string {
  if (!/[\r\n]/.test(inner)) return inner;
  const lines = inner.split(/\r\n|\n|\r/);
  const indent = /^[ \t]*$/.test(lines[lines.length - 1]) ? lines[lines.length - 1] : '';
  return lines
    .slice(1, -1)
    .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
    .join('\n');
}
