// files/env-near.ts: the one walk that finds the env files a file can read from its folder and the folders
// above it (CLI --stdin-filename, test-connection FILE, the language server's documents outside the workspace).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { envFilesNear } from '../../server/src/files/env-near';
import { tmpDir, writeTree } from './helpers';

function tree(): string {
  const dir = tmpDir('mcl-env-near-');
  writeTree(dir, {
    '.env': 'A=1\n',
    'example.env': 'A=2\n',
    'app/.env.local': 'A=3\n',
    'app/env.example': 'A=4\n',
    'app/.env-example': 'A=5\n',
    'app/src/mailer.ts': '',
    'app/src/notes.txt': '',
    'app/src/.envrc': '',
  });
  return dir;
}

test('nearest folder first, every env-file name (templates without a leading .env too), never the file itself', () => {
  const dir = tree();
  const rel = (fs_: string[]) => fs_.map((f) => path.relative(dir, f));
  const found = rel(envFilesNear(path.join(dir, 'app', 'src', 'mailer.ts'), { top: dir }));
  assert.deepEqual(found, ['app/.env-example', 'app/.env.local', 'app/env.example', '.env', 'example.env']);
  assert.deepEqual(rel(envFilesNear(path.join(dir, 'app', '.env.local'), { top: dir })), ['app/.env-example', 'app/env.example', '.env', 'example.env']);
});

test('top bounds the walk; a file outside top reads only its own folder; maxDepth bounds it too', () => {
  const dir = tree();
  const file = path.join(dir, 'app', 'src', 'mailer.ts');
  assert.deepEqual(envFilesNear(file, { top: path.join(dir, 'app') }).map((f) => path.basename(f)), ['.env-example', '.env.local', 'env.example']);
  assert.deepEqual(envFilesNear(path.join(dir, 'mailer.ts'), { top: path.join(dir, 'app') }).map((f) => path.basename(f)), ['.env', 'example.env']);
  assert.deepEqual(envFilesNear(file, { maxDepth: 2 }).map((f) => path.basename(f)), ['.env-example', '.env.local', 'env.example']);
});

test('skipDir passes a folder over without stopping the walk; a missing folder is no error', () => {
  const dir = tree();
  const file = path.join(dir, 'app', 'src', 'mailer.ts');
  const found = envFilesNear(file, { top: dir, skipDir: (d) => d === path.join(dir, 'app') });
  assert.deepEqual(found.map((f) => path.relative(dir, f)), ['.env', 'example.env']);
  assert.deepEqual(envFilesNear(path.join(dir, 'no', 'such', 'x.ts'), { top: dir }).map((f) => path.relative(dir, f)), ['.env', 'example.env']);
  fs.rmSync(dir, { recursive: true, force: true });
});
