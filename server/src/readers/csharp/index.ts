// C# reader (.cs): MailKit and System.Net.Mail SMTP clients configured in code (rules-research-polyglot §7.1, §7.2).
//
// Parser: a tokenizer (tokens.ts; no small C# grammar exists for JS, §10), then token patterns:
//  - MailKit: `recv.Connect(host, port, SecureSocketOptions.X)` / `ConnectAsync`, the bool overload
//    `Connect(host, port, useSsl)`, named arguments; on the same receiver `ServerCertificateValidationCallback =
//    … => true`, `SslProtocols = …`, `CheckCertificateRevocation = false`, `Authenticate(user, password)`.
//  - System.Net.Mail: `new SmtpClient(host, port) { Port = …, EnableSsl = …, Credentials = new NetworkCredential(u, p) }`
//    and `recv.Port = …;` / `recv.EnableSsl = …;` / `recv.Credentials = …;` after it; the process-wide
//    `ServicePointManager.ServerCertificateValidationCallback = … => true` and `ServicePointManager.SecurityProtocol`.
// Values (evaluate.ts): literals, intra-file constants and locals, `SecureSocketOptions.X`, environment reads
// (`Environment.GetEnvironmentVariable("SMTP_PORT")`) and configuration reads (`Configuration["Smtp:Port"]`,
// `GetValue<int>("Smtp:Port", 587)`, `GetSection("Smtp")["Port"]`), resolved from the workspace's .env values
// (`Smtp__Port` overrides) and the nearest appsettings.json. A value bound through options classes or DI is not
// followed: no finding rather than a guess. Meanings live in semantics/mailkit.ts and semantics/system-net-mail.ts.
import type { Field, ReadResult, SmtpConfig } from '../../model/types';
import { hasPrefilterWord, languageOfFormat } from '../../languages/registry';
import { registerReader } from '../index';
import type { ReadContext, Reader } from '../types';
import { codeSite } from '../code/sites';
import { emptyReadResult, unreadableInput } from '../code/common';
import { addSuppressionComment, mentionsSuppression } from '../suppressions';
import { isPlaceholder, portOfValue } from '../../semantics/values';
import { mailkitEffective, optionOfUseSsl, secureSocketOptionOf, type SecureSocketOption } from '../../semantics/mailkit';
import { systemNetMailEffective } from '../../semantics/system-net-mail';
import { dotnetBool } from '../../semantics/dotnet-config';
import { tokenize, type Token } from './tokens';
import { CsEval, type CsVal } from './evaluate';

const PREFILTER = languageOfFormat('csharp')!.prefilterWords;

export function mayContainMail(text: string): boolean {
  return hasPrefilterWord(PREFILTER, text);
}

interface Arg {
  from: number;
  /** exclusive token index */
  to: number;
  name?: Token;
}

/** SslProtocols / SecurityProtocolType members that are legacy (RFC 8996), as the version words the rules read. */
const LEGACY_PROTOCOLS: Record<string, string> = { Ssl2: 'SSLv2', Ssl3: 'SSLv3', Tls: 'TLSv1', Tls11: 'TLSv1.1' };

export class CsFile extends CsEval {
  readonly configs: SmtpConfig[] = [];

  /** Arguments of the call whose '(' is at token `open`; `close` is the index of ')' (or tokens.length). */
  args(open: number): { list: Arg[]; close: number } {
    const close = this.match(open);
    const list: Arg[] = [];
    // an unclosed call (half-typed code) has no arguments we can trust; scanning to the end for each one would be
    // quadratic on pathological input
    if (close >= this.tokens.length) return { list, close: open };
    let from = open + 1;
    let depth = 0;
    for (let i = open + 1; i <= close && i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
      else if (t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}') && i !== close) depth--;
      if (i === close || (depth === 0 && t.kind === 'punct' && t.text === ',')) {
        if (i > from) {
          const a: Arg = { from, to: i };
          // a named argument: `port: 465`
          if (this.tokens[from]?.kind === 'id' && this.tokens[from + 1]?.text === ':' && i > from + 2) {
            a.name = this.tokens[from];
            a.from = from + 2;
          }
          list.push(a);
        }
        from = i + 1;
      }
    }
    return { list, close };
  }

  /** A Field for the expression of tokens [from, to) written in the entry node [nodeFrom, nodeTo) (token indexes). */
  field(key: string, from: number, to: number, node: { start: number; end: number }, keyTok: Token | undefined, listItem: boolean, secret = false): Field {
    const v = this.evaluate(from, to);
    const site = codeSite(this.text, { file: this.file, style: 'cs-code', node, key: keyTok ? { start: keyTok.start, end: keyTok.end } : undefined, value: v.span, valueExpr: this.spanOf(from, to), quote: v.quote, listItem });
    return this.toField(key, v, site, secret);
  }

  toField(key: string, v: CsVal, site: Field['site'], secret: boolean): Field {
    const f: Field = { key, text: secret ? '***' : v.text, kind: v.kind === 'unknown' ? 'expression' : v.kind, site };
    if (!secret && v.value !== undefined && v.value !== null && (v.kind === 'literal' || v.resolvedFrom)) f.value = v.value;
    if (v.envVar) f.envVar = v.envVar;
    if (v.resolvedFrom && v.kind === 'env') f.resolvedFrom = v.resolvedFrom;
    if (v.kind === 'env') f.boolReader = 'strict';
    return f;
  }

  argField(key: string, a: Arg | undefined, secret = false): Field | undefined {
    if (!a || a.to <= a.from) return undefined;
    const first = a.name ?? this.tokens[a.from];
    const node = { start: first.start, end: this.tokens[a.to - 1].end };
    return this.field(key, a.from, a.to, node, a.name, true, secret);
  }

  /** The argument named `name` (any case) or at position `pos`. */
  pick(list: Arg[], name: string, pos: number): Arg | undefined {
    const named = list.find((a) => a.name?.text.toLowerCase() === name.toLowerCase());
    if (named) return named;
    const positional = list.filter((a) => !a.name);
    return list.some((a) => a.name) && list.indexOf(positional[pos]) > pos ? undefined : positional[pos];
  }

  /** `recv.Prop = expr;` statements in the file: property → [statement start token, '=' index, ';' index]. */
  assignments(recv: string, props: ReadonlySet<string>): Map<string, { key: Token; eq: number; end: number; stmtStart: number }[]> {
    const out = new Map<string, { key: Token; eq: number; end: number; stmtStart: number }[]>();
    const t = this.tokens;
    for (let i = 0; i + 3 < t.length; i++) {
      if (t[i].kind !== 'id' || t[i].text !== recv || t[i + 1].text !== '.' || t[i + 2].kind !== 'id' || t[i + 3].text !== '=') continue;
      if (i > 0 && (t[i - 1].text === '.' || t[i - 1].text === '?.')) {
        // this._client.Port: accept `this.` only
        if (!(t[i - 2]?.text === 'this' && t[i - 1].text === '.')) continue;
      }
      const prop = t[i + 2].text;
      if (!props.has(prop)) continue;
      const end = this.statementEnd(i + 4);
      const stmtStart = t[i - 1]?.text === '.' && t[i - 2]?.text === 'this' ? i - 2 : i;
      const list = out.get(prop) ?? [];
      list.push({ key: t[i + 2], eq: i + 3, end, stmtStart });
      out.set(prop, list);
    }
    return out;
  }

  /** The index of the `;` ending the statement that starts at token `from` (or the last token). */
  statementEnd(from: number): number {
    let depth = 0;
    for (let i = from; i < this.tokens.length; i++) {
      const x = this.tokens[i].text;
      if (this.tokens[i].kind !== 'punct') continue;
      if (x === '(' || x === '[' || x === '{') depth++;
      else if (x === ')' || x === ']' || x === '}') {
        if (depth === 0) return i;
        depth--;
      } else if (x === ';' && depth === 0) return i;
    }
    return this.tokens.length;
  }

  /** A Field for `recv.Prop = expr;` as a whole statement (removing it removes the line). */
  assignField(a: { key: Token; eq: number; end: number; stmtStart: number }, secret = false): Field {
    const node = { start: this.tokens[a.stmtStart].start, end: this.tokens[Math.min(a.end, this.tokens.length) - 1].end };
    return this.field(a.key.text, a.eq + 1, a.end, node, a.key, false, secret);
  }

  /** The callback expression is a lambda or anonymous method that accepts every certificate (returns true). */
  acceptsAll(from: number, to: number): boolean {
    const src = this.text.slice(this.tokens[from]?.start ?? 0, this.tokens[to - 1]?.end ?? 0).replace(/\s+/g, '');
    return /^(?:\([^()]*\)|[A-Za-z_]\w*)=>(?:true|\{returntrue;\})$/.test(src) || /^delegate(?:\([^()]*\))?\{returntrue;\}$/.test(src);
  }

  /** A verification-off field for `X.ServerCertificateValidationCallback = … => true;` (value false = checks off). */
  callbackField(a: { key: Token; eq: number; end: number; stmtStart: number }): Field | undefined {
    if (!this.acceptsAll(a.eq + 1, a.end)) return undefined;
    const f = this.assignField(a);
    return { ...f, kind: 'literal', value: false };
  }

  /** `SslProtocols.Tls | SslProtocols.Tls11` → 'TLSv1 TLSv1.1' (only when a legacy member is named). */
  protocolsField(a: { key: Token; eq: number; end: number; stmtStart: number }): Field | undefined {
    const members = this.tokens.slice(a.eq + 1, a.end).filter((t, k, all) => t.kind === 'id' && all[k - 1]?.text === '.').map((t) => t.text);
    const legacy = members.filter((m) => LEGACY_PROTOCOLS[m]);
    if (!legacy.length) return undefined;
    const f = this.assignField(a);
    // the rule reads the version words; the statement is what a fix removes
    return { ...f, kind: 'unknown', value: members.map((m) => LEGACY_PROTOCOLS[m] ?? m).join(' ') };
  }

  /** `new NetworkCredential(user, password)` at token `at` (the `new`), or Authenticate(user, password) args. */
  credentialArgs(list: Arg[]): SmtpConfig['credentials'] {
    const c: SmtpConfig['credentials'] = { passwordIsLiteral: false };
    // Authenticate(new NetworkCredential(u, p)) / Credentials = new NetworkCredential(u, p)
    if (list.length === 1 && this.tokens[list[0].from]?.text === 'new') {
      const open = this.tokens.findIndex((t, k) => k > list[0].from && k < list[0].to && t.text === '(');
      if (open > 0 && /NetworkCredential$/.test(this.tokens[open - 1].text)) return this.credentialArgs(this.args(open).list);
      return c;
    }
    const offset = list.length >= 3 && list[0] && this.isEncoding(list[0]) ? 1 : 0; // Authenticate(Encoding, u, p)
    const user = this.argField('userName', this.pick(list, 'userName', offset) ?? this.pick(list, 'user', offset));
    const pass = this.argField('password', this.pick(list, 'password', offset + 1), true);
    if (user && !(user.kind === 'literal' && String(user.value ?? '').trim() === '')) c.user = user as Field<string>;
    if (pass) {
      c.password = pass as Field<string>;
      const v = pass.kind === 'literal' ? this.evaluate(this.pick(list, 'password', offset + 1)!.from, this.pick(list, 'password', offset + 1)!.to).value : undefined;
      c.passwordIsLiteral = typeof v === 'string' && v !== '' && !isPlaceholder(v);
    }
    return c;
  }

  private isEncoding(a: Arg): boolean {
    return /Encoding/.test(this.text.slice(this.tokens[a.from].start, this.tokens[a.to - 1].end));
  }

  // ------------------------------------------------------------------------------------------------------------
  // MailKit

  mailkit(): void {
    if (!/MailKit|SecureSocketOptions/.test(this.text)) return;
    const t = this.tokens;
    const seen = new Set<string>();
    for (let i = 2; i < t.length; i++) {
      if (t[i].kind !== 'id' || (t[i].text !== 'Connect' && t[i].text !== 'ConnectAsync') || t[i - 1].text !== '.' || t[i + 1]?.text !== '(') continue;
      const recvTok = t[i - 2];
      if (recvTok.kind !== 'id') continue;
      const { list } = this.args(i + 1);
      // Connect(new Uri(…)) / Connect(socket, …): not modelled
      if (list.length === 0 || t[list[0].from].text === 'new') continue;
      try {
        this.configs.push(this.mailkitConfig(recvTok.text, i, list, seen));
      } catch {
        // one odd call must not lose the others
      }
    }
  }

  private mailkitConfig(recv: string, at: number, list: Arg[], seen: Set<string>): SmtpConfig {
    const t = this.tokens;
    const host = this.argField('host', this.pick(list, 'host', 0));
    const port = this.argField('port', this.pick(list, 'port', 1));
    const third = this.pick(list, 'options', 2) ?? this.pick(list, 'useSsl', 2);
    const optArg = third && !/^cancellationToken$/i.test(third.name?.text ?? '') && !/(?:Token|^ct|^cancel)$/i.test(t[third.to - 1].text) ? third : undefined;
    const fields: Partial<SmtpConfig> = { extras: {} };
    if (host) fields.host = host as Field<string>;
    if (port) fields.port = port as Field<number>;
    let option: SecureSocketOption | undefined = 'Auto';
    let via = 'SecureSocketOptions';
    if (optArg) {
      let f = this.argField(optArg.name?.text ?? 'options', optArg)!;
      const v = f.value;
      if (typeof v === 'boolean') {
        f = { ...f, key: 'useSsl' };
        option = optionOfUseSsl(v);
        via = `useSsl ${v} (Connect(host, port, bool) means ${option})`;
        fields.implicitTls = { ...f, value: v };
      } else {
        option = typeof v === 'string' ? secureSocketOptionOf(v) : undefined;
        const opt: Field = { ...f };
        if (option && option !== 'Auto') opt.value = option === 'SslOnConnect';
        else delete opt.value;
        fields.implicitTls = opt;
        if (option === 'None') fields.ignoreTls = { ...f, value: true };
      }
      const qualified = /(?:^|\.)SecureSocketOptions\.\w+$/.exec(this.text.slice(f.site.value.start, f.site.value.end));
      const written = qualified ? this.text.slice(f.site.value.start, f.site.value.end).replace(/\.\w+$/, '') : '';
      fields.extras!.optionType = { key: 'optionType', text: written || (/using\s+MailKit\.Security\s*;/.test(this.text) ? 'SecureSocketOptions' : 'MailKit.Security.SecureSocketOptions'), kind: 'expression', site: f.site };
    }
    // settings on the same receiver belong to its first Connect (a second one would report them twice)
    const first = !seen.has(recv);
    const props = this.assignments(recv, new Set(['ServerCertificateValidationCallback', 'SslProtocols', 'CheckCertificateRevocation', 'Timeout']));
    for (const a of first ? (props.get('ServerCertificateValidationCallback') ?? []) : []) {
      const f = this.callbackField(a);
      if (f) fields.verifyCert = f;
    }
    for (const a of first ? (props.get('SslProtocols') ?? []) : []) {
      const f = this.protocolsField(a);
      if (f) fields.minTlsVersion = f;
    }
    for (const a of first ? (props.get('CheckCertificateRevocation') ?? []) : []) fields.extras!.CheckCertificateRevocation = this.assignField(a);
    fields.credentials = { passwordIsLiteral: false };
    for (let i = 0; first && i + 3 < t.length; i++) {
      if (t[i].text === recv && t[i + 1].text === '.' && (t[i + 2].text === 'Authenticate' || t[i + 2].text === 'AuthenticateAsync') && t[i + 3].text === '(') {
        fields.credentials = this.credentialArgs(this.args(i + 3).list);
        break;
      }
    }
    seen.add(recv);
    const portV = port ? portOfValue(port.value) : null;
    const eff = mailkitEffective(optArg ? option : 'Auto', typeof host?.value === 'string' ? host.value : undefined, port ? portV : null, via);
    const call = t[at - 2];
    return this.config('mailkit', call.start, this.tokens[this.match(at + 1)]?.end ?? call.end, `MailKit ${recv}.${t[at].text}`, fields, eff);
  }

  // ------------------------------------------------------------------------------------------------------------
  // System.Net.Mail

  systemNetMail(): void {
    const t = this.tokens;
    const usesMailKit = /\bMailKit\b/.test(this.text);
    // process-wide settings of System.Net (they also apply to System.Net.Mail)
    const spm = this.assignments('ServicePointManager', new Set(['ServerCertificateValidationCallback', 'SecurityProtocol']));
    const globalVerify = (spm.get('ServerCertificateValidationCallback') ?? []).map((a) => this.callbackField(a)).find((f) => f);
    const globalProtocols = (spm.get('SecurityProtocol') ?? []).map((a) => this.protocolsField(a)).find((f) => f);
    let globalsTaken = false;
    for (let i = 0; i + 2 < t.length; i++) {
      if (t[i].text !== 'new' || t[i + 1].kind !== 'id') continue;
      // new SmtpClient(…) or new System.Net.Mail.SmtpClient(…)
      let k = i + 1;
      const qual: string[] = [];
      while (t[k]?.kind === 'id' && t[k + 1]?.text === '.') qual.push(t[k].text), (k += 2);
      if (t[k]?.text !== 'SmtpClient' || t[k + 1]?.text !== '(') continue;
      const explicit = qual.join('.') === 'System.Net.Mail';
      if (qual.length && !explicit) continue; // MailKit.Net.Smtp.SmtpClient
      const { list, close } = this.args(k + 1);
      const recv = this.receiverOf(i);
      const init = t[close + 1]?.text === '{' ? close + 1 : -1;
      // MailKit's SmtpClient takes no host/port; its settings are Connect() arguments
      if (!explicit && usesMailKit && list.length === 0 && (init < 0 || !this.initHas(init, /^(EnableSsl|Port|Host|Credentials)$/))) continue;
      if (!explicit && list.length === 1 && /ProtocolLogger/.test(this.text.slice(t[list[0].from].start, t[list[0].to - 1].end))) continue;
      try {
        // the process-wide ServicePointManager settings are reported once, on the file's first client
        const cfg = this.snmConfig(i, k, list, close, init, recv, globalsTaken ? undefined : globalVerify, globalsTaken ? undefined : globalProtocols);
        if (cfg) {
          this.configs.push(cfg);
          globalsTaken = true;
        }
      } catch {
        // one odd client must not lose the others
      }
    }
  }

  private initHas(open: number, re: RegExp): boolean {
    const close = this.match(open);
    for (let i = open + 1; i < close; i++) if (this.tokens[i].kind === 'id' && re.test(this.tokens[i].text) && this.tokens[i + 1]?.text === '=') return true;
    return false;
  }

  /** `var x = new …`, `x = new …`, `SmtpClient x = new …`, `using var x = new …`, `using (var x = new …)`. */
  private receiverOf(newAt: number): string | undefined {
    const t = this.tokens;
    if (t[newAt - 1]?.text !== '=' || t[newAt - 2]?.kind !== 'id') return undefined;
    return t[newAt - 2].text;
  }

  private snmConfig(newAt: number, clsAt: number, list: Arg[], close: number, init: number, recv: string | undefined, globalVerify: Field | undefined, globalProtocols: Field | undefined): SmtpConfig | undefined {
    const t = this.tokens;
    const fields: Partial<SmtpConfig> = { extras: {} };
    const host = this.argField('host', this.pick(list, 'host', 0));
    const portArg = this.argField('port', this.pick(list, 'port', 1));
    if (host) fields.host = host as Field<string>;
    if (portArg) fields.port = portArg as Field<number>;
    let credentials: SmtpConfig['credentials'] = { passwordIsLiteral: false };
    const members = new Map<string, Field>();
    let lastMember: Field | undefined;
    if (init >= 0) {
      const { list: items } = this.args(init);
      for (const it of items) {
        // `Prop = expr` inside the initializer
        const key = t[it.from];
        if (key?.kind !== 'id' || t[it.from + 1]?.text !== '=') continue;
        const node = { start: key.start, end: t[it.to - 1].end };
        if (key.text === 'Credentials') {
          const open = t.findIndex((x, q) => q > it.from + 1 && q < it.to && x.text === '(');
          if (open > 0 && /NetworkCredential$/.test(t[open - 1].text)) credentials = this.credentialArgs(this.args(open).list);
          lastMember = this.field(key.text, it.from + 2, it.to, node, key, true);
          continue;
        }
        const f = this.field(key.text, it.from + 2, it.to, node, key, true);
        members.set(key.text, f);
        lastMember = f;
      }
    }
    // statements after the constructor on the same variable
    if (recv) {
      const props = this.assignments(recv, new Set(['Host', 'Port', 'EnableSsl', 'Credentials', 'Timeout', 'UseDefaultCredentials']));
      for (const [prop, list2] of props) {
        const a = list2.filter((x) => t[x.stmtStart].start > t[close]?.start).pop();
        if (!a) continue;
        if (prop === 'Credentials') {
          const open = t.findIndex((x, q) => q > a.eq && q < a.end && x.text === '(');
          if (open > 0 && /NetworkCredential$/.test(t[open - 1].text)) credentials = this.credentialArgs(this.args(open).list);
          continue;
        }
        members.set(prop, this.assignField(a));
      }
    }
    if (members.get('Host')) fields.host = members.get('Host') as Field<string>;
    if (members.get('Port')) fields.port = members.get('Port') as Field<number>;
    const ssl = members.get('EnableSsl');
    if (ssl) fields.starttls = ssl;
    if (!fields.host && !fields.port && !ssl && !credentials.password) return undefined;
    if (members.get('Timeout')) fields.extras!.Timeout = members.get('Timeout')!;
    fields.credentials = credentials;
    if (globalVerify) fields.verifyCert = globalVerify;
    if (globalProtocols) fields.minTlsVersion = globalProtocols;
    // where a fix adds `EnableSsl = true`: after the last initializer member, or a statement after the constructor
    const anchor = lastMember ?? this.statementAnchor(newAt, close, recv);
    if (anchor) fields.extras!.anchor = anchor;
    const enable = ssl ? (typeof ssl.value === 'boolean' ? ssl.value : (ssl.kind === 'literal' || ssl.resolvedFrom) && typeof ssl.value === 'string' ? dotnetBool(ssl.value) : undefined) : null;
    const portV = fields.port ? portOfValue(fields.port.value) : null;
    const eff = systemNetMailEffective(enable, typeof fields.host?.value === 'string' ? fields.host.value : undefined, fields.port ? portV : null);
    const end = init >= 0 ? (t[this.match(init)]?.end ?? t[close].end) : (t[close]?.end ?? t[clsAt].end);
    return this.config('system-net-mail', t[newAt].start, end, `System.Net.Mail.SmtpClient${recv ? ` ${recv}` : ''}`, fields, eff);
  }

  /** `var client = new SmtpClient(h, p);` alone on its line: a sibling `client.EnableSsl = true;` goes after it. */
  private statementAnchor(newAt: number, close: number, recv: string | undefined): Field | undefined {
    if (!recv) return undefined;
    const t = this.tokens;
    const end = this.statementEnd(close + 1);
    if (t[end]?.text !== ';') return undefined;
    let s = newAt - 2;
    while (s > 0 && t[s - 1].kind === 'id' && t[s - 1].text !== 'return') s--; // var / SmtpClient / using
    const site = codeSite(this.text, { file: this.file, style: 'cs-code', node: { start: t[s].start, end: t[end - 1].end }, value: { start: t[newAt].start, end: t[end - 1].end }, quote: '' });
    if (site.inline) return undefined;
    return { key: 'statement', text: '', kind: 'expression', site: { ...site, template: `${recv}.{key} = {value};` } };
  }

  private config(dialect: SmtpConfig['dialect'], start: number, end: number, label: string, fields: Partial<SmtpConfig>, effective: SmtpConfig['effective']): SmtpConfig {
    return {
      id: `csharp:${start}`,
      file: this.file,
      format: 'csharp',
      dialect,
      label,
      span: { start, end: Math.max(start, end) },
      credentials: fields.credentials ?? { passwordIsLiteral: false },
      extras: fields.extras ?? {},
      ...fields,
      effective,
    };
  }
}

export function readCSharp(file: string, text: string, ctx: ReadContext): ReadResult {
  const result = emptyReadResult(file, 'csharp');
  const refused = unreadableInput(text);
  if (refused) {
    result.problems.push(refused);
    return result;
  }
  const { tokens, comments } = tokenize(text);
  const f = new CsFile(file, text, tokens, ctx);
  f.collectConstants();
  f.mailkit();
  f.systemNetMail();
  result.configs = f.configs;
  if (mentionsSuppression(text)) {
    let line = 0;
    let at = 0;
    for (const c of comments) {
      for (let i = text.indexOf('\n', at); i >= 0 && i < c.start; i = text.indexOf('\n', i + 1)) line++, (at = i + 1);
      addSuppressionComment(result.suppressions, text.slice(c.start, c.end), line);
    }
  }
  return result;
}

export const csharpReader: Reader = { format: 'csharp', mayContainMail, read: readCSharp };
registerReader(csharpReader);
