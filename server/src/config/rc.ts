// Project configuration: `.mailconfiglintrc.json`, found from the working directory upwards (or given
// with --config). Validated by hand (no schema library in the bundle) with one clear message per problem.
// The JSON Schema for editors is schemas/mailconfiglintrc.schema.json; keep both in step.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleSetting } from '../engine';

export const RC_FILE = '.mailconfiglintrc.json';
export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];
const KNOWN_KEYS = ['$schema', 'rules', 'ignore', 'extraEnvFiles', 'versions'];

export interface ProjectConfig {
  /** Absolute path of the file it came from (undefined when none was found). */
  file?: string;
  /** Folder that `ignore` globs and `extraEnvFiles` are relative to. */
  baseDir: string;
  rules: Record<string, RuleSetting>;
  ignore: string[];
  /** Absolute paths. */
  extraEnvFiles: string[];
  /** Library → version or range ("nodemailer": "9.0.5"): wins over the lockfile/manifest (semantics/versions). */
  versions: Record<string, string>;
}

/** A configuration problem: the CLI prints `message` and exits 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Finds `.mailconfiglintrc.json` in `dir` or the nearest folder above it. */
export function findConfigFile(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    const candidate = path.join(d, RC_FILE);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
    const parent = path.dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

/**
 * Loads the project configuration: `explicit` (from --config) or the nearest `.mailconfiglintrc.json`
 * above `cwd`. `knownRuleIds` decides which rule ids are accepted. Throws ConfigError.
 */
export function loadProjectConfig(cwd: string, explicit: string | undefined, knownRuleIds: Iterable<string>): ProjectConfig {
  const file = explicit !== undefined ? path.resolve(cwd, explicit) : findConfigFile(cwd);
  if (!file) return { baseDir: path.resolve(cwd), rules: {}, ignore: [], extraEnvFiles: [], versions: {} };
  let text: string;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw new ConfigError(`${display(cwd, file)}: is a directory, expected a JSON file`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(`config file not found: ${display(cwd, file)}`);
    throw new ConfigError(`cannot read config file ${display(cwd, file)}: ${code ?? (e as Error).message}`);
  }
  return parseProjectConfig(text, file, knownRuleIds, cwd);
}

/** Parses and validates the text of a config file. Throws ConfigError. */
export function parseProjectConfig(text: string, file: string, knownRuleIds: Iterable<string>, cwd = process.cwd()): ProjectConfig {
  const where = display(cwd, file);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${where}: invalid JSON${jsonErrorWhere(text, (e as Error).message)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`${where}: expected a JSON object at the top level`);
  }
  const obj = data as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!KNOWN_KEYS.includes(k)) {
      throw new ConfigError(`${where}: unknown key "${k}"${suggest(k, KNOWN_KEYS)} (allowed: ${KNOWN_KEYS.join(', ')})`);
    }
  }
  if (obj.$schema !== undefined && typeof obj.$schema !== 'string') throw new ConfigError(`${where}: "$schema" must be a string`);

  const known = new Set(knownRuleIds);
  const rules: Record<string, RuleSetting> = {};
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) {
      throw new ConfigError(`${where}: "rules" must be an object of rule id → "off" | "info" | "warning" | "error"`);
    }
    for (const [id, v] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!known.has(id)) throw new ConfigError(`${where}: unknown rule id "${id}" in "rules"${suggest(id, known)}`);
      if (typeof v !== 'string' || !(RULE_SETTINGS as readonly string[]).includes(v)) {
        const hint = v === 'warn' ? ' (did you mean "warning"?)' : '';
        throw new ConfigError(`${where}: rules.${id} must be one of "off", "info", "warning", "error", got ${JSON.stringify(v)}${hint}`);
      }
      rules[id] = v as RuleSetting;
    }
  }
  const ignore = stringArray(obj.ignore, 'ignore', where);
  for (const g of ignore) if (g.trim() === '') throw new ConfigError(`${where}: "ignore" contains an empty glob`);
  const baseDir = path.dirname(path.resolve(file));
  const extraEnvFiles = stringArray(obj.extraEnvFiles, 'extraEnvFiles', where).map((p) => path.resolve(baseDir, p));
  const versions: Record<string, string> = {};
  if (obj.versions !== undefined) {
    if (typeof obj.versions !== 'object' || obj.versions === null || Array.isArray(obj.versions)) {
      throw new ConfigError(`${where}: "versions" must be an object of library → version, e.g. { "nodemailer": "9.0.5" }`);
    }
    for (const [lib, v] of Object.entries(obj.versions as Record<string, unknown>)) {
      if (typeof v !== 'string' || !/^[\^~>=<v]*\d/.test(v.trim())) throw new ConfigError(`${where}: versions.${lib} must be a version or range such as "9.0.5" or "^6.9.0", got ${JSON.stringify(v)}`);
      versions[lib] = v.trim();
    }
  }
  return { file: path.resolve(file), baseDir, rules, ignore, extraEnvFiles, versions };
}

function stringArray(v: unknown, key: string, where: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new ConfigError(`${where}: "${key}" must be an array of strings`);
  return v as string[];
}

function display(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** "at line 3, column 5" from V8's "... at position 42" / "(line 3 column 5)" messages. */
function jsonErrorWhere(text: string, msg: string): string {
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return ` at line ${lc[1]}, column ${lc[2]}`;
  const pos = /position (\d+)/.exec(msg);
  if (pos) {
    const p = Math.min(Number(pos[1]), text.length);
    let line = 1;
    let col = 1;
    for (let i = 0; i < p; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    return ` at line ${line}, column ${col}`;
  }
  if (/end of JSON input/i.test(msg)) return ': unexpected end of file';
  return '';
}

function suggest(word: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
