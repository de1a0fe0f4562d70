// The `.env` family reader (`.env`, `.env.*`, `*.env`): tokenizer → one KvGroup per file → dialect
// interpreters. Also exports every variable (envVars) for cross-file process.env resolution, and the
// suppression comments.
import type { ReadResult, Site, SourceRef } from '../../model/types';
import { registerReader } from '../index';
import { addSuppressionComment, emptySuppressions, mentionsSuppression } from '../suppressions';
import type { KvEntry, KvGroup, Reader } from '../types';
import { interpretKvGroup } from '../dialects/index';
import { interpolate, looksBinary, tokenizeEnv } from './parse';

// Cheap prefilter: a mail setting, a Node TLS switch, or a suppression comment must appear somewhere.
const MAY = /smtp|mail|node_tls_reject|node_options|mail-config-lint/i;

/** Parses `.env` text into entries (with interpolation from earlier keys) and comments. */
export function readEnvEntries(file: string, text: string): { entries: KvEntry[]; comments: ReturnType<typeof tokenizeEnv>['comments'] } {
  const { tokens, comments } = tokenizeEnv(text);
  const seen = new Map<string, { value: string; ref: SourceRef }>();
  const entries: KvEntry[] = [];
  for (const t of tokens) {
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
    const ip = interpolate(t.value, t.quote, (name) => seen.get(name));
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
    if (e.kind === 'literal' || e.resolvedFrom) seen.set(t.key, { value: e.value, ref: { file, span: t.entrySpan } });
    else seen.delete(t.key);
  }
  return { entries, comments };
}

export const envReader: Reader = {
  format: 'env',
  mayContainMail(text: string): boolean {
    return MAY.test(text);
  },
  read(file: string, text: string): ReadResult {
    const result: ReadResult = { file, format: 'env', configs: [], globals: [], envVars: {}, suppressions: emptySuppressions(), problems: [] };
    if (looksBinary(text)) {
      result.problems.push({ message: 'binary or non-UTF-8 file; skipped' });
      return result;
    }
    const { entries, comments } = readEnvEntries(file, text);
    if (mentionsSuppression(text)) for (const c of comments) addSuppressionComment(result.suppressions, c.text, c.line);
    const envVars: NonNullable<ReadResult['envVars']> = {};
    for (const e of entries) {
      // unresolved references are unknown to other files too
      if (e.kind === 'literal' || e.resolvedFrom) envVars[e.key] = { value: e.value, ref: { file, span: e.site.entry } };
      else delete envVars[e.key];
    }
    result.envVars = envVars;
    if (!MAY.test(text)) return result;
    const group: KvGroup = {
      file,
      format: 'env',
      span: { start: 0, end: text.length },
      label: file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1) || '.env',
      entries,
    };
    const { configs, globals } = interpretKvGroup(group);
    result.configs = configs;
    result.globals = globals;
    return result;
  },
};

registerReader(envReader);
