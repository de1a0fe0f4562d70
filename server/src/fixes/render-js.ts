// Renders field edits on JS/TS sites in the file's own formatting:
//  - js-prop: a `key: value` property of an object literal;
//  - js-expr: a whole expression (the URL argument of createTransport, the right side of
//    `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`, whose entry is the whole statement).
// set: replaces the value (strings get the site's quote, else the file's dominant quote);
// remove: deletes the property with its comma, and its whole line when it is alone on it;
// insert: adds `key: value` after the anchor (own line with the same indent and comma convention, or
//         `, key: value` inside a one-line object); rename: changes the key.
// URL parts inside a JS string are 'url-part' sites, rendered by the URL renderer.
import type { FieldEdit, Site, TextEdit } from '../model/types';
import { registerRenderer, type StyleRenderer } from './render';

type ValueType = 'string' | 'number' | 'boolean' | 'code' | undefined;

// One text gets one answer: a file with hundreds of findings renders hundreds of fixes (SARIF carries them), and
// scanning 200 kB per fix was a large part of a corpus run.
let lastQuote: { text: string; quote: '"' | "'" } | undefined;

/** The quote most string literals in `text` use (single quotes when tied or none). */
export function dominantQuote(text: string): '"' | "'" {
  if (lastQuote?.text === text) return lastQuote.quote;
  const quote = countQuotes(text);
  lastQuote = { text, quote };
  return quote;
}

function countQuotes(text: string): '"' | "'" {
  let single = 0;
  let double = 0;
  const re = /(['"])(?:[^'"\\\n]|\\.)*\1/g;
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (let m = re.exec(sample); m; m = re.exec(sample)) {
    if (m[1] === "'") single++;
    else double++;
  }
  return double > single ? '"' : "'";
}

export function quoteJs(s: string, q: '"' | "'" | '`'): string {
  let body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  body = q === '`' ? body.replace(/`/g, '\\`').replace(/\$\{/g, '\\${') : body.split(q).join(`\\${q}`);
  return `${q}${body}${q}`;
}

const BARE = /^(true|false|null|undefined|-?\d+(\.\d+)?|!0|!1)$/;
const CODE_HINT = /process\.env|[()[\]{}=!|&?<>]/;

/** The JS text for a value of `type` (strings quoted with `quote`). */
export function jsValue(text: string, type: ValueType, quote: '"' | "'" | '`'): string {
  if (type === 'string') return quoteJs(text, quote);
  if (type === 'number' || type === 'boolean' || type === 'code') return text;
  if (BARE.test(text.trim())) return text.trim();
  if (CODE_HINT.test(text)) return text;
  return quoteJs(text, quote);
}

function jsKey(key: string, q: '"' | "'"): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quoteJs(key, q);
}

// Line starts of the last text: on a minified one-line bundle, lastIndexOf walked megabytes back per fix.
let lastLines: { text: string; breaks: number[] } | undefined;

function lineStart(text: string, at: number): number {
  if (text.length < 65_536) return text.lastIndexOf('\n', at - 1) + 1;
  if (lastLines?.text !== text) {
    const breaks: number[] = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
    lastLines = { text, breaks };
  }
  // the last break before `at`
  const b = lastLines.breaks;
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : b[lo - 1] + 1;
}

/** End of the line containing `at` (index of its '\n', or text length). */
function lineEnd(text: string, at: number): number {
  const i = text.indexOf('\n', at);
  return i < 0 ? text.length : i;
}

/** `rest` (text after an entry up to the end of its line) is blank or only a comment. */
function onlyCommentOrBlank(rest: string): boolean {
  const r = rest.trim();
  return r === '' || r.startsWith('//') || (/^\/\*.*\*\/$/.test(r) && !r.slice(2, -2).includes('*/'));
}

function removeSpan(text: string, site: Site): { start: number; end: number } {
  const { start, end } = site.entry;
  const ls = lineStart(text, start);
  const le = lineEnd(text, end);
  const before = text.slice(ls, start);
  const after = text.slice(end, le);
  if (/^[ \t]*$/.test(before) && onlyCommentOrBlank(after)) {
    // Alone on its line(s): take the whole line with its line break.
    let e = le < text.length ? le + 1 : le;
    let s = ls;
    if (le >= text.length && ls > 0) {
      s = ls - 1; // last line without a newline: take the preceding break instead
      if (text[s - 1] === '\r') s--;
      e = text.length;
    }
    return { start: s, end: e };
  }
  if (site.style === 'js-prop') {
    if (site.trailingComma) {
      let e = end;
      while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
      // `{ a: 1, b: 2 }` removing a → `{ b: 2 }`; keep a line break if one follows
      return { start, end: e };
    }
    // Last property without a comma: take the comma before it (`{ a: 1, b: 2 }` → `{ a: 1 }`).
    let s = start;
    while (s > 0 && /\s/.test(text[s - 1])) s--;
    if (text[s - 1] === ',') return { start: s - 1, end };
    // The only property: `{ b: 2 }` → `{}`
    let e = end;
    while (e < text.length && /[ \t]/.test(text[e])) e++;
    if (text[s - 1] === '{' && text[e] === '}') return { start: s, end: e };
    return { start, end };
  }
  // A statement among others on its line: take the spaces after it too.
  let e = end;
  if (start > 0 && /[ \t]/.test(text[start - 1])) while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return { start, end: e };
}

function render(text: string, edit: FieldEdit): TextEdit[] {
  switch (edit.op) {
    case 'set': {
      const site = edit.field.site;
      const q = (site.quote === '"""' ? '"' : site.quote) || dominantQuote(text); // '"""' is INI-only
      const type: ValueType = edit.type ?? (site.quote ? 'string' : undefined);
      const value = jsValue(edit.text, type, q);
      const shorthand = site.key && site.key.start === site.value.start && site.key.end === site.value.end;
      if (shorthand) {
        const key = text.slice(site.key!.start, site.key!.end);
        return [{ file: site.file, span: { ...site.value }, newText: `${key}: ${value}` }];
      }
      return [{ file: site.file, span: { ...site.value }, newText: value }];
    }
    case 'remove': {
      const site = edit.field.site;
      if (site.style === 'js-expr') {
        // A statement that is the body of if/else/while/for (`if (dev) process.env.X = '0';`) must leave
        // an empty block behind, or the next statement would become the body; an assignment nested in an
        // expression (`a = process.env.X = '0'`) becomes `void 0`.
        let p = site.entry.start;
        while (p > 0 && /\s/.test(text[p - 1])) p--;
        const prev = text[p - 1] ?? '';
        const word = /(?:^|[^\w$])(else|do)$/.test(text.slice(Math.max(0, p - 5), p));
        if (prev === ')' || word) return [{ file: site.file, span: { ...site.entry }, newText: '{}' }];
        if ('=(,:?[&|+-*/%<>!~^'.includes(prev) && prev !== '') {
          let e = site.entry.end;
          if (text[e - 1] === ';') e--;
          return [{ file: site.file, span: { start: site.entry.start, end: e }, newText: 'void 0' }];
        }
      }
      return [{ file: site.file, span: removeSpan(text, site), newText: '' }];
    }
    case 'rename': {
      const site = edit.field.site;
      if (!site.key) return [];
      const q = dominantQuote(text);
      const old = text.slice(site.key.start, site.key.end);
      const quoted = old.startsWith('"') || old.startsWith("'") ? quoteJs(edit.key, old[0] as '"' | "'") : jsKey(edit.key, q);
      const shorthand = site.key.start === site.value.start && site.key.end === site.value.end;
      return [{ file: site.file, span: { ...site.key }, newText: shorthand ? `${quoted}: ${old}` : quoted }];
    }
    case 'insert': {
      const a = edit.after.site;
      if (a.style !== 'js-prop') return [];
      const q = dominantQuote(text);
      // Copy the anchor's `key: value` spacing.
      const sep = a.key ? (text.slice(a.key.end, a.value.start).match(/^\s*:\s*/)?.[0] ?? ': ') : ': ';
      const colon = sep.includes('\n') ? ': ' : sep;
      const prop = `${jsKey(edit.key, q)}${colon}${jsValue(edit.text, edit.type, q)}`;
      if (a.inline) {
        if (a.trailingComma) {
          const spaced = /\s/.test(text[a.entry.end] ?? '');
          return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: spaced ? ` ${prop},` : `${prop},` }];
        }
        const compact = !/\s/.test(text.slice(a.entry.end, a.entry.end + 1)) && !/:\s/.test(sep);
        return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: compact ? `,${prop}` : `, ${prop}` }];
      }
      // Multi-line object: a new line after the anchor's line (after a trailing comment, if any).
      const le = lineEnd(text, a.entry.end);
      const eol = text[le - 1] === '\r' ? '\r\n' : '\n';
      const insAt = text[le - 1] === '\r' ? le - 1 : le;
      const rest = text.slice(a.entry.end, insAt);
      if (!onlyCommentOrBlank(rest)) {
        // Something else follows on the anchor's line (`a: 1, b: 2,` or `port: 465 });`).
        return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: a.trailingComma ? ` ${prop},` : `, ${prop}` }];
      }
      const edits: TextEdit[] = [];
      let comma = ',';
      if (!a.trailingComma) {
        // The anchor was last: give it a comma, and follow the file's convention for the new last one
        // (no trailing comma, as the anchor had none).
        edits.push({ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: ',' });
        comma = '';
      }
      edits.push({ file: a.file, span: { start: insAt, end: insAt }, newText: `${eol}${a.indent}${prop}${comma}` });
      return edits;
    }
  }
}

export const jsRenderer: StyleRenderer = { render };

registerRenderer(['js-prop', 'js-expr'], jsRenderer);
