// The README shows real output: its first text block must be exactly what the CLI prints today for the
// command named above it, and its "Try it" block holds exactly the two commands from a fresh clone.
// After a message changes: UPDATE_README=1 node --import tsx --test test/cli/readme.test.ts
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, ROOT, runBin } from './helpers';

before(() => ensureBuilt());

const README = path.join(ROOT, 'README.md');
const SHOWN = /Real output of `mail-config-lint ([^`]+)`:\n\n```text\n([\s\S]*?)\n```/;

test('the README output block is the real output of the command it names', () => {
  const text = fs.readFileSync(README, 'utf8');
  const m = SHOWN.exec(text);
  assert.ok(m, 'README has a "Real output of `mail-config-lint …`" block');
  const r = runBin(m[1].split(' '), { cwd: ROOT });
  assert.equal(r.code, 1);
  const actual = r.stdout.replace(/^\n/, '').replace(/\n+$/, '');
  if (process.env.UPDATE_README && actual !== m[2]) {
    fs.writeFileSync(README, text.replace(m[0], m[0].replace(m[2], () => actual)));
    return;
  }
  assert.equal(m[2], actual, 'README output is stale: run with UPDATE_README=1 to refresh it');
});

test('the README gives exactly two commands from a fresh clone', () => {
  const text = fs.readFileSync(README, 'utf8');
  const m = /## Try it\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(text);
  assert.ok(m);
  assert.deepEqual(m[1].trim().split('\n'), ['npm ci && npm run demo', 'npm test']);
  // `npm run demo` lints examples/ and succeeds on exit 1 (findings, by design) but not on 2 (a real error).
  const demo: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.demo;
  assert.match(demo, /node dist\/cli\.js examples \|\| \[ \$\? -eq 1 \]/);
});
