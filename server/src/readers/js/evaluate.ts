// A tiny symbolic evaluator for the expressions people write as transport options:
// literals, `!0`/`!1`, process.env.X (resolved through .env files when possible), Number()/parseInt()/+x,
// `x === 'true'`, `x || 587`, `x ?? 587`, ternaries, template literals, same-file constants.
// Anything else is "unknown" with a reason. Depth-bounded; never throws on a well-formed babel node.
import type * as t from '@babel/types';
import type { SourceRef } from '../../model/types';

export const UNKNOWN: unique symbol = Symbol('unknown');
export type Value = unknown;

export interface Ev {
  v: Value | typeof UNKNOWN;
  /** Written as a literal (incl. minified `!0`/`!1`, `-1`, `undefined`). */
  literal: boolean;
  /** Env variables read, in order. */
  env: string[];
  /** Where resolved env values came from. */
  refs: SourceRef[];
  /** Why the value is unknown. */
  why?: string;
}

export interface EvalScope {
  /** The init expression of a same-file variable visible at `at`, if any. */
  binding(name: string, at: number): t.Node | undefined;
  /** Value of an environment variable (from .env files), if known. */
  env(name: string): { value: string; ref: SourceRef } | undefined;
  /** True when an EnvLookup was given (changes the wording of "unknown" reasons). */
  hasEnvLookup: boolean;
  /** Evaluate as if every variable env() does not know were unset (undefined): what the code falls back to. */
  unsetEnv?: boolean;
}

export function unwrap(n: t.Node | null | undefined): t.Node | undefined {
  let cur = n ?? undefined;
  for (let i = 0; cur && i < 20; i++) {
    switch (cur.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSNonNullExpression':
      case 'ParenthesizedExpression':
      case 'TypeCastExpression':
        cur = (cur as t.TSAsExpression).expression;
        continue;
      default:
        return cur;
    }
  }
  return cur;
}

/** Static property name of a member access or object key, or undefined when computed. */
export function propName(key: t.Node, computed: boolean): string | undefined {
  if (key.type === 'Identifier' && !computed) return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The node is `process.env` itself. */
export function isProcessEnv(n: t.Node | null | undefined): boolean {
  const u = unwrap(n);
  if (!u || (u.type !== 'MemberExpression' && u.type !== 'OptionalMemberExpression')) return false;
  const root = unwrap(u.object);
  return !!root && root.type === 'Identifier' && root.name === 'process' && propName(u.property, u.computed) === 'env';
}

/** `process.env.X` / `process.env['X']` (also optional chains) → 'X'. */
export function envVarOf(n: t.Node | undefined): string | undefined {
  const u = unwrap(n);
  if (!u || (u.type !== 'MemberExpression' && u.type !== 'OptionalMemberExpression')) return undefined;
  const obj = unwrap(u.object);
  if (!obj || (obj.type !== 'MemberExpression' && obj.type !== 'OptionalMemberExpression')) return undefined;
  const root = unwrap(obj.object);
  if (!root || root.type !== 'Identifier' || root.name !== 'process') return undefined;
  if (propName(obj.property, obj.computed) !== 'env') return undefined;
  return propName(u.property, u.computed);
}

const unknown = (why: string, env: string[] = [], refs: SourceRef[] = []): Ev => ({ v: UNKNOWN, literal: false, env, refs, why });
const known = (v: Value, literal: boolean, env: string[] = [], refs: SourceRef[] = []): Ev => ({ v, literal, env, refs });

function merge(v: Value | typeof UNKNOWN, parts: Ev[], why?: string): Ev {
  const env = parts.flatMap((p) => p.env);
  const refs = parts.flatMap((p) => p.refs);
  if (v === UNKNOWN) return unknown(why ?? parts.find((p) => p.v === UNKNOWN)?.why ?? 'it is computed in code', env, refs);
  return known(v, false, env, refs);
}

export function evaluate(node: t.Node | null | undefined, scope: EvalScope, depth = 0): Ev {
  const n = unwrap(node);
  if (!n) return unknown('it is not written');
  if (depth > 12) return unknown('it is computed in code');
  const ev = (x: t.Node | null | undefined): Ev => evaluate(x, scope, depth + 1);
  switch (n.type) {
    case 'StringLiteral':
      return known(n.value, true);
    case 'NumericLiteral':
      return known(n.value, true);
    case 'BooleanLiteral':
      return known(n.value, true);
    case 'NullLiteral':
      return known(null, true);
    case 'TemplateLiteral': {
      if (n.expressions.length === 0) return known(n.quasis.map((q) => q.value.cooked ?? q.value.raw).join(''), true);
      const parts = n.expressions.map((e) => ev(e));
      if (parts.some((p) => p.v === UNKNOWN)) return merge(UNKNOWN, parts);
      let s = '';
      n.quasis.forEach((q, i) => {
        s += q.value.cooked ?? q.value.raw;
        if (i < parts.length) s += String(parts[i].v);
      });
      return merge(s, parts);
    }
    case 'Identifier': {
      if (n.name === 'undefined') return known(undefined, true);
      if (n.name === 'NaN') return known(NaN, true);
      if (n.name === 'Infinity') return known(Infinity, true);
      const init = scope.binding(n.name, n.start ?? 0);
      if (!init) return unknown(`${n.name} is computed elsewhere`);
      const r = ev(init);
      return { ...r, literal: false };
    }
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const name = envVarOf(n);
      if (name !== undefined) {
        const hit = scope.env(name);
        if (hit) return known(hit.value, false, [name], [hit.ref]);
        if (scope.unsetEnv) return known(undefined, false, [name]);
        return unknown(scope.hasEnvLookup ? `process.env.${name} is not set in any .env file` : `process.env.${name} is read at run time`, [name]);
      }
      // A property of a same-file object constant: cfg.port
      const obj = unwrap(n.object);
      const prop = propName(n.property, n.computed);
      // const env = process.env; … env.SMTP_PORT
      if (obj && prop !== undefined && obj.type === 'Identifier' && isProcessEnv(scope.binding(obj.name, obj.start ?? 0))) {
        const hit = scope.env(prop);
        if (hit) return known(hit.value, false, [prop], [hit.ref]);
        if (scope.unsetEnv) return known(undefined, false, [prop]);
        return unknown(scope.hasEnvLookup ? `process.env.${prop} is not set in any .env file` : `process.env.${prop} is read at run time`, [prop]);
      }
      if (obj && prop !== undefined && obj.type === 'Identifier') {
        const init = unwrap(scope.binding(obj.name, obj.start ?? 0));
        if (init && init.type === 'ObjectExpression') {
          for (let i = init.properties.length - 1; i >= 0; i--) {
            const p = init.properties[i];
            if (p.type === 'ObjectProperty' && propName(p.key, p.computed) === prop) return { ...ev(p.value), literal: false };
            if (p.type === 'SpreadElement') break;
          }
        }
      }
      if (obj && prop === 'length') {
        const o = ev(obj);
        if (typeof o.v === 'string') return merge(o.v.length, [o]);
      }
      return unknown('it is computed in code');
    }
    case 'UnaryExpression': {
      const a = ev(n.argument);
      const lit = a.literal && (n.argument.type === 'NumericLiteral' || n.argument.type === 'BooleanLiteral' || n.argument.type === 'StringLiteral');
      if (n.operator === 'void') return known(undefined, lit);
      if (a.v === UNKNOWN) return merge(UNKNOWN, [a]);
      let v: Value;
      switch (n.operator) {
        case '!':
          v = !a.v;
          break;
        case '+':
          v = Number(a.v);
          break;
        case '-':
          v = -Number(a.v);
          break;
        case 'typeof':
          v = typeof a.v;
          break;
        default:
          return merge(UNKNOWN, [a]);
      }
      return lit ? known(v, true) : merge(v, [a]);
    }
    case 'BinaryExpression': {
      if (n.left.type === 'PrivateName') return unknown('it is computed in code');
      const l = ev(n.left);
      const r = ev(n.right);
      if (l.v === UNKNOWN || r.v === UNKNOWN) return merge(UNKNOWN, [l, r]);
      const a = l.v as never;
      const b = r.v as never;
      let v: Value;
      switch (n.operator) {
        case '===': v = a === b; break;
        case '!==': v = a !== b; break;
        // eslint-disable-next-line eqeqeq
        case '==': v = a == b; break;
        // eslint-disable-next-line eqeqeq
        case '!=': v = a != b; break;
        case '<': v = a < b; break;
        case '>': v = a > b; break;
        case '<=': v = a <= b; break;
        case '>=': v = a >= b; break;
        case '+': v = (a as number) + (b as number); break;
        case '-': v = (a as number) - (b as number); break;
        case '*': v = (a as number) * (b as number); break;
        case '/': v = (a as number) / (b as number); break;
        case '%': v = (a as number) % (b as number); break;
        default: return merge(UNKNOWN, [l, r]);
      }
      return merge(v, [l, r]);
    }
    case 'LogicalExpression': {
      const l = ev(n.left);
      if (l.v === UNKNOWN) {
        const r = ev(n.right);
        return merge(UNKNOWN, [l, r], l.why);
      }
      const takeLeft = n.operator === '||' ? !!l.v : n.operator === '&&' ? !l.v : l.v !== null && l.v !== undefined;
      if (takeLeft) return merge(l.v, [l]);
      const r = ev(n.right);
      return merge(r.v, [l, r]);
    }
    case 'ConditionalExpression': {
      const c = ev(n.test);
      if (c.v !== UNKNOWN) {
        const b = ev(c.v ? n.consequent : n.alternate);
        return merge(b.v, [c, b]);
      }
      const a = ev(n.consequent);
      const b = ev(n.alternate);
      if (a.v !== UNKNOWN && b.v !== UNKNOWN && Object.is(a.v, b.v)) return merge(a.v, [c, a, b]);
      return merge(UNKNOWN, [c, a, b], c.why);
    }
    case 'CallExpression':
    case 'OptionalCallExpression': {
      const callee = unwrap(n.callee);
      const args = n.arguments.map((x) => (x.type === 'SpreadElement' || x.type === 'ArgumentPlaceholder' ? undefined : x));
      if (callee?.type === 'Identifier') {
        const fn = callee.name;
        if (fn === 'Number' || fn === 'parseInt' || fn === 'parseFloat' || fn === 'String' || fn === 'Boolean') {
          const a = args.length ? ev(args[0]) : known(undefined, false);
          if (a.v === UNKNOWN) return merge(UNKNOWN, [a]);
          const radix = args[1] ? ev(args[1]) : undefined;
          if (radix && radix.v === UNKNOWN) return merge(UNKNOWN, [a, radix]);
          const v =
            fn === 'Number' ? Number(a.v) :
            fn === 'parseInt' ? parseInt(String(a.v), radix ? Number(radix.v) : undefined) :
            fn === 'parseFloat' ? parseFloat(String(a.v)) :
            fn === 'String' ? String(a.v) : Boolean(a.v);
          return merge(v, radix ? [a, radix] : [a]);
        }
      }
      if (callee && (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression')) {
        const method = propName(callee.property, callee.computed);
        const objNode = unwrap(callee.object);
        if (method && ['toLowerCase', 'toUpperCase', 'trim', 'toString', 'toLocaleLowerCase'].includes(method)) {
          const o = ev(callee.object);
          if (o.v === UNKNOWN) return merge(UNKNOWN, [o]);
          if (o.v === undefined || o.v === null) return merge(UNKNOWN, [o], 'it is computed in code');
          const s = String(o.v);
          const v = method === 'toLowerCase' || method === 'toLocaleLowerCase' ? s.toLowerCase() : method === 'toUpperCase' ? s.toUpperCase() : method === 'trim' ? s.trim() : s;
          return merge(v, [o]);
        }
        if (method === 'parse' && objNode?.type === 'Identifier' && objNode.name === 'JSON' && args[0]) {
          const a = ev(args[0]);
          if (a.v === UNKNOWN) return merge(UNKNOWN, [a]);
          try {
            const v = JSON.parse(String(a.v)) as Value;
            if (v === null || typeof v !== 'object') return merge(v, [a]);
          } catch {
            /* fall through */
          }
          return merge(UNKNOWN, [a]);
        }
        if (method === 'includes' && args[0]) {
          const o = unwrap(callee.object);
          if (o?.type === 'ArrayExpression') {
            const a = ev(args[0]);
            const items = o.elements.map((e) => (e && e.type !== 'SpreadElement' ? ev(e) : unknown('spread')));
            if (a.v === UNKNOWN || items.some((i) => i.v === UNKNOWN)) return merge(UNKNOWN, [a, ...items]);
            return merge(items.some((i) => i.v === a.v), [a, ...items]);
          }
        }
      }
      // Record env vars read inside unknown calls, for kind = 'env'.
      const inner = args.map((a) => (a ? ev(a) : unknown('spread')));
      return merge(UNKNOWN, inner, 'it is computed in code');
    }
    case 'SequenceExpression':
      return ev(n.expressions[n.expressions.length - 1]);
    default:
      return unknown('it is computed in code');
  }
}
