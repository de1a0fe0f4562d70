// YAML bounded mode (issue 6: huge files): sequence items that do not mention mail settings are skipped,
// everything else is read exactly as in a full read (same configs, fields, sites), and a ReadProblem says
// so. Forced here on small texts through yamlOptions.boundedAboveBytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../server/src/register';
import { yamlReader, yamlOptions } from '../../server/src/readers/yaml/index';
import { fastParse } from '../../server/src/readers/yaml/fast';
import type { ReadResult } from '../../server/src/model/types';
import fc from 'fast-check';

function readBoth(text: string, file = 'k8s.yaml'): { full: ReadResult; bounded: ReadResult } {
  const saved = yamlOptions.boundedAboveBytes;
  try {
    yamlOptions.boundedAboveBytes = Infinity;
    const full = yamlReader.read(file, text, {});
    yamlOptions.boundedAboveBytes = 0;
    const bounded = yamlReader.read(file, text, {});
    return { full, bounded };
  } finally {
    yamlOptions.boundedAboveBytes = saved;
  }
}

const isBoundedNote = (m: string) => /^large file .*bounded mode/.test(m);

const deployment = (name: string, env: string) => `- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: ${name}
  spec:
    template:
      spec:
        containers:
          - name: ${name}
            image: registry.example.com/${name}:1.0
            ports:
              - containerPort: 3000
            env:
${env}
            resources:
              requests:
                cpu: 250m
`;
const service = (name: string) => `- apiVersion: v1
  kind: Service
  metadata:
    name: ${name}
  spec:
    ports:
      - name: http
        port: 80
        targetPort: 3000

# a comment between items
`;

const LIST = `apiVersion: v1
items:
${service('web')}${deployment('api', '              - name: PORT\n                value: "8080"')}${deployment(
  'notify',
  '              - name: SMTP_HOST\n                value: "smtp.example.com"\n              - name: SMTP_PORT\n                value: "25"\n              - name: SMTP_USER\n                value: "bot@example.com"\n              - name: SMTP_SECURE\n                value: "true"',
)}- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: jobs-config
  data:
    SMTP_HOST: "email-smtp.eu-west-1.amazonaws.com"
    SMTP_PORT: "465"
    SMTP_SECURE: "false"
${service('last')}kind: List
metadata:
  resourceVersion: ""
`;

test('a kubectl List: the same configs and sites as a full read, items without mail words skipped and said so', () => {
  const { full, bounded } = readBoth(LIST);
  assert.ok(full.configs.length >= 2, `full read found ${full.configs.length} configs`);
  assert.deepEqual(bounded.configs, full.configs);
  assert.deepEqual(bounded.globals, full.globals);
  assert.deepEqual(full.problems, []);
  assert.equal(bounded.problems.length, 1);
  assert.ok(isBoundedNote(bounded.problems[0].message), bounded.problems[0].message);
  assert.match(bounded.problems[0].message, /4 list items without mail settings were skipped/);
  // (service web, Deployment api, service last, and the `ports` item of Deployment notify's container)
  // Sites stay exact: the port value of the Deployment is where the file has it.
  const dep = bounded.configs.find((c) => c.port?.site.value && LIST.slice(c.port.site.value.start, c.port.site.value.end) === '"25"');
  assert.ok(dep, 'Deployment config with its SMTP_PORT site');
  const cm = bounded.configs.find((c) => c.port && LIST.slice(c.port.site.value.start, c.port.site.value.end) === '"465"');
  assert.ok(cm, 'ConfigMap config with its SMTP_PORT site');
});

test('env list entries without mail words are still read (env lists are never pruned)', () => {
  // PORT / SECURE style entries of a compose list belong to the same block as SMTP_HOST.
  const text = `services:
  app:
    image: acme/app
    environment:
      - NODE_ENV=production
      - SMTP_HOST=smtp.example.com
      - SMTP_PORT=465
      - SMTP_SECURE=false
  web:
    image: nginx
    ports:
      - "80:80"
`;
  const { full, bounded } = readBoth(text, 'docker-compose.yml');
  assert.deepEqual(bounded.configs, full.configs);
  assert.equal(full.configs.length, 1);
  // The `ports` item of `web` was skipped (no mail word), nothing of the env list.
  assert.equal(bounded.problems.length, 1);
  assert.match(bounded.problems[0].message, /1 list item without mail settings was skipped/);
});

test('labels with item indices stay (a skipped step keeps its place)', () => {
  const text = `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - name: notify
        env:
          SMTP_HOST: smtp.example.com
          SMTP_PORT: "25"
          SMTP_USER: ci@example.com
        run: node notify.js
`;
  const { full, bounded } = readBoth(text, '.github/workflows/ci.yml');
  assert.equal(full.configs.length, 1);
  assert.deepEqual(bounded.configs, full.configs);
  assert.match(full.configs[0].label ?? '', /step 3/);
  assert.match(bounded.problems[0]?.message ?? '', /2 list items/);
});

test('texts with anchors or aliases are not pruned (an alias may point into any item)', () => {
  const text = `x-smtp: &smtp
  SMTP_HOST: smtp.example.com
  SMTP_PORT: "25"
  SMTP_USER: a@example.com
items:
  - name: plain
    ports: [80]
  - name: worker
    environment:
      <<: *smtp
`;
  const { full, bounded } = readBoth(text);
  assert.deepEqual(bounded.configs, full.configs);
  assert.deepEqual(bounded.problems, []);
  // The merge key brought the anchored settings in (fast reader), as with the full parser.
  assert.equal(full.configs.length, 1);
  assert.equal(full.configs[0].port?.value, 25);
  const saved = yamlOptions.fastAboveBytes;
  try {
    yamlOptions.fastAboveBytes = Infinity;
    assert.deepEqual(yamlReader.read('k8s.yaml', text, {}).configs, full.configs);
  } finally {
    yamlOptions.fastAboveBytes = saved;
  }
  const prune = { hint: /smtp|mail/i, keepItemsOf: () => false, skipped: 0 };
  assert.ok(fastParse(text, { prune }));
  assert.equal(prune.skipped, 0);
});

test('a skipped item with broken YAML does not hide the rest and does not throw', () => {
  const text = `- kind: Service
  metadata:
    name: "unterminated
  spec: {a: [1, 2
- kind: ConfigMap
  apiVersion: v1
  metadata:
    name: mail
  data:
    SMTP_HOST: smtp.example.com
    SMTP_PORT: "465"
    SMTP_SECURE: "false"
`;
  const { full, bounded } = readBoth(text);
  // The full read reports the syntax error; bounded mode skipped that item (and says so).
  assert.ok(full.problems.some((p) => /syntax/i.test(p.message)));
  assert.ok(bounded.problems.some((p) => isBoundedNote(p.message)));
  assert.equal(bounded.configs.length, 1);
  assert.equal(bounded.configs[0].port?.value, 465);
});

test('pruned items are null placeholders; ranges of what is kept are the full parser ranges', () => {
  const text = `root:
  - a: 1
    b:
      - x

    # trailing comment
  - smtp: yes
  - c: 2
tail: mail
`;
  const prune = { hint: /smtp|mail/i, keepItemsOf: () => false, skipped: 0 };
  const docs = fastParse(text, { prune })!;
  const plain = fastParse(text)!;
  assert.equal(prune.skipped, 2);
  const seq = (docs[0].contents as unknown as { items: { value: { items: unknown[]; range: number[] } }[] }).items[0].value;
  const seqFull = (plain[0].contents as unknown as { items: { value: { items: unknown[]; range: number[] } }[] }).items[0].value;
  assert.equal(seq.items.length, 3);
  assert.equal(seq.items[0], null);
  assert.equal(seq.items[2], null);
  assert.deepEqual(seq.range, seqFull.range);
  assert.deepEqual((seq.items[1] as { range: number[] }).range, (seqFull.items[1] as { range: number[] }).range);
});

test('resolvePlain (with its fast path for letters) agrees with the yaml core schema', async () => {
  const { parseDocument } = await import('yaml');
  const { resolvePlain } = await import('../../server/src/readers/yaml/fast');
  const words = ['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'nan', 'no', 'yes', 'on', 'off', 'y', 'n', 'Nope', 'tRUE', 'fals', 'TrueX', 'x1', 'e5', 'Inf', 'infinity', 'NaN', 'F', 'T'];
  for (const w of [...words, '---', '...']) assert.deepEqual(resolvePlain(w), (parseDocument(`k: ${w}`).toJS() as { k: unknown }).k, w);
  let compared = 0;
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'aeflnrstuxyzAEFLNRSTU019.+-_~'.split('')), minLength: 1, maxLength: 8 }), (s) => {
      // Compared in value position, where the fast reader resolves plain scalars: a bare `---` or `...`
      // at column 0 is a document marker, not a scalar (FC_SEED=1794500820 found that).
      const doc = parseDocument(`k: ${s}`);
      const pair = (doc.contents as { items?: { value?: unknown }[] } | null)?.items?.[0];
      const c = (pair?.value ?? null) as { type?: string; value?: unknown } | null;
      if (doc.errors.length || !c || c.type !== 'PLAIN') return;
      compared++;
      const got = resolvePlain(s);
      if (Number.isNaN(c.value)) assert.ok(Number.isNaN(got), s);
      else assert.deepEqual(got, c.value, s);
    }),
    { numRuns: 2000 },
  );
  assert.ok(compared > 500, `only ${compared} strings compared`);
});

test('one-line flow collections built natively ({} [] ["a", "b"]) equal the parser: values, types, all ranges', async () => {
  const { parseDocument, isMap: yIsMap, isSeq: yIsSeq } = await import('yaml');
  const dump = (n: unknown): unknown => {
    const x = n as { items?: unknown[]; range?: number[]; value?: unknown; type?: string; source?: string; flow?: boolean };
    if (x && Array.isArray(x.items)) return { flow: x.flow, r: x.range, items: x.items.map(dump) };
    // A pair (an escaped quote can make `["\", ":a"]` an implicit flow pair): compare its key and value nodes.
    if (x && 'key' in x) return { k: dump((x as { key: unknown }).key), pv: dump(x.value) };
    return { v: x.value, t: x.type, r: x.range, s: x.source };
  };
  let native = 0;
  fc.assert(
    fc.property(
      fc.constantFrom('', '  '),
      fc.oneof(
        fc.constantFrom('{}', '[]', '[ ]', '{ }', '["a" , "b"]', '["a",]'),
        fc.array(fc.string({ unit: fc.constantFrom(...'ab :,#-/[]{}\'\\'.split('')), maxLength: 6 }), { maxLength: 4 }).map((xs) => `[${xs.map((x) => `"${x.replace(/"/g, '')}"`).join(', ')}]`),
      ),
      fc.constantFrom('', '  ', ' # c'),
      (pre, flow, post) => {
        const text = `k:${pre || ' '}${flow}${post}\n`;
        const fast = fastParse(text);
        const full = parseDocument(text, { uniqueKeys: false });
        if (full.errors.length || full.warnings.length) return;
        if (!fast) {
          // The fast reader leaves a ` #` after or inside a flow collection with quoted items to the full parser.
          assert.match(flow + post, /\s#/, text);
          return;
        }
        const fv = (fast![0].contents as unknown as { items: { value: unknown }[] }).items[0].value;
        if (!yIsMap(fv) && !yIsSeq(fv)) assert.fail(`not a collection: ${text}`);
        if ((fv as object).constructor.name.startsWith('L')) native++;
        // The reference is what the fast reader did before: the real parser on the flow text alone, ranges
        // shifted to its offset (a collection then ends at its bracket, as the ranges the reader relies on).
        const at = text.indexOf(flow, 2);
        const shifted = (n: unknown): unknown => {
          const d = n as { items?: unknown[]; r?: number[]; k?: unknown; pv?: unknown };
          if ('k' in d) return { k: shifted(d.k), pv: shifted(d.pv) };
          return { ...d, r: d.r?.map((x) => x + at), ...(d.items ? { items: d.items.map(shifted) } : {}) };
        };
        assert.deepEqual(dump(fv), shifted(dump(parseDocument(flow, { uniqueKeys: false }).contents)), text);
        // And the same values and start/end offsets as the parser on the whole text.
        const pv = (full.contents as unknown as { items: { value: unknown }[] }).items[0].value;
        const se = (n: unknown): unknown => {
          const d = n as { items?: unknown[]; r?: number[]; v?: unknown; t?: string };
          return d.items ? { r: d.r?.slice(0, 2), items: d.items.map(se) } : { v: d.v, t: d.t, r: d.r?.slice(0, 2) };
        };
        assert.deepEqual(se(dump(fv)), se(dump(pv)), text);
      },
    ),
    { numRuns: 1500 },
  );
  assert.ok(native > 200, `only ${native} texts took the native path`);
});
