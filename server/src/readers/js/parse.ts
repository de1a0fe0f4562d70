// Parse strategy: how much of a file babel parses, and what to do when it cannot (the file-level choices
// described in readers/js/index.ts): region mode, the whole-file parse with error recovery, and the text
// scan for huge or hopelessly broken files. It wires the other parts: bindings (what names stand for),
// transport detection (which calls build a transport), options → config, sites; plus suppression comments.
import { parse, parseExpression, type ParserOptions, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import type { ReadProblem, ReadResult } from '../../model/types';
import { addSuppressionComment, emptySuppressions, mentionsSuppression } from '../suppressions';
import type { ReadContext } from '../types';
import { Bindings, memberPath, walk, type ModuleRef } from './bindings';
import { NODE_TLS, TransportDetector, type TransportTarget } from './detect';
import { propName, unwrap } from './evaluate';
import { OptionsReader } from './options';
import { keepChunksWith, keepLikelyDeclarations, maskText, statementBoundaries } from './regions';
import { commentRanges, inRanges, matchClose, splitTopLevel } from './scan';
import { SourceText } from './sites';

export const FULL_PARSE_MAX = 1_000_000;
export const SCAN_MAX = 50_000_000;
/** Tests only: `regions: false` reads every file with a whole-file parse (the reference region mode must equal). */
export const jsReaderOptions = { regions: true };
/** How many files region mode read, and how many fell back to the whole-file parse (for tests and profiling). */
export const regionStats = { regions: 0, full: 0, maskedParses: 0 };
const NEEDLES = ['createTransport', NODE_TLS, 'MailerModule'] as const;

/** Cheap text test: a transport is built with createTransport (or NestJS MailerModule), the global switch is named in full. */
export function mayContainMail(text: string): boolean {
  return NEEDLES.some((needle) => text.includes(needle));
}

// Decorators (NestJS, TypeORM services) and `accessor` fields are everyday TypeScript: without these
// plugins babel would throw on them.
const COMMON_PLUGINS: ParserPlugin[] = ['decorators-legacy', 'decoratorAutoAccessors'];

function pluginsFor(file: string): ParserPlugin[] {
  const ext = /\.[^./\\]+$/.exec(file)?.[0].toLowerCase() ?? '.js';
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return ['typescript', ...COMMON_PLUGINS];
  if (ext === '.tsx') return ['typescript', 'jsx', ...COMMON_PLUGINS];
  return ['jsx', ...COMMON_PLUGINS];
}

export function parserOptions(file: string): ParserOptions {
  return {
    sourceType: 'unambiguous',
    errorRecovery: true,
    attachComment: false,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    allowSuperOutsideMethod: true,
    plugins: pluginsFor(file),
  };
}

/** One file's reading: the parse strategy driving bindings, detection and options → config. */
export class FileReader {
  readonly problems: ReadProblem[] = [];
  readonly suppressions = emptySuppressions();
  readonly src: SourceText;
  readonly bindings: Bindings;
  readonly detector: TransportDetector;
  readonly options: OptionsReader;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly ctx: ReadContext,
  ) {
    this.src = new SourceText(file, text);
    this.bindings = new Bindings(file, text, ctx.env);
    this.options = new OptionsReader(this.src, this.bindings, ctx.versionOf);
    this.detector = new TransportDetector(this.bindings, (right, stmt) => this.options.addGlobal(right, stmt));
  }

  // ------------------------------------------------------------------ region mode (the normal path)
  /**
   * Region mode: parses only some top-level statements (regions.ts) — first those holding a needle, then
   * every statement that contains a name the reading looked up, again, until no lookup names anything new.
   * The reader's lookups are by name, file-wide, so once every statement mentioning each looked-up name is
   * kept, the result is exactly that of a whole-file parse (a fresh reader reads each round). Undefined
   * when unsure (the lexical pass gave up, the masked text does not parse cleanly, a renamed createTransport
   * import, most of the file kept anyway): the caller then uses readFull().
   */
  static readRegions(file: string, text: string, ctx: ReadContext): FileReader | undefined {
    const bounds = statementBoundaries(text);
    if (!bounds || bounds.length <= 2) return undefined;
    const keep = new Uint8Array(bounds.length - 1);
    for (const needle of NEEDLES) keepChunksWith(text, bounds, keep, needle);
    // Suppression comments: the statements holding them are kept (a comment never spans two statements).
    if (mentionsSuppression(text)) keepChunksWith(text, bounds, keep, 'mail-config-lint-disable');
    keepLikelyDeclarations(text, bounds, keep);
    const hits = needleHits(text); // the same for every round: offsets in `text`, which masking keeps
    const checked = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const masked = maskText(text, bounds, keep);
      if (masked === undefined) return undefined;
      const r = new FileReader(file, text, ctx);
      const looked = new Set<string>();
      r.bindings.onLookup = (name) => looked.add(name);
      if (!r.readMasked(masked, hits)) return undefined;
      let grew = false;
      // A name may also be spelled with \u escapes (`\u0061bc` is abc): keep such chunks once anything is looked up.
      if (looked.size && !checked.has('\\u')) {
        checked.add('\\u');
        if (keepChunksWith(text, bounds, keep, '\\u')) grew = true;
      }
      for (const name of looked) {
        if (checked.has(name)) continue;
        checked.add(name);
        if (keepChunksWith(text, bounds, keep, name)) grew = true;
      }
      if (!grew) return r;
    }
    return undefined;
  }

  private readMasked(masked: string, hits: number[]): boolean {
    regionStats.maskedParses++;
    let ast: t.File;
    try {
      ast = parse(masked, parserOptions(this.file)) as unknown as t.File;
    } catch {
      return false;
    }
    if (((ast as unknown as { errors?: unknown[] }).errors ?? []).length) return false;
    this.bindings.program = ast.program;
    walk(ast.program, (n) => this.detector.visit(n), (n) => hasHit(hits, n.start ?? 0, n.end ?? 0));
    if (this.detector.aliases.size > 1) return false;
    this.readTransports();
    if (mentionsSuppression(this.text)) this.suppressionsFromComments(ast.comments ?? []);
    return true;
  }

  private readTransports(): void {
    for (const target of this.detector.targets()) this.readTarget(target);
  }

  private readTarget(target: TransportTarget): void {
    if (target.module) this.readImported(target, target.module);
    else this.options.read(target);
  }

  /**
   * createTransport(cfg) where cfg comes from a local module (`import cfg from './config/mail'`,
   * `require('./config').smtp`): ONE hop. The module's text comes from ctx.modules (the CLI and the language
   * server read it, bounded and cached); it is read whole, without following its own imports, and the
   * config it yields lives in that file (its fields, findings and fixes point there).
   */
  private readImported(target: TransportTarget, ref: ModuleRef): void {
    const hit = this.ctx.modules?.read(this.file, ref.specifier);
    if (!hit || hit.file === this.file) return;
    const other = new FileReader(hit.file, hit.text, { env: this.ctx.env, versionOf: this.ctx.versionOf });
    const node = other.exported(ref.path);
    if (!node) return;
    const r = other.bindings.resolveArg(node);
    if (!r || r.module || (!r.obj && !r.url)) return;
    const before = other.options.configs.length;
    other.options.read({ ...r, span: { start: node.start ?? 0, end: node.end ?? 0 }, name: `${target.name ? `${target.name} ` : ''}(options from ${ref.specifier})` });
    for (const cfg of other.options.configs.slice(before)) {
      cfg.id = `js:${hit.file}:${cfg.span.start}`;
      this.options.configs.push(cfg);
    }
  }

  /**
   * The node a module exports under `path` (['default'] = module.exports / export default; ['smtp'] = a named
   * export; further names = properties), parsed whole. Undefined when not found or the module does not parse.
   */
  exported(path: readonly string[]): t.Node | undefined {
    if (path.length === 0) return undefined;
    let ast: t.File;
    try {
      ast = parse(this.text, parserOptions(this.file)) as unknown as t.File;
    } catch {
      return undefined;
    }
    this.bindings.program = ast.program;
    const [first, ...rest] = path;
    let node: t.Node | undefined;
    let props = rest;
    const named = (name: string): t.Node | undefined => {
      for (const st of ast.program.body) {
        if (st.type === 'ExportNamedDeclaration' && st.declaration?.type === 'VariableDeclaration') {
          for (const d of st.declaration.declarations) if (d.id.type === 'Identifier' && d.id.name === name && d.init) return d.init;
        }
        if (st.type === 'ExportNamedDeclaration' && !st.source) {
          for (const s of st.specifiers) {
            if (s.type === 'ExportSpecifier' && propName(s.exported, false) === name && s.local.type === 'Identifier') return this.bindings.lookup(s.local.name, st.start ?? 0);
          }
        }
      }
      // exports.smtp = … / module.exports.smtp = …
      return this.moduleExportsAssignment(ast, name);
    };
    if (first === 'default') {
      for (const st of ast.program.body) {
        if (st.type === 'ExportDefaultDeclaration' && st.declaration.type !== 'FunctionDeclaration' && st.declaration.type !== 'ClassDeclaration' && st.declaration.type !== 'TSDeclareFunction') node = st.declaration as t.Node;
      }
      node ??= this.moduleExportsAssignment(ast, undefined);
      // const { smtp } = require('./config') where config only has exports.smtp = …
      if (!node && props.length) {
        node = named(props[0]);
        props = props.slice(1);
      }
    } else {
      node = named(first);
      if (!node) {
        // import { smtp } from './config' where config.js is CommonJS: module.exports = { smtp: … }
        node = this.moduleExportsAssignment(ast, undefined);
        props = [first, ...rest];
      }
    }
    for (const p of props) {
      if (!node) return undefined;
      const obj = this.bindings.resolveArg(node)?.obj;
      node = obj ? this.bindings.collect(obj).props.get(p)?.value : undefined;
    }
    return node;
  }

  /** The value of the last top-level `module.exports = …` (name undefined) or `exports.name = …`. */
  private moduleExportsAssignment(ast: t.File, name: string | undefined): t.Node | undefined {
    let found: t.Node | undefined;
    for (const st of ast.program.body) {
      if (st.type !== 'ExpressionStatement') continue;
      const e = unwrap(st.expression);
      if (e?.type !== 'AssignmentExpression' || e.operator !== '=') continue;
      const p = memberPath(e.left);
      if (name === undefined ? p === 'module.exports' : p === `module.exports.${name}` || p === `exports.${name}`) found = e.right;
    }
    return found;
  }

  // ------------------------------------------------------------------ full parse
  readFull(): void {
    let ast: t.File;
    try {
      ast = parse(this.text, parserOptions(this.file)) as unknown as t.File;
    } catch (e) {
      const err = e as { message?: string; pos?: number };
      this.problems.push({
        kind: 'parse-error',
        message:
          e instanceof RangeError
            ? 'could not parse this file as a whole (the code is nested too deeply); read what could be found'
            : `JavaScript/TypeScript syntax error, read what could be found: ${String(err.message ?? e).replace(/\s*\(\d+:\d+\)$/, '')}`,
        span: typeof err.pos === 'number' ? { start: err.pos, end: err.pos } : undefined,
      });
      this.readScan();
      return;
    }
    const errors = (ast as unknown as { errors?: { message: string; pos?: number }[] }).errors ?? [];
    if (errors.length) {
      const e0 = errors[0];
      this.problems.push({
        kind: 'parse-error',
        message: `JavaScript/TypeScript syntax error (${errors.length} in this file), read what could be found: ${e0.message.replace(/\s*\(\d+:\d+\)$/, '')}`,
        span: typeof e0.pos === 'number' ? { start: e0.pos, end: e0.pos } : undefined,
      });
    }
    // Targeted walk: only the subtrees that contain `createTransport` / NODE_TLS_REJECT_UNAUTHORIZED in their
    // text (the parse is the cost; visiting every node of a large file would nearly double it).
    this.bindings.program = ast.program;
    const hits = needleHits(this.text);
    walk(ast.program, (n) => this.detector.visit(n), (n) => hasHit(hits, n.start ?? 0, n.end ?? 0));
    // A renamed import/require (import { createTransport as mk }): its calls do not name createTransport.
    if (this.detector.aliases.size > 1) walk(ast.program, (n) => this.detector.visit(n));
    this.readTransports();
    if (mentionsSuppression(this.text)) this.suppressionsFromComments(ast.comments ?? []);
  }

  // ------------------------------------------------------------------ scan mode (huge or broken files)
  readScan(): void {
    const text = this.text;
    const opts = parserOptions(this.file);
    // Commented-out code (`// createTransport({ secure: false })`) is not a transport.
    const comments = commentRanges(text);
    for (let i = text.indexOf('createTransport'); i >= 0; i = text.indexOf('createTransport', i + 15)) {
      if (i > 0 && /[\w$]/.test(text[i - 1])) continue;
      if (inRanges(comments, i)) continue;
      let j = i + 15;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] !== '(') continue;
      const { end } = matchClose(text, j, Math.min(text.length, j + 200_000));
      let start = i;
      while (start > 0 && /[\w$.?]/.test(text[start - 1])) start--;
      const calleeText = text.slice(start, i);
      if (calleeText && !calleeText.endsWith('.') && !calleeText.endsWith('?.')) continue;
      const args = splitTopLevel(text, j + 1, text[end - 1] === ')' ? end - 1 : end);
      if (args.length === 0) continue;
      const argNode = this.parseLenient(args[0].start, args[0].end, opts);
      if (!argNode) continue;
      const call = { type: 'CallExpression', start, end, callee: { type: 'Identifier', name: 'createTransport', start, end: i + 15 }, arguments: [argNode] } as unknown as t.CallExpression;
      const target = this.detector.callTarget(call, argNode);
      if (target) this.readTarget(target);
    }
    // Global switch: process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
    const re = /process\.env(?:\.NODE_TLS_REJECT_UNAUTHORIZED|\[\s*(['"`])NODE_TLS_REJECT_UNAUTHORIZED\1\s*\])\s*=(?!=)\s*/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (inRanges(comments, m.index)) continue;
      const vStart = m.index + m[0].length;
      const vm = /^(?:(['"`])([^'"`\n]*)\1|[\w.$]+)/.exec(text.slice(vStart, vStart + 200));
      if (!vm) continue;
      let node: t.Node | undefined;
      try {
        node = parseExpression(vm[0], { ...opts, startIndex: vStart }) as t.Node;
      } catch {
        continue;
      }
      let stmtEnd = vStart + vm[0].length;
      if (text[stmtEnd] === ';') stmtEnd++;
      const stmt = { type: 'ExpressionStatement', start: m.index, end: stmtEnd } as unknown as t.Node;
      this.options.addGlobal(node, stmt);
    }
    if (mentionsSuppression(text)) this.suppressionsFromText();
  }

  /** Text searches for `const NAME = {` in scan mode (each is linear in the file): capped per file. */
  private regexLookups = 0;

  /** Parses text[start,end) as an expression; for a broken object literal, property by property. */
  private parseLenient(start: number, end: number, opts: ParserOptions, depth = 0): t.Node | undefined {
    const src = this.text.slice(start, end);
    try {
      const n = parseExpression(src, { ...opts, startIndex: start }) as t.Node;
      if (n.type !== 'Identifier' || depth > 0) return n;
    } catch {
      /* fall through */
    }
    if (depth > 8) return undefined;
    const lead = src.length - src.trimStart().length;
    const open = start + lead;
    if (this.text[open] === '{') {
      const { end: close, closed } = matchClose(this.text, open, end);
      const inner = splitTopLevel(this.text, open + 1, closed ? close - 1 : close);
      const properties: t.Node[] = [];
      for (const part of inner) {
        const p = this.parseProperty(part.start, part.end, opts, depth);
        if (p) properties.push(p);
      }
      return { type: 'ObjectExpression', start: open, end: close, properties } as unknown as t.Node;
    }
    // An identifier bound to an object in this (unparseable) file: const NAME[: Type] = { ... }
    const id = /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(src);
    if (id && this.regexLookups++ < 20) {
      const re = new RegExp(`(?:const|let|var)\\s+${id[1].replace(/\$/g, '\\$')}\\s*(?::[^=\\n]*)?=\\s*\\{`, 'g');
      const m = re.exec(this.text);
      if (m && m.index + m[0].length - 1 < start) {
        const o = m.index + m[0].length - 1;
        const { end: close } = matchClose(this.text, o, Math.min(this.text.length, o + 200_000));
        return this.parseLenient(o, close, opts, depth + 1);
      }
    }
    return undefined;
  }

  private parseProperty(start: number, end: number, opts: ParserOptions, depth: number): t.Node | undefined {
    // `key: value` parsed as `({key: value})`, positions kept by startIndex.
    const src = this.text.slice(start, end);
    try {
      const o = parseExpression(`{${src}}`, { ...opts, startIndex: start - 1 }) as t.Node;
      if (o.type === 'ObjectExpression' && o.properties.length === 1) return o.properties[0];
    } catch {
      /* fall through */
    }
    const m = /^(\s*)(['"]?)([A-Za-z_$][\w$]*)\2\s*:\s*/.exec(src);
    if (!m) return undefined;
    const valueStart = start + m[0].length;
    if (valueStart >= end) return undefined;
    const value = this.parseLenient(valueStart, end, opts, depth + 1);
    if (!value) return undefined;
    const keyStart = start + m[1].length;
    const keyEnd = keyStart + m[2].length * 2 + m[3].length;
    const key = m[2] ? { type: 'StringLiteral', value: m[3], start: keyStart, end: keyEnd } : { type: 'Identifier', name: m[3], start: keyStart, end: keyEnd };
    return { type: 'ObjectProperty', start: keyStart, end: value.end, key, value, computed: false, shorthand: false } as unknown as t.Node;
  }

  // ------------------------------------------------------------------ suppressions
  private suppressionsFromComments(comments: readonly t.Comment[]): void {
    for (const c of comments) {
      if (!c.value.includes('mail-config-lint-disable')) continue;
      // A block comment applies to the line after the comment's last line.
      addSuppressionComment(this.suppressions, c.value, this.src.lineOf(c.end ?? 0));
    }
  }

  private suppressionsFromText(): void {
    const re = /(\/\/|\/\*)([^\n]*mail-config-lint-disable[^\n]*)/g;
    for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
      let body = m[2];
      let endAt = m.index + m[0].length;
      if (m[1] === '/*') {
        const close = this.text.indexOf('*/', m.index + 2);
        if (close >= 0) {
          endAt = close;
          body = this.text.slice(m.index + 2, close);
        }
      }
      addSuppressionComment(this.suppressions, body, this.src.lineOf(endAt));
    }
  }

  result(): ReadResult {
    return { file: this.file, format: 'js', configs: this.options.configs, globals: this.options.globals, suppressions: this.suppressions, problems: this.problems };
  }
}

/** Offsets of every NEEDLES occurrence in `text`, sorted. */
function needleHits(text: string): number[] {
  const hits: number[] = [];
  for (const needle of NEEDLES) {
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) hits.push(i);
  }
  return hits.sort((a, b) => a - b);
}

/** Some offset of the sorted `hits` lies in [start, end). */
function hasHit(hits: number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < hits.length && hits[lo] < end;
}
