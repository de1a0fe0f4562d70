// File discovery, shared by the CLI and the language server's workspace scan: PATH arguments (files or folders,
// recursive, dotfiles included), skipping node_modules/VCS folders, what git ignores (unless turned off),
// ignore globs and symbolic-link loops. Never throws for a bad entry:
// it records a per-file problem instead. Only a PATH that does not exist is a usage error.
import { isJvmSource } from '../engine';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatOf } from '../readers/index';
import type { Format } from '../model/types';
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
  /**
   * Files that matter to their whole folder and everything below it (the CLI's .env* files): each one that
   * will be reported is announced when its folder is read, before any file in or below that folder is
   * added, so a consumer of the streamed list can read it before the files that depend on it. Files named
   * as PATH arguments are announced when the walk is created. The order of `files` does not change.
   */
  announce?: { test(name: string, format: Format): boolean; found(abs: string): void };
}

/**
 * Expands PATH arguments into the files to lint. Throws PathError for a PATH that does not exist.
 * A file named explicitly is linted even when git ignores it (like ripgrep and Ruff); `ignored` (the
 * project's ignore globs) applies to everything.
 */
export function discover(paths: string[], cwd: string, ignored?: IgnoreTest, opts: DiscoverOptions = {}): Discovery {
  const w = new Walk(paths, cwd, ignored, opts);
  w.run();
  return { files: w.files, problems: w.problems, jvmSources: w.jvmSources };
}

/**
 * discover() in steps, for callers that work on the files while the walk goes on (the CLI's worker
 * threads, the language server's event loop): `files` grows in the final order; `run(ms)` walks for about
 * `ms` milliseconds (whole folders) and returns true once everything is walked. PATH arguments are checked
 * when the walk is created (PathError before any file is found).
 */
export class Walk implements Discovery {
  readonly files: string[] = [];
  /** formatOf(files[i]), known when the file was found (callers need not ask again per file). */
  readonly formats: Format[] = [];
  readonly problems: DiscoveryProblem[] = [];
  readonly jvmSources: string[] = [];
  done = false;
  private readonly steps: Iterator<void>;

  constructor(paths: string[], cwd: string, ignored?: IgnoreTest, opts: DiscoverOptions = {}) {
    const roots = this.resolveArgs(paths, cwd, ignored, opts);
    this.steps = this.walkAll(roots, paths.length > 1, ignored, opts);
  }

  /** Walks on for about `ms` milliseconds (default: to the end). True when the walk is complete. */
  run(ms = Infinity): boolean {
    const until = ms === Infinity ? Infinity : performance.now() + ms;
    while (!this.done) {
      if (this.steps.next().done) this.done = true;
      else if (performance.now() >= until) break;
    }
    return this.done;
  }

  private readonly seen = new Set<string>();
  private readonly seenReal = new Set<string>();
  /** Files claimed when their folder was read (announced), added at their place in the order later. */
  private readonly claimed = new Set<string>();

  /** Adds a file unless already there; `unique` skips the set for plain files of a single walk. */
  private addFile(abs: string, format: Format, real?: string, unique = false): void {
    if (this.claimed.delete(abs)) {
      this.files.push(abs);
      this.formats.push(format);
      return;
    }
    if (!unique) {
      if (this.seen.has(abs)) return;
      this.seen.add(abs);
    }
    if (real !== undefined) {
      if (this.seenReal.has(real)) return;
      this.seenReal.add(real);
    }
    this.files.push(abs);
    this.formats.push(format);
  }

  /** Reserves a file to be announced now (false when it is a duplicate that will never be added). */
  private claim(abs: string, real?: string): boolean {
    if (this.seen.has(abs) || this.claimed.has(abs)) return false;
    if (real !== undefined) {
      if (this.seenReal.has(real)) return false;
      this.seenReal.add(real);
    }
    this.seen.add(abs);
    this.claimed.add(abs);
    return true;
  }

  /** Stats every PATH argument (PathError for a missing one): folders to walk and files to add, in order. */
  private resolveArgs(paths: string[], cwd: string, ignored: IgnoreTest | undefined, opts: DiscoverOptions): Root[] {
    const out: Root[] = [];
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
          this.problems.push({ file: abs, message: 'broken symbolic link, skipped' });
        } else if (code === 'ELOOP') this.problems.push({ file: abs, message: 'symbolic link loop, skipped' });
        else this.problems.push({ file: abs, message: `cannot access: ${errText(e)}` });
        continue;
      }
      if (st.isDirectory()) {
        let real = abs;
        try {
          real = fs.realpathSync(abs);
        } catch {
          // keep the logical path
        }
        out.push({ dir: abs, real });
      } else if (ignored?.(abs, false)) {
        continue;
      } else {
        const format = formatOf(abs);
        if (!format) continue;
        let real: string | undefined;
        try {
          real = fs.realpathSync(abs);
        } catch {
          real = undefined;
        }
        if (opts.announce?.test(path.basename(abs), format) && this.claim(abs, real)) opts.announce.found(abs);
        out.push({ file: abs, format, real });
      }
      // An explicit file no reader handles (README.md, package.json) is skipped without a message.
    }
    return out;
  }

  private *walkAll(roots: Root[], several: boolean, ignored: IgnoreTest | undefined, opts: DiscoverOptions): Generator<void> {
    const useGit = opts.gitignore !== false;
    const visitedDirs = new Set<string>();
    const { problems, jvmSources } = this;
    const announce = opts.announce;

    // One generator step per folder read (run() decides when to stop for the caller).
    const walk = function* (this: Walk, dir: string, realDir: string, ancestors: string[], git: GitIgnore | undefined): Generator<void> {
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
      // Issue 15 (100,000-file walk on the CLI's main thread): each name's format is asked once, paths are
      // built only for entries that need one, and git's rules are asked about files only when some rule here
      // can match a file (most .gitignore files of a monorepo list folders only).
      const gitFiles = git !== undefined && git.filesIgnorableIn(dir);
      const chain = [...ancestors, realDir];
      const wanted = (full: string) => !ignored?.(full, false) && !(gitFiles && git.ignores(full, false));
      const formats = entries.map((e) => formatOf(e.name));
      if (announce) {
        // This folder's announced files, before anything in or below it is added.
        for (let k = 0; k < entries.length; k++) {
          const ent = entries[k];
          const format = formats[k];
          if (!format || !announce.test(ent.name, format)) continue;
          const full = join(dir, ent.name);
          if (ent.isFile()) {
            if (wanted(full) && this.claim(full)) announce.found(full);
          } else if (ent.isSymbolicLink() && !SKIP_DIRS.has(ent.name) && wanted(full)) {
            try {
              const real = fs.realpathSync(full);
              if (fs.statSync(real).isFile() && this.claim(full, real)) announce.found(full);
            } catch {
              // reported when the walk reaches it
            }
          }
        }
      }
      yield;
      for (let k = 0; k < entries.length; k++) {
        const ent = entries[k];
        const name = ent.name;
        if (ent.isDirectory()) {
          if (SKIP_DIRS.has(name)) continue;
          const full = join(dir, name);
          if (ignored?.(full, true) || git?.ignores(full, true)) continue;
          yield* walk.call(this, full, join(realDir, name), chain, git);
        } else if (ent.isFile()) {
          const format = formats[k];
          const jvm = isJvmSource(name) && jvmSources.length < MAX_JVM_SOURCES;
          if (!format && !jvm) continue;
          const full = join(dir, name);
          if (wanted(full)) {
            if (format) this.addFile(full, format, undefined, !several);
            // .java files are linted (JavaMail in code) and scanned for the project's Spring bindings too
            if (jvm) jvmSources.push(full);
          }
        } else if (ent.isSymbolicLink()) {
          const full = join(dir, name);
          if (SKIP_DIRS.has(name) || ignored?.(full, false) || git?.ignores(full, false)) continue;
          let st: fs.Stats;
          let real: string;
          try {
            real = fs.realpathSync(full);
            st = fs.statSync(real);
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code === 'ELOOP') problems.push({ file: full, message: 'symbolic link loop, skipped' });
            else if (formats[k]) problems.push({ file: full, message: code === 'ENOENT' ? 'broken symbolic link, skipped' : `cannot follow symbolic link: ${errText(e)}` });
            continue;
          }
          if (st.isDirectory()) {
            if (ignored?.(full, true) || git?.ignores(full, true)) continue;
            if (chain.includes(real)) {
              problems.push({ file: full, message: `symbolic link loop (points back to ${real}), skipped` });
              continue;
            }
            yield* walk.call(this, full, real, chain, git);
          } else {
            const format = formats[k];
            if (st.isFile() && format) this.addFile(full, format, real);
          }
        }
      }
    };

    for (const r of roots) {
      if ('dir' in r) yield* walk.call(this, r.dir, r.real, [], useGit ? new GitIgnore(r.dir) : undefined);
      else this.addFile(r.file, r.format, r.real);
    }
  }
}

type Root = { dir: string; real: string } | { file: string; format: Format; real?: string };

/** path.join for a folder path that is already normal (absolute, resolved) and a name from its listing. */
function join(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
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
