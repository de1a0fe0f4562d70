// The env files a file can read from the folders around it: its own folder and the ones above it. One walk for
// the CLI's stdin lint (`--stdin-filename`), `test-connection FILE` and the language server's documents outside
// the workspace folders (lsp/envSync.ts); which names are env files is semantics/env-files.ts's answer.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isEnvFileName } from '../semantics/env-files';

export interface EnvWalk {
  /** Stop after this folder when `file` is inside it; when `file` is outside it, only the file's own folder is read. */
  top?: string;
  /** How many folders at most (default 12). */
  maxDepth?: number;
  /** A folder the caller has read already: its names are not listed again (the walk still goes above it). */
  skipDir?: (dir: string) => boolean;
}

/** Env files next to `file` and in the folders above it, nearest folder first, names sorted within a folder;
 *  `file` itself is never listed. Unreadable folders are passed over. */
export function envFilesNear(file: string, walk: EnvWalk = {}): string[] {
  const out: string[] = [];
  const maxDepth = walk.maxDepth ?? 12;
  let dir = path.dirname(file);
  for (let depth = 0; depth < maxDepth; depth++) {
    if (!walk.skipDir?.(dir)) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(dir).sort();
      } catch {
        names = []; // unreadable: pass over
      }
      for (const n of names) {
        const abs = path.join(dir, n);
        if (abs !== file && isEnvFileName(n)) out.push(abs);
      }
    }
    if (walk.top !== undefined) {
      const rel = path.relative(walk.top, dir);
      if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}
