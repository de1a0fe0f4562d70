// A line-based reader for the block-style YAML subset that machine-written files use (kubectl dumps,
// compose files, Spring configs): block maps and sequences, plain and single-line quoted scalars, literal
// block scalars (`|`), comments, `---` documents, single-line flow collections. It builds the same `yaml`
// AST nodes (with ranges) as the full parser, so the reader's analysis runs unchanged, at a fraction of the
// cost. Anything outside the subset (anchors/aliases/tags, multi-line plain or quoted scalars, folded
// scalars, multi-line flow collections, tabs in indentation, complex keys, directives) returns undefined:
// the caller then uses the full parser. It never reports syntax errors, so it is only used where that is
// acceptable (huge files, see index.ts).
import { Alias, Document, parseDocument } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './nodes';
import type { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ItemFocus } from '../types';

/** A real `yaml` Document (aliases resolve against it) holding the nodes built here. */
export type FastDoc = Document;

class Bail extends Error {}

// Lightweight nodes: the `yaml` package recognises nodes by a symbol-keyed property (identity.js:
// `node[Symbol.for('yaml.node.type')]`), so classes carrying it on their prototype pass isMap/isSeq/isPair/
// isScalar without NodeBase's per-object defineProperty (which dominated the cost on 5 MB files).
const NODE_TYPE = Symbol.for('yaml.node.type');
// Ranges are three numbers on the node and an array only when read (`node.range` returns a fresh
// [start, valueEnd, nodeEnd]; assigning an array stores its numbers): one surviving array fewer per node
// while the tree is built, which is most of the young-generation GC on a 5 MiB file (issue 6). Never
// mutate the returned array in place.
class Ranged {
  r0 = 0;
  r1 = 0;
  r2 = 0;
  get range(): [number, number, number] {
    return [this.r0, this.r1, this.r2];
  }
  set range(r: [number, number, number]) {
    this.r0 = r[0];
    this.r1 = r[1];
    this.r2 = r[2];
  }
}
class LScalar extends Ranged {
  value: unknown;
  type?: Scalar.Type;
  source?: string;
  anchor?: string;
  constructor(value: unknown) {
    super();
    this.value = value;
  }
}
class LMap extends Ranged {
  items: unknown[] = [];
  anchor?: string;
  flow?: boolean;
  /** No `<<` merge key among the items (pairsOf returns `items` as they are). */
  noMerge = true;
}
class LSeq extends Ranged {
  items: unknown[] = [];
  anchor?: string;
  flow?: boolean;
}
class LPair {
  constructor(
    public key: unknown,
    public value: unknown,
  ) {}
}
(LScalar.prototype as unknown as Record<symbol, symbol>)[NODE_TYPE] = Symbol.for('yaml.scalar');
(LMap.prototype as unknown as Record<symbol, symbol>)[NODE_TYPE] = Symbol.for('yaml.map');
(LSeq.prototype as unknown as Record<symbol, symbol>)[NODE_TYPE] = Symbol.for('yaml.seq');
(LPair.prototype as unknown as Record<symbol, symbol>)[NODE_TYPE] = Symbol.for('yaml.pair');

type Coll = YAMLMap | YAMLSeq;
interface Frame {
  indent: number;
  node: Coll;
  /** A sequence whose items may be skipped (bounded mode, see FastOptions.prune). */
  prune?: boolean;
  /** A top-level sequence (the document's root, or the value of a root map key): its items are the focus units. */
  top?: boolean;
}

/**
 * Bounded mode for huge texts: items of block sequences (at any depth) whose lines do not match `hint`
 * are not parsed; a `null` item stands in for each (indices, and so labels like `step 3`, stay). Sequences
 * under a key for which `keepItemsOf` is true (env lists: every entry counts) are always parsed whole.
 * Texts with anchors or aliases are never pruned (an alias could point into a skipped item). Skipped
 * items are not checked for syntax, so the caller must say that the file was read in bounded mode.
 */
export interface FastOptions {
  prune?: {
    hint: RegExp;
    keepItemsOf: (key: string) => boolean;
    /** Out: how many items were skipped. */
    skipped?: number;
    /** Read only the top-level items it keeps (incremental re-lint); fills in its out-fields. */
    focus?: ItemFocus;
  };
}

/**
 * An anchor or alias token anywhere: `&` or `*` at the start of the text or after whitespace, `[`, `{` or
 * `,`, followed by a name character (conservative: an asterisk-slash cron step counts too). indexOf per
 * character instead of one regex with a leading alternation (5 MiB: ~1 ms instead of ~9 ms).
 */
function mayHaveAnchorOrAlias(text: string): boolean {
  for (const ch of ['&', '*']) {
    for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) {
      const b = i === 0 ? ' ' : text[i - 1];
      const a = text[i + 1];
      if ((b === ' ' || b === '\n' || b === '\r' || b === '\t' || b === '[' || b === '{' || b === ',') && a !== undefined && !/[\s,[\]{}]/.test(a)) return true;
    }
  }
  return false;
}

const bail = (): never => {
  throw new Bail();
};

/** Core-schema resolution of a plain scalar (what the `yaml` package does with its default options). */
export function resolvePlain(s: string): unknown {
  // Fast path (most keys and values): a letter other than the first letters of null/true/false cannot
  // start a non-string plain scalar (numbers start with a digit, sign or dot; `0o`/`0x` with 0; ~, .inf, .nan).
  const c0 = s.charCodeAt(0);
  if (((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122)) && !'nNtTfF'.includes(s[0])) return s;
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
  return s;
}

const ESC: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };

function unescapeDouble(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n in ESC) out += ESC[n];
    else if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = s.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) bail();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else bail();
  }
  return out;
}

function scalar(value: unknown, type: Scalar.Type, start: number, end: number, nodeEnd: number, source?: string): Scalar {
  const s = new LScalar(value);
  s.type = type;
  s.r0 = start;
  s.r1 = end;
  s.r2 = nodeEnd;
  if (source !== undefined) s.source = source;
  return s as unknown as Scalar;
}

/** Shifts every range inside a node parsed from a substring. */
function shift(node: unknown, by: number): void {
  const n = node as { range?: [number, number, number] };
  if (n && n.range) n.range = [n.range[0] + by, n.range[1] + by, n.range[2] + by];
  if (isMap(node) || isSeq(node)) for (const it of (node as Coll).items) shift(it, by);
  else if (isPair(node)) {
    shift((node as Pair).key, by);
    shift((node as Pair).value, by);
  }
}

/**
 * Parses a value token that starts at `at` on a line ending at `eol` (exclusive). Returns the node and
 * the end of the value (before any comment).
 */
function parseInlineValue(text: string, at: number, eol: number): Scalar | Coll | Alias {
  const c = text[at];
  if (c === '&') {
    const m = /^&([^\s,[\]{}]+)[ ]+/.exec(text.slice(at, eol));
    if (!m || m[1].endsWith(':')) bail();
    const rest = at + m![0].length;
    if (rest >= eol || text[rest] === '#' || text[rest] === '&' || text[rest] === '*') bail();
    const node = parseInlineValue(text, rest, eol);
    (node as Scalar | Coll).anchor = m![1];
    return node;
  }
  if (c === '*') {
    const m = /^\*([^\s,[\]{}]+)(?:\s+#.*)?\s*$/.exec(text.slice(at, eol));
    if (!m || m[1].endsWith(':')) bail();
    const a = new Alias(m![1]);
    a.range = [at, at + 1 + m![1].length, eol];
    return a;
  }
  if (c === '"' || c === "'") {
    const i = closingQuote(text, at, eol);
    if (i >= eol) bail(); // multi-line quoted scalar
    const inner = text.slice(at + 1, i);
    const end = i + 1;
    const rest = text.slice(end, eol);
    if (!/^\s*(#.*)?$/.test(rest) || (/^\S/.test(rest) && rest !== '')) bail();
    const value = c === '"' ? unescapeDouble(inner) : inner.replace(/''/g, "'");
    return scalar(value, c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', at, end, eol);
  }
  if (c === '{' || c === '[') {
    // A flow collection on one line: let the real parser do it (one line), except the two shapes compose
    // files are full of, built here with the nodes and ranges the parser gives them (checked by the
    // property tests): `{}` / `[]` and `["a", "b"]` (double-quoted items without escapes, ", " between).
    let raw = text.slice(at, eol);
    const hash = raw.search(/\s#/);
    // A ` #` may sit inside a quoted item (`["a #b"]`): only the full parser knows; leave the file to it.
    if (hash >= 0 && /["']/.test(raw)) bail();
    if (hash >= 0) raw = raw.slice(0, hash);
    raw = raw.trimEnd();
    const simple = simpleFlow(raw, at);
    if (simple) return simple;
    const doc = parseDocument(raw, { uniqueKeys: false });
    if (doc.errors.length || doc.warnings.length || !(isMap(doc.contents) || isSeq(doc.contents))) bail();
    const node = doc.contents as Coll;
    if (!node.flow || !node.range || node.range[0] !== 0 || node.range[1] !== raw.length) bail();
    shift(node, at);
    return node;
  }
  if ('!%@`|>?,]}'.includes(c)) bail();
  let raw = text.slice(at, eol);
  const hash = raw.search(/\s#/);
  if (hash >= 0) raw = raw.slice(0, hash);
  raw = raw.trimEnd();
  if (/: |:$/.test(raw) || raw.startsWith('- ') || raw === '-') bail();
  return scalar(resolvePlain(raw), 'PLAIN', at, at + raw.length, eol, raw);
}

const SIMPLE_FLOW_SEQ = /^\[(?:"[^"\\\n]*"(?:, "[^"\\\n]*")*)?\]$/;

/** `{}`, `[]` or `["a", "b"]` at `at` (raw: the value without comment or trailing spaces). */
function simpleFlow(raw: string, at: number): Coll | undefined {
  if (raw === '{}') {
    const m = new LMap();
    m.flow = true;
    m.r0 = at;
    m.r1 = m.r2 = at + 2;
    return m as unknown as Coll;
  }
  if (!SIMPLE_FLOW_SEQ.test(raw)) return undefined;
  const seq = new LSeq();
  seq.flow = true;
  seq.r0 = at;
  seq.r1 = seq.r2 = at + raw.length;
  // Items: "..." separated by ", " (the regex guarantees the shape).
  let i = 1;
  while (i < raw.length - 1) {
    const close = raw.indexOf('"', i + 1);
    const inner = raw.slice(i + 1, close);
    seq.items.push(scalar(inner, 'QUOTE_DOUBLE', at + i, at + close + 1, at + close + 1, inner));
    i = close + 3; // past `", `
  }
  return seq as unknown as Coll;
}

interface KeyTok {
  key: Scalar;
  /** Offset just after the colon. */
  after: number;
}

/** A `key:` at `at` (plain or quoted). Undefined when the content is not a mapping entry. */
function parseKey(text: string, at: number, eol: number): KeyTok | undefined {
  const c = text[at];
  if (c === '"' || c === "'") {
    const node = parseInlineKeyQuoted(text, at, eol);
    if (!node) return undefined;
    const close = node.range![1];
    if (text[close] !== ':' || !(close + 1 >= eol || text[close + 1] === ' ')) return undefined;
    return { key: node, after: close + 1 };
  }
  if ('&*!%@`|>?{[]},#'.includes(c)) return undefined;
  // The first ": " (or ":" at the end of the line) ends a plain key.
  let i = at;
  for (; i < eol; i++) {
    if (text[i] === ':' && (i + 1 >= eol || text[i + 1] === ' ')) break;
    if (text[i] === ' ' && text[i + 1] === '#') return undefined;
  }
  if (i >= eol) return undefined;
  const raw = text.slice(at, i).trimEnd();
  if (!raw) return undefined;
  return { key: scalar(resolvePlain(raw), 'PLAIN', at, at + raw.length, at + raw.length, raw), after: i + 1 };
}

function parseInlineKeyQuoted(text: string, at: number, eol: number): Scalar | undefined {
  const c = text[at];
  const i = closingQuote(text, at, eol);
  if (i >= eol) return undefined;
  const inner = text.slice(at + 1, i);
  return scalar(c === '"' ? unescapeDouble(inner) : inner.replace(/''/g, "'"), c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', at, i + 1, i + 1);
}

/** Offset of the quote that closes the quoted scalar opening at `at` (`\"` escapes in "…", `''` in '…'), or eol. */
function closingQuote(text: string, at: number, eol: number): number {
  const c = text[at];
  let i = at + 1;
  for (; i < eol; i++) {
    if (c === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === c) {
      if (c === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      break;
    }
  }
  return i;
}

/** Parses `text` into documents, or undefined when it is outside the supported subset. */
export function fastParse(text: string, opts: FastOptions = {}): FastDoc[] | undefined {
  // A lone CR is a line break for YAML; this reader splits on LF only.
  if (text.indexOf('\r') >= 0 && /\r(?!\n)/.test(text)) return undefined;
  let prune = opts.prune;
  const focus = prune?.focus;
  if (focus) {
    focus.applied = false;
    focus.items = [];
    focus.mailless = [];
  }
  if (prune) {
    prune.skipped = 0;
    if (mayHaveAnchorOrAlias(text)) prune = undefined;
  }
  try {
    const docs = run(text, prune);
    if (focus && prune) focus.applied = true;
    return docs;
  } catch (e) {
    if (e instanceof Bail) {
      if (focus) focus.items = focus.mailless = [];
      return undefined;
    }
    throw e;
  }
}

/**
 * The documents of a stream with several of them, as focus units: [separator line, next separator line),
 * the first one from 0 when something other than blank and comment lines comes before the first separator.
 * Undefined for fewer than two documents (then the units are top-level sequence items).
 */
function documentUnits(text: string): { start: number; end: number }[] | undefined {
  const seps: number[] = [];
  const re = /^---(?=[ \t\r\n]|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) seps.push(m.index);
  if (seps.length === 0) return undefined;
  const head = text.slice(0, seps[0]);
  const starts = /^[ \t]*[^\s#]/m.test(head) ? [0, ...seps] : seps;
  if (starts.length < 2) return undefined;
  return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : text.length }));
}

/** Closes a collection built here at `end`. */
function setEnd(node: Coll, end: number): void {
  const l = node as unknown as Ranged;
  l.r1 = l.r2 = end;
}

function run(text: string, prune: FastOptions['prune']): FastDoc[] {
  const mk = (contents: Coll): FastDoc => {
    // `undefined`, not null: a null value goes through Document#createNode (measurable with ~900 embedded
    // application.yml bodies in one 5 MiB ConfigMap dump).
    const d = new Document(undefined, { uniqueKeys: false });
    d.contents = contents;
    return d;
  };
  const docs: FastDoc[] = [];
  let stack: Frame[] = [];
  let root: Coll | null = null;
  // Focus units: the documents of a multi-document stream, else the items of top-level sequences.
  const focus = prune?.focus;
  const docUnits = focus ? documentUnits(text) : undefined;
  if (focus) focus.unit = docUnits ? 'document' : 'item';
  let nextDocUnit = 0;
  // A `key:` (or `-`) whose value is on the following lines.
  let pending: { pair?: Pair<unknown, unknown>; seq?: YAMLSeq; indent: number; inMap: boolean; after: number; anchor?: string } | null = null;
  let lastEnd = 0; // end (after the line break) of the last content line
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let nextTab = text.indexOf('\t'); // amortised: recomputed only once the scan has passed it
  // Bounded mode: offset of the next hint match at or after `hintFrom` (amortised like nextTab).
  const hintRe = prune ? new RegExp(prune.hint.source, prune.hint.flags.replace(/[gy]/g, '') + 'g') : undefined;
  let hintAt = -1;
  const nextHint = (from: number): number => {
    if (hintAt >= from) return hintAt;
    hintRe!.lastIndex = from;
    const m = hintRe!.exec(text);
    hintAt = m ? m.index : Infinity;
    return hintAt;
  };
  const itemEnd: RegExp[] = [];
  const keyText = (k: unknown): string | undefined => {
    const v = (k as { value?: unknown } | null)?.value;
    return v === null || v === undefined ? undefined : String(v);
  };

  const closeAll = () => {
    if (pending) resolvePending(null);
    for (const f of stack) setEnd(f.node, lastEnd);
    stack = [];
  };
  const resolvePending = (child: Coll | null) => {
    if (!pending) return;
    const v = child ?? scalar(null, 'PLAIN', pending.after, pending.after, pending.after, '');
    if (pending.anchor) v.anchor = pending.anchor;
    if (pending.pair) pending.pair.value = v;
    else pending.seq!.items.push(v);
    pending = null;
  };
  const finishDoc = () => {
    closeAll();
    if (root) docs.push(mk(root));
    root = null;
  };
  const pop = () => {
    const f = stack.pop()!;
    setEnd(f.node, lastEnd);
  };
  const open = (kind: 'map' | 'seq', indent: number, start: number): Coll => {
    const l = kind === 'map' ? new LMap() : new LSeq();
    l.r0 = l.r1 = l.r2 = start;
    const node = l as unknown as Coll;
    const f: Frame = { indent, node };
    if (prune && kind === 'seq') {
      // The key this sequence is the value of (none: a root sequence or an item of another sequence).
      const key = pending?.pair ? keyText(pending.pair.key) : undefined;
      f.prune = key === undefined || !prune.keepItemsOf(key);
      f.top = !docUnits && (stack.length === 0 || (stack.length === 1 && !!pending?.pair));
    }
    stack.push(f);
    return node;
  };

  while (pos < n) {
    if (docUnits && nextDocUnit < docUnits.length && pos >= docUnits[nextDocUnit].start) {
      // A document the caller does not keep is not parsed (like an item without mail words).
      const u = docUnits[nextDocUnit++];
      if (pos > u.start) bail(); // a line ran across a separator: not plain block YAML
      focus!.items!.push(u);
      if (!focus!.keep(u.start, u.end)) {
        finishDoc();
        lastEnd = pos = u.end;
        continue;
      }
    }
    let eolBreak = text.indexOf('\n', pos);
    if (eolBreak < 0) eolBreak = n;
    const next = eolBreak < n ? eolBreak + 1 : n;
    let eol = eolBreak;
    if (eol > pos && text.charCodeAt(eol - 1) === 13) eol--;
    // indentation
    let i = pos;
    while (i < eol && text.charCodeAt(i) === 32) i++;
    if (i < eol && text.charCodeAt(i) === 9) bail();
    if (i >= eol || text.charCodeAt(i) === 35 /* # */) {
      pos = next;
      continue;
    }
    const ind = i - pos;
    // Tabs as separation space (`a:\tb`, `x\t# c`): leave to the full parser.
    if (nextTab >= 0 && nextTab < i) nextTab = text.indexOf('\t', i);
    if (nextTab >= 0 && nextTab < eol) bail();
    if (ind === 0 && text.startsWith('---', i) && (eol - i === 3 || text[i + 3] === ' ')) {
      if (!/^---\s*(#.*)?$/.test(text.slice(i, eol))) bail();
      finishDoc();
      pos = next;
      continue;
    }
    if (ind === 0 && (text.startsWith('...', i) || text[i] === '%')) bail();
    const isDash = text[i] === '-' && (i + 1 >= eol || text[i + 1] === ' ');

    // Close finished collections.
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (ind < top.indent) {
        if (pending) resolvePending(null);
        pop();
        continue;
      }
      if (ind === top.indent && isSeq(top.node) && !isDash) {
        if (pending) resolvePending(null);
        pop();
        continue;
      }
      break;
    }
    if (pending) {
      const p: { indent: number; inMap: boolean } = pending;
      if (ind > p.indent || (ind === p.indent && isDash && p.inMap)) resolvePending(open(isDash ? 'seq' : 'map', ind, i));
      else resolvePending(null);
    }
    if (!stack.length) {
      if (root) bail(); // a second root node in one document
      root = open(isDash ? 'seq' : 'map', ind, i);
    }
    let top = stack[stack.length - 1];
    if (ind !== top.indent) bail(); // continuation lines of a multi-line scalar, or bad indentation

    let at = i;
    if (isDash) {
      if (!isSeq(top.node)) bail();
      const seq = top.node as YAMLSeq;
      if (top.prune) {
        // Bounded mode: the item runs until the next content line (not blank, not a comment) indented no
        // deeper than its dash; its last content line ends at contentEnd.
        const endRe = (itemEnd[ind] ??= new RegExp(`\\n {0,${ind}}[^ #\\r\\n]`, 'g'));
        endRe.lastIndex = next > 0 ? next - 1 : 0;
        const em = next < n ? endRe.exec(text) : null;
        const end = em ? em.index + 1 : n;
        let contentEnd = end;
        // Back over trailing blank and comment lines (never before the dash line's end).
        while (contentEnd > next) {
          const ls = text.lastIndexOf('\n', contentEnd - 2) + 1;
          let j = ls;
          while (j < contentEnd && text.charCodeAt(j) === 32) j++;
          const c = text.charCodeAt(j);
          if (j < contentEnd && c !== 35 /* # */ && c !== 13 && c !== 10) break;
          contentEnd = ls;
        }
        if (contentEnd < next) contentEnd = next;
        const focus = top.top ? prune!.focus : undefined;
        if (focus) {
          focus.items!.push({ start: pos, end });
          if (!focus.keep(pos, end)) {
            // Not read this time (the caller keeps what it found in this item before); not counted as skipped.
            seq.items.push(null);
            lastEnd = contentEnd;
            pos = end;
            continue;
          }
        }
        if (nextHint(pos) >= end) {
          seq.items.push(null);
          prune!.skipped = (prune!.skipped ?? 0) + 1;
          prune!.focus?.mailless!.push(pos);
          lastEnd = contentEnd;
          pos = end;
          continue;
        }
      }
      at = i + 1;
      while (at < eol && text.charCodeAt(at) === 32) at++;
      if (at < eol && text.charCodeAt(at) === 9) bail();
      if (at >= eol || text[at] === '#') {
        pending = { seq, indent: ind, inMap: false, after: at };
        lastEnd = next;
        pos = next;
        continue;
      }
      if (text[at] === '-' && (at + 1 >= eol || text[at + 1] === ' ')) bail(); // `- - x`
      const k = parseKey(text, at, eol);
      if (!k) {
        seq.items.push(parseInlineValue(text, at, eol));
        lastEnd = next;
        pos = next;
        continue;
      }
      // `- key: value` opens a map item at the key's column.
      const map = open('map', at - pos, at) as YAMLMap;
      seq.items.push(map);
      top = stack[stack.length - 1];
    } else if (!isMap(top.node)) bail();

    const map = top.node as YAMLMap;
    const k = parseKey(text, at, eol);
    if (!k) bail();
    const { key, after } = k!;
    let v = after;
    while (v < eol && text.charCodeAt(v) === 32) v++;
    if (v < eol && text.charCodeAt(v) === 9) bail();
    const pair = new LPair(key, null) as unknown as Pair<unknown, unknown>;
    map.items.push(pair);
    if (key.type === 'PLAIN' && key.value === '<<') (map as unknown as LMap).noMerge = false;
    let anchor: string | undefined;
    if (text[v] === '&') {
      const am = /^&([^\s,[\]{}]+)(?:\s+#.*)?\s*$/.exec(text.slice(v, eol));
      if (am) {
        if (am[1].endsWith(':')) bail();
        anchor = am[1];
        v = eol;
      }
    }
    if (v >= eol || text[v] === '#') {
      pending = { pair, indent: top.indent, inMap: true, after: v, anchor };
      lastEnd = next;
      pos = next;
      continue;
    }
    if (text[v] === '|' || text[v] === '>') {
      const m = /^\|([+-]?)\s*(#.*)?$/.exec(text.slice(v, eol));
      if (!m) bail(); // folded scalars and explicit indentation indicators: full parser
      // Body: following lines more indented than the parent (or blank).
      let p = next;
      let bodyIndent = -1;
      let leadingSpaces = 0;
      const lines: { s: string; blank: boolean }[] = [];
      let bodyEnd = next;
      while (p < n) {
        let e = text.indexOf('\n', p);
        if (e < 0) e = n;
        const nx = e < n ? e + 1 : n;
        let le = e;
        if (le > p && text.charCodeAt(le - 1) === 13) le--;
        let j = p;
        while (j < le && text.charCodeAt(j) === 32) j++;
        const blank = j >= le;
        if (!blank) {
          if (bodyIndent < 0) {
            if (j - p <= top.indent) break;
            bodyIndent = j - p;
          } else if (j - p < bodyIndent) break;
          if (leadingSpaces > bodyIndent) bail(); // a leading spaces-only line longer than the indentation
          lines.push({ s: text.slice(p + bodyIndent, le), blank: false });
          bodyEnd = nx;
        } else if (bodyIndent >= 0 && le - p > bodyIndent) {
          // Spaces beyond the indentation are content.
          lines.push({ s: text.slice(p + bodyIndent, le), blank: false });
          bodyEnd = nx;
        } else {
          if (bodyIndent < 0) leadingSpaces = Math.max(leadingSpaces, le - p);
          lines.push({ s: '', blank: true });
        }
        p = nx;
      }
      let lastContent = lines.length - 1;
      while (lastContent >= 0 && lines[lastContent].blank) lastContent--;
      if (lastContent < 0 || m![1] === '+') bail(); // empty body / keep chomping: leave to the full parser
      let value = lines.slice(0, lastContent + 1).map((l) => l.s).join('\n');
      if (m![1] === '') value += '\n';
      pair.value = scalar(value, 'BLOCK_LITERAL', v, bodyEnd, bodyEnd);
      lastEnd = bodyEnd;
      pos = bodyEnd;
      continue;
    }
    pair.value = parseInlineValue(text, v, eol);
    lastEnd = next;
    pos = next;
  }
  finishDoc();
  return docs;
}

export { isScalar };
