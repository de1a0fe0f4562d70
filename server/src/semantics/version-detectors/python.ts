// Python: the release of a PyPI package (Django, Flask-Mail, aiosmtplib ...) from the project's lockfiles,
// requirements files or manifests, nearest folder first (semantics/versions.ts walks up).
//
// In one folder, installed versions win over written constraints:
//   poetry.lock, uv.lock ([[package]] name/version), Pipfile.lock (JSON "default"/"develop" → "==4.2.7")
//   > requirements*.txt (and requirements/*.txt; `-r other.txt` includes followed)
//   > pyproject.toml ([project] dependencies PEP 508 strings, [tool.poetry.dependencies]) > Pipfile ([packages]).
// Package names compare normalized (PEP 503: case-insensitive, runs of -_. equal). PEP 440 specifiers are
// turned into the npm-style ranges semantics/versions.ts reads (`~=4.2` is >=4.2 <5, `==4.2.*` is 4.2.x);
// `source` keeps the file and what it said.
import * as path from 'node:path';
import { listDir, parseJsonOnce, registerVersionDetector, type VersionDetector } from '../versions';

/** The PyPI packages whose release the semantics modules ask about. */
export const PYTHON_PACKAGES: ReadonlySet<string> = new Set([
  'django',
  'flask',
  'flask-mail',
  'flask-mailman',
  'aiosmtplib',
  'fastapi-mail',
  'python-decouple',
  'django-environ',
]);

/** PEP 503 normalized name. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A PEP 440 specifier set ('>=4.2,<5.0', '==4.2.7', '~=4.2') as an npm-style range; undefined when none. */
export function pep440ToRange(specifiers: string): string | undefined {
  const clauses = specifiers.split(',').map((c) => c.trim()).filter(Boolean);
  const out: string[] = [];
  for (const c of clauses) {
    const m = /^(===|==|~=|!=|>=|<=|>|<)?\s*v?(\d+(?:\.(?:\d+|\*))*)/.exec(c);
    if (!m) return undefined;
    const [op, v] = [m[1] ?? '==', m[2]];
    if (op === '!=') continue; // an excluded release widens what we know: never a wrong yes/no
    const nums = v.split('.');
    if (op === '~=') {
      if (nums.length < 2 || nums.includes('*')) return undefined;
      const n = nums.slice(0, 3).map(Number);
      out.push(n.length === 2 ? `>=${n[0]}.${n[1]}.0 <${n[0] + 1}.0.0` : `>=${n[0]}.${n[1]}.${n[2]} <${n[0]}.${n[1] + 1}.0`);
    } else if (op === '==' || op === '===') {
      out.push(nums.slice(0, 3).join('.').replace(/\*/g, 'x'));
    } else {
      if (nums.includes('*')) return undefined;
      out.push(`${op}${nums.slice(0, 3).join('.')}`);
    }
  }
  return out.length ? out.join(' ') : undefined;
}

/** A Poetry constraint ('^4.2', '~4.2', '>=4.2,<5', '4.2.7'): Poetry's ^ and ~ mean what npm's do. */
function poetryToRange(c: string): string | undefined {
  const t = c.trim();
  if (/^[\^~]\d/.test(t)) return t;
  if (/^\d/.test(t)) return pep440ToRange(`==${t}`);
  return pep440ToRange(t);
}

// --- lockfiles ---------------------------------------------------------------------------------

/** name → version from a TOML lockfile of [[package]] tables (poetry.lock, uv.lock). */
function tomlPackageVersion(text: string, name: string): string | undefined {
  let inPackage = false;
  let curName: string | undefined;
  let curVersion: string | undefined;
  const done = () => (inPackage && curName !== undefined && normalizePythonName(curName) === name ? curVersion : undefined);
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      const hit = done();
      if (hit) return hit;
      inPackage = line === '[[package]]';
      curName = curVersion = undefined;
      continue;
    }
    if (!inPackage) continue;
    const m = /^(name|version)\s*=\s*"([^"]*)"/.exec(line);
    if (m) {
      if (m[1] === 'name') curName = m[2];
      else curVersion = m[2];
    }
  }
  return done();
}

function pipfileLockVersion(file: string, text: string, name: string): string | undefined {
  try {
    // parsed once per text: every linted file of the project walks up to the same Pipfile.lock
    const j = parseJsonOnce(file, text) as Record<string, Record<string, { version?: unknown }> | undefined>;
    for (const section of ['default', 'develop']) {
      const s = j[section];
      if (!s || typeof s !== 'object') continue;
      for (const [k, v] of Object.entries(s)) if (normalizePythonName(k) === name && typeof v?.version === 'string') return v.version;
    }
  } catch {
    // broken lockfile: nothing from it
  }
  return undefined;
}

// --- requirements files ------------------------------------------------------------------------

/** The specifier a requirements file writes for `name` (following -r includes), or undefined. */
function requirementsSpec(file: string, name: string, read: (f: string) => string | undefined, seen = new Set<string>()): string | undefined {
  if (seen.has(file) || seen.size > 20) return undefined;
  seen.add(file);
  const text = read(file);
  if (!text) return undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const inc = /^(?:-r|--requirement)[\s=]+(\S+)/.exec(line);
    if (inc) {
      const hit = requirementsSpec(path.resolve(path.dirname(file), inc[1]), name, read, seen);
      if (hit) return hit;
      continue;
    }
    if (line.startsWith('-')) continue; // -e, -c, --index-url ...
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;@\s][^;]*)?(?:;.*)?$/.exec(line.replace(/\s--hash[=\s]\S+/g, ''));
    if (!m || normalizePythonName(m[1]) !== name) continue;
    return m[2]?.trim() || undefined;
  }
  return undefined;
}

/** requirements*.txt of `dir`, then requirements/*.txt: requirements.txt first, then by name. */
function requirementsFiles(dir: string): string[] {
  const top = listDir(dir).filter((n) => /^requirements.*\.txt$/i.test(n));
  top.sort((a, b) => Number(b.toLowerCase() === 'requirements.txt') - Number(a.toLowerCase() === 'requirements.txt') || a.localeCompare(b));
  const files = top.map((n) => path.join(dir, n));
  if (listDir(dir).includes('requirements')) for (const n of listDir(path.join(dir, 'requirements'))) if (n.endsWith('.txt')) files.push(path.join(dir, 'requirements', n));
  return files;
}

// --- manifests ---------------------------------------------------------------------------------

/** The constraint pyproject.toml writes for `name`: PEP 621 dependencies strings or a Poetry table entry. */
function pyprojectSpec(text: string, name: string): { spec: string; poetry: boolean } | undefined {
  let table = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$/, '').trim();
    const t = /^\[+\s*([^\]]+?)\s*\]+$/.exec(line);
    if (t) {
      table = t[1];
      continue;
    }
    // PEP 621 / PEP 735 arrays list "django>=4.2,<5" strings, one or several per line
    if (table === 'project' || table === 'project.optional-dependencies' || table === 'dependency-groups') {
      for (const s of line.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^"';]*)[^"']*["']/g)) {
        if (normalizePythonName(s[1]) === name && s[2].trim()) return { spec: s[2].trim(), poetry: false };
      }
      continue;
    }
    if (/^tool\.poetry(\.group\.[^.]+)?\.(dev-)?dependencies$/.test(table)) {
      const m = /^["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=\s*(?:"([^"]*)"|\{[^}]*version\s*=\s*"([^"]*)")/.exec(line);
      if (m && normalizePythonName(m[1]) === name) return { spec: m[2] ?? m[3], poetry: true };
    }
  }
  return undefined;
}

/** The constraint a Pipfile writes under [packages] / [dev-packages]. */
function pipfileSpec(text: string, name: string): string | undefined {
  let table = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$/, '').trim();
    const t = /^\[([^\]]+)\]$/.exec(line);
    if (t) {
      table = t[1];
      continue;
    }
    if (table !== 'packages' && table !== 'dev-packages') continue;
    const m = /^["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=\s*(?:"([^"]*)"|\{[^}]*version\s*=\s*"([^"]*)")/.exec(line);
    if (m && normalizePythonName(m[1]) === name) return m[2] ?? m[3];
  }
  return undefined;
}

export const pythonDetector: VersionDetector = {
  handles: (lib) => PYTHON_PACKAGES.has(normalizePythonName(lib)),
  detect(dir, library, read) {
    const name = normalizePythonName(library);
    const found = (spec: string | undefined, source: string, written?: string) => (spec ? { spec, source: written && written !== spec ? `${source} "${written}"` : source } : undefined);
    for (const lock of ['poetry.lock', 'uv.lock']) {
      const text = read(path.join(dir, lock));
      const v = text ? tomlPackageVersion(text, name) : undefined;
      if (v) return found(pep440ToRange(`==${v}`), lock);
    }
    const pipLockFile = path.join(dir, 'Pipfile.lock');
    const pipLock = read(pipLockFile);
    const pv = pipLock ? pipfileLockVersion(pipLockFile, pipLock, name) : undefined;
    if (pv) return found(pep440ToRange(pv), 'Pipfile.lock');
    for (const f of requirementsFiles(dir)) {
      const spec = requirementsSpec(f, name, read);
      if (spec) return found(pep440ToRange(spec), path.relative(dir, f).split(path.sep).join('/'), spec);
    }
    const pyproject = read(path.join(dir, 'pyproject.toml'));
    const pp = pyproject ? pyprojectSpec(pyproject, name) : undefined;
    if (pp) return found(pp.poetry ? poetryToRange(pp.spec) : pep440ToRange(pp.spec), 'pyproject.toml', pp.spec);
    const pipfile = read(path.join(dir, 'Pipfile'));
    const pf = pipfile ? pipfileSpec(pipfile, name) : undefined;
    if (pf && pf !== '*') return found(poetryToRange(pf), 'Pipfile', pf);
    return undefined;
  },
};

registerVersionDetector(pythonDetector);
