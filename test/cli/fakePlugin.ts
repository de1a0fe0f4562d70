// A tiny stand-in reader + rule + renderer for in-process CLI mechanics tests (--fix writing, ordering,
// output shapes), so those tests do not depend on the real rule catalogue. Importing this module
// replaces the env reader and the `env` renderer IN THIS TEST PROCESS ONLY (node --test runs each file
// in its own process). Rule `test-port-25`: `SMTP_PORT=25` → warning, safe fix `SMTP_PORT=587`.
// Rule `test-secure-yes`: `SMTP_SECURE=yes` → error, unsafe fix. A line `BROKEN` → a read problem;
// `EXPLODE` anywhere → a malformed read result (the engine throws).
import '../../server/src/register';
import type { Field, ReadResult, SmtpConfig } from '../../server/src/model/types';
import { registerReader } from '../../server/src/readers/index';
import { registerRenderer } from '../../server/src/fixes/render';
import { rules } from '../../server/src/rules/index';
import type { Rule } from '../../server/src/rules/types';

function field(file: string, key: string, value: string, lineStart: number, valueStart: number, lineEnd: number): Field {
  return {
    key,
    value,
    text: value,
    kind: 'literal',
    site: { file, style: 'env', value: { start: valueStart, end: valueStart + value.length }, quote: '', key: { start: lineStart, end: lineStart + key.length }, entry: { start: lineStart, end: lineEnd }, indent: '' },
  };
}

registerReader({
  format: 'env',
  mayContainMail: (t) => t.includes('SMTP_'),
  read(file, text): ReadResult {
    const res: ReadResult = { file, format: 'env', configs: [], globals: [], envVars: {}, suppressions: { lines: new Map(), file: new Set() }, problems: [] };
    const cfg: SmtpConfig = { id: 'env:0', file, format: 'env', dialect: 'generic', label: '.env', span: { start: 0, end: text.length }, credentials: { passwordIsLiteral: false }, extras: {}, effective: { tlsMode: 'unknown', because: 'test' } };
    let at = 0;
    for (const line of text.split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line.replace(/\r$/, ''));
      if (line.trim() === 'BROKEN') res.problems.push({ kind: 'parse-error', message: 'test syntax error', span: { start: at, end: at + 6 } });
      if (m) {
        const f = field(file, m[1], m[2], at, at + m[1].length + 1, at + line.length + 1);
        res.envVars![m[1]] = { value: m[2], ref: { file, span: f.site.value } };
        if (m[1] === 'SMTP_PORT') cfg.port = { ...f, value: Number(m[2]) } as Field<number>;
        if (m[1] === 'SMTP_SECURE') cfg.implicitTls = f;
      }
      at += line.length + 1;
    }
    if (cfg.port || cfg.implicitTls) res.configs.push(cfg);
    // A malformed result (a reader bug) makes the engine throw: the CLI must survive it.
    if (text.includes('EXPLODE')) return { ...res, suppressions: undefined } as unknown as ReadResult;
    return res;
  },
});

/** Calls of the stand-in YAML reader: the engine must skip `read` when `mayContainMail` says no. */
export const yamlCalls = { mayContainMail: 0, read: 0 };
registerReader({
  format: 'yaml',
  mayContainMail: (t) => (yamlCalls.mayContainMail++, t.includes('SMTP_')),
  read(file): ReadResult {
    yamlCalls.read++;
    return { file, format: 'yaml', configs: [], globals: [], suppressions: { lines: new Map(), file: new Set() }, problems: [] };
  },
});

registerRenderer(['env'], {
  render(text, edit) {
    if (edit.op !== 'set') throw new Error('fake renderer: set only');
    return [{ file: edit.field.site.file, span: edit.field.site.value, newText: edit.text }];
  },
});

const port25: Rule = {
  meta: { id: 'test-port-25', defaultSeverity: 'warning', short: 'Port 25 in a test', long: 'Long text of the test rule.', sources: [], cwe: 'CWE-319', fixSafety: 'safe' },
  checkConfig(cfg, ctx) {
    if (cfg.port?.value === 25) {
      ctx.report({ message: 'Port 25 is the relay port', span: cfg.port.site.value, configId: cfg.id, fixes: [{ title: 'Use port 587', safe: true, edits: [{ op: 'set', field: cfg.port, text: '587' }] }, { title: 'Use port 465', safe: false, edits: [{ op: 'set', field: cfg.port, text: '465' }] }] });
    }
  },
};
const secureYes: Rule = {
  meta: { id: 'test-secure-yes', defaultSeverity: 'error', short: 'SMTP_SECURE=yes', long: 'yes is not a boolean.', sources: [], fixSafety: 'unsafe' },
  checkConfig(cfg, ctx) {
    if (cfg.implicitTls?.value === 'yes') {
      ctx.report({ message: 'SMTP_SECURE=yes is not a boolean', span: cfg.implicitTls.site.value, configId: cfg.id, related: cfg.port ? [{ message: 'the port', ref: { file: cfg.file, span: cfg.port.site.value } }] : [], fixes: [{ title: 'Set SMTP_SECURE=true', safe: false, edits: [{ op: 'set', field: cfg.implicitTls, text: 'true' }] }] });
    }
  },
};
// Only the fake rules run in this process, so real rules landing later cannot change these tests.
rules.splice(0, rules.length, port25, secureYes);
