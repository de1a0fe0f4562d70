#!/usr/bin/env node
// The parse floor of the polyglot corpus: one language's best parser alone over every file of that language
// (read + parse, one cold pass in one process, like parse-floor.mjs --single of the bench kit). The summed floor
// of the corpus is one such command per language, run one after the other.
//
//   node scripts/polyglot-corpus/floor.mjs --corpus DIR --only php        # every php file of the corpus
//   node scripts/polyglot-corpus/floor.mjs --file samples/php/Mailer.php  # one file (the one-file floor)
//
// Parsers come from the language modules (languages/<id>.mjs `floor`), resolved from the project's node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadLanguages } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const o = { corpus: null, only: null, file: null };
const a = process.argv.slice(2);
for (let i = 0; i < a.length; i++) {
  if (a[i] === '--corpus') o.corpus = path.resolve(a[++i]);
  else if (a[i] === '--only') o.only = a[++i];
  else if (a[i] === '--file') o.file = path.resolve(a[++i]);
  else { console.error('usage: floor.mjs --corpus DIR --only LANG | --file FILE'); process.exit(2); }
}
const mods = await loadLanguages();
const mod = o.file ? mods.find((m) => o.file.endsWith(m.ext)) : mods.find((m) => m.id === o.only);
if (!mod) { console.error(`floor: no language module for ${o.file ?? o.only}`); process.exit(2); }
const req = createRequire(path.join(ROOT, 'package.json'));
// @ruby/prism's loader goes through node:wasi, which prints an ExperimentalWarning: not the floor's output
process.removeAllListeners('warning');
/** The parser package: required, or imported when it is an ES module only (@ruby/prism). */
async function loadPackage(pkg) {
  if (!pkg) return null;
  try {
    return req(pkg);
  } catch (e) {
    if (e.code !== 'ERR_REQUIRE_ESM') throw e;
    return import(pathToFileURL(req.resolve(pkg)).href);
  }
}
// `make` may be async (a WASM parser is instantiated once, before the timed files)
const parse = await mod.floor.make(await loadPackage(mod.floor.pkg));
let files;
if (o.file) files = [o.file];
else {
  if (!o.corpus) { console.error('floor: --corpus DIR is required with --only'); process.exit(2); }
  const manifest = JSON.parse(fs.readFileSync(path.join(o.corpus, 'manifest.json'), 'utf8'));
  files = manifest.files.filter((f) => f.lang === mod.id && !f.sample && f.path.endsWith(mod.ext)).map((f) => path.join(o.corpus, f.path));
}
let bytes = 0;
for (const f of files) { const text = fs.readFileSync(f, 'utf8'); bytes += text.length; parse(text); }
console.log(`${mod.floor.id}: ${files.length} files, ${(bytes / 1048576).toFixed(2)} MiB`);
