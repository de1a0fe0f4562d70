// Grammar chunk: bundled on its own as dist/grammars/go.js (scripts/build.mjs), loaded by loadGrammar('go').
export { parser } from '@lezer/go';
