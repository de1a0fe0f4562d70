// The file-system side of the JS reader's one import hop (readers/types ModuleLookup), for the CLI and the
// language server: `import cfg from './config/mail'` → the text of config/mail.{ts,js,…} or …/index.*.
// Bounded: only relative specifiers, only files inside the given roots (the workspace; never node_modules),
// only files up to MODULE_MAX_BYTES, only JS/TS extensions (and .NET appsettings*.json for the C# reader). Cached by path, size and mtime, so a module
// imported by many files is read once and re-read after it changes; `overlay` gives the editor's unsaved text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleLookup } from './readers/types';
import { isDotnetConfigFileName } from './semantics/dotnet-config';

export const MODULE_MAX_BYTES = 256 * 1024;
const EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const CACHE_MAX = 256;

export interface FsModuleOptions {
  /** Folders the resolved module must lie in (the workspace folders); the importing file's folder when empty. */
  roots?: () => readonly string[];
  /** Text of open, possibly unsaved documents (language server). */
  overlay?: (file: string) => string | undefined;
}

export function fsModuleLookup(opts: FsModuleOptions = {}): ModuleLookup {
  const cache = new Map<string, { size: number; mtimeMs: number; text: string }>();
  const inside = (file: string, from: string): boolean => {
    if (file.split(/[\\/]/).includes('node_modules')) return false;
    const roots = opts.roots?.() ?? [];
    const list = roots.length ? roots : [path.dirname(from)];
    return list.some((r) => {
      const rel = path.relative(r, file);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
  };
  const readText = (file: string): string | undefined => {
    const open = opts.overlay?.(file);
    if (open !== undefined) return open.length <= MODULE_MAX_BYTES ? open : undefined;
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (!st.isFile() || st.size > MODULE_MAX_BYTES) return undefined;
    const hit = cache.get(file);
    if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.text;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(file, { size: st.size, mtimeMs: st.mtimeMs, text });
    return text;
  };
  return {
    read(fromFile, specifier) {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
      const base = path.resolve(path.dirname(fromFile), specifier);
      // './mail.js' in TypeScript ESM names mail.ts; './mail' names mail.{ts,js,…} or mail/index.*.
      const stem = base.replace(/\.(c|m)?js$/, '');
      // .NET configuration files a C# file reads (Configuration["Smtp:Port"]): the exact appsettings*.json named
      if (path.extname(base).toLowerCase() === '.json') {
        if (!isDotnetConfigFileName(path.basename(base)) || !inside(base, fromFile)) return undefined;
        const text = readText(base);
        return text === undefined ? undefined : { file: base, text };
      }
      const candidates = [
        ...(EXTS.includes(path.extname(base)) ? [base] : []),
        ...EXTS.map((e) => stem + e),
        ...EXTS.map((e) => path.join(base, 'index' + e)),
      ];
      for (const file of candidates) {
        if (!inside(file, fromFile)) continue;
        const text = readText(file);
        if (text !== undefined) return { file, text };
      }
      return undefined;
    },
  };
}
