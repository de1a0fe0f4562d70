// Git's ignore files for file discovery (CLI and language server), the way ripgrep, Ruff and ESLint's
// `--ignore-path .gitignore` read them: every `.gitignore` from the repository root down to the folder
// being walked, plus `.git/info/exclude`, with git's precedence (a deeper file's rule wins over a
// shallower one, the last matching rule of a file wins, `!pattern` re-includes). Matching itself is the
// `ignore` package (the one ESLint and many others use), which implements gitignore(5) pattern syntax.
// Not read: the global `core.excludesFile` (a per-user setting; CI and colleagues do not share it).
// Without a `.git` above the walked folder, the `.gitignore` files inside the walked tree still apply.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';

interface Layer {
  /** Folder the patterns are relative to. */
  base: string;
  ig: Ignore;
  /** Every pattern ends in `/` (`build/`, `!dist/`): it can only match folders. The walker asks about a
   *  file only inside folders it entered (none of them ignored), so such a layer never ignores a file:
   *  skipped for files (most .gitignore files of a monorepo's packages are like that). */
  foldersOnly: boolean;
}

/** Whether every pattern of an ignore file's text matches folders only (gitignore(5): a trailing `/`). */
function foldersOnly(text: string): boolean {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    if (!line.endsWith('/')) return false;
  }
  return true;
}

/** Reads the patterns of one ignore file; undefined when it does not exist or cannot be read. */
function readPatterns(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The folder holding `.git` (a folder, or a file for worktrees and submodules) at or above `dir`. */
export function gitRootOf(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    const parent = path.dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

/** The `info/exclude` file of the repository whose work tree root is `root` (follows a `.git` file). */
function infoExcludeOf(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  try {
    if (fs.statSync(dotGit).isDirectory()) return path.join(dotGit, 'info', 'exclude');
    // Worktree or submodule: ".git" is a file "gitdir: <path>"; the exclude file is in the common dir.
    const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
    if (!m) return undefined;
    const gitDir = path.resolve(root, m[1].trim());
    const common = readPatterns(path.join(gitDir, 'commondir'));
    return path.join(common ? path.resolve(gitDir, common.trim()) : gitDir, 'info', 'exclude');
  } catch {
    return undefined;
  }
}

/**
 * Answers "is this path ignored by git's ignore files?" for paths met while walking down from folders
 * the caller names. Layers (one per folder with a `.gitignore`) are read once per folder and cached.
 */
export class GitIgnore {
  private readonly layers = new Map<string, Layer[]>();

  /** `top`: the folder the walk starts in; ignore files above it count only up to its repository root. */
  constructor(top: string) {
    const start = path.resolve(top);
    const root = gitRootOf(start);
    const first: Layer[] = [];
    if (root) {
      const exclude = infoExcludeOf(root);
      const text = exclude ? readPatterns(exclude) : undefined;
      if (text) first.push({ base: root, ig: ignore().add(text), foldersOnly: foldersOnly(text) });
    }
    // Folders from the repository root (or the walk's own folder) down to `start`, each adding its file.
    const chain: string[] = [];
    for (let d = start; ; d = path.dirname(d)) {
      chain.unshift(d);
      if (d === (root ?? start) || path.dirname(d) === d) break;
    }
    let acc = first;
    // One stat each: only the folders from the repository root down to `top`. A folder on that chain that
    // the ignore files above it exclude was named explicitly (a walk starts at or below it): like ripgrep,
    // it is walked, and the rules above it no longer apply inside it (only its own and deeper ones).
    for (const d of chain) {
      if (acc.length && d !== chain[0] && this.ignoredBy(acc, d, true)) acc = [];
      acc = this.withOwn(d, acc);
      this.layers.set(d, acc);
    }
  }

  /** `has`: whether `dir` holds a .gitignore (the walker knows from its listing; else one stat). */
  private withOwn(dir: string, inherited: Layer[], has?: boolean): Layer[] {
    const file = path.join(dir, '.gitignore');
    if (!(has ?? fs.existsSync(file))) return inherited;
    const text = readPatterns(file);
    return text ? [...inherited, { base: dir, ig: ignore().add(text), foldersOnly: foldersOnly(text) }] : inherited;
  }

  /** The walker entered `dir`, whose listing does (or does not) hold a `.gitignore`. */
  enterDir(dir: string, hasGitignore: boolean): void {
    if (this.layers.has(dir)) return;
    const parent = path.dirname(dir);
    this.layers.set(dir, this.withOwn(dir, parent === dir ? [] : this.layersOf(parent), hasGitignore));
  }

  /** Layers that apply inside `dir` (computed from its parent's when first asked). */
  private layersOf(dir: string): Layer[] {
    const known = this.layers.get(dir);
    if (known) return known;
    const parent = path.dirname(dir);
    const inherited = parent === dir ? [] : this.layersOf(parent);
    const own = this.withOwn(dir, inherited);
    this.layers.set(dir, own);
    return own;
  }

  /** Whether some rule that applies inside `dir` can match a file (false: every file directly in it is kept). */
  filesIgnorableIn(dir: string): boolean {
    return this.layersOf(dir).some((l) => !l.foldersOnly);
  }

  /** Whether git would ignore `abs` (a file, or a folder when `isDir`). */
  ignores(abs: string, isDir: boolean): boolean {
    return this.ignoredBy(this.layersOf(path.dirname(abs)), abs, isDir);
  }

  private ignoredBy(layers: Layer[], abs: string, isDir: boolean): boolean {
    let ignored = false;
    for (const layer of layers) {
      if (!isDir && layer.foldersOnly) continue;
      const rel = path.relative(layer.base, abs);
      if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const posix = rel.split(path.sep).join('/') + (isDir ? '/' : '');
      const r = layer.ig.test(posix);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }
}
