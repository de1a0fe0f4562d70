// Lazy grammar loading. A grammar is required the first time a file of its language gets past the prefilter
// (never at start-up): in the bundles (dist/cli-main.js, dist/server-main.js) from its own chunk
// dist/grammars/<name>.js, which scripts/build.mjs builds from languages/grammars/<name>.ts; from source (tests,
// tsx) from its npm package. Loading is synchronous (require), like every reader.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { LRParser } from '@lezer/lr';
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
