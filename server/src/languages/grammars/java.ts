// Grammar chunk: bundled on its own as dist/grammars/java.js (scripts/build.mjs), loaded by loadGrammar('java').
export { parser } from '@lezer/java';
