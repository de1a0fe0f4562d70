// Which release of a library reads a file's settings, and what differs between releases.
//
// A version is found per file: `.mailconfiglintrc.json` "versions" wins; else the nearest project manifest up
// the folder tree. Detectors are a list (one per ecosystem); npm is built in (package-lock.json's installed
// version, else the package.json dependency range). Other ecosystems plug in with registerVersionDetector()
// without touching the rules: semantics/version-detectors/ (composer.lock/composer.json; poetry.lock, uv.lock,
// Pipfile.lock, requirements*.txt, pyproject.toml, Pipfile), registered by server/src/register.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LibraryVersion {
  library: string;
  /** As found: an exact version ('9.0.5') or a range ('^6.9.1', '~10.0.0', '>=9'). */
  spec: string;
  /** Where it came from, for messages: '.mailconfiglintrc.json', 'package-lock.json', 'package.json'. */
  source: string;
}

/** A way to find a library's version for a folder (looks only in `dir`, not above). */
export interface VersionDetector {
  /** Libraries this detector knows ('nodemailer', 'laravel/framework', 'symfony/mailer', 'django'). */
  handles(library: string): boolean;
  detect(dir: string, library: string, read: (file: string) => string | undefined): Omit<LibraryVersion, 'library'> | undefined;
}

const npmDetector: VersionDetector = {
  handles: (lib) => !lib.includes('/') || lib.startsWith('@'),
  detect(dir, lib, read) {
    const lockFile = path.join(dir, 'package-lock.json');
    const lock = read(lockFile);
    if (lock) {
      try {
        const j = parseJsonOnce(lockFile, lock) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
        const v = j.packages?.[`node_modules/${lib}`]?.version ?? j.dependencies?.[lib]?.version;
        if (v) return { spec: v, source: 'package-lock.json' };
      } catch {
        // a broken lockfile: fall back to package.json
      }
    }
    const pkgFile = path.join(dir, 'package.json');
    const pkg = read(pkgFile);
    if (!pkg) return undefined;
    try {
      const j = parseJsonOnce(pkgFile, pkg) as Record<string, Record<string, string> | undefined>;
      for (const k of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
        const v = j[k]?.[lib];
        if (typeof v === 'string') return { spec: v, source: 'package.json' };
      }
    } catch {
      // not JSON: no version from here
    }
    return undefined;
  },
};

const detectors: VersionDetector[] = [npmDetector];

const parsedJson = new Map<string, { text: string; json: unknown }>();
/**
 * JSON.parse of a manifest or lockfile, once per text: every linted file asks for versions and walks up to the
 * same package-lock.json / composer.lock, and parsing a 200 kB lockfile per file was most of a corpus run.
 * Keyed by the file; the cached text (readCached returns the same string while the mtime holds) is the check.
 * Throws what JSON.parse throws (callers treat a broken file as absent).
 */
export function parseJsonOnce(file: string, text: string): unknown {
  const hit = parsedJson.get(file);
  if (hit && hit.text === text) return hit.json;
  const json: unknown = JSON.parse(text);
  if (parsedJson.size > 2_000) parsedJson.clear();
  parsedJson.set(file, { text, json });
  return json;
}

export function registerVersionDetector(d: VersionDetector): void {
  detectors.push(d);
}

const fileCache = new Map<string, { mtimeMs: number; text: string | undefined }>();
// Every linted file walks up the same folders asking for the same manifests (a dozen names per folder, most
// absent): "absent" is reused for ABSENT_FRESH_MS, so a run over thousands of files stats each missing name about
// once instead of once per file (most of a corpus run's system time). A file that exists is stat'ed every time,
// so an edited lockfile counts at once; a newly created one within that window counts on a later lint.
const ABSENT_FRESH_MS = 2_000;
const absentSince = new Map<string, number>();
function statFresh(file: string): fs.Stats | undefined {
  const now = performance.now();
  const since = absentSince.get(file);
  if (since !== undefined && now - since < ABSENT_FRESH_MS) return undefined;
  try {
    const st = fs.statSync(file);
    absentSince.delete(file);
    return st;
  } catch {
    if (absentSince.size > 50_000) absentSince.clear();
    absentSince.set(file, now);
    return undefined;
  }
}

function readCached(file: string): string | undefined {
  const st = statFresh(file);
  if (!st) {
    fileCache.delete(file);
    return undefined;
  }
  const hit = fileCache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs) return hit.text;
  let text: string | undefined;
  try {
    text = st.size < 8_000_000 ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    text = undefined;
  }
  fileCache.set(file, { mtimeMs: st.mtimeMs, text });
  return text;
}

const dirCache = new Map<string, { mtimeMs: number; names: string[] }>();
/** Sorted entries of a folder (cached by the folder's mtime: adding a file changes it), for detectors that look
 *  for names by pattern (requirements*.txt, *.csproj). */
export function listDir(dir: string): string[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    dirCache.delete(dir);
    return [];
  }
  listedDirs?.push([dir, st.mtimeMs]);
  const hit = dirCache.get(dir);
  if (hit && hit.mtimeMs === st.mtimeMs) return hit.names;
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    names = [];
  }
  dirCache.set(dir, { mtimeMs: st.mtimeMs, names });
  return names;
}

/** The version of `library` for `file`: the override, else the nearest folder (upwards) where a detector finds it. */
export function findLibraryVersion(file: string, library: string, overrides?: Record<string, string>, read: (file: string) => string | undefined = readCached): LibraryVersion | undefined {
  const o = overrides?.[library];
  if (o) return { library, spec: o, source: '.mailconfiglintrc.json' };
  if (!path.isAbsolute(file)) return undefined;
  let dir = path.dirname(file);
  for (let depth = 0; depth < 40; depth++) {
    const v = read === readCached ? rememberedIn(dir, library) : detectIn(dir, library, read);
    if (v) return v;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** What the detectors find in `dir` alone. */
function detectIn(dir: string, library: string, read: (file: string) => string | undefined): LibraryVersion | undefined {
  for (const d of detectors) {
    if (!d.handles(library)) continue;
    const v = d.detect(dir, library, read);
    if (v) return { library, ...v };
  }
  return undefined;
}

/**
 * detectIn's answer per (folder, library), kept as long as the absent names it rests on are (ABSENT_FRESH_MS)
 * and while every file it read and folder it listed keeps its mtime (stat'ed on each lookup, as readCached does: an
 * edited lockfile counts at once). Every file of a project walks up through the same folders, and the language
 * server lints a document on every keystroke: asking each detector for its manifest names in a dozen folders was
 * a few milliseconds of each edit before V8 had compiled it, and a tenth of a CLI run over the polyglot corpus.
 */
const levels = new Map<string, { at: number; result: LibraryVersion | undefined; read: [string, number][]; listed: [string, number][] }>();
/** Folders listed (listDir) during the current rememberedIn, with their mtimes: a file added there counts at once too. */
let listedDirs: [string, number][] | undefined;
const mtimeOf = (p: string): number | undefined => {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return undefined;
  }
};
function rememberedIn(dir: string, library: string): LibraryVersion | undefined {
  const key = `${library}\u0000${dir}`;
  const now = performance.now();
  const hit = levels.get(key);
  if (hit && now - hit.at < ABSENT_FRESH_MS && hit.read.every(([f, mtime]) => statFresh(f)?.mtimeMs === mtime) && hit.listed.every(([d, mtime]) => mtimeOf(d) === mtime)) return hit.result;
  const read: [string, number][] = [];
  // valid from the oldest "absent" it rests on: a new manifest counts no later than without the memo
  let at = now;
  const listed: [string, number][] = (listedDirs = []);
  let result: LibraryVersion | undefined;
  try {
    result = detectIn(dir, library, (f) => {
      const text = readCached(f);
      const cached = fileCache.get(f);
      if (cached) read.push([f, cached.mtimeMs]);
      else at = Math.min(at, absentSince.get(f) ?? at);
      return text;
    });
  } finally {
    listedDirs = undefined;
  }
  if (levels.size > 50_000) levels.clear();
  levels.set(key, { at, result, read, listed });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Ranges

type V = [number, number, number];

function parseV(s: string): V | undefined {
  const m = /^v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(s.trim());
  if (!m) return undefined;
  const n = (x: string | undefined) => (x === undefined || x === 'x' || x === '*' ? 0 : Number(x));
  return [Number(m[1]), n(m[2]), n(m[3])];
}

function cmp(a: V, b: V): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The versions a spec allows, as [lowest, upper bound exclusive). Undefined when the spec is not understood. */
function bounds(spec: string): [V, V | undefined] | undefined {
  const s = spec.trim();
  if (s.includes('||') || s.includes(' - ')) return undefined;
  const parts = s.split(/\s+/).filter(Boolean);
  if (parts.length === 2 && /^>=?/.test(parts[0]) && /^<=?/.test(parts[1])) {
    const lo = parseV(parts[0].replace(/^>=?/, ''));
    const hi = parseV(parts[1].replace(/^<=?/, ''));
    return lo && hi ? [lo, parts[1].startsWith('<=') ? [hi[0], hi[1], hi[2] + 1] : hi] : undefined;
  }
  if (parts.length !== 1) return undefined;
  const p = parts[0];
  const v = parseV(p.replace(/^[\^~=>]+/, ''));
  if (!v) return undefined;
  if (p.startsWith('>')) return [v, undefined];
  if (p.startsWith('^')) return [v, v[0] > 0 ? [v[0] + 1, 0, 0] : [0, v[1] + 1, 0]];
  if (p.startsWith('~')) return [v, [v[0], v[1] + 1, 0]];
  // 9, 9.x, 9.0.x: a partial version is a range too
  const dots = (p.match(/\./g) ?? []).length;
  if (dots === 0 || /\.(x|\*)$/.test(p) && dots === 1) return [v, [v[0] + 1, 0, 0]];
  if (dots === 1 || /\.(x|\*)$/.test(p)) return [v, [v[0], v[1] + 1, 0]];
  return [v, [v[0], v[1], v[2] + 1]];
}

/** Whether every version `spec` allows is at least `min`: true, false (none is), or undefined (some are).
 *  `a || b` alternatives (npm, and what the Composer detector writes for `|`) must all agree. */
export function atLeast(spec: string | undefined, min: string): boolean | undefined {
  if (!spec) return undefined;
  if (spec.includes('||')) {
    const each = spec.split('||').map((alt) => atLeastOne(alt, min));
    return each.every((x) => x === true) ? true : each.every((x) => x === false) ? false : undefined;
  }
  return atLeastOne(spec, min);
}

function atLeastOne(spec: string, min: string): boolean | undefined {
  const b = bounds(spec);
  const m = parseV(min);
  if (!b || !m) return undefined;
  const [lo, hi] = b;
  if (cmp(lo, m) >= 0) return true;
  if (hi && cmp(hi, m) <= 0) return false;
  return undefined;
}
