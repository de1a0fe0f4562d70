// JS/TS reader: nodemailer transports (createTransport(...), and the `transport` of NestJS's
// MailerModule.forRoot/forRootAsync, which nodemailer receives as is) and process-wide TLS switches
// (process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0') in .js .mjs .cjs .jsx .ts .mts .cts .tsx.
//
// Parser choice: @babel/parser 7.
//  - Error recovery: `errorRecovery: true` keeps going past many recoverable errors (duplicate
//    declarations, misplaced modifiers ...) and still returns a full AST. For the errors it cannot recover
//    from (the half-typed code an editor sees on every keystroke) we fall back to a text scan that finds each
//    `createTransport(` call, cuts its argument out with a tolerant bracket matcher and parses just that, and
//    property by property when even that fails (readers/js/scan.ts). So half-written code still yields
//    what can be found.
//  - TS + JSX in one parser: the `typescript` and `jsx` plugins cover .ts/.tsx/.js/.jsx/.mjs/.cjs with one AST
//    shape, with exact `start`/`end` UTF-16 offsets on every node (what our Sites need).
//  - Speed: not the fastest parser. Measured in-process on the benchmark corpus (../shared/bench README):
//    babel7 7.7 MiB/s, typescript 6.0 createSourceFile 11.4 MiB/s, meriyah 17.3 MiB/s; oxc (native) is faster
//    still. We pay that for the points above, and make it small in practice: mayContainMail() skips ~2/3 of
//    the JS/TS files of a project without parsing, and only subtrees that mention createTransport are walked
//    (reading the corpus costs ~0.3-0.4x of babel-parsing every file).
//  - Bundle size: babel's parser is one ~0.5 MB pure-JS file without dependencies, bundled by esbuild.
//    `typescript` is ~9 MB; oxc-parser needs per-platform native binaries (a packaging burden for a VS Code
//    extension); meriyah and acorn do not parse TypeScript, and meriyah/acorn have no comparable recovery.
//
// Region mode (the normal path, issue 6; readers/js/regions.ts): a lexical pass (strings, templates, comments,
// regex literals skipped) splits a file into top-level statements; babel parses only the statements holding
// createTransport / NODE_TLS_REJECT_UNAUTHORIZED / MailerModule plus, round by round, every statement that
// mentions a name the reading looked up (bindings and member paths are looked up by name, file-wide), with
// the rest blanked so every offset stays exact. The result equals the whole-file parse's (differential
// property test in test/readers/js-regions.test.ts); whenever the pass is unsure, or the masked text has
// any syntax error, or a renamed createTransport import is present, the file is parsed whole. One
// difference: a syntax error in a statement region mode never needed is not reported.
// Measured on the benchmark corpus's 300 mail-bearing JS/TS files: ~3x less reader time.
//
// Size bounds: files up to FULL_PARSE_MAX chars are parsed (by region or whole). Larger files (minified bundles, e.g. a
// 5 MB single line) are scanned for `createTransport(` calls, each parsed on its own (linear time), with a
// ReadProblem saying so; files over SCAN_MAX are skipped with a ReadProblem.
import { parse, parseExpression, type ParserOptions, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import type { Credentials, Field, GlobalSetting, ReadProblem, ReadResult, Site, SmtpConfig, SourceRef, Span, UrlField } from '../../model/types';
import { registerReader } from '../index';
import { addSuppressionComment, emptySuppressions, mentionsSuppression } from '../suppressions';
import type { ReadContext, Reader } from '../types';
import { parseMailUrl, safeDecode } from '../url';
import { nodemailerEffective, type NodemailerOptionsIn, type OptVal } from './effective';
import { envVarOf, evaluate, isProcessEnv, propName, unwrap, UNKNOWN, type Ev, type EvalScope } from './evaluate';
import { keepChunksWith, keepLikelyDeclarations, maskText, statementBoundaries } from './regions';
import { commentRanges, inRanges, matchClose, splitTopLevel } from './scan';

export const FULL_PARSE_MAX = 1_000_000;
/** Tests only: `regions: false` reads every file with a whole-file parse (the reference region mode must equal). */
export const jsReaderOptions = { regions: true };
/** How many files region mode read, and how many fell back to the whole-file parse (for tests and profiling). */
export const regionStats = { regions: 0, full: 0, maskedParses: 0 };
export const SCAN_MAX = 50_000_000;
const NODE_TLS = 'NODE_TLS_REJECT_UNAUTHORIZED';
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

function parserOptions(file: string): ParserOptions {
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

/** Keys whose values are secrets: text is always '***' and the value is never kept. */
const SECRET_KEYS = new Set(['pass', 'password', 'accessToken', 'clientSecret', 'refreshToken', 'privateKey']);
const PLACEHOLDER = /^(|x+|\*+|\.+|-+|changeme|change[-_ ]?me|password|passw(or)?d|secret|pass|todo|tbd|none|null|undefined|example|dummy|test|placeholder|your[-_ ]?\w*|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\$\{[^}]*\}|%[^%]*%|\.\.\.)$/i;

export function isPlaceholderSecret(s: string): boolean {
  return PLACEHOLDER.test(s.trim());
}

interface PropInfo {
  key: string;
  prop: t.ObjectProperty;
  value: t.Node;
  obj: t.ObjectExpression;
}

interface ObjInfo {
  props: Map<string, PropInfo>;
  /** A spread we could not resolve: any key may come from it. */
  unknownSpread?: string;
}

class FileReader {
  readonly problems: ReadProblem[] = [];
  readonly configs: SmtpConfig[] = [];
  readonly globals: GlobalSetting[] = [];
  private readonly bindings = new Map<string, { at: number; init: t.Node }[]>();
  private readonly memberBindings = new Map<string, { at: number; init: t.Node }[]>();
  private readonly aliases = new Set<string>(['createTransport']);
  private readonly calls: t.CallExpression[] = [];
  private readonly seenGlobals = new Set<number>();
  private lineStarts?: number[];
  private quoteCache?: '"' | "'";
  readonly scope: EvalScope;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly ctx: ReadContext,
  ) {
    this.scope = {
      binding: (name, at) => {
        this.onLookup?.(name);
        this.ensureBindings();
        return this.bindingAt(this.bindings.get(name), at);
      },
      env: (name) => ctx.env?.get(file, name),
      hasEnvLookup: !!ctx.env,
    };
  }

  // ------------------------------------------------------------------ positions
  lineOf(offset: number): number {
    if (!this.lineStarts) {
      const s = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) s.push(i + 1);
      this.lineStarts = s;
    }
    const s = this.lineStarts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Start offset of the line holding `offset` (binary search: no backwards scan through a 5 MB line). */
  private lineStartOf(offset: number): number {
    const line = this.lineOf(offset);
    return this.lineStarts![line];
  }

  private bindingAt(list: { at: number; init: t.Node }[] | undefined, at: number): t.Node | undefined {
    if (!list || list.length === 0) return undefined;
    let best: { at: number; init: t.Node } | undefined;
    for (const b of list) if (b.at <= at && (!best || b.at > best.at)) best = b;
    return (best ?? list[0]).init;
  }

  // ------------------------------------------------------------------ region mode (the normal path)
  /** Called with every name (and member-path root) the reader looks up in this file. */
  onLookup?: (name: string) => void;

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
      r.onLookup = (name) => looked.add(name);
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
    this.program = ast.program;
    this.walk(ast.program, (n) => this.visitTarget(n), (n) => hasHit(hits, n.start ?? 0, n.end ?? 0));
    if (this.aliases.size > 1) return false;
    this.readCalls();
    if (mentionsSuppression(this.text)) this.suppressionsFromComments(ast.comments ?? []);
    return true;
  }

  private readCalls(): void {
    const seen = new Set<t.Node>();
    for (const call of this.calls) {
      if (seen.has(call)) continue;
      seen.add(call);
      const callee = unwrap(call.callee);
      if (callee?.type === 'Identifier' && !this.aliases.has(callee.name)) continue;
      this.readCall(call, call.arguments[0]);
    }
    for (const call of this.nestCalls) this.readNestMailer(call);
  }

  // ------------------------------------------------------------------ full parse
  readFull(): void {
    let ast: t.File;
    try {
      ast = parse(this.text, parserOptions(this.file)) as unknown as t.File;
    } catch (e) {
      const err = e as { message?: string; pos?: number };
      this.problems.push({
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
        message: `JavaScript/TypeScript syntax error (${errors.length} in this file), read what could be found: ${e0.message.replace(/\s*\(\d+:\d+\)$/, '')}`,
        span: typeof e0.pos === 'number' ? { start: e0.pos, end: e0.pos } : undefined,
      });
    }
    // Targeted walk: only the subtrees that contain `createTransport` / NODE_TLS_REJECT_UNAUTHORIZED in their
    // text (the parse is the cost; visiting every node of a large file would nearly double it).
    this.program = ast.program;
    const hits = needleHits(this.text);
    this.walk(ast.program, (n) => this.visitTarget(n), (n) => hasHit(hits, n.start ?? 0, n.end ?? 0));
    // A renamed import/require (import { createTransport as mk }): its calls do not name createTransport.
    if (this.aliases.size > 1) this.walk(ast.program, (n) => this.visitTarget(n));
    this.readCalls();
    if (mentionsSuppression(this.text)) this.suppressionsFromComments(ast.comments ?? []);
  }

  private program?: t.Node;
  private bindingsReady = false;

  /** Same-file bindings (const/let/var and `a.b = …` assignments), collected on first use. */
  private ensureBindings(): void {
    if (this.bindingsReady) return;
    this.bindingsReady = true;
    if (this.program) this.walk(this.program, (n) => this.visitBinding(n));
  }

  private walk(root: t.Node, visit: (n: t.Node) => void, enter?: (n: t.Node) => boolean): void {
    const stack: t.Node[] = [root];
    while (stack.length) {
      const n = stack.pop()!;
      if (enter && !enter(n)) continue;
      visit(n);
      for (const k in n) {
        if (k === 'loc' || k === 'start' || k === 'end' || k === 'extra' || k === 'type' || k === 'range' || k.endsWith('Comments') || SKIP_KEYS.has(k)) continue;
        const v = (n as unknown as Record<string, unknown>)[k];
        if (Array.isArray(v)) {
          for (let i = v.length - 1; i >= 0; i--) {
            const c = v[i];
            if (c && typeof c === 'object' && typeof (c as t.Node).type === 'string') stack.push(c as t.Node);
          }
        } else if (v && typeof v === 'object' && typeof (v as t.Node).type === 'string') stack.push(v as t.Node);
      }
    }
  }

  private addBinding(map: Map<string, { at: number; init: t.Node }[]>, name: string, at: number, init: t.Node): void {
    const list = map.get(name);
    if (list) list.push({ at, init });
    else map.set(name, [{ at, init }]);
  }

  private isNodemailerSource(init: t.Node | null | undefined): boolean {
    let u = unwrap(init);
    if (u?.type === 'AwaitExpression') u = unwrap(u.argument);
    if (!u || u.type !== 'CallExpression') return false;
    const c = unwrap(u.callee);
    const a = u.arguments[0];
    return !!c && ((c.type === 'Identifier' && c.name === 'require') || c.type === 'Import') && a?.type === 'StringLiteral' && a.value === 'nodemailer';
  }

  private visitBinding(n: t.Node): void {
    if (n.type === 'VariableDeclarator') {
      if (n.id.type === 'Identifier' && n.init) this.addBinding(this.bindings, n.id.name, n.start ?? 0, n.init);
      else if (n.id.type === 'ObjectPattern' && isProcessEnv(n.init)) {
        // const { SMTP_HOST: host, SMTP_PORT = '587' } = process.env
        for (const p of n.id.properties) {
          if (p.type !== 'ObjectProperty') continue;
          const name = propName(p.key, p.computed);
          if (name === undefined) continue;
          const local = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
          if (local.type !== 'Identifier') continue;
          const at = { start: p.start, end: p.end };
          const env = {
            type: 'MemberExpression',
            ...at,
            object: { type: 'MemberExpression', ...at, object: { type: 'Identifier', name: 'process', ...at }, property: { type: 'Identifier', name: 'env', ...at }, computed: false },
            property: { type: 'Identifier', name, ...at },
            computed: false,
          } as unknown as t.Node;
          const init = p.value.type === 'AssignmentPattern' ? ({ type: 'LogicalExpression', operator: '??', left: env, right: p.value.right, ...at } as unknown as t.Node) : env;
          this.addBinding(this.bindings, local.name, n.start ?? 0, init);
        }
      }
    } else if (n.type === 'AssignmentExpression' && n.operator === '=' && (n.left.type === 'MemberExpression' || n.left.type === 'OptionalMemberExpression')) {
      const path = memberPath(n.left);
      if (path && envVarOf(n.left) === undefined) this.addBinding(this.memberBindings, path, n.start ?? 0, n.right);
    }
  }

  private visitTarget(n: t.Node): void {
    switch (n.type) {
      case 'VariableDeclarator': {
        if (n.id.type === 'Identifier' && n.init) this.nameCall(n.init, n.id.name);
        if (n.id.type === 'ObjectPattern' && this.isNodemailerSource(n.init)) {
          for (const p of n.id.properties) {
            if (p.type === 'ObjectProperty' && propName(p.key, p.computed) === 'createTransport') {
              const v = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
              if (v.type === 'Identifier') this.aliases.add(v.name);
            }
          }
        }
        break;
      }
      case 'ImportDeclaration': {
        if (n.source.value !== 'nodemailer') break;
        for (const s of n.specifiers) {
          if (s.type === 'ImportSpecifier' && propName(s.imported, false) === 'createTransport') this.aliases.add(s.local.name);
        }
        break;
      }
      case 'ExpressionStatement': {
        const e = unwrap(n.expression);
        if (e?.type === 'AssignmentExpression') this.assignment(e, n);
        break;
      }
      case 'AssignmentExpression':
        this.assignment(n, n);
        break;
      case 'CallExpression': {
        const c = unwrap(n.callee);
        if (!c) break;
        if (c.type === 'Identifier' || ((c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') && propName(c.property, c.computed) === 'createTransport')) {
          this.calls.push(n);
        } else if (c.type === 'MemberExpression' && unwrap(c.object)?.type === 'Identifier' && (unwrap(c.object) as t.Identifier).name === 'MailerModule') {
          const m = propName(c.property, c.computed);
          if (m === 'forRoot' || m === 'forRootAsync') this.nestCalls.push(n);
        }
        break;
      }
      default:
        break;
    }
  }

  private readonly nestCalls: t.CallExpression[] = [];

  /**
   * NestJS @nestjs-modules/mailer: MailerModule.forRoot({ transport }) and
   * MailerModule.forRootAsync({ useFactory: () => ({ transport }) }). `transport` is handed to
   * nodemailer.createTransport as is (an options object or a URL string).
   */
  private readNestMailer(call: t.CallExpression): void {
    const opts = this.resolveArg(call.arguments[0] as t.Node | undefined)?.obj;
    if (!opts) return;
    const P = this.collect(opts).props;
    const found: t.Node[] = [];
    const fromOptions = (o: t.ObjectExpression | undefined): void => {
      const tp = o ? this.collect(o).props.get('transport') : undefined;
      if (tp) found.push(tp.value);
    };
    if (P.has('transport')) fromOptions(opts);
    const factory = unwrap(P.get('useFactory')?.value);
    if (factory && (factory.type === 'ArrowFunctionExpression' || factory.type === 'FunctionExpression')) {
      const body = factory.body;
      if (body.type === 'BlockStatement') {
        for (const st of body.body) if (st.type === 'ReturnStatement') fromOptions(this.resolveArg(st.argument)?.obj);
      } else fromOptions(this.resolveArg(body)?.obj);
    }
    for (const node of found) {
      const r = this.resolveArg(node);
      if (!r) continue;
      const span: Span = { start: node.start ?? 0, end: node.end ?? 0 };
      this.callNames.set(span.start, '(NestJS MailerModule)');
      if (r.obj) this.fromObject(r.obj, span);
      else if (r.url) this.fromUrlArg(r.url, span);
    }
  }

  /** Remembers the variable a transport is assigned to, for the config's label. */
  private nameCall(init: t.Node, name: string): void {
    let u = unwrap(init);
    if (u?.type === 'AwaitExpression') u = unwrap(u.argument);
    if (u?.type === 'CallExpression') this.callNames.set(u.start ?? -1, name);
  }

  private readonly callNames = new Map<number, string>();

  private assignment(a: t.AssignmentExpression, stmt: t.Node): void {
    if (a.operator !== '=' || this.seenGlobals.has(a.start ?? -1)) return;
    const left = a.left;
    if (left.type !== 'MemberExpression' && left.type !== 'OptionalMemberExpression') return;
    const path = memberPath(left);
    if (path) this.nameCall(a.right, path.replace(/^module\.exports\.?|^exports\./, '') || 'module.exports');
    if (envVarOf(left) === NODE_TLS) {
      this.seenGlobals.add(a.start ?? -1);
      this.addGlobal(a.right, stmt);
    }
  }

  private addGlobal(right: t.Node, stmt: t.Node): void {
    const ev = evaluate(right, this.scope);
    const r = unwrap(right) ?? right;
    const site = this.exprSite(r, stmt);
    const field: Field = {
      key: NODE_TLS,
      text: this.valueText(r),
      kind: this.kindOf(ev),
      site,
    };
    if (ev.v !== UNKNOWN && ev.v !== undefined && ev.v !== null) field.value = String(ev.v);
    this.attachEnv(field, ev);
    this.globals.push({ file: this.file, field });
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
      this.readCall(call, argNode);
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
      this.addGlobal(node, stmt);
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
  readonly suppressions = emptySuppressions();

  private suppressionsFromComments(comments: readonly t.Comment[]): void {
    for (const c of comments) {
      if (!c.value.includes('mail-config-lint-disable')) continue;
      // A block comment applies to the line after the comment's last line.
      addSuppressionComment(this.suppressions, c.value, this.lineOf(c.end ?? 0));
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
      addSuppressionComment(this.suppressions, body, this.lineOf(endAt));
    }
  }

  // ------------------------------------------------------------------ transports
  private resolveArg(node: t.Node | null | undefined, depth = 0): { obj?: t.ObjectExpression; url?: t.Node } | undefined {
    const n = unwrap(node);
    if (!n || depth > 6) return undefined;
    switch (n.type) {
      case 'ObjectExpression':
        return { obj: n };
      case 'StringLiteral':
      case 'TemplateLiteral':
        return { url: n };
      case 'Identifier': {
        const init = this.scope.binding(n.name, n.start ?? 0);
        return init ? this.resolveArg(init, depth + 1) : undefined;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        if (envVarOf(n) !== undefined) return { url: n };
        const path = memberPath(n);
        if (path) {
          this.onLookup?.(path.slice(0, path.indexOf('.') >>> 0));
          this.ensureBindings();
        }
        const bound = path ? this.bindingAt(this.memberBindings.get(path), n.start ?? 0) : undefined;
        if (bound) return this.resolveArg(bound, depth + 1);
        // cfg.smtp where cfg is an object literal in this file
        const prop = propName(n.property, n.computed);
        const base = prop !== undefined ? this.resolveArg(n.object, depth + 1) : undefined;
        if (base?.obj) {
          const info = this.collect(base.obj);
          const p = info.props.get(prop!);
          if (p) return this.resolveArg(p.value, depth + 1);
        }
        return undefined;
      }
      case 'LogicalExpression':
      case 'ConditionalExpression': {
        // createTransport(process.env.SMTP_URL || 'smtp://localhost:1025'): a URL either way.
        const [a, b] = n.type === 'LogicalExpression' ? [n.left, n.right] : [n.consequent, n.alternate];
        const ra = this.resolveArg(a, depth + 1);
        const rb = this.resolveArg(b, depth + 1);
        return ra?.url || rb?.url ? { url: n } : undefined;
      }
      case 'CallExpression': {
        // nodemailer-smtp-transport / smtp-pool wrappers: createTransport(smtpTransport({...}))
        const c = unwrap(n.callee);
        const name = c?.type === 'Identifier' ? c.name : c && (c.type === 'MemberExpression') ? propName(c.property, c.computed) : undefined;
        if (name && /^smtp(Pool|-?Transport)?$/i.test(name) && n.arguments[0]) return this.resolveArg(n.arguments[0], depth + 1);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** Properties of an object literal, spreads of same-file objects merged in (later keys win). */
  collect(obj: t.ObjectExpression, depth = 0): ObjInfo {
    const out: ObjInfo = { props: new Map() };
    for (const p of obj.properties) {
      if (p.type === 'SpreadElement') {
        const r = depth < 5 ? this.resolveArg(p.argument) : undefined;
        if (r?.obj) {
          const inner = this.collect(r.obj, depth + 1);
          for (const [k, v] of inner.props) out.props.set(k, v);
          if (inner.unknownSpread) out.unknownSpread = inner.unknownSpread;
        } else out.unknownSpread = this.text.slice(p.start ?? 0, p.end ?? 0);
        continue;
      }
      if (p.type !== 'ObjectProperty') continue;
      const key = propName(p.key, p.computed);
      if (key === undefined) continue;
      out.props.set(key, { key, prop: p, value: p.value as t.Node, obj });
    }
    return out;
  }

  /** The object behind a nested option (`auth: {…}`, `tls: cond ? {…} : undefined`). */
  private nestedObject(n: t.Node, depth = 0): t.ObjectExpression | undefined {
    const u = unwrap(n);
    if (!u || depth > 8) return undefined;
    if (u.type === 'ConditionalExpression') return this.nestedObject(u.consequent, depth + 1) ?? this.nestedObject(u.alternate, depth + 1);
    if (u.type === 'LogicalExpression') return this.nestedObject(u.right, depth + 1) ?? this.nestedObject(u.left, depth + 1);
    return this.resolveArg(u)?.obj;
  }

  private readCall(call: t.CallExpression, arg: t.Node | null | undefined): void {
    if (!arg || arg.type === 'SpreadElement' || arg.type === 'ArgumentPlaceholder') return;
    const r = this.resolveArg(arg);
    if (!r) return;
    const span: Span = { start: call.start ?? 0, end: call.end ?? 0 };
    if (r.obj) this.fromObject(r.obj, span);
    else if (r.url) this.fromUrlArg(r.url, span);
  }

  private newConfig(span: Span): SmtpConfig {
    const name = this.callNames.get(span.start);
    return {
      id: `js:${span.start}`,
      file: this.file,
      format: 'js',
      dialect: 'nodemailer',
      label: name ? `nodemailer transport ${name}` : 'nodemailer transport',
      span,
      credentials: { passwordIsLiteral: false },
      extras: {},
      effective: { tlsMode: 'unknown', because: '' },
    };
  }

  private fromUrlArg(node: t.Node, span: Span): void {
    const cfg = this.newConfig(span);
    const site = this.exprSite(node, node);
    const url = this.urlField('url', node, site);
    if (!url) return;
    if (url.kind === 'literal' && typeof url.value === 'string' && !/^smtps?:/i.test(url.value)) return; // not an SMTP connection URL
    cfg.url = url;
    this.urlCredentials(cfg, url, node);
    this.urlParams(cfg, url);
    cfg.effective = nodemailerEffective({ url: this.urlOptVal(url, node) });
    this.configs.push(cfg);
  }

  /** A URL string (literal, template, env) as a UrlField whose parts point inside the quotes. */
  private urlField(key: string, node: t.Node, site: Site): UrlField | undefined {
    const ev = evaluate(node, this.scope);
    (node as { _ev?: Ev })._ev = ev;
    const n = unwrap(node) ?? node;
    const kind = this.kindOf(ev);
    if (n.type === 'StringLiteral' || (n.type === 'TemplateLiteral' && n.expressions.length === 0)) {
      const inner = this.text.slice((n.start ?? 0) + 1, (n.end ?? 0) - 1);
      const value = typeof ev.v === 'string' ? ev.v : inner;
      const u = parseMailUrl(key, inner, (n.start ?? 0) + 1, site, 'literal');
      if (u) {
        u.value = u.hasPassword ? u.text : value; // never keep a password in the model
        return u;
      }
      return { key, value, text: value, kind: 'literal', site, hasUser: false, hasPassword: false, params: {} };
    }
    if (n.type === 'TemplateLiteral') {
      // Parse the raw template; parts that contain ${…} are expressions.
      const inner = this.text.slice((n.start ?? 0) + 1, (n.end ?? 0) - 1);
      const u = parseMailUrl(key, inner, (n.start ?? 0) + 1, site, 'expression');
      if (u) {
        for (const part of [u.scheme, u.host, u.port, ...Object.values(u.params)]) {
          if (part && !part.text.includes('${')) part.kind = 'literal';
        }
        u.kind = kind;
        u.value = typeof ev.v === 'string' && !u.hasPassword ? ev.v : undefined;
        u.text = u.hasPassword ? u.text : inner;
        if (ev.env.length) u.envVar = ev.env[0];
        return u;
      }
      return undefined;
    }
    // process.env.SMTP_URL or another expression: parse the resolved value; parts point at the expression.
    const text = this.text.slice(n.start ?? 0, n.end ?? 0);
    const field: UrlField = { key, text, kind, site, hasUser: false, hasPassword: false, params: {} };
    this.attachEnv(field, ev);
    if (typeof ev.v === 'string') {
      const u = parseMailUrl(key, ev.v, 0, site, kind);
      field.value = u?.hasPassword ? u.text : ev.v;
      if (u) {
        const whole = (f: Field | undefined): void => {
          if (!f) return;
          f.site = site;
          this.attachEnv(f, ev);
        };
        whole(u.scheme);
        whole(u.host);
        whole(u.port);
        for (const p of Object.values(u.params)) whole(p);
        Object.assign(field, { scheme: u.scheme, host: u.host, port: u.port, hasUser: u.hasUser, hasPassword: u.hasPassword, params: u.params });
      }
    }
    return field;
  }

  /**
   * Query parameters nodemailer applies (?tls.rejectUnauthorized=false, ?requireTLS=true ...) as the config's
   * fields, when the object does not write them itself. Values are coerced as parseConnectionUrl does
   * ('true'/'false' → booleans, numeric strings → numbers); sites stay on the URL part.
   */
  private urlParams(cfg: SmtpConfig, url: UrlField): void {
    const coerce = (f: Field): Field => {
      const c: Field = { ...f };
      const v = f.value;
      if (typeof v === 'string') {
        if (v === 'true') c.value = true;
        else if (v === 'false') c.value = false;
        else if (!isNaN(v as unknown as number)) c.value = Number(v);
      }
      return c;
    };
    const P = url.params;
    if (P.requireTLS && !cfg.requireTls) cfg.requireTls = coerce(P.requireTLS);
    if (P.ignoreTLS && !cfg.ignoreTls) cfg.ignoreTls = coerce(P.ignoreTLS);
    if (P.opportunisticTLS && !cfg.opportunisticTls) cfg.opportunisticTls = coerce(P.opportunisticTLS);
    if (P['tls.rejectUnauthorized'] && !cfg.verifyCert) cfg.verifyCert = coerce(P['tls.rejectUnauthorized']);
    const minV = P['tls.minVersion'] ?? P['tls.secureProtocol'] ?? P['tls.maxVersion'];
    if (minV && !cfg.minTlsVersion) cfg.minTlsVersion = coerce(minV);
    if (P['tls.ciphers'] && !cfg.ciphers) cfg.ciphers = coerce(P['tls.ciphers']);
    if (P.service && !cfg.service) cfg.service = P.service;
    for (const k of ['debug', 'logger', 'secureConnection']) if (P[k] && !cfg.extras[k]) cfg.extras[k] = coerce(P[k]);
  }

  private urlCredentials(cfg: SmtpConfig, url: UrlField, node: t.Node): void {
    if (!url.hasUser && !url.hasPassword) return;
    const ev = (node as { _ev?: Ev })._ev;
    const n = unwrap(node);
    // The unmasked URL (the model only keeps the masked one).
    const raw = typeof ev?.v === 'string' ? ev.v : n?.type === 'TemplateLiteral' ? this.text.slice((n.start ?? 0) + 1, (n.end ?? 0) - 1) : '';
    const ui = /^[^:]*:\/\/([^@/?#]*)@/.exec(raw)?.[1] ?? '';
    const user = safeDecode(ui.split(':')[0] ?? '');
    if (url.hasUser) cfg.credentials.user = { key: 'url.user', value: user, text: user, kind: url.kind, site: url.site, ...(url.envVar ? { envVar: url.envVar } : {}) };
    if (url.hasPassword) {
      cfg.credentials.password = { key: 'url.password', text: '***', kind: url.kind, site: url.site };
      const pw = safeDecode(ui.slice(ui.indexOf(':') + 1));
      cfg.credentials.passwordIsLiteral = url.kind === 'literal' && !pw.includes('${') && !isPlaceholderSecret(pw);
    }
  }

  private fromObject(obj: t.ObjectExpression, span: Span): void {
    const info = this.collect(obj);
    const P = info.props;
    // Other nodemailer transports (sendmail, SES, stream, JSON) are not SMTP.
    // createTransport(): pool wins, then sendmail, streamTransport, jsonTransport, SES (nodemailer.js).
    const pool = P.get('pool') ? evaluate(P.get('pool')!.value, this.scope) : undefined;
    if (!(pool && pool.v !== UNKNOWN && pool.v)) {
      for (const k of ['sendmail', 'streamTransport', 'jsonTransport', 'SES']) {
        const p = P.get(k);
        if (p) {
          const ev = evaluate(p.value, this.scope);
          if (ev.v === UNKNOWN || ev.v) return;
        }
      }
    }
    const cfg = this.newConfig(span);
    const ins: NodemailerOptionsIn = {};
    const evs = new Map<string, Ev>();
    const take = (key: string, p: PropInfo | undefined, secret = false): Field | undefined => {
      if (!p) return undefined;
      const { field, ev } = this.propField(key, p, secret);
      evs.set(key, ev);
      return field;
    };

    cfg.host = take('host', P.get('host')) as Field<string> | undefined;
    const port = take('port', P.get('port'));
    if (port) {
      if (typeof port.value === 'string' && port.value.trim() !== '' && !isNaN(Number(port.value))) port.value = Number(port.value);
      if (port.value !== undefined && typeof port.value !== 'number') delete port.value;
      cfg.port = port as Field<number>;
    }
    cfg.implicitTls = take('secure', P.get('secure'));
    cfg.requireTls = take('requireTLS', P.get('requireTLS'));
    cfg.ignoreTls = take('ignoreTLS', P.get('ignoreTLS'));
    cfg.opportunisticTls = take('opportunisticTLS', P.get('opportunisticTLS'));
    cfg.service = take('service', P.get('service')) as Field<string> | undefined;
    for (const k of ['secureConnection', 'debug', 'logger', 'servername', 'name', 'pool', 'authMethod', 'transactionLog']) {
      const f = take(k, P.get(k));
      if (f) cfg.extras[k] = f;
    }
    // url: '...'
    const urlProp = P.get('url');
    if (urlProp) {
      const site = this.propSite(urlProp);
      const u = this.urlField('url', urlProp.value, site);
      if (u) {
        cfg.url = u;
        this.urlCredentials(cfg, u, urlProp.value);
        ins.url = this.urlOptVal(u, urlProp.value);
      }
    }
    // auth: { user, pass, ... }
    const authProp = P.get('auth');
    if (authProp) {
      const aObj = this.nestedObject(authProp.value);
      if (aObj) {
        const A = this.collect(aObj).props;
        const creds: Credentials = cfg.credentials;
        const user = take('auth.user', A.get('user'));
        if (user) creds.user = user as Field<string>;
        let firstSecret: Field | undefined;
        for (const k of ['pass', 'accessToken', 'clientSecret', 'refreshToken', 'privateKey']) {
          const p = A.get(k);
          if (!p) continue;
          const f = take(`auth.${k}`, p, true)!;
          const ev = evs.get(`auth.${k}`)!;
          const isLit = f.kind === 'literal' && typeof ev.v === 'string' && !isPlaceholderSecret(ev.v);
          if (isLit && !creds.passwordIsLiteral) {
            creds.password = f as Field<string>;
            creds.passwordIsLiteral = true;
          } else if (!firstSecret) firstSecret = f;
          if (k !== 'pass') cfg.extras[`auth.${k}`] = f;
        }
        if (!creds.password && firstSecret) creds.password = firstSecret as Field<string>;
        const type = take('auth.type', A.get('type'));
        if (type) cfg.extras['auth.type'] = type;
      } else {
        // auth written but not as an object we can read: credentials are (probably) present.
        const f = this.propField('auth', authProp, false).field;
        // Whatever it is, it may carry a secret: no string literal of it is kept.
        f.text = f.text.replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, "'***'");
        delete f.value;
        cfg.extras.auth = f;
      }
    }
    // tls: { rejectUnauthorized, minVersion, ... }
    const tlsProp = P.get('tls');
    if (tlsProp) {
      const tObj = this.nestedObject(tlsProp.value);
      const T = tObj ? this.collect(tObj).props : new Map<string, PropInfo>();
      const tlsField = this.propField('tls', tlsProp, false).field;
      tlsField.text = tObj ? '{…}' : tlsField.text;
      if (tObj && unwrap(tlsProp.value) === tObj) tlsField.value = tObj.properties.length;
      cfg.extras.tls = tlsField;
      cfg.verifyCert = take('tls.rejectUnauthorized', T.get('rejectUnauthorized'));
      const minV = take('tls.minVersion', T.get('minVersion'));
      const maxV = take('tls.maxVersion', T.get('maxVersion'));
      const proto = take('tls.secureProtocol', T.get('secureProtocol'));
      cfg.minTlsVersion = minV ?? proto ?? maxV;
      if (maxV && cfg.minTlsVersion !== maxV) cfg.extras['tls.maxVersion'] = maxV;
      if (proto && cfg.minTlsVersion !== proto) cfg.extras['tls.secureProtocol'] = proto;
      cfg.ciphers = take('tls.ciphers', T.get('ciphers'));
      const sn = take('tls.servername', T.get('servername'));
      if (sn) cfg.extras['tls.servername'] = sn;
    }
    if (cfg.url) this.urlParams(cfg, cfg.url);
    // A boolean option written as a raw env string (secure: process.env.SMTP_SECURE): "false" is truthy.
    for (const [k, f] of [['secure', cfg.implicitTls], ['requireTLS', cfg.requireTls], ['ignoreTLS', cfg.ignoreTls], ['opportunisticTLS', cfg.opportunisticTls], ['tls.rejectUnauthorized', cfg.verifyCert]] as const) {
      if (f && f.kind === 'env' && this.isRawEnv(this.propValueNode(f))) cfg.extras[`rawEnvString:${k}`] = f;
    }
    if (info.unknownSpread) {
      cfg.extras.spread = { key: '...', text: info.unknownSpread, kind: 'unknown', site: { file: this.file, style: 'js-expr', value: { start: obj.start ?? 0, end: obj.end ?? 0 }, quote: '', entry: { start: obj.start ?? 0, end: obj.end ?? 0 }, indent: '' } };
    }

    // Effective mode.
    const ov = (key: string, f: Field | undefined): OptVal | undefined => (f ? this.optVal(f.value, f, evs.get(key)) : undefined);
    ins.host = ov('host', cfg.host);
    ins.port = ov('port', cfg.port);
    ins.secure = ov('secure', cfg.implicitTls);
    ins.requireTLS = ov('requireTLS', cfg.requireTls);
    ins.ignoreTLS = ov('ignoreTLS', cfg.ignoreTls);
    ins.opportunisticTLS = ov('opportunisticTLS', cfg.opportunisticTls);
    ins.service = ov('service', cfg.service);
    const secureNode = P.get('secure')?.value;
    ins.secureFollowsPort = !!secureNode && followsPort(secureNode, P.get('port')?.value, this.text);
    if (ins.secureFollowsPort) cfg.extras.secureFollowsPort = { ...cfg.implicitTls!, key: 'secureFollowsPort' };
    if (info.unknownSpread) {
      const why = `the options spread ${info.unknownSpread} could not be read`;
      for (const k of ['host', 'port', 'secure', 'requireTLS', 'ignoreTLS', 'opportunisticTLS', 'service'] as const) if (!ins[k]) ins[k] = { known: false, why };
    }
    cfg.effective = nodemailerEffective(ins);
    this.configs.push(cfg);
  }

  /**
   * The value's truthiness is that of an env string as is: process.env.X, a variable holding exactly that,
   * or the same through `!!x` / `Boolean(x)` (where "false" and "0" are still true).
   */
  private isRawEnv(node: t.Node | undefined): boolean {
    let n = unwrap(node);
    for (let i = 0; n && i < 8; i++) {
      if (n.type === 'UnaryExpression' && n.operator === '!' && unwrap(n.argument)?.type === 'UnaryExpression' && (unwrap(n.argument) as t.UnaryExpression).operator === '!') {
        n = unwrap((unwrap(n.argument) as t.UnaryExpression).argument);
        continue;
      }
      if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'Boolean' && n.arguments.length === 1) {
        n = unwrap(n.arguments[0] as t.Node);
        continue;
      }
      if (envVarOf(n) !== undefined) return true;
      if (n.type === 'MemberExpression' && unwrap(n.object)?.type === 'Identifier' && isProcessEnv(this.scope.binding((unwrap(n.object) as t.Identifier).name, n.start ?? 0))) return true;
      if (n.type !== 'Identifier') return false;
      n = unwrap(this.scope.binding(n.name, n.start ?? 0));
    }
    return false;
  }

  private propValueNode(f: Field): t.Node | undefined {
    return (f as unknown as { [NODE]?: t.Node })[NODE];
  }

  /**
   * The URL as nodemailer will see it. A template literal whose scheme, host, port and query are written
   * out (only the credentials are ${…}) still decides the mode: the placeholders are filled with 'x'.
   */
  private urlOptVal(u: UrlField, node: t.Node): OptVal {
    const ev = (node as { _ev?: Ev })._ev;
    if (ev && ev.v !== UNKNOWN) return { known: true, v: ev.v };
    const n = unwrap(node);
    if (n?.type === 'TemplateLiteral') {
      const raw = this.text.slice((n.start ?? 0) + 1, (n.end ?? 0) - 1);
      const q = raw.indexOf('?');
      const fixed = [u.scheme, u.host, u.port].every((f) => !f || !f.text.includes('${')) && (q < 0 || !raw.slice(q).includes('${'));
      if (u.scheme && u.host && fixed) return { known: true, v: raw.replace(/\$\{[^}]*\}/g, 'x') };
    }
    return this.optVal(u.value, u, ev);
  }

  /** What the effective-mode computation knows about a field. */
  private optVal(value: unknown, f: Field, ev: Ev | undefined): OptVal {
    if (ev) {
      if (ev.v === UNKNOWN) return { known: false, why: ev.why ?? 'it is computed in code' };
      return { known: true, v: ev.v };
    }
    return value === undefined ? { known: false, why: 'it is computed in code' } : { known: true, v: value };
  }

  private kindOf(ev: Ev): Field['kind'] {
    if (ev.literal) return 'literal';
    if (ev.env.length) return 'env';
    return 'expression';
  }

  private attachEnv(f: Field, ev: Ev): void {
    if (ev.env.length) f.envVar = ev.env[0];
    if (ev.refs.length) f.resolvedFrom = ev.refs[0];
  }

  private valueText(n: t.Node): string {
    const raw = this.text.slice(n.start ?? 0, n.end ?? 0);
    if ((n.type === 'StringLiteral' || (n.type === 'TemplateLiteral' && n.expressions.length === 0)) && raw.length >= 2) return raw.slice(1, -1);
    return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  }

  private propField(key: string, p: PropInfo, secret: boolean): { field: Field; ev: Ev } {
    const ev = evaluate(p.value, this.scope);
    const n = unwrap(p.value) ?? p.value;
    const field: Field = {
      key,
      text: secret ? '***' : this.valueText(n),
      kind: this.kindOf(ev),
      site: this.propSite(p),
    };
    if (!secret && ev.v !== UNKNOWN && (typeof ev.v === 'string' || typeof ev.v === 'number' || typeof ev.v === 'boolean')) field.value = ev.v;
    this.attachEnv(field, ev);
    Object.defineProperty(field, NODE, { value: p.value, enumerable: false });
    return { field, ev };
  }

  private propSite(p: PropInfo): Site {
    const text = this.text;
    const prop = p.prop;
    const pStart = prop.start ?? 0;
    const pEnd = prop.end ?? 0;
    const v = (unwrap(p.value) ?? p.value) as t.Node;
    const value: Span = prop.shorthand ? { start: prop.key.start ?? 0, end: prop.key.end ?? 0 } : { start: p.value.start ?? 0, end: p.value.end ?? 0 };
    let quote: Site['quote'] = '';
    if (v.type === 'StringLiteral' || v.type === 'TemplateLiteral') {
      const q = text[v.start ?? 0];
      if (q === '"' || q === "'" || q === '`') quote = q;
    }
    let e = pEnd;
    while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
    const trailingComma = text[e] === ',';
    const lineStart = this.lineStartOf(pStart);
    const before = text.slice(lineStart, pStart);
    const indent = /^[ \t]*/.exec(before)?.[0] ?? '';
    const objText = text.slice(p.obj.start ?? 0, p.obj.end ?? 0);
    return {
      file: this.file,
      style: 'js-prop',
      value,
      quote,
      key: { start: prop.key.start ?? 0, end: prop.key.end ?? 0 },
      entry: { start: pStart, end: trailingComma ? e + 1 : pEnd },
      indent,
      inline: !objText.includes('\n'),
      trailingComma,
    };
  }

  /** Site of a whole expression (URL argument, global assignment value); entry = the statement. */
  private exprSite(valueNode: t.Node, stmt: t.Node): Site {
    const text = this.text;
    const s = stmt.start ?? 0;
    let e = stmt.end ?? 0;
    if (stmt !== valueNode && text[e - 1] !== ';' && text[e] === ';') e++;
    const lineStart = this.lineStartOf(s);
    const indent = /^[ \t]*/.exec(text.slice(lineStart, s))?.[0] ?? '';
    const q = text[valueNode.start ?? 0];
    const quote: Site['quote'] = (valueNode.type === 'StringLiteral' || valueNode.type === 'TemplateLiteral') && (q === '"' || q === "'" || q === '`') ? q : '';
    return { file: this.file, style: 'js-expr', value: { start: valueNode.start ?? 0, end: valueNode.end ?? 0 }, quote, entry: { start: s, end: e }, indent };
  }

  result(): ReadResult {
    return { file: this.file, format: 'js', configs: this.configs, globals: this.globals, suppressions: this.suppressions, problems: this.problems };
  }
}

const NODE = Symbol('node');

/** Type-only children: never hold a transport or a binding we read. */
const SKIP_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeParameters', 'implements', 'predicate']);

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

/** `module.exports.mailConfig`, `exports.smtp`, `config.mail` → dotted path (identifiers only). */
function memberPath(n: t.Node): string | undefined {
  const parts: string[] = [];
  let cur: t.Node | undefined = unwrap(n);
  for (let i = 0; cur && i < 10; i++) {
    if (cur.type === 'Identifier') {
      parts.unshift(cur.name);
      return parts.join('.');
    }
    if (cur.type === 'ThisExpression') {
      parts.unshift('this');
      return parts.join('.');
    }
    if (cur.type !== 'MemberExpression' && cur.type !== 'OptionalMemberExpression') return undefined;
    const p = propName(cur.property, cur.computed);
    if (p === undefined) return undefined;
    parts.unshift(p);
    cur = unwrap(cur.object);
  }
  return undefined;
}

/**
 * `secure: port === 465` (or `Number(process.env.SMTP_PORT) === 465`, `cfg.port == 465`, `465 === port`):
 * secure is true exactly when the port is 465, which is right whatever the port turns out to be.
 */
function followsPort(secureNode: t.Node, portNode: t.Node | undefined, text: string): boolean {
  const s = unwrap(secureNode);
  if (!s || s.type !== 'BinaryExpression' || (s.operator !== '===' && s.operator !== '==')) return false;
  const is465 = (x: t.Node): boolean => {
    const u = unwrap(x);
    return !!u && ((u.type === 'NumericLiteral' && u.value === 465) || (u.type === 'StringLiteral' && u.value === '465'));
  };
  const other = is465(s.right) ? s.left : is465(s.left as t.Node) ? s.right : undefined;
  if (!other) return false;
  const src = (x: t.Node | undefined): string => (x ? text.slice(x.start ?? 0, x.end ?? 0).replace(/\s+/g, '') : '');
  const strip = (x: t.Node): t.Node => {
    let u = unwrap(x) ?? x;
    for (let i = 0; i < 4; i++) {
      if ((u.type === 'CallExpression' && u.callee.type === 'Identifier' && ['Number', 'parseInt'].includes(u.callee.name) && u.arguments[0]) ) u = unwrap(u.arguments[0] as t.Node) ?? u;
      else if (u.type === 'UnaryExpression' && u.operator === '+') u = unwrap(u.argument) ?? u;
      else break;
    }
    return u;
  };
  const o = strip(other as t.Node);
  if (portNode && (src(other as t.Node) === src(portNode) || src(o) === src(strip(portNode)))) return true;
  const envO = envVarOf(o);
  if (envO && portNode && (text.slice(portNode.start ?? 0, portNode.end ?? 0).includes(`process.env.${envO}`) || text.slice(portNode.start ?? 0, portNode.end ?? 0).includes(`'${envO}'`))) return true;
  if (o.type === 'Identifier' && /port$/i.test(o.name)) return true;
  if ((o.type === 'MemberExpression' || o.type === 'OptionalMemberExpression') && /port$/i.test(propName(o.property, o.computed) ?? '')) return true;
  return false;
}

export const jsReader: Reader = {
  format: 'js',
  mayContainMail,
  read(file: string, text: string, ctx: ReadContext): ReadResult {
    let r = new FileReader(file, text, ctx ?? {});
    try {
      if (!mayContainMail(text)) return r.result();
      if (text.length > SCAN_MAX) {
        r.problems.push({ message: `file too large; skipped after ${Math.round(SCAN_MAX / 1e6)} MB` });
        return r.result();
      }
      if (text.length > FULL_PARSE_MAX) {
        r.problems.push({
          message: `large file (${(text.length / 1e6).toFixed(1)} MB): not parsed as a whole (limit ${FULL_PARSE_MAX / 1e6} MB); only createTransport(...) calls and NODE_TLS_REJECT_UNAUTHORIZED assignments were read`,
        });
        r.readScan();
      } else {
        // Region mode first (parses only the statements that matter); the whole file when it is unsure.
        let rr: FileReader | undefined;
        try {
          rr = jsReaderOptions.regions ? FileReader.readRegions(file, text, ctx ?? {}) : undefined;
          regionStats[rr ? 'regions' : 'full']++;
        } catch {
          rr = undefined;
        }
        if (rr) r = rr;
        else r.readFull();
      }
    } catch (e) {
      // Never throw out of read: keep what was found, report the rest.
      r.problems.push({ message: `could not read this file completely: ${(e as Error).message}` });
    }
    return r.result();
  },
};

registerReader(jsReader);

export { nodemailerEffective } from './effective';
export { lookupService, serviceNames } from './wellKnown';
export type { SourceRef };
