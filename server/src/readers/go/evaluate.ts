// Go expression evaluation for the reader: literals (interpreted and raw strings, numbers, booleans), intra-file
// constants and variables (`const port = 465`, `host := "smtp.example.com"`), os.Getenv("X") resolved against the
// workspace's .env / compose / k8s values, string concatenation, and the address builders of mail code:
// net.JoinHostPort(host, "465"), fmt.Sprintf("%s:%d", host, 465), host + ":465". Anything else is unknown.
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../model/types';
import { kids, srcOf, type CodeScope, type CodeVal } from '../code/common';

export type GoVal = CodeVal;

const MAX_DEPTH = 8;

function spanOf(n: SyntaxNode): Span {
  return { start: n.from, end: n.to };
}

/** The arguments of a CallExpr. */
export function callArgs(call: SyntaxNode): SyntaxNode[] {
  const a = call.getChild('Arguments');
  return a ? kids(a).filter((c) => c.name !== '(' && c.name !== ')' && c.name !== ',' && c.name !== '...') : [];
}

/** `pkg.Name` of a call's callee (SelectorExpr of a VariableName and a FieldName), or the bare name. */
export function calleeName(scope: { text: string }, call: SyntaxNode): { pkg?: string; name: string; recv?: SyntaxNode } | undefined {
  const f = call.firstChild;
  if (!f) return undefined;
  if (f.name === 'VariableName') return { name: srcOf(scope, f) };
  if (f.name !== 'SelectorExpr') return undefined;
  const field = f.lastChild;
  const recv = f.firstChild;
  if (!field || field.name !== 'FieldName' || !recv) return undefined;
  return { pkg: recv.name === 'VariableName' ? srcOf(scope, recv) : undefined, name: srcOf(scope, field), recv };
}

/** A Go string literal's value; undefined when it is not a plain literal. */
export function goString(scope: { text: string }, n: SyntaxNode): { value: string; quote: '"' | '`' } | undefined {
  if (n.name !== 'String') return undefined;
  const t = srcOf(scope, n);
  if (t.length < 2) return undefined;
  if (t[0] === '`' && t[t.length - 1] === '`') return { value: t.slice(1, -1).replace(/\r/g, ''), quote: '`' };
  if (t[0] !== '"' || t[t.length - 1] !== '"') return undefined;
  const value = t.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, e: string) => {
    if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[e] ?? e;
  });
  return { value, quote: '"' };
}

function unknown(scope: CodeScope, n: SyntaxNode): GoVal {
  return { kind: 'unknown', text: srcOf(scope, n), span: spanOf(n), quote: '' };
}

function lit(n: SyntaxNode, text: string, value: GoVal['value'], quote: GoVal['quote'] = ''): GoVal {
  return { kind: 'literal', value, text, span: spanOf(n), quote };
}

export function evaluate(scope: CodeScope, n: SyntaxNode | null | undefined, depth = 0): GoVal {
  if (!n) return { kind: 'unknown', text: '', span: { start: 0, end: 0 }, quote: '' };
  if (depth > MAX_DEPTH) return unknown(scope, n);
  switch (n.name) {
    case 'Number': {
      const t = srcOf(scope, n).replace(/_/g, '');
      const v = /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : /^0[oO]/.test(t) ? parseInt(t.slice(2), 8) : /^0[bB]/.test(t) ? parseInt(t.slice(2), 2) : Number(t);
      return Number.isFinite(v) ? lit(n, srcOf(scope, n), v) : unknown(scope, n);
    }
    case 'Bool':
      return lit(n, srcOf(scope, n), srcOf(scope, n) === 'true');
    case 'String': {
      const s = goString(scope, n);
      return s ? { ...lit(n, s.value, s.value), quote: s.quote === '"' ? '"' : '' } : unknown(scope, n);
    }
    case 'ParenthesizedExpr': {
      const inner = kids(n).find((c) => c.name !== '(' && c.name !== ')');
      return evaluate(scope, inner, depth + 1);
    }
    case 'VariableName': {
      const def = scope.constant(srcOf(scope, n), n.from);
      return def ? evaluate(scope, def, depth + 1) : unknown(scope, n);
    }
    case 'BinaryExp': {
      // string concatenation: known only when both sides are
      const cs = kids(n);
      if (cs.length !== 3 || srcOf(scope, cs[1]) !== '+') return unknown(scope, n);
      const a = evaluate(scope, cs[0], depth + 1);
      const b = evaluate(scope, cs[2], depth + 1);
      const known = (v: GoVal) => v.value !== undefined && (v.kind === 'literal' || !!v.resolvedFrom);
      if (typeof a.value === 'string' && typeof b.value === 'string' && known(a) && known(b)) {
        return { kind: a.kind === 'literal' && b.kind === 'literal' ? 'literal' : 'env', value: a.value + b.value, text: srcOf(scope, n), span: spanOf(n), quote: '', resolvedFrom: a.resolvedFrom ?? b.resolvedFrom, envVar: a.envVar ?? b.envVar };
      }
      return unknown(scope, n);
    }
    case 'CallExpr':
      return call(scope, n, depth);
    default:
      return unknown(scope, n);
  }
}

function call(scope: CodeScope, n: SyntaxNode, depth: number): GoVal {
  const c = calleeName(scope, n);
  const args = callArgs(n);
  if (c?.pkg === 'os' && (c.name === 'Getenv' || c.name === 'LookupEnv') && args.length === 1) {
    const name = goString(scope, args[0]);
    if (!name) return unknown(scope, n);
    const hit = scope.env(name.value);
    if (hit) return { kind: 'env', value: hit.value, text: srcOf(scope, n), span: spanOf(n), quote: '', envVar: name.value, resolvedFrom: hit.ref };
    return { kind: 'env', text: srcOf(scope, n), span: spanOf(n), quote: '', envVar: name.value };
  }
  // strconv.Atoi("465") (first result: `port, _ := strconv.Atoi(os.Getenv("SMTP_PORT"))`)
  if (c?.pkg === 'strconv' && c.name === 'Atoi' && args.length === 1) {
    const v = evaluate(scope, args[0], depth + 1);
    if (v.value === undefined) return v.kind === 'unknown' ? unknown(scope, n) : { ...v, span: spanOf(n), text: srcOf(scope, n) };
    const s = String(v.value).trim();
    return /^[+-]?\d+$/.test(s) ? { ...v, value: Number(s) } : { ...unknown(scope, n), kind: v.kind === 'env' ? 'env' : 'unknown', envVar: v.envVar };
  }
  // strconv.Itoa(465) / fmt.Sprint(465): the number as a string
  if (((c?.pkg === 'strconv' && c.name === 'Itoa') || (c?.pkg === 'fmt' && c.name === 'Sprint')) && args.length === 1) {
    const v = evaluate(scope, args[0], depth + 1);
    return v.value === undefined ? { ...v, span: v.kind === 'unknown' ? spanOf(n) : v.span } : { ...v, value: String(v.value) };
  }
  return unknown(scope, n);
}

/**
 * The host and port of an address expression ("host:465", host + ":465", net.JoinHostPort(host, "465"),
 * fmt.Sprintf("%s:%d", host, 465)): each with the node that holds it (a fix edits the port there).
 */
export interface AddrParts {
  host?: GoVal;
  port?: GoVal;
  /** The port digits inside a literal "host:465" (the span to replace), when the port is written in a string. */
  portDigits?: Span;
}

export function addrParts(scope: CodeScope, n: SyntaxNode | undefined, depth = 0): AddrParts {
  if (!n || depth > MAX_DEPTH) return {};
  if (n.name === 'String') {
    const s = goString(scope, n);
    const m = s ? /^(.*):(\d{1,5})$/.exec(s.value) : null;
    if (!s || !m || s.value !== srcOf(scope, n).slice(1, -1)) return s ? { host: lit(n, s.value, s.value, '"') } : {};
    const at = n.from + 1 + m[1].length + 1;
    return { host: { ...lit(n, m[1], m[1]), span: { start: n.from + 1, end: n.from + 1 + m[1].length } }, port: lit(n, m[2], Number(m[2])), portDigits: { start: at, end: at + m[2].length } };
  }
  if (n.name === 'VariableName') {
    const def = scope.constant(srcOf(scope, n), n.from);
    if (def) return addrParts(scope, def, depth + 1);
    return {};
  }
  if (n.name === 'BinaryExp') {
    const cs = kids(n);
    if (cs.length === 3 && srcOf(scope, cs[1]) === '+' && cs[2].name === 'String') {
      const right = goString(scope, cs[2]);
      const m = right ? /^:(\d{1,5})$/.exec(right.value) : null;
      if (m && right!.value === srcOf(scope, cs[2]).slice(1, -1)) {
        const at = cs[2].from + 2;
        return { host: evaluate(scope, cs[0], depth + 1), port: lit(cs[2], m[1], Number(m[1])), portDigits: { start: at, end: at + m[1].length } };
      }
    }
    const v = evaluate(scope, n, depth + 1);
    if (typeof v.value === 'string') {
      const m = /^(.*):(\d{1,5})$/.exec(v.value);
      if (m) return { host: { ...v, value: m[1] }, port: { ...v, value: Number(m[2]), text: v.text } };
    }
    return {};
  }
  if (n.name === 'CallExpr') {
    const c = calleeName(scope, n);
    const args = callArgs(n);
    if (c?.pkg === 'net' && c.name === 'JoinHostPort' && args.length === 2) {
      const port = evaluate(scope, args[1], depth + 1);
      if (typeof port.value === 'string' && /^\d{1,5}$/.test(port.value)) port.value = Number(port.value);
      return { host: evaluate(scope, args[0], depth + 1), port };
    }
    if (c?.pkg === 'fmt' && c.name === 'Sprintf' && args.length >= 1) {
      const f = goString(scope, args[0]);
      if (!f) return {};
      const m = /^%[sv]:(%[dsv]|\d{1,5})$/.exec(f.value);
      if (!m) return {};
      const host = args[1] ? evaluate(scope, args[1], depth + 1) : undefined;
      if (/^\d/.test(m[1])) {
        const at = args[0].from + 1 + f.value.indexOf(':') + 1;
        return { host, port: lit(args[0], m[1], Number(m[1])), portDigits: { start: at, end: at + m[1].length } };
      }
      const port = args[2] ? evaluate(scope, args[2], depth + 1) : undefined;
      if (port && typeof port.value === 'string' && /^\d{1,5}$/.test(port.value)) port.value = Number(port.value);
      return { host, port };
    }
    const v = evaluate(scope, n, depth + 1);
    if (typeof v.value === 'string') {
      const m = /^(.*):(\d{1,5})$/.exec(v.value);
      if (m) return { host: { ...v, value: m[1] }, port: { ...v, value: Number(m[2]) } };
    }
  }
  return {};
}

/** A Go value as a settings string. */
export function goText(v: GoVal['value']): string {
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (v === null || v === undefined) return '';
  return String(v);
}
