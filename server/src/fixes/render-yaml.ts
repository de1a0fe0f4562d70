// Renders field edits for YAML sites (styles 'yaml-map', 'yaml-list', 'yaml-namevalue') in the file's own style:
//   set    → replace the value token. Quoted values keep their quote character. Plain values stay plain when
//            the new text keeps the YAML type; otherwise the value is double-quoted so it stays a string where
//            a string is required (env blocks: compose environment, Kubernetes env/ConfigMap data, CI env —
//            `SMTP_SECURE: "true"` — and always in Kubernetes name/value lists). Spring/app config keys
//            (sites with a keyPath) are typed: booleans and numbers are written plain.
//            Secret `data` (base64 in the file) is re-encoded.
//   remove → delete the entry's lines (name/value: the whole `- name:`/`value:` item); a parent key left with
//            no children (`starttls:` after removing its only `enable:`) is removed too. Flow maps/lists:
//            the entry and its comma.
//   insert → a sibling right after the anchor with the anchor's indentation and style (`KEY: v`, `- KEY=v`,
//            `- name: KEY` + `value: "v"`); in a flow map `{a: 1}` the sibling is added inline (`, b: 2`).
//   rename → replace the key token (keeping its quotes).
import type { FieldEdit, Site, TextEdit } from '../model/types';
import { base64Sites } from '../readers/yaml/index';
import { registerRenderer } from './render';

type ValueType = 'string' | 'number' | 'boolean' | 'code' | undefined;

/** The YAML type a plain scalar resolves to (core schema, plus YAML 1.1 booleans that older loaders use). */
export function plainType(s: string): 'null' | 'bool' | 'number' | 'string' {
  if (s === '' || s === '~' || /^(null|Null|NULL)$/.test(s)) return 'null';
  if (/^(true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$/.test(s)) return 'bool';
  if (/^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s) || /^0x[0-9a-fA-F_]+$/.test(s) || /^0o?[0-7_]+$/.test(s) || /^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return 'number';
  if (/^\d+(:[0-5]?\d)+(\.\d*)?$/.test(s)) return 'number'; // YAML 1.1 sexagesimal
  return 'string';
}

/** True when `s` can be written as a plain scalar and reads back as exactly `s`. */
export function plainSafe(s: string, flow = false): boolean {
  if (s === '' || s !== s.trim() || /[\n\r\t]/.test(s)) return false;
  if (/^[?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (/^-(\s|$)/.test(s) || /^(---|\.\.\.)/.test(s)) return false;
  if (/: |:$| #/.test(s)) return false;
  if (flow && /[,[\]{}]/.test(s)) return false;
  return true;
}

function dq(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function sq(s: string): string {
  return /[\n\r]/.test(s) ? dq(s) : `'${s.replace(/'/g, "''")}'`;
}

function quoteWith(q: Site['quote'], s: string): string {
  return q === "'" ? sq(s) : dq(s);
}

/** Env-like blocks hold strings (their consumers read environment strings); Spring/app config sites are typed. */
function typedSite(site: Site): boolean {
  return site.keyPath !== undefined;
}

/** The token to write for a new value at `site` (used for set and insert). */
function valueToken(text: string, site: Site, type: ValueType, oldPlain?: string): string {
  if (site.style === 'yaml-list') return text; // inside `KEY=value`: handled by the caller
  if (site.quote === '"' || site.quote === "'") return quoteWith(site.quote, text);
  if (type === 'code') return text;
  const flow = site.inline === true;
  const t = plainType(text);
  if (site.style === 'yaml-namevalue') {
    // Kubernetes env values must be strings.
    return t === 'string' && plainSafe(text, flow) ? text : dq(text);
  }
  if (typedSite(site) && (type === 'boolean' || type === 'number')) return text;
  if (typedSite(site) && type === undefined && t !== 'string' && t !== 'null') return text;
  if (t === 'string') return plainSafe(text, flow) ? text : dq(text);
  // A number/boolean-looking text in an env-like block: keep plain only if the old value was the same kind
  // of plain scalar (the user's own style); otherwise make it a string.
  if (type !== 'string' && oldPlain !== undefined && plainType(oldPlain) === t) return text;
  return dq(text);
}

function keyToken(key: string, like: string | undefined, flow: boolean): string {
  if (/^["']/.test(key)) return key;
  const q = like && /^["']/.test(like) ? (like[0] as '"' | "'") : '';
  if (q) return quoteWith(q, key);
  return plainSafe(key, flow) && plainType(key) === 'string' ? key : dq(key);
}

function eolOf(text: string): string {
  const m = /\r\n|\n/.exec(text);
  return m ? m[0] : '\n';
}

function endsWithBreak(text: string, end: number): boolean {
  return end > 0 && text.charCodeAt(end - 1) === 10;
}

// ------------------------------------------------------------------------------------------------
// Lines

interface Line {
  start: number;
  end: number; // exclusive, without the line break
  next: number; // start of the next line
  indent: number;
  blank: boolean; // empty, spaces, or a comment only
  text: string;
}

function lineAt(text: string, start: number): Line {
  let end = text.indexOf('\n', start);
  const next = end < 0 ? text.length : end + 1;
  if (end < 0) end = text.length;
  let e = end;
  if (e > start && text.charCodeAt(e - 1) === 13) e--;
  const t = text.slice(start, e);
  const indent = t.length - t.trimStart().length;
  return { start, end: e, next, indent, blank: /^\s*(#.*)?$/.test(t), text: t };
}

function prevLine(text: string, start: number): Line | undefined {
  if (start <= 0) return undefined;
  const ps = text.lastIndexOf('\n', start - 2) + 1;
  return lineAt(text, ps);
}

function prevSignificant(text: string, start: number): Line | undefined {
  let l = prevLine(text, start);
  while (l && l.blank) l = prevLine(text, l.start);
  return l;
}

function nextSignificant(text: string, at: number): Line | undefined {
  while (at < text.length) {
    const l = lineAt(text, at);
    if (!l.blank) return l;
    at = l.next;
  }
  return undefined;
}

/**
 * Grows a block removal [start, end) to the parent key when the removed lines were its only content:
 * `starttls:\n  enable: true\n` → the whole `starttls:` entry. Stops at parents that are sequence items.
 */
function growToEmptyParent(text: string, start: number, end: number): { start: number; end: number } {
  for (let guard = 0; guard < 32; guard++) {
    const first = lineAt(text, start);
    const isSeqEntry = /^\s*- /.test(first.text) || first.text.trim() === '-';
    const parent = prevSignificant(text, start);
    if (!parent) break;
    if (!/^\s*[^\s#-][^#]*:\s*(#.*)?$/.test(parent.text) || /^\s*- /.test(parent.text)) break;
    if (isSeqEntry ? parent.indent > first.indent : parent.indent >= first.indent) break;
    const nx = nextSignificant(text, end);
    const sole = !nx || nx.indent < first.indent || (isSeqEntry && nx.indent === first.indent && !/^\s*-( |$)/.test(nx.text));
    if (!sole) break;
    if (nx && nx.indent > parent.indent && !(isSeqEntry && nx.indent === first.indent)) break;
    start = parent.start;
  }
  return { start, end };
}

function removeBlock(text: string, site: Site): TextEdit {
  let { start, end } = growToEmptyParent(text, site.entry.start, site.entry.end);
  if (!endsWithBreak(text, end) && start > 0) {
    // The last line of the file without a line break: take the break before it instead.
    start -= text.charCodeAt(start - 2) === 13 ? 2 : 1;
  }
  return { file: site.file, span: { start, end }, newText: '' };
}

function removeInline(text: string, site: Site): TextEdit {
  let { start, end } = site.entry;
  const after = /^\s*,[ \t]*/.exec(text.slice(end, end + 64));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(text.slice(Math.max(0, start - 64), start));
    if (before) start -= before[0].length;
  }
  return { file: site.file, span: { start, end }, newText: '' };
}

// ------------------------------------------------------------------------------------------------

function renderSet(text: string, edit: Extract<FieldEdit, { op: 'set' }>): TextEdit[] {
  const s = edit.field.site;
  let newText = edit.text;
  if (base64Sites.has(s)) newText = Buffer.from(newText, 'utf8').toString('base64');
  if (s.style === 'yaml-list') {
    // The value is part of a `KEY=value` string scalar.
    if (s.quote === '"') return [{ file: s.file, span: { ...s.value }, newText: dq(newText).slice(1, -1) }];
    if (s.quote === "'") return [{ file: s.file, span: { ...s.value }, newText: newText.replace(/'/g, "''") }];
    const key = s.key ? text.slice(s.key.start, s.key.end) : '';
    const whole = `${key}=${newText}`;
    if (plainSafe(whole, s.inline === true) && s.key && s.value.start !== s.key.start) return [{ file: s.file, span: { ...s.value }, newText }];
    if (s.key) return [{ file: s.file, span: { start: s.key.start, end: s.value.end }, newText: dq(whole) }];
    return [{ file: s.file, span: { ...s.value }, newText }];
  }
  const old = text.slice(s.value.start, s.value.end);
  const oldPlain = s.quote === '' && old !== '' ? old : undefined;
  let tok = valueToken(newText, s, edit.type, oldPlain);
  if (s.value.start === s.value.end) {
    // `KEY:` with no value: add a space after the colon.
    tok = (text[s.value.start - 1] === ':' ? ' ' : '') + tok + (text[s.value.start] === '#' ? ' ' : '');
  }
  // A block scalar (`|`) token runs through its last line break: keep one.
  if (/\n$/.test(old)) tok += /\r\n$/.test(old) ? '\r\n' : '\n';
  return [{ file: s.file, span: { ...s.value }, newText: tok }];
}

function renderRemove(text: string, edit: Extract<FieldEdit, { op: 'remove' }>): TextEdit[] {
  const s = edit.field.site;
  if (s.inline) return [removeInline(text, s)];
  // A pair that shares its line with a sequence dash (`- a: 1` followed by more keys of the same item).
  const ls = text.lastIndexOf('\n', s.entry.start - 1) + 1;
  if (s.style === 'yaml-map' && s.key && s.entry.start !== ls) {
    const nx = nextSignificant(text, s.entry.end);
    const col = s.key.start - ls;
    if (nx && nx.indent === col) return [{ file: s.file, span: { start: s.key.start, end: nx.start + nx.indent }, newText: '' }];
    // The only key of the item: remove the item line.
    return [removeBlock(text, { ...s, entry: { start: ls, end: s.entry.end } })];
  }
  return [removeBlock(text, s)];
}

function renderInsert(text: string, edit: Extract<FieldEdit, { op: 'insert' }>): TextEdit[] {
  const a = edit.after.site;
  const eol = eolOf(text);
  const flow = a.inline === true;
  const likeKey = a.key ? text.slice(a.key.start, a.key.end) : undefined;
  if (a.style === 'yaml-list') {
    const q = a.quote;
    const item = `${edit.key}=${edit.text}`;
    const tok = q ? quoteWith(q, item) : plainSafe(item, flow) ? item : dq(item);
    if (flow) return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: `, ${tok}` }];
    return [insertLines(text, a, [`${a.indent}- ${tok}`], eol)];
  }
  const valTok = valueToken(edit.text, a, edit.type);
  if (a.style === 'yaml-namevalue') {
    const body = text.slice(a.entry.start, a.entry.end);
    const vm = /\n([ \t]*)value\s*:/.exec(body) ?? /\n([ \t]*)valueFrom\s*:/.exec(body);
    const inner = vm ? vm[1] : `${a.indent}  `;
    const nameTok = plainSafe(edit.key) && plainType(edit.key) === 'string' ? edit.key : dq(edit.key);
    if (flow) return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: `, {name: ${nameTok}, value: ${valTok}}` }];
    return [insertLines(text, a, [`${a.indent}- name: ${nameTok}`, `${inner}value: ${valTok}`], eol)];
  }
  const k = keyToken(edit.key, likeKey, flow);
  if (flow) return [{ file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: `, ${k}: ${valTok}` }];
  return [insertLines(text, a, [`${a.indent}${k}: ${valTok}`], eol)];
}

function insertLines(text: string, a: Site, lines: string[], eol: string): TextEdit {
  const body = lines.join(eol);
  if (endsWithBreak(text, a.entry.end)) return { file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: body + eol };
  return { file: a.file, span: { start: a.entry.end, end: a.entry.end }, newText: eol + body };
}

function renderRename(text: string, edit: Extract<FieldEdit, { op: 'rename' }>): TextEdit[] {
  const s = edit.field.site;
  if (!s.key) return [];
  if (s.style === 'yaml-list') return [{ file: s.file, span: { ...s.key }, newText: edit.key }];
  const old = text.slice(s.key.start, s.key.end);
  return [{ file: s.file, span: { ...s.key }, newText: keyToken(edit.key, old, s.inline === true) }];
}

export function renderYamlEdit(text: string, edit: FieldEdit): TextEdit[] {
  switch (edit.op) {
    case 'set':
      return renderSet(text, edit);
    case 'remove':
      return renderRemove(text, edit);
    case 'insert':
      return renderInsert(text, edit);
    case 'rename':
      return renderRename(text, edit);
  }
}

registerRenderer(['yaml-map', 'yaml-list', 'yaml-namevalue'], { render: renderYamlEdit });
