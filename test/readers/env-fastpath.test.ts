// Issue 6 fast paths of the .env reader must not change results: light tokens, streamed tokens, comments
// only on demand, envVars copied out of big texts, and EnvIndex.set's skipped scan. Each is checked against
// a reference model (the straightforward code it replaced) on generated env text.
import { test } from 'node:test';
import { envFileRank } from '../../server/src/semantics/env-files';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { interpolate, LIGHT_SPAN, tokenizeEnv, type EnvToken } from '../../server/src/readers/env/parse';
import { envReader, MAIL_KEY, readEnvEntries } from '../../server/src/readers/env/index';
import { EnvIndex } from '../../server/src/engine';
import { GENERIC_SUFFIXES, splitGenericKey } from '../../server/src/readers/dialects/index';
import type { SourceRef, Span } from '../../server/src/model/types';
import type { KvEntry } from '../../server/src/readers/types';
import { addSuppressionComment, emptySuppressions } from '../../server/src/readers/suppressions';

const RUNS = process.env.CI ? 3000 : 300;

const KEYS = ['SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE', 'MAIL_URL', 'NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_OPTIONS', 'PORT', 'HOST', 'A', 'DB_URL', 'export', 'X.Y-z'];
const VALUES = ['465', '', 'true', 'smtp.example.com', '${PORT}', '$HOST', '${A:-x}', '${MISSING}', 'a${PORT}b', '\\$PORT', 'x # c', '#c', 'a"b', '--tls-min-v1.0'];
const line = fc.oneof(
  fc.tuple(fc.constantFrom('', '  ', 'export ', '\t'), fc.constantFrom(...KEYS), fc.constantFrom('=', ' = ', ': ', '='), fc.constantFrom('', '"', "'", '`'), fc.constantFrom(...VALUES), fc.constantFrom('', ' # note', ' # mail-config-lint-disable-line', '"', "'"))
    .map(([pre, k, eq, q, v, tail]) => `${pre}${k}${eq}${q}${v}${q}${tail}`),
  fc.constantFrom('# comment', '', '   ', 'garbage line', '# mail-config-lint-disable-next-line', 'K="multi', 'line"', 'Q=\'a\\\'b\''),
  fc.string({ maxLength: 30 }),
);
const envText = fc.tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r')).map(([ls, nl]) => ls.join(nl));

const lightFields = (t: EnvToken) => [t.key, t.value, t.quote, t.entrySpan.start, t.entrySpan.end, t.line];

test('light / streamed / comment-less tokenizing gives the same tokens as the full tokenizer', () => {
  fc.assert(
    fc.property(envText, fc.func(fc.boolean()), (text, pick) => {
      const full = tokenizeEnv(text);
      const streamed: EnvToken[] = [];
      const light = (k: string) => pick(k);
      const r = tokenizeEnv(text, { comments: false, light, each: (t) => streamed.push(t) });
      assert.equal(r.tokens.length, 0, 'streamed tokens are not collected');
      assert.equal(r.comments.length, 0, 'no comments when not asked for');
      assert.equal(streamed.length, full.tokens.length);
      for (let i = 0; i < streamed.length; i++) {
        const a = full.tokens[i];
        const b = streamed[i];
        if (light(a.key)) {
          assert.deepEqual(lightFields(b), lightFields(a));
          assert.equal(b.keySpan, LIGHT_SPAN);
        } else assert.deepEqual(b, a);
      }
      assert.deepEqual(tokenizeEnv(text, { light }).comments, full.comments);
    }),
    { numRuns: RUNS },
  );
});

/** readEnvEntries as it was before the fast paths (every token materialised, then one loop). */
function referenceEntries(file: string, text: string, keep?: (key: string) => boolean) {
  const { tokens, comments } = tokenizeEnv(text);
  const seen = new Map<string, { value: string; entrySpan: Span }>();
  const known = (name: string) => {
    const v = seen.get(name);
    return v ? { value: v.value, ref: { file, span: v.entrySpan } } : undefined;
  };
  const entries: KvEntry[] = [];
  for (const t of tokens) {
    if (keep && !keep(t.key)) {
      if (t.quote !== "'" && t.value.indexOf('$') >= 0) {
        const ip = interpolate(t.value, t.quote, known);
        if (ip.value !== undefined) seen.set(t.key, { value: ip.value, entrySpan: t.entrySpan });
        else seen.delete(t.key);
      } else seen.set(t.key, t);
      continue;
    }
    const ip = interpolate(t.value, t.quote, known);
    const e: KvEntry = { key: t.key, value: t.value, kind: ip.kind, site: { file, style: 'env', value: t.valueSpan, quote: t.quote, key: t.keySpan, entry: t.entrySpan, indent: t.indent }, raw: t.raw };
    if (t.prefix) e.site.prefix = t.prefix;
    if (ip.envVar) e.envVar = ip.envVar;
    if (ip.kind === 'env') {
      if (ip.resolvedFrom) {
        e.value = ip.value!;
        e.resolvedFrom = ip.resolvedFrom;
      }
    } else if (ip.kind === 'expression' && ip.value !== undefined) {
      e.value = ip.value;
      e.resolvedFrom = { file, span: t.valueSpan };
    }
    entries.push(e);
    if (e.kind === 'literal' || e.resolvedFrom) seen.set(t.key, { value: e.value, entrySpan: t.entrySpan });
    else seen.delete(t.key);
  }
  const vars = new Map<string, { value: string; ref: SourceRef }>();
  for (const [k, v] of seen) vars.set(k, { value: v.value, ref: { file, span: v.entrySpan } });
  return { entries, comments, vars };
}

test('readEnvEntries (streamed, light tokens) equals the reference model', () => {
  const keep = (k: string) => MAIL_KEY.test(k);
  fc.assert(
    fc.property(envText, (text) => {
      for (const kp of [undefined, keep, () => false]) {
        const got = readEnvEntries('/w/.env', text, kp);
        const want = referenceEntries('/w/.env', text, kp);
        assert.deepEqual(got.entries, want.entries);
        assert.deepEqual([...got.vars], [...want.vars]);
        assert.deepEqual(got.comments, want.comments);
      }
    }),
    { numRuns: RUNS },
  );
});

test('envReader.read: envVars and suppressions as the reference model gives them, small and big texts', () => {
  const pad = '# ' + 'x'.repeat(300 * 1024) + '\n'; // past the size from which envVars are copied out of the text
  fc.assert(
    fc.property(envText, fc.boolean(), (body, big) => {
      const text = big ? pad + body : body;
      const r = envReader.read('/w/.env', text, {});
      const ref = referenceEntries('/w/.env', text, (k) => MAIL_KEY.test(k));
      // A dictionary: compare as sorted entries (objects list integer-like keys such as "0" first).
      const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
      // readAs (which library the file's own interpretation reads a variable as) is not the tokenizer's: compared apart.
      const values = Object.entries(r.envVars ?? {}).map(([k, v]): [string, unknown] => [k, { value: v.value, ref: v.ref }]);
      assert.deepEqual(values.sort(byKey), [...ref.vars].sort(byKey));
      const sup = emptySuppressions();
      for (const c of ref.comments) addSuppressionComment(sup, c.text, c.line);
      assert.deepEqual(r.suppressions, sup);
    }),
    { numRuns: Math.ceil(RUNS / 3) },
  );
  // suppression comments are still read when the text mentions one
  const t = '# mail-config-lint-disable-next-line\nSMTP_PORT=25 # mail-config-lint-disable port25-with-auth\n';
  const s = envReader.read('/w/.env', t, {}).suppressions;
  assert.deepEqual([...s.lines.keys()], [1]);
  assert.deepEqual([...s.file], ['port25-with-auth']);
});

/** EnvIndex as it was (scan on every set, rank per comparison). */
class ReferenceIndex {
  private readonly byDir = new Map<string, Map<string, { value: string; ref: SourceRef }>>();
  private static dirOf(p: string) {
    return p.slice(0, p.lastIndexOf('/'));
  }
  private static rank(f: string) {
    // the precedence of semantics/env-files (issue 11: .env.local > .env.<mode> > .env > templates)
    return envFileRank(f.slice(f.lastIndexOf('/') + 1));
  }
  set(file: string, vars: Record<string, { value: string; ref: SourceRef }>) {
    const dir = ReferenceIndex.dirOf(file);
    let m = this.byDir.get(dir);
    if (!m) this.byDir.set(dir, (m = new Map()));
    for (const [k, v] of m) if (v.ref.file === file) m.delete(k);
    for (const [k, v] of Object.entries(vars)) {
      const prev = m.get(k);
      if (!prev || ReferenceIndex.rank(file) < ReferenceIndex.rank(prev.ref.file)) m.set(k, v);
    }
  }
  delete(file: string) {
    const m = this.byDir.get(ReferenceIndex.dirOf(file));
    if (m) for (const [k, v] of m) if (v.ref.file === file) m.delete(k);
  }
  get(file: string, name: string) {
    for (let dir = ReferenceIndex.dirOf(file); ; dir = ReferenceIndex.dirOf(dir)) {
      const hit = this.byDir.get(dir)?.get(name);
      if (hit || !dir) return hit;
    }
  }
}

test('EnvIndex: any sequence of set/delete answers like the reference model', () => {
  const files = ['/p/.env', '/p/.env.local', '/p/.env.production', '/p/a/.env', '/p/a/x.env'];
  const names = ['A', 'B', 'C', 'D'];
  const op = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), file: fc.constantFrom(...files), keys: fc.subarray(names), v: fc.nat(9) }),
    fc.record({ kind: fc.constant('delete' as const), file: fc.constantFrom(...files) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const got = new EnvIndex();
      const want = new ReferenceIndex();
      for (const o of ops) {
        if (o.kind === 'delete') {
          got.delete(o.file);
          want.delete(o.file);
        } else {
          const vars: Record<string, { value: string; ref: SourceRef }> = {};
          for (const k of o.keys) vars[k] = { value: `${o.v}`, ref: { file: o.file, span: { start: o.v, end: o.v + 1 } } };
          got.set(o.file, vars);
          want.set(o.file, vars);
        }
        for (const from of ['/p/m.js', '/p/a/m.js']) for (const n of names) assert.deepEqual(got.get(from, n), want.get(from, n), `${from} ${n}`);
      }
    }),
    { numRuns: RUNS },
  );
});

test('splitGenericKey answers like the suffix-by-suffix reference', () => {
  const MAIL_PREFIX = /(?:^|_)(?:SMTP|MAIL|EMAIL|MAILER|NODEMAILER)_$/;
  const reference = (key: string) => {
    const up = key.toUpperCase();
    if (up.indexOf('MAIL') < 0 && up.indexOf('SMTP') < 0) return undefined;
    if (up.startsWith('SPRING_')) return undefined;
    for (const s of GENERIC_SUFFIXES) {
      if (up.length > s.length + 1 && up.endsWith(s) && up[up.length - s.length - 1] === '_') {
        const prefix = up.slice(0, up.length - s.length);
        if (MAIL_PREFIX.test(prefix)) return { prefix: key.slice(0, prefix.length), suffix: s };
      }
    }
    return undefined;
  };
  const part = fc.constantFrom('SMTP', 'smtp', 'MAIL', 'Mail', 'EMAIL', 'MAILER', 'NODEMAILER', 'BULK', 'APP', 'SPRING', 'X', '', ...GENERIC_SUFFIXES.slice(0, 40));
  const key = fc.oneof(fc.array(part, { minLength: 1, maxLength: 5 }).map((a) => a.join('_')), fc.string({ maxLength: 20 }));
  fc.assert(fc.property(key, (k) => assert.deepEqual(splitGenericKey(k), reference(k))), { numRuns: RUNS * 5 });
  assert.deepEqual(splitGenericKey('BULK_SMTP_TLS_REJECT_UNAUTHORIZED'), reference('BULK_SMTP_TLS_REJECT_UNAUTHORIZED'));
});
