// Picks the reader for a file by its name. Names, not language ids: the CLI has no editor to ask.
import * as path from 'node:path';
import type { Format } from '../model/types';
import type { Reader } from './types';
import { LANGUAGES, languageOfFile } from '../languages/registry';
import { ENV_FILE_GLOBS, isEnvFileName } from '../semantics/env-files';
import { isDotnetConfigFileName } from '../semantics/dotnet-config';

const readers = new Map<Format, Reader>();

export function registerReader(r: Reader): void {
  readers.set(r.format, r);
}

const JS_EXT = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);
const YAML_EXT = new Set(['.yml', '.yaml']);

/** The format of a file from its name, or undefined when no reader handles it. */
export function formatOf(file: string): Format | undefined {
  const base = path.basename(file);
  if (isEnvFileName(base)) return 'env';
  const ext = path.extname(base).toLowerCase();
  if (YAML_EXT.has(ext)) return 'yaml';
  if (ext === '.ini') return 'ini';
  if (ext === '.properties') return 'properties';
  // JSON is read only as .NET configuration (appsettings*.json, secrets.json): other JSON is not configuration.
  if (ext === '.json') return isDotnetConfigFileName(base) ? 'json' : undefined;
  if (JS_EXT.has(ext) && !base.endsWith('.d.ts') && !base.endsWith('.d.mts') && !base.endsWith('.d.cts')) return 'js';
  // The code languages of languages/registry.ts (PHP, Python, ...).
  return languageOfFile(base)?.format;
}

/** Globs of every file name formatOf accepts (some names they match may still be refused, e.g. `*.d.ts`):
 *  what the language server watches. */
export function readerFileGlobs(): string[] {
  const exts = [...YAML_EXT, '.ini', '.properties', ...JS_EXT, ...LANGUAGES.flatMap((l) => l.extensions)];
  const names = ['appsettings.json', 'appsettings.*.json', 'secrets.json', ...LANGUAGES.flatMap((l) => l.fileNames ?? [])];
  return [...new Set([...ENV_FILE_GLOBS, ...exts.map((e) => `**/*${e}`), ...names.map((n) => `**/${n}`)])];
}

export function readerFor(format: Format): Reader | undefined {
  return readers.get(format);
}
