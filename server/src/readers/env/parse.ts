// `.env` tokenizer: one linear pass, exact source spans for every entry.
//
// Semantics follow dotenv@16 `parse` (the parser a Node app most likely uses), so keys and values agree
// with it on ordinary files (see test/readers/env-dotenv-diff.test.ts):
//   - `[export ]KEY=value` and `KEY: value`; keys are `[\w.-]+`; blank lines, `#` comments and garbage
//     lines are skipped.
//   - '...', "..." and `...` quotes; a quoted value may span lines; inside the quotes a backslash before
//     the same quote does not close it (it stays in the value, as in dotenv). Text after the closing quote
//     must be blank or a `#` comment, otherwise dotenv reads the line as unquoted (we do the same).
//   - double quotes: `\n` and `\r` become a line break / carriage return (dotenv does no other escapes).
//   - unquoted: the value ends at `#` or the end of the line and is trimmed (dotenv ends it at ANY `#`,
//     not only ` #`; we follow dotenv).
//   - CRLF and lone CR count as line breaks; a leading BOM is whitespace.
// Intentional differences from dotenv (documented, tested):
//   - we never join a key and its value across a line break (dotenv's regex lets `KEY=` followed by a
//     line that starts with a quote, or `KEY:` at the end of a line, take the next line as the value).
//   - `${VAR}` / `$VAR` interpolation (dotenv-expand) is applied to unquoted and double-quoted values
//     from EARLIER keys of the same file; single-quoted values are literal (shell semantics).
import type { ReadProblem, SourceRef, Span } from '../../model/types';

export interface EnvToken {
  key: string;
  keySpan: Span;
  /** Value after quote removal and escape processing, before interpolation. */
  value: string;
  /** Value text as written, without quotes (no escape processing). */
  raw: string;
  /** The value token including its quotes; empty span at the value position when there is no value. */
  valueSpan: Span;
  quote: '' | '"' | "'" | '`';
  /** From the start of the line (indent included) to after the trailing line break. */
  entrySpan: Span;
  /** `export ` as written (with its spacing), or ''. */
  prefix: string;
  indent: string;
  /** 0-based line of the key. */
  line: number;
}

export interface EnvComment {
  text: string;
  line: number;
  span: Span;
}

export interface EnvParse {
  tokens: EnvToken[];
  comments: EnvComment[];
  problems: ReadProblem[];
}

const isWs = (c: number): boolean => c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;
const isKeyChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;

/** End of the line starting the search at `i` (index of the line break, or text.length). */
function eol(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/**
 * `indexOf(ch, i)` (or text.length) with the last answer remembered: the tokenizer asks with growing `i`,
 * so the whole text is searched about once, with the engine's fast string search (issue 6).
 */
function finder(text: string, ch: string): (i: number) => number {
  let from = -1;
  let at = -1;
  return (i: number): number => {
    if (from < 0 || i < from || (at >= 0 && i > at)) {
      from = i;
      at = text.indexOf(ch, i);
    }
    return at < 0 ? text.length : at;
  };
}

/** Index after the line break at `i` (handles \r\n, \n, \r); `i` itself when at EOF. */
function afterBreak(text: string, i: number): number {
  if (i >= text.length) return i;
  if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) return i + 2;
  return i + 1;
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * Is text[from..lineEnd) blank or a `#` comment? (`comment` = index of the `#`, or -1.) Candidates are tried
 * from the farthest back, so the end-of-line search is memoised in `memo` to stay linear on long lines.
 */
function tailOk(text: string, from: number, memo: { from: number; end: number }): { ok: boolean; comment: number; end: number } {
  let i = from;
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (i >= text.length || c === 10 || c === 13) return { ok: true, comment: -1, end: i };
  if (c !== 35 /* # */) return { ok: false, comment: -1, end: i };
  let end: number;
  if (memo.from >= i && memo.from <= text.length) {
    let j = i;
    for (; j < memo.from; j++) {
      const d = text.charCodeAt(j);
      if (d === 10 || d === 13) break;
    }
    end = j < memo.from ? j : memo.end;
  } else end = eol(text, i);
  memo.from = i;
  memo.end = end;
  return { ok: true, comment: i, end };
}

/** dotenv's final quote strip: /^(['"`])([\s\S]*)\1$/ on the trimmed value. */
function stripSameQuotes(v: string): { value: string; quote: '' | '"' | "'" | '`' } {
  if (v.length >= 2) {
    const q = v[0];
    if ((q === '"' || q === "'" || q === '`') && v[v.length - 1] === q) return { value: v.slice(1, -1), quote: q };
  }
  return { value: v, quote: '' };
}

function unescapeDouble(v: string): string {
  return v.indexOf('\\') < 0 ? v : v.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
}

export interface TokenizeOptions {
  /** Collect comments (default true). Off when nothing reads them (no suppression comment in the text). */
  comments?: boolean;
  /**
   * Keys for which a LIGHT token is enough (issue 6: most keys of an env file only feed process.env.X):
   * key, value, quote, entrySpan and line are exact; keySpan/valueSpan are the shared empty span LIGHT_SPAN,
   * raw/prefix/indent are ''. Same tokens otherwise (same keys, values, order and positions).
   */
  light?: (key: string) => boolean;
  /**
   * Called with each token in order INSTEAD of collecting them (`tokens` stays empty): a 5 MB file's
   * 100k tokens then die young instead of all living until the end of the pass (issue 6, LSP memory).
   */
  each?: (token: EnvToken) => void;
}

/** The span of light tokens (never read; frozen so nobody writes it). */
export const LIGHT_SPAN: Span = Object.freeze({ start: 0, end: 0 }) as Span;

/** Tokenizes a whole `.env` text. Never throws. */
export function tokenizeEnv(text: string, opts?: TokenizeOptions): EnvParse {
  const wantComments = opts?.comments !== false;
  const lightFor = opts?.light;
  const each = opts?.each;
  const nextLF = finder(text, '\n');
  const nextCR = text.indexOf('\r') >= 0 ? finder(text, '\r') : undefined;
  const nextHash = finder(text, '#');
  // end of the line containing i (like eol())
  const lineEnd = (i: number): number => {
    const a = nextLF(i);
    if (!nextCR) return a;
    const b = nextCR(i);
    return a < b ? a : b;
  };
  const tokens: EnvToken[] = [];
  const comments: EnvComment[] = [];
  const problems: ReadProblem[] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a BOM belongs to no entry
  let line = 0;
  while (pos < n) {
    const lineStart = pos;
    let i = pos;
    while (i < n && isWs(text.charCodeAt(i))) i++;
    const indentEnd = i;
    const c0 = text.charCodeAt(i);
    if (i >= n) break;
    if (c0 === 10 || c0 === 13) {
      pos = afterBreak(text, i);
      line++;
      continue;
    }
    if (c0 === 35 /* # */) {
      const end = lineEnd(i);
      if (wantComments) comments.push({ text: text.slice(i + 1, end), line, span: { start: i, end } });
      pos = afterBreak(text, end);
      line++;
      continue;
    }
    // optional `export ` prefix
    let prefix = '';
    if (text.startsWith('export', i) && isWs(text.charCodeAt(i + 6))) {
      let j = i + 6;
      while (j < n && isWs(text.charCodeAt(j))) j++;
      if (j < n && isKeyChar(text.charCodeAt(j))) {
        prefix = text.slice(i, j);
        i = j;
      }
    }
    const keyStart = i;
    while (i < n && isKeyChar(text.charCodeAt(i))) i++;
    const keyEnd = i;
    let ok = keyEnd > keyStart;
    let valueFrom = -1;
    if (ok) {
      let j = i;
      while (j < n && isWs(text.charCodeAt(j))) j++;
      const c = text.charCodeAt(j);
      if (c === 61 /* = */) valueFrom = j + 1;
      else if (c === 58 /* : */ && j === keyEnd && isWs(text.charCodeAt(j + 1))) valueFrom = j + 1;
      else ok = false;
    }
    if (!ok) {
      // garbage line: skipped, like dotenv
      const end = lineEnd(i);
      pos = afterBreak(text, end);
      line++;
      continue;
    }
    const key = text.slice(keyStart, keyEnd);
    const light = lightFor !== undefined && lightFor(key);
    let indent = '';
    if (!light && indentEnd > lineStart) {
      indent = text.slice(lineStart, indentEnd);
      if (/[^ \t]/.test(indent)) indent = indent.replace(/[^ \t]/g, '');
    }
    let v = valueFrom;
    while (v < n && isWs(text.charCodeAt(v))) v++;
    const q = text[v];
    let token: EnvToken | undefined;
    if (q === '"' || q === "'" || q === '`') {
      // candidate closing quotes, farthest first (dotenv's regex backtracks the same way)
      const cands: number[] = [];
      for (let k = text.indexOf(q, v + 1); k >= 0; k = text.indexOf(q, k + 1)) {
        cands.push(k);
        if (text.charCodeAt(k - 1) !== 92 /* \ */ || k - 1 === v) break;
      }
      const memo = { from: -1, end: -1 };
      for (let ci = cands.length - 1; ci >= 0; ci--) {
        const close = cands[ci];
        const tail = tailOk(text, close + 1, memo);
        if (!tail.ok) continue;
        const rawInner = text.slice(v + 1, close);
        const inner = rawInner.indexOf('\r') >= 0 ? rawInner.replace(/\r\n?/g, '\n') : rawInner;
        if (wantComments && tail.comment >= 0) comments.push({ text: text.slice(tail.comment + 1, tail.end), line: line + countBreaks(text, lineStart, tail.comment), span: { start: tail.comment, end: tail.end } });
        const next = afterBreak(text, tail.end);
        token = {
          key,
          keySpan: light ? LIGHT_SPAN : { start: keyStart, end: keyEnd },
          value: q === '"' ? unescapeDouble(inner) : inner,
          raw: light ? '' : inner,
          valueSpan: light ? LIGHT_SPAN : { start: v, end: close + 1 },
          quote: q,
          entrySpan: { start: lineStart, end: next },
          prefix: light ? '' : prefix,
          indent,
          line,
        };
        line += countBreaks(text, lineStart, next);
        pos = next;
        break;
      }
    }
    if (!token) {
      // unquoted (or a quote dotenv could not close): up to `#` or the end of the line, trimmed
      const end = lineEnd(valueFrom);
      let hash = nextHash(valueFrom);
      if (hash > end) hash = end;
      let s = valueFrom;
      let e = hash;
      while (s < e && isWs(text.charCodeAt(s))) s++;
      while (e > s && isWs(text.charCodeAt(e - 1))) e--;
      const written = text.slice(s, e);
      const stripped = stripSameQuotes(written);
      if (wantComments && hash < end) comments.push({ text: text.slice(hash + 1, end), line, span: { start: hash, end } });
      const next = afterBreak(text, end);
      token = {
        key,
        keySpan: light ? LIGHT_SPAN : { start: keyStart, end: keyEnd },
        value: stripped.quote === '"' || written.startsWith('"') ? unescapeDouble(stripped.value) : stripped.value,
        raw: light ? '' : stripped.value,
        valueSpan: light ? LIGHT_SPAN : { start: s, end: e },
        quote: stripped.quote,
        entrySpan: { start: lineStart, end: next },
        prefix: light ? '' : prefix,
        indent,
        line,
      };
      line += 1;
      pos = next;
    }
    if (each) each(token);
    else tokens.push(token);
  }
  return { tokens, comments, problems };
}

/** Binary or badly decoded text (NUL bytes, many U+FFFD replacement characters). */
export function looksBinary(text: string): boolean {
  if (text.indexOf('\u0000') >= 0) return true;
  if (text.indexOf('\uFFFD') < 0) return false;
  const limit = Math.min(text.length, 1 << 20);
  let bad = 0;
  for (let i = 0; i < limit; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return bad >= 4 && bad * 200 >= limit;
}

// ---------------------------------------------------------------------------------------------
// Interpolation (dotenv-expand style), resolved from earlier keys of the same file.

export interface Interpolated {
  kind: 'literal' | 'env' | 'expression';
  /** The value when known (literal, resolved reference, fully resolved template). */
  value?: string;
  envVar?: string;
  resolvedFrom?: SourceRef;
  /** `${VAR:-default}` / `${VAR-default}`: the default, when the variable is not defined earlier. */
  fallback?: string;
}

const WHOLE_REF = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))$/;
const ANY_REF = /(\\?)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Classifies a value: a whole `${VAR}` / `$VAR` reference is kind 'env' (resolved when `known` has VAR);
 * a value with embedded references is 'expression' (value known when every reference resolves);
 * anything else is a literal. `quote` "'" disables interpolation.
 */
export function interpolate(
  value: string,
  quote: string,
  known: (name: string) => { value: string; ref: SourceRef } | undefined,
): Interpolated {
  if (quote === "'" || value.indexOf('$') < 0) return { kind: 'literal', value };
  const whole = WHOLE_REF.exec(value);
  if (whole) {
    const name = whole[1] ?? whole[4];
    const hit = known(name);
    const op = whole[2];
    const def = whole[3];
    if (hit && !(op === ':-' && hit.value === '')) return { kind: 'env', envVar: name, value: hit.value, resolvedFrom: hit.ref };
    return { kind: 'env', envVar: name, fallback: op ? def : undefined };
  }
  let allKnown = true;
  let sawRef = false;
  const out = value.replace(ANY_REF, (m, esc: string, n1?: string, op?: string, def?: string, n2?: string) => {
    if (esc) return m.slice(1);
    sawRef = true;
    const hit = known((n1 ?? n2)!);
    if (hit && !(op === ':-' && hit.value === '')) return hit.value;
    if (op) return def ?? '';
    allKnown = false;
    return m;
  });
  if (!sawRef) return { kind: 'literal', value: out };
  return allKnown ? { kind: 'expression', value: out } : { kind: 'expression' };
}
