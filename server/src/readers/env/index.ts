// The `.env` family reader (`.env`, `.env.*`, `*.env`): tokenizer → one KvGroup per file → dialect
// interpreters. Also exports every variable (envVars) for cross-file process.env resolution, and the
// suppression comments.
import type { ReadResult, Site, SourceRef, Span } from '../../model/types';
import { registerReader } from '../index';
import { addSuppressionComment, emptySuppressions, mentionsSuppression } from '../suppressions';
import type { KvEntry, KvGroup, ReadContext, Reader } from '../types';
import { interpretKvGroup } from '../dialects/index';
import { fieldsOf } from '../../model/fields';
import { interpolate, LIGHT_SPAN, looksBinary, tokenizeEnv, type EnvToken } from './parse';

// Cheap prefilter: a mail setting, a Node TLS switch, or a suppression comment must appear somewhere.
const MAY = /smtp|mail|node_tls_reject|node_options|mail-config-lint/i;

/** Keys a dialect may read: every family contains MAIL or SMTP (GF_SMTP_, mail__, GITEA__mailer__ ...), plus Node globals. */
export const MAIL_KEY = /mail|smtp|^node_(tls_reject_unauthorized|options)$/i;

/**
 * Parses `.env` text into entries (with interpolation from earlier keys), comments, and the final value of
 * every variable (`vars`: last definition wins; unresolved references are left out). `keep` limits which
 * keys become KvEntries (all by default); interpolation still sees every key.
 */
export function readEnvEntries(
  file: string,
  text: string,
  keep?: (key: string) => boolean,
  opts?: { comments?: boolean },
): { entries: KvEntry[]; comments: ReturnType<typeof tokenizeEnv>['comments']; vars: Map<string, { value: string; ref: SourceRef }> } {
  const { entries, comments, seen } = scanEnv(file, text, keep, opts);
  const vars = new Map<string, { value: string; ref: SourceRef }>();
  for (const [k, v] of seen) vars.set(k, { value: v.value, ref: { file, span: v.entrySpan } });
  return { entries, comments, vars };
}

/** readEnvEntries without building `vars`: `seen` maps each key to its final value and entry span. */
function scanEnv(
  file: string,
  text: string,
  keep?: (key: string) => boolean,
  opts?: { comments?: boolean },
): { entries: KvEntry[]; comments: ReturnType<typeof tokenizeEnv>['comments']; seen: Map<string, { value: string; entrySpan: Span }> } {
  // Keys that do not become entries only need key, value, quote and entry span: light tokens (issue 6).
  // key → the value later keys and other files see (the token itself when its value is used as written)
  const seen = new Map<string, { value: string; entrySpan: Span }>();
  const known = (name: string) => {
    const v = seen.get(name);
    return v ? { value: v.value, ref: { file, span: v.entrySpan } } : undefined;
  };
  const entries: KvEntry[] = [];
  // Tokens are handled as the tokenizer produces them (no array of every token: issue 6).
  const { comments } = tokenizeEnv(text, { comments: opts?.comments, light: keep ? (k) => !keep(k) : undefined, each });
  function each(t: EnvToken): void {
    if (t.keySpan === LIGHT_SPAN) {
      // not needed as an entry: only its value for later references and for other files
      if (t.quote !== "'" && t.value.indexOf('$') >= 0) {
        const ip = interpolate(t.value, t.quote, known);
        if (ip.value !== undefined) seen.set(t.key, { value: ip.value, entrySpan: t.entrySpan });
        else seen.delete(t.key);
      } else seen.set(t.key, t);
      return;
    }
    const site: Site = {
      file,
      style: 'env',
      value: t.valueSpan,
      quote: t.quote,
      key: t.keySpan,
      entry: t.entrySpan,
      indent: t.indent,
    };
    if (t.prefix) site.prefix = t.prefix;
    const ip = interpolate(t.value, t.quote, known);
    const e: KvEntry = { key: t.key, value: t.value, kind: ip.kind, site, raw: t.raw };
    if (ip.envVar) e.envVar = ip.envVar;
    if (ip.kind === 'env') {
      if (ip.resolvedFrom) {
        e.value = ip.value!;
        e.resolvedFrom = ip.resolvedFrom;
      }
    } else if (ip.kind === 'expression' && ip.value !== undefined) {
      // every reference resolved: the value is known
      e.value = ip.value;
      e.resolvedFrom = { file, span: t.valueSpan };
    }
    entries.push(e);
    // what later keys see: the expanded value when known; an unresolved reference stays unknown
    if (e.kind === 'literal' || e.resolvedFrom) seen.set(t.key, { value: e.value, entrySpan: t.entrySpan });
    else seen.delete(t.key);
  }
  return { entries, comments, seen };
}

/**
 * A plain `{}` that V8 keeps in dictionary mode from the start (deleting a property that is not the last one
 * does that). Every env file adds its own set of keys in its own order: as a fast-mode object, each file
 * would create a chain of new hidden classes (issue 6: a visible share of the CLI's time on 1,200 env files).
 * Same object otherwise: ordinary prototype, same property order.
 */
function dictionaryObject<T extends object>(): T {
  const o: Record<string, unknown> = { a: 0, b: 0 };
  delete o.a;
  delete o.b;
  return o as T;
}

/** Texts from this size on get their envVars copied out (small files: not worth the copies). */
const DETACH_ABOVE = 256 * 1024;

/** A copy of `s` that does not share memory with a larger string (flattens a cons / copies a slice). */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

export const envReader: Reader = {
  format: 'env',
  mayContainMail(text: string): boolean {
    return MAY.test(text);
  },
  read(file: string, text: string, ctx?: ReadContext): ReadResult {
    const result: ReadResult = { file, format: 'env', configs: [], globals: [], envVars: {}, suppressions: emptySuppressions(), problems: [] };
    if (looksBinary(text)) {
      result.problems.push({ kind: 'binary', message: 'binary or non-UTF-8 file; skipped' });
      return result;
    }
    const mentions = mentionsSuppression(text);
    // No mail text at all: every key only feeds process.env.X (no entries needed).
    const may = MAY.test(text);
    const { entries, comments, seen } = scanEnv(file, text, may ? (k) => MAIL_KEY.test(k) : () => false, { comments: mentions });
    if (mentions) for (const c of comments) addSuppressionComment(result.suppressions, c.text, c.line);
    const envVars = dictionaryObject<NonNullable<ReadResult['envVars']>>();
    // Values and keys are copied out of `text` (V8 slices would keep a whole 5 MB document alive in
    // EnvIndex after the editor moved on to the next version: issue 6, LSP memory).
    if (text.length >= DETACH_ABOVE) for (const [k, v] of seen) envVars[detach(k)] = { value: detach(v.value), ref: { file, span: v.entrySpan } };
    else for (const [k, v] of seen) envVars[k] = { value: v.value, ref: { file, span: v.entrySpan } };
    result.envVars = envVars;
    if (!may) return result;
    const group: KvGroup = {
      file,
      format: 'env',
      span: { start: 0, end: text.length },
      label: file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1) || '.env',
      entries,
    };
    const { configs, globals } = interpretKvGroup(group, ctx?.versionOf);
    // Which library this file reads each mail variable as: code that reads the variable back with the same library's
    // meaning only echoes it (engine.ts echoFields), and this file reports its problems.
    for (const cfg of configs) {
      for (const f of fieldsOf(cfg)) {
        const v = f.site.file === file && f.site.style === 'env' ? envVars[f.key] : undefined;
        if (v && v.ref.span.start === f.site.entry.start) v.readAs = cfg.dialect;
      }
    }
    result.configs = configs;
    result.globals = globals;
    return result;
  },
};

registerReader(envReader);
