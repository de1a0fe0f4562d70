// Grammar chunk for Ruby: the official Prism parser compiled to WASM (@ruby/prism), bundled on its own as
// dist/grammars/ruby.js (scripts/build.mjs, which also copies prism.wasm next to it) and loaded by loadRuby()
// (languages/prism.ts) the first time a .rb file passes the prefilter.
//
// Why not the package's loadPrism(): it is async and goes through node:wasi (an experimental module that prints a
// warning). Prism only needs a few WASI calls from its libc (memory, no files, no clock), so the module is compiled
// and instantiated synchronously with inert WASI imports: every reader is synchronous.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { parsePrism } from '@ruby/prism/src/parsePrism.js';

/** The subset of Prism's ParseResult the readers use (the node classes are plain objects with `location`s). */
export interface PrismResult {
  value: PrismNode;
  comments: { location: PrismLocation }[];
  errors: unknown[];
}
export interface PrismLocation {
  startOffset: number;
  length: number;
}
/** A Prism node: `constructor.name` is its type (CallNode, HashNode ...); fields as in @ruby/prism nodes.d.ts. */
export type PrismNode = { location: PrismLocation } & Record<string, unknown>;

/** The WebAssembly API of the runtime (the project's TypeScript lib has no DOM/WebAssembly declarations). */
interface WasmMemory {
  buffer: ArrayBuffer;
}
interface WasmApi {
  Module: { new (bytes: Uint8Array): object; imports(m: object): { module: string; name: string; kind: string }[] };
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const WASI_ERRNO_BADF = 8;
const WASI_ERRNO_NOSYS = 52;

/**
 * A parse function over the WASM file at `wasmFile`. A parse that throws (a stack overflow on pathologically deep
 * nesting, in Prism's recursive descent or in the JS deserializer) leaves the instance's memory and stack pointer
 * behind: the instance is replaced by a fresh one before the error is passed on, so one hostile file never breaks
 * the next parse.
 */
export function createRubyParser(wasmFile: string): (source: string) => PrismResult {
  const bytes = readFileSync(wasmFile);
  let mod: object = {};
  let exports = withLateTierUp(() => instantiate((mod = new WA.Module(bytes))));
  return (source: string) => {
    try {
      return parsePrism(exports as never, source, {}) as unknown as PrismResult;
    } catch (e) {
      exports = withLateTierUp(() => instantiate(mod));
      throw e;
    }
  };
}

// V8 moves a hot WASM function from its baseline code (Liftoff) to TurboFan after a budget of executed code. With
// the default budget, the first parse of even a 200-line file sends most of Prism to TurboFan on background threads:
// a one-file CLI run on a .rb file cost ~0.3 s more CPU than with Liftoff alone (3.4× against 1.3-1.4× `node -e 0`,
// docs/performance.md). A 100× budget leaves short runs on Liftoff; long runs (the language server, a big tree)
// still tier up the functions that stay hot, and steady-state parse times stay the same. The budget is read when an
// instance is compiled and created; the flag goes back to its default right after, because V8 stamps its flags into code caches
// (codeCache.ts): a cache written with a changed flag would be rejected by the next process.
// (V8 11 and 12, Node 20 and 22, where the default below is V8's; on other engines nothing is changed.)
const DEFAULT_TIERING_BUDGET = 1_800_000;
const LATE_TIERING_BUDGET = 100 * DEFAULT_TIERING_BUDGET;
const KNOWN_DEFAULT = /^1[12]\./.test(process.versions.v8);
function withLateTierUp<T>(f: () => T): T {
  if (!KNOWN_DEFAULT) return f();
  setFlagsFromString(`--wasm-tiering-budget=${LATE_TIERING_BUDGET}`);
  try {
    return f();
  } finally {
    setFlagsFromString(`--wasm-tiering-budget=${DEFAULT_TIERING_BUDGET}`);
  }
}

function instantiate(mod: object): Record<string, unknown> {
  let memory: WasmMemory | undefined;
  const view = () => new DataView(memory!.buffer);
  const wasi: Record<string, (...a: number[]) => number> = {};
  for (const imp of WA.Module.imports(mod)) {
    if (imp.module === 'wasi_snapshot_preview1' && imp.kind === 'function') wasi[imp.name] = () => WASI_ERRNO_NOSYS;
  }
  // no arguments, no environment
  wasi.args_sizes_get = wasi.environ_sizes_get = (count: number, size: number) => {
    view().setUint32(count, 0, true);
    view().setUint32(size, 0, true);
    return 0;
  };
  wasi.args_get = wasi.environ_get = () => 0;
  // no pre-opened folders: the enumeration stops at the first descriptor
  wasi.fd_prestat_get = () => WASI_ERRNO_BADF;
  // stderr writes (Prism's assertions) are dropped but reported as written, so libc does not retry
  wasi.fd_write = (_fd: number, iovs: number, iovsLen: number, nwritten: number) => {
    let n = 0;
    for (let i = 0; i < iovsLen; i++) n += view().getUint32(iovs + i * 8 + 4, true);
    view().setUint32(nwritten, n, true);
    return 0;
  };
  wasi.proc_exit = (code: number) => {
    throw new Error(`prism exited (${code})`);
  };
  const instance = new WA.Instance(mod, { wasi_snapshot_preview1: wasi });
  const exports = instance.exports as Record<string, unknown> & { memory: WasmMemory; _initialize?: () => void };
  memory = exports.memory;
  exports._initialize?.();
  return exports;
}
