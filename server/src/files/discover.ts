// File discovery, shared by the CLI and the language server's workspace scan: PATH arguments (files or folders,
// recursive, dotfiles included), skipping node_modules/VCS folders, what git ignores (unless turned off),
// ignore globs and symbolic-link loops. Never throws for a bad entry:
// it records a per-file problem instead. Only a PATH that does not exist is a usage error.
import { isJvmSource } from '../engine';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatOf } from '../readers/index';
import { compileIgnore } from '../config/ignore';
import { GitIgnore } from '../config/gitignore';
import { LANGUAGE_SKIP_DIRS } from '../languages/registry';

/** Folders never walked (and never reported by the language server's watcher either), plus the registered
 *  languages' dependency folders (vendor/, .venv/ ...): vendored libraries are not config. */
export const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', ...LANGUAGE_SKIP_DIRS]);

export interface DiscoveryProblem {
  file: string;
  message: string;
}

export interface Discovery {
  /** Absolute paths of files a reader handles, in a stable order (arguments in order, folders sorted). */
  files: string[];
  problems: DiscoveryProblem[];
  /** Java/Kotlin sources met while walking folders (at most MAX_JVM_SOURCES): where a Spring project binds
   *  its own configuration properties (SpringBindingIndex). Not linted. */
  jvmSources: string[];
}

/** Bound on the Java/Kotlin files discovery keeps for the Spring binding scan. */
export const MAX_JVM_SOURCES = 20_000;

/** A PATH argument that does not exist: the CLI exits 2. */
export class PathError extends Error {}

export type IgnoreTest = (abs: string, isDir: boolean) => boolean;

/**
 * Builds the ignore test for `globs` (relative to `baseDir`, gitignore-like: a glob without a slash
 * matches a name at any depth; `dir/` and `dir` also ignore everything below). undefined when no globs.
 */
export function makeIgnore(globs: string[], baseDir: string): IgnoreTest | undefined {
  if (globs.length === 0) return undefined;
  return compileIgnore(globs, baseDir);
}

export interface DiscoverOptions {
  /** Honour `.gitignore` files and `.git/info/exclude` while walking folders (default true; `--no-ignore`). */
  gitignore?: boolean;
}

/**
 * Expands PATH arguments into the files to lint. Throws PathError for a PATH that does not exist.
 * A file named explicitly is linted even when git ignores it (like ripgrep and Ruff); `ignored` (the
 * project's ignore globs) applies to everything.
 */
export function discover(paths: string[], cwd: string, ignored?: IgnoreTest, opts: DiscoverOptions = {}): Discovery {
  const useGit = opts.gitignore !== false;
  const files: string[] = [];
  const problems: DiscoveryProblem[] = [];
  const jvmSources: string[] = [];
  const seen = new Set<string>();
  const seenReal = new Set<string>();
  const visitedDirs = new Set<string>();

  const addFile = (abs: string, real?: string) => {
    if (seen.has(abs)) return;
    if (real !== undefined) {
      if (seenReal.has(real)) return;
      seenReal.add(real);
    }
    seen.add(abs);
    files.push(abs);
  };

  const walk = (dir: string, realDir: string, ancestors: string[], git: GitIgnore | undefined) => {
    if (visitedDirs.has(realDir)) return;
    visitedDirs.add(realDir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ file: dir, message: `cannot read folder: ${errText(e)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    git?.enterDir(dir, entries.some((e) => e.name === '.gitignore'));
    const chain = [...ancestors, realDir];
    for (const ent of entries) {
      const name = ent.name;
      const full = path.join(dir, name);
      if (ent.isDirectory()) {
        if (SKIP_DIRS.has(name) || ignored?.(full, true) || git?.ignores(full, true)) continue;
        walk(full, path.join(realDir, name), chain, git);
      } else if (ent.isFile()) {
        const wanted = formatOf(name) !== undefined;
        const jvm = isJvmSource(name) && jvmSources.length < MAX_JVM_SOURCES;
        if ((wanted || jvm) && !ignored?.(full, false) && !git?.ignores(full, false)) {
          if (wanted) addFile(full);
          // .java files are linted (JavaMail in code) and scanned for the project's Spring bindings too
          if (jvm) jvmSources.push(full);
        }
      } else if (ent.isSymbolicLink()) {
        if (SKIP_DIRS.has(name) || ignored?.(full, false) || git?.ignores(full, false)) continue;
        let st: fs.Stats;
        let real: string;
        try {
          real = fs.realpathSync(full);
          st = fs.statSync(real);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'ELOOP') problems.push({ file: full, message: 'symbolic link loop, skipped' });
          else if (formatOf(name)) problems.push({ file: full, message: code === 'ENOENT' ? 'broken symbolic link, skipped' : `cannot follow symbolic link: ${errText(e)}` });
          continue;
        }
        if (st.isDirectory()) {
          if (ignored?.(full, true) || git?.ignores(full, true)) continue;
          if (chain.includes(real)) {
            problems.push({ file: full, message: `symbolic link loop (points back to ${real}), skipped` });
            continue;
          }
          walk(full, real, chain, git);
        } else if (st.isFile() && formatOf(name)) addFile(full, real);
      }
    }
  };

  for (const p of paths.length ? paths : ['.']) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        let isLink = false;
        try {
          isLink = fs.lstatSync(abs).isSymbolicLink();
        } catch {
          // really absent
        }
        if (!isLink) throw new PathError(`no such file or directory: ${p}`);
        problems.push({ file: abs, message: 'broken symbolic link, skipped' });
      } else if (code === 'ELOOP') problems.push({ file: abs, message: 'symbolic link loop, skipped' });
      else problems.push({ file: abs, message: `cannot access: ${errText(e)}` });
      continue;
    }
    if (st.isDirectory()) {
      let real = abs;
      try {
        real = fs.realpathSync(abs);
      } catch {
        // keep the logical path
      }
      walk(abs, real, [], useGit ? new GitIgnore(abs) : undefined);
    } else if (ignored?.(abs, false)) {
      continue;
    } else if (formatOf(abs)) {
      let real: string | undefined;
      try {
        real = fs.realpathSync(abs);
      } catch {
        real = undefined;
      }
      addFile(abs, real);
    }
    // An explicit file no reader handles (README.md, package.json) is skipped without a message.
  }
  return { files, problems, jvmSources };
}

/** One-line text of a file-system error: "permission denied (EACCES)". */
export function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    ELOOP: 'symbolic link loop',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
  };
  if (err && err.code) return known[err.code] ? `${known[err.code]} (${err.code})` : err.code;
  return err instanceof Error ? err.message.split('\n')[0] : String(e);
}
