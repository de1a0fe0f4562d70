// The .env reader on the benchmark corpus (../shared/bench/gen-corpus.mjs; skipped when the kit is absent):
//  - every .env file: keys and values agree with dotenv.parse;
//  - reader-level recall: every answer-key finding line in a .env file is the site of a field of some config
//    (or of a Node global) — the rules then only have to judge it;
//  - reader-level precision: no config field sits on a decoy line (COOKIE_SECURE, METRICS_PORT=465,
//    API_TLS_REJECT_UNAUTHORIZED, commented-out settings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as dotenv from 'dotenv';
import { tokenizeEnv } from '../../server/src/readers/env/parse';
import { envReader } from '../../server/src/readers/env/index';
import { LineIndex } from '../../server/src/model/lineIndex';
import type { Field, SmtpConfig } from '../../server/src/model/types';

const GEN = path.resolve(__dirname, '../../../shared/bench/gen-corpus.mjs');

function fields(c: SmtpConfig): Field[] {
  return [c.host, c.port, c.url, c.service, c.implicitTls, c.starttls, c.requireTls, c.ignoreTls, c.opportunisticTls, c.verifyCert, c.minTlsVersion, c.ciphers, c.credentials.user, c.credentials.password, ...Object.values(c.extras)].filter((f): f is Field => !!f) as Field[];
}

test('benchmark corpus .env files', { skip: !fs.existsSync(GEN) && 'bench kit not found' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-env-corpus-'));
  try {
    const r = spawnSync(process.execPath, [GEN, '--out', dir, '--files', process.env.CI ? '1500' : '400', '--seed', '11', '--force'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const key = JSON.parse(fs.readFileSync(path.join(dir, 'answer-key.json'), 'utf8'));
    const man = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    let files = 0;
    let keyFindings = 0;
    for (const f of man.files) {
      if (f.kind !== 'env') continue;
      files++;
      const text = fs.readFileSync(path.join(dir, f.path), 'utf8');
      const ours: Record<string, string> = {};
      for (const t of tokenizeEnv(text).tokens) ours[t.key] = t.value;
      assert.deepEqual(ours, { ...dotenv.parse(text) }, `${f.path}: agrees with dotenv`);
      const read = envReader.read(path.join(dir, f.path), text, {});
      assert.deepEqual(read.problems, []);
      const li = new LineIndex(text);
      const lines = new Set<number>();
      for (const c of read.configs) for (const fl of fields(c)) lines.add(li.position(fl.site.value.start).line + 1);
      for (const g of read.globals) lines.add(li.position(g.field.site.value.start).line + 1);
      const entry = key.files[f.path];
      if (!entry) continue;
      for (const k of entry.findings) {
        keyFindings++;
        assert.ok(k.lines.some((l: number) => lines.has(l)), `${f.path}:${k.line} ${k.rule} is on a field of a config`);
      }
      for (const d of entry.decoys) assert.ok(!lines.has(d.line), `${f.path}:${d.line} decoy (${d.why}) is not read as a mail setting`);
    }
    assert.ok(files > 50 && keyFindings > 20, `${files} files, ${keyFindings} findings`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
