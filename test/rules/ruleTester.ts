// An ESLint-RuleTester-like table runner for Mail Config Lint rules, over real file text:
// lintText → findings of one rule; exact line/column ranges, messages, severities, related locations;
// the text after each fix; and automatic checks on every invalid case: applying the preferred fix clears
// the finding, and fixAll twice equals fixAll once.
//
//   ruleTester('implicit-tls-port-without-tls', {
//     valid: [{ file: '.env', code: 'SMTP_PORT=465\nSMTP_SECURE=true\n' }],
//     invalid: [{ file: '.env', code: '...', errors: [{ line: 2, column: 1, endColumn: 18, message: /Greeting/ }], output: '...' }],
//   });
//
// Lines and columns are 1-based, like ESLint (endColumn is exclusive). `files` adds other files of the same
// workspace: their .env* variables feed process.env in JS (cross-file rules), and a compose file's services'
// environment feeds the code of their build folders. Paths are virtual.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DjangoSettingsIndex, EnvIndex, fixAll, fixTextEdits, isJvmSource, lintText, SpringBindingIndex, workspaceFacts } from '../../server/src/engine';
import { isDjangoSettingsFile } from '../../server/src/semantics/django';
import type { WorkspaceFacts } from '../../server/src/rules/types';
import { LineIndex } from '../../server/src/model/lineIndex';
import { applyTextEdits } from '../../server/src/model/textEdits';
import type { Finding, Severity } from '../../server/src/model/types';
import { ruleById } from '../../server/src/rules/index';
import { isComposeFileName } from '../../server/src/semantics/env-files';

const ROOT = '/workspace';
/** Test passwords: no message, related message or fix title may ever contain them. */
export const TEST_SECRETS = ['Zx81wqPlm2Tr', 'hunter2hunter2'];

export interface Case {
  /** Test title (defaults to the file name and the first line of code). */
  name?: string;
  /** File name relative to the virtual workspace root: '.env', 'docker-compose.yml', 'src/mailer.ts'. */
  file: string;
  code: string;
  /** Other files of the workspace (relative path → text); .env* files among them feed process.env, .java/.kt
   *  files the project's own Spring bindings (SpringBindingIndex). */
  files?: Record<string, string>;
  /** Library versions, as "versions" in .mailconfiglintrc.json (the virtual workspace has no lockfile). */
  versions?: Record<string, string>;
  /** Only run this case (debugging). */
  only?: boolean;
}

export interface ExpectedRelated {
  /** Relative file name (defaults to the case's file). */
  file?: string;
  line: number;
  message?: string | RegExp;
}

export interface ExpectedError {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Exact message (string) or a pattern. */
  message?: string | RegExp;
  /** Substrings the message must contain. */
  includes?: string[];
  severity?: Severity;
  related?: ExpectedRelated[];
  /** Text after applying each fix of this finding, in order (preferred first). null = that fix must not exist. */
  fixes?: (string | null)[];
  /** Expected safe flag of each fix, in order. */
  safe?: boolean[];
  /** Expected number of fixes. */
  fixCount?: number;
}

export interface InvalidCase extends Case {
  errors: ExpectedError[];
  /** Text after applying the preferred fix of the first finding; null = the finding has no fix. */
  output?: string | null;
}

export interface Tables {
  valid: (Case | string)[];
  invalid: InvalidCase[];
}

function abs(rel: string): string {
  return path.posix.join(ROOT, rel);
}

function envFor(c: Case): EnvIndex {
  const env = new EnvIndex();
  const all: Record<string, string> = { ...(c.files ?? {}) };
  if (/(^|\/)(\.env(\..*)?|[^/]*\.env)$/.test(c.file)) all[c.file] = c.code;
  for (const [rel, text] of Object.entries(all)) {
    if (!/(^|\/)(\.env(\..*)?|[^/]*\.env)$/.test(rel)) continue;
    const r = lintText(abs(rel), text, {});
    env.set(abs(rel), r.read?.envVars);
  }
  // Compose files after them (their `${X}` resolve against the .env files): services' environment scoped to build folders.
  for (const [rel, text] of Object.entries(all)) if (isComposeFileName(path.posix.basename(rel))) env.set(abs(rel), lintText(abs(rel), text, { env }).read?.envVars);
  return env;
}

function workspaceFor(c: Case): WorkspaceFacts | undefined {
  const all = Object.entries(c.files ?? {});
  const jvm = all.filter(([rel]) => isJvmSource(rel));
  const spring = jvm.length ? new SpringBindingIndex() : undefined;
  for (const [rel, text] of jvm) spring!.set(abs(rel), text);
  const django = new DjangoSettingsIndex();
  for (const [rel, text] of all) if (isDjangoSettingsFile(rel)) django.set(abs(rel), text);
  return workspaceFacts(spring, django);
}

export function findingsOf(ruleId: string, c: Case): { all: Finding[]; mine: Finding[]; env: EnvIndex; workspace?: WorkspaceFacts } {
  const env = envFor(c);
  const workspace = workspaceFor(c);
  // Opt-in rules are switched on at their default severity for their own tests.
  const r = lintText(abs(c.file), c.code, { env, workspace, rules: optIn(ruleId), versions: c.versions });
  return { all: r.findings, mine: r.findings.filter((f) => f.ruleId === ruleId), env, workspace };
}

function pos(text: string, offset: number): { line: number; column: number } {
  const p = new LineIndex(text).position(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

function textOf(c: Case, file: string): string {
  if (file === abs(c.file)) return c.code;
  const rel = path.posix.relative(ROOT, file);
  const t = c.files?.[rel];
  if (t === undefined) throw new Error(`related location in unknown file ${file}`);
  return t;
}

function matchMessage(actual: string, want: string | RegExp | undefined, what: string): void {
  if (want === undefined) return;
  if (typeof want === 'string') assert.equal(actual, want, `${what} message`);
  else assert.match(actual, want, `${what} message`);
}

function describeFindings(text: string, fs: Finding[]): string {
  return fs.map((f) => `${pos(text, f.span.start).line}:${pos(text, f.span.start).column} ${f.ruleId} ${f.message}`).join('\n') || '(none)';
}

function title(c: Case): string {
  return c.name ?? `${c.file}: ${c.code.split('\n').filter((l) => l.trim()).slice(0, 3).join(' | ').slice(0, 90)}`;
}

function optIn(ruleId: string): Record<string, Severity> | undefined {
  const rule = ruleById.get(ruleId);
  return rule?.meta.enabledByDefault === false ? { [ruleId]: rule.meta.defaultSeverity } : undefined;
}

/** Applies one fix to the case's text. */
export function applyFix(text: string, f: Finding, index = 0): string {
  const fix = f.fixes[index];
  assert.ok(fix, `fix #${index} exists`);
  return applyTextEdits(text, fixTextEdits(text, fix));
}

export function ruleTester(ruleId: string, tables: Tables): void {
  describe(ruleId, () => {
    it('is registered with docs metadata', () => {
      const rule = ruleById.get(ruleId);
      assert.ok(rule, `rule ${ruleId} is in the catalogue`);
      assert.ok(rule.meta.short.length > 10 && rule.meta.long.length > 40, 'short and long descriptions');
      assert.ok(rule.meta.sources.length > 0, 'sources');
      assert.ok(rule.meta.fixSafety.length > 10, 'fix safety');
    });
    for (const raw of tables.valid) {
      const c: Case = typeof raw === 'string' ? { file: '.env', code: raw } : raw;
      it(`valid: ${title(c)}`, { only: c.only }, () => {
        const { mine } = findingsOf(ruleId, c);
        assert.equal(mine.length, 0, `expected no ${ruleId} finding, got:\n${describeFindings(c.code, mine)}`);
      });
    }
    for (const c of tables.invalid) {
      it(`invalid: ${title(c)}`, { only: c.only }, () => {
        const { mine, env, workspace } = findingsOf(ruleId, c);
        const file = abs(c.file);
        assert.equal(mine.length, c.errors.length, `expected ${c.errors.length} ${ruleId} finding(s), got:\n${describeFindings(c.code, mine)}`);
        c.errors.forEach((want, i) => {
          const f = mine[i];
          const what = `finding #${i}`;
          assert.equal(f.file, file, `${what} file`);
          const s = pos(c.code, f.span.start);
          const e = pos(c.code, f.span.end);
          assert.equal(s.line, want.line, `${what} line (${f.message})`);
          if (want.column !== undefined) assert.equal(s.column, want.column, `${what} column`);
          if (want.endLine !== undefined) assert.equal(e.line, want.endLine, `${what} end line`);
          if (want.endColumn !== undefined) assert.equal(e.column, want.endColumn, `${what} end column`);
          matchMessage(f.message, want.message, what);
          for (const sub of want.includes ?? []) assert.ok(f.message.includes(sub), `${what} message includes ${JSON.stringify(sub)}: ${f.message}`);
          if (want.severity) assert.equal(f.severity, want.severity, `${what} severity`);
          for (const secret of TEST_SECRETS) {
            const shown = [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title)].join('\n');
            assert.ok(!shown.includes(secret), `${what} shows a password in clear text`);
          }
          if (want.related) {
            assert.equal(f.related.length, want.related.length, `${what} related count`);
            want.related.forEach((r, j) => {
              const rf = r.file ? abs(r.file) : file;
              assert.equal(f.related[j].ref.file, rf, `${what} related #${j} file`);
              assert.equal(pos(textOf(c, rf), f.related[j].ref.span.start).line, r.line, `${what} related #${j} line`);
              matchMessage(f.related[j].message, r.message, `${what} related #${j}`);
            });
          }
          if (want.fixCount !== undefined) assert.equal(f.fixes.length, want.fixCount, `${what} fix count: ${f.fixes.map((x) => x.title).join(' / ')}`);
          if (want.safe) assert.deepEqual(f.fixes.map((x) => x.safe).slice(0, want.safe.length), want.safe, `${what} fix safety`);
          if (want.fixes) {
            want.fixes.forEach((out, j) => {
              if (out === null) {
                assert.ok(!f.fixes[j], `${what} has no fix #${j}`);
                return;
              }
              assert.ok(f.fixes[j], `${what} has fix #${j}`);
              assert.equal(applyFix(c.code, f, j), out, `${what} fix #${j} (${f.fixes[j].title}) output`);
            });
          }
          for (const fx of f.fixes) {
            assert.ok(fx.title.length > 3, 'fix has a title');
            for (const ed of fx.edits) assert.equal((ed.op === 'insert' ? ed.after : ed.field).site.file, file, 'fixes edit only this file');
          }
        });
        if (c.output !== undefined) {
          const f = mine[0];
          if (c.output === null) assert.equal(f.fixes.length, 0, 'expected no fix');
          else assert.equal(applyFix(c.code, f, 0), c.output, `preferred fix (${f.fixes[0]?.title}) output`);
        }
        // Automatic: the preferred fix clears the finding it is attached to.
        for (const f of mine) {
          if (!f.fixes[0]) continue;
          const after = applyFix(c.code, f, 0);
          assert.notEqual(after, c.code, `preferred fix "${f.fixes[0].title}" changes the text`);
          const again = lintText(file, after, { env, workspace, rules: optIn(ruleId), versions: c.versions }).findings.filter((x) => x.ruleId === ruleId);
          const line = pos(c.code, f.span.start).line;
          const same = again.filter((x) => x.message === f.message && pos(after, x.span.start).line === line);
          assert.equal(same.length, 0, `preferred fix "${f.fixes[0].title}" clears the finding; after it:\n${after}`);
          assert.ok(again.length < mine.length || mine.length === 0, `preferred fix reduces ${ruleId} findings (${mine.length} → ${again.length})`);
        }
        // Automatic: fixAll is idempotent (all preferred fixes, safe or not).
        const once = fixAll(file, c.code, { env, workspace, rules: optIn(ruleId), versions: c.versions }, true).text;
        const twice = fixAll(file, once, { env, workspace, rules: optIn(ruleId), versions: c.versions }, true).text;
        assert.equal(twice, once, 'fixAll twice equals fixAll once');
      });
    }
  });
}
