// Ruby reader (.rb): Rails ActionMailer `config.action_mailer.smtp_settings = { … }` (config/environments/*.rb,
// config/application.rb, initializers), `ActionMailer::Base.smtp_settings = { … }`, and the mail gem's
// `delivery_method :smtp, { … }` (`Mail.defaults do … end`, Sinatra, plain Ruby) — rules-research-polyglot §6.
// Both hand the hash to the mail gem's Mail::SMTP; what its keys mean (tls/ssl = implicit TLS, the STARTTLS flags,
// the release differences) is decided in semantics/mail-gem.ts.
//
// Parser: Prism, Ruby's own parser, compiled to WASM (@ruby/prism; languages/grammars/ruby.ts), loaded only when a
// .rb file passes the prefilter. Measured for the `.vsix ≤ 1 MB` budget (vsce package): prism.wasm is 492 KB
// (170 KB deflated in the .vsix), its JS deserializer chunk 111 KB (15 KB deflated): ~185 KB, and the .vsix with
// PHP, Python and Ruby is 676 KB. A hand-written tokenizer was the fallback had it not fitted (docs/architecture.md). Prism recovers from syntax errors (half-typed hashes still give a
// tree) and gives exact byte offsets (prism.ts maps them to UTF-16).
//
// Data flow is intra-file only: literals, constants and local variables assigned earlier in the file, ENV reads
// resolved against the workspace's .env / compose / k8s values. A hash built in another file or merged at run time
// is not followed. A file whose ActionMailer delivery_method is set to something other than :smtp (letter_opener,
// :test, :sendmail) and never to :smtp has no SMTP config: its smtp_settings are dead.
import type { Field, ReadResult, Site, SmtpConfig, Span } from '../../model/types';
import { hasPrefilterWord, languageOfFormat } from '../../languages/registry';
import { loadRuby } from '../../languages/grammars';
import { registerReader } from '../index';
import { emptyReadResult, unreadableInput } from '../code/common';
import { codeSite } from '../code/sites';
import { addSuppressionComment, mentionsSuppression } from '../suppressions';
import type { ReadContext, Reader } from '../types';
import { isPlaceholder } from '../../semantics/values';
import { mailGemEffective, rubyTruthy, verifyModeOn, type MailGemSettings, type RubyValue } from '../../semantics/mail-gem';
import { callArgs, childrenOf, field, Offsets, typeOf, type PrismNode } from './prism';
import { evaluate, keyName, rubyString, rubyValueOf, type RbScope, type RbVal } from './evaluate';

const PREFILTER = languageOfFormat('ruby')!.prefilterWords;

export function mayContainMail(text: string): boolean {
  return hasPrefilterWord(PREFILTER, text);
}

/** The mail gem's keys that are booleans-by-truthiness (a raw ENV String there is "false" = true). */
const BOOLEAN_KEYS = new Set(['tls', 'ssl', 'enable_starttls', 'enable_starttls_auto']);
const EXTRA_KEYS = ['authentication', 'open_timeout', 'read_timeout', 'domain', 'ca_file', 'ca_path', 'enable_starttls_auto', 'enable_starttls', 'ssl', 'tls'];

interface Entry {
  key: string;
  field: Field;
  val: RbVal;
  /** The whole value expression (`ENV.fetch('SMTP_TLS', 'false')`), where `field` may point at its default only. */
  expr: Span;
}

interface Found {
  /** The hash node (HashNode / KeywordHashNode). */
  hash: PrismNode;
  /** The statement that sets it (for the config span and id). */
  at: PrismNode;
  label: string;
}

class RubyFile {
  readonly offsets: Offsets;
  readonly scope: RbScope;
  /** name → assignments (byte offset after the assignment, value node), in text order. */
  private readonly bindings = new Map<string, { at: number; value: PrismNode }[]>();
  readonly found: Found[] = [];
  /** ActionMailer delivery_method values assigned in this file (`config.action_mailer.delivery_method = :x`). */
  readonly deliveryMethods = new Set<string>();

  constructor(
    readonly file: string,
    readonly text: string,
    readonly ctx: ReadContext,
  ) {
    this.offsets = new Offsets(text);
    this.scope = {
      file,
      text,
      offsets: this.offsets,
      env: (name) => ctx.env?.get(file, name),
      binding: (name, at) => {
        let best: PrismNode | undefined;
        for (const d of this.bindings.get(name) ?? []) if (d.at <= at) best = d.value;
        return best;
      },
    };
  }

  span(n: PrismNode): Span {
    return this.offsets.span(n.location);
  }

  src(n: PrismNode): string {
    const s = this.span(n);
    return this.text.slice(s.start, s.end);
  }

  /** One pass over the tree: bindings, smtp_settings assignments, delivery_method calls. Iterative (deep trees of
   *  generated code must not overflow the stack). */
  walk(root: PrismNode): void {
    const stack: PrismNode[] = [root];
    while (stack.length) {
      const n = stack.pop()!;
      const t = typeOf(n);
      if (t === 'LocalVariableWriteNode' || t === 'ConstantWriteNode' || t === 'InstanceVariableWriteNode') {
        const name = field<string>(n, 'name');
        const value = field(n, 'value');
        if (name && value) {
          const list = this.bindings.get(name) ?? [];
          list.push({ at: n.location.startOffset + n.location.length, value });
          this.bindings.set(name, list);
        }
      } else if (t === 'CallNode') this.call(n);
      const kids = childrenOf(n);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }

  private call(n: PrismNode): void {
    const name = field<string>(n, 'name');
    const args = callArgs(n);
    if (name === 'smtp_settings=' && args[0]) {
      const hash = this.hashOf(args[0], n);
      const recv = field(n, 'receiver');
      if (hash) this.found.push({ hash, at: n, label: `${recv ? this.src(recv).replace(/\s+/g, '') + '.' : ''}smtp_settings (ActionMailer)` });
    } else if (name === 'delivery_method=' && args[0] && typeOf(args[0]) === 'SymbolNode') {
      this.deliveryMethods.add(String(evaluate(this.scope, args[0]).value));
    } else if (name === 'delivery_method' && args.length >= 2 && typeOf(args[0]) === 'SymbolNode' && evaluate(this.scope, args[0]).value === 'smtp') {
      const hash = this.hashOf(args[1], n);
      if (hash) this.found.push({ hash, at: n, label: 'delivery_method :smtp (mail gem)' });
    }
  }

  /** The hash literal an argument is, or names (a local variable / constant assigned a hash earlier). */
  private hashOf(arg: PrismNode, at: PrismNode): PrismNode | undefined {
    let a: PrismNode | undefined = arg;
    for (let i = 0; i < 4 && a; i++) {
      const t = typeOf(a);
      if (t === 'HashNode' || t === 'KeywordHashNode') return a;
      if (t !== 'LocalVariableReadNode' && t !== 'ConstantReadNode') return undefined;
      a = this.scope.binding(field<string>(a, 'name') ?? '', at.location.startOffset);
    }
    return undefined;
  }

  /** The settings of one hash, by key name (the last of a duplicated key wins, as in Ruby). */
  entries(hash: PrismNode): Map<string, Entry> {
    const out = new Map<string, Entry>();
    for (const el of field<PrismNode[]>(hash, 'elements') ?? []) {
      if (typeOf(el) !== 'AssocNode') continue; // **splat: its keys are not known
      const k = field(el, 'key');
      const v = field(el, 'value');
      const key = k ? keyName(this.scope, k) : undefined;
      if (!key || !v) continue;
      const val = evaluate(this.scope, v);
      const secret = key.name === 'password';
      const node = this.span(el);
      const site: Site = codeSite(this.text, { file: this.file, style: 'rb-code', node, key: key.span, value: val.span, valueExpr: this.span(v), quote: val.quote, listItem: true });
      let after = node.end;
      while (after < this.text.length && /[ \t]/.test(this.text[after])) after++;
      site.trailingComma = this.text[after] === ',';
      const text = secret ? '***' : val.kind === 'literal' ? (val.symbol ? `:${val.value}` : val.value === null ? 'nil' : String(val.value)) : val.text;
      const f: Field = { key: key.name, text, kind: val.kind === 'unknown' ? 'expression' : val.kind, site };
      const known = val.kind === 'literal' || !!val.resolvedFrom || (val.kind === 'env' && val.value !== undefined);
      if (!secret && known && val.value !== undefined && val.value !== null) f.value = val.value;
      if (val.envVar) f.envVar = val.envVar;
      if (val.kind === 'env' && val.resolvedFrom) f.resolvedFrom = val.resolvedFrom;
      out.set(key.name, { key: key.name, field: f, val, expr: this.span(v) });
    }
    return out;
  }

  configs(): SmtpConfig[] {
    const out: SmtpConfig[] = [];
    // delivery_method set only to something else (letter_opener, :test): smtp_settings are not used
    const actionMailerOff = this.deliveryMethods.size > 0 && !this.deliveryMethods.has('smtp');
    for (const f of this.found) {
      if (actionMailerOff && f.label.endsWith('(ActionMailer)')) continue;
      const cfg = this.config(f);
      if (cfg) out.push(cfg);
    }
    return out;
  }

  private config(found: Found): SmtpConfig | undefined {
    const e = this.entries(found.hash);
    if (e.size === 0) return undefined;
    const get = (k: string) => e.get(k);
    const extras: Record<string, Field> = {};
    for (const k of EXTRA_KEYS) if (get(k)) extras[k] = get(k)!.field;
    const fields: Partial<SmtpConfig> = { extras };
    const host = get('address');
    const port = get('port');
    if (host) fields.host = host.field as Field<string>;
    if (port) {
      const pf = { ...port.field };
      const pv = pf.value;
      if (typeof pv === 'string') {
        // Net::SMTP accepts a port String ("465"): the number it means
        if (/^\s*\d+\s*$/.test(pv)) pf.value = Number(pv);
        else delete pf.value;
      } else if (typeof pv !== 'number') delete pf.value;
      fields.port = pf as Field<number>;
    }
    // tls and ssl are synonyms: the one that is on (or not known) is the implicit-TLS switch
    const tls = get('tls');
    const ssl = get('ssl');
    const truthy = (x: Entry | undefined) => (x ? rubyTruthy(rubyValueOf(x.val)) : false);
    const implicit = truthy(tls) !== false ? tls : truthy(ssl) !== false ? ssl : (tls ?? ssl);
    if (implicit) fields.implicitTls = this.truthField(implicit);
    const st = get('enable_starttls');
    const auto = get('enable_starttls_auto');
    const startOn = truthy(st) !== false ? st : truthy(auto) !== false ? auto : (st ?? auto);
    if (startOn) fields.starttls = this.truthField(startOn);
    const verify = get('openssl_verify_mode');
    if (verify) {
      const on = verifyModeOn(rubyValueOf(verify.val), verify.val.constant ? String(verify.val.value) : undefined);
      fields.verifyCert = { ...verify.field, value: on } as Field;
      if (on === undefined) delete fields.verifyCert.value;
    }
    // a raw ENV String where the mail gem tests truthiness: the field covers the whole expression, so a fix can
    // turn it into a comparison (env-string-as-boolean)
    for (const k of BOOLEAN_KEYS) {
      const x = get(k);
      if (!x?.val.rawEnv || !x.val.envVar) continue;
      const text = this.text.slice(x.expr.start, x.expr.end);
      extras[`rawEnvString:${k}`] = { ...x.field, text, kind: 'expression', site: { ...x.field.site, value: { ...x.expr }, quote: '' } };
    }
    fields.credentials = this.credentials(get('user_name'), get('password'));
    const settings: MailGemSettings = {
      host: host ? (typeof host.field.value === 'string' ? host.field.value : undefined) : null,
      port: port ? (fields.port!.value as number | undefined) : null,
      tls: tls ? rubyValueOf(tls.val) : 'absent',
      ssl: ssl ? rubyValueOf(ssl.val) : 'absent',
      enableStarttls: st ? rubyValueOf(st.val) : 'absent',
      enableStarttlsAuto: auto ? rubyValueOf(auto.val) : 'absent',
    };
    const all = [...e.values()].map((x) => x.field.site.entry);
    const at = this.span(found.at);
    return {
      id: `ruby:${at.start}`,
      file: this.file,
      format: 'ruby',
      dialect: 'mail-gem',
      label: found.label,
      span: { start: Math.min(at.start, ...all.map((s) => s.start)), end: Math.max(at.end, ...all.map((s) => s.end)) },
      credentials: fields.credentials,
      extras,
      ...fields,
      effective: mailGemEffective(settings),
    };
  }

  /** A TLS switch as the mail gem reads it: its value is Ruby truthiness (the String "false" is on). */
  private truthField(x: Entry): Field {
    const t = rubyTruthy(rubyValueOf(x.val) as RubyValue);
    const f: Field = { ...x.field };
    if (t === undefined) delete f.value;
    else f.value = t;
    return f;
  }

  private credentials(user: Entry | undefined, pass: Entry | undefined): SmtpConfig['credentials'] {
    const c: SmtpConfig['credentials'] = { passwordIsLiteral: false };
    if (user && !(user.val.kind === 'literal' && (user.val.value === null || String(user.val.value).trim() === ''))) c.user = user.field as Field<string>;
    if (pass && !(pass.val.kind === 'literal' && pass.val.value === null)) {
      c.password = pass.field as Field<string>;
      c.passwordIsLiteral = pass.val.kind === 'literal' && !pass.val.envVar && typeof pass.val.value === 'string' && pass.val.value !== '' && !isPlaceholder(pass.val.value);
    }
    return c;
  }
}

export function readRuby(file: string, text: string, ctx: ReadContext): ReadResult {
  // the code readers' frame (readCode) is built around a Lezer tree; Prism's tree gets the same limits
  const result = emptyReadResult(file, 'ruby');
  const refused = unreadableInput(text);
  if (refused) {
    result.problems.push(refused);
    return result;
  }
  let parsed: ReturnType<ReturnType<typeof loadRuby>>;
  try {
    parsed = loadRuby()(text);
  } catch (e) {
    // Prism and its deserializer recurse: tens of thousands of nested brackets overflow the stack
    result.problems.push({ kind: e instanceof RangeError ? 'parse-error' : 'internal-error', message: e instanceof RangeError ? 'nesting too deep to parse: not read' : `Ruby parser failed: ${(e as Error).message}` });
    return result;
  }
  const f = new RubyFile(file, text, ctx);
  f.walk(parsed.value);
  result.configs = f.configs();
  if (mentionsSuppression(text)) {
    for (const c of parsed.comments) {
      const s = f.offsets.span(c.location);
      let line = 0;
      for (let i = text.indexOf('\n'); i >= 0 && i < s.start; i = text.indexOf('\n', i + 1)) line++;
      addSuppressionComment(result.suppressions, text.slice(s.start, s.end), line);
    }
  }
  return result;
}

export const rubyReader: Reader = { format: 'ruby', mayContainMail, read: readRuby };
registerReader(rubyReader);

export { rubyString };
