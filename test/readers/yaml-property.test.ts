// Property tests for the YAML reader: it never throws, and every span it reports lies inside the text, on
// arbitrary strings and on mutated (half-typed) versions of valid compose/Kubernetes/Spring files. Fixes
// rendered on the valid files keep them parseable YAML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import '../../server/src/register';
import { yamlReader } from '../../server/src/readers/yaml/index';
import { express } from '../../server/src/fixes/intents';
import { renderEdits } from '../../server/src/fixes/render';
import { applyTextEdits } from '../../server/src/model/textEdits';
import type { ReadResult } from '../../server/src/model/types';
import { FIX_INTENTS, spansOf } from './readResult';

const numRuns = process.env.CI ? 5000 : 500;

const SNIPPETS = [
  'services:\n  api:\n    image: ghcr.io/acme/api:1\n    ports:\n      - "25:25"\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 465\n      SMTP_SECURE: "false"\n      SMTP_USER: apikey\n      SMTP_TLS_REJECT_UNAUTHORIZED: false\n  worker:\n    environment:\n      - SMTP_HOST=smtp.example.com\n      - SMTP_PORT=587\n      - "SMTP_SECURE=true"\n      - SMTP_IGNORE_TLS=true\n      - SMTP_USER=u\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  SMTP_HOST: "smtp.example.com"\n  SMTP_PORT: "25"\n  SMTP_USER: "mailer"\n  application.yml: |\n    spring:\n      mail:\n        host: smtp.example.com\n        port: 587\n        username: u\n        properties:\n          mail.smtp.ssl.enable: true\n          mail.smtp.ssl.trust: "*"\n          mail.smtp.ssl.protocols: TLSv1\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: SMTP_HOST\n              value: "smtp.example.com"\n            - name: SMTP_PORT\n              value: "465"\n            - name: SMTP_SECURE\n              value: "false"\n            - name: SMTP_USER\n              valueFrom:\n                secretKeyRef:\n                  name: s\n                  key: username\n',
  'spring:\n  mail:\n    host: smtp.example.com\n    port: 465\n    username: mailer\n    password: ${MAIL_PASSWORD}\n    properties:\n      mail:\n        smtp:\n          auth: true\n          starttls:\n            enable: true\n          ssl:\n            protocols: "TLSv1 TLSv1.1"\n            checkserveridentity: false\n---\nspring:\n  config:\n    activate:\n      on-profile: prod\n  mail:\n    host: smtp.example.com\n    port: 25\n    username: u\n    properties: {"mail.smtp.starttls.enable": false}\n',
  'x-env: &env\n  SMTP_HOST: h.example.com\n  SMTP_PORT: 2525\nservices:\n  a:\n    environment:\n      <<: *env\n      SMTP_SECURE: true\n  b:\n    environment: *env\non: push\njobs:\n  j:\n    env:\n      SMTP_PORT: 25\n      SMTP_USER: ${{ secrets.U }}\n',
];

/** A random edit of one snippet: delete up to `maxDel` characters at some offset, insert up to `maxIns` of `units` there. */
function mutation(maxDel: number, units: string, maxIns: number) {
  return fc.record({
    snippet: fc.nat(SNIPPETS.length - 1),
    at: fc.nat(),
    del: fc.nat(maxDel),
    ins: fc.string({ unit: fc.constantFrom(...units.split('')), maxLength: maxIns }),
  });
}

/** The first mutation's snippet with every mutation applied in turn. */
function mutate(muts: { snippet: number; at: number; del: number; ins: string }[]): string {
  let text = SNIPPETS[muts[0].snippet];
  for (const m of muts) {
    const at = m.at % (text.length + 1);
    text = text.slice(0, at) + m.ins + text.slice(at + m.del);
  }
  return text;
}

function checkRead(text: string): ReadResult {
  const r = yamlReader.read('docker-compose.yml', text, {});
  for (const s of spansOf(r)) {
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `span ${JSON.stringify(s)} outside text of length ${text.length}`);
  }
  for (const c of r.configs) assert.equal(c.credentials.password?.text ?? '***', '***');
  return r;
}

test('no throw and spans inside the text on arbitrary strings', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...' \t\n\r:-#&*[]{}|>"\'=$SMTPmailspring.0123456789'.split('')) }), fc.string()), (s) => {
      checkRead('smtp: ' + s);
      checkRead(s);
    }),
    { numRuns },
  );
});

test('no throw and spans inside the text on mutated valid files', () => {
  fc.assert(
    fc.property(fc.array(mutation(40, ' \t\n:-#&*[]{}|>"\'=${}', 8), { minLength: 1, maxLength: 4 }), (muts) => {
      checkRead(mutate(muts));
    }),
    { numRuns },
  );
});

test('fixes on the valid files keep them parseable and the settings readable', () => {
  let applied = 0;
  for (const src of SNIPPETS) {
    const r = checkRead(src);
    assert.ok(r.configs.length > 0);
    for (let i = 0; i < r.configs.length; i++) {
      for (const intent of FIX_INTENTS) {
        const edits = express(r.configs[i], intent);
        if (!edits) continue;
        const out = applyTextEdits(src, renderEdits(src, edits));
        const errs = parseAllDocuments(out).flatMap((d) => (d as { errors?: unknown[] }).errors ?? []);
        assert.deepEqual(errs, [], `${intent.kind} on ${r.configs[i].label} broke the file:\n${out}`);
        const again = yamlReader.read('docker-compose.yml', out, {});
        assert.equal(again.configs.length, r.configs.length, `${intent.kind} on ${r.configs[i].label} lost a config:\n${out}`);
        applied++;
      }
    }
  }
  assert.ok(applied >= 20, `only ${applied} fixes applied`);
});

// ------------------------------------------------------------------------------------------------
// The line-based reader (fast.ts) against the full parser: wherever it accepts a text that the full
// parser reads without errors, both give the same tree (kinds, keys, scalar values, types and ranges).

import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { fastParse } from '../../server/src/readers/yaml/fast';
import { yamlOptions } from '../../server/src/readers/yaml/index';

function dump(n: unknown): unknown {
  if (isScalar(n)) return { s: n.value, t: n.type, r: n.range?.slice(0, 2), a: n.anchor };
  if (isAlias(n)) return { alias: n.source, r: n.range?.slice(0, 2) };
  if (isMap(n)) return { map: n.items.map((p) => (isPair(p) ? [dump(p.key), dump(p.value)] : '?')), r0: n.range?.[0], a: n.anchor };
  if (isSeq(n)) return { seq: n.items.map(dump), r0: n.range?.[0], a: n.anchor };
  return n ?? null;
}

function sameAsFull(text: string): boolean {
  const fast = fastParse(text);
  if (!fast) return false;
  const full = parseAllDocuments(text);
  const docs = Array.isArray(full) ? full : [];
  if (docs.some((d) => d.errors.length || d.warnings.length)) return false;
  const withContent = docs.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.value === null));
  assert.deepEqual(fast.map((d) => dump(d.contents)), withContent.map((d) => dump(d.contents)), `fast reader disagrees on:\n${text}`);
  return true;
}

test('fast reader: same tree as the full parser on the snippets and their mutations', () => {
  for (const s of SNIPPETS) assert.ok(sameAsFull(s), 'snippet should be in the fast subset');
  let compared = 0;
  fc.assert(
    fc.property(fc.array(mutation(12, ' \n:-#&*"\'|>{}[],xy0', 6), { minLength: 1, maxLength: 3 }), (muts) => {
      if (sameAsFull(mutate(muts))) compared++;
    }),
    { numRuns },
  );
  assert.ok(compared > numRuns / 20, `only ${compared} mutated texts were compared`);
});

test('fast reader: never throws on arbitrary strings', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...' \t\n\r:-#&*[]{}|>"\'=$!%?@`~.0a'.split('')) }), (s) => {
      fastParse(s);
      fastParse('a:\n  ' + s);
    }),
    { numRuns },
  );
});

test('fast mode gives the same configs as the full parser', () => {
  const saved = yamlOptions.fastAboveBytes;
  try {
    for (const s of SNIPPETS) {
      yamlOptions.fastAboveBytes = Infinity;
      const full = JSON.stringify(yamlReader.read('docker-compose.yml', s, {}).configs);
      yamlOptions.fastAboveBytes = 0;
      const fast = JSON.stringify(yamlReader.read('docker-compose.yml', s, {}).configs);
      assert.equal(fast, full);
    }
  } finally {
    yamlOptions.fastAboveBytes = saved;
  }
});

test('fast reader: what it accepts, the full parser reads without errors (so no syntax error goes unreported)', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.array(mutation(8, ' \t\n\r:-#&*"\'|>{}[],xy0\\!?%@`~.+', 5), { minLength: 1, maxLength: 3 }), (muts) => {
      const text = mutate(muts);
      if (!fastParse(text)) return;
      accepted++;
      const docs = parseAllDocuments(text, { uniqueKeys: false, strict: false });
      const errs = (Array.isArray(docs) ? docs : []).flatMap((d) => d.errors.map((e) => e.message));
      assert.deepEqual(errs, [], `fast reader accepted a text with syntax errors:\n${text}`);
    }),
    { numRuns },
  );
  assert.ok(accepted > 0);
});
