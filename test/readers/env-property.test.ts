// Property tests for the .env reader and the dialect interpreters: never throw, spans always inside the
// text and well nested, on arbitrary input and on generated near-valid mail env files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { envReader } from '../../server/src/readers/env/index';
import { tokenizeEnv } from '../../server/src/readers/env/parse';
import { interpretKvGroup } from '../../server/src/readers/dialects/index';
import { fieldsOf } from './readResult';
import type { KvEntry } from '../../server/src/readers/types';
import { fixAll, lintText } from '../../server/src/engine';

const RUNS = process.env.CI ? 5000 : 500;

function checkRead(text: string): void {
  const { tokens } = tokenizeEnv(text);
  let prevEnd = 0;
  for (const t of tokens) {
    assert.ok(t.entrySpan.start >= prevEnd, 'entries are ordered and do not overlap');
    assert.ok(t.entrySpan.start <= t.keySpan.start && t.keySpan.end <= t.valueSpan.start && t.valueSpan.end <= t.entrySpan.end, 'spans nest');
    assert.ok(t.entrySpan.end <= text.length);
    assert.equal(text.slice(t.keySpan.start, t.keySpan.end), t.key);
    prevEnd = t.entrySpan.end;
  }
  const r = envReader.read('/w/.env', text, {});
  for (const c of r.configs) {
    assert.ok(c.span.start >= 0 && c.span.end <= text.length);
    for (const f of fieldsOf(c)) {
      assert.ok(f.site.value.start >= 0 && f.site.value.end <= text.length && f.site.value.start <= f.site.value.end, `site of ${f.key} in range`);
      assert.ok(f.site.entry.start <= f.site.value.start && f.site.value.end <= f.site.entry.end, `value inside entry for ${f.key}`);
    }
    if (c.credentials.password) assert.equal(c.credentials.password.text, '***');
  }
}

test('never throws on arbitrary text (any code units)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
      checkRead(s);
    }),
    { numRuns: RUNS },
  );
});

const KEYS = [
  'SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE', 'SMTP_USER', 'SMTP_PASS', 'SMTP_REQUIRE_TLS', 'SMTP_IGNORE_TLS', 'SMTP_TLS_REJECT_UNAUTHORIZED', 'SMTP_TLS_MIN_VERSION', 'SMTP_SERVICE', 'SMTP_URL',
  'MAIL_MAILER', 'MAIL_HOST', 'MAIL_PORT', 'MAIL_SCHEME', 'MAIL_ENCRYPTION', 'MAIL_USERNAME', 'MAIL_PASSWORD', 'MAIL_URL',
  'EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'EMAIL_HOST_USER', 'EMAIL_URL',
  'MAILER_DSN', 'SMTP_SERVER', 'SMTP_LOGIN', 'SMTP_TLS', 'SMTP_ENABLE_STARTTLS', 'BULK_SMTP_SERVER', 'BULK_SMTP_PORT',
  'GF_SMTP_HOST', 'GF_SMTP_USER', 'GF_SMTP_STARTTLS_POLICY', 'GF_SMTP_SKIP_VERIFY', 'GITEA__mailer__PROTOCOL', 'GITEA__mailer__SMTP_PORT', 'GITEA__mailer__HOST',
  'DISCOURSE_SMTP_ADDRESS', 'DISCOURSE_SMTP_PORT', 'DISCOURSE_SMTP_FORCE_TLS', 'mail__options__port', 'mail__options__secure', 'mail__transport',
  'NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_OPTIONS', 'MAILER_SMTP_PORT', 'LEGACY_COOKIE_SECURE', 'METRICS_PORT',
];
const VALUES = ['465', '587', '25', '2525', '', 'true', 'false', 'True', '0', '1', 'ssl', 'tls', 'smtps', 'smtp', 'null', 'never', 'always', 'NoStartTLS', 'MandatoryStartTLS',
  'smtp.gmail.com', 'smtp.office365.com:465', 'localhost', 'smtp://u:p@smtp.x.com:465?verify_peer=0&require_tls=true', 'smtps://h', 'smtp+ssl://h:465/?ssl=True', 'gmail+smtp://u:p@default',
  '${SMTP_PORT}', '$OTHER', 'TLSv1', '--tls-min-v1.0', 'abc def', 'x:y:z', '[::1]:25', ':', '?', 'smtp://', 'smtp://h:99999999'];

const envLine = fc.record({
  exp: fc.boolean(),
  key: fc.constantFrom(...KEYS),
  value: fc.constantFrom(...VALUES),
  quote: fc.constantFrom('', '', '"', "'"),
  comment: fc.constantFrom('', '', ' # note'),
}).map((r) => `${r.exp ? 'export ' : ''}${r.key}=${r.quote}${r.value}${r.quote}${r.comment}`);

const nearValid = fc.tuple(fc.array(fc.oneof(envLine, fc.constantFrom('', '# c', 'garbage')), { maxLength: 14 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol) + eol);

test('generated near-valid mail env files: reader and interpreters never throw, spans stay sound', () => {
  fc.assert(
    fc.property(nearValid, (text) => {
      checkRead(text);
    }),
    { numRuns: RUNS },
  );
});

test('generated near-valid mail env files: lint and fixes never throw; fix-all is idempotent', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(envLine, fc.constantFrom('', '# c', 'garbage')), { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      const text = lines.join(eol) + eol;
      checkRead(text);
      const res = lintText('/w/.env', text);
      assert.ok(!res.problems.some((p) => /internal error/.test(p.message)), JSON.stringify(res.problems));
      const once = fixAll('/w/.env', text, {}).text;
      const twice = fixAll('/w/.env', once, {}).text;
      assert.equal(twice, once, 'applying all fixes twice equals once');
    }),
    { numRuns: Math.ceil(RUNS / 5) },
  );
});

test('interpretKvGroup never throws on arbitrary entries of any site style', () => {
  const style = fc.constantFrom('env', 'yaml-map', 'yaml-list', 'yaml-namevalue') as fc.Arbitrary<'env' | 'yaml-map' | 'yaml-list' | 'yaml-namevalue'>;
  const entry = fc.record({ key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 20 })), value: fc.oneof(fc.constantFrom(...VALUES), fc.string({ unit: 'binary', maxLength: 30 })), kind: fc.constantFrom('literal', 'env', 'expression', 'unknown') as fc.Arbitrary<KvEntry['kind']>, style, at: fc.nat(1000), quote: fc.constantFrom('', '"', "'") as fc.Arbitrary<'' | '"' | "'">, image: fc.constantFrom(undefined, 'mastodon', 'php:8', 'python') });
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 12 }), (es) => {
      const entries: KvEntry[] = es.map((e) => ({
        key: e.key,
        value: e.value,
        kind: e.kind,
        envVar: e.kind === 'env' ? 'X' : undefined,
        site: { file: '/w/compose.yml', style: e.style, value: { start: e.at, end: e.at + e.value.length + e.quote.length * 2 }, quote: e.quote, entry: { start: e.at, end: e.at + e.value.length + 20 }, indent: '  ' },
      }));
      const r = interpretKvGroup({ file: '/w/compose.yml', format: 'yaml', span: { start: 0, end: 2000 }, label: 'compose service x', entries, image: es[0]?.image });
      for (const c of r.configs) assert.ok(['implicit', 'starttls-required', 'starttls-opportunistic', 'none', 'unknown'].includes(c.effective.tlsMode));
    }),
    { numRuns: RUNS },
  );
});

// Speed is measured by `npm run bench`, not asserted here: these inputs only have to be read completely
// and correctly (a quadratic tokenizer would still pass, but the bench's 5 MiB rows would show it).
test('5 MB single line and 200k-line files are read completely', () => {
  const long = 'SMTP_PASS=' + 'x'.repeat(5 * 1024 * 1024) + '\nSMTP_HOST=h\nSMTP_PORT=465\n';
  const r1 = envReader.read('/w/.env', long, {});
  assert.equal(r1.configs.length, 1);
  assert.equal(r1.configs[0].port?.value, 465);
  const many = Array.from({ length: 50000 }, (_, i) => `K${i}="v${i}" # c\nSMTP_PORT=${i % 2 ? 465 : 587}\nSMTP_SECURE=false\nSMTP_HOST=h${i}`).join('\n');
  const r2 = envReader.read('/w/huge.env', many, {});
  assert.equal(r2.configs.length, 1, 'repeated keys: the last definition wins');
  assert.equal(r2.configs[0].host?.value, 'h49999');
  assert.equal(Object.keys(r2.envVars ?? {}).length, 50003);
  // an unclosed quote at the top of a big file
  const r3 = envReader.read('/w/.env', 'A="' + '\\"x'.repeat(200000) + '\nSMTP_PORT=465\n', {});
  assert.ok(Array.isArray(r3.configs));
});
