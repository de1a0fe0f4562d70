// PHP reader (.php): PHPMailer instances configured in code (`$mail->isSMTP(); $mail->Port = 465; …`, also the
// `$phpmailer` of WordPress `phpmailer_init` hooks), WP Mail SMTP `define('WPMS_*', …)` constants
// (rules-research-polyglot §1, §3) and Laravel config/mail.php SMTP mailers (§2.1, readers/php/laravel.ts). What the settings mean is decided in semantics/phpmailer.ts.
//
// Parser: @lezer/php (rules-research-polyglot §10): pure JS, error tolerant, exact offsets. Loaded lazily
// (languages/grammars.ts) only for files that pass the prefilter (SMTP / smtp / WPMS_).
//
// Data flow is intra-file only: literals, define()/const constants, env('X', d) / getenv / $_ENV / $_SERVER reads
// resolved against the workspace's .env values. A PHPMailer received from a container or built in another file
// is not followed. Properties are grouped per variable and per function; a variable without isSMTP() (or the
// phpmailer_init hook parameter) uses PHP mail(), where the SMTP properties are dead: it is not reported.
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Field, ReadResult, Site, SmtpConfig } from '../../model/types';
import { hasPrefilterWord, languageOfFormat } from '../../languages/registry';
import { parseIncremental } from '../../languages/grammars';
import { registerReader } from '../index';
import { CodeFile, readCode } from '../code/common';
import type { ReadContext, Reader } from '../types';
import { codeSite } from '../code/sites';
import { isPlaceholder } from '../../semantics/values';
import { cryptoMethodApplies, phpBoolCast, phpLegacyCryptoMethods, phpmailerEffective, smtpSecureOf } from '../../semantics/phpmailer';
import { argNodes, evaluate, kids, phpString, phpText, type PhpVal } from './evaluate';
import { laravelMailConfigs } from './laravel';

const PREFILTER = languageOfFormat('php')!.prefilterWords;
/** PHPMailer properties that matter for the connection [PHPM-MAIN]. */
const PROPS = new Set(['Host', 'Port', 'SMTPSecure', 'SMTPAutoTLS', 'SMTPAuth', 'Username', 'Password', 'SMTPOptions', 'Timeout', 'SMTPDebug', 'Debugoutput', 'Mailer']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'MethodDeclaration', 'FunctionExpression', 'ArrowFunction']);

export function mayContainMail(text: string): boolean {
  return hasPrefilterWord(PREFILTER, text);
}

interface Mailer {
  receiver: string;
  at: SyntaxNode;
  props: Map<string, { field: Field; val: PhpVal }>;
  smtp: boolean;
  /** SMTPOptions ['ssl' => […]] entries that turn verification off. */
  verifyOff?: Field;
  /** SMTPOptions ['ssl' => ['crypto_method' => …]] allowing TLS below 1.2 (value: those versions). */
  legacyCrypto?: Field;
}

class PhpFile extends CodeFile<{ at: number; value: SyntaxNode; stmt: SyntaxNode; key: SyntaxNode }> {
  readonly mailers = new Map<string, Mailer>();

  /** The statement holding `n` (for the entry span of a property assignment or a define()). */
  statementOf(n: SyntaxNode): SyntaxNode {
    let s = n;
    while (s.parent && s.name !== 'ExpressionStatement') s = s.parent;
    return s.name === 'ExpressionStatement' ? s : n;
  }

  /** A Field for a setting written as `key` → value expression `valueNode` in the entry `entry`. */
  field(key: string, keyNode: { from: number; to: number }, valueNode: SyntaxNode, entry: SyntaxNode, listItem: boolean, secret = false): { field: Field; val: PhpVal } {
    const val = evaluate(this.scope, valueNode);
    const site: Site = codeSite(this.text, {
      file: this.file,
      style: 'php-code',
      node: { start: entry.from, end: entry.to },
      key: { start: keyNode.from, end: keyNode.to },
      value: val.span,
      valueExpr: { start: valueNode.from, end: valueNode.to },
      quote: val.quote,
      listItem,
    });
    const field: Field = { key, text: secret ? '***' : val.kind === 'literal' ? phpText(val.value) : val.text, kind: val.kind === 'unknown' ? 'expression' : val.kind, site };
    if (!secret && val.value !== undefined && val.value !== null && (val.kind === 'literal' || val.resolvedFrom)) field.value = val.value;
    if (val.envVar) field.envVar = val.envVar;
    if (val.kind === 'env' && val.resolvedFrom) field.resolvedFrom = val.resolvedFrom;
    return { field, val };
  }

  collectConstants(): void {
    this.tree.iterate({
      enter: (ref) => {
        const n = ref.node;
        if (n.name === 'CallExpression') {
          const callee = n.firstChild;
          const argList = n.getChild('ArgList');
          if (callee?.name === 'Name' && this.src(callee) === 'define' && argList) {
            const [k, v] = argNodes(argList);
            const key = k ? phpString(this, k) : undefined;
            if (key && v) this.addConst(key.value, { at: n.to, value: v, stmt: this.statementOf(n), key: k });
          }
        } else if (n.name === 'VariableDeclarator' && n.parent?.name === 'ConstDeclaration') {
          const name = n.getChild('Name');
          const v = n.lastChild;
          if (name && v && v !== name) this.addConst(this.src(name), { at: n.to, value: v, stmt: n.parent, key: name });
        }
      },
    });
  }

  private mailer(receiver: SyntaxNode): Mailer {
    let fn: SyntaxNode | null = receiver.parent;
    while (fn && !FUNCTIONS.has(fn.name)) fn = fn.parent;
    const id = `${fn ? fn.from : -1}:${this.src(receiver)}`;
    let m = this.mailers.get(id);
    if (!m) {
      m = { receiver: this.src(receiver), at: receiver, props: new Map(), smtp: false };
      // the parameter of an add_action('phpmailer_init', function ($phpmailer) {…}) hook is WordPress's PHPMailer
      if (fn && this.isPhpmailerInitHook(fn) && fn.getChild('ParamList')?.getChild('Parameter') && this.src(fn.getChild('ParamList')!.getChild('Parameter')!.getChild('VariableName')!) === m.receiver) m.smtp = true;
      this.mailers.set(id, m);
    }
    return m;
  }

  private isPhpmailerInitHook(fn: SyntaxNode): boolean {
    const call = fn.parent?.parent;
    if (call?.name !== 'CallExpression') return false;
    const args = call.getChild('ArgList');
    const first = args ? argNodes(args)[0] : undefined;
    return !!first && phpString(this, first)?.value === 'phpmailer_init';
  }

  collectMailers(): void {
    this.tree.iterate({
      enter: (ref) => {
        const n = ref.node;
        if (n.name === 'AssignmentExpression') {
          const [left, op, right] = kids(n);
          if (left?.name !== 'MemberExpression' || op?.name !== 'AssignOp' || !right || this.src(op) !== '=') return;
          const [recv, arrow, prop] = kids(left);
          if (!recv || arrow?.name !== '->' || prop?.name !== 'Name') return;
          const name = this.src(prop);
          if (!PROPS.has(name)) return;
          const m = this.mailer(recv);
          if (name === 'SMTPOptions') {
            this.smtpOptions(m, right);
            return;
          }
          const got = this.field(name, prop, right, this.statementOf(n), false, name === 'Password');
          m.props.set(name, got);
          if (name === 'Mailer' && got.val.value === 'smtp') m.smtp = true;
        } else if (n.name === 'CallExpression') {
          const callee = n.firstChild;
          if (callee?.name !== 'MemberExpression') return;
          const [recv, arrow, method] = kids(callee);
          if (!recv || arrow?.name !== '->' || method?.name !== 'Name') return;
          const meth = this.src(method);
          if (meth === 'isSMTP') this.mailer(recv).smtp = true;
          else if (meth === 'isMail' || meth === 'isSendmail' || meth === 'isQmail') this.mailer(recv).smtp = false;
        } else if (n.name === 'NewExpression' && n.parent?.name === 'AssignmentExpression') {
          const cls = n.getChild('Name') ?? n.getChild('QualifiedName');
          if (cls && /PHPMailer$/.test(this.src(cls))) this.mailer(n.parent.firstChild!);
        }
      },
    });
  }

  /** SMTPOptions = ['ssl' => ['verify_peer' => false, 'verify_peer_name' => false, 'allow_self_signed' => true]]. */
  private smtpOptions(m: Mailer, arr: SyntaxNode): void {
    if (arr.name !== 'ArrayExpression') return;
    for (const pair of arr.getChildren('Pair')) {
      const [k, , v] = kids(pair);
      if (!k || !v || phpString(this, k)?.value !== 'ssl' || v.name !== 'ArrayExpression') continue;
      for (const inner of v.getChildren('Pair')) {
        const [ik, , iv] = kids(inner);
        const key = ik ? phpString(this, ik) : undefined;
        if (!key || !iv) continue;
        const { field, val } = this.field(key.value, { from: ik.from + 1, to: ik.to - 1 }, iv, inner, true);
        const off = (key.value === 'verify_peer' || key.value === 'verify_peer_name') ? val.value === false : key.value === 'allow_self_signed' ? val.value === true : false;
        if (off && !m.verifyOff) m.verifyOff = field;
        if (key.value === 'crypto_method') {
          const legacy = phpLegacyCryptoMethods(this.src(iv));
          if (legacy.length) m.legacyCrypto = { ...field, text: this.src(iv), kind: 'expression', value: legacy.join(' ') };
        }
      }
    }
  }

  configs(): SmtpConfig[] {
    const out: SmtpConfig[] = [];
    for (const m of this.mailers.values()) {
      if (!m.smtp || (m.props.size === 0 && !m.verifyOff && !m.legacyCrypto)) continue;
      const p = (k: string) => m.props.get(k);
      const fields: Partial<SmtpConfig> = { extras: {} };
      const host = p('Host');
      const port = p('Port');
      const secure = p('SMTPSecure');
      const auto = p('SMTPAutoTLS');
      if (host) fields.host = host.field as Field<string>;
      if (port) fields.port = port.field as Field<number>;
      if (secure) fields.implicitTls = { ...secure.field, value: smtpSecureOf(String(secure.val.value ?? '')) === 'ssl' } as Field;
      if (secure && secure.val.value === undefined) delete fields.implicitTls!.value;
      // SMTPAutoTLS = false means "never STARTTLS" (ignoreTls true)
      if (auto) fields.ignoreTls = typeof auto.val.value === 'boolean' ? { ...auto.field, value: !auto.val.value } : auto.field;
      if (m.verifyOff) fields.verifyCert = m.verifyOff;
      for (const k of ['SMTPAuth', 'Timeout', 'SMTPDebug', 'Debugoutput']) if (p(k)) fields.extras![k] = p(k)!.field;
      fields.credentials = this.credentials(p('Username')?.field, p('Password'));
      const known = (x: { val: PhpVal } | undefined) => (x ? (x.val.kind === 'literal' || x.val.resolvedFrom ? x.val.value : undefined) : null);
      const portV = known(port);
      const eff = phpmailerEffective({
        host: host ? (typeof known(host) === 'string' ? (known(host) as string) : undefined) : null,
        port: port ? (portV === undefined || portV === null ? undefined : Number(portV)) : null,
        secure: secure ? (known(secure) === undefined ? undefined : phpText(known(secure) as PhpVal['value'])) : null,
        autoTls: auto ? (known(auto) === undefined ? undefined : phpBoolCast(known(auto) as PhpVal['value'])) : null,
      });
      if (eff.port !== undefined && !Number.isFinite(eff.port)) eff.port = undefined;
      // crypto_method counts only where PHP's ssl:// socket reads it (implicit TLS); STARTTLS passes its own method
      if (m.legacyCrypto && cryptoMethodApplies(eff.tlsMode)) fields.minTlsVersion = m.legacyCrypto;
      out.push(this.config('phpmailer', m.at, `PHPMailer ${m.receiver}`, fields, eff));
    }
    return out;
  }

  private credentials(user: Field | undefined, pass: { field: Field; val: PhpVal } | undefined): SmtpConfig['credentials'] {
    const c: SmtpConfig['credentials'] = { passwordIsLiteral: false };
    if (user && !(user.kind === 'literal' && String(user.value ?? '').trim() === '')) c.user = user as Field<string>;
    if (pass) {
      c.password = pass.field as Field<string>;
      c.passwordIsLiteral = pass.val.kind === 'literal' && typeof pass.val.value === 'string' && pass.val.value !== '' && !isPlaceholder(pass.val.value);
    }
    return c;
  }

  private config(dialect: SmtpConfig['dialect'], at: SyntaxNode, label: string, fields: Partial<SmtpConfig>, effective: SmtpConfig['effective']): SmtpConfig {
    const all = [fields.host, fields.port, fields.implicitTls, fields.ignoreTls, fields.verifyCert, fields.credentials?.user].filter((f): f is Field => !!f);
    const start = Math.min(at.from, ...all.map((f) => f.site.entry.start));
    const end = Math.max(at.to, ...all.map((f) => f.site.entry.end));
    return {
      id: `php:${at.from}`,
      file: this.file,
      format: 'php',
      dialect,
      label,
      span: { start, end },
      credentials: fields.credentials ?? { passwordIsLiteral: false },
      extras: fields.extras ?? {},
      ...fields,
      effective,
    };
  }

  /** WP Mail SMTP constants in wp-config.php: honoured only when WPMS_ON === true [WPMS-OPT L980]. */
  wpMailSmtp(): SmtpConfig | undefined {
    const def = (name: string) => {
      const d = this.consts.get(name)?.at(-1);
      if (!d || d.key.name !== 'String') return undefined;
      return this.field(name, { from: d.key.from + 1, to: d.key.to - 1 }, d.value, d.stmt, false, name === 'WPMS_SMTP_PASS');
    };
    const on = def('WPMS_ON');
    if (!on || on.val.value !== true) return undefined;
    const mailer = def('WPMS_MAILER');
    if (mailer && mailer.val.value !== 'smtp' && mailer.val.kind === 'literal') return undefined;
    const host = def('WPMS_SMTP_HOST');
    const port = def('WPMS_SMTP_PORT');
    const ssl = def('WPMS_SSL');
    const auto = def('WPMS_SMTP_AUTOTLS');
    if (!host && !port && !ssl) return undefined;
    const fields: Partial<SmtpConfig> = { extras: {} };
    if (host) fields.host = host.field as Field<string>;
    if (port) fields.port = port.field as Field<number>;
    if (ssl) fields.implicitTls = { ...ssl.field, value: ssl.val.value === 'ssl' };
    const sslV = ssl ? (ssl.val.kind === 'literal' || ssl.val.resolvedFrom ? phpText(ssl.val.value ?? '') : undefined) : '';
    // (bool) cast; AutoTLS is turned off only when WPMS_SSL is not 'tls' and the value is falsy [WPMS-PROC L149-152]
    const autoV = auto ? phpBoolCast(auto.val.kind === 'literal' || auto.val.resolvedFrom ? auto.val.value : undefined) : true;
    if (auto) fields.ignoreTls = autoV === undefined ? auto.field : { ...auto.field, value: !autoV };
    const authF = def('WPMS_SMTP_AUTH');
    if (authF) fields.extras!.WPMS_SMTP_AUTH = authF.field;
    fields.credentials = this.credentials(def('WPMS_SMTP_USER')?.field, def('WPMS_SMTP_PASS'));
    const portV = port ? (port.val.kind === 'literal' || port.val.resolvedFrom ? Number(port.val.value) : undefined) : null;
    const hostV = host ? (typeof host.val.value === 'string' ? host.val.value : undefined) : null;
    const eff = phpmailerEffective({ host: hostV, port: portV === undefined || Number.isNaN(portV as number) ? undefined : portV, secure: sslV === undefined ? undefined : sslV, autoTls: autoV }, 'WP Mail SMTP (PHPMailer)');
    const first = (ssl ?? port ?? host)!.field;
    return this.config('wp-mail-smtp', this.nodeAt(first.site.entry.start), 'WP Mail SMTP constants', fields, eff);
  }

  private nodeAt(pos: number): SyntaxNode {
    return this.tree.resolveInner(pos, 1);
  }
}

const PHP_COMMENTS = new Set(['LineComment', 'BlockComment']);

export function readPhp(file: string, text: string, ctx: ReadContext): ReadResult {
  return readCode(file, text, 'php', (t) => parseIncremental('php', file, t), PHP_COMMENTS, (tree, result) => {
    const f = new PhpFile(file, text, tree, ctx);
    f.collectConstants();
    f.collectMailers();
    result.configs = f.configs();
    const wp = f.wpMailSmtp();
    if (wp) result.configs.push(wp);
    result.configs.push(...laravelMailConfigs(f));
  });
}

export const phpReader: Reader = { format: 'php', mayContainMail, read: readPhp };
registerReader(phpReader);
