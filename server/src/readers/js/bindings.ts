// Bindings: what a name stands for in this file. Same-file `const/let/var` initialisers and `a.b = …`
// assignments (looked up by name, file-wide, the nearest one before the use winning), the `process.env`
// destructuring idiom, and the resolution of a transport argument to the object literal or URL behind it
// (through variables, member paths, spreads and smtp-transport wrappers). Collected lazily, on first lookup.
import type * as t from '@babel/types';
import type { EnvLookup } from '../types';
import { envVarOf, isProcessEnv, propName, unwrap, type EvalScope } from './evaluate';

export interface PropInfo {
  key: string;
  prop: t.ObjectProperty;
  value: t.Node;
  obj: t.ObjectExpression;
}

export interface ObjInfo {
  props: Map<string, PropInfo>;
  /** A spread we could not resolve: any key may come from it. */
  unknownSpread?: string;
}

/** A value exported by a local module: `specifier` as imported, then the export name and member path. */
export interface ModuleRef {
  specifier: string;
  /** ['default'] for `import x from` / `require()`, ['smtp'] for `import { smtp }`, then member accesses. */
  path: string[];
}

/** What a transport argument is: an options object, a connection URL (string, template, env value), or a value of a local module. */
export interface ResolvedArg {
  obj?: t.ObjectExpression;
  url?: t.Node;
  module?: ModuleRef;
}

/** Bindings made by `import` declarations: a synthetic init node carrying the module reference. */
interface ImportInit {
  type: 'ImportInit';
  start?: number;
  end?: number;
  ref: ModuleRef;
}

/** `require('./x')` (a relative specifier) → './x'. */
function requiredLocal(n: t.Node | null | undefined): string | undefined {
  const u = unwrap(n);
  if (!u || u.type !== 'CallExpression') return undefined;
  const c = unwrap(u.callee);
  const a = u.arguments[0];
  if (c?.type !== 'Identifier' || c.name !== 'require' || a?.type !== 'StringLiteral') return undefined;
  return isLocalSpecifier(a.value) ? a.value : undefined;
}

export function isLocalSpecifier(s: string): boolean {
  return s.startsWith('./') || s.startsWith('../');
}

interface Binding {
  at: number;
  init: t.Node;
}

/** Type-only children: never hold a transport or a binding we read. */
const SKIP_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeParameters', 'implements', 'predicate']);

/** Depth-first walk over babel nodes (iterative: deep code never overflows the stack). `enter` false skips a subtree. */
export function walk(root: t.Node, visit: (n: t.Node) => void, enter?: (n: t.Node) => boolean): void {
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

/** `module.exports.mailConfig`, `exports.smtp`, `config.mail` → dotted path (identifiers only). */
export function memberPath(n: t.Node): string | undefined {
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

export class Bindings {
  private readonly vars = new Map<string, Binding[]>();
  private readonly members = new Map<string, Binding[]>();
  private ready = false;
  /** The parsed program (set by the parse strategy before the first lookup). */
  program?: t.Node;
  /** Called with every name (and member-path root) looked up: region mode keeps the statements naming it. */
  onLookup?: (name: string) => void;
  readonly scope: EvalScope;

  constructor(
    file: string,
    private readonly text: string,
    env: EnvLookup | undefined,
  ) {
    this.scope = {
      binding: (name, at) => this.lookup(name, at),
      env: (name) => env?.get(file, name),
      hasEnvLookup: !!env,
    };
  }

  /** The init expression of the variable `name` visible at offset `at`. */
  lookup(name: string, at: number): t.Node | undefined {
    this.onLookup?.(name);
    this.ensure();
    return nearest(this.vars.get(name), at);
  }

  /** The value last assigned to the member path (`config.mail = {…}`) before `at`. */
  private member(path: string, at: number): t.Node | undefined {
    this.onLookup?.(path.slice(0, path.indexOf('.') >>> 0));
    this.ensure();
    return nearest(this.members.get(path), at);
  }

  /** Same-file bindings (const/let/var and `a.b = …` assignments), collected on first use. */
  private ensure(): void {
    if (this.ready) return;
    this.ready = true;
    if (this.program) walk(this.program, (n) => this.visit(n));
  }

  private add(map: Map<string, Binding[]>, name: string, at: number, init: t.Node): void {
    const list = map.get(name);
    if (list) list.push({ at, init });
    else map.set(name, [{ at, init }]);
  }

  private visit(n: t.Node): void {
    if (n.type === 'ImportDeclaration') {
      // import cfg from './mail' / import { smtp as s } from './mail' / import * as cfg from './mail'
      if (!isLocalSpecifier(n.source.value) || n.importKind === 'type') return;
      for (const s of n.specifiers) {
        const path = s.type === 'ImportDefaultSpecifier' ? ['default'] : s.type === 'ImportNamespaceSpecifier' ? [] : [propName(s.imported, false) ?? ''];
        const init: ImportInit = { type: 'ImportInit', start: s.start ?? 0, end: s.end ?? 0, ref: { specifier: n.source.value, path } };
        this.add(this.vars, s.local.name, n.start ?? 0, init as unknown as t.Node);
      }
      return;
    }
    if (n.type === 'VariableDeclarator') {
      const required = requiredLocal(n.init);
      if (required !== undefined && n.id.type === 'ObjectPattern') {
        // const { smtp } = require('./config')
        for (const p of n.id.properties) {
          const name = p.type === 'ObjectProperty' ? propName(p.key, p.computed) : undefined;
          const local = p.type === 'ObjectProperty' ? (p.value.type === 'AssignmentPattern' ? p.value.left : p.value) : undefined;
          if (name === undefined || local?.type !== 'Identifier') continue;
          const init: ImportInit = { type: 'ImportInit', start: p.start ?? 0, end: p.end ?? 0, ref: { specifier: required, path: ['default', name] } };
          this.add(this.vars, local.name, n.start ?? 0, init as unknown as t.Node);
        }
        return;
      }
      if (n.id.type === 'Identifier' && n.init) this.add(this.vars, n.id.name, n.start ?? 0, n.init);
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
          this.add(this.vars, local.name, n.start ?? 0, init);
        }
      }
    } else if (n.type === 'AssignmentExpression' && n.operator === '=' && (n.left.type === 'MemberExpression' || n.left.type === 'OptionalMemberExpression')) {
      const path = memberPath(n.left);
      if (path && envVarOf(n.left) === undefined) this.add(this.members, path, n.start ?? 0, n.right);
    }
  }

  /** The options object or URL a transport argument stands for, through variables, member paths and wrappers. */
  resolveArg(node: t.Node | null | undefined, depth = 0): ResolvedArg | undefined {
    const n = unwrap(node);
    if (!n || depth > 6) return undefined;
    if ((n as { type: string }).type === 'ImportInit') return { module: (n as unknown as ImportInit).ref };
    switch (n.type) {
      case 'ObjectExpression':
        return { obj: n };
      case 'StringLiteral':
      case 'TemplateLiteral':
        return { url: n };
      case 'Identifier': {
        const init = this.lookup(n.name, n.start ?? 0);
        return init ? this.resolveArg(init, depth + 1) : undefined;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        if (envVarOf(n) !== undefined) return { url: n };
        const path = memberPath(n);
        const bound = path ? this.member(path, n.start ?? 0) : undefined;
        if (bound) return this.resolveArg(bound, depth + 1);
        // cfg.smtp where cfg is an object literal in this file
        const prop = propName(n.property, n.computed);
        const base = prop !== undefined ? this.resolveArg(n.object, depth + 1) : undefined;
        // config.smtp where config is imported from a local module
        if (base?.module) return { module: { ...base.module, path: [...base.module.path, prop!] } };
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
        const required = requiredLocal(n);
        if (required !== undefined) return { module: { specifier: required, path: ['default'] } };
        // nodemailer-smtp-transport / smtp-pool wrappers: createTransport(smtpTransport({...}))
        const c = unwrap(n.callee);
        const name = c?.type === 'Identifier' ? c.name : c && c.type === 'MemberExpression' ? propName(c.property, c.computed) : undefined;
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
  nestedObject(n: t.Node, depth = 0): t.ObjectExpression | undefined {
    const u = unwrap(n);
    if (!u || depth > 8) return undefined;
    if (u.type === 'ConditionalExpression') return this.nestedObject(u.consequent, depth + 1) ?? this.nestedObject(u.alternate, depth + 1);
    if (u.type === 'LogicalExpression') return this.nestedObject(u.right, depth + 1) ?? this.nestedObject(u.left, depth + 1);
    return this.resolveArg(u)?.obj;
  }
}

function nearest(list: Binding[] | undefined, at: number): t.Node | undefined {
  if (!list || list.length === 0) return undefined;
  let best: Binding | undefined;
  for (const b of list) if (b.at <= at && (!best || b.at > best.at)) best = b;
  return (best ?? list[0]).init;
}
