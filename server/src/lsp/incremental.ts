// Incremental re-lint of huge YAML documents (issue 6: edit → diagnostics ≤ 500 ms on a 5 MiB kubectl dump).
//
// In bounded mode the documents of a multi-document stream (helm/kustomize output), or else the items of a
// top-level sequence (the objects of a Kubernetes `List`), are read independently of one another: nothing in
// one unit changes what another yields. So after an edit the server re-reads only the units around the
// changed text (ItemFocus) and keeps the diagnostics of every other unit from the previous version, moved by
// the number of lines the edit added. Everything that could make that unsound falls back to a full lint: a
// change outside the units (a List's header), unit boundaries that moved, suppression comments in the
// changed lines, anchors (the reader then does not honour the focus), findings about other files, another
// settings generation, a stream that became a single document or the reverse.
//
// Pure functions over text and LSP diagnostics; the server owns when to call them.
import type { Diagnostic } from 'vscode-languageserver';
import type { Span } from '../model/types';
import type { FileProblem } from '../engine';
import type { ItemFocus } from '../readers/types';
import type { TextChange } from '../model/textEdits';

/** A diagnostic of one finding of this document, with the offset of that finding (for merging). */
export interface Entry {
  off: number;
  diag: Diagnostic;
}

/** What the previous version left for the next one. */
export interface ItemSnapshot {
  /** The server's settings/dependency generation these diagnostics were computed with. */
  gen: number;
  text: string;
  /** What the units are (documents of a stream, or top-level sequence items). */
  unit: ItemFocus['unit'];
  /** The units of `text`, in order. */
  items: Span[];
  /** Items skipped for having no mail words, per unit (same order)... */
  mailless: number[];
  /** ...and outside every unit. */
  maillessOutside: number;
  /** Diagnostics of this document's own findings, in the engine's order (by offset). */
  entries: Entry[];
  /** Problems reading the version (the bounded-mode note with the count of the whole text). */
  problems?: FileProblem[];
}

/** The lines the change touches, in the new text and in the old one (whole lines). */
function touchedLines(before: string, after: string, c: TextChange): [string, string] {
  const from = before.lastIndexOf('\n', c.start - 1) + 1; // same in both: the prefix is shared
  const endOf = (t: string, at: number) => {
    const e = t.indexOf('\n', at);
    return e < 0 ? t.length : e;
  };
  return [before.slice(from, endOf(before, c.oldEnd)), after.slice(from, endOf(after, c.newEnd))];
}

/** Whether the change can be re-linted unit by unit at all (before reading anything). */
export function changeIsLocal(before: string, after: string, c: TextChange): boolean {
  // A suppression comment applies to the next line or the whole file, maybe in another unit.
  const [was, is] = touchedLines(before, after, c);
  return !/mail-config-lint/.test(was) && !/mail-config-lint/.test(is);
}

/** The focus for the new text: the units the change touches, and the neighbours sharing a boundary with it. */
export function focusFor(c: TextChange): ItemFocus {
  const lo = c.start - 1;
  const hi = c.newEnd + 1;
  return { keep: (start, end) => start <= hi && lo < end };
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Offsets of items skipped for having no mail words, counted per unit (binary search over sorted spans). */
function countPerItem(items: Span[], offsets: number[], from: number, to: number): { per: number[]; outside: number } {
  const per = new Array<number>(to - from).fill(0);
  let outside = 0;
  for (const o of offsets) {
    let lo = from;
    let hi = to - 1;
    let hit = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid].end <= o) lo = mid + 1;
      else if (items[mid].start > o) hi = mid - 1;
      else {
        hit = mid;
        break;
      }
    }
    if (hit >= 0) per[hit - from]++;
    else outside++;
  }
  return { per, outside };
}

/** A snapshot from a lint that read every unit (focus keep-all). Undefined when the text has fewer than two. */
export function snapshotOf(gen: number, text: string, focus: ItemFocus, entries: Entry[]): ItemSnapshot | undefined {
  if (!focus.applied || !focus.items || focus.items.length < 2) return undefined;
  const { per, outside } = countPerItem(focus.items, focus.mailless ?? [], 0, focus.items.length);
  return { gen, text, unit: focus.unit, items: focus.items, mailless: per, maillessOutside: outside, entries };
}

/** Items skipped for having no mail words in the whole text the snapshot describes. */
export function maillessTotal(s: ItemSnapshot): number {
  let n = s.maillessOutside;
  for (const m of s.mailless) n += m;
  return n;
}

/**
 * Merges the diagnostics of the re-read units (`fresh`: their findings, already converted, in the new text's
 * coordinates) with the previous version's diagnostics of the units the change did not touch. Returns
 * undefined whenever the previous units cannot be reused as they are (then the caller lints in full).
 */
export function mergeSnapshot(prev: ItemSnapshot, text: string, c: TextChange, focus: ItemFocus, fresh: Entry[], uri: string): ItemSnapshot | undefined {
  if (!focus.applied || !focus.items || focus.unit !== prev.unit) return undefined;
  const items = focus.items;
  let i0 = -1;
  let i1 = -1;
  for (let i = 0; i < items.length; i++) {
    if (focus.keep(items[i].start, items[i].end)) {
      if (i0 < 0) i0 = i;
      i1 = i;
    } else if (i0 >= 0) break;
  }
  if (i0 < 0) return undefined; // the change is outside every unit
  const fs = items[i0].start;
  const fe = items[i1].end;
  // The changed text must lie inside the re-read units (not in the header, a separator or the trailer).
  if (c.start < fs || c.newEnd > fe) return undefined;
  const delta = text.length - prev.text.length;
  const after = items.length - 1 - i1;
  const k = prev.items.length - after; // first old unit after the window
  if (k < i0) return undefined;
  for (let i = 0; i < i0; i++) if (items[i].start !== prev.items[i].start || items[i].end !== prev.items[i].end) return undefined;
  for (let j = 0; j < after; j++) {
    const a = items[i1 + 1 + j];
    const b = prev.items[k + j];
    if (a.start - delta !== b.start || a.end - delta !== b.end) return undefined;
  }
  const oldFe = fe - delta;
  if (k > i0 && (prev.items[i0].start < fs || prev.items[k - 1].end > oldFe)) return undefined;

  const lineDelta = countLines(text, c.start, c.newEnd) - countLines(prev.text, c.start, c.oldEnd);
  const firstLine = countLines(text, 0, fs); // the window's first line, the same in both versions
  // The first old line after the window (the text before fs is shared: count only the old window).
  const oldEndLine = firstLine + countLines(prev.text, fs, oldFe);
  const entries: Entry[] = [];
  let e = 0;
  while (e < prev.entries.length && prev.entries[e].off < fs) {
    const en = prev.entries[e++];
    // Kept as they are: they must not point at lines that moved.
    if (en.diag.relatedInformation?.some((r) => r.location.uri === uri && r.location.range.start.line >= firstLine)) return undefined;
    entries.push(en);
  }
  while (e < prev.entries.length && prev.entries[e].off < oldFe) e++;
  for (const f of fresh) if (f.off >= fs && f.off < fe) entries.push(f);
  for (; e < prev.entries.length; e++) {
    const moved = moveEntry(prev.entries[e], delta, lineDelta, uri, firstLine, oldEndLine);
    if (!moved) return undefined;
    entries.push(moved);
  }
  const { per } = countPerItem(items, focus.mailless ?? [], i0, i1 + 1);
  const mailless = [...prev.mailless.slice(0, i0), ...per, ...prev.mailless.slice(k)];
  return { gen: prev.gen, text, unit: prev.unit, items, mailless, maillessOutside: prev.maillessOutside, entries };
}

/** A diagnostic after the change, moved down by the lines the change added (its columns do not change). */
function moveEntry(en: Entry, delta: number, lineDelta: number, uri: string, firstLine: number, oldEndLine: number): Entry | undefined {
  const d = en.diag;
  const moved: Diagnostic = { ...d, range: shift(d.range, lineDelta) };
  const data = d.data as { start?: number; end?: number } | undefined;
  if (data && typeof data.start === 'number' && typeof data.end === 'number') moved.data = { ...data, start: data.start + delta, end: data.end + delta };
  if (d.relatedInformation) {
    const infos = [];
    for (const r of d.relatedInformation) {
      if (r.location.uri !== uri || r.location.range.start.line < firstLine) infos.push(r);
      else if (r.location.range.start.line >= oldEndLine) infos.push({ ...r, location: { uri, range: shift(r.location.range, lineDelta) } });
      else return undefined; // points into the re-read units: its line may have changed
    }
    moved.relatedInformation = infos;
  }
  return { off: en.off + delta, diag: moved };
}

function shift(r: Diagnostic['range'], lines: number): Diagnostic['range'] {
  if (lines === 0) return r;
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}
