// Files on disk the server needs without an editor buffer: the .env* files of the workspace folders
// (for cross-file process.env resolution), the project config, and ignore globs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RuleSetting } from '../engine';
import { providesEnv } from '../engine';
import { ConfigError, parseProjectConfig, RC_FILE, type ProjectConfig } from '../config/rc';
import { compileIgnore } from '../config/ignore';
import { rules } from '../rules/index';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'coverage', '.next', '.venv', 'venv', 'vendor', 'target', '__pycache__']);

/** Largest file read from disk (an .env of 1 MB is already absurd). */
export const MAX_DISK_FILE = 1_000_000;

export function uriToFile(uri: string): string | undefined {
  try {
    if (uri.startsWith('file:')) return fileURLToPath(uri);
    const u = new URL(uri);
    return decodeURIComponent(u.pathname) || undefined;
  } catch {
    return undefined;
  }
}

export function fileToUri(file: string): string {
  return pathToFileURL(file).href;
}

export function isEnvFile(file: string): boolean {
  // Compose files too: their services' environment feeds the code of each build context (engine.ts providesEnv).
  return providesEnv(file);
}

/** Finds .env* files under `root` (bounded: depth, entry count, skipped build/vendor folders). */
export function findEnvFiles(root: string, limits = { depth: 8, entries: 20_000 }): Promise<string[]> {
  return findFiles(root, isEnvFile, limits);
}

/** Finds the files whose name `match` accepts under `root` (bounded: depth, entry count, skipped build/vendor folders). */
export async function findFiles(root: string, match: (name: string) => boolean, limits = { depth: 8, entries: 20_000 }): Promise<string[]> {
  const out: string[] = [];
  let budget = limits.entries;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > limits.depth || budget <= 0) return;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    budget -= entries.length;
    const subdirs: string[] = [];
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) subdirs.push(path.join(dir, e.name));
      } else if (e.isFile() && match(e.name)) out.push(path.join(dir, e.name));
    }
    for (const d of subdirs) await walk(d, depth + 1);
  };
  await walk(root, 0);
  return out;
}

export function readSmallFile(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_DISK_FILE) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Project config per folder, cached until a `.mailconfiglintrc.json` changes on disk. */
export class ProjectConfigs {
  private readonly cache = new Map<string, { config: ProjectConfig; error?: string }>();
  private readonly reported = new Set<string>();

  constructor(private readonly onError: (message: string) => void) {}

  clear(): void {
    this.cache.clear();
    this.reported.clear();
  }

  /** The config that applies to `file` (nearest .mailconfiglintrc.json above it). Errors → defaults + one message. */
  forFile(file: string): ProjectConfig {
    return this.forDir(path.dirname(file));
  }

  /**
   * Nearest config at or above `dir` (config/rc.ts findConfigFile's answer), one look per folder: a folder
   * without its own config takes its parent's, cached, so the workspace scan's 17,000 folders cost one
   * existsSync each instead of a stat (and a thrown ENOENT) of every folder up to the root.
   */
  private forDir(dir: string): ProjectConfig {
    const hit = this.cache.get(dir);
    if (hit) return hit.config;
    const candidate = path.join(dir, RC_FILE);
    let entry: { config: ProjectConfig; error?: string } | undefined;
    if (fs.existsSync(candidate) && isFile(candidate)) entry = this.load(candidate);
    else {
      const parent = path.dirname(dir);
      const inherited = parent === dir ? undefined : this.forDir(parent);
      // Without any config the defaults are relative to the file's own folder (as before).
      entry = inherited?.file ? { config: inherited } : { config: { baseDir: dir, rules: {}, ignore: [], extraEnvFiles: [], versions: {} } };
    }
    this.cache.set(dir, entry);
    return entry.config;
  }

  private load(found: string): { config: ProjectConfig; error?: string } {
    try {
      const text = fs.readFileSync(found, 'utf8');
      return { config: parseProjectConfig(text, found, rules.map((r) => r.meta.id), path.dirname(found)) };
    } catch (e) {
      const msg = e instanceof ConfigError ? e.message : `${found}: ${(e as Error).message}`;
      if (!this.reported.has(msg)) {
        this.reported.add(msg);
        this.onError(`Mail Config Lint: ignoring ${path.basename(found)}: ${msg}`);
      }
      return { config: { file: found, baseDir: path.dirname(found), rules: {}, ignore: [], extraEnvFiles: [], versions: {} }, error: msg };
    }
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * gitignore-like glob test relative to `baseDir`: a glob without a slash matches a name at any depth;
 * `dir/` and `dir` also cover everything below. (Same semantics as the CLI's ignore globs.)
 */
const matcherCache = new Map<string, (file: string) => boolean>();

export function globMatcher(globs: string[], baseDir: string | undefined): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const key = JSON.stringify([globs, baseDir]);
  let m = matcherCache.get(key);
  if (!m) {
    if (matcherCache.size > 100) matcherCache.clear();
    matcherCache.set(key, (m = compileIgnore(globs, baseDir, true)));
  }
  return m;
}

/** Merges project rule settings with editor settings (the editor wins, as in vscode-eslint). */
export function mergeRules(project: Record<string, RuleSetting>, editor: Record<string, RuleSetting>): Record<string, RuleSetting> {
  return { ...project, ...editor };
}
