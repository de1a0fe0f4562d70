// The Lezer runtime shared by every grammar chunk (dist/grammars/lezer-runtime.js): scripts/build.mjs points the
// chunks' imports of @lezer/lr, @lezer/common and @lezer/highlight here, so the runtime ships once.
export * from '@lezer/common';
export * from '@lezer/lr';
export * from '@lezer/highlight';
