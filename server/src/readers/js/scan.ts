// Text-level helpers for the JS reader's fallback paths (huge files, code the parser gives up on):
// a bracket matcher that knows strings, templates and comments and tolerates unbalanced input, and a
// top-level comma splitter. Linear in the scanned length; every loop is bounded by `limit`.

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSE = new Set([')', ']', '}']);

/** Skips a string/template/comment starting at i; returns the index after it (or i when none starts). */
function skipNonCode(text: string, i: number, limit: number): number {
  const c = text[i];
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < limit && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    return Math.min(j + 1, limit);
  }
  if (c === '`') {
    let j = i + 1;
    while (j < limit && text[j] !== '`') {
      if (text[j] === '\\') j += 2;
      else if (text[j] === '$' && text[j + 1] === '{') j = matchClose(text, j + 1, limit).end;
      else j++;
    }
    return Math.min(j + 1, limit);
  }
  if (c === '/' && text[i + 1] === '/') {
    const nl = text.indexOf('\n', i);
    return nl < 0 || nl > limit ? limit : nl;
  }
  if (c === '/' && text[i + 1] === '*') {
    const e = text.indexOf('*/', i + 2);
    return e < 0 || e + 2 > limit ? limit : e + 2;
  }
  return i;
}

/**
 * From an opening bracket at `open`, finds its closing bracket. Tolerant: a closer that does not match
 * the innermost opener closes the unclosed openers above its match. Returns end = index after the closer
 * (or `limit` when never closed) and closed = whether it was found.
 */
export function matchClose(text: string, open: number, limit: number): { end: number; closed: boolean } {
  const stack: string[] = [OPEN[text[open]] ?? ')'];
  let i = open + 1;
  const max = Math.min(limit, text.length);
  while (i < max) {
    const c = text[i];
    const skipped = skipNonCode(text, i, max);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (OPEN[c]) stack.push(OPEN[c]);
    else if (CLOSE.has(c)) {
      const at = stack.lastIndexOf(c);
      if (at >= 0) {
        stack.length = at;
        if (stack.length === 0) return { end: i + 1, closed: true };
      }
      // a stray closer with no opener at all: ignore it
    }
    i++;
  }
  return { end: max, closed: false };
}

/** Splits text[start, end) at top-level commas; returns [start, end) of each non-blank part. */
export function splitTopLevel(text: string, start: number, end: number): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let partStart = start;
  let i = start;
  while (i < end) {
    const c = text[i];
    const skipped = skipNonCode(text, i, end);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (OPEN[c]) {
      i = matchClose(text, i, end).end;
      continue;
    }
    if (c === ',') {
      parts.push({ start: partStart, end: i });
      partStart = i + 1;
    }
    i++;
  }
  parts.push({ start: partStart, end });
  return parts.filter((p) => /\S/.test(text.slice(p.start, p.end).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')));
}

/**
 * Comment ranges [start, end) of a whole text, in order, found in one linear pass that skips string and
 * template literals (regex literals are not recognised: a quote inside one may hide a comment on that line).
 */
export function commentRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const n = text.length;
  const interesting = /[/"'`]/g;
  let i = 0;
  while (i < n) {
    interesting.lastIndex = i;
    const m = interesting.exec(text);
    if (!m) break;
    i = m.index;
    const next = skipNonCode(text, i, n);
    if (next === i) {
      i++;
      continue;
    }
    if (text[i] === '/') out.push({ start: i, end: next });
    i = next;
  }
  return out;
}

/** `at` lies inside one of the sorted `ranges`. */
export function inRanges(ranges: { start: number; end: number }[], at: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (at < r.start) hi = mid - 1;
    else if (at >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}
