// Lazy grammar loading. A grammar is required the first time a file of its language gets past the prefilter
// (never at start-up): in the bundles (dist/cli-main.js, dist/server-main.js) from its own chunk
// dist/grammars/<name>.js, which scripts/build.mjs builds from languages/grammars/<name>.ts; from source (tests,
// tsx) from its npm package. Loading is synchronous (require), like every reader.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Tree, TreeFragment } from '@lezer/common';
import type { LRParser } from '@lezer/lr';
import { changeBetween } from '../model/textEdits';
import type { PrismResult } from './grammars/ruby';
import { requireChunk } from '../codeCache';

/** Set to true by scripts/build.mjs (esbuild `define`); undefined when running from source. */
declare const MCL_GRAMMAR_CHUNKS: boolean | undefined;

const GRAMMAR_PACKAGES = {
  php: '@lezer/php',
  python: '@lezer/python',
  java: '@lezer/java',
  go: '@lezer/go',
} as const;

export type GrammarName = keyof typeof GRAMMAR_PACKAGES;

const loaded = new Map<GrammarName, LRParser>();
/** Names in load order (tests check that a grammar is loaded only when needed). */
export const grammarLoads: (GrammarName | 'ruby')[] = [];

export function isGrammarLoaded(name: GrammarName | 'ruby'): boolean {
  return name === 'ruby' ? rubyParser !== undefined : loaded.has(name);
}

/** The Lezer parser of `name`, loaded on first use. Throws when the chunk or package is missing. */
export function loadGrammar(name: GrammarName): LRParser {
  let p = loaded.get(name);
  if (!p) {
    const req = createRequire(__filename);
    const chunks = typeof MCL_GRAMMAR_CHUNKS !== 'undefined' && MCL_GRAMMAR_CHUNKS;
    // A chunk goes through the start-up code cache (codeCache.ts): its parse functions come compiled.
    const mod = (chunks ? requireChunk(path.join(__dirname, 'grammars', `${name}.js`)) : req(GRAMMAR_PACKAGES[name])) as { parser: LRParser };
    p = mod.parser;
    loaded.set(name, p);
    grammarLoads.push(name);
  }
  return p;
}

let fragmentClass: typeof TreeFragment | undefined;
/** @lezer/common's TreeFragment from the runtime the grammars use (the chunk dist/grammars/lezer-runtime.js in the
 *  bundles, already loaded by the grammar chunk; the package from source): never a second copy in the bundle. */
function treeFragment(): typeof TreeFragment {
  if (!fragmentClass) {
    const req = createRequire(__filename);
    const chunks = typeof MCL_GRAMMAR_CHUNKS !== 'undefined' && MCL_GRAMMAR_CHUNKS;
    fragmentClass = (req(chunks ? path.join(__dirname, 'grammars', 'lezer-runtime.js') : '@lezer/common') as { TreeFragment: typeof TreeFragment }).TreeFragment;
  }
  return fragmentClass;
}

/** The last trees parsed, per file (most recent last); `clean`: the tree has no error node. */
const recentTrees = new Map<string, { grammar: GrammarName; text: string; tree: Tree; clean: boolean }>();
/** Enough for the documents being typed in; the CLI parses each file once and keeps only this many trees. */
const RECENT_TREES = 8;

/** How many parses reused the previous tree (tests check that the incremental path is taken). */
export const parseCounts = { incremental: 0, full: 0 };

/** True when the tree holds no error node (a walk over its raw node buffers: no node objects are made). */
export function isCleanTree(tree: Tree): boolean {
  if (tree.type.isError) return false;
  for (const c of tree.children) {
    if ('children' in c) {
      if (!isCleanTree(c)) return false;
      continue;
    }
    const buf = c.buffer;
    const types = c.set.types;
    for (let i = 0; i < buf.length; i += 4) if (types[buf[i]].isError) return false;
  }
  return true;
}

/**
 * `text` parsed with grammar `name`; in the language server, which re-reads the whole document on every
 * keystroke, reusing the previous tree of the same `file` where that gives the same tree as a full parse: Lezer's
 * incremental parse (TreeFragment) takes over the nodes outside the changed region. Lezer's error recovery can
 * build a different tree around a syntax error when it starts from reused nodes, so the incremental tree is kept
 * only when both the previous and the new tree are free of errors; otherwise the text is parsed in full, as the
 * CLI does (test/languages/incremental-parse.test.ts compares both on random edits). The same text gives the
 * same tree (fix-all rounds, a re-lint after a settings change).
 */
export function parseIncremental(name: GrammarName, file: string, text: string): Tree {
  const parser = loadGrammar(name);
  const prev = recentTrees.get(file);
  let tree: Tree | undefined;
  let clean: boolean | undefined;
  if (prev && prev.grammar === name) {
    if (prev.text === text) ({ tree, clean } = prev);
    else if (prev.clean) {
      const change = changeBetween(prev.text, text)!;
      const TF = treeFragment();
      const fragments = TF.applyChanges(TF.addTree(prev.tree), [{ fromA: change.start, toA: change.oldEnd, fromB: change.start, toB: change.newEnd }]);
      const inc = parser.parse(text, fragments);
      if (isCleanTree(inc)) (tree = inc), (clean = true), parseCounts.incremental++;
    }
  }
  if (!tree) {
    tree = parser.parse(text);
    clean = isCleanTree(tree);
    parseCounts.full++;
  }
  recentTrees.delete(file);
  recentTrees.set(file, { grammar: name, text, tree, clean: clean! });
  if (recentTrees.size > RECENT_TREES) recentTrees.delete(recentTrees.keys().next().value as string);
  return tree;
}

let rubyParser: ((source: string) => PrismResult) | undefined;

/**
 * Ruby's parser, loaded on first use: Prism (@ruby/prism, WASM) from the chunk dist/grammars/ruby.js and
 * dist/grammars/prism.wasm (scripts/build.mjs copies it there), or from the npm package when running from source.
 * Compiled and instantiated synchronously, like the Lezer grammars.
 */
export function loadRuby(): (source: string) => PrismResult {
  if (!rubyParser) {
    const req = createRequire(__filename);
    const chunks = typeof MCL_GRAMMAR_CHUNKS !== 'undefined' && MCL_GRAMMAR_CHUNKS;
    const mod = (chunks ? requireChunk(path.join(__dirname, 'grammars', 'ruby.js')) : req('./grammars/ruby')) as typeof import('./grammars/ruby');
    const wasm = chunks ? path.join(__dirname, 'grammars', 'prism.wasm') : req.resolve('@ruby/prism/src/prism.wasm');
    rubyParser = mod.createRubyParser(wasm);
    grammarLoads.push('ruby');
  }
  return rubyParser;
}
