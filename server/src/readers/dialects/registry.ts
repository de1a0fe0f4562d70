// Key families: which env keys belong to which application's mail settings.
// The built-in families live in index.ts; other modules (e.g. spring.ts, owned by the YAML reader) can add
// theirs with registerKvFamily without touching index.ts. Registered families are matched before the
// generic SMTP_/MAIL_/EMAIL_ shape.
import type { Dialect } from '../../model/types';
import type { DialectBuilder } from './common';

export interface KvFamily {
  /** Stable name, e.g. 'spring'. */
  name: string;
  dialect: Dialect;
  /** Splits a key into its family prefix (as written) and the upper-cased rest, or undefined if not ours. */
  match(key: string): { prefix: string; suffix: string } | undefined;
  /** Turns one block of the family into a config (undefined: not a usable SMTP client block). */
  build: DialectBuilder;
}

export const families: KvFamily[] = [];

export function registerKvFamily(f: KvFamily): void {
  const i = families.findIndex((x) => x.name === f.name);
  if (i >= 0) families[i] = f;
  else families.push(f);
}

/** A family matched by a fixed key prefix (case-insensitive). */
export function prefixMatcher(re: RegExp): KvFamily['match'] {
  return (key) => {
    const m = re.exec(key);
    return m ? { prefix: m[1], suffix: key.slice(m[1].length).toUpperCase() } : undefined;
  };
}
