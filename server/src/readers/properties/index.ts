// The Java `.properties` reader: Spring Boot `application*.properties` / `bootstrap*.properties` mail settings
// (`spring.mail.*`, `spring.mail.properties.mail.smtp.*`, bracket keys `spring.mail.properties[mail.smtp.auth]`).
// Lines are split by dot-properties (escapes, `=`/`:`/space separators, continuation lines, offsets); what the
// properties mean is decided by the Spring/JavaMail semantics the YAML form already uses (interpretSpring), so
// `spring.mail.port=465` here and `spring.mail.port: 465` in application.yml get the same verdicts.
//
// Placeholders (`${SMTP_PORT:587}`, `${MAIL_PASSWORD}`) are environment reads: kind 'env' with the variable
// name; the value is the one the workspace's .env / compose / k8s files give it, else the default after ':'
// (what Spring uses when the variable is not set), else unknown. Other `${…}` inside a value: an expression.
import * as path from 'node:path';
import { parseLines } from 'dot-properties';
import type { Field, ReadResult, Site, Span } from '../../model/types';
import { registerReader } from '../index';
import { addSuppressionComment, emptySuppressions, mentionsSuppression } from '../suppressions';
import type { ReadContext, Reader } from '../types';
import { spanOf } from '../dialects/common';
import { interpretSpring, normaliseSpringName, setSpringValue, type SpringProp } from '../dialects/spring';

const MAY = /spring\.mail/i;

/** `spring.mail.properties[mail.smtp.auth]` → ['spring', 'mail', 'properties', '[mail.smtp.auth]']. */
export function propertySegments(key: string): string[] {
  return key.match(/\[[^\]]*\]|[^.[\]]+/g) ?? [];
}

function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

function lineStart(text: string, at: number): number {
  let s = at;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  return s;
}

/** The Spring profile of a file name: application-prod.properties → 'prod'. */
function profileOf(file: string): string | undefined {
  const m = /^(?:application|bootstrap)-([^.]+)\.properties$/i.exec(path.basename(file));
  return m?.[1];
}

function propOf(file: string, text: string, name: string, keyText: string, value: string, r: [number, number, number, number], ctx: ReadContext): SpringProp {
  const [ks, ke, vs, veRaw] = r;
  // Java keeps trailing spaces in values; Spring Boot's loader trims them, and fixes should not eat them
  let ve = veRaw;
  while (ve > vs && (text[ve - 1] === ' ' || text[ve - 1] === '\t' || text[ve - 1] === '\f')) ve--;
  const v = value.trim();
  const ls = lineStart(text, ks);
  const site: Site = {
    file,
    style: 'properties',
    value: { start: vs, end: ve },
    quote: '',
    key: { start: ks, end: ke },
    entry: { start: ks, end: lineEnd(text, veRaw) },
    indent: text.slice(ls, ks),
  };
  const secret = name === 'spring.mail.password';
  const field: Field = { key: keyText, text: secret ? '***' : v, kind: 'literal', site };
  const p: SpringProp = { name, field };
  if (secret) p.raw = v;
  setSpringValue(p, v, v, (n) => ctx.env?.get(file, n));
  return p;
}

export const propertiesReader: Reader = {
  format: 'properties',
  mayContainMail(text: string): boolean {
    return MAY.test(text);
  },
  read(file: string, text: string, ctx: ReadContext): ReadResult {
    const result: ReadResult = { file, format: 'properties', configs: [], globals: [], suppressions: emptySuppressions(), problems: [] };
    if (text.includes('\u0000')) {
      result.problems.push({ kind: 'binary', message: 'binary file; skipped' });
      return result;
    }
    let nodes: ReturnType<typeof parseLines>;
    try {
      nodes = parseLines(text, true) as ReturnType<typeof parseLines>;
    } catch (e) {
      result.problems.push({ kind: 'parse-error', message: `.properties could not be read: ${(e as Error).message}` });
      return result;
    }
    const mentions = mentionsSuppression(text);
    const props: SpringProp[] = [];
    for (const n of nodes as unknown as { type: string; key?: string; value?: string; comment?: string; range: number[] }[]) {
      if (n.type === 'COMMENT') {
        if (mentions && n.comment) addSuppressionComment(result.suppressions, n.comment, lineOf(text, n.range[0]));
        continue;
      }
      if (n.type !== 'PAIR' || n.key === undefined || n.range.length !== 4) continue;
      const keyText = text.slice(n.range[0], n.range[1]);
      if (!/^spring\.mail[.[]/i.test(n.key)) continue;
      const name = normaliseSpringName(propertySegments(n.key));
      if (!name) continue;
      props.push(propOf(file, text, name, keyText, n.value ?? '', n.range as [number, number, number, number], ctx));
    }
    if (!props.length) return result;
    const profile = profileOf(file);
    const span: Span = spanOf(props.map((p) => p.field));
    const cfg = interpretSpring(props, { file, format: 'properties', span, label: `${path.basename(file)} (Spring${profile ? `, profile ${profile}` : ''})` });
    if (cfg) result.configs.push(cfg);
    return result;
  },
};

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

registerReader(propertiesReader);
