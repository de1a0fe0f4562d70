#!/usr/bin/env node
// Precision and recall per language of a linter report against the polyglot corpus's answer key.
//
//   node scripts/polyglot-corpus/score.mjs --corpus DIR --sarif REPORT.sarif [--json OUT]
//
// A report matches a key finding when file and rule are the same and its line is one of the finding's `lines`.
// A key finding with a match is a true positive (several reports on one finding count once), one without is a
// false negative. A report of a scored rule that matches no key finding is a false positive; so is a report of
// ANY rule on a decoy line ("decoy hit"). Reports of unscored rules elsewhere (advice such as
// missing-smtp-timeouts) are counted but not scored. Samples (samples/) are left out.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** { file (relative to the corpus), line, rule } of every SARIF result. */
export function reportsFromSarif(sarif, corpusDir) {
  const out = [];
  for (const run of sarif.runs ?? []) {
    for (const r of run.results ?? []) {
      for (const l of r.locations ?? []) {
        const uri = decodeURIComponent(String(l.physicalLocation?.artifactLocation?.uri ?? '')).replace(/^file:\/\//, '');
        out.push({ file: path.isAbsolute(uri) ? path.relative(corpusDir, uri) : path.normalize(uri), line: l.physicalLocation?.region?.startLine ?? 0, rule: r.ruleId });
      }
    }
  }
  return out;
}

export function scoreReports(corpusDir, reports) {
  const key = JSON.parse(fs.readFileSync(path.join(corpusDir, 'answer-key.json'), 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, 'manifest.json'), 'utf8'));
  const scored = new Set(key.scoredRules);
  const langOf = new Map(manifest.files.filter((f) => !f.sample).map((f) => [f.path, f.lang]));
  const per = {};
  const L = (lang) => (per[lang] ??= { truePositives: 0, falseNegatives: 0, falsePositives: 0, decoyHits: 0, unscored: 0, knownGaps: 0, knownGapsFound: 0, misses: [], extras: [], gaps: {} });
  for (const m of manifest.languages) L(m.id);
  const matched = new Set();
  for (const r of reports) {
    const lang = langOf.get(r.file);
    if (!lang) continue;
    const entry = key.files[r.file];
    const fi = entry?.findings.findIndex((f) => f.rule === r.rule && f.lines.includes(r.line)) ?? -1;
    if (fi >= 0) { matched.add(`${r.file}#${fi}`); continue; }
    if (entry?.decoys.some((d) => d.line === r.line)) { L(lang).falsePositives++; L(lang).decoyHits++; L(lang).extras.push({ ...r, decoy: entry.decoys.find((d) => d.line === r.line).why }); continue; }
    if (scored.has(r.rule)) { L(lang).falsePositives++; L(lang).extras.push(r); } else L(lang).unscored++;
  }
  for (const [file, entry] of Object.entries(key.files)) {
    if (!langOf.has(file)) continue; // samples
    entry.findings.forEach((f, i) => {
      if (f.gap) {
        // a known linter gap: counted apart (found or not), never in the gate
        const x = L(entry.lang);
        x.knownGaps++;
        if (matched.has(`${file}#${i}`)) x.knownGapsFound++;
        x.gaps[f.gap] = (x.gaps[f.gap] ?? 0) + 1;
      } else if (matched.has(`${file}#${i}`)) L(entry.lang).truePositives++;
      else { L(entry.lang).falseNegatives++; L(entry.lang).misses.push({ file, line: f.line, rule: f.rule }); }
    });
  }
  const round = (x) => Math.round(x * 10000) / 10000;
  const total = { truePositives: 0, falseNegatives: 0, falsePositives: 0, decoyHits: 0 };
  for (const x of Object.values(per)) {
    x.precision = x.truePositives + x.falsePositives ? round(x.truePositives / (x.truePositives + x.falsePositives)) : 1;
    x.recall = x.truePositives + x.falseNegatives ? round(x.truePositives / (x.truePositives + x.falseNegatives)) : 1;
    for (const k of Object.keys(total)) total[k] += x[k];
  }
  total.precision = total.truePositives + total.falsePositives ? round(total.truePositives / (total.truePositives + total.falsePositives)) : 1;
  total.recall = total.truePositives + total.falseNegatives ? round(total.truePositives / (total.truePositives + total.falseNegatives)) : 1;
  return { perLanguage: per, total };
}

export function formatScore(s) {
  const rows = [`${'language'.padEnd(12)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'TP'.padStart(5)} ${'FN'.padStart(4)} ${'FP'.padStart(4)} ${'decoy'.padStart(5)}`];
  for (const [id, x] of [...Object.entries(s.perLanguage), ['all', s.total]]) rows.push(`${id.padEnd(12)} ${x.precision.toFixed(4).padStart(9)} ${x.recall.toFixed(4).padStart(7)} ${String(x.truePositives).padStart(5)} ${String(x.falseNegatives).padStart(4)} ${String(x.falsePositives).padStart(4)} ${String(x.decoyHits).padStart(5)}`);
  for (const [id, x] of Object.entries(s.perLanguage)) {
    for (const [g, n] of Object.entries(x.gaps)) rows.push(`  ${id} known gap (${n}, not in the figures above): ${g}`);
    if (x.knownGapsFound) rows.push(`  ${id}: ${x.knownGapsFound} of ${x.knownGaps} known-gap findings are reported now (remove their gap mark)`);
    for (const m of x.misses.slice(0, 10)) rows.push(`  ${id} missed ${m.rule} at ${m.file}:${m.line}`);
    for (const e of x.extras.slice(0, 10)) rows.push(`  ${id} extra ${e.rule} at ${e.file}:${e.line}${e.decoy ? ` (decoy: ${e.decoy})` : ''}`);
  }
  return rows.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const o = { corpus: null, sarif: null, json: null };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--corpus') o.corpus = path.resolve(a[++i]);
    else if (a[i] === '--sarif') o.sarif = a[++i];
    else if (a[i] === '--json') o.json = a[++i];
    else { console.error('usage: node scripts/polyglot-corpus/score.mjs --corpus DIR --sarif REPORT [--json OUT]'); process.exit(2); }
  }
  if (!o.corpus || !o.sarif) { console.error('score: --corpus and --sarif are required'); process.exit(2); }
  const s = scoreReports(o.corpus, reportsFromSarif(JSON.parse(fs.readFileSync(o.sarif, 'utf8')), o.corpus));
  console.log(formatScore(s));
  if (o.json) fs.writeFileSync(o.json, JSON.stringify(s, null, 1) + '\n');
}
