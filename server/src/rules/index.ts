// The rule catalogue. Adding a rule: its module here, docs/rules/<id>.md, test/rules/<id>.test.ts.
import type { Rule } from './types';

export const rules: Rule[] = [
  // (rule modules are registered here, one import each, in catalogue order)
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
