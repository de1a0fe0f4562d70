// Python expression evaluation for the reader: literals, intra-file constants, and environment reads
// (os.environ.get / os.getenv / os.environ[...] / python-decouple config() / django-environ env(), env.int(),
// env.bool() ...) with their defaults, resolved against the workspace's .env / compose / k8s values (ctx.env).
// Anything else (a value from another module, a function call, a DI container) is unknown: no guess.
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../model/types';
import { kids, srcOf, type CodeScope, type CodeVal } from '../code/common';
import { parseBool } from '../../semantics/values';

/** `stringRead`: the value is an environment variable's text used as is (raw: os.environ.get('X'), config('X')
 *  without cast, bool(os.environ.get('X')); presence: os.environ.get('X') is not None). As a boolean setting both are
 *  true for X=False (a non-empty string is truthy): rule env-string-as-boolean. Casts and comparisons clear it. */
export type PyVal = CodeVal & { stringRead?: 'raw' | 'presence' };
export type PyScope = CodeScope;

const MAX_DEPTH = 8;

export const src = srcOf;
export { kids };

export interface Args {
  positional: SyntaxNode[];
  keyword: Map<string, { name: SyntaxNode; value: SyntaxNode }>;
  /** The `(` … `)` of the ArgList. */
  open: number;
  close: number;
  /** *args / **kwargs present: any keyword may come from them. */
  spread: boolean;
}

/** Positional and keyword arguments of an ArgList node. */
export function argsOf(text: string, argList: SyntaxNode): Args {
  const a: Args = { positional: [], keyword: new Map(), open: argList.from, close: argList.to - 1, spread: false };
  const cs = kids(argList);
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    if (c.name === '(' || c.name === ')' || c.name === ',') continue;
    if (c.name === 'VariableName' && cs[i + 1]?.name === 'AssignOp' && cs[i + 2]) {
      a.keyword.set(text.slice(c.from, c.to), { name: c, value: cs[i + 2] });
      i += 2;
      continue;
    }
    if (c.name === '*' || c.name === '**' || (c.name === 'ArithOp' && /^\*/.test(text.slice(c.from, c.to)))) {
      a.spread = true;
      i++;
      continue;
    }
    a.positional.push(c);
  }
  return a;
}

/** A string literal's value and quote (plain, r'', b'' and implicit concatenation; f-strings are not literals). */
export function stringLiteral(scope: PyScope, n: SyntaxNode): { value: string; quote: '"' | "'" } | undefined {
  if (n.name === 'ContinuedString') {
    let v = '';
    let q: '"' | "'" = "'";
    for (const c of kids(n)) {
      const s = stringLiteral(scope, c);
      if (!s) return undefined;
      v += s.value;
      q = s.quote;
    }
    return { value: v, quote: q };
  }
  if (n.name !== 'String') return undefined;
  const t = src(scope, n);
  const m = /^([rRbBuU]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(t);
  if (!m) return undefined;
  const raw = /r/i.test(m[1]);
  const body = raw ? m[3] : m[3].replace(/\\(['"\\])/g, '$1').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  return { value: body, quote: m[2][0] as '"' | "'" };
}

function literal(n: SyntaxNode, text: string, value: PyVal['value'], quote: PyVal['quote'] = ''): PyVal {
  return { kind: 'literal', value, text, span: spanOfNode(n), quote };
}

function spanOfNode(n: SyntaxNode): Span {
  return { start: n.from, end: n.to };
}

function unknown(scope: PyScope, n: SyntaxNode): PyVal {
  return { kind: 'unknown', text: src(scope, n), span: spanOfNode(n), quote: '' };
}

const ENV_GET = new Set(['os.environ.get', 'environ.get', 'os.getenv', 'getenv', 'os.environ.setdefault']);
/** python-decouple `config(...)` and django-environ `env(...)`, `env.str/int/bool(...)`, `environ.Env()` instances. */
const HELPER = /^(config|env|environ\.Env\(\))(?:\.(str|int|bool|float))?$/;

/** Evaluates an expression node. */
export function evaluate(scope: PyScope, n: SyntaxNode | null | undefined, depth = 0): PyVal {
  if (!n) return { kind: 'unknown', text: '', span: { start: 0, end: 0 }, quote: '' };
  if (depth > MAX_DEPTH) return unknown(scope, n);
  switch (n.name) {
    case 'Number': {
      const t = src(scope, n).replace(/_/g, '');
      const v = /^\d+$/.test(t) ? Number(t) : Number.isFinite(Number(t)) ? Number(t) : undefined;
      return v === undefined ? unknown(scope, n) : literal(n, t, v);
    }
    case 'Boolean':
      return literal(n, src(scope, n), src(scope, n) === 'True');
    case 'None':
      return literal(n, 'None', null);
    case 'String':
    case 'ContinuedString': {
      const s = stringLiteral(scope, n);
      return s ? literal(n, s.value, s.value, s.quote) : unknown(scope, n);
    }
    case 'ParenthesizedExpression': {
      const inner = kids(n).find((c) => c.name !== '(' && c.name !== ')');
      return evaluate(scope, inner, depth + 1);
    }
    case 'VariableName': {
      const def = scope.constant(src(scope, n), n.from);
      if (!def) return unknown(scope, n);
      // a constant's literal is edited where it is defined
      return evaluate(scope, def, depth + 1);
    }
    case 'MemberExpression': {
      // os.environ['X']
      const cs = kids(n);
      if (cs[1]?.name === '[' && /^(os\.)?environ$/.test(src(scope, cs[0]))) {
        const key = cs[2] ? stringLiteral(scope, cs[2]) : undefined;
        if (key) return { ...envRead(scope, n, key.value, undefined, undefined, depth), stringRead: 'raw' };
      }
      return unknown(scope, n);
    }
    case 'CallExpression':
      return call(scope, n, depth);
    case 'BinaryExpression':
      return binary(scope, n, depth);
    case 'UnaryExpression': {
      const cs = kids(n);
      if (cs[0] && src(scope, cs[0]) === '-' && cs[1]?.name === 'Number') {
        const v = evaluate(scope, cs[1], depth + 1);
        if (typeof v.value === 'number') return { ...v, value: -v.value, text: src(scope, n), span: spanOfNode(n) };
      }
      return unknown(scope, n);
    }
    default:
      return unknown(scope, n);
  }
}

function call(scope: PyScope, n: SyntaxNode, depth: number): PyVal {
  const callee = n.firstChild;
  const argList = n.getChild('ArgList');
  if (!callee || !argList) return unknown(scope, n);
  const name = src(scope, callee).replace(/\s+/g, '');
  const args = argsOf(scope.text, argList);
  if ((name === 'int' || name === 'str' || name === 'bool' || name === 'float') && args.positional.length === 1) {
    const v = evaluate(scope, args.positional[0], depth + 1);
    if (v.value === undefined || v.value === null) return v.kind === 'unknown' ? unknown(scope, n) : { ...v, value: undefined };
    if (name === 'int' || name === 'float') {
      const num = Number(String(v.value).trim());
      return Number.isFinite(num) ? { ...v, value: num, stringRead: undefined } : { ...v, value: undefined, kind: v.kind === 'literal' ? 'unknown' : v.kind, stringRead: undefined };
    }
    if (name === 'str') return { ...v, value: String(v.value) };
    // bool('false') is True in Python: any non-empty string
    return { ...v, value: typeof v.value === 'string' ? v.value !== '' : !!v.value };
  }
  const keyNode = args.positional[0];
  const key = keyNode ? stringLiteral(scope, keyNode) : undefined;
  if (!key) return unknown(scope, n);
  if (ENV_GET.has(name)) return { ...envRead(scope, n, key.value, args.positional[1] ?? args.keyword.get('default')?.value, undefined, depth), stringRead: 'raw' };
  const h = HELPER.exec(name);
  if (h) {
    let cast: 'int' | 'bool' | undefined = h[2] === 'int' ? 'int' : h[2] === 'bool' ? 'bool' : undefined;
    const castArg = args.keyword.get('cast')?.value;
    if (castArg) {
      const c = src(scope, castArg);
      cast = c === 'int' ? 'int' : c === 'bool' ? 'bool' : cast;
    }
    const v = envRead(scope, n, key.value, args.keyword.get('default')?.value ?? (h[1] === 'env' ? args.positional[1] : undefined), cast, depth);
    // config('X') / env('X') / env.str('X') without cast= give the text (decouple's cast defaults to none)
    return castArg || (h[2] && h[2] !== 'str') ? v : { ...v, stringRead: 'raw' };
  }
  return unknown(scope, n);
}

/** An environment read: the workspace's value when known (a .env, compose or k8s file), else its default. */
function envRead(scope: PyScope, n: SyntaxNode, name: string, dflt: SyntaxNode | undefined, cast: 'int' | 'bool' | undefined, depth: number): PyVal {
  const hit = scope.env(name);
  const conv = (v: PyVal['value']): PyVal['value'] => {
    if (cast === 'int' && v !== null && v !== undefined && /^\s*-?\d+\s*$/.test(String(v))) return Number(v);
    if (cast === 'bool' && typeof v === 'string') {
      // python-decouple / django-environ casts (semantics/values 'python' vocabulary)
      const b = parseBool(v, 'python');
      if (b !== undefined) return b;
    }
    return v;
  };
  if (hit) return { kind: 'env', value: conv(hit.value), text: src(scope, n), span: spanOfNode(n), quote: '', envVar: name, resolvedFrom: hit.ref };
  if (dflt) {
    const d = evaluate(scope, dflt, depth + 1);
    // The default is what runs when the variable is unset: a literal default is the setting a fix may change.
    if (d.kind === 'literal') return { ...d, value: conv(d.value), envVar: name };
    return { kind: 'env', text: src(scope, n), span: spanOfNode(n), quote: '', envVar: name };
  }
  return { kind: 'env', text: src(scope, n), span: spanOfNode(n), quote: '', envVar: name };
}

function binary(scope: PyScope, n: SyntaxNode, depth: number): PyVal {
  const cs = kids(n);
  const op = cs[1] ? src(scope, cs[1]) : '';
  const left = evaluate(scope, cs[0], depth + 1);
  if (op === 'or' && cs.length === 3) {
    // os.environ.get('X') or 25: the default applies when the variable is unset or empty
    if (left.kind === 'env' && left.value === undefined && !left.resolvedFrom) {
      const d = evaluate(scope, cs[2], depth + 1);
      if (d.kind === 'literal') return { ...d, envVar: left.envVar, stringRead: left.stringRead };
      return unknown(scope, n);
    }
    if (left.value !== undefined && left.value !== '' && left.value !== null && left.value !== false && left.value !== 0) return { ...left, span: spanOfNode(n), kind: left.kind === 'literal' ? 'unknown' : left.kind };
    return unknown(scope, n);
  }
  if ((op === '==' || op === '!=') && cs.length === 3) {
    const right = evaluate(scope, cs[2], depth + 1);
    if (left.value === undefined || right.kind !== 'literal' || right.value === undefined) return unknown(scope, n);
    const eq = String(left.value) === String(right.value);
    return known(scope, n, op === '==' ? eq : !eq, left);
  }
  if (op === 'is' && cs.length >= 3) {
    // os.environ.get('X') is not None: true whenever the variable is set, whatever its text ("False" too)
    const not = cs[2] && src(scope, cs[2]) === 'not';
    const rhs = cs[not ? 3 : 2];
    if (rhs?.name === 'None' && left.kind === 'env') {
      const presence = not && left.stringRead ? ('presence' as const) : undefined;
      if (left.resolvedFrom && left.value !== undefined) return { ...known(scope, n, not ? left.value !== null : left.value === null, left), stringRead: presence };
      return { kind: 'env', text: src(scope, n), span: spanOfNode(n), quote: '', envVar: left.envVar, stringRead: presence };
    }
  }
  return unknown(scope, n);
}

/** A value computed by an expression from a known input: not editable in place; it comes from where the input did. */
function known(scope: PyScope, n: SyntaxNode, value: boolean, from: PyVal): PyVal {
  const resolvedFrom = from.resolvedFrom ?? { file: scope.file, span: from.span };
  return { kind: 'env', value, text: src(scope, n), span: spanOfNode(n), quote: '', envVar: from.envVar, resolvedFrom };
}

/** A Python value as a settings string: True/False as Python writes them, None as ''. */
export function pyText(v: PyVal['value']): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return '';
  return String(v);
}
