// What the code readers (PHP, Python, and the next languages) share besides sites: the evaluated-value shape, the
// evaluation scope, tree helpers, and the read wrapper (size and binary limits, parse, suppression comments).
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Format, ReadProblem, ReadResult, SourceRef, Span } from '../../model/types';
import { addSuppressionComment, emptySuppressions, mentionsSuppression } from '../suppressions';
import type { ReadContext } from '../types';

/** A value as a code reader evaluated it. */
export interface CodeVal {
  /** literal: a literal token in this file (span = that token; a fix may replace it); env: read from the
   *  environment (value known when resolved, or from a default in an expression); unknown: not understood. */
  kind: 'literal' | 'env' | 'unknown';
  value?: string | number | boolean | null;
  /** The token as written, without quotes (literal), or the expression text. */
  text: string;
  span: Span;
  quote: '' | '"' | "'";
  envVar?: string;
  /** Where a known non-literal value came from (a .env line, or the default literal in this file). */
  resolvedFrom?: SourceRef;
}

export interface CodeScope {
  file: string;
  text: string;
  /** A constant defined in this file before `at` (intra-file constant propagation). */
  constant(name: string, at: number): SyntaxNode | undefined;
  env(name: string): { value: string; ref: SourceRef } | undefined;
}

/** The children of a node (named and punctuation), in order. */
export function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export function srcOf(scope: { text: string }, n: SyntaxNode): string {
  return scope.text.slice(n.from, n.to);
}

/** Bigger inputs are not parsed (a generated file is not configuration). */
export const CODE_PARSE_MAX = 2_000_000;

export function emptyReadResult(file: string, format: Format): ReadResult {
  return { file, format, configs: [], globals: [], suppressions: emptySuppressions(), problems: [] };
}

/** Why a text is not parsed (over CODE_PARSE_MAX characters, or binary), or undefined when it is read. */
export function unreadableInput(text: string): ReadProblem | undefined {
  if (text.length > CODE_PARSE_MAX) return { kind: 'too-large', message: `file is larger than ${CODE_PARSE_MAX} characters: not read` };
  if (text.includes('\u0000')) return { kind: 'binary', message: 'binary file: not read' };
  return undefined;
}

/**
 * The common frame of a code reader: refuses files over CODE_PARSE_MAX characters and binary files with a
 * ReadProblem, parses with `parse`, lets `read` fill the configs, and collects suppression comments (nodes named
 * in `commentNodes`; the comment marker is left in the text, addSuppressionComment ignores it).
 */
export function readCode(file: string, text: string, format: Format, parse: (text: string) => Tree, commentNodes: ReadonlySet<string>, read: (tree: Tree, result: ReadResult) => void): ReadResult {
  const result = emptyReadResult(file, format);
  const refused = unreadableInput(text);
  if (refused) {
    result.problems.push(refused);
    return result;
  }
  const tree = parse(text);
  read(tree, result);
  if (mentionsSuppression(text)) {
    let line = 0;
    let at = 0;
    tree.iterate({
      enter(n) {
        if (!commentNodes.has(n.name)) return;
        for (let i = text.indexOf('\n', at); i >= 0 && i < n.from; i = text.indexOf('\n', i + 1)) line++, (at = i + 1);
        addSuppressionComment(result.suppressions, text.slice(n.from, n.to), line);
      },
    });
  }
  return result;
}

/** One file being read: its text and tree, its intra-file constants (name → definitions in text order) and the
 *  evaluation scope over them and the workspace's env values. `C` is what a reader keeps per definition. */
export class CodeFile<C extends { at: number; value: SyntaxNode } = { at: number; value: SyntaxNode }> {
  readonly consts = new Map<string, C[]>();
  readonly scope: CodeScope;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly tree: Tree,
    readonly ctx: ReadContext,
  ) {
    this.scope = {
      file,
      text,
      // the last definition before the use
      constant: (name, at) => {
        let best: SyntaxNode | undefined;
        for (const d of this.consts.get(name) ?? []) if (d.at < at) best = d.value;
        return best;
      },
      env: (name) => ctx.env?.get(file, name),
    };
  }

  src(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  addConst(name: string, def: C): void {
    const list = this.consts.get(name);
    if (list) list.push(def);
    else this.consts.set(name, [def]);
  }
}
