// YAML AST helpers: exact sites (key/value/entry spans, quote, indentation) for pairs and sequence items,
// alias resolution, merge keys (`<<: *anchor`) and value classification (${VAR}, ${{ secrets.X }}, $(VAR)).
// Offsets: node ranges are relative to the text that was parsed; `base` shifts them into the file
// (embedded block scalars are parsed on their own, see index.ts). Line arithmetic always uses the full file.
import type { Alias, Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Site, SiteStyle, Span, ValueKind } from '../../model/types';

export type YNode = unknown;

// The `yaml` package's node predicates (identity.js: a symbol-keyed tag on every node), defined here: called
// through the bundler's CommonJS interop every call goes through a property getter, which cost ~5% of a
// 5 MiB lint (issue 6). Same semantics; `yaml`'s own nodes and fast.ts's lightweight ones both carry the tag.
const NODE_TYPE = Symbol.for('yaml.node.type');
const ALIAS = Symbol.for('yaml.alias');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const tagOf = (node: unknown): unknown => (node && typeof node === 'object' ? (node as Record<symbol, unknown>)[NODE_TYPE] : undefined);
export const isAlias = (node: unknown): node is Alias => tagOf(node) === ALIAS;
export const isMap = <K = unknown, V = unknown>(node: unknown): node is YAMLMap<K, V> => tagOf(node) === MAP;
export const isPair = <K = unknown, V = unknown>(node: unknown): node is Pair<K, V> => tagOf(node) === PAIR;
export const isScalar = <T = unknown>(node: unknown): node is Scalar<T> => tagOf(node) === SCALAR;
export const isSeq = <T = unknown>(node: unknown): node is YAMLSeq<T> => tagOf(node) === SEQ;

export interface Src {
  file: string;
  /** The whole file text. */
  full: string;
  /** Offset of the parsed text inside the file. */
  base: number;
  doc: Document.Parsed | Document;
}

/** Resolves aliases (bounded: an alias chain longer than 32 is treated as unresolved). */
export function deref(node: YNode, src: Src): YNode {
  let n = node;
  for (let i = 0; i < 32 && isAlias(n); i++) {
    // Alias#resolve visits the whole document each time; an alias node belongs to one document and
    // always resolves to the same node, so the answer is kept (a compose file dereferences `*default`
    // for every key lookup in the service that merges it).
    const a = n;
    let t = aliasTargets.get(a);
    if (t === undefined && !aliasTargets.has(a)) {
      try {
        t = a.resolve(src.doc as Document);
      } catch {
        t = UNRESOLVED;
      }
      aliasTargets.set(a, t);
    }
    if (t === UNRESOLVED) return undefined;
    n = t;
  }
  return isAlias(n) ? undefined : n;
}
const UNRESOLVED = Symbol('unresolved');
const aliasTargets = new WeakMap<Alias, unknown>();

export function rangeOf(node: YNode): [number, number, number] | undefined {
  const r = (node as { range?: [number, number, number] | null })?.range;
  return r ?? undefined;
}

/** The key of a pair as a string (scalar keys only). */
export function keyString(pair: Pair, src: Src): string | undefined {
  const k = deref(pair.key, src);
  if (isScalar(k)) {
    const v = (k as Scalar).value;
    if (v === null || v === undefined) return undefined;
    return typeof v === 'string' ? v : String(v);
  }
  return undefined;
}

/**
 * The pairs of a map with YAML merge keys applied: `<<: *a` / `<<: [*a, *b]` contribute their pairs first,
 * explicit keys override (later explicit duplicates win). Cycles are cut.
 */
export function pairsOf(map: YAMLMap, src: Src, seen?: Set<unknown>): Pair[] {
  // Maps built by fast.ts know whether they hold a merge key.
  if ((map as { noMerge?: boolean }).noMerge === true) return map.items as Pair[];
  let hasMerge = false;
  const items = map.items as { key?: { value?: unknown; type?: string } }[];
  for (let i = 0; i < items.length; i++) {
    const k = items[i]?.key;
    if (k && k.value === '<<' && k.type === 'PLAIN' && isScalar(k)) {
      hasMerge = true;
      break;
    }
  }
  if (!hasMerge) return map.items as Pair[];
  seen ??= new Set(); // only here: a Set per call was a measurable share of the walk's garbage
  if (seen.has(map)) return [];
  seen.add(map);
  const merged: Pair[] = [];
  const explicit: Pair[] = [];
  for (const p of map.items as Pair[]) {
    if (isScalar(p.key) && (p.key as Scalar).value === '<<' && (p.key as Scalar).type === 'PLAIN') {
      const v = p.value;
      const sources = isSeq(v) ? (v as YAMLSeq).items : [v];
      for (const s of sources) {
        const m = deref(s, src);
        if (isMap(m)) merged.push(...pairsOf(m as YAMLMap, src, seen));
      }
    } else explicit.push(p);
  }
  const explicitKeys = new Set(explicit.map((p) => keyString(p, src)));
  return [...merged.filter((p) => !explicitKeys.has(keyString(p, src))), ...explicit];
}

/** Pair value by key (first match after merges), dereferenced. */
export function getKey(map: YAMLMap, key: string, src: Src): YNode {
  for (const p of pairsOf(map, src)) if (keyString(p, src) === key) return deref(p.value, src);
  return undefined;
}

export function getString(map: YAMLMap, key: string, src: Src): string | undefined {
  const v = getKey(map, key, src);
  if (isScalar(v) && v.value !== null && v.value !== undefined && typeof v.value !== 'object') return String(v.value);
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// Lines

export function lineStart(full: string, off: number): number {
  return full.lastIndexOf('\n', off - 1) + 1;
}

/** Offset just after the line break of the line holding `off` (or the text end). */
export function lineEndIncl(full: string, off: number): number {
  const i = full.indexOf('\n', off);
  return i < 0 ? full.length : i + 1;
}

/** End of an entry whose last token ends at `end` (exclusive): through the end of that line. */
export function entryEnd(full: string, end: number): number {
  if (end > 0 && full.charCodeAt(end - 1) === 10) return end;
  return lineEndIncl(full, end);
}

function onlySpaces(s: string): boolean {
  return /^[ \t]*$/.test(s);
}

// ------------------------------------------------------------------------------------------------
// Values

export interface ScalarInfo {
  /** Value as the consuming program sees it (plain scalars: as written; quoted: unescaped). */
  value: string;
  /** YAML-typed value (number/boolean/string; null → undefined). */
  typed: string | number | boolean | undefined;
  /** As written without quotes. */
  raw: string;
  quote: '' | '"' | "'";
  /** Value token span in the file (with quotes). */
  span: Span;
  /** The raw text maps 1:1 onto the file (no escapes, single line): offsets inside the value are exact. */
  exact: boolean;
  block: boolean;
}

export function scalarInfo(node: YNode, src: Src): ScalarInfo | undefined {
  const r = rangeOf(node);
  if (!r) return undefined;
  const start = src.base + r[0];
  const end = src.base + r[1];
  if (isAlias(node)) {
    const target = deref(node, src);
    if (!isScalar(target)) return undefined;
    const t = scalarInfo(target, src);
    if (!t) return undefined;
    return { ...t, quote: '', span: { start, end }, exact: false };
  }
  if (!isScalar(node)) return undefined;
  const s = node as Scalar;
  const type = s.type;
  const quote: ScalarInfo['quote'] = type === 'QUOTE_DOUBLE' ? '"' : type === 'QUOTE_SINGLE' ? "'" : '';
  const block = type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';
  const written = src.full.slice(start, end);
  const raw = quote && written.length >= 2 ? written.slice(1, -1) : written;
  const v = s.value;
  let typed: ScalarInfo['typed'];
  if (v === null || v === undefined) typed = undefined;
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') typed = v;
  else typed = String(v);
  let value: string;
  if (v === null || v === undefined) value = '';
  else if (quote || block || typeof v === 'string') value = typeof v === 'string' ? v : String(v);
  else value = (s.source ?? raw).trim();
  const exact = !block && raw === value && !raw.includes('\n');
  return { value, typed, raw: block ? value : raw, quote, span: { start, end }, exact, block };
}

export interface Ref {
  kind: ValueKind;
  envVar?: string;
}

const WHOLE_REFS: RegExp[] = [
  /^\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:(?::?[-?+=]|:)[^}]*)?\}$/, // ${VAR}, ${VAR:-x}, ${VAR:default} (Spring)
  /^\$([A-Za-z_][A-Za-z0-9_]*)$/, // $VAR
  /^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$/, // $(VAR) (Kubernetes dependent variables)
];

/** Classifies a written value: a whole reference → env; a reference inside other text → expression. */
export function classify(value: string): Ref {
  const v = value.replace(/\$\$/g, '');
  // Helm / Go / Jinja template expressions: computed when the template is rendered.
  if (/(^|[^$])\{\{[^}]*\}\}/.test(v)) return { kind: 'expression' };
  if (!v.includes('$')) return { kind: 'literal' };
  const t = value.trim();
  const gh = /^\$\{\{\s*([^}]*?)\s*\}\}$/.exec(t);
  if (gh) {
    const m = /^(?:env|vars|secrets)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(gh[1]);
    return { kind: 'env', envVar: m && gh[1].startsWith('env.') ? m[1] : undefined };
  }
  for (const re of WHOLE_REFS) {
    const m = re.exec(t);
    if (m) return { kind: 'env', envVar: m[1] };
  }
  if (/\$\{\{|\$\{[A-Za-z_]|\$\([A-Za-z_]|\$[A-Za-z_]/.test(v)) return { kind: 'expression' };
  return { kind: 'literal' };
}

// ------------------------------------------------------------------------------------------------
// Sites

/** Site of a `key: value` pair (block or flow map). */
export function pairSite(pair: Pair, src: Src, style: SiteStyle = 'yaml-map', keyPath?: string[]): Site | undefined {
  const kr = rangeOf(pair.key);
  if (!kr) return undefined;
  const full = src.full;
  const keyStart = src.base + kr[0];
  const keyEnd = src.base + kr[1];
  const vr = rangeOf(pair.value);
  const info = pair.value !== null && pair.value !== undefined ? scalarInfo(pair.value, src) : undefined;
  let value: Span;
  let quote: Site['quote'] = '';
  if (info) {
    value = info.span;
    quote = info.quote;
  } else if (vr) {
    value = { start: src.base + vr[0], end: src.base + vr[1] };
  } else {
    // `KEY:` with no value: an empty span right after the colon.
    const colon = full.indexOf(':', keyEnd);
    const at = colon >= 0 && colon - keyEnd < 8 ? colon + 1 : keyEnd;
    value = { start: at, end: at };
  }
  const ls = lineStart(full, keyStart);
  const before = full.slice(ls, keyStart);
  const inFlow = isFlowPair(full, keyStart, ls);
  let entry: Span;
  let indent: string;
  let inline = false;
  if (inFlow) {
    inline = true;
    entry = { start: keyStart, end: Math.max(value.end, keyEnd) };
    indent = '';
  } else {
    const nodeEnd = vr ? src.base + vr[2] : Math.max(value.end, keyEnd);
    entry = { start: onlySpaces(before) ? ls : keyStart, end: entryEnd(full, Math.max(nodeEnd, value.end)) };
    indent = onlySpaces(before) ? before : ' '.repeat(before.length);
  }
  const site: Site = { file: src.file, style, value, quote, key: { start: keyStart, end: keyEnd }, entry, indent };
  if (inline) site.inline = true;
  if (keyPath) site.keyPath = keyPath;
  return site;
}

/** True when the key at `keyStart` sits inside a flow collection (`{a: 1}`) on its line. */
function isFlowPair(full: string, keyStart: number, ls: number): boolean {
  const before = full.slice(ls, keyStart);
  if (onlySpaces(before) || /^[ \t]*(- +)+$/.test(before)) return false;
  return /[{,[]\s*$/.test(before);
}

/** Site of a sequence item `- KEY=value` (compose environment list). */
export function listItemSite(node: YNode, info: ScalarInfo, eq: number, src: Src): Site {
  const full = src.full;
  const innerStart = info.span.start + (info.quote ? 1 : 0);
  const innerEnd = info.span.end - (info.quote ? 1 : 0);
  let key: Span;
  let value: Span;
  if (info.exact) {
    key = { start: innerStart, end: innerStart + eq };
    value = { start: innerStart + eq + 1, end: innerEnd };
  } else {
    key = { start: innerStart, end: innerEnd };
    value = { start: innerStart, end: innerEnd };
  }
  const ls = lineStart(full, info.span.start);
  const before = full.slice(ls, info.span.start);
  const m = /^([ \t]*)- +$/.exec(before);
  const r = rangeOf(node);
  if (m) {
    return {
      file: src.file,
      style: 'yaml-list',
      value,
      quote: info.quote,
      key,
      entry: { start: ls, end: entryEnd(full, r ? src.base + r[2] : info.span.end) },
      indent: m[1],
      prefix: '- ',
    };
  }
  return { file: src.file, style: 'yaml-list', value, quote: info.quote, key, entry: { start: info.span.start, end: info.span.end }, indent: '', inline: true };
}

/** Site of a Kubernetes `- name: KEY` + `value: v` item. `valueNode` may be the valueFrom map (not a literal). */
export function nameValueSite(item: YAMLMap, nameNode: YNode, valueNode: YNode | undefined, src: Src): Site | undefined {
  const full = src.full;
  const nr = rangeOf(nameNode);
  const ir = rangeOf(item);
  if (!nr || !ir) return undefined;
  const itemStart = src.base + ir[0];
  const ls = lineStart(full, itemStart);
  const before = full.slice(ls, itemStart);
  const m = /^([ \t]*)- +$/.exec(before);
  let value: Span;
  let quote: Site['quote'] = '';
  const info = valueNode !== undefined ? scalarInfo(valueNode, src) : undefined;
  const vr = valueNode !== undefined ? rangeOf(valueNode) : undefined;
  if (info) {
    value = info.span;
    quote = info.quote;
  } else if (vr) value = { start: src.base + vr[0], end: src.base + vr[1] };
  else value = { start: src.base + nr[1], end: src.base + nr[1] };
  const site: Site = {
    file: src.file,
    style: 'yaml-namevalue',
    value,
    quote,
    key: { start: src.base + nr[0], end: src.base + nr[1] },
    entry: m ? { start: ls, end: entryEnd(full, src.base + ir[2]) } : { start: itemStart, end: src.base + ir[1] },
    indent: m ? m[1] : ' '.repeat(before.length),
    prefix: '- ',
  };
  if (!m) site.inline = true;
  return site;
}

export type { Pair, Scalar, YAMLMap, YAMLSeq };
