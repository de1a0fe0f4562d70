// Property tests explore new inputs on every local run (random seed), but a CI run must be reproducible:
// with CI set, every fast-check property uses one fixed seed (FC_SEED overrides it, locally too), and the
// seed is printed so a failure can be replayed. Loaded by scripts/run-tests.mjs through --import.
import { createRequire } from 'node:module';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261123 : undefined;
if (seed !== undefined && Number.isFinite(seed)) {
  // Test files reach fast-check both as CommonJS (tsx) and as ESM (dynamic import): configure both copies.
  createRequire(import.meta.url)('fast-check').configureGlobal({ seed });
  (await import('fast-check')).default.configureGlobal({ seed });
}
