// Transport detection: which calls build a nodemailer SMTP transport and what they are given.
// createTransport(...) (also through `import { createTransport as mk }` / destructured require aliases),
// NestJS MailerModule.forRoot/forRootAsync `transport` (handed to nodemailer as is), the variable each
// transport is assigned to (the config's label), and the process-wide NODE_TLS_REJECT_UNAUTHORIZED switch.
import type * as t from '@babel/types';
import type { Span } from '../../model/types';
import { memberPath, type Bindings, type ResolvedArg } from './bindings';
import { envVarOf, propName, unwrap } from './evaluate';

export const NODE_TLS = 'NODE_TLS_REJECT_UNAUTHORIZED';

/** A transport found in the file: the call (or NestJS `transport` value) and what its options resolve to. */
export interface TransportTarget extends ResolvedArg {
  span: Span;
  /** The variable or member path it is assigned to, or '(NestJS MailerModule)'. */
  name?: string;
}

export class TransportDetector {
  /** Local names of nodemailer's createTransport; more than one = a renamed import (region mode gives up). */
  readonly aliases = new Set<string>(['createTransport']);
  private readonly calls: t.CallExpression[] = [];
  private readonly nestCalls: t.CallExpression[] = [];
  private readonly callNames = new Map<number, string>();
  private readonly seenGlobals = new Set<number>();

  constructor(
    private readonly bindings: Bindings,
    /** Called once per `process.env.NODE_TLS_REJECT_UNAUTHORIZED = …` (value node, statement). */
    private readonly onGlobal: (right: t.Node, stmt: t.Node) => void,
  ) {}

  /** Visits one node of the targeted walk. */
  visit(n: t.Node): void {
    switch (n.type) {
      case 'VariableDeclarator': {
        if (n.id.type === 'Identifier' && n.init) this.nameCall(n.init, n.id.name);
        if (n.id.type === 'ObjectPattern' && isNodemailerSource(n.init)) {
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

  /** Every transport seen by visit(), in order: createTransport calls first, then NestJS modules. */
  targets(): TransportTarget[] {
    const out: TransportTarget[] = [];
    const seen = new Set<t.Node>();
    for (const call of this.calls) {
      if (seen.has(call)) continue;
      seen.add(call);
      const callee = unwrap(call.callee);
      if (callee?.type === 'Identifier' && !this.aliases.has(callee.name)) continue;
      const target = this.callTarget(call, call.arguments[0]);
      if (target) out.push(target);
    }
    for (const call of this.nestCalls) out.push(...this.nestTargets(call));
    return out;
  }

  /** A createTransport call with its options argument (also for the scan mode's synthetic calls). */
  callTarget(call: t.CallExpression, arg: t.Node | null | undefined): TransportTarget | undefined {
    if (!arg || arg.type === 'SpreadElement' || arg.type === 'ArgumentPlaceholder') return undefined;
    const r = this.bindings.resolveArg(arg);
    if (!r) return undefined;
    const span: Span = { start: call.start ?? 0, end: call.end ?? 0 };
    return { ...r, span, name: this.callNames.get(span.start) };
  }

  /**
   * NestJS @nestjs-modules/mailer: MailerModule.forRoot({ transport }) and
   * MailerModule.forRootAsync({ useFactory: () => ({ transport }) }). `transport` is handed to
   * nodemailer.createTransport as is (an options object or a URL string).
   */
  private nestTargets(call: t.CallExpression): TransportTarget[] {
    const b = this.bindings;
    const opts = b.resolveArg(call.arguments[0] as t.Node | undefined)?.obj;
    if (!opts) return [];
    const P = b.collect(opts).props;
    const found: t.Node[] = [];
    const fromOptions = (o: t.ObjectExpression | undefined): void => {
      const tp = o ? b.collect(o).props.get('transport') : undefined;
      if (tp) found.push(tp.value);
    };
    if (P.has('transport')) fromOptions(opts);
    const factory = unwrap(P.get('useFactory')?.value);
    if (factory && (factory.type === 'ArrowFunctionExpression' || factory.type === 'FunctionExpression')) {
      const body = factory.body;
      if (body.type === 'BlockStatement') {
        for (const st of body.body) if (st.type === 'ReturnStatement') fromOptions(b.resolveArg(st.argument)?.obj);
      } else fromOptions(b.resolveArg(body)?.obj);
    }
    const out: TransportTarget[] = [];
    for (const node of found) {
      const r = b.resolveArg(node);
      if (!r) continue;
      out.push({ ...r, span: { start: node.start ?? 0, end: node.end ?? 0 }, name: '(NestJS MailerModule)' });
    }
    return out;
  }

  /** Remembers the variable a transport is assigned to, for the config's label. */
  private nameCall(init: t.Node, name: string): void {
    let u = unwrap(init);
    if (u?.type === 'AwaitExpression') u = unwrap(u.argument);
    if (u?.type === 'CallExpression') this.callNames.set(u.start ?? -1, name);
  }

  private assignment(a: t.AssignmentExpression, stmt: t.Node): void {
    if (a.operator !== '=' || this.seenGlobals.has(a.start ?? -1)) return;
    const left = a.left;
    if (left.type !== 'MemberExpression' && left.type !== 'OptionalMemberExpression') return;
    const path = memberPath(left);
    if (path) this.nameCall(a.right, path.replace(/^module\.exports\.?|^exports\./, '') || 'module.exports');
    if (envVarOf(left) === NODE_TLS) {
      this.seenGlobals.add(a.start ?? -1);
      this.onGlobal(a.right, stmt);
    }
  }
}

/** `require('nodemailer')` / `await import('nodemailer')`. */
function isNodemailerSource(init: t.Node | null | undefined): boolean {
  let u = unwrap(init);
  if (u?.type === 'AwaitExpression') u = unwrap(u.argument);
  if (!u || u.type !== 'CallExpression') return false;
  const c = unwrap(u.callee);
  const a = u.arguments[0];
  return !!c && ((c.type === 'Identifier' && c.name === 'require') || c.type === 'Import') && a?.type === 'StringLiteral' && a.value === 'nodemailer';
}
