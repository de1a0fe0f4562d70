// Options → config: turns the options object (or connection URL) of one nodemailer transport into an
// SmtpConfig: each option as a Field with its site, credentials (never keeping a secret's value), the
// URL's parts and query parameters, and the effective connection nodemailer will make.
import type * as t from '@babel/types';
import type { Credentials, Field, GlobalSetting, Site, SmtpConfig, Span, UrlField } from '../../model/types';
import { whenUnsetText } from '../../model/fields';
import { parseMailUrl } from '../url';
import { safeDecode } from '../../semantics/values/percent';
import type { Bindings, PropInfo } from './bindings';
import type { VersionLookup } from '../types';
import type { TransportTarget } from './detect';
import { NODE_TLS } from './detect';
import { nodemailerEffective, nodemailerUrlValue, type NodemailerOptionsIn, type OptVal } from '../../semantics/nodemailer/effective';
import { isPlaceholder } from '../../semantics/values';
import { envVarOf, evaluate, isProcessEnv, propName, unwrap, UNKNOWN, type Ev } from './evaluate';
import type { SourceText } from './sites';

export class OptionsReader {
  readonly configs: SmtpConfig[] = [];
  readonly globals: GlobalSetting[] = [];
  /** The value node each option Field was read from (for the raw-env-string check). */
  private readonly fieldNodes = new WeakMap<Field, t.Node>();
  /** The evaluation of each URL node, computed once by urlField() and reused for the mode and credentials. */
  private readonly urlEvals = new WeakMap<t.Node, Ev>();

  constructor(
    private readonly src: SourceText,
    private readonly bindings: Bindings,
    /** The nodemailer release of this file's project, for the effective model (requireTLS vs ignoreTLS). */
    private readonly versionOf?: VersionLookup,
  ) {}

  private get file(): string {
    return this.src.file;
  }

  private get text(): string {
    return this.src.text;
  }

  /** Reads one detected transport into a config (none for non-SMTP transports and non-SMTP URLs). */
  read(target: TransportTarget): void {
    if (target.obj) this.fromObject(target.obj, target.span, target.name);
    else if (target.url) this.fromUrlArg(target.url, target.span, target.name);
  }

  /** process.env.NODE_TLS_REJECT_UNAUTHORIZED = <right>. */
  addGlobal(right: t.Node, stmt: t.Node): void {
    const ev = evaluate(right, this.bindings.scope);
    const r = unwrap(right) ?? right;
    const site = this.src.exprSite(r, stmt);
    const field: Field = {
      key: NODE_TLS,
      text: this.src.valueText(r),
      kind: kindOf(ev),
      site,
    };
    if (ev.v !== UNKNOWN && ev.v !== undefined && ev.v !== null) field.value = String(ev.v);
    attachEnv(field, ev);
    this.globals.push({ file: this.file, field });
  }

  private newConfig(span: Span, name: string | undefined): SmtpConfig {
    return {
      id: `js:${span.start}`,
      file: this.file,
      format: 'js',
      dialect: 'nodemailer',
      label: name ? `nodemailer transport ${name}` : 'nodemailer transport',
      span,
      credentials: { passwordIsLiteral: false },
      extras: {},
      effective: { tlsMode: 'unknown', because: '' },
    };
  }

  private fromUrlArg(node: t.Node, span: Span, name: string | undefined): void {
    const cfg = this.newConfig(span, name);
    const site = this.src.exprSite(node, node);
    const url = this.urlField('url', node, site);
    if (!url) return;
    if (url.kind === 'literal' && typeof url.value === 'string' && !/^smtps?:/i.test(url.value)) return; // not an SMTP connection URL
    cfg.url = url;
    this.urlCredentials(cfg, url, node);
    this.urlParams(cfg, url);
    cfg.effective = nodemailerEffective({ url: this.urlOptVal(url, node), version: this.versionOf?.('nodemailer') });
    this.configs.push(cfg);
  }

  /** A URL string (literal, template, env) as a UrlField whose parts point inside the quotes. */
  private urlField(key: string, node: t.Node, site: Site): UrlField | undefined {
    const ev = evaluate(node, this.bindings.scope);
    this.urlEvals.set(node, ev);
    const n = unwrap(node) ?? node;
    const kind = kindOf(ev);
    if (n.type === 'StringLiteral' || (n.type === 'TemplateLiteral' && n.expressions.length === 0)) {
      const inner = this.text.slice((n.start ?? 0) + 1, (n.end ?? 0) - 1);
      const value = typeof ev.v === 'string' ? ev.v : inner;
      const u = parseMailUrl(key, inner, (n.start ?? 0) + 1, site, 'literal');
      if (u) {
        u.value = u.hasPassword ? u.text : value; // never keep a password in the model
        return u;
      }
      return { key, value, text: value, kind: 'literal', site, hasUser: false, hasPassword: false, params: {} };
    }
    if (n.type === 'TemplateLiteral') {
      // Parse the raw template; parts that contain ${…} are expressions.
      const inner = this.text.slice((n.start ?? 0) + 1, (n.end ?? 0) - 1);
      const u = parseMailUrl(key, inner, (n.start ?? 0) + 1, site, 'expression');
      if (u) {
        for (const part of [u.scheme, u.host, u.port, ...Object.values(u.params)]) {
          if (part && !part.text.includes('${')) part.kind = 'literal';
        }
        u.kind = kind;
        u.value = typeof ev.v === 'string' && !u.hasPassword ? ev.v : undefined;
        u.text = u.hasPassword ? u.text : inner;
        if (ev.env.length) u.envVar = ev.env[0];
        return u;
      }
      return undefined;
    }
    // process.env.SMTP_URL or another expression: parse the resolved value; parts point at the expression.
    const text = this.text.slice(n.start ?? 0, n.end ?? 0);
    const field: UrlField = { key, text, kind, site, hasUser: false, hasPassword: false, params: {} };
    attachEnv(field, ev);
    if (typeof ev.v === 'string') {
      const u = parseMailUrl(key, ev.v, 0, site, kind);
      field.value = u?.hasPassword ? u.text : ev.v;
      if (u) {
        const whole = (f: Field | undefined): void => {
          if (!f) return;
          f.site = site;
          attachEnv(f, ev);
        };
        whole(u.scheme);
        whole(u.host);
        whole(u.port);
        for (const p of Object.values(u.params)) whole(p);
        Object.assign(field, { scheme: u.scheme, host: u.host, port: u.port, hasUser: u.hasUser, hasPassword: u.hasPassword, params: u.params });
      }
    }
    return field;
  }

  /**
   * Query parameters nodemailer applies (?tls.rejectUnauthorized=false, ?requireTLS=true ...) as the config's
   * fields, when the object does not write them itself. Values are coerced as parseConnectionUrl does
   * ('true'/'false' → booleans, numeric strings → numbers); sites stay on the URL part.
   */
  private urlParams(cfg: SmtpConfig, url: UrlField): void {
    const coerce = (f: Field): Field => {
      const c: Field = { ...f };
      if (typeof f.value === 'string') c.value = nodemailerUrlValue(f.value) as Field['value'];
      return c;
    };
    const P = url.params;
    if (P.requireTLS && !cfg.requireTls) cfg.requireTls = coerce(P.requireTLS);
    if (P.ignoreTLS && !cfg.ignoreTls) cfg.ignoreTls = coerce(P.ignoreTLS);
    if (P.opportunisticTLS && !cfg.opportunisticTls) cfg.opportunisticTls = coerce(P.opportunisticTLS);
    if (P['tls.rejectUnauthorized'] && !cfg.verifyCert) cfg.verifyCert = coerce(P['tls.rejectUnauthorized']);
    const minV = P['tls.minVersion'] ?? P['tls.secureProtocol'] ?? P['tls.maxVersion'];
    if (minV && !cfg.minTlsVersion) cfg.minTlsVersion = coerce(minV);
    if (P['tls.ciphers'] && !cfg.ciphers) cfg.ciphers = coerce(P['tls.ciphers']);
    if (P.service && !cfg.service) cfg.service = P.service;
    for (const k of ['debug', 'logger', 'secureConnection']) if (P[k] && !cfg.extras[k]) cfg.extras[k] = coerce(P[k]);
  }

  private urlCredentials(cfg: SmtpConfig, url: UrlField, node: t.Node): void {
    if (!url.hasUser && !url.hasPassword) return;
    const ev = this.urlEvals.get(node);
    const n = unwrap(node);
    // The unmasked URL (the model only keeps the masked one).
    const raw = typeof ev?.v === 'string' ? ev.v : n?.type === 'TemplateLiteral' ? this.text.slice((n.start ?? 0) + 1, (n.end ?? 0) - 1) : '';
    const ui = /^[^:]*:\/\/([^@/?#]*)@/.exec(raw)?.[1] ?? '';
    const user = safeDecode(ui.split(':')[0] ?? '');
    if (url.hasUser) cfg.credentials.user = { key: 'url.user', value: user, text: user, kind: url.kind, site: url.site, ...(url.envVar ? { envVar: url.envVar } : {}) };
    if (url.hasPassword) {
      cfg.credentials.password = { key: 'url.password', text: '***', kind: url.kind, site: url.site };
      const pw = safeDecode(ui.slice(ui.indexOf(':') + 1));
      cfg.credentials.passwordIsLiteral = url.kind === 'literal' && !pw.includes('${') && !isPlaceholder(pw);
    }
  }

  private fromObject(obj: t.ObjectExpression, span: Span, name: string | undefined): void {
    const b = this.bindings;
    const scope = b.scope;
    const info = b.collect(obj);
    const P = info.props;
    // Other nodemailer transports (sendmail, SES, stream, JSON) are not SMTP.
    // createTransport(): pool wins, then sendmail, streamTransport, jsonTransport, SES (nodemailer.js).
    const pool = P.get('pool') ? evaluate(P.get('pool')!.value, scope) : undefined;
    if (!(pool && pool.v !== UNKNOWN && pool.v)) {
      for (const k of ['sendmail', 'streamTransport', 'jsonTransport', 'SES']) {
        const p = P.get(k);
        if (p) {
          const ev = evaluate(p.value, scope);
          if (ev.v === UNKNOWN || ev.v) return;
        }
      }
    }
    const cfg = this.newConfig(span, name);
    const ins: NodemailerOptionsIn = {};
    const evs = new Map<string, Ev>();
    const take = (key: string, p: PropInfo | undefined, secret = false): Field | undefined => {
      if (!p) return undefined;
      const { field, ev } = this.propField(key, p, secret);
      evs.set(key, ev);
      return field;
    };

    cfg.host = take('host', P.get('host')) as Field<string> | undefined;
    const port = take('port', P.get('port'));
    if (port) {
      if (typeof port.value === 'string' && port.value.trim() !== '' && !isNaN(Number(port.value))) port.value = Number(port.value);
      if (port.value !== undefined && typeof port.value !== 'number') delete port.value;
      // Number(process.env.SMTP_PORT) || 587: unknown at run time, but the fallback is what runs while the
      // variable is unset (a fresh checkout, a CI job, a forgotten deployment variable).
      const ev = evs.get('port')!;
      const fb = ev.v === UNKNOWN ? this.fallback(P.get('port')!.value) : undefined;
      if (fb && typeof fb.v === 'number' && Number.isInteger(fb.v) && fb.v > 0 && fb.v < 65536) {
        port.value = fb.v;
        port.whenUnset = [...new Set(fb.env)];
        evs.set('port', { ...ev, v: fb.v });
      }
      cfg.port = port as Field<number>;
    }
    cfg.implicitTls = take('secure', P.get('secure'));
    cfg.requireTls = take('requireTLS', P.get('requireTLS'));
    cfg.ignoreTls = take('ignoreTLS', P.get('ignoreTLS'));
    cfg.opportunisticTls = take('opportunisticTLS', P.get('opportunisticTLS'));
    cfg.service = take('service', P.get('service')) as Field<string> | undefined;
    for (const k of ['secureConnection', 'debug', 'logger', 'servername', 'name', 'pool', 'authMethod', 'transactionLog']) {
      const f = take(k, P.get(k));
      if (f) cfg.extras[k] = f;
    }
    // url: '...'
    const urlProp = P.get('url');
    if (urlProp) {
      const site = this.src.propSite(urlProp);
      const u = this.urlField('url', urlProp.value, site);
      if (u) {
        cfg.url = u;
        this.urlCredentials(cfg, u, urlProp.value);
        ins.url = this.urlOptVal(u, urlProp.value);
      }
    }
    // auth: { user, pass, ... }
    const authProp = P.get('auth');
    if (authProp) {
      const aObj = b.nestedObject(authProp.value);
      if (aObj) {
        const A = b.collect(aObj).props;
        const creds: Credentials = cfg.credentials;
        const user = take('auth.user', A.get('user'));
        if (user) creds.user = user as Field<string>;
        let firstSecret: Field | undefined;
        for (const k of ['pass', 'accessToken', 'clientSecret', 'refreshToken', 'privateKey']) {
          const p = A.get(k);
          if (!p) continue;
          const f = take(`auth.${k}`, p, true)!;
          const ev = evs.get(`auth.${k}`)!;
          const isLit = f.kind === 'literal' && typeof ev.v === 'string' && !isPlaceholder(ev.v);
          if (isLit && !creds.passwordIsLiteral) {
            creds.password = f as Field<string>;
            creds.passwordIsLiteral = true;
          } else if (!firstSecret) firstSecret = f;
          if (k !== 'pass') cfg.extras[`auth.${k}`] = f;
        }
        if (!creds.password && firstSecret) creds.password = firstSecret as Field<string>;
        const type = take('auth.type', A.get('type'));
        if (type) cfg.extras['auth.type'] = type;
      } else {
        // auth written but not as an object we can read: credentials are (probably) present.
        const f = this.propField('auth', authProp, false).field;
        // Whatever it is, it may carry a secret: no string literal of it is kept.
        f.text = f.text.replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, "'***'");
        delete f.value;
        cfg.extras.auth = f;
      }
    }
    // tls: { rejectUnauthorized, minVersion, ... }
    const tlsProp = P.get('tls');
    if (tlsProp) {
      const tObj = b.nestedObject(tlsProp.value);
      const T = tObj ? b.collect(tObj).props : new Map<string, PropInfo>();
      const tlsField = this.propField('tls', tlsProp, false).field;
      tlsField.text = tObj ? '{…}' : tlsField.text;
      if (tObj && unwrap(tlsProp.value) === tObj) tlsField.value = tObj.properties.length;
      cfg.extras.tls = tlsField;
      cfg.verifyCert = take('tls.rejectUnauthorized', T.get('rejectUnauthorized'));
      const minV = take('tls.minVersion', T.get('minVersion'));
      const maxV = take('tls.maxVersion', T.get('maxVersion'));
      const proto = take('tls.secureProtocol', T.get('secureProtocol'));
      cfg.minTlsVersion = minV ?? proto ?? maxV;
      if (maxV && cfg.minTlsVersion !== maxV) cfg.extras['tls.maxVersion'] = maxV;
      if (proto && cfg.minTlsVersion !== proto) cfg.extras['tls.secureProtocol'] = proto;
      cfg.ciphers = take('tls.ciphers', T.get('ciphers'));
      const sn = take('tls.servername', T.get('servername'));
      if (sn) cfg.extras['tls.servername'] = sn;
    }
    if (cfg.url) this.urlParams(cfg, cfg.url);
    // A boolean option written as a raw env string (secure: process.env.SMTP_SECURE): "false" is truthy.
    for (const [k, f] of [['secure', cfg.implicitTls], ['requireTLS', cfg.requireTls], ['ignoreTLS', cfg.ignoreTls], ['opportunisticTLS', cfg.opportunisticTls], ['tls.rejectUnauthorized', cfg.verifyCert]] as const) {
      if (f && f.kind === 'env' && this.isRawEnv(this.fieldNodes.get(f))) cfg.extras[`rawEnvString:${k}`] = f;
    }
    if (info.unknownSpread) {
      cfg.extras.spread = { key: '...', text: info.unknownSpread, kind: 'unknown', site: this.src.objectSite(obj) };
    }

    // Effective mode.
    const ov = (key: string, f: Field | undefined): OptVal | undefined => (f ? optVal(f.value, evs.get(key)) : undefined);
    ins.host = ov('host', cfg.host);
    ins.port = ov('port', cfg.port);
    ins.secure = ov('secure', cfg.implicitTls);
    ins.requireTLS = ov('requireTLS', cfg.requireTls);
    ins.ignoreTLS = ov('ignoreTLS', cfg.ignoreTls);
    ins.opportunisticTLS = ov('opportunisticTLS', cfg.opportunisticTls);
    ins.service = ov('service', cfg.service);
    const secureNode = P.get('secure')?.value;
    ins.secureFollowsPort = !!secureNode && followsPort(secureNode, P.get('port')?.value, this.text);
    if (ins.secureFollowsPort) cfg.extras.secureFollowsPort = { ...cfg.implicitTls!, key: 'secureFollowsPort' };
    if (info.unknownSpread) {
      const why = `the options spread ${info.unknownSpread} could not be read`;
      for (const k of ['host', 'port', 'secure', 'requireTLS', 'ignoreTLS', 'opportunisticTLS', 'service'] as const) if (!ins[k]) ins[k] = { known: false, why };
    }
    ins.version = this.versionOf?.('nodemailer');
    cfg.effective = nodemailerEffective(ins);
    if (cfg.port?.whenUnset) cfg.effective.because = `${whenUnsetText(cfg.port.whenUnset)} (the port falls back to ${cfg.port.value}): ${cfg.effective.because}`;
    this.configs.push(cfg);
  }

  /** The value `node` has while the environment variables it reads (and .env files do not set) are unset. */
  private fallback(node: t.Node): Ev | undefined {
    const ev = evaluate(node, { ...this.bindings.scope, unsetEnv: true });
    return ev.v !== UNKNOWN && ev.env.length ? ev : undefined;
  }

  /**
   * The value's truthiness is that of an env string as is: process.env.X, a variable holding exactly that
   * (`const secure = process.env.SMTP_SECURE`), the same through `!!x` / `Boolean(x)` (where "false" and "0"
   * are still true), or with a literal default that keeps the string when the variable is set (`x || false`,
   * `x ?? 'true'`). Comparisons (`x === 'true'`) and conversions (`Number(x) === 465`) are not raw strings.
   */
  private isRawEnv(node: t.Node | undefined): boolean {
    const scope = this.bindings.scope;
    let n = unwrap(node);
    for (let i = 0; n && i < 8; i++) {
      if (n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??')) {
        const d = unwrap(n.right);
        if (d?.type !== 'BooleanLiteral' && d?.type !== 'StringLiteral') return false;
        n = unwrap(n.left);
        continue;
      }
      if (n.type === 'UnaryExpression' && n.operator === '!' && unwrap(n.argument)?.type === 'UnaryExpression' && (unwrap(n.argument) as t.UnaryExpression).operator === '!') {
        n = unwrap((unwrap(n.argument) as t.UnaryExpression).argument);
        continue;
      }
      if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'Boolean' && n.arguments.length === 1) {
        n = unwrap(n.arguments[0] as t.Node);
        continue;
      }
      if (envVarOf(n) !== undefined) return true;
      if (n.type === 'MemberExpression' && unwrap(n.object)?.type === 'Identifier' && isProcessEnv(scope.binding((unwrap(n.object) as t.Identifier).name, n.start ?? 0))) return true;
      if (n.type !== 'Identifier') return false;
      n = unwrap(scope.binding(n.name, n.start ?? 0));
    }
    return false;
  }

  /**
   * The URL as nodemailer will see it. A template literal whose scheme, host, port and query are written
   * out (only the credentials are ${…}) still decides the mode: the placeholders are filled with 'x'.
   */
  private urlOptVal(u: UrlField, node: t.Node): OptVal {
    const ev = this.urlEvals.get(node);
    if (ev && ev.v !== UNKNOWN) return { known: true, v: ev.v };
    const n = unwrap(node);
    if (n?.type === 'TemplateLiteral') {
      const raw = this.text.slice((n.start ?? 0) + 1, (n.end ?? 0) - 1);
      const q = raw.indexOf('?');
      const fixed = [u.scheme, u.host, u.port].every((f) => !f || !f.text.includes('${')) && (q < 0 || !raw.slice(q).includes('${'));
      if (u.scheme && u.host && fixed) return { known: true, v: raw.replace(/\$\{[^}]*\}/g, 'x') };
    }
    return optVal(u.value, ev);
  }

  private propField(key: string, p: PropInfo, secret: boolean): { field: Field; ev: Ev } {
    const ev = evaluate(p.value, this.bindings.scope);
    const n = unwrap(p.value) ?? p.value;
    const field: Field = {
      key,
      text: secret ? '***' : this.src.valueText(n),
      kind: kindOf(ev),
      site: this.src.propSite(p),
    };
    if (!secret && ev.v !== UNKNOWN && (typeof ev.v === 'string' || typeof ev.v === 'number' || typeof ev.v === 'boolean')) field.value = ev.v;
    attachEnv(field, ev);
    this.fieldNodes.set(field, p.value);
    return { field, ev };
  }
}

/** What the effective-mode computation knows about a field. */
function optVal(value: unknown, ev: Ev | undefined): OptVal {
  if (ev) {
    if (ev.v === UNKNOWN) return { known: false, why: ev.why ?? 'it is computed in code' };
    return { known: true, v: ev.v };
  }
  return value === undefined ? { known: false, why: 'it is computed in code' } : { known: true, v: value };
}

function kindOf(ev: Ev): Field['kind'] {
  if (ev.literal) return 'literal';
  if (ev.env.length) return 'env';
  return 'expression';
}

function attachEnv(f: Field, ev: Ev): void {
  if (ev.env.length) f.envVar = ev.env[0];
  if (ev.refs.length) f.resolvedFrom = ev.refs[0];
}

/**
 * `secure: port === 465` (or `Number(process.env.SMTP_PORT) === 465`, `cfg.port == 465`, `465 === port`):
 * secure is true exactly when the port is 465, which is right whatever the port turns out to be.
 */
function followsPort(secureNode: t.Node, portNode: t.Node | undefined, text: string): boolean {
  const s = unwrap(secureNode);
  if (!s || s.type !== 'BinaryExpression' || (s.operator !== '===' && s.operator !== '==')) return false;
  const is465 = (x: t.Node): boolean => {
    const u = unwrap(x);
    return !!u && ((u.type === 'NumericLiteral' && u.value === 465) || (u.type === 'StringLiteral' && u.value === '465'));
  };
  const other = is465(s.right) ? s.left : is465(s.left as t.Node) ? s.right : undefined;
  if (!other) return false;
  const src = (x: t.Node | undefined): string => (x ? text.slice(x.start ?? 0, x.end ?? 0).replace(/\s+/g, '') : '');
  const strip = (x: t.Node): t.Node => {
    let u = unwrap(x) ?? x;
    for (let i = 0; i < 4; i++) {
      if (u.type === 'CallExpression' && u.callee.type === 'Identifier' && ['Number', 'parseInt'].includes(u.callee.name) && u.arguments[0]) u = unwrap(u.arguments[0] as t.Node) ?? u;
      else if (u.type === 'UnaryExpression' && u.operator === '+') u = unwrap(u.argument) ?? u;
      else break;
    }
    return u;
  };
  const o = strip(other as t.Node);
  if (portNode && (src(other as t.Node) === src(portNode) || src(o) === src(strip(portNode)))) return true;
  const envO = envVarOf(o);
  if (envO && portNode && (text.slice(portNode.start ?? 0, portNode.end ?? 0).includes(`process.env.${envO}`) || text.slice(portNode.start ?? 0, portNode.end ?? 0).includes(`'${envO}'`))) return true;
  if (o.type === 'Identifier' && /port$/i.test(o.name)) return true;
  if ((o.type === 'MemberExpression' || o.type === 'OptionalMemberExpression') && /port$/i.test(propName(o.property, o.computed) ?? '')) return true;
  return false;
}
