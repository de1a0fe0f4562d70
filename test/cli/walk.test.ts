// The streamed walk (files/discover.ts Walk): the same files in the same order as discover(), whatever the
// step size; files the caller announces (.env*) are announced when their folder is read, before any file
// in or below that folder is added (the CLI reads them before linting the files that resolve against them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover, PathError, Walk } from '../../server/src/files/discover';
import { formatOf } from '../../server/src/readers/index';
import { tmpDir, writeTree } from './helpers';

const ENV = 'SMTP_PORT=465\n';

function tree(): string {
  const dir = tmpDir('mcl-walk-');
  writeTree(dir, {
    'a/mailer.ts': 'x',
    'a/z.env': ENV,
    'b/c/compose.yml': 'x: 1\n',
    'b/c/.env': ENV,
    'b/app.env': ENV,
    'b/a-first/deep/.env.local': ENV,
    'b/a-first/deep/m.js': 'x',
    '.env': ENV,
    'README.md': '# no',
  });
  fs.symlinkSync(path.join(dir, 'a/z.env'), path.join(dir, 'b/linked.env'));
  return dir;
}

const isEnv = (name: string) => formatOf(name) === 'env';

test('a walk in steps finds the same files in the same order as discover()', () => {
  const dir = tree();
  const whole = discover(['.'], dir).files;
  const w = new Walk(['.'], dir);
  let steps = 0;
  while (!w.run(0)) steps++;
  assert.deepEqual(w.files, whole);
  assert.ok(steps > 3, `one folder per step (${steps} steps)`);
  // Each file's format comes with it (asked once, when its folder was listed).
  assert.deepEqual(w.formats, whole.map((f) => formatOf(f)));
  assert.ok(w.formats.includes('env') && w.formats.includes('js') && w.formats.includes('yaml'));
});

test('announced files come before every file in or below their folder, and are each added once in order', () => {
  const dir = tree();
  const events: string[] = [];
  const w = new Walk(['.', 'b/c/.env'], dir, undefined, { announce: { test: isEnv, found: (f) => events.push(`announce ${path.relative(dir, f)}`) } });
  let added = 0;
  while (!w.run(0)) for (; added < w.files.length; added++) events.push(`add ${path.relative(dir, w.files[added])}`);
  for (; added < w.files.length; added++) events.push(`add ${path.relative(dir, w.files[added])}`);
  const announced = events.filter((e) => e.startsWith('announce ')).map((e) => e.slice(9));
  assert.deepEqual(announced.sort(), ['.env', 'a/z.env', 'b/a-first/deep/.env.local', 'b/app.env', 'b/c/.env', 'b/linked.env'], 'each env file once (b/c/.env is also a PATH argument)');
  for (const env of announced) {
    const at = events.indexOf(`announce ${env}`);
    const folder = path.dirname(env);
    const before = events.slice(0, at).filter((e) => e.startsWith('add ') && (folder === '.' || e.slice(4).startsWith(`${folder}/`)));
    assert.deepEqual(before, [], `${env} is announced before the files of its folder`);
  }
  assert.deepEqual(w.files, discover(['.', 'b/c/.env'], dir).files, 'order unchanged');
});

test('a missing PATH argument throws when the walk is created, before any file is found', () => {
  const dir = tree();
  assert.throws(() => new Walk(['.', 'nope'], dir), PathError);
});

test('monorepo folders are walked: packages/, apps/, src/ (the skip list holds build output and dependency folders only)', () => {
  const dir = tmpDir('mcl-walk-mono-');
  writeTree(dir, { 'packages/pkg-a/.env': ENV, 'apps/web/.env': ENV, 'src/.env': ENV, 'node_modules/x/.env': ENV, 'obj/.env': ENV });
  const files = discover(['.'], dir).files.map((f) => path.relative(dir, f).split(path.sep).join('/'));
  assert.deepEqual(files.sort(), ['apps/web/.env', 'packages/pkg-a/.env', 'src/.env']);
});
