// A line scanner for INI files as Go's gopkg.in/ini.v1 (go-ini/ini) reads them, with source offsets.
// Gitea (`app.ini`) and Grafana (`grafana.ini`, `custom.ini`) both load their settings with go-ini; none of
// the npm INI packages keep positions (rules-research-polyglot §10), and go-ini's value rules differ from
// the usual INI dialects (double quotes do not protect a `#`), so this follows go-ini's parser.go
// (go-ini/ini@b2f570e, v1.67.0) function by function:
//   parse()            a line is trimmed on the left; `#`/`;` first = comment; `[` = section up to the LAST `]`
//                      (no `]`: "unclosed section", the whole file fails to load)
//   readKeyName()      the key ends at the first `=` or `:` (KeyValueDelimiters "=:"); none: the file fails
//                      to load ("key-value delimiter not found")
//   readValue()        after the delimiter, left-trimmed: a value starting with `"""` (length > 3) or a backtick
//                      runs to the LAST such quote on the line (text after it is dropped); without a closing
//                      quote it continues over the next lines up to the last quote of the first line that
//                      has one (readMultilines). Otherwise the value is trimmed; a trailing `\` joins the next
//                      lines (unless IgnoreContinuation: Gitea sets it, Grafana does not); then the first `#`
//                      or `;` ANYWHERE starts an inline comment (IgnoreInlineComment is false in both apps),
//                      and only then a value wholly inside '…' or "…" loses those quotes.
// So `PASSWD = abc#123` is read as `abc`, and `password = "p#ss"` as `"p` (the quotes no longer surround it).
import type { Span } from '../../model/types';

export interface IniEntry {
  /** The key as written (trimmed). */
  key: string;
  keySpan: Span;
  /** The value go-ini hands to the application (quotes removed, inline comment cut off). */
  value: string;
  /** The value token as written: quotes included; for an unquoted value the part before an inline comment. */
  valueSpan: Span;
  quote: '' | '"' | "'" | '`' | '"""';
  /** The whole entry: from its first character (after indentation) through its line break(s). */
  entrySpan: Span;
  /** Indentation of the entry's line. */
  indent: string;
  /** Text between the key and the value token (` = `), for writing sibling entries the same way. */
  separator: string;
  /**
   * Set when an unquoted value was cut at a `#` or `;` that directly follows a value character
   * (`abc#123`): go-ini drops the rest, though it reads as part of the value. `at` is the offset of the
   * comment character; `end` the end of what was meant as the value (up to the next comment character
   * that follows whitespace, or the end of the line).
   */
  truncated?: { at: number; end: number };
  /** 0-based line of the key. */
  line: number;
}

export interface IniSection {
  /** Section name as written between the brackets ('' for the keys before the first header). */
  name: string;
  /** The header line (empty span for the default section). */
  headerSpan: Span;
  entries: IniEntry[];
  /** From the header (or file start) to the next header (or file end). */
  span: Span;
}

export interface IniComment {
  text: string;
  line: number;
}

export interface IniProblem {
  message: string;
  span: Span;
}

export interface IniOptions {
  /** go-ini IgnoreContinuation (Gitea: true; Grafana: false, the default). */
  ignoreContinuation?: boolean;
}

export interface IniFile {
  sections: IniSection[];
  comments: IniComment[];
  problems: IniProblem[];
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === 10 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;

/** Parses INI text the way go-ini does (see the header). Never throws; problems are collected. */
export function parseIni(text: string, opts: IniOptions = {}): IniFile {
  const sections: IniSection[] = [];
  const comments: IniComment[] = [];
  const problems: IniProblem[] = [];
  let current: IniSection = { name: '', headerSpan: { start: 0, end: 0 }, entries: [], span: { start: 0, end: text.length } };
  sections.push(current);
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  /** End of the line starting at `from` (before its break) and the start of the next line. */
  const lineAt = (from: number): { end: number; next: number } => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? { end: text.length, next: text.length } : { end: nl, next: nl + 1 };
  };
  while (pos < text.length) {
    const { end: rawEnd, next } = lineAt(pos);
    const lineNo = line;
    line++;
    let s = pos;
    while (s < rawEnd && isSpace(text.charCodeAt(s))) s++;
    let e = rawEnd;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    const indent = text.slice(pos, s);
    const lineStart = pos;
    pos = next;
    if (s >= e) continue;
    const c0 = text[s];
    if (c0 === '#' || c0 === ';') {
      comments.push({ text: text.slice(s, e), line: lineNo });
      continue;
    }
    if (c0 === '[') {
      const close = lastIndexIn(text, ']', s, e);
      if (close < 0) {
        problems.push({ message: `unclosed section header: ${text.slice(s, Math.min(e, s + 60))} (go-ini refuses the whole file)`, span: { start: s, end: e } });
        continue;
      }
      current.span.end = lineStart;
      current = { name: text.slice(s + 1, close), headerSpan: { start: s, end: close + 1 }, entries: [], span: { start: lineStart, end: text.length } };
      sections.push(current);
      continue;
    }
    // readKeyName: quoted keys are rare in these files; the delimiter search skips the quoted part.
    let keyFrom = s;
    let keyTo: number;
    let delim: number;
    const q = text.startsWith('"""', s) && e - s > 6 ? '"""' : c0 === '"' ? '"' : c0 === '`' ? '`' : '';
    if (q) {
      const close = text.indexOf(q, s + q.length);
      if (close < 0 || close >= e) {
        problems.push({ message: `missing closing key quote: ${text.slice(s, Math.min(e, s + 60))}`, span: { start: s, end: e } });
        continue;
      }
      delim = indexOfAny(text, '=:', close + q.length, e);
      keyFrom = s + q.length;
      keyTo = close;
    } else {
      delim = indexOfAny(text, '=:', s, e);
      keyTo = delim;
    }
    if (delim < 0 || delim === s) {
      problems.push({ message: `no key-value delimiter (= or :) in: ${text.slice(s, Math.min(e, s + 60))} (go-ini refuses the whole file)`, span: { start: s, end: e } });
      continue;
    }
    while (keyFrom < keyTo && isSpace(text.charCodeAt(keyFrom))) keyFrom++;
    while (keyTo > keyFrom && isSpace(text.charCodeAt(keyTo - 1))) keyTo--;
    const key = text.slice(keyFrom, keyTo);
    let v = delim + 1;
    while (v < rawEnd && isSpace(text.charCodeAt(v))) v++;
    const entry: IniEntry = {
      key,
      keySpan: { start: keyFrom, end: keyTo },
      value: '',
      valueSpan: { start: v, end: v },
      quote: '',
      entrySpan: { start: s, end: next },
      indent,
      separator: text.slice(q ? keyTo + q.length : keyTo, v),
      line: lineNo,
    };
    current.entries.push(entry);
    if (v >= e) {
      entry.separator = text.slice(q ? keyTo + q.length : keyTo, delim + 1) + (text.slice(delim + 1, e) ? '' : ' ');
      continue;
    }
    // readValue. The line as go-ini sees it still ends with its '\n' (readUntil('\n')).
    const vq = text.startsWith('"""', v) && next - v > 3 ? '"""' : text[v] === '`' ? '`' : '';
    if (vq) {
      const close = lastIndexIn(text, vq, v + vq.length, rawEnd);
      if (close >= 0) {
        entry.quote = vq;
        entry.value = text.slice(v + vq.length, close);
        entry.valueSpan = { start: v, end: close + vq.length };
        continue;
      }
      // readMultilines: the next lines up to the last quote of the first line that has one
      let value = text.slice(v + vq.length, next);
      let p = next;
      let found = false;
      while (p < text.length) {
        const l = lineAt(p);
        line++;
        const lineText = text.slice(p, l.next);
        const at = lineText.lastIndexOf(vq);
        if (at >= 0) {
          value += lineText.slice(0, at);
          entry.valueSpan = { start: v, end: p + at + vq.length };
          entry.entrySpan.end = l.next;
          found = true;
          pos = l.next;
          break;
        }
        value += lineText;
        p = l.next;
      }
      if (!found) {
        problems.push({ message: `missing closing ${vq} quote for the value of ${key} (go-ini refuses the whole file)`, span: { start: v, end: e } });
        entry.valueSpan = { start: v, end: e };
        entry.value = text.slice(v, e);
        pos = text.length;
        continue;
      }
      entry.quote = vq;
      entry.value = value;
      continue;
    }
    if (!opts.ignoreContinuation && text[e - 1] === '\\') {
      // readContinuationLines: trimmed next lines appended until one does not end with '\' (or is empty);
      // no inline-comment handling on this path.
      let value = text.slice(v, e - 1);
      let p = next;
      let end = e;
      while (p < text.length) {
        const l = lineAt(p);
        let a = p;
        while (a < l.end && isSpace(text.charCodeAt(a))) a++;
        let b = l.end;
        while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
        line++;
        p = l.next;
        if (a >= b) break;
        value += text.slice(a, b);
        end = b;
        if (text[b - 1] !== '\\') break;
        value = value.slice(0, -1);
      }
      entry.value = value;
      entry.valueSpan = { start: v, end };
      entry.entrySpan.end = p;
      pos = p;
      continue;
    }
    let valEnd = e;
    const hash = indexOfAny(text, '#;', v, e);
    if (hash >= 0) {
      valEnd = hash;
      while (valEnd > v && isSpace(text.charCodeAt(valEnd - 1))) valEnd--;
      if (hash > v && !isSpace(text.charCodeAt(hash - 1))) {
        // a comment character inside a word: meant as part of the value
        let meant = e;
        for (let i = hash + 1; i < e; i++) {
          const c = text[i];
          if ((c === '#' || c === ';') && isSpace(text.charCodeAt(i - 1))) {
            meant = i;
            while (meant > hash && isSpace(text.charCodeAt(meant - 1))) meant--;
            break;
          }
        }
        entry.truncated = { at: hash, end: meant };
      }
    }
    let value = text.slice(v, valEnd);
    let quote: IniEntry['quote'] = '';
    if (value.length >= 2) {
      const f = value[0];
      if ((f === '"' || f === "'") && value[value.length - 1] === f && value.indexOf(f, 1) === value.length - 1) {
        quote = f;
        value = value.slice(1, -1);
      }
    }
    entry.value = value;
    entry.quote = quote;
    entry.valueSpan = { start: v, end: valEnd };
  }
  return { sections, comments, problems };
}

/** Last index of `what` wholly inside [from, to), or -1 (lastIndexOf without scanning the rest of the text). */
function lastIndexIn(text: string, what: string, from: number, to: number): number {
  if (to - from < what.length) return -1;
  const i = text.slice(from, to).lastIndexOf(what);
  return i < 0 ? -1 : from + i;
}

function indexOfAny(text: string, chars: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (chars.includes(text[i])) return i;
  return -1;
}
