// Suppression comments, the same in every format:
//   # mail-config-lint-disable-next-line rule-a, rule-b   (or // in JS/TS; no ids = every rule)
//   # mail-config-lint-disable rule-a                     (whole file; no ids = every rule)
import type { Suppressions } from '../model/types';

const NEXT_LINE = /mail-config-lint-disable-next-line\b([^\n\r]*)/;
const FILE = /mail-config-lint-disable(?!-)\b([^\n\r]*)/;

export function emptySuppressions(): Suppressions {
  return { lines: new Map(), file: new Set() };
}

function ids(rest: string): string[] {
  // Allow a trailing explanation after `--`, as ESLint does.
  const list = rest.split('--')[0].replace(/\*\/\s*$/, '');
  const out = list.split(/[\s,]+/).filter((s) => /^[a-z0-9][a-z0-9-]*$/.test(s));
  return out.length ? out : ['*'];
}

/**
 * Records one comment found by a reader. `commentText` is the comment without its marker (or with it;
 * both work); `line` is the 0-based line the comment is on.
 */
export function addSuppressionComment(s: Suppressions, commentText: string, line: number): void {
  const next = NEXT_LINE.exec(commentText);
  if (next) {
    const set = s.lines.get(line + 1) ?? new Set<string>();
    for (const id of ids(next[1])) set.add(id);
    s.lines.set(line + 1, set);
    return;
  }
  const file = FILE.exec(commentText);
  if (file) for (const id of ids(file[1])) s.file.add(id);
}

/** Cheap pre-check so readers only look at comments when the marker is in the text at all. */
export function mentionsSuppression(text: string): boolean {
  return text.includes('mail-config-lint-disable');
}
