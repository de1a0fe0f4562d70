// Ignore globs, the same for `.mailconfiglintrc.json` (CLI) and `mailConfigLint.ignore` (editor):
// gitignore-like and relative to `baseDir`: a glob without a slash matches a name at any depth, a leading
// `/` anchors it to baseDir, and `dir/` or `dir` also cover everything below.
import * as path from 'node:path';

/**
 * Compiles `globs` into a test on absolute paths. A path outside `baseDir` (or any path when there is no
 * baseDir) is not ignored, unless `matchOutside`: then the globs are matched against the path itself
 * (editor settings can name files outside every workspace folder).
 */
export function compileIgnore(globs: string[], baseDir: string | undefined, matchOutside = false): (file: string) => boolean {
  // Loaded only when there are globs (keeps plain runs' start-up small).
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const picomatch = require('picomatch') as typeof import('picomatch');
  const withSlash: string[] = [];
  const bare: string[] = [];
  for (let g of globs) {
    g = g.trim().replace(/\\/g, '/');
    if (g.startsWith('./')) g = g.slice(2);
    if (g.endsWith('/')) g = g.slice(0, -1);
    const anchored = g.startsWith('/');
    if (anchored && baseDir) g = g.slice(1);
    const list = g.includes('/') || anchored ? withSlash : bare;
    list.push(g, `${g}/**`);
  }
  const m1 = withSlash.length ? picomatch(withSlash, { dot: true }) : undefined;
  const m2 = bare.length ? picomatch(bare, { dot: true, basename: true }) : undefined;
  return (file: string) => {
    let p = file;
    const rel = baseDir ? path.relative(baseDir, file) : undefined;
    const inside = rel !== undefined && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    if (inside) p = rel;
    else if (!matchOutside) return false;
    p = p.split(path.sep).join('/');
    if (m1?.(p)) return true;
    if (!m2) return false;
    // A bare name matches any component of the path (gitignore), not only the last one.
    for (const part of p.split('/')) if (part && m2(part)) return true;
    return false;
  };
}
