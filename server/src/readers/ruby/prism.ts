// Reading Prism's tree (languages/grammars/ruby.ts): node types, children, and UTF-16 offsets.
//
// Prism reports byte offsets into the UTF-8 source; the model's spans are UTF-16 offsets into the JS string, so a
// file with non-ASCII text gets a byte → code-unit map. A node's type is asked through its accept() method
// (`visitor.visitCallNode(this)`): class names do not survive minification, method names do.
import type { PrismNode } from '../../languages/grammars/ruby';
import type { Span } from '../../model/types';

export type { PrismNode };

let lastType = '';
const typeVisitor = new Proxy({}, { get: (_t, k) => () => void (lastType = String(k).slice(5)) });

/** 'CallNode', 'HashNode', 'SymbolNode' ... */
export function typeOf(n: PrismNode | null | undefined): string {
  if (!n || typeof (n as { accept?: unknown }).accept !== 'function') return '';
  lastType = '';
  (n as unknown as { accept(v: object): void }).accept(typeVisitor);
  return lastType;
}

/** The child nodes of `n`, in source order. */
export function childrenOf(n: PrismNode): PrismNode[] {
  const f = (n as unknown as { compactChildNodes?: () => PrismNode[] }).compactChildNodes;
  return f ? f.call(n) : [];
}

/** Maps Prism byte offsets to UTF-16 offsets of `text`. */
export class Offsets {
  private readonly map?: Uint32Array;

  constructor(text: string) {
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(text)) return;
    const bytes = Buffer.byteLength(text, 'utf8');
    const map = new Uint32Array(bytes + 1);
    let b = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.codePointAt(i)!;
      const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      for (let k = 0; k < n; k++) map[b + k] = i;
      b += n;
      if (c >= 0x10000) i++; // surrogate pair: two code units
    }
    map[bytes] = text.length;
    this.map = map;
  }

  at(byte: number): number {
    return this.map ? this.map[Math.min(byte, this.map.length - 1)] : byte;
  }

  span(loc: { startOffset: number; length: number } | null | undefined): Span {
    if (!loc) return { start: 0, end: 0 };
    return { start: this.at(loc.startOffset), end: this.at(loc.startOffset + loc.length) };
  }
}

/** A field of a node (Prism names: receiver, arguments_, elements, key, value, body, ...). */
export function field<T = PrismNode>(n: PrismNode | null | undefined, name: string): T | undefined {
  return n ? ((n as Record<string, unknown>)[name] as T | undefined) ?? undefined : undefined;
}

/** The argument nodes of a CallNode (`f(a, b)`, `f a, key: v`). */
export function callArgs(n: PrismNode): PrismNode[] {
  return field<PrismNode[]>(field(n, 'arguments_'), 'arguments_') ?? [];
}

/** The decoded text of a StringNode / SymbolNode. */
export function unescaped(n: PrismNode): string | undefined {
  const u = field<{ value?: string }>(n, 'unescaped');
  return typeof u?.value === 'string' ? u.value : undefined;
}
