// Region mode for the JS reader (issue 6): instead of babel-parsing a whole file, a cheap lexical pass splits
// it into top-level statement chunks, keeps the chunks that hold a needle (createTransport,
// NODE_TLS_REJECT_UNAUTHORIZED, MailerModule) plus — transitively — every chunk that mentions a name the kept
// chunks reference (so every declaration the evaluator may look up by name is kept, wherever it is), and
// blanks the rest with spaces (line breaks kept). Babel then parses that masked text: offsets, lines and
// columns are the original ones, and skipping whitespace costs next to nothing.
//
// Exactness: the reader's lookups are by name, file-wide (bindings, member paths), so keeping every chunk
// that contains the name as a word is a superset of what a whole-file parse would consult; kept chunks are
// verbatim. Whenever the lexer is unsure (unterminated string/template/regex/comment, unbalanced brackets,
// a `#!` line is fine) it returns undefined and the caller parses the whole file; the caller also falls back
// when the masked parse reports any error (a wrong chunk boundary shows up as a syntax error).

const enum C {
  NL = 10,
  CR = 13,
  SPACE = 32,
  SLASH = 47,
  STAR = 42,
  BACKSLASH = 92,
  DQ = 34,
  SQ = 39,
  BT = 96,
  DOLLAR = 36,
  LBRACE = 123,
  RBRACE = 125,
  LPAREN = 40,
  RPAREN = 41,
  LBRACK = 91,
  RBRACK = 93,
  AT = 64,
  LIT = -2, // "previous token was a string/template/regex literal"
}

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
}
function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}

/** Words after which an expression continues (so a following line cannot start a new statement). */
const CONTINUING = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
  'extends', 'implements', 'export', 'default', 'async', 'let', 'const', 'var', 'static', 'get', 'set', 'as', 'satisfies',
  'type', 'declare', 'abstract', 'readonly', 'is', 'keyof', 'infer', 'interface', 'enum', 'namespace', 'module',
  'function', 'class', 'import', 'from', 'public', 'private', 'protected', 'override', 'accessor', 'unique', 'asserts',
]);
/** First words of a line that continue the previous statement. */
const CONTINUATION_START = new Set(['else', 'catch', 'finally', 'while', 'in', 'of', 'instanceof', 'as', 'satisfies', 'extends', 'implements']);
/** Before a `/`, these words mean a regex literal follows. */
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * Top-level statement boundaries (ascending offsets, first 0, last text.length), or undefined when the
 * lexical pass is unsure. A boundary is a line start at bracket depth 0, column 0, beginning with an
 * identifier or `@`, after a line that ended a statement (`;`, `}`, `]`, a literal or a non-keyword word).
 */
export function statementBoundaries(text: string): number[] | undefined {
  const n = text.length;
  const bounds = [0];
  const stack: number[] = []; // expected closers; C.BT marks a template `${`
  let prev = 0; // last significant char code (0: none), C.LIT after a literal
  let prevWordStart = -1; // when prev is an identifier char: where that word starts
  let decorator = false; // the current chunk started with `@` and its class body has not opened yet
  let i = 0;
  if (text.startsWith('#!')) {
    const nl = text.indexOf('\n');
    i = nl < 0 ? n : nl;
  }
  const prevWord = (): string => (prevWordStart >= 0 ? text.slice(prevWordStart, wordEnd(text, prevWordStart)) : '');
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && BORING[c]) {
      // a run of characters that only matter as "the last significant one" (words, operators, blanks)
      BORING_RUN.lastIndex = i;
      BORING_RUN.test(text);
      const end = BORING_RUN.lastIndex;
      let j = end - 1;
      while (j >= i && isBlank(text.charCodeAt(j))) j--;
      if (j >= i) {
        const last = text.charCodeAt(j);
        if (isIdPart(last)) {
          let w = j;
          while (w > i && isIdPart(text.charCodeAt(w - 1))) w--;
          // a word cut at the run's start continues one before it only when the previous char was a word char
          if (w === i && i > 0 && isIdPart(text.charCodeAt(i - 1)) && prevWordStart >= 0 && prevWordStart < i) w = prevWordStart;
          const first = text.charCodeAt(w);
          if (isIdStart(first) && !(w > 0 && isNumberTail(text, w))) {
            prev = last;
            prevWordStart = w;
          } else {
            prev = 48;
            prevWordStart = -1;
          }
        } else {
          prev = last;
          prevWordStart = -1;
        }
      }
      i = end;
      continue;
    }
    if (c === C.NL) {
      i++;
      if (stack.length === 0 && i < n) {
        const d = text.charCodeAt(i);
        if (isIdStart(d) || d === C.AT) {
          let ok = prev === 0 || prev === 59 /* ; */ || prev === C.RBRACE || prev === C.RBRACK || prev === C.LIT;
          if (!ok && isIdPart(prev)) ok = prevWordStart < 0 || !CONTINUING.has(prevWord());
          if (ok && d !== C.AT) ok = !CONTINUATION_START.has(text.slice(i, wordEnd(text, i)));
          if (ok && decorator) ok = false;
          if (ok) {
            if (bounds[bounds.length - 1] !== i) bounds.push(i);
            decorator = d === C.AT;
          }
        }
      }
      continue;
    }
    if (c === C.SPACE || c === 9 || c === C.CR || c === 11 || c === 12) {
      i++;
      continue;
    }
    if (c === C.SLASH) {
      const d = text.charCodeAt(i + 1);
      if (d === C.SLASH) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl;
        continue;
      }
      if (d === C.STAR) {
        const e = text.indexOf('*/', i + 2);
        if (e < 0) return undefined;
        i = e + 2;
        continue;
      }
      const regex =
        prev === 0 ||
        (prev !== C.LIT && prev !== C.RPAREN && prev !== C.RBRACK && !isIdPart(prev)) ||
        (isIdPart(prev) && prevWordStart >= 0 && REGEX_AFTER_WORD.has(prevWord()));
      if (regex) {
        let j = i + 1;
        let cls = false;
        for (;;) {
          if (j >= n) return undefined;
          const e = text.charCodeAt(j);
          if (e === C.NL || e === C.CR) return undefined;
          if (e === C.BACKSLASH) j += 2;
          else if (e === C.LBRACK) (cls = true), j++;
          else if (e === C.RBRACK) (cls = false), j++;
          else if (e === C.SLASH && !cls) break;
          else j++;
        }
        j++;
        while (j < n && isIdPart(text.charCodeAt(j))) j++;
        i = j;
        prev = C.LIT;
        prevWordStart = -1;
        continue;
      }
      prev = c;
      prevWordStart = -1;
      i++;
      continue;
    }
    if (c === C.DQ || c === C.SQ) {
      let j = i + 1;
      for (;;) {
        if (j >= n) return undefined;
        const e = text.charCodeAt(j);
        if (e === c) break;
        if (e === C.NL || e === C.CR) return undefined;
        j += e === C.BACKSLASH ? (text.charCodeAt(j + 1) === C.CR && text.charCodeAt(j + 2) === C.NL ? 3 : 2) : 1;
      }
      i = j + 1;
      prev = C.LIT;
      prevWordStart = -1;
      continue;
    }
    if (c === C.BT || (c === C.RBRACE && stack.length > 0 && stack[stack.length - 1] === C.BT)) {
      // a template literal, or the rest of one after a `${ … }` substitution
      if (c === C.RBRACE) stack.pop();
      let j = i + 1;
      let opened = false;
      for (;;) {
        if (j >= n) return undefined;
        const e = text.charCodeAt(j);
        if (e === C.BT) break;
        if (e === C.BACKSLASH) j += 2;
        else if (e === C.DOLLAR && text.charCodeAt(j + 1) === C.LBRACE) {
          stack.push(C.BT);
          opened = true;
          j += 2;
          break;
        } else j++;
      }
      i = opened ? j : j + 1;
      prev = opened ? C.LBRACE : C.LIT;
      prevWordStart = -1;
      continue;
    }
    if (c === C.LPAREN || c === C.LBRACK || c === C.LBRACE) {
      if (c === C.LBRACE && stack.length === 0) decorator = false;
      stack.push(c === C.LPAREN ? C.RPAREN : c === C.LBRACK ? C.RBRACK : C.RBRACE);
      prev = c;
      prevWordStart = -1;
      i++;
      continue;
    }
    if (c === C.RPAREN || c === C.RBRACK || c === C.RBRACE) {
      if (stack.pop() !== c) return undefined;
      prev = c;
      prevWordStart = -1;
      i++;
      continue;
    }
    if (isIdPart(c)) {
      const s = i;
      i = wordEnd(text, i);
      prev = isIdStart(c) ? text.charCodeAt(i - 1) : 48; // a number literal ends an expression like a word
      prevWordStart = isIdStart(c) ? s : -1;
      continue;
    }
    if (c === 35 /* # private name */) {
      i++;
      continue;
    }
    prev = c;
    prevWordStart = -1;
    i++;
  }
  if (stack.length) return undefined;
  bounds.push(n);
  return bounds;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}

/** `1e5`, `0x1F`: a "word" that is the tail of a number literal. */
function isNumberTail(text: string, w: number): boolean {
  let k = w - 1;
  while (k >= 0 && isIdPart(text.charCodeAt(k))) k--;
  const c = text.charCodeAt(k + 1);
  return c >= 48 && c <= 57;
}

/** Characters the lexer handles one by one: line breaks, quotes, `/`, brackets, and non-ASCII. */
const BORING = new Uint8Array(128).fill(1);
for (const ch of '\n/"\'`(){}[]') BORING[ch.charCodeAt(0)] = 0;
const BORING_RUN = /[^\n/"'`(){}[\]\u0080-\uffff]+/y;

function wordEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n && isIdPart(text.charCodeAt(i))) i++;
  return i;
}

/** Index of the chunk holding offset `at` (bounds from statementBoundaries). */
export function chunkOf(bounds: readonly number[], at: number): number {
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isAsciiIdPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/**
 * Marks every chunk in which `word` occurs — anywhere, strings and comments too, unless glued to an ASCII
 * identifier character (then it is part of a longer name) — so a superset of its identifier occurrences.
 * (Identifiers spelled with `\u` escapes are covered by the caller keeping chunks that contain `\u`.)
 * True when a chunk was added.
 */
export function keepChunksWith(text: string, bounds: readonly number[], keep: Uint8Array, word: string): boolean {
  let grew = false;
  if (!word) return false;
  const wordy = isAsciiIdPart(word.charCodeAt(0)) || isAsciiIdPart(word.charCodeAt(word.length - 1));
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (wordy && ((i > 0 && isAsciiIdPart(text.charCodeAt(i - 1))) || isAsciiIdPart(text.charCodeAt(i + word.length)))) continue;
    const k = chunkOf(bounds, i);
    if (!keep[k]) {
      keep[k] = 1;
      grew = true;
    }
    i = Math.max(i, bounds[k + 1] - 1); // the rest of this chunk is kept already
  }
  return grew;
}

const DECL_START = /(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*[=:]/y;
const REF_WORD = /(?<![\w$.])[A-Za-z_$][\w$]*/g;

/**
 * A guess that saves a round (never needed for exactness: the caller's lookups decide): also keeps, transitively,
 * the chunks that start with `const|let|var NAME =` for a NAME written in a kept chunk. Returns nothing;
 * grows `keep`.
 */
export function keepLikelyDeclarations(text: string, bounds: readonly number[], keep: Uint8Array): void {
  const declares = new Map<string, number[]>();
  for (let k = 0; k + 1 < bounds.length; k++) {
    DECL_START.lastIndex = bounds[k];
    const m = DECL_START.exec(text);
    if (!m) continue;
    const list = declares.get(m[1]);
    if (list) list.push(k);
    else declares.set(m[1], [k]);
  }
  if (!declares.size) return;
  const queue: number[] = [];
  for (let k = 0; k < keep.length; k++) if (keep[k]) queue.push(k);
  const seen = new Set<string>();
  while (queue.length) {
    const k = queue.pop()!;
    const piece = text.slice(bounds[k], bounds[k + 1]);
    REF_WORD.lastIndex = 0;
    for (let m = REF_WORD.exec(piece); m; m = REF_WORD.exec(piece)) {
      const w = m[0];
      if (seen.has(w)) continue;
      seen.add(w);
      for (const d of declares.get(w) ?? []) {
        if (!keep[d]) {
          keep[d] = 1;
          queue.push(d);
        }
      }
    }
  }
}

let SPACES = ' '.repeat(256);
function spaces(n: number): string {
  while (SPACES.length < n) SPACES += SPACES;
  return SPACES.slice(0, n);
}

/** The text with the chunks not kept blanked: same length, same line breaks. Undefined when most of it is kept anyway. */
export function maskText(text: string, bounds: readonly number[], keep: Uint8Array): string | undefined {
  let kept = 0;
  const chunks = bounds.length - 1;
  for (let k = 0; k < chunks; k++) if (keep[k]) kept += bounds[k + 1] - bounds[k];
  if (kept > text.length * 0.8) return undefined;
  // Blanked: every character but '\n' becomes a space ('\r', U+2028/9 too: chunks end at a '\n', so no line
  // break that separates kept statements is lost).
  const parts: string[] = [];
  for (let k = 0; k < chunks; k++) {
    const a = bounds[k];
    const b = bounds[k + 1];
    if (keep[k]) {
      parts.push(text.slice(a, b));
      continue;
    }
    for (let i = a; i < b; ) {
      let nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= b) nl = b;
      parts.push(spaces(nl - i));
      if (nl < b) parts.push('\n');
      i = nl + 1;
    }
  }
  return parts.join('');
}
