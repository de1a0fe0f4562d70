#!/usr/bin/env node
// scripts/gen-monorepo.mjs — a generated monorepo for the bench's scale row (issue 15):
//
//   node scripts/gen-monorepo.mjs --out DIR --files N [--ignored N] [--seed 7] [--force]
//
// N files that the CLI walks (1% mail-relevant: .env files, compose files and nodemailer modules, a few
// with findings; the rest ordinary source: TS/JS modules, JSON, Markdown, CSS), in packages/pkg-NNNN/,
// plus `--ignored` more files (default N/5) in folders a linter must not pay for: build/ and vendor/
// (listed in the root .gitignore), dist/ folders (listed in nested .gitignore files) and node_modules/.
// Deterministic for a seed. Writes DIR/.monorepo.json (counts) last, so a half-written tree is redone.
import fs from 'node:fs';
import path from 'node:path';

const a = process.argv.slice(2);
const opt = (name, dflt) => { const i = a.indexOf(name); return i >= 0 ? a[i + 1] : dflt; };
const out = path.resolve(opt('--out', '.bench/monorepo'));
const files = Number(opt('--files', '10000'));
const ignored = Number(opt('--ignored', String(Math.round(files / 5))));
const seed = Number(opt('--seed', '7'));
if (!Number.isInteger(files) || files < 100 || !Number.isInteger(ignored) || ignored < 0) {
  console.error('usage: node scripts/gen-monorepo.mjs --out DIR --files N (>= 100) [--ignored N] [--seed N] [--force]');
  process.exit(2);
}
const stamp = path.join(out, '.monorepo.json');
const want = { files, ignored, seed, version: 1 };
if (!a.includes('--force') && fs.existsSync(stamp) && JSON.stringify(JSON.parse(fs.readFileSync(stamp, 'utf8'))) === JSON.stringify(want)) {
  console.log(`up to date: ${out}`);
  process.exit(0);
}
fs.rmSync(out, { recursive: true, force: true });

// mulberry32: small, deterministic.
let s = seed >>> 0;
const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const madeDirs = new Set();
const write = (rel, text) => {
  const p = path.join(out, rel);
  const d = path.dirname(p);
  if (!madeDirs.has(d)) { fs.mkdirSync(d, { recursive: true }); madeDirs.add(d); }
  fs.writeFileSync(p, text);
};

const WORDS = ['user', 'order', 'cart', 'invoice', 'profile', 'search', 'report', 'session', 'token', 'widget', 'layout', 'metric', 'queue', 'cache', 'router'];
function tsModule(i) {
  const w = pick(WORDS), v = pick(WORDS);
  const lines = [`// ${w} ${v} helpers (generated #${i})`, `import { ${v}Store } from '../${v}/store';`, '', `export interface ${w[0].toUpperCase() + w.slice(1)}Row {`, '  id: string;', '  createdAt: Date;', '  tags: string[];', '}', ''];
  const n = 3 + Math.floor(rnd() * 12);
  for (let k = 0; k < n; k++) {
    lines.push(`export function ${w}${v[0].toUpperCase() + v.slice(1)}${k}(rows: ${w[0].toUpperCase() + w.slice(1)}Row[], limit = ${10 + k}): string[] {`);
    lines.push(`  const seen = new Set<string>();`, `  for (const r of rows) if (r.tags.includes('${v}') && seen.size < limit) seen.add(r.id);`, `  return [...seen].sort();`, '}', '');
  }
  return lines.join('\n');
}
function jsModule(i) {
  return `'use strict';\n// generated #${i}\nconst path = require('node:path');\n\nmodule.exports = function ${pick(WORDS)}(dir) {\n  return path.join(dir, '${pick(WORDS)}.json');\n};\n`;
}
const other = (i) => pick([
  [`data-${i}.json`, JSON.stringify({ id: i, name: pick(WORDS), values: [1, 2, 3] }, null, 2)],
  [`README-${i}.md`, `# ${pick(WORDS)}\n\nGenerated notes #${i}.\n`],
  [`style-${i}.css`, `.${pick(WORDS)} { color: #333; margin: ${i % 17}px; }\n`],
]);

// Mail-relevant files: mostly correct, every fourth with a finding.
function mailFile(i, pkg) {
  const bad = i % 4 === 0;
  switch (i % 3) {
    case 0:
      return [`${pkg}/.env`, `APP_NAME=${pkg}\nSMTP_HOST=smtp.example.com\nSMTP_PORT=${bad ? 465 : 587}\nSMTP_SECURE=false\nSMTP_USER=app@example.com\nSMTP_PASS=\${SMTP_PASS}\n`];
    case 1:
      return [`${pkg}/docker-compose.yml`, `services:\n  app:\n    image: ${pkg}\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: ${bad ? 587 : 465}\n      SMTP_SECURE: "true"\n`];
    default:
      return [`${pkg}/src/mail/mailer.ts`, `import nodemailer from 'nodemailer';\n\nexport const transport = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT),\n  secure: ${bad ? 'true' : 'false'},\n  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },\n});\n`];
  }
}

const perPkg = 100;
const mailEvery = 100; // 1%
let written = 0;
let mail = 0;
const pkgs = Math.ceil(files / perPkg);
for (let p = 0; p < pkgs && written < files; p++) {
  const pkg = `packages/pkg-${String(p).padStart(4, '0')}`;
  for (let k = 0; k < perPkg && written < files; k++) {
    const i = written;
    if (i % mailEvery === 0) {
      const [rel, text] = mailFile(mail++, pkg);
      write(fs.existsSync(path.join(out, rel)) ? rel.replace(/(\.[a-z]+)$/, `-${i}$1`).replace('/.env-', '/.env.') : rel, text);
    } else {
      const sub = `${pkg}/src/${pick(WORDS)}`;
      const r = rnd();
      if (r < 0.55) write(`${sub}/${pick(WORDS)}-${i}.ts`, tsModule(i));
      else if (r < 0.7) write(`${sub}/${pick(WORDS)}-${i}.js`, jsModule(i));
      else { const [name, text] = other(i); write(`${sub}/${name}`, text); }
    }
    written++;
  }
}
// Ignored content: .gitignore'd build/ and vendor/, nested dist/ folders, node_modules. Same kinds of files
// (with mail settings too), so reading any of it would show in the time and the findings.
write('.gitignore', '# generated\nbuild/\nvendor/\n');
let ign = 0;
const ignoredRoots = ['build', 'vendor', 'node_modules', 'packages/pkg-0000/dist'];
if (fs.existsSync(path.join(out, 'packages/pkg-0000'))) write('packages/pkg-0000/.gitignore', 'dist/\n');
while (ign < ignored) {
  const root = ignoredRoots[ign % ignoredRoots.length];
  const rel = `${root}/chunk-${Math.floor(ign / 400)}/${ign % 100 === 0 ? '.env' : `m-${ign}.${ign % 2 ? 'js' : 'ts'}`}`;
  write(rel, ign % 100 === 0 ? 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\n' : tsModule(ign));
  ign++;
}
fs.mkdirSync(path.join(out, '.git', 'info'), { recursive: true });
fs.writeFileSync(stamp, JSON.stringify(want));
console.log(`wrote ${out}: ${written} files (${mail} mail-relevant), ${ign} ignored`);
