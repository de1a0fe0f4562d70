// The rule catalogue as a whole: ids, metadata, docs pages, the README index, and the port advice the docs give.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules, ruleById } from '../../server/src/rules/index';
import { helpUri } from '../../server/src/rules/types';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');

describe('rule catalogue', () => {
  it('has unique kebab-case ids and complete metadata', () => {
    const ids = rules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ruleById.size, ids.length);
    for (const r of rules) {
      assert.match(r.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(['error', 'warning', 'info'].includes(r.meta.defaultSeverity), r.meta.id);
      assert.ok(r.checkConfig || r.checkGlobal, `${r.meta.id} checks something`);
      assert.ok(!/\.$/.test(r.meta.short), `${r.meta.id}: short description without a final period`);
      assert.match(helpUri(r.meta.id), new RegExp(`/docs/rules/${r.meta.id}\\.md$`));
    }
  });

  it('covers the rules the engine issue requires', () => {
    for (const id of [
      'implicit-tls-port-without-tls', 'starttls-port-with-implicit-tls', 'conflicting-tls-flags', 'env-string-as-boolean',
      'cross-file-port-mode-mismatch', 'tls-verification-disabled', 'legacy-tls-version', 'tls-disabled-with-credentials',
      'opportunistic-tls-fallback', 'starttls-not-enforced', 'port-25-with-credentials', 'port-25-egress-blocked',
      'provider-port-unsupported', 'provider-requires-tls', 'suspicious-smtp-port', 'nodemailer-unknown-service',
      'nodemailer-service-overrides', 'laravel-invalid-mail-scheme', 'laravel-mail-encryption-ignored',
      'symfony-dsn-port-implicit', 'hardcoded-smtp-credentials', 'deprecated-mail-setting',
    ]) assert.ok(ruleById.has(id), id);
  });

  it('has a docs page per rule (what, why, examples, fix safety, sources) and an index', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const r of rules) {
      const p = join(DOCS, `${r.meta.id}.md`);
      assert.ok(existsSync(p), `docs/rules/${r.meta.id}.md`);
      const md = readFileSync(p, 'utf8');
      assert.ok(md.startsWith(`# ${r.meta.id}\n`), `${r.meta.id}: title`);
      for (const h of ['## What it does', '## Why is this bad?', '### Bad', '### Good', '## Fix safety', '## Sources']) assert.ok(md.includes(h), `${r.meta.id}: ${h}`);
      assert.ok(index.includes(`(${r.meta.id}.md)`), `README lists ${r.meta.id}`);
      // In sync with the rule's metadata (regenerate with: npx tsx test/rules/docs-gen/gen.ts)
      for (const part of [r.meta.long, r.meta.fixSafety, ...r.meta.sources]) assert.ok(md.includes(part), `${r.meta.id}.md is out of date: run npx tsx test/rules/docs-gen/gen.ts`);
    }
  });

  it('never calls port 465 deprecated, and says it is not', () => {
    for (const r of rules) {
      const text = `${r.meta.short} ${r.meta.long} ${r.meta.fixSafety}`;
      assert.ok(!/465[^.]*\b(is|as) (deprecated|legacy|obsolete)/i.test(text), `${r.meta.id} repeats the 465 myth`);
    }
    const one = readFileSync(join(DOCS, 'implicit-tls-port-without-tls.md'), 'utf8');
    assert.match(one, /465 is not deprecated/);
    assert.match(readFileSync(join(DOCS, 'README.md'), 'utf8'), /465[\s\S]*not\*?\s+deprecated/);
  });
});
