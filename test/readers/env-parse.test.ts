import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpolate, looksBinary, tokenizeEnv } from '../../server/src/readers/env/parse';
import { envReader, readEnvEntries } from '../../server/src/readers/env/index';

const slice = (t: string, s: { start: number; end: number }) => t.slice(s.start, s.end);

test('plain entries: key, value, exact spans incl. the line break', () => {
  const t = 'A=1\nB = two words  \n';
  const { tokens } = tokenizeEnv(t);
  assert.equal(tokens.length, 2);
  assert.deepEqual(tokens.map((x) => [x.key, x.value, x.quote]), [['A', '1', ''], ['B', 'two words', '']]);
  assert.equal(slice(t, tokens[0].keySpan), 'A');
  assert.equal(slice(t, tokens[0].valueSpan), '1');
  assert.equal(slice(t, tokens[0].entrySpan), 'A=1\n');
  assert.equal(slice(t, tokens[1].valueSpan), 'two words');
  assert.equal(slice(t, tokens[1].entrySpan), 'B = two words  \n');
  assert.deepEqual(tokens.map((x) => x.line), [0, 1]);
});

test('export prefix and indentation are kept for siblings', () => {
  const t = '  export   SMTP_PORT=587\nexport SMTP_HOST=x';
  const { tokens } = tokenizeEnv(t);
  assert.equal(tokens[0].prefix, 'export   ');
  assert.equal(tokens[0].indent, '  ');
  assert.equal(tokens[0].key, 'SMTP_PORT');
  assert.equal(tokens[1].prefix, 'export ');
  assert.equal(slice(t, tokens[1].entrySpan), 'export SMTP_HOST=x');
  // `export` alone as a key
  assert.deepEqual(tokenizeEnv('export=1\n').tokens.map((x) => [x.key, x.value, x.prefix]), [['export', '1', '']]);
});

test('quotes: single, double, back; the value span includes the quotes', () => {
  const t = `A='x # y'\nB="a\\nb"\nC=\`q\`\nD="say \\"hi\\""\n`;
  const { tokens } = tokenizeEnv(t);
  assert.deepEqual(tokens.map((x) => [x.key, x.value, x.quote]), [
    ['A', 'x # y', "'"],
    ['B', 'a\nb', '"'],
    ['C', 'q', '`'],
    ['D', 'say \\"hi\\"', '"'], // dotenv keeps \" as written
  ]);
  assert.equal(slice(t, tokens[0].valueSpan), "'x # y'");
  assert.equal(tokens[1].raw, 'a\\nb');
  assert.equal(slice(t, tokens[3].valueSpan), '"say \\"hi\\""');
});

test('inline comments after unquoted and quoted values', () => {
  const t = 'A=1 # one\nB="2" # two\nC=abc#def\n';
  const { tokens, comments } = tokenizeEnv(t);
  assert.deepEqual(tokens.map((x) => x.value), ['1', '2', 'abc']);
  assert.equal(slice(t, tokens[0].valueSpan), '1');
  assert.deepEqual(comments.map((c) => [c.text.trim(), c.line]), [['one', 0], ['two', 1], ['def', 2]]);
});

test('multi-line quoted values span lines; following lines are numbered correctly', () => {
  const t = 'KEY="-----BEGIN\nabc\n-----END"\nNEXT=1\n';
  const { tokens } = tokenizeEnv(t);
  assert.equal(tokens[0].value, '-----BEGIN\nabc\n-----END');
  assert.equal(slice(t, tokens[0].entrySpan), 'KEY="-----BEGIN\nabc\n-----END"\n');
  assert.equal(tokens[1].key, 'NEXT');
  assert.equal(tokens[1].line, 3);
});

test('CRLF: spans exclude \\r from values, entries include \\r\\n; multi-line values normalise to \\n', () => {
  const t = 'A=1\r\nB="x\r\ny"\r\nC=3';
  const { tokens } = tokenizeEnv(t);
  assert.deepEqual(tokens.map((x) => x.value), ['1', 'x\ny', '3']);
  assert.equal(slice(t, tokens[0].entrySpan), 'A=1\r\n');
  assert.equal(slice(t, tokens[0].valueSpan), '1');
  assert.deepEqual(tokens.map((x) => x.line), [0, 1, 3]);
});

test('BOM is skipped and not part of the first entry', () => {
  const t = '\uFEFFSMTP_PORT=465\n';
  const { tokens } = tokenizeEnv(t);
  assert.equal(tokens[0].key, 'SMTP_PORT');
  assert.equal(tokens[0].indent, '');
  assert.equal(tokens[0].entrySpan.start, 1);
});

test('blank, comment and garbage lines are skipped', () => {
  const t = '\n# c\nthis is garbage\n=novalue\n  \nKEY value\nOK=1\n';
  const { tokens, comments } = tokenizeEnv(t);
  assert.deepEqual(tokens.map((x) => x.key), ['OK']);
  assert.equal(tokens[0].line, 6);
  assert.equal(comments.length, 1);
});

test('unclosed quote falls back to the unquoted reading (as dotenv)', () => {
  const { tokens } = tokenizeEnv('A="abc\nB=2\n');
  assert.deepEqual(tokens.map((x) => [x.key, x.value]), [['A', '"abc'], ['B', '2']]);
  // text after a closing quote that is not a comment: unquoted reading, then the same-quote strip
  assert.equal(tokenizeEnv('A="x" y"\n').tokens[0].value, 'x" y');
});

test('colon form KEY: value', () => {
  assert.deepEqual(tokenizeEnv('KEY: v\n').tokens.map((x) => [x.key, x.value]), [['KEY', 'v']]);
});

test('empty values', () => {
  const t = 'A=\nB=""\nC= # c\n';
  const { tokens } = tokenizeEnv(t);
  assert.deepEqual(tokens.map((x) => x.value), ['', '', '']);
  assert.equal(tokens[0].valueSpan.start, tokens[0].valueSpan.end);
  assert.equal(slice(t, tokens[1].valueSpan), '""');
});

test('interpolation: whole references are env refs resolved from earlier keys', () => {
  const { entries } = readEnvEntries('/a/.env', 'PORT=465\nSMTP_PORT=${PORT}\nX=$PORT\nY=${LATER}\nLATER=1\nZ=smtp.${DOMAIN:-example.com}\nQ=\'${PORT}\'\n');
  const by = Object.fromEntries(entries.map((e) => [e.key, e]));
  assert.equal(by.SMTP_PORT.kind, 'env');
  assert.equal(by.SMTP_PORT.envVar, 'PORT');
  assert.equal(by.SMTP_PORT.value, '465');
  assert.deepEqual(by.SMTP_PORT.resolvedFrom?.span, { start: 0, end: 9 });
  assert.equal(by.X.value, '465');
  assert.equal(by.Y.kind, 'env');
  assert.equal(by.Y.resolvedFrom, undefined, 'a later key does not resolve an earlier reference');
  assert.equal(by.Z.kind, 'expression');
  assert.equal(by.Z.value, 'smtp.example.com');
  assert.equal(by.Q.kind, 'literal', 'single quotes are literal');
  assert.equal(by.Q.value, '${PORT}');
});

test('interpolate(): escapes and defaults', () => {
  const none = () => undefined;
  assert.deepEqual(interpolate('\\$HOME', '', none), { kind: 'literal', value: '$HOME' });
  assert.equal(interpolate('${A:-x}', '"', none).fallback, 'x');
  assert.equal(interpolate('a${B}c', '', none).value, undefined);
});

test('binary / non-UTF-8 detection and the reader problem', () => {
  assert.equal(looksBinary('A=1\u0000\u0001'), true);
  assert.equal(looksBinary('\uFFFD\uFFFD\uFFFD\uFFFDab'), true);
  assert.equal(looksBinary('NAME=Zoë ✓\n'), false);
  const r = envReader.read('/a/.env', 'SMTP_PORT=465\u0000\u0000', {});
  assert.deepEqual(r.problems.map((p) => p.message), ['binary or non-UTF-8 file; skipped']);
  assert.equal(r.configs.length, 0);
});

test('suppression comments are collected', () => {
  const r = envReader.read('/a/.env', '# mail-config-lint-disable-next-line secure-false-on-465\nSMTP_PORT=465\n# mail-config-lint-disable tls-verification-disabled\n', {});
  assert.deepEqual([...(r.suppressions.lines.get(1) ?? [])], ['secure-false-on-465']);
  assert.ok(r.suppressions.file.has('tls-verification-disabled'));
});

test('envVars: every variable (for process.env resolution), not unresolved references', () => {
  const r = envReader.read('/a/.env', 'SMTP_PORT=465\nFOO=bar\nREF=${NOPE}\n', {});
  assert.deepEqual(Object.keys(r.envVars ?? {}), ['SMTP_PORT', 'FOO']);
  assert.equal(r.envVars!.SMTP_PORT.value, '465');
  assert.deepEqual(r.envVars!.SMTP_PORT.ref, { file: '/a/.env', span: { start: 0, end: 14 } });
});

test('mayContainMail prefilter', () => {
  assert.equal(envReader.mayContainMail('DB_HOST=x\nPORT=3000\n'), false);
  assert.equal(envReader.mayContainMail('SMTP_HOST=x'), true);
  assert.equal(envReader.mayContainMail('NODE_TLS_REJECT_UNAUTHORIZED=0'), true);
});
