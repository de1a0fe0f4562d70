// .NET configuration reader (appsettings*.json, secrets.json): SMTP sections of the JSON configuration provider
// (rules-research-polyglot §7.3). Other JSON files are not read (formatOf only maps these names to 'json').
//
// Parser: jsonc-parser (rules-research-polyglot §10), VS Code's own JSON-with-comments parser: comments and
// trailing commas are accepted like .NET's JSON provider does, every node has an offset, and broken JSON still
// gives a tree (its errors become ReadProblems). What keys and values mean (case-insensitive keys, `Smtp__Port`
// environment overrides, which sections are SMTP settings, bool.Parse) is decided in semantics/dotnet-config.ts;
// what SecureSocketOptions means in semantics/mailkit.ts.
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import type { Field, ReadResult, SmtpConfig } from '../../model/types';
import { registerReader } from '../index';
import type { ReadContext, Reader } from '../types';
import { codeSite } from '../code/sites';
import { emptyReadResult, unreadableInput } from '../code/common';
import { addSuppressionComment, mentionsSuppression } from '../suppressions';
import { isPlaceholder, portOfValue } from '../../semantics/values';
import { dotnetSettingRole, envOverrideNames, ENABLE_SSL_AMBIGUOUS, isDotnetConfigFile, isSmtpSection, isUserSecretsFile, type DotnetSettingRole } from '../../semantics/dotnet-config';
import { mailkitEffective, secureSocketOptionOf } from '../../semantics/mailkit';

/** Words one of which an SMTP section of a configuration file must contain (case-sensitive prefilter, like the
 *  code languages': `"Smtp"`, `"SmtpServer"`, `"MailSettings"`, `"EmailSettings"`, `"smtp"`). */
const PREFILTER = /smtp|mail|Smtp|Mail|SMTP|MAIL/;

export function mayContainMail(text: string): boolean {
  return PREFILTER.test(text);
}

const MAX_PROBLEMS = 5;
const MAX_DEPTH = 64;

interface Member {
  key: string;
  keyNode: Node;
  value: Node;
  member: Node;
}

function membersOf(obj: Node): Member[] {
  const out: Member[] = [];
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (p.type !== 'property' || !k || !v || typeof k.value !== 'string') continue;
    out.push({ key: k.value, keyNode: k, value: v, member: p });
  }
  return out;
}

class JsonConfigFile {
  readonly configs: SmtpConfig[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
    readonly ctx: ReadContext,
  ) {}

  walk(obj: Node, path: string[], depth: number): void {
    if (depth > MAX_DEPTH) return;
    const members = membersOf(obj);
    if (isSmtpSection(path, members.map((m) => m.key))) {
      try {
        const cfg = this.section(obj, path, members);
        if (cfg) this.configs.push(cfg);
      } catch {
        // one odd section must not lose the others
      }
    }
    for (const m of members) {
      if (m.value.type === 'object') this.walk(m.value, [...path, m.key], depth + 1);
    }
  }

  /** A Field for a member; the value of an environment override (`Smtp__Port` in a .env file) wins over it. */
  field(m: Member, keyPath: string[], secret: boolean): Field {
    const v = m.value;
    const quote = v.type === 'string' ? '"' : '';
    const site = codeSite(this.text, {
      file: this.file,
      style: 'json-prop',
      node: { start: m.member.offset, end: m.member.offset + m.member.length },
      key: { start: m.keyNode.offset + 1, end: m.keyNode.offset + m.keyNode.length - 1 },
      value: { start: v.offset, end: v.offset + v.length },
      quote,
      listItem: true,
    });
    site.trailingComma = this.text[this.afterBlanks(site.value.end)] === ',';
    const scalar = v.type === 'string' || v.type === 'number' || v.type === 'boolean' || v.type === 'null';
    const raw = scalar ? (v.value === null ? 'null' : String(v.value)) : this.text.slice(v.offset, v.offset + v.length);
    const field: Field = { key: m.key, text: secret ? '***' : raw, kind: scalar ? 'literal' : 'expression', site };
    if (scalar && v.value !== null && !secret) field.value = v.value as string | number | boolean;
    for (const name of envOverrideNames(keyPath)) {
      const hit = this.ctx.env?.get(this.file, name);
      if (!hit) continue;
      field.kind = 'env';
      field.envVar = name;
      field.resolvedFrom = hit.ref;
      field.boolReader = 'strict';
      if (secret) delete field.value;
      else {
        field.value = hit.value;
        field.text = hit.value;
      }
      break;
    }
    return field;
  }

  private afterBlanks(at: number): number {
    let i = at;
    while (i < this.text.length && /\s/.test(this.text[i])) i++;
    return i;
  }

  section(obj: Node, path: string[], members: Member[]): SmtpConfig | undefined {
    const byRole = new Map<DotnetSettingRole, Field>();
    let passwordMember: Member | undefined;
    const extras: Record<string, Field> = {};
    for (const m of members) {
      const role = dotnetSettingRole(m.key);
      if (!role || byRole.has(role)) continue;
      // a nested object under Host/Port is not a value (an options object of another shape)
      if (m.value.type === 'object' || m.value.type === 'array') continue;
      const f = this.field(m, [...path, m.key], role === 'password');
      byRole.set(role, f);
      if (role === 'password') passwordMember = m;
    }
    const host = byRole.get('host');
    const port = byRole.get('port');
    const option = byRole.get('secureSocketOptions');
    const opt = option && typeof option.value === 'string' ? secureSocketOptionOf(option.value) : undefined;
    const fields: Partial<SmtpConfig> = {};
    if (host) fields.host = host as Field<string>;
    if (port) fields.port = port as Field<number>;
    if (option && opt) {
      // The MailKit option names are unambiguous: SslOnConnect is implicit TLS, None never starts TLS.
      const implicit: Field = { ...option, key: option.key };
      if (opt !== 'Auto') implicit.value = opt === 'SslOnConnect';
      else delete implicit.value;
      fields.implicitTls = implicit;
      if (opt === 'None') fields.ignoreTls = { ...option, value: true };
    } else if (option) extras[option.key] = option;
    for (const r of ['enableSsl', 'startTls', 'timeout'] as const) {
      const f = byRole.get(r);
      if (f) extras[f.key] = f;
    }
    const user = byRole.get('user');
    const pass = byRole.get('password');
    const credentials: SmtpConfig['credentials'] = { passwordIsLiteral: false };
    if (user && !(user.kind === 'literal' && String(user.value ?? '').trim() === '')) credentials.user = user as Field<string>;
    if (pass) {
      credentials.password = pass as Field<string>;
      const v = pass.kind === 'literal' ? passwordMember?.value.value : undefined;
      credentials.passwordIsLiteral = typeof v === 'string' && v.trim() !== '' && !isPlaceholder(v) && !isUserSecretsFile(this.file);
    }
    const portV = port ? portOfValue(port.value) : null;
    const hostV = typeof host?.value === 'string' ? host.value : undefined;
    const effective = opt
      ? mailkitEffective(opt, hostV, portV === undefined ? undefined : portV)
      : { host: hostV, port: portV ?? undefined, tlsMode: 'unknown' as const, because: ENABLE_SSL_AMBIGUOUS };
    const span = { start: obj.offset, end: obj.offset + obj.length };
    const name = path.join(':') || '(root)';
    // the section's configuration path, for messages ("MailSettings:Password", `MailSettings__Password`)
    const anchor = host ?? port ?? option;
    if (anchor && path.length) extras.section = { key: 'section', text: name, kind: 'expression', site: anchor.site };
    return {
      id: `json:${obj.offset}`,
      file: this.file,
      format: 'json',
      dialect: opt ? 'mailkit' : 'dotnet-config',
      label: `${name} section`,
      span,
      credentials,
      extras,
      ...fields,
      effective,
    };
  }
}

function suppressions(text: string, result: ReadResult): void {
  if (!mentionsSuppression(text)) return;
  const sc = createScanner(text, false);
  let line = 0;
  let at = 0;
  for (let k = sc.scan(); k !== SyntaxKind.EOF; k = sc.scan()) {
    if (k !== SyntaxKind.LineCommentTrivia && k !== SyntaxKind.BlockCommentTrivia) continue;
    const from = sc.getTokenOffset();
    for (let i = text.indexOf('\n', at); i >= 0 && i < from; i = text.indexOf('\n', i + 1)) line++, (at = i + 1);
    addSuppressionComment(result.suppressions, text.slice(from, from + sc.getTokenLength()), line);
  }
}

export function readJson(file: string, text: string, ctx: ReadContext): ReadResult {
  const result = emptyReadResult(file, 'json');
  if (!isDotnetConfigFile(file)) return result;
  const refused = unreadableInput(text);
  if (refused) {
    result.problems.push(refused);
    return result;
  }
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch (e) {
    // jsonc-parser recurses per nesting level: a pathological depth overflows the stack
    if (!(e instanceof RangeError)) throw e;
    result.problems.push({ kind: 'too-large', message: 'JSON nested too deeply: not read' });
    return result;
  }
  for (const e of errors.slice(0, MAX_PROBLEMS)) result.problems.push({ kind: 'parse-error', message: `JSON: ${printParseErrorCode(e.error)}`, span: { start: e.offset, end: e.offset + e.length } });
  if (root?.type === 'object') {
    const f = new JsonConfigFile(file, text, ctx);
    f.walk(root, [], 0);
    result.configs = f.configs;
  }
  suppressions(text, result);
  return result;
}

export const jsonReader: Reader = { format: 'json', mayContainMail, read: readJson };
registerReader(jsonReader);

/** The value of the configuration key `keyPath` (matched case-insensitively, like .NET) in a configuration file's
 *  text, with the span of its value token: how the C# reader resolves Configuration["Smtp:Port"]. Scalars only. */
export function configValueIn(text: string, keyPath: readonly string[]): { value: string | number | boolean; span: { start: number; end: number } } | undefined {
  if (unreadableInput(text)) return undefined;
  let node: Node | undefined;
  try {
    node = parseTree(text, [], { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch {
    return undefined;
  }
  for (const k of keyPath) {
    if (node?.type !== 'object') return undefined;
    // the last one wins, like the JSON provider's dictionary
    node = membersOf(node).filter((m) => m.key.toLowerCase() === k.toLowerCase()).pop()?.value;
  }
  if (!node || (node.type !== 'string' && node.type !== 'number' && node.type !== 'boolean')) return undefined;
  return { value: node.value as string | number | boolean, span: { start: node.offset, end: node.offset + node.length } };
}
