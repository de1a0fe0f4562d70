// Start-up code cache for the bundles (issue 6, issues 12/13: one-file CLI ≤ 1.6× a bare `node` start, LSP
// spawn → first diagnostics ≤ 250 ms). Compiling a ~1 MB bundle is a large part of a short run: V8's code cache
// (vm.Script cachedData) skips it. Used by the start-up shims dist/cli.js (cli/loader.ts) and dist/server.js
// (lsp/loader.ts) for the entry bundles, and by languages/grammars.ts for the grammar chunks.
// - Node ≥ 22.1: node's own module.enableCompileCache() (then a plain require).
// - Node 20: vm.Script with cachedData, kept in a per-user cache folder (~/.cache/mail-config-lint,
//   $XDG_CACHE_HOME, or $MAIL_CONFIG_LINT_CACHE_DIR), one file per bundle and build (node version, arch, size,
//   mtime in the name), written atomically (temp file + rename) after the run, so the functions the run compiled
//   lazily are in it too. V8 rejects a cache that does not match the source or the engine; it is then rewritten.
//   A missing, read-only or foreign folder means no cache, never an error. Files of older builds are pruned.
// MAIL_CONFIG_LINT_NO_CACHE=1 turns it off; MAIL_CONFIG_LINT_DEBUG_CACHE=1 prints what happened on stderr.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import Module, { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';

/** Cache files kept in the folder (every bundle, chunk and build together); the oldest beyond it are removed. */
const MAX_FILES = 200;
/** A file of another build of the same bundle is removed once it is this old (written, never touched on a hit). */
const STALE_MS = 24 * 3600 * 1000;

const debug = () => process.env.MAIL_CONFIG_LINT_DEBUG_CACHE === '1';
// Worker threads (the CLI's pool, the server's workspace scan) start through the shims too, to compile the bundle
// and chunks from the cache the main thread keeps: they only read it.
export const sayCache = (s: string): void => {
  if (debug()) process.stderr.write(`mail-config-lint cache${isMainThread ? '' : ' (worker)'}: ${s}\n`);
};

export function cacheOff(): boolean {
  return process.env.MAIL_CONFIG_LINT_NO_CACHE === '1';
}

let dirMemo: string | null | undefined;
/** The per-user cache folder, created private (0700); undefined when it cannot be used. */
export function cacheDir(): string | undefined {
  if (dirMemo !== undefined) return dirMemo ?? undefined;
  const explicit = process.env.MAIL_CONFIG_LINT_CACHE_DIR;
  const base = explicit || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'mail-config-lint');
  dirMemo = null;
  try {
    fs.mkdirSync(base, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(base);
    // Only a real folder of our own: a cache is executable code for V8.
    if (st.isDirectory() && (typeof process.getuid !== 'function' || st.uid === process.getuid())) dirMemo = base;
  } catch {
    dirMemo = null;
  }
  return dirMemo ?? undefined;
}

/** Node ≥ 22.1 caches compiled code itself: then the bundles are required plainly. */
export function enableNodeCompileCache(): boolean {
  const enable = (Module as unknown as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (typeof enable !== 'function') return false;
  try {
    const dir = cacheDir();
    if (dir) enable(dir);
  } catch {
    // no cache, still run
  }
  return true;
}

export interface CachedScriptOptions {
  /** Name of the cache file's family: `cli`, `server`, `grammar-python` ... */
  tag: string;
  /** Split the cache by what the run is likely to use (the one-file CLI passes the file's extension). */
  variant?: string;
  /** Labels of what this run used (formats linted); the cache is rewritten once when a new one shows up. */
  usedLabels?: () => Iterable<string>;
  /** A chunk of the bundle: debug messages name it, and its `./x.js` requires load sibling chunks (requireChunk). */
  chunk?: boolean;
}

interface Pending {
  script: vm.Script;
  file: string;
  write: () => boolean;
}
const pending: Pending[] = [];
let exitHooked = false;

/**
 * Compiles the CommonJS file `file` through the code cache and returns a function that runs it like require()
 * would (module, exports, require, __filename, __dirname of the file) and returns its exports. Undefined when
 * there is no usable cache folder (then require the file plainly). Throws when the file cannot be read.
 */
export function compileCached(file: string, opts: CachedScriptOptions): (() => unknown) | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const st = fs.statSync(file);
  const key = `${opts.tag}-${process.version}-${process.arch}-${st.size}-${Math.round(st.mtimeMs)}${opts.variant ? `-${opts.variant}` : ''}`.replace(/[^\w.-]/g, '_');
  const cacheFile = path.join(dir, `${key}.v8`);
  const name = opts.chunk ? `${path.basename(file)} ` : '';
  // File layout: "<labels the cached code has run, comma-separated>\n" + V8 code cache.
  let cached: Buffer | undefined;
  let covered = new Set<string>();
  try {
    const raw = fs.readFileSync(cacheFile);
    const nl = raw.indexOf(10);
    if (nl >= 0 && nl < 256) {
      covered = new Set(raw.subarray(0, nl).toString('latin1').split(',').filter(Boolean));
      cached = raw.subarray(nl + 1);
    }
  } catch {
    cached = undefined;
  }
  let src = fs.readFileSync(file, 'utf8');
  if (src.startsWith('#!')) src = `//${src.slice(2)}`;
  const script = new vm.Script(Module.wrap(src), { filename: file, cachedData: cached });
  const rejected = cached !== undefined && script.cachedDataRejected === true;
  sayCache(`${name}${cached === undefined ? 'miss' : rejected ? 'rejected' : 'hit'}`);
  pending.push({
    script,
    file: cacheFile,
    write: () => {
      const all = new Set([...(rejected ? [] : covered), ...(opts.usedLabels?.() ?? [])]);
      if (cached !== undefined && !rejected && all.size === covered.size) return false;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`${[...all].sort().join(',')}\n`, 'latin1'), script.createCachedData()]), { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
        sayCache(`${name}wrote ${cacheFile} (${[...all].sort().join(',') || 'start-up only'})`);
        return true;
      } catch {
        try {
          fs.unlinkSync(tmp);
        } catch {
          // nothing written
        }
        return false;
      }
    },
  });
  if (!exitHooked && isMainThread) {
    exitHooked = true;
    process.once('exit', () => writeCaches());
  }
  const fn = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  return () => {
    const m = new Module(file, module);
    m.filename = file;
    const req = createRequire(file);
    const sibling = (id: string) => (/^\.\/[\w.-]+\.js$/.test(id) ? requireChunk(path.join(path.dirname(file), id)) : req(id));
    fn.call(m.exports, m.exports, opts.chunk ? Object.assign(sibling, req) : req, m, file, path.dirname(file));
    m.loaded = true;
    return m.exports;
  };
}

/** Writes the caches that were missing, rejected or lack a label of this run; prunes the folder after a write. */
export function writeCaches(): void {
  const written = new Set<string>();
  for (const p of pending.splice(0)) if (p.write()) written.add(p.file);
  if (written.size) pruneCacheDir(written);
}

/**
 * Removes what earlier builds left: files of the same bundle or chunk (same tag) under another build's name that
 * were written more than STALE_MS ago, and the oldest files beyond MAX_FILES. Each build of each bundle adds files;
 * nothing else removes them. A file still in use by another installed version is only rewritten (one miss).
 */
function pruneCacheDir(written: Set<string>): void {
  const dir = cacheDir();
  if (!dir) return;
  try {
    const now = Date.now();
    const tags = [...written].map((f) => path.basename(f).replace(/-v\d[^]*$/, '-v'));
    const files = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.v8') || n.endsWith('.tmp'))
      .map((n) => {
        try {
          return { n, t: fs.statSync(path.join(dir, n)).mtimeMs };
        } catch {
          return { n, t: now };
        }
      })
      .sort((a, b) => b.t - a.t);
    files.forEach((f, i) => {
      const full = path.join(dir, f.n);
      if (written.has(full)) return;
      const stale = now - f.t > STALE_MS && (f.n.endsWith('.tmp') || tags.some((t) => f.n.startsWith(t)));
      if (stale || i >= MAX_FILES) fs.rmSync(full, { force: true });
    });
  } catch {
    // another process pruned first, or the folder went away
  }
}

/** Records that this run linted `format` (the entry shims rewrite the cache once when a new one shows up). */
export function noteFormatUsed(format: string | undefined): void {
  if (!format) return;
  const g = globalThis as { __mailConfigLintFormats?: Set<string> };
  (g.__mailConfigLintFormats ??= new Set()).add(format);
}

/** The formats this run linted (noteFormatUsed). */
export function formatsUsed(): Iterable<string> {
  return (globalThis as { __mailConfigLintFormats?: Set<string> }).__mailConfigLintFormats ?? [];
}

const chunkExports = new Map<string, unknown>();
/**
 * require() for a chunk of the bundle (dist/grammars/*.js): through the code cache when one can be used, else
 * plainly. Each chunk runs once per process; `./x.js` requires between chunks go through here too.
 */
export function requireChunk(file: string): unknown {
  const known = chunkExports.get(file);
  if (known !== undefined) return known;
  let exports: unknown;
  const plain = () => createRequire(file)(file);
  if (cacheOff() || typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function') exports = plain();
  else {
    const run = compileCached(file, { tag: `chunk-${path.basename(file, '.js')}`, chunk: true });
    exports = run ? run() : plain();
  }
  chunkExports.set(file, exports);
  return exports;
}

/**
 * The entry shims' start (dist/cli.js, dist/server.js): runs the bundle `main` through the code cache, or requires
 * it plainly (cache off, Node's own compile cache, no usable folder). A missing or broken bundle (a partial install)
 * is one line on stderr and exit status 2, never a stack trace. The cache is rewritten once when the run used a
 * format the cached code had not run (noteFormatUsed).
 */
export function runEntryBundle(main: string, tag: string, binName: string): void {
  const plain = () => {
    try {
      createRequire(main)(main);
    } catch (e) {
      process.stderr.write(`${binName}: cannot load ${main}: ${String((e as Error)?.message ?? e).split('\n')[0]}\n`);
      process.exitCode = 2;
    }
  };
  if (cacheOff() || enableNodeCompileCache()) return void plain();
  let run: (() => unknown) | undefined;
  try {
    run = compileCached(main, { tag, usedLabels: formatsUsed });
  } catch (e) {
    sayCache(`disabled (${(e as Error).message})`);
    run = undefined;
  }
  // Outside the try: an error of the bundle itself must not make it run a second time.
  if (run) run();
  else plain();
}
