// Smoke test of `npm run bench` (scripts/bench.mjs): runs it ONCE on a tiny corpus (60 files, no ESLint, one
// round, no warm-up, a couple of LSP edits) and checks the wiring: the corpus, every budget row, the JSON
// report, the CLI/LSP rows when dist/ has them. It proves the script works, NOT the speed: no timing assertion
// here (issue 6: benchmarks are not tests). Plus unit tests of the profile summariser (scripts/bench-profile.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { summariseProfile, moduleMap, stepOf, formatProfile } from '../../scripts/bench-profile.mjs';
import { loadLanguages } from '../../scripts/polyglot-corpus/lib.mjs';

const ROOT = path.resolve(__dirname, '..', '..');
const KIT_SRC = process.env.MCL_BENCH_KIT || path.resolve(ROOT, '..', 'shared', 'bench');
const KIT = path.join(ROOT, '.bench', 'kit');
const haveKit = fs.existsSync(path.join(KIT_SRC, 'cmd-bench.mjs')) || fs.existsSync(path.join(KIT, 'cmd-bench.mjs'));
const haveTime = fs.existsSync('/usr/bin/time');

const BUDGET_IDS = [
  'cli-floor', 'cli-rss', 'eslint-cli', 'one-file-env', 'one-file-compose', 'one-file-ts',
  'lsp-edit-env', 'lsp-edit-compose', 'lsp-edit-ts', 'lsp-start-env', 'lsp-start-compose', 'lsp-start-ts',
  'lsp-big-edit-huge.env', 'lsp-big-edit-kubectl-get-all.yaml', 'lsp-big-edit-bundle.min.js',
  'lsp-big-rss-huge.env', 'lsp-big-rss-kubectl-get-all.yaml', 'lsp-big-rss-bundle.min.js',
  'vsix', 'precision', 'recall', 'mono-linear', 'mono-concurrency', 'mono-rss', 'mono-ignored',
  'mono-editor-scan', 'mono-editor-edit',
];
/** The polyglot rows (scripts/bench-polyglot.mjs): corpus, then per language module P/R, one file, LSP. */
async function polyglotIds(): Promise<string[]> {
  const langs = (await loadLanguages()).map((m) => m.id);
  return ['poly-cli-floor', 'poly-cli-rss', ...langs.flatMap((l) => [`poly-precision-${l}`, `poly-recall-${l}`]), ...langs.map((l) => `poly-one-file-${l}`), ...langs.map((l) => `poly-lsp-edit-${l}`)];
}

test('bench script runs once on a tiny corpus and writes a complete report', { timeout: 240_000, skip: !haveKit ? 'benchmark kit (../shared/bench) not available' : !haveTime ? '/usr/bin/time missing (apt-get install time)' : false }, async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-bench-smoke-'));
  try {
    const json = path.join(out, 'report.json');
    const r = spawnSync(process.execPath, [
      path.join(ROOT, 'scripts', 'bench.mjs'),
      '--files', '60', '--no-eslint', '--runs', '1', '--warmup', '0', '--quick', '--no-big', '--no-vsix',
      '--no-install', '--no-build', '--no-profile', '--single-runs', '1', '--lsp-edits', '2', '--lsp-runs', '1',
      '--mono-files', '1000', '--mono-runs', '1', '--poly-files', '40', '--out', out, '--json', json,
    ], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, `bench exited ${r.status}\n${r.stdout}\n${r.stderr.slice(-3000)}`);

    // the tiny corpus was generated (seeded) with its answer key
    const corpus = path.join(out, 'corpus-f60');
    const manifest = JSON.parse(fs.readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
    assert.equal(manifest.files.filter((f: { sample?: boolean; big?: boolean }) => !f.sample && !f.big).length, 60);
    assert.ok(fs.existsSync(path.join(corpus, 'answer-key.json')));

    // the table lists every budget, with a verdict column
    for (const label of ['CLI ÷ summed parse floor', 'CLI max RSS', 'ESLint peer ÷ CLI', 'one-file CLI ÷ node -e 0', 'LSP edit→diagnostics p95', 'LSP spawn→first diagnostics', 'LSP server peak RSS', '.vsix size', 'precision', 'recall']) {
      assert.ok(r.stdout.includes(label), `table lacks "${label}"\n${r.stdout}`);
    }
    assert.match(r.stdout, /\d+ pass, \d+ fail, \d+ n\/a/);

    const rep = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.deepEqual(rep.budgets.map((b: { id: string }) => b.id), [...BUDGET_IDS, ...(await polyglotIds())]);
    for (const b of rep.budgets) {
      assert.ok(b.op === '<=' || b.op === '>=');
      assert.equal(typeof b.limit, 'number');
      // a verdict exists exactly when a value was measured
      assert.equal(b.pass === null, b.value === null, `${b.id}: value ${b.value} pass ${b.pass}`);
    }
    assert.equal(rep.options.eslint, false);
    assert.equal(rep.budgets.find((b: { id: string }) => b.id === 'eslint-cli').value, null, 'no ESLint in the smoke run');
    assert.equal(rep.budgets.find((b: { id: string }) => b.id === 'vsix').value, null, '--no-vsix');
    assert.equal(rep.corpusInfo.files, 60);

    // the floor ran in the corpus run, and the one-file run timed a bare node start
    assert.ok(rep.corpus.floorWallS > 0, 'floor timed');
    assert.ok(rep.single.nodeWallMs > 0, 'node -e 0 timed');
    // the do-nothing LSP floor server answered (proves the LSP client wiring without our server)
    for (const k of ['env', 'compose', 'ts']) assert.ok(rep.lsp.floorSmall[k]?.edit?.n >= 1, `floor server ${k}`);

    if (fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
      assert.ok(rep.corpus.cliOverFloor > 0, 'CLI ratio measured');
      assert.ok(rep.corpus.cliMaxRssMB > 0);
      assert.ok(rep.sarif && rep.sarif.results !== null, 'CLI wrote SARIF');
      assert.ok(rep.score && Number.isInteger(rep.score.truePositives) && Number.isInteger(rep.score.falseNegatives), 'SARIF scored');
      assert.ok(rep.single.files.env.cliOverNode > 0);
      // the monorepo row: trees generated, every command timed, threads and no threads gave the same SARIF
      assert.ok(rep.mono && rep.mono.perFileBigOverSmall > 0 && rep.mono.offOverC2 > 0 && rep.mono.maxRssMB > 0, JSON.stringify(rep.mono));
      assert.equal(rep.mono.sarif.identical, true);
      // 10 mail files in 1,000 (pkg 0 .env on 465 without TLS, pkg 4 compose on 587 with TLS); the bad .env files in
      // the ignored folders would add more
      assert.equal(rep.mono.sarif.off.results, 2);
      // the polyglot rows: the corpus timed beside its summed floor, scored per language, each sample timed alone
      assert.ok(rep.poly.corpus.cliOverFloor > 0 && rep.poly.corpus.floorWallS > 0, JSON.stringify(rep.poly.corpus));
      assert.deepEqual(rep.poly.corpus.floorExitCodes, [0]);
      for (const l of Object.keys(rep.poly.languages)) {
        assert.ok(Number.isInteger(rep.poly.score.perLanguage[l].truePositives), l);
        assert.ok(rep.poly.single.files[l].cliOverNode > 0 && rep.poly.single.files[l].floorOverNode > 0, l);
      }
    } else {
      assert.equal(rep.corpus.cliOverFloor, null);
      assert.ok(rep.notes.some((n: string) => n.includes('dist/cli.js not found')));
    }
    if (fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) {
      for (const k of ['env', 'compose', 'ts']) assert.ok(rep.lsp.small[k] && rep.lsp.small[k].startToFirstDiagnosticsMs > 0, `server ${k}: ${JSON.stringify(rep.lsp.small[k])}`);
      for (const l of Object.keys(rep.poly.languages)) assert.ok(rep.poly.lsp.small[l]?.edit?.n >= 1 && rep.poly.lsp.floor[l]?.edit?.n >= 1, `polyglot LSP ${l}: ${JSON.stringify(rep.poly.lsp.small[l])}`);
      // the editor rows: the server scanned the 1,000-file tree to the end of its progress and reported the
      // same files as the CLI
      assert.ok(rep.monoEditor && rep.monoEditor.scanOverCli > 0, JSON.stringify(rep.monoEditor));
      assert.deepEqual(rep.monoEditor.errors, []);
      assert.deepEqual(rep.monoEditor.files, { scan: 2, cli: 2 });
    } else {
      assert.ok(rep.notes.some((n: string) => n.includes('dist/server.js not found')));
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('bench rejects unknown options with exit 2 and usage', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench.mjs'), '--bogus'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown option --bogus/);
  assert.match(r.stderr, /usage: node scripts\/bench\.mjs/);
});

test('profile summary attributes self time to bundled modules and pipeline steps', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-bench-prof-'));
  try {
    const bundle = path.join(dir, 'cli.js');
    // an un-minified esbuild bundle: module comments, then that module's code
    fs.writeFileSync(bundle, [
      '"use strict";', // line 0
      '// node_modules/yaml/dist/parse/lexer.js', // 1
      'function lex() {}', // 2
      '// server/src/readers/env/index.ts', // 3
      'function readEnv() {}', // 4
      '// server/src/rules/port25.ts', // 5
      'function check() {}', // 6
    ].join('\n'));
    const url = 'file://' + bundle;
    const prof = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 }, children: [2, 3, 4, 5] },
        { id: 2, callFrame: { functionName: 'lex', url, lineNumber: 2, columnNumber: 0 } },
        { id: 3, callFrame: { functionName: 'readEnv', url, lineNumber: 4, columnNumber: 0 } },
        { id: 4, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1, columnNumber: -1 } },
        { id: 5, callFrame: { functionName: 'readFileUtf8', url: '', lineNumber: -1, columnNumber: -1 } },
      ],
      startTime: 0, endTime: 10_000,
      // sample i lasts timeDeltas[i + 1] µs
      samples: [2, 2, 3, 4, 5, 2],
      timeDeltas: [0, 1000, 1000, 2000, 500, 500],
    };
    const p = path.join(dir, 'x.cpuprofile');
    fs.writeFileSync(p, JSON.stringify(prof));
    assert.deepEqual(moduleMap(bundle).map((m) => m.module), ['node_modules/yaml/dist/parse/lexer.js', 'server/src/readers/env/index.ts', 'server/src/rules/port25.ts']);
    const s = summariseProfile(p, bundle);
    assert.equal(s.totalMs, 5);
    const step = (name: string) => s.steps.find((x) => x.step === name)?.ms;
    assert.equal(step('parse: yaml (yaml)'), 2); // samples 0 and 1 (the last sample has no duration)
    assert.equal(step('reader: env'), 2);
    assert.equal(step('gc'), 0.5);
    assert.equal(step('read (fs + decode)'), 0.5);
    assert.equal(s.functions[0].module, 'node_modules/yaml/dist/parse/lexer.js');
    assert.equal(s.functions[0].line, 3);
    assert.ok(formatProfile('t', s).some((l) => l.includes('readEnv')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('pipeline steps by module', () => {
  assert.equal(stepOf('node_modules/@babel/parser/lib/index.js'), 'parse: js (@babel/parser)');
  assert.equal(stepOf('server/src/readers/yaml/walk.ts'), 'reader: yaml (walk)');
  assert.equal(stepOf('server/src/readers/js/nodemailer.ts'), 'reader: js (walk)');
  assert.equal(stepOf('server/src/cli/files.ts'), 'cli (discovery, config, output)');
  assert.equal(stepOf('(node/V8 builtin)', 'readdirSync'), 'discovery (fs)');
  assert.equal(stepOf('node:fs', 'writeSync'), 'output (write)');
  assert.equal(stepOf('node_modules/picomatch/lib/picomatch.js'), 'dep: picomatch');
  assert.equal(stepOf('node_modules/@scope/pkg/x.js'), 'dep: @scope/pkg');
});
