// Java expression evaluation for the reader: literals (with their Java type, which decides what JavaMail's
// PropUtil makes of them), intra-file constants (`static final String HOST = "…"`, local variables), environment
// reads with their defaults (System.getenv("X"), System.getenv().getOrDefault("X", d),
// Objects.requireNonNullElse(System.getenv("X"), d), Optional.ofNullable(System.getenv("X")).orElse(d)) resolved
// against the workspace's .env / compose / k8s values, and the conversions around them (Integer.parseInt,
// Integer.valueOf, String.valueOf, Boolean.parseBoolean / valueOf). Anything else is unknown: no guess.
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../model/types';
import { kids, srcOf, type CodeScope, type CodeVal } from '../code/common';
import type { JavaValue } from '../../semantics/javamail';

/** A Java value; `jtype`: the Java type of the expression when known (Properties.put keeps the Object). */
export type JavaVal = CodeVal & { jtype?: 'String' | 'Boolean' | 'Integer' | 'other' };

const MAX_DEPTH = 8;

function spanOf(n: SyntaxNode): Span {
  return { start: n.from, end: n.to };
}

/** Arguments of an ArgumentList. */
export function argNodes(argList: SyntaxNode | null): SyntaxNode[] {
  if (!argList) return [];
  return kids(argList).filter((c) => c.name !== '(' && c.name !== ')' && c.name !== ',');
}

/** A Java string literal's value (escapes processed); undefined for text blocks and broken literals. */
export function javaString(scope: { text: string }, n: SyntaxNode): string | undefined {
  if (n.name !== 'StringLiteral') return undefined;
  const t = srcOf(scope, n);
  if (t.length < 2 || t[0] !== '"' || t[t.length - 1] !== '"') return undefined;
  return t.slice(1, -1).replace(/\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'u') return String.fromCharCode(parseInt(e.replace(/^u+/, ''), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ' } as Record<string, string>)[e] ?? e;
  });
}

function unknown(scope: CodeScope, n: SyntaxNode): JavaVal {
  return { kind: 'unknown', text: srcOf(scope, n), span: spanOf(n), quote: '' };
}

function lit(n: SyntaxNode, text: string, value: JavaVal['value'], jtype: JavaVal['jtype'], quote: JavaVal['quote'] = ''): JavaVal {
  return { kind: 'literal', value, text, span: spanOf(n), quote, jtype };
}

/** `Name.method` of a MethodInvocation, e.g. 'System.getenv', 'Integer.parseInt', '.getOrDefault' (receiver not a name). */
export function calleeOf(scope: { text: string }, call: SyntaxNode): { receiver?: SyntaxNode; method: string; args: SyntaxNode[] } | undefined {
  if (call.name !== 'MethodInvocation') return undefined;
  const name = call.getChild('MethodName');
  if (!name) return undefined;
  const first = call.firstChild;
  const receiver = first && first !== name ? first : undefined;
  return { receiver, method: srcOf(scope, name), args: argNodes(call.getChild('ArgumentList')) };
}

export function evaluate(scope: CodeScope, n: SyntaxNode | null | undefined, depth = 0): JavaVal {
  if (!n) return { kind: 'unknown', text: '', span: { start: 0, end: 0 }, quote: '' };
  if (depth > MAX_DEPTH) return unknown(scope, n);
  switch (n.name) {
    case 'IntegerLiteral': {
      const raw = srcOf(scope, n).replace(/_/g, '');
      const long = /[lL]$/.test(raw);
      const t = raw.replace(/[lL]$/, '');
      const v = /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : /^0[bB]/.test(t) ? parseInt(t.slice(2), 2) : /^0\d/.test(t) ? parseInt(t, 8) : Number(t);
      return Number.isFinite(v) ? lit(n, srcOf(scope, n), v, long ? 'other' : 'Integer') : unknown(scope, n);
    }
    case 'BooleanLiteral':
      return lit(n, srcOf(scope, n), srcOf(scope, n) === 'true', 'Boolean');
    case 'StringLiteral': {
      const s = javaString(scope, n);
      return s === undefined ? unknown(scope, n) : lit(n, s, s, 'String', '"');
    }
    case 'null':
      return lit(n, 'null', null, 'other');
    case 'ParenthesizedExpression': {
      const inner = kids(n).find((c) => c.name !== '(' && c.name !== ')');
      return { ...evaluate(scope, inner, depth + 1), span: spanOf(n) };
    }
    case 'FieldAccess': {
      // Boolean.TRUE / Boolean.FALSE; MailConfig.HOST (a constant of this file, by its simple name)
      const t = srcOf(scope, n).replace(/\s+/g, '');
      if (t === 'Boolean.TRUE' || t === 'Boolean.FALSE') return lit(n, t, t === 'Boolean.TRUE', 'Boolean');
      const last = n.lastChild;
      if (last?.name === 'Identifier') {
        const def = scope.constant(srcOf(scope, last), n.from);
        if (def) return evaluate(scope, def, depth + 1);
      }
      return unknown(scope, n);
    }
    case 'Identifier': {
      const def = scope.constant(srcOf(scope, n), n.from);
      return def ? evaluate(scope, def, depth + 1) : unknown(scope, n);
    }
    case 'MethodInvocation':
      return call(scope, n, depth);
    default:
      return unknown(scope, n);
  }
}

function envRead(scope: CodeScope, n: SyntaxNode, name: string, dflt: SyntaxNode | undefined, depth: number): JavaVal {
  const hit = scope.env(name);
  if (hit) return { kind: 'env', value: hit.value, text: srcOf(scope, n), span: spanOf(n), quote: '', envVar: name, resolvedFrom: hit.ref, jtype: 'String' };
  if (dflt) {
    const d = evaluate(scope, dflt, depth + 1);
    // unset variable: the literal default is the setting (a fix edits the default)
    if (d.kind === 'literal') return { ...d, envVar: name };
  }
  return { kind: 'env', text: srcOf(scope, n), span: spanOf(n), quote: '', envVar: name, jtype: 'String' };
}

/** System.getenv("X") as a node, when `n` is one. */
function getenvName(scope: CodeScope, n: SyntaxNode | undefined): string | undefined {
  if (!n) return undefined;
  const c = calleeOf(scope, n);
  if (!c || c.method !== 'getenv' || !c.receiver || srcOf(scope, c.receiver) !== 'System' || c.args.length !== 1) return undefined;
  return javaString(scope, c.args[0]);
}

function call(scope: CodeScope, n: SyntaxNode, depth: number): JavaVal {
  const c = calleeOf(scope, n);
  if (!c) return unknown(scope, n);
  const recv = c.receiver ? srcOf(scope, c.receiver).replace(/\s+/g, '') : '';
  const env = getenvName(scope, n);
  if (env !== undefined) return envRead(scope, n, env, undefined, depth);
  // System.getenv().getOrDefault("X", d)
  if (c.method === 'getOrDefault' && recv === 'System.getenv()' && c.args.length === 2) {
    const name = javaString(scope, c.args[0]);
    if (name !== undefined) return envRead(scope, n, name, c.args[1], depth);
  }
  // Objects.requireNonNullElse(System.getenv("X"), d)
  if (c.method === 'requireNonNullElse' && /^(java\.util\.)?Objects$/.test(recv) && c.args.length === 2) {
    const name = getenvName(scope, c.args[0]);
    if (name !== undefined) return envRead(scope, n, name, c.args[1], depth);
  }
  // Optional.ofNullable(System.getenv("X")).orElse(d)
  if (c.method === 'orElse' && c.receiver && c.args.length === 1) {
    const inner = calleeOf(scope, c.receiver);
    if (inner && inner.method === 'ofNullable' && inner.args.length === 1) {
      const name = getenvName(scope, inner.args[0]);
      if (name !== undefined) return envRead(scope, n, name, c.args[0], depth);
    }
  }
  // Conversions: the value passes through with another Java type.
  const conv = CONVERSIONS[`${recv}.${c.method}`];
  if (conv && c.args.length === 1) {
    const v = evaluate(scope, c.args[0], depth + 1);
    return convert(v, conv, n, scope);
  }
  return unknown(scope, n);
}

const CONVERSIONS: Record<string, 'Integer' | 'String' | 'Boolean'> = {
  'Integer.parseInt': 'Integer',
  'Integer.valueOf': 'Integer',
  'String.valueOf': 'String',
  'Integer.toString': 'String',
  'Boolean.parseBoolean': 'Boolean',
  'Boolean.valueOf': 'Boolean',
};

function convert(v: JavaVal, to: 'Integer' | 'String' | 'Boolean', n: SyntaxNode, scope: CodeScope): JavaVal {
  // The literal inside keeps its span (a fix edits it); an env read keeps the call's span.
  const out: JavaVal = { ...v, jtype: to };
  if (v.kind === 'env' && !v.resolvedFrom) return { ...out, text: srcOf(scope, n), span: spanOf(n) };
  if (v.value === undefined) return v.kind === 'unknown' ? unknown(scope, n) : out;
  if (to === 'Integer') {
    const s = String(v.value).trim();
    const num = /^[+-]?\d+$/.test(s) ? Number(s) : NaN;
    if (!Number.isFinite(num)) return { ...unknown(scope, n), kind: v.kind === 'env' ? 'env' : 'unknown', envVar: v.envVar };
    return { ...out, value: num };
  }
  // Boolean.parseBoolean: "true" ignoring case, everything else (null too) false
  if (to === 'Boolean') return { ...out, value: typeof v.value === 'boolean' ? v.value : /^true$/i.test(String(v.value)) };
  return { ...out, value: v.value === null ? 'null' : String(v.value) };
}

/** The JavaMail view of an evaluated value (undefined when it is not known). */
export function javaValueOf(v: JavaVal): JavaValue | undefined {
  if (v.value === undefined || (v.kind !== 'literal' && !v.resolvedFrom)) return undefined;
  if (v.jtype === 'String' && typeof v.value === 'string') return { type: 'String', value: v.value };
  if (v.jtype === 'Boolean' && typeof v.value === 'boolean') return { type: 'Boolean', value: v.value };
  if (v.jtype === 'Integer' && typeof v.value === 'number') return { type: 'Integer', value: v.value };
  return { type: 'other' };
}

/** A Java value as a settings string. */
export function javaText(v: JavaVal['value']): string {
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (v === null || v === undefined) return '';
  return String(v);
}
