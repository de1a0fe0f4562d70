// Grammar chunk: bundled on its own as dist/grammars/python.js (scripts/build.mjs), loaded by loadGrammar('python').
export { parser } from '@lezer/python';
