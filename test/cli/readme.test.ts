// The README shows real output: its first text block must be what the CLI prints today for the command
// named above it (same files, positions, severities, rule ids, summary), its rules table lists the
// catalogue, and its "Try it" block holds exactly the two commands from a fresh clone.
// After a message changes: UPDATE_README=1 node --import tsx --test test/cli/readme.test.ts
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../server/src/rules/index';
import { languagesText } from '../../server/src/rules/languages';
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
  // Message wording may be polished without touching the README; files, positions, severities, rule ids
  // and the summary must match.
  const shape = (out: string) =>
    out.split('\n').map((l) => {
      const row = /^\s+(\d+:\d+)\s+(error|warning|info|problem)\s.*\s([a-z0-9]+(?:-[a-z0-9]+)+)$/.exec(l);
      return row ? `${row[1]} ${row[2]} ${row[3]}` : l;
    });
  assert.deepEqual(shape(m[2]), shape(actual), 'README output is stale: run with UPDATE_README=1 to refresh it');
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

test('the README rules table lists the catalogue: every rule, its default severity, its languages and short text', () => {
  const text = fs.readFileSync(README, 'utf8');
  const m = /\| rule \| default \| languages \| what it catches \|\n\| --- \| --- \| --- \| --- \|\n((?:\|.*\n)*)/.exec(text);
  assert.ok(m, 'README has the rules table');
  // the languages column comes from server/src/rules/languages.ts (test/rules/languages.test.ts checks it)
  const rows = rules.map(
    (r) =>
      `| [\`${r.meta.id}\`](docs/rules/${r.meta.id}.md) | ${r.meta.defaultSeverity}${r.meta.enabledByDefault === false ? ' (off by default)' : ''} | ${languagesText(r.meta.id)} | ${r.meta.short.replace(/\|/g, '\\|')} |`,
  );
  const expected = rows.join('\n') + '\n';
  if (process.env.UPDATE_README && m[1] !== expected) {
    fs.writeFileSync(README, text.replace(m[1], () => expected));
    return;
  }
  // Ids, order, severities and languages must match; the short texts may be polished without touching the README.
  const shape = (t: string) => t.split('\n').map((l) => l.split(' | ').slice(0, 3).join(' | '));
  assert.deepEqual(shape(m[1]), shape(expected), 'README rules table is stale: run with UPDATE_README=1 to refresh it');
});
