// Compiles the editor integration tests (test/editor/*.ts) to out/test/editor/*.js with esbuild.
// `vscode` is provided by the extension host; mocha is resolved from node_modules at run time.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const entries = readdirSync('test/editor').filter((f) => f.endsWith('.ts')).map((f) => `test/editor/${f}`);
rmSync('out/test/editor', { recursive: true, force: true });
await esbuild.build({
  entryPoints: entries,
  outdir: 'out/test/editor',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
