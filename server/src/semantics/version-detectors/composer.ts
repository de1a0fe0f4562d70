// Composer (PHP): the installed release from composer.lock, else the constraint written in composer.json.
//
// composer.lock lists every installed package under "packages" / "packages-dev" with its exact "version"
// ('v6.9.1', '10.48.2', '9.x-dev', 'dev-main'); composer.json lists constraints under "require" /
// "require-dev". Composer's constraint syntax differs from npm's where it matters: `~1.2` means >=1.2 <2.0
// (npm: <1.3), `,` and spaces are AND, `|` and `||` are OR, `@stable` flags and `v` prefixes may appear
// (https://getcomposer.org/doc/articles/versions.md). The spec handed to the rules is written in the range
// syntax semantics/versions.ts reads (npm's); `source` keeps what the project wrote, for messages.
import * as path from 'node:path';
import { parseJsonOnce, registerVersionDetector, type VersionDetector } from '../versions';

/** One Composer constraint as an npm-style range, or undefined when it names no comparable version. */
export function composerConstraintToRange(constraint: string): string | undefined {
  const alternatives = constraint
    .replace(/@[a-z]+/gi, '') // stability flags: ^9.0@dev
    .split(/\s*\|\|?\s*/)
    .map((alt) => alt.trim())
    .filter(Boolean);
  if (alternatives.length === 0) return undefined;
  const out: string[] = [];
  for (const alt of alternatives) {
    if (/\s-\s/.test(alt)) return undefined; // hyphen ranges: rare, not modelled
    const parts = alt.split(/\s*,\s*|\s+/).filter(Boolean);
    const ranges = parts.map(composerPart);
    if (ranges.some((r) => r === undefined)) return undefined;
    out.push(ranges.join(' '));
  }
  return out.join(' || ');
}

function composerPart(part: string): string | undefined {
  const p = part.replace(/^(\^|~|[<>]=?|==?|!=)?v(?=\d)/, '$1');
  let m = /^~(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(p);
  if (m) {
    const [maj, min, pat] = [Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
    // ~1 and ~1.2: >=1.2 <2.0 ; ~1.2.3: >=1.2.3 <1.3.0 (the last given part may increase)
    if (pat === undefined) return `>=${maj}.${min ?? 0}.0 <${maj + 1}.0.0`;
    return `>=${maj}.${min}.${pat} <${maj}.${(min ?? 0) + 1}.0`;
  }
  if (p.startsWith('!=')) return undefined;
  m = /^(\d+(?:\.(?:\d+|x|\*)){0,2})(?:\.\d+)?-dev$/.exec(p); // branch aliases: 9.x-dev, 10.0.x-dev
  if (m) return m[1];
  if (/^dev-/.test(p) || p === '*') return undefined;
  if (/^==?\d/.test(p)) return p.replace(/^==?/, '');
  // Composer's four-part versions (1.2.3.4) compare on the first three here.
  if (/^(\^|[<>]=?)?\d+(\.(\d+|x|\*)){0,3}$/.test(p)) return p.replace(/^((?:\^|[<>]=?)?\d+(?:\.(?:\d+|x|\*)){2})\.\d+$/, '$1');
  return undefined;
}

interface ComposerLock {
  packages?: { name?: string; version?: string }[];
  'packages-dev'?: { name?: string; version?: string }[];
}

export const composerDetector: VersionDetector = {
  // Composer packages are vendor/name (npm scopes start with @).
  handles: (lib) => lib.includes('/') && !lib.startsWith('@'),
  detect(dir, library, read) {
    const lib = library.toLowerCase();
    const lockText = read(path.join(dir, 'composer.lock'));
    if (lockText) {
      try {
        const lock = parseJsonOnce(path.join(dir, 'composer.lock'), lockText) as ComposerLock;
        for (const list of [lock.packages, lock['packages-dev']]) {
          const hit = Array.isArray(list) ? list.find((p) => typeof p?.name === 'string' && p.name.toLowerCase() === lib) : undefined;
          const spec = typeof hit?.version === 'string' ? composerConstraintToRange(hit.version) : undefined;
          if (spec) return { spec, source: 'composer.lock' };
        }
      } catch {
        // a broken lockfile: fall back to composer.json
      }
    }
    const jsonText = read(path.join(dir, 'composer.json'));
    if (!jsonText) return undefined;
    try {
      const j = parseJsonOnce(path.join(dir, 'composer.json'), jsonText) as Record<string, Record<string, unknown> | undefined>;
      for (const k of ['require', 'require-dev']) {
        const section = j[k];
        if (!section || typeof section !== 'object') continue;
        const key = Object.keys(section).find((n) => n.toLowerCase() === lib);
        const written = key === undefined ? undefined : section[key];
        if (typeof written !== 'string') continue;
        const spec = composerConstraintToRange(written);
        if (spec) return { spec, source: spec === written ? 'composer.json' : `composer.json "${written}"` };
      }
    } catch {
      // not JSON: no version from here
    }
    return undefined;
  },
};

registerVersionDetector(composerDetector);
