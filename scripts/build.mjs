// Bundles the CLI, the language server and the extension with esbuild (one file each, minified).
// `vscode` stays external: the editor provides it. Usage: node scripts/build.mjs [--dev]
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { serverModulesIn } from './bundle-guard.mjs';

const dev = process.argv.includes('--dev');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
  external: ['vscode'],
  // jsonc-parser's main entry is UMD (its require() calls hide from the bundler): bundle its ES module build.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

const entries = [
  // dist/cli.js is a small start-up shim that runs dist/cli-main.js through V8's code cache (see loader.ts).
  { in: 'server/src/cli/main.ts', out: 'dist/cli-main.js' },
  { in: 'server/src/cli/loader.ts', out: 'dist/cli.js', bin: true },
  // dist/server.js likewise runs dist/server-main.js through the code cache (lsp/loader.ts).
  { in: 'server/src/lsp/main.ts', out: 'dist/server-main.js' },
  { in: 'server/src/lsp/loader.ts', out: 'dist/server.js', bin: true },
  { in: 'client/src/extension.ts', out: 'dist/extension.js', clientOnly: true },
].filter((e) => existsSync(e.in));

// Grammar chunks (languages/grammars.ts): one file per grammar in dist/grammars/, required only when a file of
// its language is read. The chunks import the Lezer runtime from ./lezer-runtime.js, bundled once.
const GRAMMAR_DIR = 'server/src/languages/grammars';
const RUNTIME = 'lezer-runtime';
const grammars = existsSync(GRAMMAR_DIR) ? readdirSync(GRAMMAR_DIR).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)) : [];
const sharedRuntime = {
  name: 'shared-lezer-runtime',
  setup(build) {
    build.onResolve({ filter: /^@lezer\/(lr|common|highlight)$/ }, () => ({ path: `./${RUNTIME}.js`, external: true }));
  },
};

await Promise.all([
  ...entries.map(async (e) => {
    const r = await esbuild.build({
      ...common,
      entryPoints: [e.in],
      outfile: e.out,
      banner: e.bin ? { js: '#!/usr/bin/env node' } : undefined,
      define: { MCL_GRAMMAR_CHUNKS: 'true' },
      metafile: !!e.clientOnly,
    });
    const leaked = e.clientOnly ? serverModulesIn(r.metafile) : [];
    if (leaked.length) {
      console.error(`${e.out} bundles server modules (import them in the server, or move shared names to server/src/lsp/protocol.ts): ${leaked.join(', ')}`);
      process.exitCode = 1;
    }
  }),
  ...grammars.map((g) =>
    esbuild.build({
      ...common,
      entryPoints: [`${GRAMMAR_DIR}/${g}.ts`],
      outfile: `dist/grammars/${g}.js`,
      plugins: g === RUNTIME ? [] : [sharedRuntime],
    }),
  ),
]);
// Ruby's parser is Prism compiled to WASM: the chunk dist/grammars/ruby.js reads it from dist/grammars/prism.wasm.
mkdirSync('dist/grammars', { recursive: true });
copyFileSync('node_modules/@ruby/prism/src/prism.wasm', 'dist/grammars/prism.wasm');
