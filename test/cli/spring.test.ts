// The Spring rules end to end through the CLI (issue 16): a seeded corpus of Spring projects with its answer
// key (test/cli/springCorpus.ts), the project's own Java/Kotlin bindings read by the CLI (also in its worker
// threads), and `--fix --unsafe-fixes` moving/renaming keys so that a second run finds none of them.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ensureBuilt, runBin, tmpDir, writeTree } from './helpers';
import { generateSpringCorpus, keyOf, SPRING_RULES, type Expected } from './springCorpus';

interface JsonFile {
  file: string;
  findings: { ruleId: string; range: { start: { line: number } } }[];
}

function reported(stdout: string): Expected[] {
  const out: Expected[] = [];
  for (const f of JSON.parse(stdout) as JsonFile[]) for (const x of f.findings) out.push({ file: f.file, line: x.range.start.line, ruleId: x.ruleId });
  return out;
}

describe('Spring corpus through the CLI (answer key)', () => {
  const corpus = generateSpringCorpus(16, 8);
  let dir = '';
  before(() => {
    ensureBuilt();
    dir = tmpDir('mcl-spring-');
    writeTree(dir, corpus.files);
  });

  for (const concurrency of ['off', '2']) {
    it(`reports exactly the answer key and no decoy (--concurrency ${concurrency})`, () => {
      const r = runBin(['--format', 'json', '--concurrency', concurrency, '.'], { cwd: dir });
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const got = reported(r.stdout);
      const mine = new Set(got.filter((g) => SPRING_RULES.includes(g.ruleId)).map(keyOf));
      const want = new Set(corpus.answerKey.map(keyOf));
      assert.deepEqual([...mine].filter((k) => !want.has(k)), [], 'false positives');
      assert.deepEqual([...want].filter((k) => !mine.has(k)), [], 'missed');
      const all = new Set(got.map(keyOf));
      assert.deepEqual(corpus.decoys.map(keyOf).filter((k) => all.has(k)), [], 'decoys reported');
      assert.ok(corpus.answerKey.some((e) => e.ruleId === 'spring-property-prefix-mismatch') && corpus.answerKey.some((e) => e.ruleId === 'hardcoded-smtp-credentials'));
    });
  }

  it('without the Java/Kotlin binding, the bound top-level keys are reported (the CLI read the bindings)', () => {
    const copy = tmpDir('mcl-spring-nobind-');
    writeTree(copy, Object.fromEntries(Object.entries(corpus.files).filter(([f]) => !/\.(java|kt)$/.test(f))));
    const got = new Set(reported(runBin(['--format', 'json', '.'], { cwd: copy }).stdout).map(keyOf));
    const bound = corpus.decoys.filter((d) => d.ruleId === 'spring-mail-property-ignored');
    assert.ok(bound.length > 0, 'the corpus has bound keys');
    for (const d of bound) assert.ok(got.has(keyOf(d)), `${keyOf(d)} reported without the binding`);
  });

  it('--fix --unsafe-fixes moves and renames the keys: files still parse, a second run finds none of them', () => {
    const fixDir = tmpDir('mcl-spring-fix-');
    writeTree(fixDir, corpus.files);
    const r = runBin(['--fix', '--unsafe-fixes', '--format', 'json', '.'], { cwd: fixDir });
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const after = reported(runBin(['--format', 'json', '.'], { cwd: fixDir }).stdout).filter((g) => SPRING_RULES.includes(g.ruleId));
    assert.deepEqual(after.map(keyOf), []);
    for (const rel of Object.keys(corpus.files).filter((f) => f.endsWith('.yml'))) {
      const text = fs.readFileSync(path.join(fixDir, rel), 'utf8');
      assert.ok(parseAllDocuments(text).every((d) => d.errors.length === 0), `${rel} parses after --fix`);
    }
    // A moved key lands where Spring reads it.
    const moved = Object.keys(corpus.files).find((f) => f.endsWith('/application.yml') && /\n    smtp:\n/.test(corpus.files[f]));
    assert.ok(moved, 'the corpus has a spring.mail.smtp block');
    const text = fs.readFileSync(path.join(fixDir, moved), 'utf8');
    assert.doesNotMatch(text, /\n    smtp:\n/);
    assert.match(text, /properties\.mail\.smtp\.(starttls\.enable|timeout): /);
    for (const s of ['Zx81wqPlm2Tr', 'hunter2hunter2']) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'no password in the output');
  });
});
