// semantics/versions findLibraryVersion remembers each folder's walk (the language server asks on every keystroke);
// what it answers still follows the files at once: an edited or deleted lockfile, a requirements file added to a
// folder the detector lists. (A manifest created where an earlier lookup found none counts after ABSENT_FRESH_MS,
// as before the memo.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import '../../server/src/register';
import { findLibraryVersion } from '../../server/src/semantics/versions';
import { tmpDir, writeTree } from '../cli/helpers';

/** Rewrites a file with an mtime that surely differs from the last one (coarse file-system clocks). */
function rewrite(file: string, text: string): void {
  const before = fs.statSync(file).mtimeMs;
  fs.writeFileSync(file, text);
  const t = new Date(before + 5000);
  fs.utimesSync(file, t, t);
}

test('an edited lockfile counts on the next lookup', () => {
  const dir = tmpDir('mcl-vmemo-');
  const lock = (v: string) => JSON.stringify({ packages: { 'node_modules/nodemailer': { version: v } } });
  writeTree(dir, { 'package-lock.json': lock('6.9.1'), 'package.json': JSON.stringify({ dependencies: { nodemailer: '^6.9.1' } }) });
  const file = path.join(dir, 'src/mail/mailer.ts');
  assert.equal(findLibraryVersion(file, 'nodemailer')?.spec, '6.9.1');
  assert.equal(findLibraryVersion(file, 'nodemailer')?.spec, '6.9.1');
  rewrite(path.join(dir, 'package-lock.json'), lock('10.0.12'));
  assert.equal(findLibraryVersion(file, 'nodemailer')?.spec, '10.0.12');
  fs.rmSync(path.join(dir, 'package-lock.json'));
  assert.deepEqual(findLibraryVersion(file, 'nodemailer'), { library: 'nodemailer', spec: '^6.9.1', source: 'package.json' });
});

test('a requirements file added to a listed folder counts on the next lookup', () => {
  const dir = tmpDir('mcl-vmemo-');
  writeTree(dir, { 'requirements.txt': 'requests==2.31.0\n' });
  const file = path.join(dir, 'app/settings.py');
  assert.equal(findLibraryVersion(file, 'django'), undefined);
  fs.writeFileSync(path.join(dir, 'requirements-prod.txt'), 'Django==4.2.7\n');
  const t = new Date(fs.statSync(dir).mtimeMs + 5000);
  fs.utimesSync(dir, t, t); // the folder's mtime moves when a file is added (forced here for coarse clocks)
  assert.equal(findLibraryVersion(file, 'django')?.spec, '4.2.7');
});

test('each folder and library is looked up on its own', () => {
  const dir = tmpDir('mcl-vmemo-');
  writeTree(dir, {
    'a/package.json': JSON.stringify({ dependencies: { nodemailer: '^9.0.0' } }),
    'b/package.json': JSON.stringify({ dependencies: { nodemailer: '^10.1.0', 'email-templates': '^11.0.0' } }),
  });
  assert.equal(findLibraryVersion(path.join(dir, 'a/x.js'), 'nodemailer')?.spec, '^9.0.0');
  assert.equal(findLibraryVersion(path.join(dir, 'b/x.js'), 'nodemailer')?.spec, '^10.1.0');
  assert.equal(findLibraryVersion(path.join(dir, 'b/x.js'), 'email-templates')?.spec, '^11.0.0');
  assert.equal(findLibraryVersion(path.join(dir, 'a/x.js'), 'email-templates'), undefined);
  assert.equal(findLibraryVersion(path.join(dir, 'a/x.js'), 'nodemailer', { nodemailer: '10.6.0' })?.source, '.mailconfiglintrc.json');
});
