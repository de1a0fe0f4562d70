import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/model/lineIndex';
import { applyTextEdits } from '../../server/src/model/textEdits';

test('LineIndex maps offsets on LF, CRLF and CR line breaks', () => {
  const text = 'a=1\r\nbb=2\ncc=3\rd';
  const li = new LineIndex(text);
  assert.equal(li.lineCount, 4);
  assert.deepEqual(li.position(0), { line: 0, character: 0 });
  assert.deepEqual(li.position(5), { line: 1, character: 0 });
  assert.deepEqual(li.position(10), { line: 2, character: 0 });
  assert.deepEqual(li.position(15), { line: 3, character: 0 });
  assert.equal(li.offset({ line: 1, character: 3 }), 8);
});

test('applyTextEdits applies edits in order and drops overlaps', () => {
  const t = 'SMTP_PORT=465\nSMTP_SECURE=false\n';
  const out = applyTextEdits(t, [
    { span: { start: 26, end: 31 }, newText: 'true' },
    { span: { start: 27, end: 28 }, newText: 'X' },
  ]);
  assert.equal(out, 'SMTP_PORT=465\nSMTP_SECURE=true\n');
});

test('LineIndex: the LF-only fast path and the CR-aware path agree', () => {
  const lf = 'a\n\nbcd\nef\n';
  const li = new LineIndex(lf);
  assert.equal(li.lineCount, 5);
  for (let o = 0; o <= lf.length; o++) {
    const withCr = new LineIndex(lf + '\r'); // forces the char loop; same breaks before the trailing CR
    assert.deepEqual(li.position(o), withCr.position(o));
  }
  assert.deepEqual(li.position(lf.length), { line: 4, character: 0 });
});
