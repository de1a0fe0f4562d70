// Grammar chunk: bundled on its own as dist/grammars/php.js (scripts/build.mjs), loaded by loadGrammar('php').
export { parser } from '@lezer/php';
