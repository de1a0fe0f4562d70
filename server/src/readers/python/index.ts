// Python reader (.py): mail settings in Django settings modules, Flask config (Flask-Mail, Flask-Mailman), and
// smtplib / aiosmtplib / FastAPI-Mail calls (rules-research-polyglot §4).
//
// Parser: @lezer/python (rules-research-polyglot §10): small, pure JS, error tolerant (half-typed code still gives a
// tree), exact offsets on every node. Loaded lazily (languages/grammars.ts) only for files that pass the prefilter.
//
// Settings files are flat sets of NAME = value assignments, exactly like a .env file: module-level and class-body
// assignments of EMAIL_* / MAIL_* names, `app.config['MAIL_PORT'] = 465` and `app.config.update(MAIL_PORT=465)`
// become KvGroups (one per module, class or app.config) that the dialect interpreters read with the library's
// semantics (Django: readers/dialects/django.ts; Flask: semantics/flask-mail.ts). Values are evaluated by
// evaluate.ts: literals, intra-file constants, environment reads with their defaults (resolved against the
// workspace's .env / compose / k8s values), nothing across modules.
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Field, ReadResult, SmtpConfig, Span } from '../../model/types';
import { hasPrefilterWord, languageOfFormat } from '../../languages/registry';
import { parseIncremental } from '../../languages/grammars';
import { registerReader } from '../index';
import { interpretKvGroup } from '../dialects/index';
import { CodeFile, readCode } from '../code/common';
import type { KvEntry, KvGroup, ReadContext, Reader } from '../types';
import { codeSite } from '../code/sites';
import { argsOf, evaluate, kids, pyText, stringLiteral, type PyVal } from './evaluate';
import { readPythonCalls } from './calls';

/** Setting names read from assignments: Django EMAIL_*, Flask/FastAPI MAIL_*, FastAPI's unprefixed switches. */
const SETTING = /^(?:EMAIL|MAIL)_[A-Z0-9_]+$|^(?:VALIDATE_CERTS|USE_CREDENTIALS)$/;

const PREFILTER = languageOfFormat('python')!.prefilterWords;

export function mayContainMail(text: string): boolean {
  return hasPrefilterWord(PREFILTER, text);
}


export class PyFile extends CodeFile {
  readonly groups = new Map<string, KvGroup>();
  /** Libraries imported by the file (flask_mail, flask_mailman, fastapi_mail, smtplib, aiosmtplib). */
  readonly imports = new Set<string>();
  /** Values that are an env variable's text used as is (PyVal.stringRead), by the start of the value's span:
   *  the whole expression, for the fix that replaces it with a comparison. */
  readonly stringReads = new Map<number, { expr: Span; text: string }>();

  noteStringRead(v: PyVal, valueNode: { from: number; to: number }): void {
    if (v.stringRead) this.stringReads.set(v.span.start, { expr: { start: valueNode.from, end: valueNode.to }, text: this.text.slice(valueNode.from, valueNode.to) });
  }

  /** Records boolean settings written as an env variable's raw text in extras `rawEnvString:<key>` (the field, its
   *  site widened to the whole expression): rule env-string-as-boolean, as the JS reader does for process.env. */
  markStringReads(cfg: SmtpConfig): void {
    if (this.stringReads.size === 0) return;
    for (const f of [cfg.implicitTls, cfg.starttls, cfg.requireTls, cfg.ignoreTls, cfg.verifyCert] as (Field | undefined)[]) {
      if (!f || f.site.file !== this.file) continue;
      const r = this.stringReads.get(f.site.value.start);
      if (!r) continue;
      cfg.extras[`rawEnvString:${f.key}`] = { ...f, text: r.text, site: { ...f.site, value: r.expr, quote: '' } };
    }
  }

  /** Module-level NAME = expr assignments (the constants other statements may refer to). */
  collectConstants(): void {
    for (let s = this.tree.topNode.firstChild; s; s = s.nextSibling) {
      if (s.name === 'ImportStatement') this.noteImport(s);
      if (s.name !== 'AssignStatement') continue;
      const cs = kids(s);
      if (cs.length === 3 && cs[0].name === 'VariableName' && cs[1].name === 'AssignOp') {
        this.addConst(this.src(cs[0]), { at: s.to, value: cs[2] });
      }
    }
  }

  private noteImport(s: SyntaxNode): void {
    const t = this.src(s);
    for (const lib of ['flask_mailman', 'flask_mail', 'fastapi_mail', 'aiosmtplib', 'smtplib', 'ssl']) {
      if (new RegExp(`\\b${lib}\\b`).test(t)) this.imports.add(lib);
    }
  }

  group(id: string, label: string, at: SyntaxNode): KvGroup {
    let g = this.groups.get(id);
    if (!g) {
      const lib = this.imports.has('flask_mailman') ? ' flask-mailman' : this.imports.has('flask_mail') || /\bFlask\b/.test(this.text) ? ' flask-mail' : '';
      g = { file: this.file, format: 'python', span: { start: at.from, end: at.to }, label, entries: [], image: `python${lib}` };
      this.groups.set(id, g);
    }
    return g;
  }

  /** A KvEntry for `key` whose value is the expression `valueNode`, written in the entry `node`. */
  entry(key: string, keySpan: { start: number; end: number } | undefined, valueNode: SyntaxNode, node: SyntaxNode, listItem: boolean): KvEntry {
    const v = evaluate(this.scope, valueNode);
    this.noteStringRead(v, valueNode);
    // A literal found through a constant is edited where the constant is defined (outside this entry).
    const site = codeSite(this.text, { file: this.file, style: 'py-code', node: { start: node.from, end: node.to }, key: keySpan, value: v.span, valueExpr: { start: valueNode.from, end: valueNode.to }, quote: v.quote, listItem });
    const e: KvEntry = { key, value: pyText(v.value), kind: v.kind === 'unknown' ? 'expression' : v.kind, site, raw: v.kind === 'literal' ? pyText(v.value) : v.text };
    if (v.envVar) e.envVar = v.envVar;
    if (v.kind === 'env' && v.value !== undefined && v.resolvedFrom) e.resolvedFrom = v.resolvedFrom;
    if (v.stringRead === 'raw' && e.resolvedFrom) e.textAsIs = true;
    return e;
  }

  /** Walks statements (module, class bodies, function bodies, blocks) for settings assignments. */
  walk(node: SyntaxNode, scopeId: string, scopeLabel: string): void {
    for (let s = node.firstChild; s; s = s.nextSibling) {
      switch (s.name) {
        case 'AssignStatement':
          this.assignment(s, scopeId, scopeLabel);
          break;
        case 'ExpressionStatement': {
          const c = s.firstChild;
          if (c?.name === 'CallExpression') this.configUpdate(c);
          break;
        }
        case 'ClassDefinition': {
          const name = s.getChild('VariableName');
          const body = s.getChild('Body');
          if (body) this.walk(body, `class:${s.from}`, `class ${name ? this.src(name) : ''}`);
          break;
        }
        case 'DecoratedStatement':
          this.walk(s, scopeId, scopeLabel);
          break;
        case 'FunctionDefinition':
        case 'IfStatement':
        case 'TryStatement':
        case 'WithStatement':
        case 'ForStatement':
        case 'WhileStatement':
          for (const b of s.getChildren('Body')) this.walk(b, scopeId, scopeLabel);
          break;
        default:
          break;
      }
    }
  }

  private assignment(s: SyntaxNode, scopeId: string, scopeLabel: string): void {
    const cs = kids(s);
    if (cs.length !== 3 || cs[1].name !== 'AssignOp') return;
    const target = cs[0];
    if (target.name === 'VariableName') {
      const name = this.src(target);
      if (!SETTING.test(name)) return;
      this.group(scopeId, scopeLabel, s).entries.push(this.entry(name, { start: target.from, end: target.to }, cs[2], s, false));
      return;
    }
    // app.config['MAIL_PORT'] = 465
    if (target.name === 'MemberExpression') {
      const t = kids(target);
      if (t.length === 4 && t[1].name === '[' && /(^|\.)config$/.test(this.src(t[0]))) {
        const key = stringLiteral(this.scope, t[2]);
        if (!key || !SETTING.test(key.value)) return;
        const q = t[2].to - t[2].from - key.value.length > 0 ? 1 : 0;
        const g = this.group(`config:${this.src(t[0])}`, this.src(t[0]), s);
        g.entries.push(this.entry(key.value, { start: t[2].from + q, end: t[2].to - q }, cs[2], s, false));
      }
    }
  }

  /** app.config.update(MAIL_PORT=465, ...) / app.config.update({'MAIL_PORT': 465}) / from_mapping(...). */
  private configUpdate(call: SyntaxNode): void {
    const callee = call.firstChild;
    const argList = call.getChild('ArgList');
    if (!callee || !argList) return;
    const m = /^(.*\bconfig)\.(update|from_mapping)$/.exec(this.src(callee).replace(/\s+/g, ''));
    if (!m) return;
    const g = this.group(`config:${m[1]}`, m[1], call);
    const args = argsOf(this.text, argList);
    for (const [k, { name, value }] of args.keyword) {
      if (!SETTING.test(k)) continue;
      g.entries.push(this.entry(k, { start: name.from, end: name.to }, value, { from: name.from, to: value.to } as SyntaxNode, true));
    }
    const dict = args.positional[0];
    if (dict?.name === 'DictionaryExpression') {
      const cs = kids(dict).filter((c) => c.name !== '{' && c.name !== '}' && c.name !== ',');
      for (let i = 0; i + 2 < cs.length + 1; i += 3) {
        const [kn, colon, vn] = [cs[i], cs[i + 1], cs[i + 2]];
        if (!kn || !vn || colon?.name !== ':') break;
        const key = stringLiteral(this.scope, kn);
        if (!key || !SETTING.test(key.value)) continue;
        g.entries.push(this.entry(key.value, { start: kn.from + 1, end: kn.to - 1 }, vn, { from: kn.from, to: vn.to } as SyntaxNode, true));
      }
    }
  }
}

const PY_COMMENTS = new Set(['Comment']);

export function readPython(file: string, text: string, ctx: ReadContext): ReadResult {
  return readCode(file, text, 'python', (t) => parseIncremental('python', file, t), PY_COMMENTS, (tree, result) => {
    const f = new PyFile(file, text, tree, ctx);
    f.collectConstants();
    f.walk(tree.topNode, 'module', 'settings');
    for (const g of f.groups.values()) {
      if (g.entries.length === 0) continue;
      g.span = { start: Math.min(...g.entries.map((e) => e.site.entry.start)), end: Math.max(...g.entries.map((e) => e.site.entry.end)) };
      result.configs.push(...interpretKvGroup(g, ctx.versionOf).configs);
    }
    result.configs.push(...readPythonCalls(f));
    for (const cfg of result.configs) f.markStringReads(cfg);
  });
}

export const pythonReader: Reader = { format: 'python', mayContainMail, read: readPython };
registerReader(pythonReader);
