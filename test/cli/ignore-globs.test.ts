// config/ignore.ts serves both the CLI (.mailconfiglintrc.json "ignore") and the editor (mailConfigLint.ignore).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileIgnore } from '../../server/src/config/ignore';

test('ignore globs: gitignore-like, relative to the base folder', () => {
  const ig = compileIgnore(['fixtures', '/deploy/*.env', 'legacy/'], '/w');
  assert.equal(ig('/w/a/fixtures/.env'), true, 'a bare name matches at any depth');
  assert.equal(ig('/w/fixtures/x/y.ts'), true, 'and everything below it');
  assert.equal(ig('/w/deploy/prod.env'), true, 'a leading slash anchors to the base');
  assert.equal(ig('/w/x/deploy/prod.env'), false);
  assert.equal(ig('/w/legacy/app.js'), true, 'dir/ covers what is below');
  assert.equal(ig('/w/src/mailer.ts'), false);
});

test('ignore globs: outside the base folder only the editor form matches the path itself', () => {
  assert.equal(compileIgnore(['fixtures'], '/w')('/elsewhere/fixtures/.env'), false);
  assert.equal(compileIgnore(['fixtures'], '/w', true)('/elsewhere/fixtures/.env'), true);
  assert.equal(compileIgnore(['**/*.env'], undefined, true)('/tmp/x/prod.env'), true, 'no workspace folder');
  assert.equal(compileIgnore(['**/*.env'], undefined)('/tmp/x/prod.env'), false);
});
