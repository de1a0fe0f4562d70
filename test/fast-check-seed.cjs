// Property tests explore new inputs on every local run (random seed), but a CI run must be reproducible:
// with CI set, every fast-check property uses one fixed seed (FC_SEED overrides it, locally too).
// Preloaded by scripts/run-tests.mjs (--require). Test files import fast-check as CommonJS (through tsx),
// so configuring that copy covers them all.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261123 : undefined;
if (seed !== undefined && Number.isFinite(seed)) require('fast-check').configureGlobal({ seed });
