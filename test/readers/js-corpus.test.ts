// The JS reader against the benchmark corpus (../shared/bench/gen-corpus.mjs) and its answer key: the six
// key rules, evaluated here in their simplest form on what the reader found, must reproduce the key's JS
// findings exactly (same rule, same line), including the minified bundle read in scan mode. This checks
// the reader (fields, values, kinds, sites), not the rule modules. Skipped when the bench kit is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { jsReader, jsReaderOptions, regionStats } from '../../server/src/readers/js/index';
import { LineIndex } from '../../server/src/model/lineIndex';
import type { Field } from '../../server/src/model/types';

const GEN = path.resolve(__dirname, '../../../shared/bench/gen-corpus.mjs');

test('reader reproduces the answer key of a generated corpus (JS/TS files)', { skip: !existsSync(GEN) && 'bench kit not found' }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcl-jscorpus-'));
  try {
    execFileSync(process.execPath, [GEN, '--out', dir, '--files', '500', '--seed', '7', '--big', '--big-mb', '1.2', '--force'], { stdio: 'ignore' });
    const key = JSON.parse(readFileSync(path.join(dir, 'answer-key.json'), 'utf8')) as { files: Record<string, { findings: { rule: string; line: number; lines: number[] }[] }> };
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; kind: string; sample?: boolean }[] };
    let tp = 0;
    let parsed = 0;
    let jsFiles = 0;
    let regionReads = 0;
    const misses: string[] = [];
    const extra: string[] = [];
    for (const f of manifest.files) {
      if (f.kind !== 'js' || f.sample) continue;
      jsFiles++;
      const text = readFileSync(path.join(dir, f.path), 'utf8');
      if (jsReader.mayContainMail(text)) parsed++;
      const before = regionStats.regions;
      const r = jsReader.read(f.path, text, {});
      if (regionStats.regions > before) regionReads++;
      if (jsReader.mayContainMail(text)) {
        // region mode (the normal path) reads exactly what the whole-file parse reads
        jsReaderOptions.regions = false;
        try {
          const full = jsReader.read(f.path, text, {});
          assert.deepEqual(JSON.parse(JSON.stringify([r.configs, r.globals])), JSON.parse(JSON.stringify([full.configs, full.globals])), f.path);
        } finally {
          jsReaderOptions.regions = true;
        }
      }
      const li = new LineIndex(text);
      const lineOf = (off: number): number => li.position(off).line + 1;
      const L = (x: Field): number => lineOf(x.site.key?.start ?? x.site.value.start);
      const lit = (x?: Field) => (x && x.kind === 'literal' ? x.value : undefined);
      const rep: { rule: string; line: number }[] = [];
      for (const c of r.configs) {
        const port = lit(c.port);
        const user = c.credentials.user;
        if (port === 25 && user) rep.push({ rule: 'port25-with-auth', line: L(c.port!) });
        if (port === 465 && lit(c.implicitTls) === false) rep.push({ rule: 'secure-false-on-465', line: L(c.implicitTls!) });
        if (port === 587 && lit(c.implicitTls) === true) rep.push({ rule: 'secure-true-on-587', line: L(c.implicitTls!) });
        if (lit(c.verifyCert) === false) rep.push({ rule: 'tls-reject-unauthorized-false', line: L(c.verifyCert!) });
        if (lit(c.ignoreTls) === true && user) rep.push({ rule: 'ignoretls-with-auth', line: L(c.ignoreTls!) });
        const mv = lit(c.minTlsVersion);
        if (mv === 'TLSv1' || mv === 'TLSv1.1') rep.push({ rule: 'tls-min-version-tlsv1', line: L(c.minTlsVersion!) });
        // Effective mode agrees with the literal settings the key is derived from.
        if (port === 465 && lit(c.implicitTls) === false) assert.notEqual(c.effective.tlsMode, 'implicit');
        if (port === 587 && lit(c.implicitTls) === true) assert.equal(c.effective.tlsMode, 'implicit');
      }
      for (const g of r.globals) if (g.field.value === '0') rep.push({ rule: 'tls-reject-unauthorized-false', line: lineOf(g.field.site.entry.start) });
      const want = key.files[f.path]?.findings ?? [];
      const matched = new Set<number>();
      for (const x of rep) {
        const i = want.findIndex((y, j) => !matched.has(j) && y.rule === x.rule && [y.line, ...y.lines].includes(x.line));
        if (i >= 0) matched.add(i);
        else extra.push(`${f.path}:${x.line} ${x.rule}`);
      }
      tp += matched.size;
      want.forEach((y, j) => {
        if (!matched.has(j)) misses.push(`${f.path}:${y.line} ${y.rule}`);
      });
    }
    assert.deepEqual(misses, [], 'every JS finding of the key is found');
    assert.deepEqual(extra, [], 'nothing the key does not list');
    assert.ok(tp > 50, `enough findings checked (${tp})`);
    assert.ok(parsed < jsFiles * 0.5, `the prefilter skips most files (${parsed}/${jsFiles} parsed)`);
    assert.ok(regionReads > parsed * 0.9, `most parsed files are read in region mode (${regionReads}/${parsed})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
