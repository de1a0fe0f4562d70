// Sites: where a value sits in the file text (line starts, the value/key/entry spans a fix edits, the
// quote and indentation it keeps). Text only: nothing here decides what a value means.
import type * as t from '@babel/types';
import type { Site, Span } from '../../model/types';
import type { PropInfo } from './bindings';
import { unwrap } from './evaluate';

export class SourceText {
  private lineStarts?: number[];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** 0-based line of `offset`. */
  lineOf(offset: number): number {
    if (!this.lineStarts) {
      const s = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) s.push(i + 1);
      this.lineStarts = s;
    }
    const s = this.lineStarts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Start offset of the line holding `offset` (binary search: no backwards scan through a 5 MB line). */
  lineStartOf(offset: number): number {
    const line = this.lineOf(offset);
    return this.lineStarts![line];
  }

  /** The value as written, without the quotes of a plain string; long expressions cut at 200 chars. */
  valueText(n: t.Node): string {
    const raw = this.text.slice(n.start ?? 0, n.end ?? 0);
    if ((n.type === 'StringLiteral' || (n.type === 'TemplateLiteral' && n.expressions.length === 0)) && raw.length >= 2) return raw.slice(1, -1);
    return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  }

  /** Site of an object property (`port: 465,`): value, key, entry with its comma, indentation. */
  propSite(p: PropInfo): Site {
    const text = this.text;
    const prop = p.prop;
    const pStart = prop.start ?? 0;
    const pEnd = prop.end ?? 0;
    const v = (unwrap(p.value) ?? p.value) as t.Node;
    const value: Span = prop.shorthand ? { start: prop.key.start ?? 0, end: prop.key.end ?? 0 } : { start: p.value.start ?? 0, end: p.value.end ?? 0 };
    let quote: Site['quote'] = '';
    if (v.type === 'StringLiteral' || v.type === 'TemplateLiteral') {
      const q = text[v.start ?? 0];
      if (q === '"' || q === "'" || q === '`') quote = q;
    }
    let e = pEnd;
    while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
    const trailingComma = text[e] === ',';
    const lineStart = this.lineStartOf(pStart);
    const before = text.slice(lineStart, pStart);
    const indent = /^[ \t]*/.exec(before)?.[0] ?? '';
    const objText = text.slice(p.obj.start ?? 0, p.obj.end ?? 0);
    return {
      file: this.file,
      style: 'js-prop',
      value,
      quote,
      key: { start: prop.key.start ?? 0, end: prop.key.end ?? 0 },
      entry: { start: pStart, end: trailingComma ? e + 1 : pEnd },
      indent,
      inline: !objText.includes('\n'),
      trailingComma,
    };
  }

  /** Site of a whole expression (URL argument, global assignment value); entry = the statement. */
  exprSite(valueNode: t.Node, stmt: t.Node): Site {
    const text = this.text;
    const s = stmt.start ?? 0;
    let e = stmt.end ?? 0;
    if (stmt !== valueNode && text[e - 1] !== ';' && text[e] === ';') e++;
    const lineStart = this.lineStartOf(s);
    const indent = /^[ \t]*/.exec(text.slice(lineStart, s))?.[0] ?? '';
    const q = text[valueNode.start ?? 0];
    const quote: Site['quote'] = (valueNode.type === 'StringLiteral' || valueNode.type === 'TemplateLiteral') && (q === '"' || q === "'" || q === '`') ? q : '';
    return { file: this.file, style: 'js-expr', value: { start: valueNode.start ?? 0, end: valueNode.end ?? 0 }, quote, entry: { start: s, end: e }, indent };
  }

  /** Site of a whole object literal (an options spread that could not be read). */
  objectSite(obj: t.Node): Site {
    const span = { start: obj.start ?? 0, end: obj.end ?? 0 };
    return { file: this.file, style: 'js-expr', value: span, quote: '', entry: { ...span }, indent: '' };
  }
}
