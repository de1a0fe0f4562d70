// Lazy grammar loading. A grammar is required the first time a file of its language gets past the prefilter
// (never at start-up): in the bundles (dist/cli-main.js, dist/server.js) from its own chunk
// dist/grammars/<name>.js, which scripts/build.mjs builds from languages/grammars/<name>.ts; from source (tests,
// tsx) from its npm package. Loading is synchronous (require), like every reader.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { LRParser } from '@lezer/lr';

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
export const grammarLoads: GrammarName[] = [];

export function isGrammarLoaded(name: GrammarName): boolean {
  return loaded.has(name);
}

/** The Lezer parser of `name`, loaded on first use. Throws when the chunk or package is missing. */
export function loadGrammar(name: GrammarName): LRParser {
  let p = loaded.get(name);
  if (!p) {
    const req = createRequire(__filename);
    const chunks = typeof MCL_GRAMMAR_CHUNKS !== 'undefined' && MCL_GRAMMAR_CHUNKS;
    const mod = (chunks ? req(path.join(__dirname, 'grammars', `${name}.js`)) : req(GRAMMAR_PACKAGES[name])) as { parser: LRParser };
    p = mod.parser;
    loaded.set(name, p);
    grammarLoads.push(name);
  }
  return p;
}
