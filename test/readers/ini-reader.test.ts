// The INI reader (Gitea app.ini [mailer], Grafana grafana.ini [smtp]): go-ini's value rules (parser.go
// readValue), the sections and keys each app reads, and property tests (never throws, spans inside the text,
// fixes keep the file readable) on arbitrary and on generated near-valid files.
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseIni } from '../../server/src/readers/ini/parse';
import { iniReader } from '../../server/src/readers/ini/index';
import { fixAll, lintText } from '../../server/src/engine';
import { assertConfigSites, fieldsOf } from './readResult';

const RUNS = process.env.CI ? 5000 : 500;

/** key → value as go-ini hands it to the app, for the keys of the first named section (or the default one). */
function values(text: string, opts = {}): Record<string, string> {
  const ini = parseIni(text, opts);
  const sec = ini.sections.find((s) => s.name) ?? ini.sections[0];
  return Object.fromEntries(sec.entries.map((e) => [e.key, e.value]));
}

describe('parseIni follows go-ini readValue (go-ini/ini@b2f570e parser.go)', () => {
  it('cuts an unquoted value at the first # or ; anywhere, and trims', () => {
    assert.deepEqual(values('[s]\nA = abc#123\nB = p;ss word\nC =  plain value  \nD = #all comment\nE=\n'), { A: 'abc', B: 'p', C: 'plain value', D: '', E: '' });
  });
  it('removes surrounding double/single quotes only after cutting the comment', () => {
    assert.deepEqual(values('[s]\nA = "quoted"\nB = \'single\'\nC = "p#ss"\nD = "a"b"\n'), { A: 'quoted', B: 'single', C: '"p', D: '"a"b"' });
  });
  it('reads backtick and triple-quoted values to the last quote on the line, whatever they hold', () => {
    assert.deepEqual(values('[s]\nA = `a#b;c`\nB = """x;y#z"""\nC = `a`b#` ; comment\nD = """a"""b"""\n'), { A: 'a#b;c', B: 'x;y#z', C: 'a`b#', D: 'a"""b' });
  });
  it('continues an unclosed quote over the next lines (readMultilines)', () => {
    const ini = parseIni('[s]\nA = `line one\nline#two`\nB = after\n');
    const [a, b] = ini.sections[1].entries;
    assert.equal(a.value, 'line one\nline#two');
    assert.equal(b.key, 'B');
    assert.equal(b.line, 3);
  });
  it('joins continuation lines unless IgnoreContinuation (Gitea sets it)', () => {
    assert.deepEqual(values('[s]\nA = one \\\n  two\nB = x\n'), { A: 'one two', B: 'x' });
    assert.deepEqual(values('[s]\nA = one \\\nB = x\n', { ignoreContinuation: true }), { A: 'one \\', B: 'x' });
  });
  it('splits keys at the first = or :, keeps CRLF and a BOM out of values, records comments', () => {
    const ini = parseIni('\ufeff; top\r\n[mailer]\r\nHOST = smtp.example.com:465\r\n  SMTP_PORT: 587\r\n# c\r\n');
    assert.deepEqual(Object.fromEntries(ini.sections[1].entries.map((e) => [e.key, e.value])), { HOST: 'smtp.example.com:465', SMTP_PORT: '587' });
    assert.deepEqual(ini.comments.map((c) => c.line), [0, 4]);
    assert.equal(ini.sections[1].entries[1].indent, '  ');
  });
  it('marks a value cut inside a word, not a comment after whitespace', () => {
    const ini = parseIni('[s]\nA = abc#123 ; real\nB = abc ;real\n');
    const [a, b] = ini.sections[1].entries;
    assert.deepEqual(a.truncated, { at: 11, end: 15 });
    assert.equal(b.truncated, undefined);
  });
  it('reports what makes go-ini refuse the file, and goes on', () => {
    const ini = parseIni('[mailer\nNOVALUE\n[ok]\nA = `unclosed\n');
    assert.equal(ini.problems.length, 3);
    assert.ok(ini.problems.every((p) => /go-ini|quote/.test(p.message)));
  });
});

describe('INI reader: which sections are mail settings', () => {
  it('reads Gitea [mailer] with the env semantics (empty PROTOCOL on 465 → smtps)', () => {
    const r = iniReader.read('/w/app.ini', '[database]\nHOST = db:5432\nPASSWD = x\n[mailer]\nENABLED = true\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\nsmtp_port = 25\n', {});
    assert.equal(r.configs.length, 1);
    const c = r.configs[0];
    assert.equal(c.dialect, 'gitea');
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(c.port?.value, 465, 'a lower-case key is not read by Gitea (case-sensitive, SnackCase mapping)');
    assert.equal(c.label, 'app.ini [mailer] (Gitea)');
  });
  it('reads Grafana [smtp] only when it is Grafana\'s', () => {
    assert.equal(iniReader.read('/w/grafana.ini', '[smtp]\nenabled = true\nhost = smtp.example.com:587\n', {}).configs[0]?.dialect, 'grafana');
    assert.equal(iniReader.read('/w/conf/custom.ini', '[smtp]\nhost = smtp.example.com:587\nuser = a\n', {}).configs.length, 1);
    assert.equal(iniReader.read('/w/settings.ini', '[smtp]\nhost = smtp.example.com\nport = 587\n', {}).configs.length, 0, 'another app ([smtp] with a port key)');
    assert.equal(iniReader.read('/w/grafana.ini', '[smtp]\nenabled = false\nhost = smtp.example.com:587\n', {}).configs.length, 0, 'disabled');
    assert.equal(iniReader.read('/w/grafana.ini', '[smtp]\n;enabled = true\n;host = smtp.example.com:25\n', {}).configs.length, 0, 'the shipped sample: all commented out');
  });
  it('resolves Grafana $__env{NAME} from the workspace env', () => {
    const env = { get: (_f: string, n: string) => (n === 'GF_HOST' ? { value: 'smtp.example.com:465', ref: { file: '/w/.env', span: { start: 0, end: 10 } } } : undefined) };
    const c = iniReader.read('/w/grafana.ini', '[smtp]\nenabled = true\nhost = $__env{GF_HOST}\npassword = $__file{/run/secrets/pw}\n', { env }).configs[0];
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(c.credentials.passwordIsLiteral, false);
  });
  it('keeps secrets out of field texts, and suppression comments work', () => {
    const text = '[mailer]\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 587\n; mail-config-lint-disable-next-line ini-value-truncated-by-comment\nPASSWD = Zx81#wq\n';
    const r = iniReader.read('/w/app.ini', text, {});
    for (const f of fieldsOf(r.configs[0])) if (/PASSWD/.test(f.key)) assert.equal(f.text, '***');
    const ids = lintText('/w/app.ini', text, {}).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('starttls-port-with-implicit-tls'));
    assert.ok(!ids.includes('ini-value-truncated-by-comment'));
  });
  it('a file without a mail section is never parsed (prefilter)', () => {
    assert.equal(iniReader.mayContainMail('[database]\nHOST = x\n'), false);
    assert.equal(iniReader.mayContainMail('  [mailer]\n'), true);
  });
});

function checkRead(text: string): void {
  for (const ignoreContinuation of [false, true]) {
    const ini = parseIni(text, { ignoreContinuation });
    for (const s of ini.sections) {
      for (const e of s.entries) {
        assert.ok(e.entrySpan.start <= e.keySpan.start && e.keySpan.end <= e.valueSpan.start && e.valueSpan.start <= e.valueSpan.end && e.valueSpan.end <= e.entrySpan.end, 'spans nest');
        assert.ok(e.entrySpan.end <= text.length);
        if (e.truncated) assert.ok(e.valueSpan.start < e.truncated.at && e.truncated.at < e.truncated.end && e.truncated.end <= e.entrySpan.end);
      }
    }
  }
  for (const file of ['/w/app.ini', '/w/grafana.ini']) {
    const r = iniReader.read(file, text, {});
    assertConfigSites(r, text);
  }
}

test('never throws on arbitrary text (any code units)', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => checkRead(s)), { numRuns: RUNS });
});

const KEYS = ['PROTOCOL', 'SMTP_ADDR', 'SMTP_PORT', 'USER', 'PASSWD', 'HOST', 'FORCE_TRUST_SERVER_CERT', 'ENABLED', 'IS_TLS_ENABLED', 'host', 'user', 'password', 'enabled', 'skip_verify', 'startTLS_policy', 'from_address'];
const VALUES = ['465', '587', '25', '', 'true', 'false', 'smtps', 'smtp', 'smtp+starttls', 'smtp.example.com', 'smtp.example.com:465', 'localhost:25', 'NoStartTLS', 'MandatoryStartTLS',
  'abc#123', 'p;ss', '"p#ss"', '`a#b`', '"""x;y"""', '`unclosed', '$__env{GF_PW}', '${X}', 'a \\', '#', ';', 'x ; comment', '[::1]:25'];
const line = fc.oneof(
  fc.record({ k: fc.constantFrom(...KEYS), sep: fc.constantFrom(' = ', '=', ': ', ' =  '), v: fc.constantFrom(...VALUES), ind: fc.constantFrom('', '  ', '\t') }).map(({ k, sep, v, ind }) => `${ind}${k}${sep}${v}`),
  fc.constantFrom('[mailer]', '[smtp]', '[database]', '; comment', '# comment', '', '[broken', 'novalue'),
);
const file = fc.array(line, { maxLength: 14 }).chain((ls) => fc.constantFrom('\n', '\r\n').map((eol) => ls.join(eol) + eol));

test('generated near-valid Gitea/Grafana files: reads stay in range, fix-all is idempotent and keeps the file readable', () => {
  fc.assert(
    fc.property(file, fc.constantFrom('/w/app.ini', '/w/grafana.ini'), (text, name) => {
      checkRead(text);
      const once = fixAll(name, text, {}, false).text;
      checkRead(once);
      assert.equal(fixAll(name, once, {}, false).text, once, 'fix-all twice = once');
      assert.equal(lintText(name, once, {}).findings.filter((f) => f.ruleId === 'ini-value-truncated-by-comment' && f.fixes[0]?.safe).length, 0, 'no safe truncation fix left');
    }),
    { numRuns: Math.round(RUNS / 5) },
  );
});

test('a 1 MB INI file reads without hanging', () => {
  const chunk = '[log.console]\nMODE = console ; c\nLEVEL = Info\nPASSWD = x#y\nA = `multi\nline`\n';
  const big = '[mailer]\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 587\nPASSWD = a#b\n' + chunk.repeat(Math.ceil((1024 * 1024) / chunk.length));
  const ids = lintText('/w/app.ini', big, {}).findings.map((f) => f.ruleId).sort();
  assert.deepEqual(ids, ['hardcoded-smtp-credentials', 'ini-value-truncated-by-comment', 'starttls-port-with-implicit-tls']);
  // pathological shapes stay linear: unclosed quotes, headers without ']'
  assert.equal(parseIni('A = `' + 'x\n'.repeat(100000)).problems.length, 1);
  assert.equal(parseIni('['.repeat(1000) + '\n'.repeat(1000)).problems.length, 1);
});
