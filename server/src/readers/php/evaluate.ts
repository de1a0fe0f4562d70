// PHP expression evaluation for the reader: literals, class constants PHPMailer knows, intra-file constants
// (define('X', …), const X = …) and environment reads with their defaults: Laravel env('X', d), getenv('X') ?: d,
// $_ENV['X'] ?? d, $_SERVER['X'] ?? d, casts. Resolved against the workspace's .env / compose / k8s values (ctx.env).
// A value from another file, a function or a container is unknown: no guess.
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../model/types';
import { kids, srcOf, type CodeScope, type CodeVal } from '../code/common';
import { laravelEnvValue } from '../../semantics/laravel';

/** A PHP value; `constant`: it is a class constant (PHPMailer::ENCRYPTION_SMTPS), so fixes keep writing constants. */
export type PhpVal = CodeVal & { constant?: boolean };
export type PhpScope = CodeScope;

const MAX_DEPTH = 8;

export { kids, srcOf };

function spanOf(n: SyntaxNode): Span {
  return { start: n.from, end: n.to };
}

/** Arguments of an ArgList (positional only; PHP 8 named arguments are rare in mail config). */
export function argNodes(argList: SyntaxNode): SyntaxNode[] {
  return kids(argList).filter((c) => c.name !== '(' && c.name !== ')' && c.name !== ',');
}

/** A single- or double-quoted string without interpolation. */
export function phpString(scope: { text: string }, n: SyntaxNode): { value: string; quote: '"' | "'" } | undefined {
  if (n.name !== 'String') return undefined;
  const t = srcOf(scope, n);
  const q = t[0];
  if ((q !== "'" && q !== '"') || t[t.length - 1] !== q || t.length < 2) return undefined;
  const body = t.slice(1, -1);
  if (q === '"' && /\$[A-Za-z_{]/.test(body)) return undefined; // interpolated
  const value = q === "'" ? body.replace(/\\([\\'])/g, '$1') : body.replace(/\\([\\"$])/g, '$1').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  return { value, quote: q };
}

function unknown(scope: PhpScope, n: SyntaxNode): PhpVal {
  return { kind: 'unknown', text: srcOf(scope, n), span: spanOf(n), quote: '' };
}

function lit(n: SyntaxNode, text: string, value: PhpVal['value'], quote: PhpVal['quote'] = ''): PhpVal {
  return { kind: 'literal', value, text, span: spanOf(n), quote };
}

export function evaluate(scope: PhpScope, n: SyntaxNode | null | undefined, depth = 0): PhpVal {
  if (!n) return { kind: 'unknown', text: '', span: { start: 0, end: 0 }, quote: '' };
  if (depth > MAX_DEPTH) return unknown(scope, n);
  switch (n.name) {
    case 'Integer':
    case 'Float': {
      const t = srcOf(scope, n).replace(/_/g, '');
      const v = Number(t);
      return Number.isFinite(v) ? lit(n, t, v) : unknown(scope, n);
    }
    case 'Boolean':
      return lit(n, srcOf(scope, n), srcOf(scope, n).toLowerCase() === 'true');
    case 'null': // @lezer/php names the null keyword node in lower case
    case 'Null':
      return lit(n, srcOf(scope, n), null);
    case 'String': {
      const s = phpString(scope, n);
      return s ? lit(n, s.value, s.value, s.quote) : unknown(scope, n);
    }
    case 'ParenthesizedExpression': {
      const inner = kids(n).find((c) => c.name !== '(' && c.name !== ')');
      return evaluate(scope, inner, depth + 1);
    }
    case 'ScopedExpression': {
      // PHPMailer::ENCRYPTION_SMTPS / SMTP::DEBUG_SERVER: the constant's name is the value
      const t = srcOf(scope, n).replace(/\s+/g, '');
      return { kind: 'literal', value: t, text: t, span: spanOf(n), quote: '', constant: true };
    }
    case 'Name': {
      const t = srcOf(scope, n);
      const low = t.toLowerCase();
      if (low === 'true' || low === 'false') return lit(n, t, low === 'true');
      if (low === 'null') return lit(n, t, null);
      const def = scope.constant(t, n.from);
      return def ? evaluate(scope, def, depth + 1) : unknown(scope, n);
    }
    case 'CastExpression': {
      const type = n.getChild('NamedType');
      const inner = n.lastChild;
      const v = evaluate(scope, inner, depth + 1);
      const ty = type ? srcOf(scope, type).toLowerCase() : '';
      if (v.value === undefined) return v.kind === 'unknown' ? unknown(scope, n) : v;
      if (ty === 'int' || ty === 'integer') {
        const num = parseInt(String(v.value), 10);
        return { ...v, value: Number.isFinite(num) ? num : 0 };
      }
      if (ty === 'bool' || ty === 'boolean') return { ...v, value: !(v.value === '' || v.value === '0' || v.value === 0 || v.value === false || v.value === null) };
      if (ty === 'string') return { ...v, value: v.value === null ? '' : String(v.value) };
      return v;
    }
    case 'CallExpression':
      return call(scope, n, depth);
    case 'SubscriptExpression': {
      // $_ENV['X'] / $_SERVER['X']
      const cs = kids(n);
      if (cs[0] && /^\$_(ENV|SERVER)$/.test(srcOf(scope, cs[0])) && cs[2]) {
        const key = phpString(scope, cs[2]);
        if (key) return envRead(scope, n, key.value, undefined, false, depth);
      }
      return unknown(scope, n);
    }
    case 'BinaryExpression':
    case 'ConditionalExpression':
      return fallback(scope, n, depth);
    default:
      return unknown(scope, n);
  }
}

function call(scope: PhpScope, n: SyntaxNode, depth: number): PhpVal {
  const callee = n.firstChild;
  const argList = n.getChild('ArgList');
  if (!callee || !argList || callee.name !== 'Name') return unknown(scope, n);
  const name = srcOf(scope, callee).replace(/^\\/, '');
  const args = argNodes(argList);
  const key = args[0] ? phpString(scope, args[0]) : undefined;
  if (!key) return unknown(scope, n);
  if (name === 'env') return envRead(scope, n, key.value, args[1], true, depth);
  if (name === 'getenv') return envRead(scope, n, key.value, undefined, false, depth);
  return unknown(scope, n);
}

/** `getenv('X') ?: d`, `$_ENV['X'] ?? d`: the default applies when the variable is unset (or empty, for ?:). */
function fallback(scope: PhpScope, n: SyntaxNode, depth: number): PhpVal {
  const cs = kids(n);
  const ops = cs.filter((c) => c.name === 'LogicOp' || c.name === ':').map((c) => srcOf(scope, c)).join('');
  const isFallback = (ops === '??' || ops === '?:') && cs.length >= 3;
  if (!isFallback) return unknown(scope, n);
  const left = evaluate(scope, cs[0], depth + 1);
  const right = cs[cs.length - 1];
  if (left.kind === 'env' && !left.resolvedFrom) {
    const d = evaluate(scope, right, depth + 1);
    return d.kind === 'literal' ? { ...d, envVar: left.envVar } : { ...left, span: spanOf(n), text: srcOf(scope, n) };
  }
  if (left.kind === 'env' && left.resolvedFrom) {
    const empty = left.value === '' || left.value === null || left.value === undefined || (ops === '?:' && (left.value === '0' || left.value === 0));
    if (!empty) return { ...left, span: spanOf(n), text: srcOf(scope, n) };
    const d = evaluate(scope, right, depth + 1);
    return d.kind === 'literal' ? { ...d, envVar: left.envVar } : unknown(scope, n);
  }
  return unknown(scope, n);
}

function envRead(scope: PhpScope, n: SyntaxNode, name: string, dflt: SyntaxNode | undefined, laravel: boolean, depth: number): PhpVal {
  const hit = scope.env(name);
  if (hit) {
    const value = laravel ? laravelEnvValue(hit.value) : hit.value;
    return { kind: 'env', value, text: srcOf(scope, n), span: spanOf(n), quote: '', envVar: name, resolvedFrom: hit.ref };
  }
  if (dflt) {
    const d = evaluate(scope, dflt, depth + 1);
    // unset variable: the literal default is the setting (a fix edits the default)
    if (d.kind === 'literal') return { ...d, envVar: name };
  }
  return { kind: 'env', text: srcOf(scope, n), span: spanOf(n), quote: '', envVar: name };
}

/** A PHP value as a settings string. */
export function phpText(v: PhpVal['value']): string {
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (v === null || v === undefined) return '';
  return String(v);
}
