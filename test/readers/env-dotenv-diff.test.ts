// Differential test: our .env tokenizer against dotenv@16 `parse` on generated files. Keys and values
// must agree (last definition wins, as in dotenv).
//
// Intentional differences (not generated here; covered by explicit tests below):
//  - dotenv's regex lets whitespace before a value or after `:` cross line breaks, so `KEY=` followed by a
//    line that starts with a quote, or `KEY:` at the very end of a line, takes the next line as the value.
//    We never join a key and a value across a line break.
//  - dotenv's `\s` includes Unicode spaces (U+2028, U+3000 ...) around keys and values; we treat only ASCII
//    space, tab, VT, FF, NBSP and BOM as blanks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as dotenv from 'dotenv';
import { tokenizeEnv } from '../../server/src/readers/env/parse';

const RUNS = process.env.CI ? 5000 : 500;

function ours(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tokenizeEnv(text).tokens) out[t.key] = t.value;
  return out;
}

const keyArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,12}$/);
const unquotedArb = fc.stringMatching(/^[A-Za-z0-9 _.,:/=@${}()\\'"`#-]{0,20}$/);
const quotedBody = (q: string) =>
  fc
    .array(
      fc.oneof(
        fc.stringMatching(/^[A-Za-z0-9 _.,:/=@#${}-]{1,8}$/),
        fc.constantFrom('\\n', '\\r', '\\', '\n', '\r\n', `\\${q}`, "'", '"', '`'),
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join(''));
const valueArb = fc.oneof(
  { weight: 4, arbitrary: unquotedArb },
  { weight: 3, arbitrary: fc.constantFrom('"', "'", '`').chain((q) => quotedBody(q).map((b) => `${q}${b}${q}`)) },
  { weight: 1, arbitrary: fc.constantFrom('"', "'", '`').chain((q) => quotedBody(q).map((b) => `${q}${b}`)) }, // unclosed
);
const lineArb = fc.oneof(
  { weight: 6, arbitrary: fc.record({ exp: fc.boolean(), ind: fc.constantFrom('', ' ', '\t'), key: keyArb, eq: fc.constantFrom('=', ' = ', '= ', ': '), value: valueArb, comment: fc.option(fc.stringMatching(/^ +#[ a-z]{0,8}$/), { nil: undefined }) }).map(
    (r) => `${r.ind}${r.exp ? 'export ' : ''}${r.key}${r.eq}${r.value}${r.comment ?? ''}`,
  ) },
  { weight: 1, arbitrary: fc.stringMatching(/^#[ -~]{0,20}$/) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,6}( [a-z]{1,6}){0,3}$/) }, // garbage
);

/** Drops the documented differences (dotenv's regex lets a value start on a later line): an empty `KEY=` value
 *  followed (after blank lines) by a line starting with a quote, and a `KEY:` with nothing after the colon,
 *  which takes the next line (whatever it holds) as its value. Checked on the real lines of the joined text:
 *  a generated value may itself hold a line break (an unclosed quote). */
function comparable(generated: string[]): boolean {
  const lines = generated.join('\n').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/:\s*$/.test(l)) return false;
    if (/=\s*$/.test(l)) {
      let j = i + 1;
      while (j < lines.length && lines[j].trim() === '') j++;
      if (j < lines.length && /^\s*['"`]/.test(lines[j])) return false;
    }
  }
  return true;
}

test('tokenizer agrees with dotenv.parse on generated files (LF)', () => {
  fc.assert(
    fc.property(fc.array(lineArb, { maxLength: 12 }), (lines) => {
      fc.pre(comparable(lines));
      const text = lines.join('\n') + '\n';
      assert.deepEqual(ours(text), { ...dotenv.parse(text) });
    }),
    { numRuns: RUNS },
  );
});

test('tokenizer agrees with dotenv.parse on generated files (CRLF, no final newline, BOM)', () => {
  fc.assert(
    fc.property(fc.array(lineArb, { maxLength: 12 }), fc.boolean(), (lines, bom) => {
      fc.pre(comparable(lines));
      const text = (bom ? '\uFEFF' : '') + lines.join('\r\n');
      assert.deepEqual(ours(text), { ...dotenv.parse(text) });
    }),
    { numRuns: RUNS },
  );
});

test('fixed cases agree with dotenv', () => {
  const cases = [
    'A=1\nB="two"\nC=\'three\'\nD=`four`\n',
    'export A=1\n  B = spaced value  \n',
    'A="multi\nline"\nB=2\n',
    'A="esc\\nape"\n',
    'A=abc#def\nB=abc # def\n',
    'A="x" # c\nB="x" y\n',
    'A="unclosed\nB=2\n',
    'A="\\"\nB=1\n',
    'KEY: value\n',
    'A=\nB=\n',
  ];
  for (const t of cases) assert.deepEqual(ours(t), { ...dotenv.parse(t) }, JSON.stringify(t));
});

test('documented difference: no value across a line break', () => {
  const t = 'A=\n"x"\nB=1\n';
  assert.deepEqual({ ...dotenv.parse(t) }, { A: 'x', B: '1' });
  assert.deepEqual(ours(t), { A: '', B: '1' });
});
