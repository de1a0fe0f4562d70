// The bench's polyglot rows (issues 12 and 13), used by scripts/bench.mjs. On the corpus of
// scripts/gen-polyglot-corpus.mjs (PHP, Python, INI, Spring .properties, and every language module added to
// scripts/polyglot-corpus/languages/), each figure a ratio measured side by side:
//  - corpus: ONE interleaved cmd-bench run of the summed parse floor (each language's parser alone over every
//    file of that language: polyglot-corpus/floor.mjs --only <lang>, one command per language, chained) and
//    `node dist/cli.js --format sarif services` → CLI ÷ floor (paired median), CLI max RSS;
//  - precision/recall per language (polyglot-corpus/score.mjs on the CLI's SARIF);
//  - one file: `node -e 0` | the CLI on each language's ~200-line sample | that file's parse floor;
//  - LSP: the kit's lsp-latency client (edit → diagnostics p50/p95) on each sample, beside the do-nothing server.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { generatePolyglotCorpus, GENERATOR_VERSION } from './gen-polyglot-corpus.mjs';
import { loadLanguages } from './polyglot-corpus/lib.mjs';
import { reportsFromSarif, scoreReports, formatScore } from './polyglot-corpus/score.mjs';

const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
const r2 = (x) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null);

/**
 * o: { root, out, cli, server, files, seed, runs, warmup, singleRuns, singleWarmup, lsp, lspEdits, lspRuns,
 *      cmdBench(name, cmds, {runs, warmup, cwd}), lspLatency(label, absFile, edits, runs, timeout, settings, cmd, extraArgs),
 *      lspSettings, floorServer, log, notes }
 */
export async function polyglotBench(o) {
  const mods = await loadLanguages();
  const dir = path.join(o.out, `polyglot-f${o.files}-s${o.seed}`);
  const stampFile = path.join(dir, '.generator');
  const stamp = `${GENERATOR_VERSION} ${mods.map((m) => m.id).join(',')}`;
  let gen = null;
  if (!fs.existsSync(path.join(dir, 'manifest.json')) || !fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) {
    o.log(`generate polyglot corpus ${path.relative(o.root, dir)} (--files ${o.files} --seed ${o.seed})`);
    gen = await generatePolyglotCorpus({ out: dir, files: o.files, seed: String(o.seed), force: true });
    fs.writeFileSync(stampFile, stamp);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const files = manifest.files.filter((f) => !f.sample);
  const res = {
    dir, files: files.length, bytes: files.reduce((a, f) => a + f.bytes, 0), languages: {}, corpus: null, score: null, single: null, lsp: null,
  };
  for (const m of mods) res.languages[m.id] = { files: files.filter((f) => f.lang === m.id).length, floorParser: m.floor.id };
  const FLOOR = path.join(o.root, 'scripts', 'polyglot-corpus', 'floor.mjs');
  if (!o.cli) return res;

  // corpus: summed floor | CLI
  const floorCmd = mods.map((m) => `node ${q(FLOOR)} --corpus . --only ${m.id} >/dev/null`).join(' && ');
  const j = o.cmdBench('cmd-polyglot', [`floor::${floorCmd}`, `cli::node ${q(o.cli)} --format sarif services`], { runs: o.runs, warmup: o.warmup, cwd: dir });
  const fl = j?.rows?.find((x) => x.name === 'floor'), cl = j?.rows?.find((x) => x.name === 'cli');
  if (fl && cl) {
    res.corpus = {
      floorWallS: r2(fl.wallS.median), cliWallS: r2(cl.wallS.median), cliCpuS: r2(cl.cpuS.median), cliOverFloor: r2(cl.ratioToFirst.median),
      cliOverFloorRange: [r2(cl.ratioToFirst.min), r2(cl.ratioToFirst.max)], cliMaxRssMB: r1(cl.maxRssMB.max), floorMaxRssMB: r1(fl.maxRssMB.max),
      cliExitCodes: cl.exitCodes, floorExitCodes: fl.exitCodes,
    };
    if (!fl.exitCodes.every((c) => c === 0)) o.notes.push(`polyglot floor exit codes ${fl.exitCodes} (expected 0)`);
  }

  // precision / recall per language
  const sarifPath = path.join(o.out, 'polyglot.sarif');
  const fd = fs.openSync(sarifPath, 'w');
  const r = spawnSync(process.execPath, [o.cli, '--format', 'sarif', 'services'], { cwd: dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  fs.closeSync(fd);
  try {
    const s = scoreReports(dir, reportsFromSarif(JSON.parse(fs.readFileSync(sarifPath, 'utf8')), dir));
    res.score = s;
    o.log(`polyglot precision/recall (CLI exit ${r.status}):\n${formatScore(s).replace(/^/gm, '  ')}`);
  } catch (e) { o.notes.push(`polyglot SARIF not scored (exit ${r.status}): ${e.message}`); }

  // one file: node -e 0 | CLI on each sample | its parse floor
  const samples = mods.map((m) => [m, manifest.files.find((f) => f.sample && f.lang === m.id)]).filter(([, f]) => f);
  const cmds = ['node::node -e 0'];
  for (const [m, f] of samples) cmds.push(`cli-${m.id}::node ${q(o.cli)} ${q(f.path)}`, `floor-${m.id}::node ${q(FLOOR)} --file ${q(f.path)}`);
  const sj = o.cmdBench('cmd-polyglot-single', cmds, { runs: o.singleRuns, warmup: o.singleWarmup, cwd: dir });
  if (sj) {
    const row = (n) => sj.rows.find((x) => x.name === n);
    res.single = { nodeWallMs: r1(row('node').wallS.median * 1000), files: {} };
    for (const [m, f] of samples) {
      const c = row(`cli-${m.id}`), p = row(`floor-${m.id}`);
      res.single.files[m.id] = { file: f.path, lines: f.lines, cliWallMs: r1(c?.wallS.median * 1000), cliOverNode: r2(c?.ratioToFirst.median), cliExitCodes: c?.exitCodes ?? null, floorWallMs: r1(p?.wallS.median * 1000), floorOverNode: r2(p?.ratioToFirst.median) };
    }
  }

  // LSP edit → diagnostics on each ~200-line sample
  if (o.lsp && o.server) {
    res.lsp = { small: {}, floor: {} };
    for (const [m, f] of samples) {
      o.log(`lsp ${f.path}`);
      const extra = ['--language-id', m.languageId ?? m.id];
      res.lsp.small[m.id] = o.lspLatency('mcl-poly', path.join(dir, f.path), o.lspEdits, o.lspRuns, 15000, o.lspSettings, ['node', o.server, '--stdio'], extra);
      res.lsp.floor[m.id] = o.lspLatency('floor-poly', path.join(dir, f.path), o.lspEdits, o.lspRuns, 15000, {}, ['node', o.floorServer, '--stdio'], extra);
    }
  }
  return res;
}

/** The budget rows of the polyglot bench; `budget(id, label, value, op, limit, unit, detail)` is bench.mjs's. */
export async function polyglotBudgets(p, budget, skip = '') {
  const mods = await loadLanguages();
  const c = p?.corpus;
  budget('poly-cli-floor', 'polyglot corpus: CLI ÷ summed parse floor (paired median)', c?.cliOverFloor, '<=', 0.6, '×', c ? `${c.cliWallS} s vs ${c.floorWallS} s (${p.files} files: ${Object.entries(p.languages).map(([k, x]) => `${k} ${x.files}`).join(', ')})` : skip);
  budget('poly-cli-rss', 'polyglot corpus: CLI max RSS', c?.cliMaxRssMB, '<=', 150, 'MB', c ? `floor ${c.floorMaxRssMB} MB` : skip);
  for (const m of mods) {
    const x = p?.score?.perLanguage?.[m.id];
    const gaps = x?.knownGaps ? `; known gaps ${x.knownGaps} (${x.knownGapsFound} found)` : '';
    budget(`poly-precision-${m.id}`, `polyglot precision (${m.name})`, x?.precision, '>=', 0.99, '', x ? `TP ${x.truePositives} FP ${x.falsePositives} (decoys ${x.decoyHits})` : skip);
    budget(`poly-recall-${m.id}`, `polyglot recall (${m.name})`, x?.recall, '>=', 0.99, '', x ? `FN ${x.falseNegatives} of ${x.truePositives + x.falseNegatives}${gaps}` : skip);
  }
  for (const m of mods) {
    const s = p?.single?.files?.[m.id];
    budget(`poly-one-file-${m.id}`, `one-file CLI ÷ node -e 0 (${s?.file ?? m.id})`, s?.cliOverNode, '<=', 1.6, '×', s ? `${s.cliWallMs} vs ${p.single.nodeWallMs} ms; parse floor ${s.floorOverNode}×` : skip);
  }
  for (const m of mods) {
    const x = p?.lsp?.small?.[m.id];
    budget(`poly-lsp-edit-${m.id}`, `LSP edit→diagnostics p95 (${m.name} sample, ${x?.lines ?? '~200'} lines)`, x?.edit?.p95, '<=', 15, 'ms', x ? `p50 ${x.edit.p50}, max ${x.edit.max}; floor p95 ${p.lsp.floor[m.id]?.edit?.p95 ?? '-'}` : skip || (p?.lsp ? '' : '--no-lsp'));
  }
}
