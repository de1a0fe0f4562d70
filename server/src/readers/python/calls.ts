// Python mail clients built by calls: smtplib.SMTP / SMTP_SSL (with starttls()/login()/set_debuglevel() on the
// same receiver), aiosmtplib.SMTP / aiosmtplib.send, FastAPI-Mail ConnectionConfig. Their meaning is decided in
// semantics/smtplib.ts; this module finds where the arguments are written.
import type { SyntaxNode } from '@lezer/common';
import type { Dialect, Field, Site, SmtpConfig } from '../../model/types';
import { aiosmtplibEffective, fastapiMailEffective, pythonSslContext, smtplibEffective, type PySslStep, type TwoFlags } from '../../semantics/smtplib';
import { pyBool } from '../dialects/django';
import { codeSite, pointSite } from '../code/sites';
import { argsOf, evaluate, kids, pyText, type Args, type PyVal } from './evaluate';
import type { PyFile } from './index';
import { isPlaceholder } from '../../semantics/values';

const LABEL: Partial<Record<Dialect, string>> = { smtplib: 'smtplib client', aiosmtplib: 'aiosmtplib client', 'fastapi-mail': 'FastAPI-Mail ConnectionConfig' };

interface Found {
  call: SyntaxNode;
  callee: string;
  args: Args;
}

function allCalls(f: PyFile): Found[] {
  const out: Found[] = [];
  f.tree.iterate({
    enter(n) {
      if (n.name !== 'CallExpression') return;
      const node = n.node;
      const callee = node.firstChild;
      const argList = node.getChild('ArgList');
      if (!callee || !argList) return;
      out.push({ call: node, callee: f.src(callee).replace(/\s+/g, ''), args: argsOf(f.text, argList) });
    },
  });
  return out;
}

/** The receiver a call's result is bound to: `s = smtplib.SMTP(...)` or `with smtplib.SMTP(...) as s:`. */
function receiverOf(f: PyFile, call: SyntaxNode): string | undefined {
  const parent = call.parent;
  if (!parent) return undefined;
  if (parent.name === 'AssignStatement') {
    const t = parent.firstChild;
    return t && (t.name === 'VariableName' || t.name === 'MemberExpression') ? f.src(t) : undefined;
  }
  if (parent.name === 'WithStatement') {
    const cs = kids(parent);
    const i = cs.indexOf(cs.find((c) => c.from === call.from)!);
    if (cs[i + 1]?.name === 'as' && cs[i + 2]) return f.src(cs[i + 2]);
  }
  return undefined;
}

/** A Field for an evaluated argument. `node` is the whole argument (keyword with its name) for its site. */
function argField(f: PyFile, key: string, v: PyVal, node: { from: number; to: number }, keySpan?: { start: number; end: number }, secret = false): Field {
  const site = codeSite(f.text, { file: f.file, style: 'py-code', node: { start: node.from, end: node.to }, key: keySpan, value: v.span, quote: v.quote, listItem: true });
  const field: Field = { key, text: secret ? '***' : v.kind === 'literal' ? pyText(v.value) : v.text, kind: v.kind === 'unknown' ? 'expression' : v.kind, site };
  if (!secret && v.value !== undefined && v.value !== null && (v.kind === 'literal' || v.resolvedFrom)) field.value = v.value as string | number | boolean;
  if (v.envVar) field.envVar = v.envVar;
  if (v.resolvedFrom && v.kind === 'env') field.resolvedFrom = v.resolvedFrom;
  return field;
}

/** The argument at keyword `kw` or position `pos`, as a Field. */
function arg(f: PyFile, a: Args, kw: string, pos: number | undefined, secret = false): Field | undefined {
  const k = a.keyword.get(kw);
  if (k) {
    const v = evaluate(f.scope, k.value);
    f.noteStringRead(v, k.value);
    return argField(f, kw, v, { from: k.name.from, to: k.value.to }, { start: k.name.from, end: k.name.to }, secret);
  }
  const p = pos === undefined ? undefined : a.positional[pos];
  if (p) return argField(f, kw, evaluate(f.scope, p), p, undefined, secret);
  return undefined;
}

function portNum(field: Field | undefined): number | undefined {
  const v = field?.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

function hostStr(field: Field | undefined): string | undefined {
  return typeof field?.value === 'string' ? field.value : undefined;
}

function flag(field: Field | undefined): boolean | undefined | 'absent' {
  if (!field) return 'absent';
  const v = field.value;
  if (typeof v === 'boolean') return v;
  if (v === undefined) return field.kind === 'literal' && field.text === '' ? 'absent' : undefined;
  return pyBool(String(v));
}

/** The place after the last argument where a fix adds `, context=…` (zero-width site; prefix = separator). */
function addArgSite(f: PyFile, a: Args): Site {
  const hasArgs = a.positional.length > 0 || a.keyword.size > 0;
  return pointSite(f.file, 'py-code', a.close, hasArgs ? ', ' : '');
}

function noContext(f: PyFile, a: Args, what: string): Field {
  return { key: 'context', text: `${what} without context=`, value: false, kind: 'expression', site: addArgSite(f, a) };
}

function config(f: PyFile, dialect: Dialect, call: SyntaxNode, fields: Partial<SmtpConfig>, effective: SmtpConfig['effective']): SmtpConfig {
  return {
    id: `python:${call.from}`,
    file: f.file,
    format: 'python',
    dialect,
    label: LABEL[dialect] ?? dialect,
    span: { start: call.from, end: call.to },
    credentials: fields.credentials ?? { passwordIsLiteral: false },
    extras: fields.extras ?? {},
    ...fields,
    effective,
  };
}

/** The statement holding `n` (its line, for removing a starttls() call). */
function statementOf(n: SyntaxNode): SyntaxNode {
  let s: SyntaxNode = n;
  while (s.parent && s.parent.name !== 'Body' && s.parent.name !== 'Script') s = s.parent;
  return s;
}

function credentials(f: PyFile, user: Field | undefined, pass: Field | undefined): SmtpConfig['credentials'] {
  const c: SmtpConfig['credentials'] = { passwordIsLiteral: false };
  if (user && !(user.kind === 'literal' && String(user.value ?? '').trim() === '')) c.user = user as Field<string>;
  if (pass) {
    c.password = pass as Field<string>;
    if (pass.kind === 'literal') {
      const raw = f.text.slice(pass.site.value.start, pass.site.value.end).replace(/^[rbu]*['"]+|['"]+$/gi, '');
      c.passwordIsLiteral = raw !== '' && !isPlaceholder(raw);
    }
  }
  return c;
}

function smtplibConfig(f: PyFile, c: Found, byCallee: Map<string, Found[]>, cls: 'SMTP' | 'SMTP_SSL'): SmtpConfig {
  const a = c.args;
  const host = arg(f, a, 'host', 0);
  const port = arg(f, a, 'port', 1);
  const timeout = arg(f, a, 'timeout', cls === 'SMTP' ? 3 : undefined);
  const recv = receiverOf(f, c.call);
  // the first call of `method` on the receiver after the constructor (calls are in text order)
  const on = (method: string) => (recv ? (byCallee.get(`${recv}.${method}`) ?? []).filter((x) => x.call.from > c.call.from).slice(0, 1) : []);
  const starttls = on('starttls')[0];
  const login = on('login')[0];
  const debug = on('set_debuglevel')[0];
  const calleeNode = c.call.firstChild!;
  const nameNode = calleeNode.lastChild ?? calleeNode;
  const classField: Field = {
    key: 'class',
    text: c.callee,
    value: cls === 'SMTP_SSL',
    kind: 'literal',
    site: codeSite(f.text, { file: f.file, style: 'py-code', node: { start: nameNode.from, end: nameNode.to }, value: { start: nameNode.from, end: nameNode.to }, quote: '' }),
  };
  const fields: Partial<SmtpConfig> = { implicitTls: classField, extras: {} };
  if (host) fields.host = host as Field<string>;
  if (port) fields.port = port as Field<number>;
  if (timeout) fields.extras!.timeout = timeout;
  // where a fix adds `, timeout=30` (missing-smtp-timeouts)
  else fields.extras!.timeoutAt = { key: 'timeout', text: `${c.callee}() without timeout=`, kind: 'expression', site: addArgSite(f, a) };
  if (recv) fields.extras!.receiver = { key: 'receiver', text: recv, value: recv, kind: 'expression', site: classField.site };
  // `s = smtplib.SMTP_SSL(...)` on its own line: a fix may add `s.starttls(...)` after it
  const stmt = c.call.parent;
  if (recv && stmt?.name === 'AssignStatement') {
    const site = codeSite(f.text, { file: f.file, style: 'py-code', node: { start: stmt.from, end: stmt.to }, value: { start: c.call.from, end: c.call.to }, quote: '' });
    if (!site.inline) fields.extras!.statement = { key: 'statement', text: f.src(stmt), kind: 'expression', site: { ...site, template: '{key}({value})' } };
  }
  if (starttls) {
    const st = statementOf(starttls.call);
    fields.starttls = { key: 'starttls()', text: `${recv}.starttls()`, value: true, kind: 'literal', site: codeSite(f.text, { file: f.file, style: 'py-code', node: { start: st.from, end: st.to }, value: { start: starttls.call.from, end: starttls.call.to }, quote: '' }) };
    // starttls(keyfile, certfile, context) before 3.12, starttls(*, context) since: a positional argument is no context=
    const given = starttls.args.keyword.get('context');
    if (given) followContext(f, fields, given, starttls.call);
    else if (starttls.args.positional.length === 0) fields.verifyCert = noContext(f, starttls.args, `${recv}.starttls()`);
  }
  if (cls === 'SMTP_SSL') {
    const given = a.keyword.get('context');
    if (!given) fields.verifyCert = noContext(f, a, 'smtplib.SMTP_SSL()');
    else followContext(f, fields, given, c.call);
  }
  // SMTP() takes no context=: a fix to STARTTLS moves SMTP_SSL's context to the starttls() call
  const ctxArg = cls === 'SMTP_SSL' ? keywordArgWithComma(f, a, 'context') : undefined;
  if (ctxArg) fields.extras!.constructorContext = ctxArg;
  if (debug) {
    const lvl = arg(f, debug.args, 'debuglevel', 0);
    if (lvl) fields.extras!.set_debuglevel = { ...lvl, key: 'set_debuglevel' };
  }
  if (login) fields.credentials = credentials(f, arg(f, login.args, 'user', 0), arg(f, login.args, 'password', 1, true));
  if (f.imports.has('ssl') || /^\s*import\s+ssl\b/m.test(f.text)) fields.extras!.sslImported = { key: 'sslImported', text: 'ssl', value: true, kind: 'expression', site: classField.site };
  else fields.extras!.importAt = importAnchor(f);
  const eff = smtplibEffective(cls, !!starttls, hostStr(host), port ? portNum(port) : 0);
  if (port && portNum(port) === undefined) eff.port = undefined;
  return config(f, 'smtplib', c.call, fields, eff);
}

/** One step of an SSL context as written: a statement (`ctx = …`, `ctx.verify_mode = …`) or the context= argument. */
interface CtxStep extends PySslStep {
  /** What a removal deletes (the statement) or a finding underlines. */
  node: { from: number; to: number };
  key: { from: number; to: number } | undefined;
  keyText: string;
  value: SyntaxNode;
}

/** The function body (or the module) whose statements build a context used at `at`. */
function scopeOf(at: SyntaxNode): SyntaxNode {
  let n: SyntaxNode | null = at.parent;
  while (n && !(n.name === 'Body' && n.parent?.name === 'FunctionDefinition') && n.name !== 'Script') n = n.parent;
  return n ?? at;
}

/** `name = …` and `name.attr = …` statements of `scope` before `before` (nested functions and classes left out:
 *  their own scope), in text order. `bindsName` says whether the scope assigns the name itself. */
function ctxSteps(f: PyFile, scope: SyntaxNode, name: string, before: number): { steps: CtxStep[]; bindsName: boolean } {
  const steps: CtxStep[] = [];
  let bindsName = false;
  const visit = (body: SyntaxNode) => {
    for (let s = body.firstChild; s; s = s.nextSibling) {
      if (s.from >= before) break;
      if (s.name === 'FunctionDefinition' || s.name === 'ClassDefinition') continue;
      if (s.name === 'DecoratedStatement') continue;
      if (s.name === 'AssignStatement') {
        const cs = kids(s);
        if (cs.length !== 3 || cs[1].name !== 'AssignOp' || f.src(cs[1]) !== '=') continue;
        const t = cs[0];
        if (t.name === 'VariableName' && f.src(t) === name) {
          bindsName = true;
          steps.push({ expr: f.src(cs[2]), node: s, key: t, keyText: name, value: cs[2] });
        } else if (t.name === 'MemberExpression') {
          const [obj, dot, prop] = kids(t);
          if (obj?.name === 'VariableName' && f.src(obj) === name && dot?.name === '.' && prop?.name === 'PropertyName') steps.push({ attr: f.src(prop), expr: f.src(cs[2]), node: s, key: t, keyText: f.src(t), value: cs[2] });
        }
        continue;
      }
      // blocks of this scope (if / try / with / for / while): their statements run in this scope
      for (const b of s.getChildren('Body')) visit(b);
    }
  };
  visit(scope);
  return { steps, bindsName };
}

/**
 * A context= argument: its steps when the context is built in the same function (module-level statements count when
 * the function never assigns the name: then it is the module's), or the argument itself when it is a call. What the
 * steps mean is semantics/smtplib's pythonSslContext; a context from a parameter, a helper or another module is not
 * followed (no finding).
 */
function followContext(f: PyFile, fields: Partial<SmtpConfig>, given: { name: SyntaxNode; value: SyntaxNode }, call: SyntaxNode): void {
  const v = given.value;
  let steps: CtxStep[];
  if (v.name === 'VariableName') {
    const name = f.src(v);
    const scope = scopeOf(call);
    const own = ctxSteps(f, scope, name, call.from);
    steps = own.steps;
    if (!own.bindsName && scope.name !== 'Script') {
      const top = f.tree.topNode;
      steps = [...ctxSteps(f, top, name, top.to).steps, ...steps];
    }
  } else if (v.name === 'CallExpression') {
    // keyed `context=`, not `context`: that key is the omission's (rule tls-verification-disabled words it apart)
    steps = [{ expr: f.src(v), node: { from: given.name.from, to: v.to }, key: undefined, keyText: 'context=', value: v }];
  } else return;
  if (!steps.length) return;
  const facts = pythonSslContext(steps);
  const stepField = (st: CtxStep, value: string | boolean): Field => {
    const site = codeSite(f.text, { file: f.file, style: 'py-code', node: { start: st.node.from, end: st.node.to }, key: st.key ? { start: st.key.from, end: st.key.to } : undefined, value: { start: st.value.from, end: st.value.to }, quote: '' });
    return { key: st.keyText, text: st.key ? st.expr : `${st.keyText}${st.expr}`, value, kind: 'expression', site };
  };
  if (facts.verifies === false && facts.offStep !== undefined) {
    fields.verifyCert = stepField(steps[facts.offStep], false);
    // the edits that make the context verify (fixes/dialects/python-clients.ts), all in this file
    const r = facts.repair;
    if (r) {
      r.remove.forEach((i, n) => (fields.extras![`contextRemove:${n}`] = stepField(steps[i], false)));
      if (r.rewrite) fields.extras!.contextRewrite = { ...stepField(steps[r.rewrite.step], false), key: 'contextRewrite', text: r.rewrite.expr };
    }
  }
  if (facts.legacy) fields.minTlsVersion = stepField(steps[facts.legacy.step], facts.legacy.version);
}

/** `, name=value` (or `name=value, ` when first) of a call: the text a fix removes to drop that keyword argument. */
function keywordArgWithComma(f: PyFile, a: Args, name: string): Field | undefined {
  const kw = a.keyword.get(name);
  if (!kw) return undefined;
  const spans = [...a.positional.map((n) => ({ from: n.from, to: n.to })), ...[...a.keyword.values()].map((k) => ({ from: k.name.from, to: k.value.to }))].sort((x, y) => x.from - y.from);
  const i = spans.findIndex((s) => s.from === kw.name.from);
  const start = i > 0 ? spans[i - 1].to : kw.name.from;
  const end = i === 0 && spans.length > 1 ? spans[1].from : kw.value.to;
  const site: Site = { file: f.file, style: 'py-code', value: { start, end }, quote: '', entry: { start, end }, indent: '', prefix: '' };
  return { key: name, text: f.src(kw.value), kind: 'expression', site };
}

/** Where `import ssl` goes when a fix needs it: after the line importing smtplib (never before __future__ imports). */
function importAnchor(f: PyFile): Field {
  const m = /^(?:import\s+smtplib|from\s+smtplib\s+import)[^\n]*\n/m.exec(f.text);
  const at = m ? m.index + m[0].length : 0;
  return { key: 'import', text: '', kind: 'expression', site: pointSite(f.file, 'py-code', at, '') };
}

function twoFlagConfig(f: PyFile, c: Found, dialect: 'aiosmtplib' | 'fastapi-mail'): SmtpConfig | undefined {
  const a = c.args;
  const fast = dialect === 'fastapi-mail';
  const host = arg(f, a, fast ? 'MAIL_SERVER' : 'hostname', fast ? undefined : 0);
  const port = arg(f, a, fast ? 'MAIL_PORT' : 'port', fast ? undefined : 1);
  const implicit = arg(f, a, fast ? 'MAIL_SSL_TLS' : 'use_tls', undefined) ?? (fast ? arg(f, a, 'MAIL_SSL', undefined) : undefined);
  const starttls = arg(f, a, fast ? 'MAIL_STARTTLS' : 'start_tls', undefined) ?? (fast ? arg(f, a, 'MAIL_TLS', undefined) : undefined);
  const verify = arg(f, a, fast ? 'VALIDATE_CERTS' : 'validate_certs', undefined);
  if (!host && !port && !implicit && !starttls) return undefined;
  const fields: Partial<SmtpConfig> = { extras: {} };
  if (host) fields.host = host as Field<string>;
  if (port) fields.port = port as Field<number>;
  if (implicit) fields.implicitTls = implicit;
  if (starttls) fields.starttls = starttls;
  if (verify) fields.verifyCert = verify;
  const timeout = arg(f, a, fast ? 'TIMEOUT' : 'timeout', undefined);
  if (timeout) fields.extras!.timeout = timeout;
  const useCreds = fast ? arg(f, a, 'USE_CREDENTIALS', undefined) : undefined;
  const user = arg(f, a, fast ? 'MAIL_USERNAME' : 'username', undefined);
  const pass = arg(f, a, fast ? 'MAIL_PASSWORD' : 'password', undefined, true);
  fields.credentials = useCreds && flag(useCreds) === false ? { passwordIsLiteral: false } : credentials(f, user, pass);
  const flags: TwoFlags = { implicit: flag(implicit), starttls: flag(starttls) };
  const p = port ? portNum(port) : undefined;
  const eff = fast ? fastapiMailEffective(flags, hostStr(host), p) : aiosmtplibEffective(flags, hostStr(host), p);
  if (port && p === undefined) eff.port = undefined;
  return config(f, dialect, c.call, fields, eff);
}

export function readPythonCalls(f: PyFile): SmtpConfig[] {
  const wants = /smtplib|ConnectionConfig/.test(f.text);
  if (!wants) return [];
  const calls = allCalls(f);
  const bareSmtp = /^\s*from\s+smtplib\s+import\b/m.test(f.text);
  const bareAio = /^\s*from\s+aiosmtplib\s+import\b/m.test(f.text);
  const byCallee = new Map<string, Found[]>();
  for (const c of calls) {
    const list = byCallee.get(c.callee);
    if (list) list.push(c);
    else byCallee.set(c.callee, [c]);
  }
  const out: SmtpConfig[] = [];
  for (const c of calls) {
    try {
      let m = /^(?:smtplib\.)?(SMTP|SMTP_SSL)$/.exec(c.callee);
      if (m && (c.callee.startsWith('smtplib.') || (bareSmtp && !bareAio))) {
        out.push(smtplibConfig(f, c, byCallee, m[1] as 'SMTP' | 'SMTP_SSL'));
        continue;
      }
      m = /^(?:aiosmtplib\.)?(SMTP|send)$/.exec(c.callee);
      if (m && (c.callee.startsWith('aiosmtplib.') || bareAio)) {
        const cfg = twoFlagConfig(f, c, 'aiosmtplib');
        if (cfg) out.push(cfg);
        continue;
      }
      if (/^(?:fastapi_mail\.)?ConnectionConfig$/.test(c.callee) && f.imports.has('fastapi_mail')) {
        const cfg = twoFlagConfig(f, c, 'fastapi-mail');
        if (cfg) out.push(cfg);
      }
    } catch {
      // one odd call must not lose the others
    }
  }
  return out;
}

