// Picks the reader for a file by its name. Names, not language ids: the CLI has no editor to ask.
import * as path from 'node:path';
import type { Format } from '../model/types';
import type { Reader } from './types';
import { languageOfFile } from '../languages/registry';
import { isEnvFileName } from '../semantics/env-files';
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

export function readerFor(format: Format): Reader | undefined {
  return readers.get(format);
}
