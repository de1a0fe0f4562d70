#!/usr/bin/env node
// scripts/bench-sarif-diff.mjs — are two SARIF reports the same findings? For performance work: a speed-up
// must not change what the CLI reports (compare `.bench/cli.sarif` before and after a change).
//
//   node scripts/bench-sarif-diff.mjs BEFORE.sarif AFTER.sarif [--show 20]
//
// Compares results as (uri, startLine, startColumn, endLine, endColumn, ruleId, level, message, fixes) in any
// order (multiset). Exit 0 = identical, 1 = different (prints what was lost and what is new), 2 = usage/IO.
import fs from 'node:fs';

const a = process.argv.slice(2);
const files = a.filter((x) => !x.startsWith('--'));
const si = a.indexOf('--show');
const show = si >= 0 ? Number(a[si + 1]) : 20;
if (si >= 0) files.splice(files.indexOf(a[si + 1]), 1);
if (files.length !== 2) { console.error('usage: node scripts/bench-sarif-diff.mjs BEFORE.sarif AFTER.sarif [--show 20]'); process.exit(2); }

function keys(sarif) {
  const out = [];
  for (const run of sarif.runs ?? []) {
    for (const r of run.results ?? []) {
      const l = r.locations?.[0]?.physicalLocation;
      const g = l?.region ?? {};
      const fixes = (r.fixes ?? []).map((f) => JSON.stringify([f.description?.text, (f.artifactChanges ?? []).map((c) => [c.artifactLocation?.uri, (c.replacements ?? []).map((x) => [x.deletedRegion, x.insertedContent?.text])])]));
      out.push(JSON.stringify([l?.artifactLocation?.uri, g.startLine, g.startColumn, g.endLine, g.endColumn, r.ruleId, r.level, r.message?.text, fixes]));
    }
  }
  return out;
}

let A, B;
try { A = keys(JSON.parse(fs.readFileSync(files[0], 'utf8'))); B = keys(JSON.parse(fs.readFileSync(files[1], 'utf8'))); } catch (e) { console.error(`bench-sarif-diff: ${e.message}`); process.exit(2); }
const count = (xs) => { const m = new Map(); for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1); return m; };
const ca = count(A), cb = count(B);
const lost = [], added = [];
for (const [k, n] of ca) for (let i = 0; i < n - (cb.get(k) ?? 0); i++) lost.push(k);
for (const [k, n] of cb) for (let i = 0; i < n - (ca.get(k) ?? 0); i++) added.push(k);
if (!lost.length && !added.length) { console.log(`identical: ${A.length} results`); process.exit(0); }
console.log(`DIFFERENT: ${A.length} → ${B.length} results; ${lost.length} only in ${files[0]}, ${added.length} only in ${files[1]}`);
for (const k of lost.slice(0, show)) console.log(`  - ${k}`);
for (const k of added.slice(0, show)) console.log(`  + ${k}`);
process.exit(1);
