// Discovery honours git's ignore files like ripgrep/Ruff: nested .gitignore files, .git/info/exclude,
// negations, a deeper file overriding a shallower one; --no-ignore turns it off; node_modules and .git
// stay skipped either way; a file named on the command line is linted even when git ignores it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover } from '../../server/src/files/discover';
import { runInProcess, tmpDir, writeTree } from './helpers';

const BAD = 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\n';

function repo(): string {
  const dir = tmpDir('mcl-git-');
  fs.mkdirSync(path.join(dir, '.git', 'info'), { recursive: true });
  writeTree(dir, {
    '.gitignore': '# build output\nbuild/\n*.local.env\n!keep.local.env\n/top-only.yml\n',
    '.git/info/exclude': 'scratch/\n',
    '.git/config.env': BAD,
    'build/.env': BAD,
    'a.local.env': BAD,
    'keep.local.env': BAD,
    'top-only.yml': 'x: 1\n',
    'sub/top-only.yml': 'x: 1\n',
    'scratch/.env': BAD,
    'node_modules/pkg/.env': BAD,
    'apps/web/.gitignore': 'generated/\n!a.local.env\n*.yml\n',
    'apps/web/a.local.env': BAD,
    'apps/web/generated/.env': BAD,
    'apps/web/compose.yml': 'x: 1\n',
    'apps/web/.env': BAD,
    'apps/api/.env': BAD,
  });
  return dir;
}

const rel = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();

test('nested .gitignore, .git/info/exclude and negations decide what a folder walk finds', () => {
  const dir = repo();
  assert.deepEqual(rel(dir, discover(['.'], dir).files), ['apps/api/.env', 'apps/web/.env', 'apps/web/a.local.env', 'keep.local.env', 'sub/top-only.yml']);
});

test('a walk that starts below the repository root still applies the ignore files above it', () => {
  const dir = repo();
  assert.deepEqual(rel(dir, discover(['apps/web'], dir).files), ['apps/web/.env', 'apps/web/a.local.env']);
  assert.deepEqual(rel(dir, discover(['.'], path.join(dir, 'apps')).files), ['apps/api/.env', 'apps/web/.env', 'apps/web/a.local.env']);
});

test('--no-ignore: every file again, but node_modules and .git stay skipped', async () => {
  const dir = repo();
  assert.deepEqual(rel(dir, discover(['.'], dir, undefined, { gitignore: false }).files), [
    'a.local.env', 'apps/api/.env', 'apps/web/.env', 'apps/web/a.local.env', 'apps/web/compose.yml', 'apps/web/generated/.env',
    'build/.env', 'keep.local.env', 'scratch/.env', 'sub/top-only.yml', 'top-only.yml',
  ]);
  const withIgnore = JSON.parse((await runInProcess(['--format', 'json', '.'], dir)).stdout) as { file: string }[];
  const without = JSON.parse((await runInProcess(['--format', 'json', '--no-ignore', '.'], dir)).stdout) as { file: string }[];
  assert.deepEqual(withIgnore.map((f) => f.file).sort(), ['apps/api/.env', 'apps/web/.env', 'apps/web/a.local.env', 'keep.local.env']);
  assert.deepEqual(without.map((f) => f.file).sort(), ['a.local.env', 'apps/api/.env', 'apps/web/.env', 'apps/web/a.local.env', 'apps/web/generated/.env', 'build/.env', 'keep.local.env', 'scratch/.env']);
});

test('a file named on the command line is linted even when git ignores it; config ignore globs still apply', async () => {
  const dir = repo();
  const r = await runInProcess(['--format', 'json', 'build/.env', 'a.local.env'], dir);
  assert.deepEqual((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file), ['build/.env', 'a.local.env']);
  writeTree(dir, { '.mailconfiglintrc.json': '{"ignore":["build/**"]}' });
  const r2 = await runInProcess(['--format', 'json', 'build/.env'], dir);
  assert.deepEqual(JSON.parse(r2.stdout), []);
});

test('without a .git folder, the .gitignore files inside the walked tree still apply', () => {
  const dir = tmpDir('mcl-nogit-');
  writeTree(dir, { '.gitignore': 'out/\n', 'out/.env': BAD, 'src/.env': BAD, 'src/.gitignore': '.env\n', 'lib/.env': BAD });
  assert.deepEqual(rel(dir, discover(['.'], dir).files), ['lib/.env']);
});

test('a worktree (.git is a file) reads info/exclude from the common git folder', () => {
  const main = tmpDir('mcl-main-');
  fs.mkdirSync(path.join(main, '.git', 'worktrees', 'wt', ''), { recursive: true });
  writeTree(main, { '.git/info/exclude': 'private/\n', '.git/worktrees/wt/commondir': '../..\n' });
  const wt = tmpDir('mcl-wt-');
  writeTree(wt, { '.git': `gitdir: ${path.join(main, '.git', 'worktrees', 'wt')}\n`, 'private/.env': BAD, 'public/.env': BAD });
  assert.deepEqual(rel(wt, discover(['.'], wt).files), ['public/.env']);
});

test('a folder named on the command line that git ignores is walked (like ripgrep); rules above it stop there', () => {
  const dir = repo();
  writeTree(dir, { 'build/sub/.env': BAD, 'build/.gitignore': 'skip/\n', 'build/skip/.env': BAD });
  assert.deepEqual(rel(dir, discover(['build'], dir).files), ['build/.env', 'build/sub/.env']);
  assert.deepEqual(rel(dir, discover(['.'], path.join(dir, 'build')).files), ['build/.env', 'build/sub/.env']);
  // Walking the repository root still skips it.
  assert.ok(!discover(['.'], dir).files.some((f) => f.includes(`${path.sep}build${path.sep}`)));
});

test('an ignore file of folder-only patterns (dist/) never ignores a file of that name, as in git', () => {
  const dir = tmpDir('mcl-git-');
  fs.mkdirSync(path.join(dir, '.git'));
  writeTree(dir, {
    '.gitignore': 'out.env/\n# comment\n\nlogs/  \n',
    'out.env': BAD,
    'logs/.env': BAD,
    'pkg/.gitignore': '!x/\nprod.env/\n',
    'pkg/prod.env': BAD,
    'pkg/prod.env.d/.env': BAD,
  });
  assert.deepEqual(rel(dir, discover(['.'], dir).files), ['out.env', 'pkg/prod.env', 'pkg/prod.env.d/.env']);
});

test('a folder whose own .gitignore lists folders only still gets the file patterns of the ignore files above it', () => {
  const dir = tmpDir('mcl-git-');
  fs.mkdirSync(path.join(dir, '.git'));
  writeTree(dir, {
    '.gitignore': '*.local.env\n',
    'pkg/.gitignore': 'dist/\n',
    'pkg/a.local.env': BAD,
    'pkg/.env': BAD,
    'pkg/sub/.gitignore': 'tmp/\n!b.local.env\n',
    'pkg/sub/b.local.env': BAD,
    'pkg/sub/c.local.env': BAD,
    'plain/d.local.env': BAD,
  });
  assert.deepEqual(rel(dir, discover(['.'], dir).files), ['pkg/.env', 'pkg/sub/b.local.env']);
});
