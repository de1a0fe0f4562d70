// The `mail-config-lint` bin (dist/cli.js): a tiny start-up shim that runs the real CLI bundle
// (dist/cli-main.js, built from main.ts) through V8's code cache, so a one-file run costs little more
// than starting node. Compiling the ~700 kB bundle is most of the CLI's start-up; with the cache it is
// skipped (issue 6: one-file CLI ≤ 1.6× a bare `node` start).
// - Node ≥ 22.1: node's own module.enableCompileCache() (then a plain require).
// - Node 20: vm.Script with cachedData, kept in a per-user cache folder (~/.cache/mail-config-lint,
//   $XDG_CACHE_HOME, or $MAIL_CONFIG_LINT_CACHE_DIR), written atomically; V8 rejects a cache that does not
//   match the source or the engine, and then it is rewritten.
// Any problem with the cache falls back to a plain require. MAIL_CONFIG_LINT_NO_CACHE=1 turns it off;
// MAIL_CONFIG_LINT_DEBUG_CACHE=1 prints what happened on stderr.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import Module, { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const MAIN = path.join(__dirname, 'cli-main.js');
const debug = process.env.MAIL_CONFIG_LINT_DEBUG_CACHE === '1';
// The CLI's worker threads (cli/pool.ts) start through this shim too, to compile the bundle from the cache
// the main thread keeps (each worker would compile it, and every reader it uses, again): they only read it.
const say = (s: string) => {
  if (debug) process.stderr.write(`mail-config-lint cache${isMainThread ? '' : ' (worker)'}: ${s}\n`);
};

function cacheDir(): string | undefined {
  const explicit = process.env.MAIL_CONFIG_LINT_CACHE_DIR;
  const base = explicit || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'mail-config-lint');
  try {
    fs.mkdirSync(base, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(base);
    // Only a real folder of our own: a cache is executable code for V8.
    if (!st.isDirectory() || (typeof process.getuid === 'function' && st.uid !== process.getuid())) return undefined;
    return base;
  } catch {
    return undefined;
  }
}

/** Compiles the bundle with the code cache and returns the function that runs it (undefined: no cache). */
function compileWithCache(): (() => void) | undefined {
  const st = fs.statSync(MAIN);
  const dir = cacheDir();
  if (!dir) return undefined;
  const key = `${process.version}-${process.arch}-${st.size}-${Math.round(st.mtimeMs)}`.replace(/[^\w.-]/g, '_');
  const cacheFile = path.join(dir, `cli-${key}.v8`);
  // File layout: "<formats the cached code has linted, comma-separated>\n" + V8 code cache.
  let cached: Buffer | undefined;
  let covered = new Set<string>();
  try {
    const raw = fs.readFileSync(cacheFile);
    const nl = raw.indexOf(10);
    if (nl >= 0 && nl < 64) {
      covered = new Set(raw.subarray(0, nl).toString('latin1').split(',').filter(Boolean));
      cached = raw.subarray(nl + 1);
    }
  } catch {
    cached = undefined;
  }
  let src = fs.readFileSync(MAIN, 'utf8');
  if (src.startsWith('#!')) src = `//${src.slice(2)}`;
  const script = new vm.Script(Module.wrap(src), { filename: MAIN, cachedData: cached });
  const rejected = cached !== undefined && script.cachedDataRejected === true;
  say(cached === undefined ? 'miss' : rejected ? 'rejected' : 'hit');
  // Written after the run, so the functions this run compiled lazily are in it too. Rewritten (once) when
  // a run lints a format whose reader the cache has not seen yet (the CLI records them in a global).
  if (isMainThread) process.once('exit', () => {
    const seen = (globalThis as { __mailConfigLintFormats?: Set<string> }).__mailConfigLintFormats ?? new Set<string>();
    const all = new Set([...(rejected ? [] : covered), ...seen]);
    if (cached !== undefined && !rejected && all.size === covered.size) return;
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`${[...all].sort().join(',')}\n`, 'latin1'), script.createCachedData()]), { mode: 0o600 });
      fs.renameSync(tmp, cacheFile);
      say(`wrote ${cacheFile} (${[...all].sort().join(',') || 'start-up only'})`);
    } catch {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // nothing written
      }
    }
  });
  const fn = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const m = new Module(MAIN, module);
  m.filename = MAIN;
  const req = createRequire(MAIN);
  return () => fn.call(m.exports, m.exports, req, m, MAIN, path.dirname(MAIN));
}

function start(): void {
  const plain = () => {
    try {
      createRequire(__filename)(MAIN);
    } catch (e) {
      // The bundle is missing or broken (a partial install): one line, never a stack trace.
      process.stderr.write(`mail-config-lint: cannot load ${MAIN}: ${String((e as Error)?.message ?? e).split('\n')[0]}\n`);
      process.exitCode = 2;
    }
  };
  if (process.env.MAIL_CONFIG_LINT_NO_CACHE === '1') return void plain();
  const enable = (Module as unknown as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (typeof enable === 'function') {
    try {
      const dir = cacheDir();
      if (dir) enable(dir);
    } catch {
      // no cache, still run
    }
    return void plain();
  }
  let run: (() => void) | undefined;
  try {
    run = compileWithCache();
  } catch (e) {
    say(`disabled (${(e as Error).message})`);
    run = undefined;
  }
  // Outside the try: an error of the CLI itself must not make it run a second time.
  if (run) run();
  else plain();
}

start();
