#!/usr/bin/env node
// scripts/bench.mjs — `npm run bench`: Mail Config Lint against its performance budgets (issue 6).
//
//   node scripts/bench.mjs [--runs 5] [--warmup 1] [--quick] [--files 3000] [--no-eslint] [--json FILE]
//        [--out .bench] [--kit-src ../shared/bench] [--kit .bench/kit] [--no-install] [--no-build] [--no-lsp]
//        [--no-big] [--no-vsix] [--no-profile] [--profile] [--split] [--lsp-settings JSON] [--strict] [--update-docs]
//        [--no-monorepo] [--mono-files N] [--mono-runs N]
//
// Steps (every figure that is compared to a budget is a RATIO measured in the same interleaved run):
//  1. kit: copies the benchmark kit (../shared/bench, may be read-only) into the git-ignored scratch .bench/kit
//     and runs `npm install` there once (cached; skipped with --no-eslint when it is not installed yet:
//     the floor parsers then resolve from the project's own node_modules).
//  2. build: node scripts/build.mjs (dist/cli.js, dist/server.js).
//  3. corpus: gen-corpus.mjs --seed 42 [--big] into .bench/corpus (cached; --files N → .bench/corpus-fN).
//  4. ONE interleaved cmd-bench run: summed parse floor (babel7 + yaml:doc + dotenv `--single` commands) |
//     `node dist/cli.js --format sarif services` | the ESLint peer (no-restricted-syntax).
//     → CLI ÷ floor (paired median), ESLint ÷ CLI (paired median), CLI max RSS.
//  5. precision/recall: the CLI's SARIF scored by score.mjs --rules auto.
//  6. one file: `node -e 0` | CLI on samples/.env, docker-compose.yml, src/mail/mailer.ts | parse-one floor.
//  6b. monorepo (issue 15, scripts/bench-monorepo.mjs): generated trees of --mono-files (default 100,000) and a
//     tenth of that, 1% mail-relevant, with ignored build/ vendor/ dist/ node_modules/: per-file time big ÷
//     small, --concurrency off ÷ 2, ignored folders doubled ÷ as generated, peak RSS (one interleaved run).
//  6c. editor on the monorepo (issue 15, scripts/bench-editor.mjs): the language server's workspace scan of the big
//     tree ÷ the CLI on it (interleaved rounds, paired), and edit → diagnostics p95 on an open ~200-line file
//     while that scan runs (skipped with --no-lsp or --no-monorepo).
//  7. LSP: lsp-latency.mjs against `node dist/server.js --stdio` (debounce 0) on the three ~200-line samples
//     and the three 5 MiB big files, beside the kit's do-nothing floor server.
//  7b. polyglot (issues 12/13, scripts/bench-polyglot.mjs): the corpus of scripts/gen-polyglot-corpus.mjs (PHP,
//     Python, INI, .properties, ...; --poly-files, default 2000): CLI ÷ summed per-language parse floor, RSS,
//     precision/recall per language, one-file CLI ÷ node -e 0 per language, LSP edit p95 per language.
//  8. .vsix size (`npm run package` when the script exists), with the grammar chunks it holds.
//  9. a CPU profile of the CLI (readable bundle, --cpu-prof) summarised per step; for a failing LSP budget,
//     one of the server on that file. Printed when a budget fails (or with --profile); always in the JSON.
// Prints a table of ratios vs budgets and writes JSON (default .bench/report.json). Exit 0 unless the bench
// itself broke (2); with --strict, 1 when a budget fails. --update-docs rewrites the generated block of
// docs/performance.md (between <!-- bench:begin --> and <!-- bench:end -->) from this run; --docs-from
// REPORT.json does only that, from an earlier run's report (nothing is measured). Missing pieces (no dist/server.js, no package
// script) become "n/a" rows, never a crash. Never put timing assertions in tests: this is a benchmark.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildReadable, summariseProfile, newestProfile, formatProfile } from './bench-profile.mjs';
import { monorepoBench } from './bench-monorepo.mjs';
import { polyglotBench, polyglotBudgets } from './bench-polyglot.mjs';
import { editorBench } from './bench-editor.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ------------------------------------------------------------------ options
const USAGE = `usage: node scripts/bench.mjs [--runs N] [--warmup N] [--quick] [--files N] [--seed N] [--no-eslint]
       [--json FILE] [--out DIR] [--kit-src DIR] [--kit DIR] [--no-install] [--no-build] [--no-lsp] [--no-big]
       [--no-vsix] [--no-profile] [--profile] [--split] [--single-runs N] [--lsp-edits N] [--lsp-runs N]
       [--lsp-settings JSON] [--strict] [--update-docs] [--docs-from REPORT.json] [--no-monorepo] [--mono-files N]
       [--mono-runs N] [--no-polyglot] [--poly-files N]`;
const o = {
  runs: null, warmup: null, quick: false, files: 3000, seed: 42, eslint: true, json: null, out: path.join(ROOT, '.bench'),
  kitSrc: process.env.MCL_BENCH_KIT || path.resolve(ROOT, '..', 'shared', 'bench'), kit: null, install: true, build: true,
  lsp: true, big: true, vsix: true, profile: true, forceProfile: false, split: false, singleRuns: null, lspEdits: null,
  lspRuns: null, lspSettings: {}, strict: false, updateDocs: false, docsFrom: null, mono: true, monoFiles: 100000, monoRuns: null,
  poly: true, polyFiles: 2000,
};
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const v = () => { if (i + 1 >= a.length) die(`${a[i]} needs a value\n${USAGE}`); return a[++i]; };
    const n = () => { const x = Number(v()); if (!Number.isInteger(x) || x < 0) die(`${a[i - 1]} needs a whole number\n${USAGE}`); return x; };
    switch (a[i]) {
      case '--runs': o.runs = n(); break;
      case '--warmup': o.warmup = n(); break;
      case '--quick': o.quick = true; break;
      case '--files': o.files = n(); break;
      case '--seed': o.seed = n(); break;
      case '--no-eslint': o.eslint = false; break;
      case '--json': o.json = path.resolve(v()); break;
      case '--out': o.out = path.resolve(v()); break;
      case '--kit-src': o.kitSrc = path.resolve(v()); break;
      case '--kit': o.kit = path.resolve(v()); break;
      case '--no-install': o.install = false; break;
      case '--no-build': o.build = false; break;
      case '--no-lsp': o.lsp = false; break;
      case '--no-big': o.big = false; break;
      case '--no-vsix': o.vsix = false; break;
      case '--no-profile': o.profile = false; break;
      case '--profile': o.forceProfile = true; break;
      case '--split': o.split = true; break;
      case '--single-runs': o.singleRuns = n(); break;
      case '--lsp-edits': o.lspEdits = n(); break;
      case '--lsp-runs': o.lspRuns = n(); break;
      case '--lsp-settings': try { o.lspSettings = JSON.parse(v()); } catch (e) { die(`--lsp-settings: ${e.message}`); } break;
      case '--strict': o.strict = true; break;
      case '--update-docs': o.updateDocs = true; break;
      case '--docs-from': o.docsFrom = path.resolve(v()); break;
      case '--no-monorepo': o.mono = false; break;
      case '--mono-files': o.monoFiles = n(); if (o.monoFiles < 1000) die('--mono-files must be >= 1000'); break;
      case '--mono-runs': o.monoRuns = n(); break;
      case '--no-polyglot': o.poly = false; break;
      case '--poly-files': o.polyFiles = n(); if (o.polyFiles < 20) die('--poly-files must be >= 20'); break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: die(`unknown option ${a[i]}\n${USAGE}`);
    }
  }
  const q = o.quick;
  o.runs ??= q ? 1 : 5;
  o.warmup ??= q ? 0 : 1;
  o.singleRuns ??= q ? 5 : 10;
  o.singleWarmup = q ? 1 : 2;
  o.lspEdits ??= q ? 10 : 30;
  o.lspRuns ??= q ? 1 : 3;
  o.bigEdits = q ? 3 : 10;
  o.bigRuns = q ? 1 : 2;
  o.monoRuns ??= q ? 1 : 3;
  o.monoWarmup = q ? 0 : 1;
  o.kit ??= path.join(ROOT, '.bench', 'kit');
  o.json ??= path.join(o.out, 'report.json');
  if (o.runs < 1) die('--runs must be >= 1');
}

function die(msg) { console.error(`bench: ${msg}`); process.exit(2); }
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);
const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`; // sh single-quote
const med = (a) => { const s = a.filter(Number.isFinite).sort((x, y) => x - y); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN; };
const r2 = (x) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null);
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
const readJson = (p) => { try { return JSON.parse(fs.readFileSync(p, 'utf8')); } catch { return null; } };
const notes = [];
const t00 = Date.now();
const loadStart = os.loadavg();

function run(cmd, args, { cwd = ROOT, capture = false, stdoutFile = null, env = process.env, timeout = 0 } = {}) {
  let fd = null;
  if (stdoutFile) fd = fs.openSync(stdoutFile, 'w');
  const r = spawnSync(cmd, args, {
    cwd, env, timeout: timeout || undefined, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8',
    stdio: ['ignore', fd ?? (capture ? 'pipe' : 'inherit'), capture || fd ? 'pipe' : 'inherit'],
  });
  if (fd !== null) fs.closeSync(fd);
  return { code: r.status ?? (r.signal ? 128 : 1), signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

if (o.docsFrom) {
  const rep = readJson(o.docsFrom);
  if (!rep?.budgets) die(`--docs-from: ${o.docsFrom} is not a bench report`);
  writeDocs(rep);
  process.exit(0);
}
fs.mkdirSync(o.out, { recursive: true });

// ------------------------------------------------------------------ 1. kit
const KIT_FILES = ['cmd-bench.mjs', 'gen-corpus.mjs', 'parse-floor.mjs', 'parse-one.mjs', 'lsp-latency.mjs', 'lsp-floor-server.mjs', 'score.mjs', 'run-peers.sh', 'run-lsp.sh', 'package.json', 'package-lock.json', 'README.md'];
function syncKit() {
  const srcOk = fs.existsSync(path.join(o.kitSrc, 'cmd-bench.mjs'));
  const kitOk = fs.existsSync(path.join(o.kit, 'cmd-bench.mjs'));
  if (!srcOk && !kitOk) die(`benchmark kit not found: neither ${o.kitSrc} nor ${o.kit} (set --kit-src or MCL_BENCH_KIT)`);
  let lockChanged = false;
  if (srcOk && path.resolve(o.kitSrc) !== path.resolve(o.kit)) {
    // copy what is missing or different (never node_modules/corpus/results); cheap, keeps the copy current
    const copyTree = (from, to) => {
      fs.mkdirSync(to, { recursive: true });
      for (const e of fs.readdirSync(from, { withFileTypes: true })) {
        if (['node_modules', 'corpus', 'results', '.git'].includes(e.name)) continue;
        const s = path.join(from, e.name), d = path.join(to, e.name);
        if (e.isDirectory()) { copyTree(s, d); continue; }
        if (!e.isFile()) continue;
        const buf = fs.readFileSync(s);
        let same = false;
        try { same = fs.readFileSync(d).equals(buf); } catch { /* missing */ }
        if (!same) {
          if (e.name === 'package-lock.json' || e.name === 'package.json') lockChanged = true;
          try { fs.chmodSync(d, 0o644); } catch { /* missing */ }
          fs.writeFileSync(d, buf);
          fs.chmodSync(d, (fs.statSync(s).mode & 0o111) ? 0o755 : 0o644); // writable copy of a read-only kit
        }
      }
    };
    copyTree(o.kitSrc, o.kit);
  }
  const installed = fs.existsSync(path.join(o.kit, 'node_modules', '.bin', 'eslint'));
  const needInstall = !installed || lockChanged;
  if (needInstall && o.install && o.eslint) {
    log(`npm install in ${path.relative(ROOT, o.kit) || o.kit} (~400 packages, once)`);
    const r = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: o.kit, capture: true });
    if (r.code !== 0) die(`npm install in ${o.kit} failed:\n${r.stderr.slice(-2000)}`);
  } else if (needInstall) {
    notes.push(`kit not npm-installed (${o.eslint ? '--no-install' : '--no-eslint'}): floor parsers resolve from the project's node_modules`);
  }
  for (const f of KIT_FILES.slice(0, 7)) if (!fs.existsSync(path.join(o.kit, f))) die(`kit file missing: ${path.join(o.kit, f)}`);
}
syncKit();
const K = (f) => path.join(o.kit, f);
const ESLINT = K('node_modules/.bin/eslint');
const haveEslint = o.eslint && fs.existsSync(ESLINT);
if (o.eslint && !haveEslint) notes.push('ESLint peer not installed in the kit: ESLint rows are n/a');

// parser versions actually used by the floor commands (resolved like parse-floor.mjs does: kit first)
function versionOf(pkg) {
  for (let d = o.kit; ; d = path.dirname(d)) {
    const p = path.join(d, 'node_modules', pkg, 'package.json');
    if (fs.existsSync(p)) return readJson(p)?.version ?? '?';
    if (path.dirname(d) === d) return null;
  }
}
const parserVersions = { '@babel/parser': versionOf('@babel/parser'), yaml: versionOf('yaml'), dotenv: versionOf('dotenv'), eslint: haveEslint ? versionOf('eslint') : null };

// ------------------------------------------------------------------ 2. build
if (o.build) {
  log('build (node scripts/build.mjs)');
  const r = run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { capture: true });
  if (r.code !== 0) notes.push(`build failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
}
// Run from a snapshot of dist/: other work on the same tree (npm test rebuilds dist/) must not swap the
// bundles in the middle of a run.
const SNAP = path.join(o.out, 'dist');
fs.rmSync(SNAP, { recursive: true, force: true });
if (fs.existsSync(path.join(ROOT, 'dist'))) fs.cpSync(path.join(ROOT, 'dist'), SNAP, { recursive: true, filter: (src) => !src.endsWith('.vsix') && !src.endsWith('.map') });
const CLI = path.join(SNAP, 'cli.js');
const SERVER = path.join(SNAP, 'server.js');
const haveCli = fs.existsSync(CLI);
const haveServer = fs.existsSync(SERVER);
if (!haveCli) notes.push('dist/cli.js not found: CLI rows are n/a');
if (!haveServer) notes.push('dist/server.js not found: LSP rows are n/a');

// ------------------------------------------------------------------ 3. corpus
const corpusName = o.files === 3000 && o.seed === 42 ? 'corpus' : `corpus-f${o.files}${o.seed === 42 ? '' : `-s${o.seed}`}`;
const C = path.join(o.out, corpusName);
{
  const hasManifest = fs.existsSync(path.join(C, 'manifest.json'));
  const hasBig = fs.existsSync(path.join(C, 'big', 'huge.env'));
  if (!hasManifest || (o.big && !hasBig)) {
    log(`generate corpus ${path.relative(ROOT, C)} (--files ${o.files} --seed ${o.seed}${o.big ? ' --big' : ''})`);
    const r = run(process.execPath, [K('gen-corpus.mjs'), '--out', C, '--seed', String(o.seed), '--files', String(o.files), ...(o.big ? ['--big'] : []), ...(fs.existsSync(C) ? ['--force'] : [])], { capture: true });
    if (r.code !== 0) die(`gen-corpus failed:\n${r.stderr.slice(-2000)}`);
    const h = /content sha256: (\w+)/.exec(r.stdout);
    if (h) fs.writeFileSync(path.join(C, '.content-hash'), h[1] + '\n');
  }
}
const manifest = readJson(path.join(C, 'manifest.json'));
const corpusInfo = {
  dir: C, seed: o.seed, files: manifest?.files?.filter((f) => !f.big && !f.sample).length ?? null,
  bytes: manifest?.files?.filter((f) => !f.big && !f.sample).reduce((a, f) => a + (f.bytes ?? 0), 0) ?? null,
  contentHash: fs.existsSync(path.join(C, '.content-hash')) ? fs.readFileSync(path.join(C, '.content-hash'), 'utf8').trim() : null,
};

// ------------------------------------------------------------------ cmd-bench wrapper
function cmdBench(name, cmds, { runs, warmup, cwd = C }) {
  const json = path.join(o.out, `${name}.json`);
  try { fs.rmSync(json); } catch { /* none */ }
  log(`cmd-bench ${name}: ${cmds.map((c) => c.split('::')[0]).join(' | ')} (${runs} runs + ${warmup} warm-up, interleaved)`);
  const r = run(process.execPath, [K('cmd-bench.mjs'), '--runs', String(runs), '--warmup', String(warmup), '--cwd', cwd, '--json', json, '--', ...cmds], { capture: true });
  if (r.stdout) process.stderr.write(r.stdout.replace(/^/gm, '  '));
  const j = readJson(json);
  if (!j) { notes.push(`cmd-bench ${name} failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`); return null; }
  return j;
}
const row = (j, name) => j?.rows?.find((x) => x.name === name) ?? null;
/** median over rounds of a.wall / b.wall (paired) */
const pairedRatio = (a, b) => (a && b ? med(a.runs.map((x, i) => x.wall / b.runs[i]?.wall)) : NaN);

// ------------------------------------------------------------------ 4. corpus run: floor | cli | eslint
const F = `node ${q(K('parse-floor.mjs'))} --corpus . --single --only`;
const corpusCmds = [`floor::${F} js:babel7 >/dev/null && ${F} yaml:doc >/dev/null && ${F} env:dotenv >/dev/null`];
if (haveCli) corpusCmds.push(`cli::node ${q(CLI)} --format sarif services`);
if (haveEslint) corpusCmds.push(`eslint::${q(ESLINT)} -c ${q(K('peers/eslint-restricted.config.mjs'))} services`);
const corpusRun = cmdBench('cmd-corpus', corpusCmds, { runs: o.runs, warmup: o.warmup });
const floorRow = row(corpusRun, 'floor'), cliRow = row(corpusRun, 'cli'), eslintRow = row(corpusRun, 'eslint');
if (floorRow && !floorRow.exitCodes.every((c) => c === 0)) notes.push(`floor command exit codes ${floorRow.exitCodes} (expected 0)`);
if (cliRow && cliRow.exitCodes.some((c) => c !== 0 && c !== 1)) notes.push(`CLI exit codes on the corpus: ${cliRow.exitCodes} (expected 1: findings present)`);
const corpus = {
  floorWallS: r2(floorRow?.wallS.median), cliWallS: r2(cliRow?.wallS.median), eslintWallS: r2(eslintRow?.wallS.median),
  cliCpuS: r2(cliRow?.cpuS.median), floorCpuS: r2(floorRow?.cpuS.median),
  cliOverFloor: r2(cliRow?.ratioToFirst.median), cliOverFloorRange: cliRow ? [r2(cliRow.ratioToFirst.min), r2(cliRow.ratioToFirst.max)] : null,
  eslintOverCli: r2(pairedRatio(eslintRow, cliRow)), eslintOverFloor: r2(eslintRow?.ratioToFirst.median),
  cliMaxRssMB: r1(cliRow?.maxRssMB.max), cliMedianRssMB: r1(cliRow?.maxRssMB.median), eslintMaxRssMB: r1(eslintRow?.maxRssMB.max),
  floorMaxRssMB: r1(floorRow?.maxRssMB.max), cliExitCodes: cliRow?.exitCodes ?? null, runs: o.runs, warmup: o.warmup,
};

// ------------------------------------------------------------------ 5. SARIF + precision/recall
let score = null, sarifInfo = null;
if (haveCli) {
  const sarifPath = path.join(o.out, 'cli.sarif');
  const r = run(process.execPath, [CLI, '--format', 'sarif', 'services'], { cwd: C, stdoutFile: sarifPath, capture: true });
  const sarif = readJson(sarifPath);
  const results = sarif?.runs?.reduce((a, x) => a + (x.results?.length ?? 0), 0) ?? null;
  sarifInfo = { path: sarifPath, exitCode: r.code, results, sha256: crypto.createHash('sha256').update(fs.readFileSync(sarifPath)).digest('hex').slice(0, 16) };
  if (r.stderr.trim()) sarifInfo.stderrTail = r.stderr.trim().split('\n').slice(-5);
  if (!sarif) notes.push(`CLI SARIF is not valid JSON (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`);
  else {
    const sj = path.join(o.out, 'score.json');
    const s = run(process.execPath, [K('score.mjs'), '--corpus', C, '--findings', sarifPath, '--rules', 'auto', '--json', sj], { capture: true });
    if (s.stdout) process.stderr.write(s.stdout.replace(/^/gm, '  '));
    score = s.code === 0 ? readJson(sj) : null;
    if (!score) notes.push(`score.mjs failed: ${s.stderr.trim().split('\n').slice(-2).join(' | ')}`);
  }
}

// ------------------------------------------------------------------ 6. one file vs bare node
const SAMPLES = [['env', 'samples/.env'], ['compose', 'samples/docker-compose.yml'], ['ts', 'samples/src/mail/mailer.ts']];
let single = null;
{
  const cmds = ['node::node -e 0'];
  if (haveCli) for (const [k, f] of SAMPLES) cmds.push(`cli-${k}::node ${q(CLI)} ${f}`);
  for (const [k, f] of SAMPLES) cmds.push(`parse-one-${k}::node ${q(K('parse-one.mjs'))} ${f}`);
  const j = cmdBench('cmd-single', cmds, { runs: o.singleRuns, warmup: o.singleWarmup });
  if (j) {
    single = { nodeWallMs: r1(row(j, 'node').wallS.median * 1000), files: {} };
    for (const [k, f] of SAMPLES) {
      const c = row(j, `cli-${k}`), p = row(j, `parse-one-${k}`);
      single.files[k] = { file: f, cliWallMs: r1(c?.wallS.median * 1000), cliOverNode: r2(c?.ratioToFirst.median), cliExitCodes: c?.exitCodes ?? null, parseOneWallMs: r1(p?.wallS.median * 1000), parseOneOverNode: r2(p?.ratioToFirst.median) };
    }
  }
}

// ------------------------------------------------------------------ 6b. monorepo scale (issue 15)
let mono = null;
if (o.mono && haveCli) mono = monorepoBench({ root: ROOT, out: o.out, cli: CLI, files: o.monoFiles, runs: o.monoRuns, warmup: o.monoWarmup, cmdBench, log, notes });
else if (o.mono) notes.push('monorepo rows need dist/cli.js');

// ------------------------------------------------------------------ 6c. editor on the monorepo (issue 15)
let monoEditor = null;
if (o.mono && o.lsp && haveCli && haveServer && mono) {
  log(`editor on the monorepo: server workspace scan vs CLI, edits on samples/docker-compose.yml during the scan (${o.monoRuns} rounds)`);
  const load = os.loadavg()[0];
  monoEditor = await editorBench({ server: SERVER, cli: CLI, tree: path.join(o.out, 'monorepo', `m${o.monoFiles}`), file: path.join(C, 'samples', 'docker-compose.yml'), rounds: o.monoRuns, log });
  monoEditor.loadavg = { before: r2(load), after: r2(os.loadavg()[0]) };
  for (const e of monoEditor.errors) notes.push(`editor on the monorepo: ${e}`);
  if (monoEditor.files.scan !== monoEditor.files.cli) notes.push(`editor on the monorepo: the scan reported ${monoEditor.files.scan} files with findings, the CLI ${monoEditor.files.cli}`);
}

// ------------------------------------------------------------------ 7. LSP latency
const BIGS = [['huge.env', 'big/huge.env'], ['kubectl-get-all.yaml', 'big/kubectl-get-all.yaml'], ['bundle.min.js', 'big/bundle.min.js']];
// Server settings: lint on type with no debounce (the edit figure must not contain a deliberate delay).
// Names from server/src/lsp (read when it lands); unknown keys are ignored by the server.
// scope openFiles: the kit makes the file's folder the workspace, so with the workspace scan on, the big-file rows
// timed edits while the scan linted all three 5 MiB files beside them; the scan has its own rows (mono-editor-*).
const lspSettings = { mailConfigLint: { enable: true, run: 'onType', debounceMs: 0, scope: 'openFiles', ...(o.lspSettings.mailConfigLint ?? o.lspSettings) } };
function lspLatency(label, file, edits, runs, timeout, settings, serverCmd, extraArgs = []) {
  const json = path.join(o.out, `lsp-${label}-${path.basename(file)}.json`);
  try { fs.rmSync(json); } catch { /* none */ }
  const r = run(process.execPath, [K('lsp-latency.mjs'), '--file', path.isAbsolute(file) ? file : path.join(C, file), ...extraArgs, '--edits', String(edits), '--runs', String(runs), '--timeout', String(timeout), '--settings', JSON.stringify(settings), '--label', label, '--json', json, '--', ...serverCmd], { capture: true, timeout: Math.min(timeout * (edits + 3) * runs + 60000, 600000) });
  if (r.stdout) process.stderr.write(r.stdout.replace(/^/gm, '  '));
  const j = readJson(json);
  if (!j) { notes.push(`lsp-latency ${label} ${file} failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ')}`); return null; }
  const starts = j.perRun.map((x) => (x.initializeMs != null && x.openToDiagMs != null ? x.initializeMs + x.openToDiagMs : NaN));
  return {
    file, bytes: j.bytes, lines: j.lines, runs: j.runs, edits: j.editsPerRun, initializeMs: j.initializeMs.p50, openToDiagnosticsMs: j.openToDiagnosticsMs.p50,
    startToFirstDiagnosticsMs: r1(med(starts)), startToFirstDiagnosticsMaxMs: r1(Math.max(...starts.filter(Number.isFinite))),
    edit: j.editToDiagnosticsMs, peakRssMB: j.peakRssMB, diagnostics: j.diagnosticsCount, timeouts: j.timeouts, errors: j.errors,
  };
}
let lsp = null;
if (o.lsp) {
  lsp = { server: haveServer ? `node ${path.relative(ROOT, SERVER)} --stdio (snapshot of dist/server.js)` : null, settings: lspSettings, small: {}, big: {}, floorSmall: {}, floorBig: {} };
  for (const [k, f] of SAMPLES) {
    log(`lsp ${f}`);
    if (haveServer) lsp.small[k] = lspLatency('mcl', f, o.lspEdits, o.lspRuns, 15000, lspSettings, ['node', SERVER, '--stdio']);
    lsp.floorSmall[k] = lspLatency('floor', f, o.lspEdits, o.lspRuns, 15000, {}, ['node', K('lsp-floor-server.mjs'), '--stdio']);
  }
  if (o.big && fs.existsSync(path.join(C, 'big', 'huge.env'))) {
    for (const [k, f] of BIGS) {
      log(`lsp ${f}`);
      if (haveServer) lsp.big[k] = lspLatency('mcl', f, o.bigEdits, o.bigRuns, 120000, lspSettings, ['node', SERVER, '--stdio']);
      lsp.floorBig[k] = lspLatency('floor', f, o.bigEdits, o.bigRuns, 120000, {}, ['node', K('lsp-floor-server.mjs'), '--stdio']);
    }
  }
}

// ------------------------------------------------------------------ 7b. polyglot corpus (issues 12/13)
let poly = null;
if (o.poly) {
  try {
    poly = await polyglotBench({
      root: ROOT, out: o.out, cli: haveCli ? CLI : null, server: haveServer ? SERVER : null, files: o.polyFiles, seed: o.seed,
      runs: o.runs, warmup: o.warmup, singleRuns: o.singleRuns, singleWarmup: o.singleWarmup, lsp: o.lsp, lspEdits: o.lspEdits,
      lspRuns: o.lspRuns, lspSettings, floorServer: K('lsp-floor-server.mjs'), cmdBench, lspLatency, log, notes,
    });
  } catch (e) { notes.push(`polyglot bench failed: ${e.message}`); }
}

// ------------------------------------------------------------------ 8. .vsix
let vsix = null;
if (o.vsix) {
  const pkg = readJson(path.join(ROOT, 'package.json'));
  if (pkg?.scripts?.package) {
    log('npm run package');
    const t0 = Date.now();
    const r = run('npm', ['run', 'package', '--silent'], { capture: true, timeout: 300000 });
    const out = `${r.stdout}\n${r.stderr}`;
    let file = /Packaged:\s*(\S+\.vsix)/.exec(out)?.[1] ?? null;
    if (file && !path.isAbsolute(file)) file = path.join(ROOT, file);
    if (!file || !fs.existsSync(file)) {
      const cands = [];
      for (const d of [ROOT, path.join(ROOT, 'dist'), path.join(ROOT, 'out')]) { try { for (const n of fs.readdirSync(d)) if (n.endsWith('.vsix')) cands.push(path.join(d, n)); } catch { /* none */ } }
      cands.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
      file = cands.find((c) => fs.statSync(c).mtimeMs >= t0 - 1000) ?? null;
    }
    if (r.code === 0 && file) {
      vsix = { file: path.relative(ROOT, file), bytes: fs.statSync(file).size, kB: r1(fs.statSync(file).size / 1000) };
      // the grammar chunks inside (each loaded only when a file of its language is opened: test/lsp/grammar-loading.test.ts),
      // Prism's WASM included; every file of dist/grammars must be there ("every grammar inside")
      const l = run('unzip', ['-Z1', file], { capture: true });
      if (l.code === 0) {
        const inside = l.stdout.split('\n').filter((n) => /dist\/grammars\/[^/]+\.(js|wasm)$/.test(n)).map((n) => path.basename(n));
        vsix.grammars = inside.map((n) => n.replace(/\.js$/, '')).sort();
        let built = [];
        try { built = fs.readdirSync(path.join(ROOT, 'dist', 'grammars')).filter((n) => /\.(js|wasm)$/.test(n)); } catch { /* not built */ }
        vsix.missingGrammars = built.filter((n) => !inside.includes(n)).sort();
        if (vsix.missingGrammars.length) notes.push(`.vsix lacks grammar files of dist/grammars: ${vsix.missingGrammars.join(', ')}`);
      }
    }
    else notes.push(`npm run package failed (exit ${r.code}): ${out.trim().split('\n').slice(-3).join(' | ')}`);
  } else notes.push('no "package" script in package.json: .vsix size is n/a');
}

// ------------------------------------------------------------------ budgets
const B = [];
const budget = (id, label, value, op, limit, unit, detail = '') => B.push({ id, label, value: value ?? null, op, limit, unit, detail, pass: value == null || !Number.isFinite(value) ? null : op === '<=' ? value <= limit : value >= limit });
budget('cli-floor', 'CLI ÷ summed parse floor (corpus, paired median)', corpus.cliOverFloor, '<=', 0.6, '×', corpus.cliWallS != null ? `${corpus.cliWallS} s vs ${corpus.floorWallS} s` : '');
budget('cli-rss', 'CLI max RSS on the corpus', corpus.cliMaxRssMB, '<=', 150, 'MB', corpus.cliMedianRssMB != null ? `median ${corpus.cliMedianRssMB} MB` : '');
budget('eslint-cli', 'ESLint peer ÷ CLI (paired median)', corpus.eslintOverCli, '>=', 15, '×', corpus.eslintWallS != null ? `${corpus.eslintWallS} s, ${corpus.eslintMaxRssMB} MB` : haveEslint ? '' : 'ESLint not run');
for (const [k] of SAMPLES) { const s = single?.files?.[k]; budget(`one-file-${k}`, `one-file CLI ÷ node -e 0 (${s?.file ?? k})`, s?.cliOverNode, '<=', 1.6, '×', s?.cliWallMs != null ? `${s.cliWallMs} vs ${single.nodeWallMs} ms; parse-one ${s.parseOneOverNode}×` : ''); }
for (const [k, f] of SAMPLES) { const x = lsp?.small?.[k]; budget(`lsp-edit-${k}`, `LSP edit→diagnostics p95 (${f})`, x?.edit?.p95, '<=', 15, 'ms', x ? `p50 ${x.edit.p50}, max ${x.edit.max}; floor p95 ${lsp.floorSmall[k]?.edit?.p95 ?? '-'}` : ''); }
for (const [k, f] of SAMPLES) { const x = lsp?.small?.[k]; budget(`lsp-start-${k}`, `LSP spawn→first diagnostics (${f})`, x?.startToFirstDiagnosticsMs, '<=', 250, 'ms', x ? `init ${x.initializeMs} + open ${x.openToDiagnosticsMs}` : ''); }
const bigSkip = !o.lsp ? '--no-lsp' : !o.big ? '--no-big' : '';
for (const [k, f] of BIGS) { const x = lsp?.big?.[k]; budget(`lsp-big-edit-${k}`, `LSP edit→diagnostics p95 (${f}, 5 MiB)`, x?.edit?.p95, '<=', 500, 'ms', x ? `p50 ${x.edit.p50}, max ${x.edit.max}; floor p95 ${lsp.floorBig[k]?.edit?.p95 ?? '-'}; ${x.diagnostics ?? '?'} diags` : bigSkip); }
for (const [k, f] of BIGS) { const x = lsp?.big?.[k]; budget(`lsp-big-rss-${k}`, `LSP server peak RSS (${f})`, x?.peakRssMB, '<=', 250, 'MB', x ? `floor ${lsp.floorBig[k]?.peakRssMB ?? '-'} MB` : bigSkip); }
budget('vsix', '.vsix size (every grammar inside; issues 12/13: 1 MB)', vsix?.kB, '<=', 1000, 'kB', vsix ? `${vsix.file}; grammar chunks: ${vsix.grammars?.join(', ') ?? '?'}${vsix.missingGrammars?.length ? `; MISSING ${vsix.missingGrammars.join(', ')}` : ''}` : o.vsix ? '' : '--no-vsix');
budget('precision', 'precision vs answer key (score.mjs --rules auto)', score?.precision, '>=', 0.99, '', score ? `TP ${score.truePositives} FP ${score.falsePositives} (decoys ${score.decoyHits})` : '');
budget('recall', 'recall vs answer key', score?.recall, '>=', 0.99, '', score ? `FN ${score.falseNegatives} of ${score.truePositives + score.falseNegatives}` : '');
const monoSkip = o.mono ? '' : '--no-monorepo';
budget('mono-linear', `monorepo: CLI time per file, ${o.monoFiles} ÷ ${Math.round(o.monoFiles / 10)} files`, mono?.perFileBigOverSmall, '<=', 1.2, '×', mono ? `${mono.wallS.big} s vs ${mono.wallS.small} s` : monoSkip);
budget('mono-concurrency', 'monorepo: --concurrency off ÷ --concurrency 2', mono?.offOverC2, '>=', 1.6, '×', mono ? `${mono.wallS.off} s vs ${mono.wallS.c2} s (cpu ${mono.cpuS.off} vs ${mono.cpuS.c2} s); SARIF ${mono.sarif.identical ? 'identical' : 'DIFFERS'}; load ${mono.loadavg.before}→${mono.loadavg.after}` : monoSkip);
budget('mono-rss', 'monorepo: CLI peak RSS', mono?.maxRssMB, '<=', 300, 'MB', mono ? `${mono.files} files` : monoSkip);
budget('mono-ignored', 'monorepo: ignored folders doubled ÷ as generated', mono?.ignored2xOverBig, '<=', 1.1, '×', mono ? `${mono.wallS.ignored2x} s vs ${mono.wallS.big} s` : monoSkip);
const edSkip = !o.mono ? '--no-monorepo' : !o.lsp ? '--no-lsp' : '';
budget('mono-editor-scan', 'monorepo: server workspace scan ÷ CLI (same tree, paired)', monoEditor?.scanOverCli, '<=', 2, '×', monoEditor ? `${monoEditor.scanS} s vs ${monoEditor.cliS} s (cpu ${monoEditor.cpuS.scan} vs ${monoEditor.cpuS.cli} s); ${monoEditor.files.scan} files with findings (CLI ${monoEditor.files.cli}); server RSS ${monoEditor.peakRssMB} MB` : edSkip);
budget('mono-editor-edit', 'monorepo: edit→diagnostics p95 during the workspace scan', monoEditor?.edit?.p95, '<=', 15, 'ms', monoEditor ? `p50 ${monoEditor.edit.p50}, max ${monoEditor.edit.max}, n ${monoEditor.edit.n}; load ${monoEditor.loadavg.before}→${monoEditor.loadavg.after}` : edSkip);
await polyglotBudgets(poly, budget, o.poly ? '' : '--no-polyglot');
const failed = B.filter((b) => b.pass === false);

// ------------------------------------------------------------------ 9. profiles (for failing budgets; always for the CLI)
const profiles = {};
const wantCliProfile = haveCli && o.profile;
if (wantCliProfile) {
  try {
    const dir = path.join(o.out, 'prof');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const bundle = await buildReadable(ROOT, 'server/src/cli/main.ts', path.join(dir, 'cli.js'));
    log('profile: CLI on the corpus (--cpu-prof, readable bundle)');
    const t0 = process.hrtime.bigint();
    const r = run(process.execPath, ['--cpu-prof', '--cpu-prof-dir', path.join(dir, 'cli'), '--cpu-prof-interval', '250', bundle, '--format', 'sarif', 'services'], { cwd: C, stdoutFile: path.join(dir, 'cli.sarif'), capture: true });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const p = newestProfile(path.join(dir, 'cli'));
    if (p) profiles.cli = { what: 'node --cpu-prof dist/cli.js --format sarif services (un-minified bundle)', wallMs: r1(wallMs), exitCode: r.code, ...summariseProfile(p, bundle, { top: 20 }) };
    else notes.push(`CLI profile: no .cpuprofile written (exit ${r.code})`);
  } catch (e) { notes.push(`CLI profile failed: ${e.message}`); }
}
// per-kind split: the CLI on only the env / yaml / js files, beside the floor of that kind (one interleaved run)
if (haveCli && manifest && (o.split || (failed.some((b) => b.id === 'cli-floor') && o.profile))) {
  const lists = {};
  for (const f of manifest.files) if (!f.big && !f.sample) (lists[f.kind] ??= []).push(f.path);
  const cmds = [];
  for (const kind of ['env', 'yaml', 'js']) {
    if (!lists[kind]?.length) continue;
    const listFile = path.join(o.out, `files-${kind}.txt`);
    fs.writeFileSync(listFile, lists[kind].join('\n') + '\n');
    const floorId = { env: 'env:dotenv', yaml: 'yaml:doc', js: 'js:babel7' }[kind];
    cmds.push(`floor-${kind}::${F} ${floorId} >/dev/null`, `cli-${kind}::xargs -a ${q(listFile)} node ${q(CLI)} --format sarif >/dev/null`);
  }
  const j = cmdBench('cmd-split', cmds, { runs: Math.max(1, Math.min(3, o.runs)), warmup: 0 });
  if (j) {
    profiles.split = {};
    for (const kind of ['env', 'yaml', 'js']) {
      const fl = row(j, `floor-${kind}`), c = row(j, `cli-${kind}`);
      if (fl && c) profiles.split[kind] = { files: lists[kind].length, floorWallS: r2(fl.wallS.median), cliWallS: r2(c.wallS.median), cliOverFloor: r2(pairedRatio(c, fl)), cliMaxRssMB: r1(c.maxRssMB.max) };
    }
  }
}
// LSP: one profiled run of the server on each file whose budget failed
if (haveServer && o.profile) {
  const lspFails = failed.filter((b) => b.id.startsWith('lsp-'));
  const files = new Set();
  for (const b of lspFails) {
    const k = b.id.replace(/^lsp-(big-)?(edit|start|rss)-/, '');
    const f = (b.id.startsWith('lsp-big') ? BIGS : SAMPLES).find(([kk]) => kk === k)?.[1];
    if (f) files.add(f);
  }
  if (files.size) {
    try {
      const dir = path.join(o.out, 'prof');
      fs.mkdirSync(dir, { recursive: true });
      const bundle = await buildReadable(ROOT, 'server/src/lsp/main.ts', path.join(dir, 'server.js'));
      for (const f of files) {
        const pd = path.join(dir, `server-${path.basename(f)}`);
        fs.rmSync(pd, { recursive: true, force: true });
        log(`profile: LSP server on ${f}`);
        const big = f.startsWith('big/');
        lspLatency('profile', f, big ? 3 : 10, 1, big ? 120000 : 15000, lspSettings, ['node', '--cpu-prof', '--cpu-prof-dir', pd, '--cpu-prof-interval', '250', bundle, '--stdio']);
        const p = newestProfile(pd);
        if (p) profiles[`lsp:${f}`] = { what: `node --cpu-prof server (un-minified bundle) --stdio, lsp-latency on ${f}`, ...summariseProfile(p, bundle, { top: 20 }) };
        else notes.push(`LSP profile on ${f}: no .cpuprofile written (server killed before exit?)`);
      }
    } catch (e) { notes.push(`LSP profile failed: ${e.message}`); }
  }
}

// ------------------------------------------------------------------ report
function withUnit(x, unit) { return `${x}${unit === '×' ? '×' : unit ? ' ' + unit : ''}`; }
function fmtV(b) { return b.value == null ? 'n/a' : withUnit(b.value, b.unit); }
/** The budget itself, e.g. "≤ 0.6×", "≥ 0.99". */
function fmtLimit(b) { return `${b.op === '<=' ? '≤' : '≥'} ${withUnit(b.limit, b.unit)}`; }
const lines = [];
lines.push(`Mail Config Lint bench — ${new Date().toISOString()} — ${os.cpus().length} cpus (${os.cpus()[0]?.model?.trim() ?? '?'}), node ${process.versions.node}`);
lines.push(`corpus ${path.relative(ROOT, C) || C}: ${corpusInfo.files ?? '?'} files, ${corpusInfo.bytes != null ? (corpusInfo.bytes / 1048576).toFixed(1) : '?'} MiB (seed ${o.seed}${corpusInfo.contentHash ? `, content ${corpusInfo.contentHash}` : ''}); corpus run ${o.runs} rounds + ${o.warmup} warm-up, interleaved`);
lines.push('');
const W = Math.max(...B.map((b) => b.label.length));
lines.push(`${'budget'.padEnd(W)}  ${'measured'.padStart(10)}  ${'budget'.padStart(9)}  result  detail`);
for (const b of B) lines.push(`${b.label.padEnd(W)}  ${fmtV(b).padStart(10)}  ${fmtLimit(b).padStart(9)}  ${b.pass == null ? 'n/a ' : b.pass ? 'pass' : 'FAIL'}    ${b.detail}`);
lines.push('');
lines.push(`absolute (medians; compare ratios, not seconds): floor ${corpus.floorWallS ?? '-'} s, CLI ${corpus.cliWallS ?? '-'} s (cpu ${corpus.cliCpuS ?? '-'} s), ESLint ${corpus.eslintWallS ?? '-'} s (${corpus.eslintOverFloor ?? '-'}× floor, ${corpus.eslintMaxRssMB ?? '-'} MB); node -e 0 ${single?.nodeWallMs ?? '-'} ms`);
lines.push(`machine load average (1/5/15 min): ${loadStart.map((x) => x.toFixed(2)).join(' ')} at the start, ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at the end (${os.cpus().length} cpus)`);
if (poly?.corpus) lines.push(`polyglot corpus (${poly.files} files): floor ${poly.corpus.floorWallS} s, CLI ${poly.corpus.cliWallS} s (cpu ${poly.corpus.cliCpuS} s)`);
if (profiles.split) lines.push(`per kind (CLI on that kind's files only ÷ that kind's floor): ${Object.entries(profiles.split).map(([k, x]) => `${k} ${x.cliOverFloor}× (${x.cliWallS} s vs ${x.floorWallS} s)`).join('; ')}`);
const showProfiles = o.forceProfile || failed.length;
if (showProfiles) {
  for (const [k, p] of Object.entries(profiles)) {
    if (k === 'split') continue;
    if (k === 'cli' && !o.forceProfile && !failed.some((b) => b.id.startsWith('cli-') || b.id.startsWith('one-file'))) continue;
    lines.push('');
    lines.push(...formatProfile(`profile ${k} (${p.what})`, p));
  }
}
if (notes.length) { lines.push(''); for (const n of notes) lines.push(`note: ${n}`); }
lines.push('');
lines.push(`${B.filter((b) => b.pass).length} pass, ${failed.length} fail, ${B.filter((b) => b.pass == null).length} n/a; JSON: ${path.relative(ROOT, o.json) || o.json} (${((Date.now() - t00) / 1000).toFixed(0)} s)`);
console.log(lines.join('\n'));

const report = {
  tool: 'scripts/bench.mjs', date: new Date().toISOString(), elapsedS: Math.round((Date.now() - t00) / 1000),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model?.trim() ?? null, node: process.versions.node, platform: `${os.platform()} ${os.release()}` },
  options: { runs: o.runs, warmup: o.warmup, quick: o.quick, files: o.files, seed: o.seed, eslint: o.eslint, lsp: o.lsp, big: o.big, singleRuns: o.singleRuns, lspEdits: o.lspEdits, lspRuns: o.lspRuns, bigEdits: o.bigEdits, bigRuns: o.bigRuns, mono: o.mono, monoFiles: o.monoFiles, monoRuns: o.monoRuns, poly: o.poly, polyFiles: o.polyFiles },
  corpusInfo, parserVersions, budgets: B, pass: failed.length === 0 && B.some((b) => b.pass != null), failed: failed.map((b) => b.id),
  loadavg: { start: loadStart.map(r2), end: os.loadavg().map(r2) },
  corpus, score, sarif: sarifInfo, single, mono, monoEditor, poly, lsp, vsix, profiles, notes, table: lines,
};
fs.mkdirSync(path.dirname(o.json), { recursive: true });
fs.writeFileSync(o.json, JSON.stringify(report, null, 1) + '\n');

if (o.updateDocs) writeDocs(report);

function writeDocs(rep) {
  const doc = path.join(ROOT, 'docs', 'performance.md');
  const begin = '<!-- bench:begin -->', end = '<!-- bench:end -->';
  let text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : `# Performance\n\n${begin}\n${end}\n`;
  const i = text.indexOf(begin), j = text.indexOf(end);
  if (i < 0 || j < i) { log(`${doc} has no ${begin} … ${end} block: not updated`); return; }
  text = text.slice(0, i + begin.length) + '\n' + markdown(rep) + text.slice(j);
  fs.writeFileSync(doc, text);
  log(`updated ${path.relative(ROOT, doc)}`);
}

function markdown(rep) {
  const m = [];
  const cell = (s) => String(s).replace(/\|/g, '\\|');
  m.push(`Run of ${rep.date.slice(0, 16).replace('T', ' ')} UTC: \`npm run bench${rep.options.quick ? ' -- --quick' : ''}\` (${rep.options.runs} interleaved rounds + ${rep.options.warmup} warm-up on the corpus; ${rep.options.singleRuns} on one file; LSP ${rep.options.lspEdits} edits × ${rep.options.lspRuns} runs on the ~200-line samples, ${rep.options.bigEdits} × ${rep.options.bigRuns} on the 5 MiB files), ${rep.machine.cpus} vCPUs (${rep.machine.cpuModel}), Node ${rep.machine.node}. Corpus: seed ${rep.options.seed}, ${rep.corpusInfo.files} files, ${(rep.corpusInfo.bytes / 1048576).toFixed(1)} MiB${rep.corpusInfo.contentHash ? ` (content ${rep.corpusInfo.contentHash})` : ''}. Took ${rep.elapsedS} s.`);
  if (rep.loadavg) m.push('', `Machine load average (1/5/15 min) during the run: ${rep.loadavg.start.join(' / ')} at the start, ${rep.loadavg.end.join(' / ')} at the end (other work shares the ${rep.machine.cpus} vCPUs: the ratios are measured side by side, absolute times drift with it).`);
  m.push('');
  m.push('| budget | measured | budget | result | detail |');
  m.push('| --- | ---: | ---: | :---: | --- |');
  for (const b of rep.budgets) m.push(`| ${cell(b.label)} | ${cell(fmtV(b))} | ${fmtLimit(b)} | ${b.pass == null ? 'n/a' : b.pass ? 'pass' : '**FAIL**'} | ${cell(b.detail)} |`);
  m.push('');
  const c = rep.corpus;
  m.push(`Absolute medians (for orientation only; compare the ratios): summed floor ${c.floorWallS ?? '-'} s, CLI ${c.cliWallS ?? '-'} s (CPU ${c.cliCpuS ?? '-'} s), ESLint ${c.eslintWallS ?? '-'} s (${c.eslintOverFloor ?? '-'}× the floor, ${c.eslintMaxRssMB ?? '-'} MB); \`node -e 0\` ${rep.single?.nodeWallMs ?? '-'} ms. CLI exit codes on the corpus: ${c.cliExitCodes ?? '-'}.`);
  if (rep.score) m.push(`\nPrecision/recall (\`score.mjs --rules auto\` on the CLI's SARIF): TP ${rep.score.truePositives}, FN ${rep.score.falseNegatives}, FP ${rep.score.falsePositives} (decoy hits ${rep.score.decoyHits}); per rule: ${Object.entries(rep.score.perRule).map(([r, x]) => `${r} ${x.found}/${x.total}`).join(', ')}.`);
  if (rep.lsp) {
    m.push('\nLSP detail (ms; p50/p95/max of edit → diagnostics; the floor is the kit\'s do-nothing server on the same file):\n');
    m.push('| file | spawn→init | open→diags | start→first diags | edit p50 | p95 | max | peak RSS MB | floor edit p50/p95 | floor RSS MB |');
    m.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [grp, fl] of [['small', 'floorSmall'], ['big', 'floorBig']]) for (const [k, x] of Object.entries(rep.lsp[grp] ?? {})) {
      const f = rep.lsp[fl]?.[k];
      m.push(`| ${x?.file ?? k} | ${x?.initializeMs ?? '-'} | ${x?.openToDiagnosticsMs ?? '-'} | ${x?.startToFirstDiagnosticsMs ?? '-'} | ${x?.edit?.p50 ?? '-'} | ${x?.edit?.p95 ?? '-'} | ${x?.edit?.max ?? '-'} | ${x?.peakRssMB ?? '-'} | ${f?.edit?.p50 ?? '-'}/${f?.edit?.p95 ?? '-'} | ${f?.peakRssMB ?? '-'} |`);
    }
  }
  if (rep.poly?.score) {
    const pl = rep.poly;
    m.push(`\nPolyglot corpus (\`scripts/gen-polyglot-corpus.mjs --files ${rep.options.polyFiles} --seed ${rep.options.seed}\`: ${pl.files} files, ${(pl.bytes / 1048576).toFixed(1)} MiB; floor parsers: ${Object.entries(pl.languages).map(([k, x]) => `${k} ${x.floorParser} (${x.files} files)`).join(', ')}). Absolute medians: summed floor ${pl.corpus?.floorWallS ?? '-'} s, CLI ${pl.corpus?.cliWallS ?? '-'} s.\n`);
    m.push('| language | precision | recall | TP | FN | FP | decoy hits | known gaps (found) | one-file CLI ms (÷ node) | LSP edit p50/p95 ms (floor p95) |');
    m.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [k, x] of Object.entries(pl.score.perLanguage)) {
      const s1 = pl.single?.files?.[k], l = pl.lsp?.small?.[k];
      m.push(`| ${k} | ${x.precision} | ${x.recall} | ${x.truePositives} | ${x.falseNegatives} | ${x.falsePositives} | ${x.decoyHits} | ${x.knownGaps} (${x.knownGapsFound}) | ${s1 ? `${s1.cliWallMs} (${s1.cliOverNode}×)` : '-'} | ${l ? `${l.edit?.p50}/${l.edit?.p95} (${pl.lsp.floor[k]?.edit?.p95 ?? '-'})` : '-'} |`);
    }
    const gaps = Object.entries(pl.score.perLanguage).flatMap(([k, x]) => Object.entries(x.gaps ?? {}).map(([g, n]) => `${k}: ${g} (${n})`));
    if (gaps.length) m.push(`\nKnown linter gaps marked in the answer key (true findings the linter misses today; not in the gated figures): ${gaps.join('; ')}.`);
  }
  if (rep.profiles?.split) m.push(`\nPer kind (CLI on only that kind's files ÷ that kind's floor command, one interleaved run): ${Object.entries(rep.profiles.split).map(([k, x]) => `${k} ${x.cliOverFloor}× (${x.cliWallS} s vs ${x.floorWallS} s, ${x.files} files)`).join('; ')}.`);
  for (const [k, p] of Object.entries(rep.profiles ?? {})) {
    if (k === 'split') continue;
    m.push(`\nProfile \`${k}\` (${p.what}; ${p.totalMs} ms sampled), self time by step:\n`);
    m.push('| step | ms | % |');
    m.push('| --- | ---: | ---: |');
    for (const x of p.steps.slice(0, 10)) m.push(`| ${cell(x.step)} | ${x.ms} | ${x.pct} |`);
  }
  if (rep.notes.length) m.push('\n' + rep.notes.map((n) => `- note: ${n}`).join('\n'));
  return m.join('\n') + '\n';
}
process.exit(o.strict && failed.length ? 1 : 0);
