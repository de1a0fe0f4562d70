// files/read.ts readWalkedText: the workspace scan's read of a file its walk listed (no stat first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readWalkedText } from '../../server/src/files/read';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-readwalked-'));
const write = (name: string, data: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, data);
  return f;
};

test('small, empty and multi-read files come back whole, as readFileSync reads them', () => {
  const big = 'SMTP_HOST=smtp.example.com\n'.repeat(10_000); // 270 kB: several reads past the 64 KiB scratch
  for (const [name, text] of [['small.env', 'SMTP_PORT=465\n'], ['empty.env', ''], ['big.env', big], ['exact.env', 'x'.repeat(64 * 1024)]]) {
    const f = write(name, text);
    assert.equal(readWalkedText(f, 16_000_000), fs.readFileSync(f, 'utf8'), name);
  }
  // The scratch buffer is reused: a shorter file after a longer one has no leftovers.
  assert.equal(readWalkedText(write('after.env', 'A=1\n'), 100), 'A=1\n');
});

test('invalid UTF-8 is read with U+FFFD like readFileSync; above the limit: undefined; missing: throws', () => {
  const bad = write('bad.env', Buffer.from([0x41, 0xff, 0x42]));
  assert.equal(readWalkedText(bad, 100), 'A\uFFFDB');
  assert.equal(readWalkedText(write('limit.env', '0123456789'), 10), '0123456789');
  assert.equal(readWalkedText(write('over.env', '0123456789!'), 10), undefined);
  assert.equal(readWalkedText(write('over-big.env', 'y'.repeat(200_000)), 100_000), undefined);
  assert.throws(() => readWalkedText(path.join(dir, 'missing.env'), 100), /ENOENT/);
  assert.throws(() => readWalkedText(dir, 100), /EISDIR/);
});
