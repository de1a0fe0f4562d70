// Shared by the renderers of line-based `key <sep> value` formats (INI, Java .properties): the line break an
// entry ends with, and the separator an anchor entry writes, so an inserted sibling looks like its neighbours.
import type { Site, TextEdit } from '../model/types';

export function eolOf(text: string, site: Site): string {
  const tail = text.slice(site.entry.start, site.entry.end);
  if (tail.endsWith('\r\n')) return '\r\n';
  if (tail.endsWith('\n')) return '\n';
  const m = /\r\n|\n/.exec(text);
  return m ? m[0] : '\n';
}

export function endsWithBreak(text: string, site: Site): boolean {
  return site.entry.end > site.entry.start && text.charCodeAt(site.entry.end - 1) === 10;
}

/** `=` / ` = ` / `: ` as the anchor writes it between its key and its value (`dflt` when it has no key). */
export function separatorOf(text: string, site: Site, dflt: string): string {
  if (!site.key) return dflt;
  const sep = text.slice(site.key.end, site.value.start);
  if (/^[ \t]*[=:][ \t]*$/.test(sep)) return /\s$/.test(sep) || !/^\s/.test(sep) ? sep : `${sep} `;
  return dflt;
}

/** Removes an entry's whole line(s), its indentation included (the last line: the break before it). */
export function removeLine(text: string, site: Site): TextEdit {
  let { start, end } = site.entry;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (!endsWithBreak(text, site) && start > 0 && text[start - 1] === '\n') start -= text[start - 2] === '\r' ? 2 : 1;
  return { file: site.file, span: { start, end }, newText: '' };
}

/** Inserts `line` as a new line right after the anchor entry. */
export function insertLineAfter(text: string, site: Site, line: string): TextEdit {
  const eol = eolOf(text, site);
  const at = site.entry.end;
  return { file: site.file, span: { start: at, end: at }, newText: endsWithBreak(text, site) ? line + eol : eol + line };
}
