// The CI formats: github (workflow commands), gitlab (Code Quality JSON), junit (XML), and SARIF, run on
// examples/. GitLab and SARIF output validate against their JSON schemas (bundled in
// test/fixtures/schemas, see its README); every format gives the same exit status as text.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { assertNoStack, ensureBuilt, ROOT, runBin, runInProcess, tmpDir, writeTree } from './helpers';

before(() => ensureBuilt());

const SCHEMAS = path.join(ROOT, 'test', 'fixtures', 'schemas');
const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(SCHEMAS, name), 'utf8'));

function validator(ajv: Ajv | Ajv04, name: string) {
  addFormats(ajv as Ajv);
  const v = ajv.compile(schema(name));
  return (data: unknown) => {
    const ok = v(data);
    assert.ok(ok, `${name}: ${JSON.stringify(v.errors?.slice(0, 5), null, 1)}`);
  };
}

test('SARIF output of examples/ validates against the OASIS SARIF 2.1.0 schema', () => {
  const r = runBin(['--format', 'sarif', 'examples'], { cwd: ROOT });
  assert.equal(r.code, 1, r.stderr);
  const sarif = JSON.parse(r.stdout);
  assert.ok(sarif.runs[0].results.length > 10, 'examples/bad has many findings');
  validator(new Ajv04({ strict: false, allErrors: true }), 'sarif-schema-2.1.0.json')(sarif);
});

test('the SARIF schema check is not vacuous: a result without message fails it', () => {
  const r = runBin(['--format', 'sarif', 'examples/bad/node-app'], { cwd: ROOT });
  const sarif = JSON.parse(r.stdout);
  delete sarif.runs[0].results[0].message;
  assert.throws(() => validator(new Ajv04({ strict: false }), 'sarif-schema-2.1.0.json')(sarif), /message/);
});

test('GitLab Code Quality output of examples/ validates against the bundled schema; one issue per finding', () => {
  const r = runBin(['--format', 'gitlab', 'examples'], { cwd: ROOT });
  assert.equal(r.code, 1, r.stderr);
  const issues = JSON.parse(r.stdout) as { check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
  validator(new Ajv({ strict: false, allErrors: true }), 'gitlab-codequality.schema.json')(issues);
  const sarif = JSON.parse(runBin(['--format', 'sarif', 'examples'], { cwd: ROOT }).stdout);
  const results = sarif.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
  assert.equal(issues.length, results.length);
  const sev: Record<string, string> = { error: 'major', warning: 'minor', note: 'info' };
  const key = (p: string, l: number, rule: string, s: string) => `${p}:${l} ${rule} ${s}`;
  assert.deepEqual(
    issues.map((i) => key(i.location.path, i.location.lines.begin, i.check_name, i.severity)).sort(),
    results.map((x) => key(decodeURIComponent(x.locations[0].physicalLocation.artifactLocation.uri), x.locations[0].physicalLocation.region.startLine, x.ruleId, sev[x.level])).sort(),
  );
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
  // Stable between runs (GitLab compares the branches' reports by fingerprint).
  const again = JSON.parse(runBin(['--format', 'gitlab', 'examples'], { cwd: ROOT }).stdout) as { fingerprint: string }[];
  assert.deepEqual(again.map((i) => i.fingerprint), issues.map((i) => i.fingerprint));
});

test('github format: one workflow command per finding, severities mapped, properties and data escaped', async () => {
  const dir = tmpDir();
  writeTree(dir, {
    'a,b:c/.env': 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\n',
    'ci.yml': 'jobs:\n  e2e:\n    env:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 25\n',
  });
  const r = await runInProcess(['--format', 'github', '.'], dir);
  assert.equal(r.code, 1);
  const lines = r.stdout.trimEnd().split('\n');
  const cmds = lines.filter((l) => l.startsWith('::'));
  assert.equal(cmds.length, 2, r.stdout);
  const err = cmds.find((c) => c.startsWith('::error '));
  assert.ok(err, r.stdout);
  // "," and ":" in the path are escaped in the property; the message's line break is %0A.
  assert.match(err!, /^::error file=a%2Cb%3Ac\/\.env,line=3,endLine=3,col=1,endColumn=\d+,title=mail-config-lint \(implicit-tls-port-without-tls\)::Port 465 [^\n]*%0Ahttps:\/\/github\.com\/mail-config-lint\/mail-config-lint\/blob\/main\/docs\/rules\/implicit-tls-port-without-tls\.md$/);
  assert.ok(cmds.some((c) => c.startsWith('::notice file=ci.yml,line=5,')), r.stdout);
  assert.match(lines[lines.length - 1], /^mail-config-lint: 2 files checked, 2 findings \(1 error, 0 warnings, 1 info\)$/);
  // A "%" in a message is data-escaped so the runner does not decode it.
  const { formatGithub } = await import('../../server/src/cli/format/github');
  const out = formatGithub(
    [{ file: path.join(dir, 'x.env'), problems: [{ kind: 'parse-error', message: '100% broken\r\nreally', line: 2 }], findings: [], fixed: [] }],
    { files: 1, errors: 0, warnings: 0, infos: 0, fixable: 0, unsafeFixable: 0, filesWithProblems: 1, fixedCount: 0 },
    dir,
  );
  assert.equal(out.split('\n')[0], '::warning file=x.env,line=2,title=mail-config-lint%3A file not fully read::100%25 broken%0D%0Areally');
});

test('junit format: a testsuite per file, failures for errors and warnings, info passes, problems skipped', async () => {
  const dir = tmpDir();
  writeTree(dir, {
    '.env': 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\n',
    'ci.yml': 'jobs:\n  e2e:\n    env:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 25\n',
    'broken.yml': 'smtp:\n  host: "x\n  port: [\n',
    'm.js': 'nodemailer.createTransport({ host: "a<b>&c", port: 587, secure: true });\n',
  });
  const r = await runInProcess(['--format', 'junit', '.'], dir);
  assert.equal(r.code, 1);
  const x = r.stdout;
  assert.match(x, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="mail-config-lint" tests="(\d+)" failures="2" errors="0" skipped="(\d+)">/);
  assert.match(x, /<testsuite name="\.env" tests="1" failures="1" errors="0" skipped="0">\n {4}<testcase classname="\.env" name="implicit-tls-port-without-tls \(3:1\)"><failure type="error" message="Port 465 /);
  assert.match(x, /<testsuite name="ci\.yml" tests="1" failures="0"[^>]*>\n {4}<testcase classname="ci\.yml" name="port-25-egress-blocked \(5:\d+\)"><system-out>ci\.yml:5:\d+: info: /);
  assert.match(x, /<testcase classname="m\.js" name="starttls-port-with-implicit-tls \(1:\d+\)"><failure type="error"/);
  // Well-formed: every element closes, no raw markup characters leak from messages.
  const stripped = x.replace(/^<\?xml[^>]*\?>\n/, '').replace(/<!--[^]*?-->/g, '');
  const stack: string[] = [];
  for (const m of stripped.matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) assert.equal(stack.pop(), m[2]);
    else stack.push(m[2]);
  }
  assert.deepEqual(stack, []);
  assert.doesNotMatch(stripped.replace(/<[^>]*>/g, ''), /[<>]/);
});

test('every format: the same exit status (0 clean, 1 findings, 2 usage error)', async () => {
  const clean = tmpDir();
  writeTree(clean, { '.env': 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=587\n' });
  for (const format of ['text', 'json', 'sarif', 'github', 'gitlab', 'junit']) {
    assert.equal((await runInProcess(['--format', format, 'examples/bad'], ROOT)).code, 1, format);
    assert.equal((await runInProcess(['--format', format, 'examples/good'], ROOT)).code, 0, format);
    assert.equal((await runInProcess(['--format', format, '.'], clean)).code, 0, format);
    const bad = await runInProcess(['--format', format, '--max-warnings', 'x', '.'], clean);
    assert.equal(bad.code, 2, format);
    assertNoStack(bad.stderr);
  }
  const r = await runInProcess(['--format', 'xml'], clean);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown format "xml" \(use text, json, sarif, github, gitlab, junit\)/);
});
