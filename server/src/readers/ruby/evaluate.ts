// Ruby expression evaluation for the reader: literals (strings incl. %q/%Q, symbols, integers, true/false/nil),
// constants (OpenSSL::SSL::VERIFY_NONE kept as written), intra-file constants and local variables, and environment
// reads with their defaults: ENV['X'], ENV.fetch('X', d), ENV.fetch('X') { d }, ENV['X'] || d, with the idioms
// around them: .to_i / Integer(...) (numbers), == 'true' / != 'false' / .present? / %w[..].include? /
// ActiveModel::Type::Boolean.new.cast (booleans: safe casts), .to_s / .to_sym / .downcase / .presence.
// Resolved against the workspace's .env / compose / k8s values (ctx.env). Anything else (Rails credentials,
// method calls) is an expression: no guess.
import type { CodeVal, CodeScope } from '../code/common';
import type { Span } from '../../model/types';
import { activeModelBoolean, rubyToI, type RubyValue } from '../../semantics/mail-gem';
import { callArgs, field, typeOf, unescaped, type Offsets, type PrismNode } from './prism';

/** A Ruby value. `symbol`: written as a Symbol (:always); `constant`: a constant path as written
 *  (OpenSSL::SSL::VERIFY_NONE); `rawEnv`: the String of an ENV read used as is (no comparison or cast), so a
 *  boolean setting gets "false" as a truthy String. */
export type RbVal = CodeVal & { symbol?: boolean; constant?: boolean; rawEnv?: boolean };

export interface RbScope extends Pick<CodeScope, 'file' | 'text' | 'env'> {
  offsets: Offsets;
  /** The value node last assigned to a local variable or constant `name` before `at` (byte offset). */
  binding(name: string, at: number): PrismNode | undefined;
}

const MAX_DEPTH = 8;

function spanOf(scope: RbScope, n: PrismNode): Span {
  return scope.offsets.span(n.location);
}

function src(scope: RbScope, n: PrismNode): string {
  const s = spanOf(scope, n);
  return scope.text.slice(s.start, s.end);
}

function unknown(scope: RbScope, n: PrismNode): RbVal {
  return { kind: 'unknown', text: src(scope, n), span: spanOf(scope, n), quote: '' };
}

function lit(scope: RbScope, n: PrismNode, text: string, value: RbVal['value'], quote: RbVal['quote'] = ''): RbVal {
  return { kind: 'literal', value, text, span: spanOf(scope, n), quote };
}

/** A string literal without interpolation: its value and quote ('…', "…"; %q → ', %Q/%() → "). */
export function rubyString(scope: RbScope, n: PrismNode | undefined): { value: string; quote: '"' | "'" } | undefined {
  if (!n || typeOf(n) !== 'StringNode') return undefined;
  const value = unescaped(n);
  if (value === undefined) return undefined;
  const open = src(scope, n).slice(0, 2);
  const quote = open[0] === "'" || open === '%q' ? "'" : '"';
  return { value, quote };
}

/** The name of a symbol or string used as a hash key / method argument (`address:`, `:address`, `'address'`). */
export function keyName(scope: RbScope, n: PrismNode): { name: string; span: Span } | undefined {
  const t = typeOf(n);
  if (t !== 'SymbolNode' && t !== 'StringNode') return undefined;
  const name = unescaped(n);
  const loc = field<{ startOffset: number; length: number }>(n, t === 'SymbolNode' ? 'valueLoc' : 'contentLoc');
  if (name === undefined || !loc) return undefined;
  return { name, span: scope.offsets.span(loc) };
}

/** The value as the mail gem semantics see it. */
export function rubyValueOf(v: RbVal): RubyValue {
  if (v.kind === 'unknown') return undefined;
  if (v.kind === 'env' && !v.resolvedFrom && v.value === undefined) return undefined;
  if (v.symbol && typeof v.value === 'string') return { symbol: v.value };
  return v.value;
}

/** `ENV` (or `::ENV`). */
function isEnv(scope: RbScope, n: PrismNode | undefined): boolean {
  return !!n && (typeOf(n) === 'ConstantReadNode' || typeOf(n) === 'ConstantPathNode') && src(scope, n).replace(/^::/, '') === 'ENV';
}

export function evaluate(scope: RbScope, n: PrismNode | null | undefined, depth = 0): RbVal {
  if (!n) return { kind: 'unknown', text: '', span: { start: 0, end: 0 }, quote: '' };
  if (depth > MAX_DEPTH) return unknown(scope, n);
  switch (typeOf(n)) {
    case 'IntegerNode': {
      const v = Number(field<number | bigint>(n, 'value'));
      return Number.isFinite(v) ? lit(scope, n, src(scope, n).replace(/_/g, ''), v) : unknown(scope, n);
    }
    case 'TrueNode':
      return lit(scope, n, 'true', true);
    case 'FalseNode':
      return lit(scope, n, 'false', false);
    case 'NilNode':
      return lit(scope, n, 'nil', null);
    case 'StringNode': {
      const s = rubyString(scope, n);
      return s ? lit(scope, n, s.value, s.value, s.quote) : unknown(scope, n);
    }
    case 'SymbolNode': {
      const name = unescaped(n);
      return name === undefined ? unknown(scope, n) : { ...lit(scope, n, src(scope, n), name), symbol: true };
    }
    case 'ConstantPathNode':
      return { ...lit(scope, n, src(scope, n).replace(/\s+/g, ''), src(scope, n).replace(/\s+/g, '')), constant: true };
    case 'ConstantReadNode':
    case 'LocalVariableReadNode': {
      const name = field<string>(n, 'name') ?? '';
      const def = scope.binding(name, n.location.startOffset);
      if (def) return evaluate(scope, def, depth + 1);
      return typeOf(n) === 'ConstantReadNode' ? { ...lit(scope, n, name, name), constant: true } : unknown(scope, n);
    }
    case 'ParenthesesNode': {
      const body = field<PrismNode[]>(field(n, 'body'), 'body');
      return body?.length === 1 ? evaluate(scope, body[0], depth + 1) : unknown(scope, n);
    }
    case 'OrNode':
      return orDefault(scope, n, depth);
    case 'CallNode':
      return call(scope, n, depth);
    default:
      return unknown(scope, n);
  }
}

/** ENV['X'] || d: the default applies when the variable is unset (an empty String is truthy in Ruby). */
function orDefault(scope: RbScope, n: PrismNode, depth: number): RbVal {
  const left = evaluate(scope, field(n, 'left'), depth + 1);
  if (left.kind !== 'env') return unknown(scope, n);
  if (left.resolvedFrom) return { ...left, span: spanOf(scope, n), text: src(scope, n) };
  const d = evaluate(scope, field(n, 'right'), depth + 1);
  return d.kind === 'literal' ? { ...d, envVar: left.envVar, rawEnv: left.rawEnv && !d.symbol && typeof d.value === 'string' } : { ...left, span: spanOf(scope, n), text: src(scope, n) };
}

function envRead(scope: RbScope, n: PrismNode, name: string, dflt: PrismNode | undefined, depth: number): RbVal {
  const hit = scope.env(name);
  if (hit) return { kind: 'env', value: hit.value, text: src(scope, n), span: spanOf(scope, n), quote: '', envVar: name, resolvedFrom: hit.ref, rawEnv: true };
  if (dflt) {
    const d = evaluate(scope, dflt, depth + 1);
    // unset variable: the literal default is the setting (a fix edits the default); a String default is still a
    // String where a boolean is expected
    if (d.kind === 'literal') return { ...d, envVar: name, rawEnv: typeof d.value === 'string' && !d.symbol };
  }
  return { kind: 'env', text: src(scope, n), span: spanOf(scope, n), quote: '', envVar: name, rawEnv: true };
}

/** A known value converted by `conv`; an unknown env read stays an env read of the whole expression (cast: no
 *  longer a raw String). */
function convert(scope: RbScope, n: PrismNode, v: RbVal, conv: (x: RbVal['value']) => RbVal['value']): RbVal {
  const whole = { span: spanOf(scope, n), text: src(scope, n) };
  if (v.kind === 'unknown') return unknown(scope, n);
  if (v.kind === 'env' && !v.resolvedFrom && v.value === undefined) return { ...v, ...whole, rawEnv: false };
  const value = conv(v.value);
  // a literal default converted in place keeps its token span (a fix edits the default literal)
  return v.kind === 'literal' && !v.envVar ? { ...v, value, rawEnv: false } : { ...v, value, rawEnv: false, ...(v.kind === 'env' ? whole : {}) };
}

const asString = (x: RbVal['value']): string => (x === null || x === undefined ? '' : String(x));

function call(scope: RbScope, n: PrismNode, depth: number): RbVal {
  const name = field<string>(n, 'name') ?? '';
  const recv = field(n, 'receiver');
  const args = callArgs(n);
  // ENV['X'], ENV.fetch('X', d), ENV.fetch('X') { d }
  if (isEnv(scope, recv) && (name === '[]' || name === 'fetch')) {
    const key = rubyString(scope, args[0]);
    if (!key) return unknown(scope, n);
    let dflt = name === 'fetch' ? args[1] : undefined;
    const block = field(n, 'block');
    if (!dflt && block && typeOf(block) === 'BlockNode') {
      const body = field<PrismNode[]>(field(block, 'body'), 'body');
      if (body?.length === 1) dflt = body[0];
    }
    return envRead(scope, n, key.value, dflt, depth);
  }
  // Integer(x), Integer(x, 10)
  if (!recv && name === 'Integer' && args[0]) return convert(scope, n, evaluate(scope, args[0], depth + 1), (x) => (typeof x === 'number' ? x : /^\s*[+-]?\d+(_\d+)*\s*$/.test(asString(x)) ? rubyToI(asString(x)) : undefined));
  // ActiveModel::Type::Boolean.new.cast(x)
  if (name === 'cast' && recv && /Boolean\.new$/.test(src(scope, recv).replace(/\s+/g, '')) && args[0]) {
    return convert(scope, n, evaluate(scope, args[0], depth + 1), (x) => (typeof x === 'boolean' || x === null ? x : activeModelBoolean(asString(x))));
  }
  // %w[true 1 yes].include?(x)
  if (name === 'include?' && recv && args[0] && typeOf(recv) === 'ArrayNode') {
    const words = (field<PrismNode[]>(recv, 'elements') ?? []).map((e) => rubyString(scope, e)?.value);
    if (words.some((w) => w === undefined)) return unknown(scope, n);
    return convert(scope, n, evaluate(scope, args[0], depth + 1), (x) => words.includes(asString(x)));
  }
  if (!recv) return unknown(scope, n);
  const inner = () => evaluate(scope, recv, depth + 1);
  switch (name) {
    case 'to_i':
      return convert(scope, n, inner(), (x) => (typeof x === 'number' ? Math.trunc(x) : x === null ? 0 : rubyToI(asString(x))));
    case 'to_s':
      return { ...convert(scope, n, inner(), (x) => asString(x)), rawEnv: inner().rawEnv };
    case 'strip':
    case 'downcase':
    case 'upcase': {
      const v = inner();
      const f = name === 'strip' ? (s: string) => s.trim() : name === 'downcase' ? (s: string) => s.toLowerCase() : (s: string) => s.toUpperCase();
      return { ...convert(scope, n, v, (x) => (typeof x === 'string' ? f(x) : x)), rawEnv: v.rawEnv };
    }
    case 'to_sym': {
      const v = convert(scope, n, inner(), (x) => (x === null || x === undefined ? x : String(x)));
      return { ...v, symbol: true };
    }
    case 'presence': {
      const v = inner();
      return { ...convert(scope, n, v, (x) => (x === '' ? null : x)), rawEnv: v.rawEnv };
    }
    case 'present?':
    case 'blank?':
      return convert(scope, n, inner(), (x) => (name === 'present?') === !(x === null || x === undefined || (typeof x === 'string' && x.trim() === '')));
    case '==':
    case '!=':
    case 'eql?': {
      // ENV['SMTP_TLS'] == 'true': a Boolean (the safe cast)
      const rhs = args[0] ? evaluate(scope, args[0], depth + 1) : undefined;
      if (!rhs || rhs.kind !== 'literal') return unknown(scope, n);
      // Ruby == between a String and an Integer is false: strict equality of the JS values
      const eq = (x: RbVal['value']) => x === rhs.value;
      return convert(scope, n, inner(), (x) => (name === '!=' ? !eq(x) : eq(x)));
    }
    default:
      return unknown(scope, n);
  }
}
