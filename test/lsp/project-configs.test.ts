// The language server's per-folder project config lookup (lsp/workspace.ts ProjectConfigs): each folder
// looks for its own .mailconfiglintrc.json once and otherwise takes its parent's answer, which must be the
// answer of config/rc.ts findConfigFile (the nearest config at or above the folder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findConfigFile } from '../../server/src/config/rc';
import { ProjectConfigs } from '../../server/src/lsp/workspace';

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-configs-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

test('nearest config at or above each folder, as findConfigFile finds it; nested configs win below them', () => {
  const dir = tree({
    '.mailconfiglintrc.json': JSON.stringify({ rules: { 'conflicting-tls-flags': 'warning' } }),
    'a/b/c/x.env': '',
    'pkg/.mailconfiglintrc.json': JSON.stringify({ rules: { 'conflicting-tls-flags': 'off' }, ignore: ['gen/'] }),
    'pkg/src/deep/y.env': '',
    // A folder named like the config is not one.
    'odd/.mailconfiglintrc.json/z.env': '',
  });
  const errors: string[] = [];
  const configs = new ProjectConfigs((m) => errors.push(m));
  // Deepest first, so the parents are answered from the children's walk up.
  for (const rel of ['pkg/src/deep/y.env', 'a/b/c/x.env', 'pkg/src/other.ts', 'odd/.mailconfiglintrc.json/z.env', 'pkg/x.ts', 'x.ts']) {
    const file = path.join(dir, rel);
    assert.equal(configs.forFile(file).file, findConfigFile(path.dirname(file)), rel);
  }
  assert.deepEqual(configs.forFile(path.join(dir, 'pkg/src/deep/y.env')).rules, { 'conflicting-tls-flags': 'off' });
  assert.deepEqual(configs.forFile(path.join(dir, 'pkg/src/deep/y.env')).ignore, ['gen/']);
  assert.equal(configs.forFile(path.join(dir, 'pkg/src/deep/y.env')).baseDir, path.join(dir, 'pkg'));
  assert.deepEqual(configs.forFile(path.join(dir, 'a/b/c/x.env')).rules, { 'conflicting-tls-flags': 'warning' });
  assert.deepEqual(errors, []);
});

test('without any config: defaults relative to the file\'s folder; a broken config is reported once and yields defaults', () => {
  const dir = tree({ 'svc/.mailconfiglintrc.json': '{ nope', 'svc/a/b.env': '', 'svc/c/d.env': '' });
  const errors: string[] = [];
  const configs = new ProjectConfigs((m) => errors.push(m));
  const a = configs.forFile(path.join(dir, 'svc/a/b.env'));
  const c = configs.forFile(path.join(dir, 'svc/c/d.env'));
  assert.equal(a.file, path.join(dir, 'svc/.mailconfiglintrc.json'));
  assert.deepEqual([a.rules, c.rules], [{}, {}]);
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /ignoring \.mailconfiglintrc\.json: .*invalid JSON/);
  // Outside it (the temp folder's parent chain has no config in a test run).
  const bare = configs.forFile(path.join(dir, 'other/e.env'));
  if (!findConfigFile(path.join(dir, 'other'))) assert.deepEqual({ file: bare.file, baseDir: bare.baseDir }, { file: undefined, baseDir: path.join(dir, 'other') });
});
