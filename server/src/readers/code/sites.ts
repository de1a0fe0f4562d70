// Sites for settings written in program source (PHP, Python, and the next languages): where an entry starts and
// ends (so a fix can remove it), its indentation, and its template (so a fix can add a sibling spelled the same
// way). Shared by every code reader; nothing here knows a grammar.
import type { Site, SiteStyle, Span } from '../../model/types';

export interface CodeSiteParts {
  file: string;
  style: SiteStyle;
  /** The whole entry as the language sees it: a statement, an array pair, a keyword argument. */
  node: Span;
  /** The key token to rename (inside its quotes), if any. */
  key?: Span;
  /** The value token to replace (a literal token, or the whole expression). */
  value: Span;
  quote: Site['quote'];
  /** The whole value expression, when `value` is only a part of it (the default literal of an env read): the
   *  template replaces the whole expression, so a sibling gets a plain value. Defaults to `value`. */
  valueExpr?: Span;
  /** The entry is one element of a list (array pair, call argument): it owns the comma after it. */
  listItem?: boolean;
}

function lineStartOf(text: string, at: number): number {
  let i = at;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

function lineEndOf(text: string, at: number): number {
  let i = at;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

function breakLength(text: string, at: number): number {
  if (text.startsWith('\r\n', at)) return 2;
  return at < text.length ? 1 : 0;
}

/**
 * The Site of one code entry. An entry alone on its line(s) (only blanks before it, only a comma/semicolon and
 * blanks or a comment after it) is a line entry: removing it removes its lines, a sibling goes on a new line. Any
 * other entry is inline (`f(a=1, port=465)`): removing it takes its comma, a sibling is inserted as `, key=value`.
 */
export function codeSite(text: string, p: CodeSiteParts): Site {
  const ls = lineStartOf(text, p.node.start);
  const before = text.slice(ls, p.node.start);
  let after = p.node.end;
  // the comma / semicolon that ends the entry
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const hasSep = text[after] === ',' || text[after] === ';';
  const sepEnd = hasSep ? after + 1 : p.node.end;
  const le = lineEndOf(text, sepEnd);
  const rest = text.slice(sepEnd, le);
  const alone = /^[ \t]*$/.test(before) && /^[ \t]*(?:(?:#|\/\/).*)?$/.test(rest);
  const base = { file: p.file, style: p.style, value: { ...p.value }, quote: p.quote, key: p.key ? { ...p.key } : undefined };
  if (alone) {
    return { ...base, entry: { start: ls, end: le + breakLength(text, le) }, indent: before, template: buildTemplate(text, p, hasSep ? sepEnd : p.node.end) };
  }
  // inline: take the comma after it (or, for the last item, the comma before it)
  let start = p.node.start;
  let end = p.node.end;
  if (p.listItem) {
    if (text[after] === ',') {
      end = after + 1;
      while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    } else {
      let b = start;
      while (b > 0 && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--;
      if (text[b - 1] === ',') start = b - 1;
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(ls, p.node.start))?.[0] ?? ''; // the line's indentation (never slice to the end of the file)
  return { ...base, entry: { start, end }, indent, inline: true, template: buildTemplate(text, p, p.node.end) };
}

/** The entry text from its start to `end` with the key and value replaced by {key} and {value}. */
function buildTemplate(text: string, p: CodeSiteParts, end: number): string {
  const parts: { span: Span; word: string }[] = [{ span: p.valueExpr ?? p.value, word: '{value}' }];
  if (p.key) parts.push({ span: p.key, word: '{key}' });
  parts.sort((a, b) => b.span.start - a.span.start);
  let s = text.slice(p.node.start, end);
  for (const { span, word } of parts) {
    const a = span.start - p.node.start;
    const b = span.end - p.node.start;
    if (a < 0 || b > s.length || a > b) continue;
    s = s.slice(0, a) + word + s.slice(b);
  }
  return s.replace(/[\r\n]+[\s\S]*$/, '');
}

/** A zero-width site at `at` (a place where a fix adds text, e.g. a missing keyword argument). */
export function pointSite(file: string, style: SiteStyle, at: number, prefix: string): Site {
  return { file, style, value: { start: at, end: at }, quote: '', entry: { start: at, end: at }, indent: '', prefix };
}
