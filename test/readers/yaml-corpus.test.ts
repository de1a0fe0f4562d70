// The YAML reader against the benchmark corpus (../shared/bench/gen-corpus.mjs) and its answer key: the six
// key rules, evaluated here in their simplest form on what the reader found, must reach every YAML finding
// of the key (one of its `lines`) and report nothing else — compose env maps/lists, Spring application.yml
// nested/flat/multi-profile, ConfigMaps with embedded application.yml, Deployment env lists, Services,
// Ingresses, the single-document `kind: List` dump. This checks the reader (fields, values, sites), not the
// rule modules. Then every fix the expressers offer for those configs is applied: the file stays valid YAML.
// Skipped when the bench kit is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import '../../server/src/register';
import { yamlReader, yamlOptions } from '../../server/src/readers/yaml/index';
import { fastParse } from '../../server/src/readers/yaml/fast';
import { express, type Intent } from '../../server/src/fixes/intents';
import { renderEdits } from '../../server/src/fixes/render';
import { applyTextEdits } from '../../server/src/model/textEdits';
import { LineIndex } from '../../server/src/model/lineIndex';
import type { Field, ReadResult, SmtpConfig } from '../../server/src/model/types';

const GEN = path.resolve(__dirname, '../../../shared/bench/gen-corpus.mjs');

const truthy = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;
const falsy = (v: unknown) => v === false || v === 'false' || v === '0' || v === 0;

interface Report {
  rule: string;
  line: number;
  cfg?: SmtpConfig;
}

function evaluate(r: ReadResult, lineOf: (off: number) => number): Report[] {
  const out: Report[] = [];
  const at = (f: Field) => lineOf(f.site.value.start === f.site.value.end ? f.site.entry.start : f.site.value.start);
  for (const c of r.configs) {
    const p = c.port?.value;
    const u = c.credentials.user;
    if (p === 25 && u && c.port) out.push({ rule: 'port25-with-auth', line: at(c.port), cfg: c });
    if (p === 465 && c.implicitTls && falsy(c.implicitTls.value)) out.push({ rule: 'secure-false-on-465', line: at(c.implicitTls), cfg: c });
    if (p === 587 && c.implicitTls && truthy(c.implicitTls.value)) out.push({ rule: 'secure-true-on-587', line: at(c.implicitTls), cfg: c });
    if (c.verifyCert && c.verifyCert.value === false) out.push({ rule: 'tls-reject-unauthorized-false', line: at(c.verifyCert), cfg: c });
    if (c.ignoreTls && truthy(c.ignoreTls.value) && u) out.push({ rule: 'ignoretls-with-auth', line: at(c.ignoreTls), cfg: c });
    if (c.minTlsVersion && /^TLSv1(\.1)?$/.test(String(c.minTlsVersion.value))) out.push({ rule: 'tls-min-version-tlsv1', line: at(c.minTlsVersion), cfg: c });
  }
  for (const g of r.globals) if (g.field.key === 'NODE_TLS_REJECT_UNAUTHORIZED') out.push({ rule: 'tls-reject-unauthorized-false', line: at(g.field) });
  return out;
}

const INTENT: Record<string, Intent> = {
  'port25-with-auth': { kind: 'port', port: 587 },
  'secure-false-on-465': { kind: 'tls-mode', mode: 'implicit' },
  'secure-true-on-587': { kind: 'tls-mode', mode: 'starttls-required' },
  'tls-reject-unauthorized-false': { kind: 'verify-cert' },
  'ignoretls-with-auth': { kind: 'require-tls' },
  'tls-min-version-tlsv1': { kind: 'min-tls-1.2' },
};

test('reader reaches every YAML finding of a generated corpus, and nothing else', { skip: !existsSync(GEN) && 'bench kit not found' }, (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcl-yamlcorpus-'));
  try {
    execFileSync(process.execPath, [GEN, '--out', dir, '--files', '600', '--seed', '11', '--big', '--big-mb', '0.6', '--force'], { stdio: 'ignore' });
    const key = JSON.parse(readFileSync(path.join(dir, 'answer-key.json'), 'utf8')) as { files: Record<string, { findings: { rule: string; line: number; lines: number[] }[]; decoys: { line: number }[] }> };
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; kind: string; flavor: string }[] };
    let total = 0;
    let found = 0;
    let fixed = 0;
    const misses: string[] = [];
    const extra: string[] = [];
    const broken: string[] = [];
    const notCleared: string[] = [];
    const fastRejected: string[] = [];
    const fastDiffers: string[] = [];
    const boundedDiffers: string[] = [];
    let boundedSkipped = 0;
    const flavors = new Set<string>();
    for (const f of manifest.files) {
      if (f.kind !== 'yaml') continue;
      flavors.add(f.flavor);
      const text = readFileSync(path.join(dir, f.path), 'utf8');
      const saved = yamlOptions.fastAboveBytes;
      yamlOptions.fastAboveBytes = Infinity;
      const r = yamlReader.read(f.path, text, {});
      // The line-based reader must accept every generated file and give the same configs.
      yamlOptions.fastAboveBytes = 0;
      if (!fastParse(text)) fastRejected.push(f.path);
      else if (JSON.stringify(yamlReader.read(f.path, text, {}).configs) !== JSON.stringify(r.configs)) fastDiffers.push(f.path);
      yamlOptions.fastAboveBytes = saved;
      // Bounded mode (huge files; forced here on every file): the same configs and globals, and a problem
      // that says so when items were skipped.
      const savedBounded = yamlOptions.boundedAboveBytes;
      yamlOptions.boundedAboveBytes = 0;
      const rb = yamlReader.read(f.path, text, {});
      yamlOptions.boundedAboveBytes = savedBounded;
      if (JSON.stringify([rb.configs, rb.globals]) !== JSON.stringify([r.configs, r.globals])) boundedDiffers.push(f.path);
      if (rb.problems.some((p) => /^large file .*bounded mode/.test(p.message))) boundedSkipped++;
      else if (rb.problems.length) boundedDiffers.push(`${f.path}: ${JSON.stringify(rb.problems)}`);
      assert.deepEqual(r.problems, [], `${f.path}: ${JSON.stringify(r.problems)}`);
      const li = new LineIndex(text);
      const lineOf = (off: number): number => li.position(off).line + 1;
      const reports = evaluate(r, lineOf);
      const k = key.files[f.path] ?? { findings: [], decoys: [] };
      const matched = new Set<number>();
      for (const fd of k.findings) {
        total++;
        if (reports.some((x) => fd.lines.includes(x.line))) {
          found++;
          for (const l of fd.lines) matched.add(l);
        } else misses.push(`${f.path}:${fd.line} ${fd.rule}`);
      }
      for (const x of reports) if (!matched.has(x.line)) extra.push(`${f.path}:${x.line} ${x.rule}`);
      // Fixes: apply each report's intent (small files only); the file must stay valid YAML.
      if (text.length > 100_000) continue;
      for (const x of reports) {
        if (!x.cfg) continue;
        const edits = express(x.cfg, INTENT[x.rule]);
        if (!edits) continue;
        let out: string;
        try {
          out = applyTextEdits(text, renderEdits(text, edits));
        } catch (e) {
          broken.push(`${f.path}:${x.line} ${x.rule}: ${(e as Error).message}`);
          continue;
        }
        const errs = parseAllDocuments(out).flatMap((d) => (d as { errors?: unknown[] }).errors ?? []);
        if (errs.length) {
          broken.push(`${f.path}:${x.line} ${x.rule}`);
          continue;
        }
        // The finding is gone: one report fewer of that rule.
        const before = reports.filter((y) => y.rule === x.rule).length;
        const r2 = yamlReader.read(f.path, out, {});
        const li2 = new LineIndex(out);
        const after = evaluate(r2, (off) => li2.position(off).line + 1).filter((y) => y.rule === x.rule).length;
        if (after >= before) notCleared.push(`${f.path}:${x.line} ${x.rule} (${x.cfg.dialect})`);
        fixed++;
      }
    }
    t.diagnostic(`YAML findings reached ${found}/${total}, extra reports ${extra.length}, fixes applied ${fixed}, broken ${broken.length}, not cleared ${notCleared.length}, bounded mode skipped items in ${boundedSkipped} files`);
    for (const fl of ['compose', 'spring', 'k8s', 'k8s-list']) assert.ok(flavors.has(fl), `corpus has no ${fl} file`);
    assert.ok(total > 100, `only ${total} YAML findings in the key`);
    // The key counts `starttls.enable: false` + `ssl.enable: true` on 465 as "ignoreTLS"; JavaMail ignores
    // STARTTLS settings under implicit TLS, so the reader does not (allow a handful of those).
    assert.ok(found / total >= 0.99, `recall ${found}/${total}; misses:\n${misses.slice(0, 20).join('\n')}`);
    assert.deepEqual(extra, [], 'reports the key does not have');
    assert.deepEqual(broken, [], 'fixes that broke the YAML');
    assert.deepEqual(notCleared, [], 'fixes that did not clear their finding');
    assert.deepEqual(fastRejected, [], 'files the fast reader did not accept');
    assert.deepEqual(fastDiffers, [], 'files where the fast reader gives other configs');
    assert.deepEqual(boundedDiffers, [], 'files where bounded mode gives other configs/globals');
    assert.ok(boundedSkipped > 10, `bounded mode skipped items in only ${boundedSkipped} files`);
    assert.ok(fixed > 50, `only ${fixed} fixes applied`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
