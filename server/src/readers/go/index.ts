// Go reader (.go): SMTP clients built in Go code (rules-research-polyglot §8):
//   net/smtp        smtp.SendMail("host:465", auth, …), smtp.Dial(addr), smtp.PlainAuth("", user, pass, host),
//                   tls.Dial("tcp", "host:465", cfg) (the implicit-TLS idiom, then smtp.NewClient)
//   gomail          d := gomail.NewDialer(host, port, user, pass); d.SSL = …; d.TLSConfig = &tls.Config{…}
//                   (gopkg.in/gomail.v2 and its fork github.com/go-mail/mail)
//   go-mail         mail.NewClient(host, mail.WithPort(465), mail.WithSSL(), mail.WithTLSPolicy(…), …)
//                   (github.com/wneessen/go-mail)
// and the tls.Config literals (InsecureSkipVerify, MinVersion) of the same function. What the values mean is
// semantics/go-smtp.ts and semantics/go-mail.ts.
//
// Parser: @lezer/go (rules-research-polyglot §10), loaded lazily (languages/grammars.ts) only for files that import
// one of these packages. Settings are grouped per function: a client and the tls.Config it uses are built together.
// Data flow is intra-file: literals, constants and variables, os.Getenv reads resolved against the workspace's env
// values. A config struct filled elsewhere is not followed (no finding rather than a guess).
import type { SyntaxNode } from '@lezer/common';
import type { Dialect, Field, ReadResult, Site, SmtpConfig, Span } from '../../model/types';
import { hasPrefilterWord, languageOfFormat } from '../../languages/registry';
import { parseIncremental } from '../../languages/grammars';
import { registerReader } from '../index';
import { CodeFile, kids, readCode } from '../code/common';
import { codeSite } from '../code/sites';
import type { ReadContext, Reader } from '../types';
import { isPlaceholder } from '../../semantics/values';
import { gomailEffective, netSmtpEffective } from '../../semantics/go-smtp';
import { GO_MAIL_MODULE, goMailEffective, goMailPolicy, type GoMailOptions } from '../../semantics/go-mail';
import { addrParts, calleeName, callArgs, evaluate, goString, goText, type GoVal } from './evaluate';

const PREFILTER = languageOfFormat('go')!.prefilterWords;
const SCOPES = new Set(['FunctionDecl', 'MethodDecl', 'SourceFile']);
const GO_COMMENTS = new Set(['LineComment', 'BlockComment']);

/** Import paths of the libraries read, with the package name they are used under by default. */
const PACKAGES: Record<string, { lib: 'net/smtp' | 'gomail' | 'go-mail' | 'tls'; name: string }> = {
  'net/smtp': { lib: 'net/smtp', name: 'smtp' },
  'gopkg.in/gomail.v2': { lib: 'gomail', name: 'gomail' },
  'github.com/go-mail/mail': { lib: 'gomail', name: 'mail' },
  'github.com/go-mail/mail/v2': { lib: 'gomail', name: 'mail' },
  'github.com/wneessen/go-mail': { lib: 'go-mail', name: 'mail' },
  'crypto/tls': { lib: 'tls', name: 'tls' },
};

export function mayContainMail(text: string): boolean {
  return hasPrefilterWord(PREFILTER, text);
}

interface Group {
  at: SyntaxNode;
  configs: SmtpConfig[];
  /** tls.Config settings written in the function (they apply to its clients). */
  tls: Record<string, Field>;
  /** smtp.PlainAuth(identity, user, pass, host) credentials. */
  auth?: { user?: Field; password?: Field; passwordLiteral: boolean; host?: Field };
  /** gomail Dialer variables of the function: name → their config. */
  dialers: Map<string, SmtpConfig>;
}

/** The name a package is used under by default: the last path element without a major-version suffix
 *  (`/v9`, gopkg.in `.v2`) or a `go-` / `-go` / `.go` decoration ("github.com/redis/go-redis/v9" → redis). */
export function defaultPackageName(importPath: string): string {
  const parts = importPath.split('/').filter((p) => !/^v\d+$/.test(p));
  return (parts[parts.length - 1] ?? '').replace(/\.v\d+$/, '').replace(/^go-|[-.]go$/g, '');
}

/** Whether a tls.Config reaches a mail client, from where it is used. */
type TlsUse = 'mail' | 'other' | 'unknown';

class GoFile extends CodeFile {
  /** Package name used in the file → library. */
  readonly pkgs = new Map<string, 'net/smtp' | 'gomail' | 'go-mail' | 'tls'>();
  /** Every imported package name (mail or not): `redis.NewClient(cfg)` hands a tls.Config to another library. */
  readonly imported = new Set<string>();
  readonly groups = new Map<number, Group>();

  collectImports(): void {
    this.tree.iterate({
      enter: (ref) => {
        if (ref.name !== 'ImportSpec') return ref.name === 'SourceFile' || ref.name === 'ImportDecl' || ref.name === 'SpecList';
        const n = ref.node;
        const s = n.getChild('String');
        const p = s ? goString(this, s)?.value : undefined;
        if (!p) return false;
        const alias = n.getChild('DefName');
        const known = PACKAGES[p];
        const name = alias ? this.src(alias) : (known?.name ?? defaultPackageName(p));
        this.imported.add(name);
        if (known) this.pkgs.set(name, known.lib);
        return false;
      },
    });
  }

  /**
   * Where the value at `n` (a tls.Config literal or a variable holding one) goes: into a mail client (tls.Dial,
   * smtp's StartTLS, gomail's d.TLSConfig, go-mail's WithTLSConfig, a gomail.Dialer literal), into another library
   * (an http.Transport's TLSClientConfig, redis.Options, grpc credentials.NewTLS …: not a mail setting, even in the
   * function that sends mail), or somewhere this reader cannot tell (a helper of the project: kept, as before).
   */
  private tlsUse(n: SyntaxNode, depth = 0): TlsUse {
    let e = n;
    while (e.parent && (e.parent.name === 'UnaryExp' || e.parent.name === 'ParenthesizedExpr')) e = e.parent;
    const p = e.parent;
    if (!p) return 'unknown';
    if (p.name === 'Element' && e !== p.getChild('Key')) {
      // a field of a composite literal: the literal's type decides
      const type = p.parent?.name === 'LiteralValue' ? p.parent.parent?.getChild('QualifiedType') : null;
      const pkg = type?.firstChild ? this.src(type.firstChild) : undefined;
      const lib = this.lib(pkg);
      if (lib === 'gomail' || lib === 'go-mail' || lib === 'net/smtp') return 'mail';
      return pkg !== undefined && this.imported.has(pkg) ? 'other' : 'unknown';
    }
    if (p.name === 'Arguments' && p.parent?.name === 'CallExpr') {
      const c = calleeName(this.scope, p.parent);
      if (!c) return 'unknown';
      if (c.name === 'StartTLS') return 'mail'; // (*smtp.Client).StartTLS(cfg)
      const lib = this.lib(c.pkg);
      if (lib === 'gomail' || lib === 'go-mail' || lib === 'net/smtp') return 'mail';
      if (lib === 'tls') return c.name === 'Dial' || c.name === 'DialWithDialer' || c.name === 'Client' ? 'mail' : 'other';
      return c.pkg !== undefined && this.imported.has(c.pkg) ? 'other' : 'unknown';
    }
    if (p.name === 'Assignment' && e !== p.firstChild) {
      const target = p.firstChild;
      if (target?.name !== 'SelectorExpr') return 'unknown';
      const field = target.lastChild ? this.src(target.lastChild) : '';
      if (field === 'TLSClientConfig') return 'other'; // http.Transport
      if (field === 'TLSConfig' && target.firstChild && this.group(p).dialers.has(this.src(target.firstChild))) return 'mail';
      return 'unknown';
    }
    if ((p.name === 'VarDecl' || p.name === 'VarSpec') && depth === 0) {
      const def = p.getChild('DefName');
      return def ? this.variableUse(this.src(def), this.scopeOf(p), def) : 'unknown';
    }
    return 'unknown';
  }

  /** How a variable holding a tls.Config is used in its scope: 'other' only when every use is another library's. */
  private variableUse(name: string, scope: SyntaxNode, def?: SyntaxNode): TlsUse {
    const uses: TlsUse[] = [];
    const cur = scope.cursor();
    do {
      if (cur.name !== 'VariableName' || cur.to - cur.from !== name.length || cur.from === def?.from) continue;
      if (this.text.slice(cur.from, cur.to) !== name) continue;
      // `cfg.InsecureSkipVerify = true` is a use of the config, not where it goes
      if (cur.node.parent?.name === 'SelectorExpr' && cur.node.parent.firstChild?.from === cur.from) continue;
      uses.push(this.tlsUse(cur.node, 1));
    } while (cur.next() && cur.from < scope.to);
    if (uses.includes('mail')) return 'mail';
    return uses.length && uses.every((u) => u === 'other') ? 'other' : 'unknown';
  }

  collectConstants(): void {
    this.tree.iterate({
      enter: (ref) => {
        if (ref.name !== 'ConstSpec' && ref.name !== 'VarSpec' && ref.name !== 'VarDecl') return;
        const cs = kids(ref.node);
        const names = cs.filter((c) => c.name === 'DefName');
        const values = cs.filter((c) => c.name !== 'DefName' && c.name !== ':=' && c.name !== '=' && c.name !== ',' && c.name !== 'var' && c.name !== 'const' && !/Type|VarSpec/.test(c.name));
        if (names.length === 1 && values.length === 1) this.addConst(this.src(names[0]), { at: ref.node.to, value: values[0] });
        // `port, err := strconv.Atoi(…)`: the first name is the converted value
        else if (names.length === 2 && values.length === 1 && values[0].name === 'CallExpr' && /^strconv\.Atoi\b/.test(this.src(values[0]))) this.addConst(this.src(names[0]), { at: ref.node.to, value: values[0] });
      },
    });
  }

  private scopeOf(n: SyntaxNode): SyntaxNode {
    for (let s: SyntaxNode | null = n.parent; s; s = s.parent) if (SCOPES.has(s.name)) return s;
    return this.tree.topNode;
  }

  private group(n: SyntaxNode): Group {
    const at = this.scopeOf(n);
    let g = this.groups.get(at.from);
    if (!g) {
      g = { at, configs: [], tls: {}, dialers: new Map() };
      this.groups.set(at.from, g);
    }
    return g;
  }

  private lib(pkg: string | undefined): 'net/smtp' | 'gomail' | 'go-mail' | 'tls' | undefined {
    return pkg ? this.pkgs.get(pkg) : undefined;
  }

  /** A Field for a value expression; `entry` is the whole setting (statement, struct element, option call). */
  field(key: string, valueNode: SyntaxNode, entry: SyntaxNode, opts: { keySpan?: Span; listItem?: boolean; secret?: boolean; val?: GoVal; template?: string } = {}): Field {
    const val = opts.val ?? evaluate(this.scope, valueNode);
    const site: Site = codeSite(this.text, {
      file: this.file,
      style: 'go-code',
      node: { start: entry.from, end: entry.to },
      key: opts.keySpan,
      value: val.span,
      valueExpr: { start: valueNode.from, end: valueNode.to },
      quote: val.quote,
      listItem: opts.listItem,
    });
    if (opts.template !== undefined) site.template = opts.template;
    const field: Field = { key, text: opts.secret ? '***' : val.kind === 'literal' ? goText(val.value) : val.text, kind: val.kind === 'unknown' ? 'expression' : val.kind, site };
    if (!opts.secret && val.value !== undefined && val.value !== null && (val.kind === 'literal' || val.resolvedFrom)) field.value = val.value;
    if (val.envVar) field.envVar = val.envVar;
    if (val.kind === 'env' && val.resolvedFrom) field.resolvedFrom = val.resolvedFrom;
    return field;
  }

  /** The statement (line) holding `n`. */
  private statementOf(n: SyntaxNode): SyntaxNode {
    let s = n;
    while (s.parent && s.parent.name !== 'Block' && s.parent.name !== 'SourceFile') s = s.parent;
    return s;
  }

  /** The variable a call's result is bound to (`d := gomail.NewDialer(…)`, `var d = …`, `d = …`). */
  private boundName(call: SyntaxNode): string | undefined {
    const p = call.parent;
    if (!p) return undefined;
    if (p.name === 'VarDecl' || p.name === 'VarSpec') return p.getChild('DefName') ? this.src(p.getChild('DefName')!) : undefined;
    if (p.name === 'Assignment') {
      const t = p.firstChild;
      return t && t !== call ? this.src(t) : undefined;
    }
    return undefined;
  }

  collect(): void {
    this.tree.iterate({
      enter: (ref) => {
        const n = ref.node;
        if (ref.name === 'CallExpr') this.call(n);
        else if (ref.name === 'TypedLiteral') this.tlsLiteral(n);
        else if (ref.name === 'Assignment') this.assignment(n);
      },
    });
  }

  private config(g: Group, dialect: Dialect, at: SyntaxNode, label: string, fields: Partial<SmtpConfig>, effective: SmtpConfig['effective']): SmtpConfig {
    const cfg: SmtpConfig = {
      id: `go:${at.from}`,
      file: this.file,
      format: 'go',
      dialect,
      label,
      span: { start: at.from, end: at.to },
      credentials: { passwordIsLiteral: false },
      extras: {},
      ...fields,
      effective,
    };
    g.configs.push(cfg);
    return cfg;
  }

  /** The port of an address argument as a Field: the digits inside "host:465" (a fix replaces them), or the
   *  port expression of JoinHostPort / Sprintf. */
  private addrFields(addrNode: SyntaxNode, entry: SyntaxNode): { host?: Field<string>; port?: Field<number> } {
    const a = addrParts(this.scope, addrNode);
    const out: { host?: Field<string>; port?: Field<number> } = {};
    if (a.host) {
      const h = a.host;
      out.host = { key: 'address host', text: h.kind === 'literal' ? goText(h.value) : h.text, kind: h.kind === 'unknown' ? 'expression' : h.kind, site: this.field('host', addrNode, entry, { val: h }).site } as Field<string>;
      if (typeof h.value === 'string' && (h.kind === 'literal' || h.resolvedFrom)) out.host.value = h.value;
    }
    if (a.port) {
      const p = a.port;
      const f = this.field('address port', addrNode, entry, { val: p }) as Field<number>;
      if (a.portDigits) f.site = { ...f.site, value: { ...a.portDigits }, quote: '' };
      f.text = this.src(addrNode);
      if (typeof p.value === 'number' && (p.kind === 'literal' || p.resolvedFrom)) f.value = p.value;
      else if (typeof p.value === 'string' && /^\d{1,5}$/.test(p.value) && (p.kind === 'literal' || p.resolvedFrom)) f.value = Number(p.value);
      else delete f.value;
      out.port = f;
    }
    return out;
  }

  private call(n: SyntaxNode): void {
    const c = calleeName(this.scope, n);
    if (!c) return;
    const lib = this.lib(c.pkg);
    const args = callArgs(n);
    if (lib === 'net/smtp') {
      if ((c.name === 'SendMail' && args.length >= 1) || (c.name === 'Dial' && args.length === 1)) {
        const g = this.group(n);
        const { host, port } = this.addrFields(args[0], n);
        const fields: Partial<SmtpConfig> = { extras: {} };
        if (host) fields.host = host;
        if (port) fields.port = port;
        fields.extras!['net/smtp'] = { key: `${c.pkg}.${c.name}`, text: this.src(n).slice(0, 80), kind: 'expression', site: this.field(`${c.pkg}.${c.name}`, n, this.statementOf(n)).site };
        this.config(g, 'go-smtp', n, `net/smtp ${c.name}`, fields, netSmtpEffective(host?.value, port?.value));
      } else if (c.name === 'PlainAuth' && args.length === 4) {
        const g = this.group(n);
        const pass = evaluate(this.scope, args[2]);
        g.auth = {
          user: this.field('PlainAuth user', args[1], n, { listItem: true }),
          password: this.field('PlainAuth password', args[2], n, { listItem: true, secret: true, val: pass }),
          passwordLiteral: pass.kind === 'literal' && typeof pass.value === 'string' && pass.value !== '' && !isPlaceholder(pass.value),
          host: this.field('PlainAuth host', args[3], n, { listItem: true }),
        };
      }
      return;
    }
    if (lib === 'tls' && c.name === 'Dial' && args.length >= 2) {
      // tls.Dial("tcp", "host:587", cfg): implicit TLS, used with smtp.NewClient for net/smtp over 465
      if (![...this.pkgs.values()].includes('net/smtp')) return;
      const g = this.group(n);
      const { host, port } = this.addrFields(args[1], n);
      const fields: Partial<SmtpConfig> = { extras: {} };
      if (host) fields.host = host;
      if (port) fields.port = port;
      fields.implicitTls = { key: `${c.pkg}.Dial`, text: `${c.pkg}.Dial`, value: true, kind: 'expression', site: this.field(`${c.pkg}.Dial`, n.firstChild!, n.firstChild!).site };
      const eff = { tlsMode: 'implicit' as const, because: 'tls.Dial starts TLS before the greeting (net/smtp over implicit TLS)', host: host?.value, port: port?.value };
      if (eff.host === undefined) delete eff.host;
      if (eff.port === undefined) delete eff.port;
      this.config(g, 'go-smtp', n, 'net/smtp over tls.Dial', fields, eff);
      return;
    }
    if (lib === 'gomail' && (c.name === 'NewDialer' || c.name === 'NewPlainDialer') && args.length === 4) {
      const g = this.group(n);
      const host = this.field('host', args[0], n, { listItem: true }) as Field<string>;
      const port = this.field('port', args[1], n, { listItem: true }) as Field<number>;
      if (typeof port.value === 'string') delete port.value;
      const user = this.field('user', args[2], n, { listItem: true });
      const pv = evaluate(this.scope, args[3]);
      const pass = this.field('password', args[3], n, { listItem: true, secret: true, val: pv });
      const fields: Partial<SmtpConfig> = { host, port, extras: {} };
      fields.credentials = { passwordIsLiteral: pv.kind === 'literal' && typeof pv.value === 'string' && pv.value !== '' && !isPlaceholder(pv.value), password: pass as Field<string> };
      if (!(user.kind === 'literal' && String(user.value ?? '') === '')) fields.credentials.user = user as Field<string>;
      const name = this.boundName(n);
      // The statement that creates the dialer: a fix adds `d.SSL = true` after it.
      const stmt = this.statementOf(n);
      if (name) fields.extras!.dialer = { key: name, text: name, kind: 'expression', site: { ...this.field(name, n, stmt).site, template: `${name}.{key} = {value}` } };
      const cfg = this.config(g, 'gomail', n, `gomail Dialer${name ? ` ${name}` : ''}`, fields, gomailEffective(typeof host.value === 'string' ? host.value : undefined, typeof port.value === 'number' ? port.value : undefined, 'unset'));
      if (name) g.dialers.set(name, cfg);
      return;
    }
    if (lib === 'go-mail' && c.name === 'NewClient' && args.length >= 1) this.goMailClient(n, args, c.pkg!);
  }

  private goMailClient(n: SyntaxNode, args: SyntaxNode[], pkg: string): void {
    const g = this.group(n);
    const host = this.field('host', args[0], n, { listItem: true }) as Field<string>;
    const fields: Partial<SmtpConfig> = { host, extras: {} };
    const o: GoMailOptions = { ssl: false, fallback25: false };
    let user: Field | undefined;
    let pass: Field | undefined;
    let passLiteral = false;
    for (const opt of args.slice(1)) {
      const oc = opt.name === 'CallExpr' ? calleeName(this.scope, opt) : undefined;
      if (!oc || oc.pkg !== pkg) continue;
      const oa = callArgs(opt);
      const key = `${pkg}.${oc.name}`;
      // Each option is a list item of NewClient's arguments; its template (`mail.{key}({value}),`) writes a sibling.
      const nameNode = opt.firstChild?.lastChild;
      const keySpan = nameNode ? { start: nameNode.from, end: nameNode.to } : undefined;
      const optField = (valueNode: SyntaxNode, secret = false, val?: GoVal) => this.field(key, valueNode, opt, { listItem: true, secret, val, keySpan });
      const noArg = (): Field => {
        const close = opt.to - 1;
        const site = codeSite(this.text, { file: this.file, style: 'go-code', node: { start: opt.from, end: opt.to }, key: keySpan, value: { start: close, end: close }, quote: '', listItem: true });
        // the template was built around an empty argument (`mail.{key}({value})`); the setting is the whole call
        site.value = { start: opt.from, end: opt.to };
        return { key, text: '', value: true, kind: 'literal', site };
      };
      fields.extras![`option:${oc.name}`] = oa[0] ? optField(oa[0]) : noArg();
      switch (oc.name) {
        case 'WithPort': {
          const f = optField(oa[0]) as Field<number>;
          if (typeof f.value !== 'number') {
            delete f.value;
            o.portUnknown = true;
          } else o.port = f.value;
          fields.port = f;
          break;
        }
        case 'WithSSL':
          o.ssl = true;
          fields.implicitTls = noArg();
          break;
        case 'WithSSLPort': {
          o.ssl = true;
          if (o.port === undefined && !o.portUnknown) o.port = 465;
          fields.implicitTls = { ...optField(oa[0]), value: true };
          break;
        }
        case 'WithTLSPolicy':
        case 'WithTLSPortPolicy': {
          const f = optField(oa[0]);
          const p = goMailPolicy(this.src(oa[0] ?? opt));
          if (!p) o.policyUnknown = true;
          o.policy = p;
          if (oc.name === 'WithTLSPortPolicy' && o.port === undefined && !o.portUnknown) {
            o.port = p === 'NoTLS' ? 25 : 587;
            o.fallback25 = p === 'TLSOpportunistic';
          }
          f.value = p ?? f.text;
          // a policy constant (mail.NoTLS) is a value a fix may replace with another constant
          if (p) f.kind = 'unknown';
          fields.extras![`option:${oc.name}`] = f;
          if (p === 'TLSMandatory') fields.requireTls = { ...f, value: true };
          else if (p === 'NoTLS') fields.ignoreTls = { ...f, value: true };
          else if (p === 'TLSOpportunistic') {
            fields.starttls = { ...f, value: true };
            if (o.fallback25) fields.opportunisticTls = { ...f, value: true };
          }
          break;
        }
        case 'WithUsername':
          user = optField(oa[0]);
          break;
        case 'WithPassword': {
          const v = evaluate(this.scope, oa[0]);
          pass = optField(oa[0], true, v);
          passLiteral = v.kind === 'literal' && typeof v.value === 'string' && v.value !== '' && !isPlaceholder(v.value);
          break;
        }
        case 'WithDebugLog':
          fields.extras!.debug = noArg();
          break;
        case 'WithLogAuthData':
          fields.extras!.logAuthData = noArg();
          break;
        case 'WithTLSConfig':
          break;
        default:
          break;
      }
    }
    fields.credentials = { passwordIsLiteral: passLiteral };
    if (user) fields.credentials.user = user as Field<string>;
    if (pass) fields.credentials.password = pass as Field<string>;
    this.config(g, 'go-mail', n, 'go-mail Client', fields, goMailEffective(typeof host.value === 'string' ? host.value : undefined, o, this.ctx.versionOf?.(GO_MAIL_MODULE)));
  }

  /** `d.SSL = …` on a gomail dialer; `cfg.InsecureSkipVerify = true` on a tls.Config variable. */
  private assignment(n: SyntaxNode): void {
    const [target, , value] = kids(n).filter((c) => c.name !== '⚠');
    if (!target || !value || target.name !== 'SelectorExpr') return;
    const recv = target.firstChild;
    const field = target.lastChild;
    if (!recv || !field || field.name !== 'FieldName') return;
    const prop = this.src(field);
    const g = this.group(n);
    const stmt = this.statementOf(n);
    if (prop === 'SSL') {
      const cfg = g.dialers.get(this.src(recv));
      if (!cfg) return;
      const f = this.field(`${this.src(recv)}.SSL`, value, stmt, { template: `${this.src(recv)}.{key} = {value}` });
      cfg.implicitTls = f;
      const ssl = typeof f.value === 'boolean' ? f.value : undefined;
      cfg.effective = gomailEffective(cfg.effective.host, cfg.effective.port, ssl);
      if (cfg.port && cfg.port.value === undefined) delete cfg.effective.port;
    } else if (prop === 'InsecureSkipVerify' || prop === 'MinVersion' || prop === 'MaxVersion') {
      // tr.TLSClientConfig.InsecureSkipVerify = true (an http.Transport), or a variable handed to another library
      if (recv.name === 'SelectorExpr' && recv.lastChild && this.src(recv.lastChild) === 'TLSClientConfig') return;
      if (recv.name === 'VariableName' && this.variableUse(this.src(recv), g.at) === 'other') return;
      g.tls[prop] = this.field(`${this.src(recv)}.${prop}`, value, stmt);
    }
  }

  /** tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10} (also behind &). */
  private tlsLiteral(n: SyntaxNode): void {
    const type = n.firstChild;
    if (!type || type.name !== 'QualifiedType') return;
    const [pkg, name] = [type.firstChild, type.lastChild];
    if (!pkg || !name || this.lib(this.src(pkg)) !== 'tls' || this.src(name) !== 'Config') return;
    const lv = n.getChild('LiteralValue');
    if (!lv) return;
    if (this.tlsUse(n) === 'other') return;
    const g = this.group(n);
    for (const el of lv.getChildren('Element')) {
      const k = el.getChild('Key');
      const v = el.lastChild;
      if (!k || !v || v === k) continue;
      const key = this.src(k);
      if (key === 'InsecureSkipVerify' || key === 'MinVersion' || key === 'MaxVersion') g.tls[key] = this.field(key, v, el, { keySpan: { start: k.from, end: k.to }, listItem: true });
    }
  }

  configs(): SmtpConfig[] {
    const out: SmtpConfig[] = [];
    for (const g of this.groups.values()) {
      for (const cfg of g.configs) {
        const skip = g.tls.InsecureSkipVerify;
        if (skip && !cfg.verifyCert) {
          // InsecureSkipVerify true = verification off: verifyCert's value is the opposite
          cfg.verifyCert = typeof skip.value === 'boolean' ? { ...skip, value: !skip.value } : skip;
        }
        const min = g.tls.MinVersion ?? g.tls.MaxVersion;
        if (min && !cfg.minTlsVersion) {
          const m = /VersionTLS1([0-3])$|VersionSSL30$/.exec(min.text);
          const version = m ? (m[1] === undefined ? 'SSLv3' : m[1] === '0' ? 'TLSv1' : `TLSv1.${m[1]}`) : undefined;
          // a tls.VersionTLS1x constant is a literal a fix may replace
          cfg.minTlsVersion = { ...min, kind: version ? 'unknown' : min.kind, value: version ?? min.text };
        }
        if (cfg.dialect === 'go-smtp' && g.auth && !cfg.credentials.user && !cfg.implicitTls) {
          // PlainAuth refuses to send credentials unless the connection is TLS (or the host is local): a stripped
          // STARTTLS fails the login instead of leaking it (auth.go PlainAuth.Start)
          cfg.effective = { ...cfg.effective, tlsMode: 'starttls-required', because: 'net/smtp upgrades with STARTTLS when offered, and smtp.PlainAuth refuses to log in without TLS (except to localhost)' };
        }
        if (cfg.dialect === 'go-smtp' && g.auth && !cfg.credentials.user) {
          if (g.auth.user) cfg.credentials.user = g.auth.user as Field<string>;
          if (g.auth.password) cfg.credentials.password = g.auth.password as Field<string>;
          cfg.credentials.passwordIsLiteral = g.auth.passwordLiteral;
          if (g.auth.host) cfg.extras['PlainAuth host'] = g.auth.host;
        }
        out.push(cfg);
      }
    }
    return out;
  }
}

/**
 * @lezer/go 1.0.1 inserts no semicolon after a `true` / `false` at the end of a line (`d.SSL = true`), so each such
 * line is an error node; many of them make the parser give up on the rest of a big file. The parser gets the text
 * with that line break written as `;` (same length: every offset still points into the original text).
 */
export function goParseText(text: string): string {
  return text.replace(/\b(true|false)([ \t]*)(\r?)\n/g, (m, w: string, sp: string, cr: string) => `${w}${sp}${cr ? ';\n' : ';'}`);
}

export function readGo(file: string, text: string, ctx: ReadContext): ReadResult {
  return readCode(file, text, 'go', (t) => parseIncremental('go', file, goParseText(t)), GO_COMMENTS, (tree, result) => {
    const f = new GoFile(file, text, tree, ctx);
    f.collectImports();
    if (!f.pkgs.size || [...f.pkgs.values()].every((l) => l === 'tls')) return;
    f.collectConstants();
    f.collect();
    result.configs = f.configs();
  });
}

export const goReader: Reader = { format: 'go', mayContainMail, read: readGo };
registerReader(goReader);
