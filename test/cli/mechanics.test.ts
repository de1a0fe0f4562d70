// CLI mechanics in-process, with a stand-in reader and rules (fakePlugin) so the assertions are exact and
// independent of the real rule catalogue: exit codes, discovery, config, output formats, --fix writing.
import { yamlCalls } from './fakePlugin';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertSarifShape, runInProcess, tmpDir, writeTree } from './helpers';
import type { SarifResult } from './helpers';

const BAD = 'APP=1\nSMTP_HOST=smtp.example.com\nSMTP_PORT=25\n';
const WORSE = 'SMTP_PORT=25\nSMTP_SECURE=yes\n';

test('exit codes: 0 clean, 1 on a warning, quiet hides warnings, --max-warnings tolerates them', async () => {
  const d = tmpDir();
  writeTree(d, { '.env': 'SMTP_PORT=587\n' });
  assert.equal((await runInProcess([], d)).code, 0);
  writeTree(d, { 'sub/.env.production': BAD });
  const r = await runInProcess([], d);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /sub\/\.env\.production/);
  const q = await runInProcess(['--quiet'], d);
  assert.equal(q.code, 0);
  assert.equal(q.stdout, '');
  assert.equal((await runInProcess(['--max-warnings', '1'], d)).code, 0);
  assert.equal((await runInProcess(['--max-warnings=0'], d)).code, 1);
  writeTree(d, { 'x.env': WORSE });
  assert.equal((await runInProcess(['--max-warnings', '5'], d)).code, 1, 'errors always fail');
  assert.equal((await runInProcess(['--quiet'], d)).code, 1);
});

test('discovery: dotfiles and *.env included, node_modules/.git skipped, stable order, explicit files', async () => {
  const d = tmpDir();
  writeTree(d, {
    'b/.env': BAD,
    'a/.env.local': BAD,
    'a/prod.env': BAD,
    'node_modules/pkg/.env': BAD,
    '.git/.env': BAD,
    'README.md': 'SMTP_PORT=25',
  });
  const r = await runInProcess(['--format', 'json'], d);
  assert.equal(r.code, 1);
  const files = JSON.parse(r.stdout).map((f: { file: string }) => f.file);
  assert.deepEqual(files, ['a/.env.local', 'a/prod.env', 'b/.env']);
  const one = await runInProcess(['--format', 'json', 'b/.env', 'README.md'], d);
  assert.deepEqual(JSON.parse(one.stdout).map((f: { file: string }) => f.file), ['b/.env']);
  const missing = await runInProcess(['nope/.env'], d);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^mail-config-lint: no such file or directory: nope\/\.env\n$/);
});

test('project config: found upwards, rule severities and off, ignore globs, errors exit 2', async () => {
  const d = tmpDir();
  writeTree(d, {
    '.mailconfiglintrc.json': JSON.stringify({ $schema: './schemas/mailconfiglintrc.schema.json', rules: { 'test-port-25': 'error' }, ignore: ['legacy/', '*.local'] }),
    'app/.env': BAD,
    'app/.env.local': BAD,
    'legacy/.env': BAD,
  });
  const r = await runInProcess(['--format', 'json', '.'], path.join(d, 'app'));
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.map((f: { file: string }) => f.file), ['.env']);
  assert.equal(out[0].findings[0].severity, 'error');
  const all = await runInProcess(['--format', 'json'], d);
  assert.deepEqual(JSON.parse(all.stdout).map((f: { file: string }) => f.file), ['app/.env']);

  fs.writeFileSync(path.join(d, 'off.json'), JSON.stringify({ rules: { 'test-port-25': 'off' } }));
  const off = await runInProcess(['--config', 'off.json', 'app/.env'], d);
  assert.equal(off.code, 0);
  assert.equal(off.stdout, '');

  const cases: [string, RegExp][] = [
    ['{"rules": {"test-port-26": "warning"}}', /unknown rule id "test-port-26" in "rules" \(did you mean "test-port-25"\?\)/],
    ['{"rule": {}}', /unknown key "rule" \(did you mean "rules"\?\)/],
    ['{"rules": {"test-port-25": "warn"}}', /rules\.test-port-25 must be one of .* got "warn" \(did you mean "warning"\?\)/],
    ['{"ignore": "dist"}', /"ignore" must be an array of strings/],
    ['{"extraEnvFiles": [1]}', /"extraEnvFiles" must be an array of strings/],
    ['[]', /expected a JSON object/],
    ['{\n  "rules": {,}\n}', /invalid JSON at line 2, column 13/],
    ['', /invalid JSON/],
  ];
  for (const [text, re] of cases) {
    fs.writeFileSync(path.join(d, 'bad.json'), text);
    const e = await runInProcess(['--config', 'bad.json'], d);
    assert.equal(e.code, 2, text);
    assert.match(e.stderr, re, text);
    assert.equal(e.stderr.split('\n').length, 2, 'one line');
    assert.equal(e.stdout, '');
  }
  const none = await runInProcess(['--config', 'missing.json'], d);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /config file not found: missing\.json/);
});

test('extraEnvFiles must exist or be reported; unreadable extra is a per-file problem, not a crash', async () => {
  const d = tmpDir();
  writeTree(d, { '.mailconfiglintrc.json': '{"extraEnvFiles": ["deploy/prod.env"]}', '.env': 'SMTP_PORT=587\n' });
  const r = await runInProcess(['--format', 'json'], d);
  assert.equal(r.code, 0);
  const out = JSON.parse(r.stdout);
  assert.equal(out[0].file, 'deploy/prod.env');
  assert.match(out[0].problems[0].message, /extraEnvFiles: cannot read file: no such file/);
});

test('text output: stylish rows, summary, colour only when asked', async () => {
  const d = tmpDir();
  writeTree(d, { '.env': WORSE, 'ok/.env': 'SMTP_PORT=587\nBROKEN\n' });
  const r = await runInProcess([], d);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    [
      '',
      '.env',
      '  1:11  warning  Port 25 is the relay port         test-port-25',
      '  2:13  error    SMTP_SECURE=yes is not a boolean  test-secure-yes',
      '',
      'ok/.env',
      '  2:1  problem  test syntax error',
      '',
      '✖ 2 findings (1 error, 1 warning, 0 info) in 2 files; 1 file could not be fully read',
      '  1 finding can be fixed with the `--fix` option.',
      '  1 more finding can be fixed with `--fix --unsafe-fixes` (changes behaviour: review the diff).',
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(r.stdout, /\u001b\[/);
  const tty = await runInProcess([], d, { isTTY: true });
  assert.match(tty.stdout, /\u001b\[31merror/);
  const noColor = await runInProcess([], d, { isTTY: true, env: { NO_COLOR: '1' } });
  assert.doesNotMatch(noColor.stdout, /\u001b\[/);
  const forced = await runInProcess([], d, { env: { FORCE_COLOR: '1' } });
  assert.match(forced.stdout, /\u001b\[4m\.env\u001b\[0m/);
  assert.doesNotMatch((await runInProcess(['--no-color'], d, { isTTY: true })).stdout, /\u001b\[/);
});

test('read problems do not change the exit code caused by other files', async () => {
  const d = tmpDir();
  writeTree(d, { 'a/.env': 'SMTP_PORT=587\nBROKEN\n' });
  assert.equal((await runInProcess([], d)).code, 0);
  writeTree(d, { 'b/.env': BAD });
  assert.equal((await runInProcess([], d)).code, 1);
});

test('json output: files with findings, 1-based ranges, related, fixes with edits, problems', async () => {
  const d = tmpDir();
  writeTree(d, { '.env': 'SMTP_PORT=25\r\nSMTP_SECURE=yes\r\n', 'x/.env': 'BROKEN\n', 'clean/.env': 'SMTP_PORT=587\n' });
  const r = await runInProcess(['-f', 'json'], d);
  const out = JSON.parse(r.stdout);
  assert.equal(out.length, 2);
  const [f, p] = out;
  assert.equal(f.file, '.env');
  assert.equal(f.filePath, path.join(d, '.env'));
  assert.deepEqual([f.errorCount, f.warningCount, f.infoCount], [1, 1, 0]);
  assert.deepEqual(f.findings[0], {
    ruleId: 'test-port-25',
    severity: 'warning',
    message: 'Port 25 is the relay port',
    range: { start: { line: 1, column: 11 }, end: { line: 1, column: 13 } },
    helpUri: 'https://github.com/mail-config-lint/mail-config-lint/blob/main/docs/rules/test-port-25.md',
    related: [],
    fixes: [
      { title: 'Use port 587', safe: true, preferred: true, edits: [{ range: { start: { line: 1, column: 11 }, end: { line: 1, column: 13 } }, newText: '587' }] },
      { title: 'Use port 465', safe: false, preferred: false, edits: [{ range: { start: { line: 1, column: 11 }, end: { line: 1, column: 13 } }, newText: '465' }] },
    ],
  });
  assert.deepEqual(f.findings[1].related, [{ message: 'the port', file: '.env', range: { start: { line: 1, column: 11 }, end: { line: 1, column: 13 } } }]);
  assert.deepEqual(f.problems, []);
  assert.deepEqual(p, { file: 'x/.env', filePath: path.join(d, 'x/.env'), errorCount: 0, warningCount: 0, infoCount: 0, findings: [], problems: [{ kind: 'parse-error', message: 'test syntax error', line: 1 }], fixed: [] });
});

test('sarif output: SARIF 2.1.0 for GitHub code scanning, field by field', async () => {
  const d = tmpDir();
  writeTree(d, { 'svc one/.env': 'SMTP_PORT=25\nSMTP_SECURE=yes\n', 'svc two/.env': 'SMTP_PORT=25\n', 'bad/.env': 'BROKEN\n' });
  const r = await runInProcess(['--format', 'sarif'], d);
  assert.equal(r.code, 1);
  const s = JSON.parse(r.stdout);
  assertSarifShape(s);
  assert.equal(s.version, '2.1.0');
  assert.equal(s.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(s.runs.length, 1);
  const run = s.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'mail-config-lint');
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  assert.equal(driver.informationUri, 'https://github.com/mail-config-lint/mail-config-lint');
  assert.deepEqual(
    driver.rules.map((x: { id: string }) => x.id),
    ['test-port-25', 'test-secure-yes'],
  );
  const rule0 = driver.rules[0];
  assert.deepEqual(rule0.shortDescription, { text: 'Port 25 in a test' });
  assert.deepEqual(rule0.fullDescription, { text: 'Long text of the test rule.' });
  assert.equal(rule0.helpUri, 'https://github.com/mail-config-lint/mail-config-lint/blob/main/docs/rules/test-port-25.md');
  assert.deepEqual(rule0.defaultConfiguration, { level: 'warning' });
  assert.deepEqual(rule0.properties.tags, ['security', 'smtp', 'mail', 'external/cwe/cwe-319']);
  assert.equal(rule0.properties.cwe, 'CWE-319');
  assert.equal(typeof rule0.properties['security-severity'], 'string');
  assert.deepEqual(driver.rules[1].defaultConfiguration, { level: 'error' });
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${d}/` } });

  const results: SarifResult[] = run.results;
  assert.equal(results.length, 3);
  const [a, b, c] = results;
  assert.equal(a.ruleId, 'test-port-25');
  assert.equal(a.ruleIndex, 0);
  assert.equal(a.level, 'warning');
  assert.deepEqual(a.message, { text: 'Port 25 is the relay port' });
  assert.deepEqual(a.locations, [
    { physicalLocation: { artifactLocation: { uri: 'svc%20one/.env', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 11, endLine: 1, endColumn: 13 } } },
  ]);
  assert.match(a.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{16}:1$/);
  assert.deepEqual(a.fixes, [
    {
      description: { text: 'Use port 587' },
      artifactChanges: [{ artifactLocation: { uri: 'svc%20one/.env', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { startLine: 1, startColumn: 11, endLine: 1, endColumn: 13 }, insertedContent: { text: '587' } }] }],
    },
    {
      description: { text: 'Use port 465' },
      artifactChanges: [{ artifactLocation: { uri: 'svc%20one/.env', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { startLine: 1, startColumn: 11, endLine: 1, endColumn: 13 }, insertedContent: { text: '465' } }] }],
    },
  ]);
  assert.equal(b.ruleId, 'test-secure-yes');
  assert.equal(b.ruleIndex, 1);
  assert.equal(b.level, 'error');
  assert.deepEqual(b.relatedLocations, [
    { id: 1, message: { text: 'the port' }, physicalLocation: { artifactLocation: { uri: 'svc%20one/.env', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 11, endLine: 1, endColumn: 13 } } },
  ]);
  assert.equal(c.locations[0].physicalLocation.artifactLocation.uri, 'svc%20two/.env');
  // Same rule, same line text, different file: different fingerprint. Stable across runs.
  assert.notEqual(c.partialFingerprints.primaryLocationLineHash, a.partialFingerprints.primaryLocationLineHash);
  const again = JSON.parse((await runInProcess(['--format', 'sarif'], d)).stdout);
  assert.deepEqual(
    again.runs[0].results.map((x: SarifResult) => x.partialFingerprints),
    results.map((x) => x.partialFingerprints),
  );
  // Read problems are tool execution notifications, not results.
  const inv = run.invocations[0];
  assert.equal(inv.executionSuccessful, true);
  assert.equal(inv.toolExecutionNotifications.length, 1);
  assert.equal(inv.toolExecutionNotifications[0].level, 'warning');
  assert.equal(inv.toolExecutionNotifications[0].message.text, 'bad/.env: test syntax error');
  assert.deepEqual(inv.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation, { uri: 'bad/.env', uriBaseId: '%SRCROOT%' });
});

test('sarif: a file outside the working folder gets an absolute file:// URI', async () => {
  const d = tmpDir();
  const other = tmpDir();
  writeTree(other, { '.env': BAD });
  const r = await runInProcess(['--format', 'sarif', other], d);
  const res = JSON.parse(r.stdout).runs[0].results[0];
  assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: `file://${other}/.env` });
});

test('--fix writes atomically, keeps the mode, prints what changed, then reports what remains', async () => {
  const d = tmpDir();
  writeTree(d, { '.env': WORSE, 'clean/.env': 'SMTP_PORT=587\n' });
  fs.chmodSync(path.join(d, '.env'), 0o640);
  const r = await runInProcess(['--fix'], d);
  assert.equal(fs.readFileSync(path.join(d, '.env'), 'utf8'), 'SMTP_PORT=587\nSMTP_SECURE=yes\n');
  assert.equal(fs.statSync(path.join(d, '.env')).mode & 0o777, 0o640);
  assert.deepEqual(fs.readdirSync(d).sort(), ['.env', 'clean'], 'no temp file left behind');
  assert.match(r.stdout, /^fixed \.env:1  test-port-25  Use port 587\n/);
  assert.match(r.stdout, /2:13  error  SMTP_SECURE=yes is not a boolean  test-secure-yes/);
  assert.doesNotMatch(r.stdout, /test-port-25\n\n✖/);
  assert.equal(r.code, 1, 'the unsafe-only error remains');
  // Second run: nothing to fix, same remaining finding; the file is byte-identical (idempotent).
  const before = fs.readFileSync(path.join(d, '.env'));
  const r2 = await runInProcess(['--fix'], d);
  assert.doesNotMatch(r2.stdout, /^fixed/m);
  assert.ok(fs.readFileSync(path.join(d, '.env')).equals(before));
  assert.equal(r2.code, 1);
});

test('--fix with machine output: the fix log goes to stderr, stdout stays valid JSON/SARIF', async () => {
  const d = tmpDir();
  writeTree(d, { '.env': BAD });
  const r = await runInProcess(['--fix', '--format', 'json'], d);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /^fixed \.env:3  test-port-25  Use port 587\n$/);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out, [{ file: '.env', filePath: path.join(d, '.env'), errorCount: 0, warningCount: 0, infoCount: 0, findings: [], problems: [], fixed: [{ ruleId: 'test-port-25', title: 'Use port 587', line: 3 }] }]);
});

test('--fix refuses to overwrite a file that changed on disk since it was read', async () => {
  const d = tmpDir();
  writeTree(d, { '.env': BAD });
  const theirs = 'SMTP_PORT=25\n# edited meanwhile in the editor\n';
  const r = await runInProcess(['--fix'], d, {
    beforeWrite: (f) => fs.writeFileSync(f, theirs),
  });
  assert.equal(fs.readFileSync(path.join(d, '.env'), 'utf8'), theirs, 'the concurrent edit is kept');
  assert.match(r.stdout, /problem\s+--fix: file changed on disk since it was read; fixes not written/);
  assert.doesNotMatch(r.stdout, /^fixed/m);
  assert.equal(r.code, 1, 'the finding is still reported');
  assert.deepEqual(fs.readdirSync(d), ['.env']);
  // Same size, same length edit: still detected (content comparison, not only size).
  writeTree(d, { '.env': BAD });
  const r2 = await runInProcess(['--fix'], d, { beforeWrite: (f) => fs.writeFileSync(f, BAD.replace('APP=1', 'APP=2')) });
  assert.equal(fs.readFileSync(path.join(d, '.env'), 'utf8'), BAD.replace('APP=1', 'APP=2'));
  assert.match(r2.stdout, /fixes not written/);
});

test('--fix writes through a symbolic link to its target and keeps the link', async () => {
  const d = tmpDir();
  writeTree(d, { 'real/.env.shared': BAD });
  fs.symlinkSync(path.join(d, 'real/.env.shared'), path.join(d, '.env'));
  await runInProcess(['--fix', '.env'], d);
  assert.ok(fs.lstatSync(path.join(d, '.env')).isSymbolicLink());
  assert.match(fs.readFileSync(path.join(d, 'real/.env.shared'), 'utf8'), /SMTP_PORT=587/);
});

test('--fix leaves a file that is not valid UTF-8 alone', async () => {
  const d = tmpDir();
  const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nSMTP_PORT=25\n')]);
  writeTree(d, { '.env': bytes });
  const r = await runInProcess(['--fix', '-f', 'json'], d);
  assert.ok(fs.readFileSync(path.join(d, '.env')).equals(bytes));
  const out = JSON.parse(r.stdout);
  assert.match(out[0].problems[0].message, /not valid UTF-8/);
  assert.equal(out[0].findings[0].ruleId, 'test-port-25', 'still linted');
});

test('symlink loops and dangling links: a message each, results for the rest', async () => {
  const d = tmpDir();
  writeTree(d, { 'app/.env': BAD });
  fs.symlinkSync(d, path.join(d, 'app', 'loop'));
  fs.symlinkSync('self.env', path.join(d, 'self.env'));
  fs.symlinkSync('missing', path.join(d, '.env.gone'));
  const r = await runInProcess(['-f', 'json'], d);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as { file: string; problems: { message: string }[]; findings: unknown[] }[];
  const byFile = new Map(out.map((o) => [o.file, o]));
  assert.match(byFile.get('app/loop')!.problems[0].message, /symbolic link loop/);
  assert.match(byFile.get('self.env')!.problems[0].message, /symbolic link loop/);
  assert.match(byFile.get('.env.gone')!.problems[0].message, /broken symbolic link/);
  assert.equal(byFile.get('app/.env')!.findings.length, 1);
});

test('usage errors exit 2 with one line; --help and --version exit 0', async () => {
  const d = tmpDir();
  for (const args of [['--format', 'xml'], ['--bogus'], ['--config'], ['--max-warnings', '-1'], ['--fix=yes']]) {
    const r = await runInProcess(args, d);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^mail-config-lint: .+\n$/);
  }
  const h = await runInProcess(['--help'], d);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /^Usage: mail-config-lint \[PATH\.\.\.\]/);
  const v = await runInProcess(['--version'], d);
  assert.equal(v.code, 0);
  assert.equal(v.stdout, `${JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).version}\n`);
  // `--` ends the options: a file named like an option.
  writeTree(d, { '--weird.env': BAD });
  assert.equal((await runInProcess(['--', '--weird.env'], d)).code, 1);
});

test('an internal error while linting one file becomes that file\'s problem; the run goes on', async () => {
  const d = tmpDir();
  writeTree(d, { 'a/.env': 'SMTP_PORT=25\n# EXPLODE\n', 'b/.env': BAD });
  const r = await runInProcess(['-f', 'json'], d);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out[0].file, 'a/.env');
  assert.match(out[0].problems[0].message, /^internal error: /);
  assert.equal(out[1].file, 'b/.env');
  assert.equal(out[1].findings[0].ruleId, 'test-port-25');
});

test('the readers\' mayContainMail prefilter runs before any parse: files without mail settings are not parsed', async () => {
  const d = tmpDir();
  writeTree(d, { 'a.yml': 'services:\n  web:\n    image: nginx\n', 'b.yaml': 'env:\n  SMTP_HOST: x\n', 'c.yml': 'k: v\n' });
  yamlCalls.mayContainMail = 0;
  yamlCalls.read = 0;
  await runInProcess([], d);
  assert.deepEqual(yamlCalls, { mayContainMail: 3, read: 1 });
});
