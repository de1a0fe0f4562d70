// scripts/bench-profile.mjs — helpers for `npm run bench` (scripts/bench.mjs): build a readable (non-minified)
// bundle of an entry point, and summarise a V8 `.cpuprofile` by self time per function, per bundled module and
// per pipeline step (discovery, read, parse per format, readers, rules, output, gc, start-up).
//
// esbuild writes a `// path/to/module.ts` comment at the start of every module it bundles when it does not
// minify; those comments map a profiled function's line back to the source module it came from.
import fs from 'node:fs';
import path from 'node:path';

/** Bundle `entry` (relative to root) un-minified into `outfile`, with the same settings as scripts/build.mjs. */
export async function buildReadable(root, entry, outfile) {
  const { createRequire } = await import('node:module');
  const require = createRequire(path.join(root, 'package.json'));
  const esbuild = require('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
    external: ['vscode'],
    // as scripts/build.mjs: jsonc-parser's main entry is UMD (its require() calls hide from the bundler)
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  });
  return outfile;
}

/** [{ line (0-based), module }] sorted by line, from esbuild's `// module/path` comments. */
export function moduleMap(bundlePath) {
  const out = [];
  let text;
  try { text = fs.readFileSync(bundlePath, 'utf8'); } catch { return out; }
  const lines = text.split('\n');
  const re = /^\s*\/\/ ((?:\.\.\/)*(?:node_modules|server|client|scripts|shared|src)\/[^\s]+\.(?:[cm]?[jt]sx?|json))\s*$/;
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i]);
    if (m) out.push({ line: i, module: m[1].replace(/^(\.\.\/)+/, '') });
  }
  return out;
}

function moduleAt(map, line) {
  let lo = 0, hi = map.length - 1, best = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid].line <= line) { best = map[mid].module; lo = mid + 1; } else hi = mid - 1;
  }
  return best ?? '(bundle prelude)';
}

/** Which pipeline step a module / function belongs to. */
export function stepOf(module, fn) {
  if (module === '(garbage collector)') return 'gc';
  if (module === '(program)') return 'start-up / native (program)';
  if (module === '(idle)') return 'idle (waiting: I/O, timers, debounce)';
  if (module === '(root)') return 'other';
  if (/node_modules\/@babel\/parser\//.test(module)) return 'parse: js (@babel/parser)';
  if (/node_modules\/typescript\//.test(module)) return 'parse: js (typescript)';
  if (/node_modules\/yaml\//.test(module)) return 'parse: yaml (yaml)';
  if (/node_modules\/dotenv\//.test(module)) return 'parse: env (dotenv)';
  if (/node_modules\/vscode-(languageserver|jsonrpc)/.test(module)) return 'lsp transport (vscode-languageserver)';
  if (/server\/src\/readers\/env\//.test(module)) return 'reader: env';
  if (/server\/src\/readers\/yaml\//.test(module)) return 'reader: yaml (walk)';
  if (/server\/src\/readers\/js\//.test(module)) return 'reader: js (walk)';
  if (/server\/src\/readers\/dialects\//.test(module)) return 'reader: dialects';
  if (/server\/src\/readers\//.test(module)) return 'reader: shared (index, prefilter, url, suppressions)';
  if (/server\/src\/rules\//.test(module)) return 'rules';
  if (/server\/src\/fixes\//.test(module)) return 'fixes';
  if (/server\/src\/(engine|model|register)/.test(module)) return 'engine / model';
  if (/server\/src\/cli\//.test(module)) return 'cli (discovery, config, output)';
  if (/server\/src\/lsp\//.test(module)) return 'lsp server';
  if (/server\/src\//.test(module)) return module.replace(/^server\/src\//, '').split('/')[0];
  if (/^(node:|native |\(native\))/.test(module) || module === '(node/V8 builtin)') {
    const f = fn || '';
    if (/readdir|opendir|[lf]?stat|realpath|access|exists/i.test(f)) return 'discovery (fs)';
    if (/readFile|read$|readSync|^open|openSync|close|toString|decode|utf8Slice|readFileUtf8/i.test(f)) return 'read (fs + decode)';
    if (/write/i.test(f)) return 'output (write)';
    if (/compile|require|Module\.|_load|resolve|loadESM|wrapSafe/i.test(f)) return 'module loading / compile';
    if (/JSON|stringify/i.test(f)) return 'output (JSON)';
    return 'node internals';
  }
  if (/node_modules\//.test(module)) return `dep: ${module.split('node_modules/')[1].split('/').slice(0, module.includes('node_modules/@') ? 2 : 1).join('/')}`;
  return 'other';
}

/**
 * Summarise a .cpuprofile. `bundlePath` (optional) is the bundle the profiled functions live in.
 * Returns { totalMs, steps: [{step, ms, pct}], modules: [{module, ms, pct}], functions: [{fn, module, line, ms, pct}] }.
 */
export function summariseProfile(profilePath, bundlePath, { top = 15 } = {}) {
  const prof = JSON.parse(fs.readFileSync(profilePath, 'utf8'));
  const map = bundlePath ? moduleMap(bundlePath) : [];
  const bundleBase = bundlePath ? path.basename(bundlePath) : null;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const samples = prof.samples ?? [];
  const deltas = prof.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // the time until the next sample belongs to the current one
    const dt = i + 1 < deltas.length ? deltas[i + 1] : 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const fnAgg = new Map(), modAgg = new Map(), stepAgg = new Map();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const cf = n.callFrame;
    const fn = cf.functionName || '(anonymous)';
    let module;
    if (['(garbage collector)', '(program)', '(idle)', '(root)'].includes(cf.functionName)) module = cf.functionName;
    else if (bundleBase && cf.url && cf.url.endsWith('/' + bundleBase)) module = moduleAt(map, cf.lineNumber);
    else if (!cf.url) module = '(node/V8 builtin)';
    else if (cf.url.startsWith('node:')) module = cf.url;
    else module = cf.url.replace(/^file:\/\//, '');
    const step = stepOf(module, fn);
    const fk = `${fn}\u0000${module}\u0000${cf.lineNumber}`;
    const f = fnAgg.get(fk) ?? { fn, module, line: cf.lineNumber + 1, us: 0, step };
    f.us += us;
    fnAgg.set(fk, f);
    modAgg.set(module, (modAgg.get(module) ?? 0) + us);
    stepAgg.set(step, (stepAgg.get(step) ?? 0) + us);
  }
  const ms = (us) => Math.round(us / 100) / 10;
  const pct = (us) => Math.round((us / totalUs) * 1000) / 10;
  return {
    totalMs: ms(totalUs),
    steps: [...stepAgg].sort((a, b) => b[1] - a[1]).map(([step, us]) => ({ step, ms: ms(us), pct: pct(us) })),
    modules: [...modAgg].sort((a, b) => b[1] - a[1]).slice(0, top).map(([module, us]) => ({ module, ms: ms(us), pct: pct(us) })),
    functions: [...fnAgg.values()].sort((a, b) => b.us - a.us).slice(0, top).map((f) => ({ fn: f.fn, module: f.module, line: f.line, step: f.step, ms: ms(f.us), pct: pct(f.us) })),
  };
}

/** Newest *.cpuprofile in dir (or null). */
export function newestProfile(dir) {
  let best = null;
  try {
    for (const n of fs.readdirSync(dir)) {
      if (!n.endsWith('.cpuprofile')) continue;
      const p = path.join(dir, n);
      const t = fs.statSync(p).mtimeMs;
      if (!best || t > best.t) best = { p, t };
    }
  } catch { /* no dir */ }
  return best?.p ?? null;
}

/** Text lines for a profile summary. */
export function formatProfile(title, s, { steps = 12, functions = 12 } = {}) {
  const out = [`${title}: ${s.totalMs} ms sampled`];
  out.push('  by step:');
  for (const x of s.steps.slice(0, steps)) out.push(`    ${x.step.padEnd(46)} ${String(x.ms).padStart(8)} ms ${String(x.pct).padStart(5)}%`);
  out.push('  top functions by self time:');
  for (const f of s.functions.slice(0, functions)) out.push(`    ${String(f.ms).padStart(8)} ms ${String(f.pct).padStart(5)}%  ${f.fn}  (${f.module}${f.module.includes('/') && !f.module.startsWith('node:') ? `, bundle line ${f.line}` : ''})`);
  return out;
}
