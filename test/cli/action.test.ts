// action.yml (the composite GitHub Action at the repository root), run offline: its inputs are
// documented, and its `run` steps execute in bash against a fixture repository the way the runner would
// (inputs and step outputs substituted, $GITHUB_OUTPUT a file, `if:` conditions evaluated). The steps
// that `uses:` other actions (setup-node, upload-sarif) are not run; their wiring is checked.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ensureBuilt, ROOT, tmpDir, writeTree } from './helpers';

before(() => ensureBuilt());

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
};

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
  workspace: string;
}

/** Evaluates a GitHub expression of the forms action.yml uses (property access, ==, &&, always, hashFiles). */
function evaluate(expr: string, ctx: Context): unknown {
  const js = expr
    .replace(/\binputs\.([\w-]+)/g, (_, k) => JSON.stringify(ctx.inputs[k] ?? ''))
    .replace(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g, (_, s, k) => JSON.stringify(ctx.steps[s]?.[k] ?? ''))
    .replace(/\bgithub\.action_path\b/g, JSON.stringify(ROOT));
  assert.doesNotMatch(js, /\b(github|env|secrets|matrix)\./, `unsupported expression ${expr}`);
  const hashFiles = (f: string) => (fs.existsSync(path.join(ctx.workspace, f)) ? 'h' : '');
  return new Function('always', 'hashFiles', `return (${js});`)(() => true, hashFiles);
}

function substitute(s: string, ctx: Context): string {
  return s.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, e) => String(evaluate(e, ctx)));
}

interface ActionRun {
  outputs: Record<string, string>;
  log: string;
  failed: boolean;
  uploaded: boolean;
}

function runAction(workspace: string, given: Record<string, string>): ActionRun {
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = given[k] ?? v.default ?? '';
  const ctx: Context = { inputs, steps: {}, workspace };
  let log = '';
  let failed = false;
  let uploaded = false;
  for (const step of action.runs.steps) {
    const cond = step.if ? step.if.replace(/^\$\{\{\s*|\s*\}\}$/g, '') : 'success()';
    const run = cond === 'success()' ? !failed : Boolean(evaluate(cond, ctx));
    if (!run) continue;
    if (step.uses) {
      if (step.uses.startsWith('github/codeql-action/upload-sarif')) {
        assert.equal(substitute(step.with!.sarif_file, ctx), inputs['sarif-file']);
        assert.ok(fs.existsSync(path.join(workspace, inputs['sarif-file'])), 'the SARIF file the upload reads exists');
        uploaded = true;
      } else assert.match(step.uses, /^actions\/setup-node@v\d+$/);
      continue;
    }
    assert.equal(step.shell, 'bash', step.name);
    const outFile = path.join(tmpDir('mcl-gh-out-'), 'output');
    fs.writeFileSync(outFile, '');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', GITHUB_OUTPUT: outFile, GITHUB_WORKSPACE: workspace, CI: 'true' };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(v, ctx);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', substitute(step.run!, ctx)], { cwd: workspace, env, encoding: 'utf8', timeout: 120_000 });
    log += r.stdout + r.stderr;
    if (step.id) {
      const outs: Record<string, string> = {};
      for (const line of fs.readFileSync(outFile, 'utf8').split('\n')) {
        const i = line.indexOf('=');
        if (i > 0) outs[line.slice(0, i)] = line.slice(i + 1);
      }
      ctx.steps[step.id] = outs;
    }
    if (r.status !== 0) failed = true;
  }
  const outputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.outputs)) outputs[k] = substitute(v.value, ctx);
  return { outputs, log, failed, uploaded };
}

/** A fixture repository: a bad .env, a warning-only compose file, and an ignored build folder. */
function fixtureRepo(): string {
  const dir = tmpDir('mcl-action-');
  fs.mkdirSync(path.join(dir, '.git'));
  writeTree(dir, {
    '.gitignore': 'build/\n',
    'api/.env': 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\n',
    'deploy/docker-compose.yml':
      'services:\n  app:\n    environment:\n      SMTP_HOST: mail.example.com\n      SMTP_PORT: 25\n      SMTP_USER: postmaster@example.com\n      SMTP_PASS: ${SMTP_PASS}\n',
    'build/.env': 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\n',
  });
  return dir;
}

test('action.yml: a composite action whose inputs and outputs are documented', () => {
  assert.equal(action.runs.using, 'composite');
  assert.ok(action.name && action.description);
  for (const k of ['paths', 'fail-on', 'upload-sarif']) assert.ok(action.inputs[k]?.description, `input ${k} is documented`);
  for (const [k, v] of Object.entries(action.inputs)) assert.ok(v.description.length > 10, k);
  for (const [k, v] of Object.entries(action.outputs)) assert.ok(v.description.length > 10, k);
  const docs = fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
  for (const k of Object.keys(action.inputs)) assert.ok(docs.includes(`\`${k}\``), `docs/ci.md documents input ${k}`);
});

test('defaults: annotations printed, SARIF written and valid, uploaded, job fails on findings; ignored build/ not linted', () => {
  const dir = fixtureRepo();
  const r = runAction(dir, {});
  assert.equal(r.outputs['exit-code'], '1');
  assert.equal(r.outputs['sarif-file'], 'mail-config-lint.sarif');
  assert.ok(r.failed, 'the fail step fails the job');
  assert.ok(r.uploaded, 'the upload step runs');
  assert.match(r.log, /^::error file=api\/\.env,line=3,/m);
  assert.match(r.log, /^::warning file=deploy\/docker-compose\.yml,line=5,/m);
  assert.doesNotMatch(r.log, /build\//);
  assert.match(r.log, /mail-config-lint exited with status 1 \(fail-on: warning\)/);
  const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'mail-config-lint.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
  const ajv = new Ajv04({ strict: false });
  addFormats(ajv as never);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')));
  assert.ok(validate(sarif), JSON.stringify(validate.errors));
  const uris = (sarif.runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]).map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
  assert.deepEqual([...new Set(uris)].sort(), ['api/.env', 'deploy/docker-compose.yml']);
});

test('fail-on: error lets warnings pass, never never fails, warning fails on a warning alone', () => {
  const warningsOnly = fixtureRepo();
  fs.rmSync(path.join(warningsOnly, 'api'), { recursive: true });
  const onError = runAction(warningsOnly, { 'fail-on': 'error' });
  assert.equal(onError.outputs['exit-code'], '0');
  assert.equal(onError.failed, false);
  assert.match(onError.log, /^::warning file=deploy\/docker-compose\.yml/m, 'warnings are still annotated');
  const onWarning = runAction(warningsOnly, { 'fail-on': 'warning' });
  assert.equal(onWarning.outputs['exit-code'], '1');
  assert.equal(onWarning.failed, true);
  const never = runAction(fixtureRepo(), { 'fail-on': 'never' });
  assert.equal(never.outputs['exit-code'], '1');
  assert.equal(never.failed, false);
});

test('upload-sarif: false skips the upload; paths and args are passed through', () => {
  const dir = fixtureRepo();
  const r = runAction(dir, { 'upload-sarif': 'false', paths: 'deploy build', args: '--no-ignore', 'sarif-file': 'out.sarif' });
  assert.equal(r.uploaded, false);
  assert.match(r.log, /^::error file=build\/\.env,/m, '--no-ignore and an explicit path reach the CLI');
  assert.doesNotMatch(r.log, /api\/\.env/);
  assert.ok(fs.existsSync(path.join(dir, 'out.sarif')));
});

test('a bad input fails the job with an annotation; a clean repository passes', () => {
  const bad = runAction(fixtureRepo(), { 'fail-on': 'sometimes' });
  assert.ok(bad.failed);
  assert.match(bad.log, /::error title=mail-config-lint::fail-on must be error, warning or never/);
  const clean = tmpDir('mcl-action-clean-');
  writeTree(clean, { '.env': 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=587\n' });
  const ok = runAction(clean, {});
  assert.equal(ok.outputs['exit-code'], '0');
  assert.equal(ok.failed, false);
  assert.ok(ok.uploaded);
});
