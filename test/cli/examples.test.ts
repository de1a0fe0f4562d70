// examples/ is the demo workspace and an acceptance test: `mail-config-lint --format sarif examples`
// must report exactly the findings announced by the `expect: <rule> <severity>` markers (same file, line,
// rule and severity) and nothing under good/; `--fix` on a copy must leave nothing fixable and be idempotent.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { markedFindings, walkFiles } from '../examplesMarkers';
import { assertNoStack, assertSarifShape, copyDir, ensureBuilt, ROOT, runBin, sarifResults, tmpDir } from './helpers';

before(() => ensureBuilt());

const EXAMPLES = path.join(ROOT, 'examples');
const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note' };
const walk = walkFiles;

/** "examples/bad/x/.env:11 rule-id level" for every marker. */
const expectedFindings = () => markedFindings(EXAMPLES, ROOT, (s) => LEVEL[s]);

test('sarif on examples/: every bad config at the right line and severity, nothing on good ones', () => {
  const r = runBin(['--format', 'sarif', 'examples'], { cwd: ROOT });
  assertNoStack(r.stderr);
  assert.equal(r.code, 1);
  assertSarifShape(JSON.parse(r.stdout));
  const results = sarifResults(r.stdout);
  const actual = results
    .map((x) => `${decodeURIComponent(x.locations[0].physicalLocation.artifactLocation.uri)}:${x.locations[0].physicalLocation.region.startLine} ${x.ruleId} ${x.level}`)
    .sort();
  const expected = expectedFindings();
  assert.ok(expected.length >= 15, 'the bad examples announce their findings');
  assert.deepEqual(actual, expected);
  // Every bad example file has at least one finding; no good one has any.
  const badFiles = walk(path.join(EXAMPLES, 'bad')).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
  for (const f of badFiles) assert.ok(actual.some((a) => a.startsWith(`${f}:`)), `${f} has no finding`);
  assert.ok(!actual.some((a) => a.startsWith('examples/good/')));
  // No read problems on the examples.
  const run = JSON.parse(r.stdout).runs[0];
  assert.deepEqual(run.invocations[0].toolExecutionNotifications, []);
});

test('the good examples are silent (exit 0, no output)', () => {
  const r = runBin(['examples/good'], { cwd: ROOT });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, '');
});

test('--fix on a copy of examples/: fixes what is safe, a second run finds nothing to fix, files parse', () => {
  const d = tmpDir('mcl-examples-');
  copyDir(EXAMPLES, path.join(d, 'examples'));
  const before = sarifResults(runBin(['--format', 'sarif', 'examples'], { cwd: d }).stdout);
  const safe = before.filter((x) => (x as unknown as { properties: { safeFix: boolean } }).properties.safeFix);
  assert.ok(safe.length >= 8, `expected most example findings to have a safe fix, got ${safe.length}`);

  const first = runBin(['--fix', '--format', 'json', 'examples'], { cwd: d });
  assertNoStack(first.stderr);
  const fixedLog = first.stderr.split('\n').filter((l) => l.startsWith('fixed '));
  assert.ok(fixedLog.length >= safe.length, `fix log:\n${first.stderr}`);
  const out1 = JSON.parse(first.stdout) as { file: string; problems: unknown[]; findings: { ruleId: string; fixes: { safe: boolean; preferred: boolean }[] }[] }[];
  for (const f of out1) {
    assert.deepEqual(f.problems, [], `${f.file} still parses after --fix`);
    for (const x of f.findings) assert.ok(!x.fixes[0]?.safe, `${f.file}: ${x.ruleId} still has a safe fix after --fix`);
  }
  // Every finding that had a safe fix is gone (same file, same rule).
  const remaining = new Set(out1.flatMap((f) => f.findings.map((x) => `${f.file} ${x.ruleId}`)));
  for (const x of safe) {
    const key = `${decodeURIComponent(x.locations[0].physicalLocation.artifactLocation.uri)} ${x.ruleId}`;
    const stillThere = before.filter((b) => `${decodeURIComponent(b.locations[0].physicalLocation.artifactLocation.uri)} ${b.ruleId}` === key).length > 1;
    if (!stillThere) assert.ok(!remaining.has(key), `${key} was fixed but is still reported`);
  }

  const snapshot = new Map(walk(path.join(d, 'examples')).map((f) => [f, fs.readFileSync(f)]));
  const second = runBin(['--fix', '--format', 'json', 'examples'], { cwd: d });
  assert.equal(second.stderr, '', 'nothing left to fix');
  for (const [f, buf] of snapshot) assert.ok(fs.readFileSync(f).equals(buf), `${f} changed on the second --fix`);
  assert.deepEqual(JSON.parse(second.stdout), out1.map((f) => ({ ...f, fixed: [] })).filter((f) => f.findings.length || f.problems.length));
  // The good examples were not touched.
  for (const f of walk(path.join(EXAMPLES, 'good'))) {
    assert.ok(fs.readFileSync(f).equals(fs.readFileSync(path.join(d, path.relative(ROOT, f)))), `${f} was modified`);
  }
});

test('--fix --unsafe-fixes on a copy of examples/: every finding with a fix is fixed, a second run is clean', () => {
  const d = tmpDir('mcl-examples-unsafe-');
  copyDir(EXAMPLES, path.join(d, 'examples'));
  const before = sarifResults(runBin(['--format', 'sarif', 'examples'], { cwd: d }).stdout);
  assert.ok(before.length >= 15);

  const first = runBin(['--fix', '--unsafe-fixes', 'examples'], { cwd: d });
  assertNoStack(first.stderr);
  const second = runBin(['--format', 'json', 'examples'], { cwd: d });
  assert.equal(second.code, 0, `second run:\n${second.stdout}`);
  assert.deepEqual(JSON.parse(second.stdout), [], 'a second run reports nothing');
  // Without --unsafe-fixes the same findings would remain: the flag is what made the difference.
  const d2 = tmpDir('mcl-examples-safe-');
  copyDir(EXAMPLES, path.join(d2, 'examples'));
  runBin(['--fix', 'examples'], { cwd: d2 });
  const safeOnly = JSON.parse(runBin(['--format', 'json', 'examples'], { cwd: d2 }).stdout) as unknown[];
  assert.ok(safeOnly.length > 0, 'some findings need --unsafe-fixes');
});

test('--unsafe-fixes is a flag and the summary says what it would add', () => {
  const r = runBin(['examples/bad'], { cwd: ROOT });
  assert.match(r.stdout, /can be fixed with `--fix --unsafe-fixes`/);
  const bad = runBin(['--unsafe-fixes=yes', 'examples'], { cwd: ROOT });
  assert.equal(bad.code, 2);
});
