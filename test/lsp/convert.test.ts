// Engine → LSP conversions that need no server: the minimal edit fix-all sends (so cursors do not jump).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { minimalEdit } from '../../server/src/lsp/convert';
import { LineIndex } from '../../server/src/model/lineIndex';
import { changeBetween } from '../../server/src/model/textEdits';

describe('changeBetween / minimalEdit', () => {
  it('finds the common prefix and suffix', () => {
    assert.equal(changeBetween('abc', 'abc'), undefined);
    assert.deepEqual(changeBetween('SMTP_SECURE=false\n', 'SMTP_SECURE=true\n'), { start: 12, oldEnd: 16, newEnd: 15 });
    assert.deepEqual(changeBetween('aa', 'aaa'), { start: 2, oldEnd: 2, newEnd: 3 });
    assert.deepEqual(changeBetween('aaa', 'a'), { start: 1, oldEnd: 3, newEnd: 1 });
  });

  it('replaces only the changed part (false → true keeps the shared e), never splitting a CRLF or a surrogate pair', () => {
    const before = 'A=1\r\nSMTP_SECURE=false\r\n';
    const after = 'A=1\r\nSMTP_SECURE=true\r\n';
    assert.deepEqual(minimalEdit(new LineIndex(before), before, after), { range: { start: { line: 1, character: 12 }, end: { line: 1, character: 16 } }, newText: 'tru' });
    assert.equal(minimalEdit(new LineIndex(before), before, before), undefined);
    // A change right after a CR: the edit starts before the CR, not between CR and LF.
    const crlf = 'A=1\r\nB=2\r\n';
    const e = minimalEdit(new LineIndex(crlf), crlf, 'A=1\r B=2\r\n')!;
    assert.deepEqual(e, { range: { start: { line: 0, character: 3 }, end: { line: 1, character: 0 } }, newText: '\r ' });
    // Two emoji that share their high surrogate: the edit covers the whole pair.
    const s1 = 'X=\u{1F600}\n';
    const s2 = 'X=\u{1F601}\n';
    const se = minimalEdit(new LineIndex(s1), s1, s2)!;
    assert.equal(se.newText, '\u{1F601}');
    assert.deepEqual(se.range, { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } });
  });
});
