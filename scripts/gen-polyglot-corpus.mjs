#!/usr/bin/env node
// gen-polyglot-corpus.mjs — a seeded corpus of mail settings in the code and config languages of issues 12/13
// (PHP, Python, INI, Spring .properties, Java, Go, Ruby, C#, appsettings.json) with an answer key, after ../shared/bench/gen-corpus.mjs.
//
//   node scripts/gen-polyglot-corpus.mjs --out DIR [--files 2000] [--seed 42] [--langs php,python] [--force]
//
// Each language is one plug-in module in scripts/polyglot-corpus/languages/<id>.mjs (see README there):
// { id, name, ext, weight, floor, file(R), sample(R) }. file(R) returns one generated file (or several, for a
// project such as Laravel's config/mail.php + .env) as { file, w: Writer, flavor }, where the Writer recorded
// the answer key: findings (rule id + line, and the other lines a linter may point at for the same finding) and
// decoys (look-alikes no rule may report). Same seed, --files and languages give byte-identical output.
//
// Writes DIR/services/<lang>-NNNN/<path> (files split across languages by weight), DIR/samples/<lang>/<file>
// (about 200 lines each, for the one-file CLI and LSP rows), DIR/manifest.json (path, lang, flavor, bytes,
// lines, sample) and DIR/answer-key.json ({ scoredRules, files: { path: { lang, findings, decoys } } }).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { makeRng, loadLanguages, SCORED_RULES } from './polyglot-corpus/lib.mjs';

export const GENERATOR_VERSION = 1;

/** Generates the corpus into `out`; returns { files, findings, decoys, hash, perLang }. */
export async function generatePolyglotCorpus({ out, files = 2000, seed = '42', langs = null, force = false }) {
  const mods = await loadLanguages(langs);
  if (!mods.length) throw new Error(`no language module matches ${langs}`);
  if (fs.existsSync(out) && fs.readdirSync(out).length) {
    if (!force) throw new Error(`${out} is not empty (use --force)`);
    for (const n of ['services', 'samples', 'manifest.json', 'answer-key.json']) fs.rmSync(path.join(out, n), { recursive: true, force: true });
  }
  const manifest = [];
  const key = {};
  const hash = crypto.createHash('sha256');
  const write = (rel, lang, g, extra = {}) => {
    const text = g.w.text();
    const abs = path.join(out, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    hash.update(rel + '\0' + text + '\0');
    manifest.push({ path: rel, lang, flavor: g.flavor ?? null, bytes: Buffer.byteLength(text), lines: g.w.lines.length, ...extra });
    if (g.w.findings.length || g.w.decoys.length) key[rel] = { lang, findings: g.w.findings, decoys: g.w.decoys };
  };
  const total = mods.reduce((a, m) => a + m.weight, 0);
  const perLang = {};
  for (const m of mods) {
    // one stream per language: adding a language module keeps the others' files (their count follows the weights)
    const R = makeRng(`${seed}:${m.id}`);
    const n = Math.max(1, Math.round((files * m.weight) / total));
    perLang[m.id] = { files: 0, findings: 0, decoys: 0 };
    for (let i = 0; i < n; i++) {
      const dir = `services/${m.id}-${String(i).padStart(4, '0')}`;
      for (const g of [].concat(m.file(R))) {
        write(`${dir}/${g.file}`, m.id, g);
        perLang[m.id].files++;
        perLang[m.id].findings += g.w.findings.length;
        perLang[m.id].decoys += g.w.decoys.length;
      }
    }
    const s = m.sample(R);
    write(`samples/${m.id}/${s.file}`, m.id, s, { sample: true });
  }
  const keyJson = { generator: 'scripts/gen-polyglot-corpus.mjs', version: GENERATOR_VERSION, seed: String(seed), scoredRules: SCORED_RULES, files: key };
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ generator: keyJson.generator, version: GENERATOR_VERSION, seed: String(seed), languages: mods.map((m) => ({ id: m.id, name: m.name, ext: m.ext })), files: manifest }, null, 1) + '\n');
  fs.writeFileSync(path.join(out, 'answer-key.json'), JSON.stringify(keyJson, null, 1) + '\n');
  hash.update(JSON.stringify(keyJson));
  const findings = Object.values(key).reduce((a, f) => a + f.findings.length, 0);
  const decoys = Object.values(key).reduce((a, f) => a + f.decoys.length, 0);
  return { files: manifest.length, findings, decoys, hash: hash.digest('hex').slice(0, 16), perLang };
}

async function main() {
  const o = { out: null, files: 2000, seed: '42', langs: null, force: false };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const v = () => { if (i + 1 >= a.length) die(`${a[i]} needs a value`); return a[++i]; };
    switch (a[i]) {
      case '--out': o.out = path.resolve(v()); break;
      case '--files': o.files = Number(v()); break;
      case '--seed': o.seed = v(); break;
      case '--langs': o.langs = v().split(','); break;
      case '--force': o.force = true; break;
      case '-h': case '--help': console.log('usage: node scripts/gen-polyglot-corpus.mjs --out DIR [--files 2000] [--seed 42] [--langs php,python] [--force]'); return;
      default: die(`unknown argument ${a[i]}`);
    }
  }
  if (!o.out) die('--out DIR is required');
  if (!Number.isInteger(o.files) || o.files < 4) die('--files must be a whole number >= 4');
  const r = await generatePolyglotCorpus(o);
  console.log(`gen-polyglot-corpus: ${r.files} files, ${r.findings} findings, ${r.decoys} decoys in ${o.out}`);
  for (const [id, x] of Object.entries(r.perLang)) console.log(`  ${id.padEnd(12)} ${String(x.files).padStart(5)} files ${String(x.findings).padStart(5)} findings ${String(x.decoys).padStart(5)} decoys`);
  console.log(`content sha256: ${r.hash}`);
}
function die(msg) { console.error(`gen-polyglot-corpus: ${msg}`); process.exit(2); }

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main().catch((e) => die(e.message));
