// C# expression evaluation over tokens, for the reader: literals, `SecureSocketOptions.X`, intra-file constants and
// locals (`const int Port = 465;`, `var port = 465;`), conversions (`int.Parse`, `Convert.ToInt32`, `bool.Parse`),
// `a ?? b` fallbacks, environment reads (`Environment.GetEnvironmentVariable("SMTP_PORT")`) and configuration reads
// (`Configuration["Smtp:Port"]`, `GetValue<int>("Smtp:Port", 587)`, `GetSection("Smtp")["Port"]`,
// `GetSection("Smtp").GetValue<int>("Port")`). Configuration values come from an environment override (`Smtp__Port`
// in the workspace's .env files, semantics/dotnet-config.ts) or from the nearest appsettings.json (read through
// ctx.modules: the CLI and the language server provide it; readers never touch the file system). Anything else is
// unknown: no guess.
import * as path from 'node:path';
import type { SourceRef, Span } from '../../model/types';
import type { ReadContext } from '../types';
import { configKeyPath, envOverrideNames } from '../../semantics/dotnet-config';
import { configValueIn } from '../json/index';
import type { Token } from './tokens';

export interface CsVal {
  kind: 'literal' | 'env' | 'unknown';
  value?: string | number | boolean | null;
  text: string;
  span: Span;
  quote: '' | '"';
  envVar?: string;
  resolvedFrom?: SourceRef;
}

const MAX_DEPTH = 8;
/** How many folders up from a .cs file the reader looks for appsettings.json (project folder of src/X/Y.cs). */
const APPSETTINGS_UP = 5;

export class CsEval {
  private readonly closers = new Map<number, number>();
  /** name → definitions (token range of the value, position) in text order. */
  private readonly consts = new Map<string, { at: number; from: number; to: number }[]>();
  private appsettings: { file: string; text: string } | null | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly tokens: Token[],
    readonly ctx: ReadContext,
  ) {
    // bracket matching once, with a stack (unbalanced text: unclosed brackets close at the end)
    const stack: number[] = [];
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    tokens.forEach((t, i) => {
      if (t.kind !== 'punct') return;
      if (t.text === '(' || t.text === '[' || t.text === '{') stack.push(i);
      else if (pairs[t.text]) {
        // pop to the matching opener (a stray closer is ignored)
        for (let k = stack.length - 1; k >= 0; k--) {
          if (tokens[stack[k]].text === pairs[t.text]) {
            this.closers.set(stack[k], i);
            stack.length = k;
            break;
          }
        }
      }
    });
  }

  /** The index of the bracket closing the one at `open` (tokens.length when unclosed). */
  match(open: number): number {
    return this.closers.get(open) ?? this.tokens.length;
  }

  spanOf(from: number, to: number): Span {
    const a = this.tokens[from];
    const b = this.tokens[Math.max(from, to - 1)];
    return a && b ? { start: a.start, end: b.end } : { start: 0, end: 0 };
  }

  src(from: number, to: number): string {
    const s = this.spanOf(from, to);
    return this.text.slice(s.start, s.end);
  }

  /** `const T NAME = expr;`, `var NAME = expr;`, `T NAME = expr;` (fields and locals, the whole file). */
  collectConstants(): void {
    const t = this.tokens;
    for (let i = 1; i + 2 < t.length; i++) {
      if (t[i].kind !== 'id' || t[i + 1].text !== '=' || t[i - 1].kind !== 'id') continue;
      // the token before the name is a type or var/const (not `x.y = …`, which is an assignment to a member)
      if (t[i - 2]?.text === '.') continue;
      const end = this.valueEnd(i + 2);
      if (end <= i + 2) continue;
      const list = this.consts.get(t[i].text) ?? [];
      list.push({ at: t[i].start, from: i + 2, to: end });
      this.consts.set(t[i].text, list);
    }
  }

  private valueEnd(from: number): number {
    let depth = 0;
    for (let i = from; i < this.tokens.length; i++) {
      const x = this.tokens[i];
      if (x.kind !== 'punct') continue;
      if (x.text === '(' || x.text === '[' || x.text === '{') depth++;
      else if (x.text === ')' || x.text === ']' || x.text === '}') {
        if (depth === 0) return i;
        depth--;
      } else if ((x.text === ';' || x.text === ',') && depth === 0) return i;
    }
    return this.tokens.length;
  }

  private constant(name: string, at: number): { from: number; to: number } | undefined {
    let best: { from: number; to: number } | undefined;
    for (const d of this.consts.get(name) ?? []) if (d.at < at) best = d;
    return best;
  }

  private unknown(from: number, to: number): CsVal {
    return { kind: 'unknown', text: this.src(from, to), span: this.spanOf(from, to), quote: '' };
  }

  evaluate(from: number, to: number, depth = 0): CsVal {
    const t = this.tokens;
    if (to <= from || !t[from]) return { kind: 'unknown', text: '', span: { start: 0, end: 0 }, quote: '' };
    if (depth > MAX_DEPTH) return this.unknown(from, to);
    // (expr) and casts `(int)expr`
    if (t[from].text === '(' && this.match(from) === to - 1) return this.evaluate(from + 1, to - 1, depth + 1);
    if (t[from].text === '(' && t[from + 1]?.kind === 'id' && t[from + 2]?.text === ')' && /^(int|bool|string|long|short)$/.test(t[from + 1].text)) {
      const v = this.evaluate(from + 3, to, depth + 1);
      return this.convert(v, t[from + 1].text === 'bool' ? 'bool' : t[from + 1].text === 'string' ? 'string' : 'int');
    }
    // a ?? b (the default applies while the variable is unset)
    const coalesce = this.topLevel(from, to, '??');
    if (coalesce >= 0) return this.fallback(from, coalesce, to, depth);
    if (to - from === 1) return this.single(t[from], depth);
    const dotted = this.dotted(from, to);
    if (dotted) {
      // SecureSocketOptions.StartTls, MailKit.Security.SecureSocketOptions.Auto, int.MaxValue …
      if (/(?:^|\.)SecureSocketOptions\.\w+$/.test(dotted)) return { kind: 'literal', value: dotted, text: dotted, span: this.spanOf(from, to), quote: '' };
      return this.unknown(from, to);
    }
    // calls: Name(args), a.b.Name(args), a.GetValue<T>(args)
    const last = t[to - 1];
    if (last.text === ')') {
      const open = this.openerOf(to - 1, from);
      if (open > from) return this.call(from, open, to, depth);
    }
    // indexer: X["key"]
    if (last.text === ']') {
      const open = this.openerOf(to - 1, from);
      if (open > from && open === to - 3 && t[open + 1].kind === 'str' && t[open + 1].plain) {
        const before = this.src(from, open);
        const section = /GetSection\(\s*(?:"([^"]*)")\s*\)$/.exec(before.replace(/\s+/g, ''));
        const key = t[open + 1].text;
        if (section) return this.configRead(`${section[1]}:${key}`, undefined, from, to, depth);
        if (/config/i.test(before)) return this.configRead(key, undefined, from, to, depth);
      }
    }
    return this.unknown(from, to);
  }

  private single(tok: Token, depth: number): CsVal {
    const span = { start: tok.start, end: tok.end };
    switch (tok.kind) {
      case 'str':
        if (!tok.plain) return { kind: 'unknown', text: this.text.slice(tok.start, tok.end), span, quote: '' };
        // a regular "…" keeps its quotes on edits; @"…" / """…""" are replaced whole
        return { kind: 'literal', value: tok.text, text: tok.text, span, quote: this.text[tok.start] === '"' && this.text[tok.start + 1] !== '"' ? '"' : '' };
      case 'num': {
        const v = Number(tok.text.replace(/[uUlLfFdDmM]+$/, ''));
        return Number.isFinite(v) ? { kind: 'literal', value: v, text: tok.text, span, quote: '' } : { kind: 'unknown', text: tok.text, span, quote: '' };
      }
      case 'id': {
        if (tok.text === 'true' || tok.text === 'false') return { kind: 'literal', value: tok.text === 'true', text: tok.text, span, quote: '' };
        if (tok.text === 'null') return { kind: 'literal', value: null, text: 'null', span, quote: '' };
        const def = this.constant(tok.text, tok.start);
        return def ? this.evaluate(def.from, def.to, depth + 1) : { kind: 'unknown', text: tok.text, span, quote: '' };
      }
      default:
        return { kind: 'unknown', text: this.text.slice(tok.start, tok.end), span, quote: '' };
    }
  }

  /** The tokens [from, to) are a dotted name `a.b.c` (ids and dots only). */
  private dotted(from: number, to: number): string | undefined {
    if ((to - from) % 2 === 0) return undefined;
    for (let i = from; i < to; i++) {
      const want = (i - from) % 2 === 0 ? 'id' : '.';
      if (want === 'id' ? this.tokens[i].kind !== 'id' : this.tokens[i].text !== '.') return undefined;
    }
    return this.tokens.slice(from, to).map((x) => x.text).join('');
  }

  /** Index of an operator `op` at bracket depth 0 in [from, to), or -1. */
  private topLevel(from: number, to: number, op: string): number {
    for (let i = from; i < to; i++) {
      const x = this.tokens[i];
      if (x.kind !== 'punct') continue;
      if (x.text === '(' || x.text === '[' || x.text === '{') {
        i = Math.min(to, this.match(i));
        continue;
      }
      if (x.text === '?' || x.text === ':') return -1; // a ternary: not a value we follow
      if (x.text === op) return i;
    }
    return -1;
  }

  /** The index of the bracket that `close` closes, searching from `from`. */
  private openerOf(close: number, from: number): number {
    for (let i = close - 1; i >= from; i--) if (this.closers.get(i) === close) return i;
    return -1;
  }

  private argRanges(open: number, close: number): [number, number][] {
    const out: [number, number][] = [];
    let a = open + 1;
    for (let i = open + 1; i <= close; i++) {
      const x = this.tokens[i];
      if (!x) break;
      if (i < close && x.kind === 'punct' && (x.text === '(' || x.text === '[' || x.text === '{')) {
        i = Math.min(close, this.match(i)) ;
        if (i === close) break;
        continue;
      }
      if (i === close || x.text === ',') {
        if (i > a) out.push([a, i]);
        a = i + 1;
      }
    }
    return out;
  }

  private call(from: number, open: number, to: number, depth: number): CsVal {
    const callee = this.src(from, open).replace(/\s+/g, '');
    const args = this.argRanges(open, to - 1);
    const strArg = (k: number) => {
      const a = args[k];
      return a && a[1] - a[0] === 1 && this.tokens[a[0]].kind === 'str' && this.tokens[a[0]].plain ? this.tokens[a[0]].text : undefined;
    };
    if (/^(?:System\.)?Environment\.GetEnvironmentVariable$/.test(callee)) {
      const name = strArg(0);
      if (name) return this.envRead(name, from, to);
    }
    let m = /^(?:int|System\.Int32|long|short)\.Parse$|^Convert\.ToInt(?:16|32|64)$/.exec(callee);
    if (m && args[0]) return this.convert(this.evaluate(args[0][0], args[0][1], depth + 1), 'int', from, to);
    m = /^(?:bool|System\.Boolean)\.Parse$|^Convert\.ToBoolean$/.exec(callee);
    if (m && args[0]) return this.convert(this.evaluate(args[0][0], args[0][1], depth + 1), 'bool', from, to);
    // configuration.GetValue<int>("Smtp:Port", 587), configuration.GetSection("Smtp").GetValue<int>("Port")
    m = /^(.*)\.GetValue(?:<[\w.?]+>)?$/.exec(callee);
    if (m && strArg(0)) {
      const section = /GetSection\("([^"]*)"\)$/.exec(m[1]);
      if (section || /config/i.test(m[1])) return this.configRead(section ? `${section[1]}:${strArg(0)}` : strArg(0)!, args[1], from, to, depth);
    }
    // GetSection("Smtp:Port").Value is not a call: handled as unknown
    return this.unknown(from, to);
  }

  private convert(v: CsVal, to: 'int' | 'bool' | 'string', from?: number, end?: number): CsVal {
    const out = from !== undefined && end !== undefined && v.kind !== 'literal' ? { ...v, span: this.spanOf(from, end), text: this.src(from, end) } : v;
    if (v.value === undefined || v.value === null) return out;
    if (to === 'int') {
      const n = typeof v.value === 'number' ? v.value : /^\s*-?\d+\s*$/.test(String(v.value)) ? Number(v.value) : undefined;
      return n === undefined ? { ...out, kind: out.kind === 'literal' ? 'unknown' : out.kind, value: undefined } : { ...out, value: n };
    }
    if (to === 'bool') {
      const s = String(v.value).trim().toLowerCase();
      return s === 'true' || s === 'false' ? { ...out, value: s === 'true' } : { ...out, value: undefined };
    }
    return { ...out, value: String(v.value) };
  }

  private fallback(from: number, op: number, to: number, depth: number): CsVal {
    const left = this.evaluate(from, op, depth + 1);
    if (left.kind === 'env' && left.resolvedFrom && left.value !== undefined && left.value !== null) return { ...left, span: this.spanOf(from, to), text: this.src(from, to) };
    if (left.kind === 'env') {
      const d = this.evaluate(op + 1, to, depth + 1);
      return d.kind === 'literal' ? { ...d, envVar: left.envVar } : { ...left, span: this.spanOf(from, to), text: this.src(from, to) };
    }
    return this.unknown(from, to);
  }

  private envRead(name: string, from: number, to: number): CsVal {
    const hit = this.ctx.env?.get(this.file, name);
    const base = { text: this.src(from, to), span: this.spanOf(from, to), quote: '' as const, envVar: name };
    return hit ? { ...base, kind: 'env', value: hit.value, resolvedFrom: hit.ref } : { ...base, kind: 'env' };
  }

  /** A configuration key: an environment override wins, then appsettings.json, then the default argument. */
  private configRead(key: string, dflt: [number, number] | undefined, from: number, to: number, depth: number): CsVal {
    const keyPath = configKeyPath(key);
    const base = { text: this.src(from, to), span: this.spanOf(from, to), quote: '' as const };
    for (const name of envOverrideNames(keyPath)) {
      const hit = this.ctx.env?.get(this.file, name);
      if (hit) return { ...base, kind: 'env', value: hit.value, envVar: name, resolvedFrom: hit.ref };
    }
    const settings = this.appsettingsFile();
    const found = settings ? configValueIn(settings.text, keyPath) : undefined;
    if (settings && found) return { ...base, kind: 'env', value: found.value, envVar: keyPath.join(':'), resolvedFrom: { file: settings.file, span: found.span } };
    if (dflt) {
      const d = this.evaluate(dflt[0], dflt[1], depth + 1);
      if (d.kind === 'literal') return { ...d, envVar: keyPath.join(':') };
    }
    return { ...base, kind: 'env', envVar: keyPath.join(':') };
  }

  /** The nearest appsettings.json up the folders from this file (once per file). */
  private appsettingsFile(): { file: string; text: string } | undefined {
    if (this.appsettings !== undefined) return this.appsettings ?? undefined;
    this.appsettings = null;
    const modules = this.ctx.modules;
    if (!modules || !path.isAbsolute(this.file)) return undefined;
    for (let up = 0; up <= APPSETTINGS_UP; up++) {
      const spec = (up === 0 ? './' : '../'.repeat(up)) + 'appsettings.json';
      const hit = modules.read(this.file, spec);
      if (hit) {
        this.appsettings = hit;
        return hit;
      }
    }
    return undefined;
  }
}
