// Java reader (.java): JavaMail / Jakarta Mail sessions configured in code (rules-research-polyglot §5.2):
//   Properties props = new Properties();            // or sender.getJavaMailProperties()
//   props.put("mail.smtp.port", "465");             // put / setProperty, String / Integer / Boolean values
//   props.put("mail.smtp.starttls.enable", "true");
//   Session session = Session.getInstance(props, authenticator);
//   session.setDebug(true);
// and Spring's JavaMailSenderImpl set up in a @Bean (setHost / setPort / setProtocol / setUsername / setPassword,
// setJavaMailProperties). Credentials: new PasswordAuthentication(user, pass), transport.connect(host, port,
// user, pass), Transport.send(msg, user, pass).
//
// Parser: @lezer/java (rules-research-polyglot §10), loaded lazily (languages/grammars.ts) only for files that pass
// the prefilter. Settings are grouped per method (constructor, initializer, class body): one JavaMail session is
// set up in one place. What the values mean is JavaMail's business (semantics/javamail.ts: PropUtil's boolean and
// int rules), the resulting connection is the Spring/JavaMail interpretation the .properties and YAML readers use
// (readers/dialects/spring.ts interpretSpring), so `mail.smtp.ssl.enable` gets one verdict in every syntax.
//
// Data flow is intra-file: literals, constants, System.getenv reads resolved against the workspace's env values.
// Properties that come from elsewhere (props.load(…), putAll(…), new Properties(defaults), System.getProperties(),
// an injected sender's getJavaMailProperties()) make the group partial: a TLS setting not written here may be set
// there, so its absence is unknown rather than JavaMail's default.
import type { SyntaxNode } from '@lezer/common';
import type { Field, ReadResult, Site, SmtpConfig } from '../../model/types';
import { hasPrefilterWord, languageOfFormat } from '../../languages/registry';
import { parseIncremental } from '../../languages/grammars';
import { registerReader } from '../index';
import { CodeFile, readCode } from '../code/common';
import { codeSite } from '../code/sites';
import type { ReadContext, Reader } from '../types';
import { interpretSpring, type SpringProp } from '../dialects/spring';
import { SPRING_PROPS_PREFIX } from '../../semantics/spring';
import { PARTIAL_EXTRA, SENDER_SETTERS, isJavaMailIntProperty, javaMailBool, javaMailBooleanDefault, javaMailInt, transportProtocol } from '../../semantics/javamail';
import { argNodes, calleeOf, evaluate, javaString, javaText, javaValueOf, type JavaVal } from './evaluate';

const PREFILTER = languageOfFormat('java')!.prefilterWords;
const SCOPES = new Set(['MethodDeclaration', 'ConstructorDeclaration', 'StaticInitializer', 'ClassBody', 'Program']);
const JAVA_COMMENTS = new Set(['LineComment', 'BlockComment']);

export function mayContainMail(text: string): boolean {
  return hasPrefilterWord(PREFILTER, text);
}

interface Group {
  at: SyntaxNode;
  label: string;
  props: SpringProp[];
  /** session.setDebug(true) and friends (extras of the config). */
  extras: Record<string, Field>;
  /** The call that may complete the properties from a source this file does not show. */
  partial?: SyntaxNode;
  /** Something says this is JavaMail (a mail.* property, a JavaMailSenderImpl setter). */
  mail: boolean;
}

class JavaFile extends CodeFile {
  readonly groups = new Map<number, Group>();
  /** Receivers created here with `new JavaMailSenderImpl()` (their properties start empty). */
  readonly ownSenders = new Set<string>();
  /** The file mentions Spring's sender: setHost/setPort there are mail settings. */
  private readonly springSender = /\bJavaMailSender/.test(this.text);

  collectConstants(): void {
    this.tree.iterate({
      enter: (ref) => {
        if (ref.name !== 'VariableDeclarator') return;
        const n = ref.node;
        const def = n.getChild('Definition');
        const value = n.lastChild;
        if (!def || !value || value === def || value.name === 'AssignOp') return;
        this.addConst(this.src(def), { at: n.to, value });
        if (value.name === 'ObjectCreationExpression' && /\bJavaMailSenderImpl\b/.test(this.src(value.getChild('TypeName') ?? value))) this.ownSenders.add(this.src(def));
      },
    });
  }

  /** The method (constructor, initializer, class body) a node belongs to; an anonymous class (the Authenticator
   *  of Session.getInstance(props, new Authenticator() {…})) belongs to the method that creates it. */
  private scopeOf(n: SyntaxNode): SyntaxNode {
    let found: SyntaxNode | undefined;
    for (let s: SyntaxNode | null = n.parent; s; s = s.parent) {
      if (s.name === 'ObjectCreationExpression' && found) found = undefined; // inside an anonymous class: look further up
      else if (!found && SCOPES.has(s.name)) found = s;
      else if (found && (s.name === 'ClassDeclaration' || s.name === 'EnumDeclaration' || s.name === 'RecordDeclaration' || s.name === 'InterfaceDeclaration')) break;
    }
    return found ?? this.tree.topNode;
  }

  private group(n: SyntaxNode): Group {
    const at = this.scopeOf(n);
    let g = this.groups.get(at.from);
    if (!g) {
      const name = at.getChild('Definition');
      const label = at.name === 'MethodDeclaration' && name ? `JavaMail session in ${this.src(name)}()` : at.name === 'ConstructorDeclaration' ? 'JavaMail session in the constructor' : 'JavaMail session';
      g = { at, label, props: [], extras: {}, mail: false };
      this.groups.set(at.from, g);
    }
    return g;
  }

  /** The statement holding a call (its entry: removing it removes the line). */
  private entryOf(n: SyntaxNode): SyntaxNode {
    return n.parent?.name === 'ExpressionStatement' ? n.parent : n;
  }

  /** A Field for a value expression `valueNode` of the entry `entry`; `keySpan` = the key inside its quotes. */
  private field(key: string, keySpan: { start: number; end: number } | undefined, valueNode: SyntaxNode, entry: SyntaxNode, secret = false): { field: Field; val: JavaVal } {
    const val = evaluate(this.scope, valueNode);
    const site: Site = codeSite(this.text, {
      file: this.file,
      style: 'java-code',
      node: { start: entry.from, end: entry.to },
      key: keySpan,
      value: val.span,
      valueExpr: { start: valueNode.from, end: valueNode.to },
      quote: val.quote,
      listItem: entry.name !== 'ExpressionStatement',
    });
    const field: Field = { key, text: secret ? '***' : val.kind === 'literal' ? javaText(val.value) : val.text, kind: val.kind === 'unknown' ? 'expression' : val.kind, site };
    const known = val.kind === 'literal' || !!val.resolvedFrom;
    if (!secret && known && val.value !== undefined && val.value !== null) field.value = val.value;
    if (val.envVar) field.envVar = val.envVar;
    if (val.kind === 'env' && val.resolvedFrom) field.resolvedFrom = val.resolvedFrom;
    return { field, val };
  }

  /** A JavaMail property as JavaMail reads it: booleans and ints through PropUtil, the rest as strings. */
  private property(name: string, keyNode: SyntaxNode, valueNode: SyntaxNode, call: SyntaxNode): SpringProp {
    const { field, val } = this.field(name, { start: keyNode.from + 1, end: keyNode.to - 1 }, valueNode, this.entryOf(call));
    const jv = javaValueOf(val);
    const def = javaMailBooleanDefault(name);
    if (jv && def !== undefined) field.value = javaMailBool(jv, def);
    else if (jv && isJavaMailIntProperty(name)) {
      const n = javaMailInt(jv);
      if (n === undefined) delete field.value;
      else field.value = n;
    }
    return { name: SPRING_PROPS_PREFIX + name, field };
  }

  collect(): void {
    this.tree.iterate({
      enter: (ref) => {
        if (ref.name === 'MethodInvocation') this.invocation(ref.node);
        else if (ref.name === 'ObjectCreationExpression') this.creation(ref.node);
      },
    });
  }

  private invocation(n: SyntaxNode): void {
    const c = calleeOf(this.scope, n);
    if (!c) return;
    const recv = c.receiver ? this.src(c.receiver).replace(/\s+/g, '') : '';
    const m = c.method;
    if ((m === 'put' || m === 'setProperty') && c.args.length === 2 && c.args[0].name === 'StringLiteral') {
      const key = javaString(this.scope, c.args[0]);
      if (!key || !/^mail\.[A-Za-z]/.test(key)) return;
      const g = this.group(n);
      g.mail = true;
      if (key === 'mail.transport.protocol') {
        const { field } = this.field(key, { start: c.args[0].from + 1, end: c.args[0].to - 1 }, c.args[1], this.entryOf(n));
        if (transportProtocol(typeof field.value === 'string' ? field.value : undefined) || field.value === undefined) g.props.push({ name: 'spring.mail.protocol', field });
        return;
      }
      g.props.push(this.property(key, c.args[0], c.args[1], n));
      return;
    }
    if (m in SENDER_SETTERS && c.args.length === 1) {
      const g = this.group(n);
      // setHost / setPort on anything else (a URL builder, a DataSource) is not mail: only with JavaMail around
      const secret = m === 'setPassword';
      const { field, val } = this.field(m, undefined, c.args[0], this.entryOf(n), secret);
      const prop: SpringProp = { name: SENDER_SETTERS[m], field };
      if (secret) prop.raw = val.kind === 'literal' && typeof val.value === 'string' ? val.value : undefined;
      if (m === 'setPort' && field.value !== undefined) {
        const num = javaMailInt(javaValueOf(val));
        if (num === undefined) delete field.value;
        else field.value = num;
      }
      g.props.push(prop);
      if (this.ownSenders.has(recv) || this.springSender) g.mail = true;
      return;
    }
    if (m === 'setDebug' && c.args.length === 1) {
      const { field, val } = this.field('setDebug', undefined, c.args[0], this.entryOf(n));
      if (val.jtype === 'Boolean' || typeof field.value === 'boolean') this.group(n).extras['mail.debug'] = { ...field, key: `${recv ? recv + '.' : ''}setDebug` };
      return;
    }
    if (m === 'getTransport' && c.args.length === 1) {
      const { field } = this.field('getTransport', undefined, c.args[0], this.entryOf(n));
      if (transportProtocol(typeof field.value === 'string' ? field.value : undefined)) this.group(n).props.push({ name: 'spring.mail.protocol', field: { ...field, key: 'getTransport' } });
      return;
    }
    if (m === 'connect' && (c.args.length === 4 || c.args.length === 3)) {
      // Transport.connect(host, port, user, password) / connect(host, user, password)
      const g = this.group(n);
      const [h, p, u, pw] = c.args.length === 4 ? c.args : [c.args[0], undefined, c.args[1], c.args[2]];
      g.props.push({ name: 'spring.mail.host', field: this.field('connect host', undefined, h, n).field });
      if (p) {
        const { field, val } = this.field('connect port', undefined, p, n);
        const num = javaMailInt(javaValueOf(val));
        if (num === undefined) delete field.value;
        else field.value = num;
        g.props.push({ name: 'spring.mail.port', field });
      }
      this.credentials(g, u, pw, n, 'connect');
      return;
    }
    if (m === 'send' && recv === 'Transport' && c.args.length === 3) {
      this.credentials(this.group(n), c.args[1], c.args[2], n, 'Transport.send');
      return;
    }
    if (m === 'load' || m === 'putAll' || (m === 'getProperties' && recv === 'System') || (m === 'getJavaMailProperties' && !this.ownSenders.has(recv))) this.group(n).partial ??= n;
  }

  private creation(n: SyntaxNode): void {
    const type = n.getChild('TypeName');
    const name = type ? this.src(type) : '';
    const args = argNodes(n.getChild('ArgumentList'));
    if (/(^|\.)PasswordAuthentication$/.test(name) && args.length === 2) this.credentials(this.group(n), args[0], args[1], n, 'PasswordAuthentication');
    else if (/(^|\.)Properties$/.test(name) && args.length === 1) this.group(n).partial ??= n;
  }

  /** The user and password arguments of `what` (PasswordAuthentication, connect, Transport.send). */
  private credentials(g: Group, user: SyntaxNode, pass: SyntaxNode, at: SyntaxNode, what: string): void {
    g.props.push({ name: 'spring.mail.username', field: this.field(`${what} user`, undefined, user, at).field });
    const { field, val } = this.field(`${what} password`, undefined, pass, at, true);
    g.props.push({ name: 'spring.mail.password', field, raw: val.kind === 'literal' && typeof val.value === 'string' ? val.value : undefined });
  }

  configs(): SmtpConfig[] {
    const out: SmtpConfig[] = [];
    for (const g of this.groups.values()) {
      if (!g.mail || (!g.props.length && !Object.keys(g.extras).length)) continue;
      const fields = [...g.props.map((p) => p.field), ...Object.values(g.extras)];
      const span = { start: Math.min(...fields.map((f) => f.site.entry.start)), end: Math.max(...fields.map((f) => f.site.entry.end)) };
      const cfg = interpretSpring(g.props, { file: this.file, format: 'java', span, label: g.label, partial: !!g.partial });
      if (!cfg) continue;
      cfg.dialect = 'javamail';
      Object.assign(cfg.extras, g.extras);
      if (g.partial) {
        const p = g.partial;
        cfg.extras[PARTIAL_EXTRA] = { key: this.src(p).slice(0, 80), text: this.src(p).slice(0, 80), kind: 'expression', site: codeSite(this.text, { file: this.file, style: 'java-code', node: { start: p.from, end: p.to }, value: { start: p.from, end: p.to }, quote: '' }) };
      }
      // Service.connect: without a host argument, mail.<protocol>.host, then mail.host; the user likewise.
      const protocol = String(cfg.extras['spring.mail.protocol']?.value ?? 'smtp').toLowerCase();
      const hostF = cfg.host ?? cfg.extras[`mail.${protocol}.host`] ?? cfg.extras['mail.host'];
      if (!cfg.host && hostF) {
        cfg.host = { ...hostF, value: hostF.value === undefined ? undefined : String(hostF.value) } as Field<string>;
        if (cfg.host.value !== undefined) cfg.effective.host = cfg.host.value;
      }
      const userF = cfg.extras[`mail.${protocol}.user`] ?? cfg.extras['mail.user'];
      if (!cfg.credentials.user && userF) cfg.credentials.user = userF as Field<string>;
      // mail.smtp.auth=true: JavaMail logs in with the Authenticator's credentials, built where we may not see them.
      const auth = cfg.extras[`mail.${protocol}.auth`];
      if (!cfg.credentials.user && auth && auth.value === true) cfg.credentials.user = auth as Field<string>;
      out.push(cfg);
    }
    return out;
  }
}

export function readJava(file: string, text: string, ctx: ReadContext): ReadResult {
  return readCode(file, text, 'java', (t) => parseIncremental('java', file, t), JAVA_COMMENTS, (tree, result) => {
    const f = new JavaFile(file, text, tree, ctx);
    f.collectConstants();
    f.collect();
    result.configs = f.configs();
  });
}

export const javaReader: Reader = { format: 'java', mayContainMail, read: readJava };
registerReader(javaReader);
