// missing-smtp-timeouts on a Django .env (issue 12): the .env is read by a settings module, which may assign
// EMAIL_TIMEOUT itself. A settings module at or below the .env's folder that assigns it (semantics/django,
// DjangoSettingsIndex: settings.py, settings_<env>.py, <name>_settings.py, settings/<module>.py) silences the .env;
// elsewhere, or without the assignment, the .env is still told.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './ruleTester';
import { djangoSettingsAssigned, isDjangoSettingsFile } from '../../server/src/semantics/django';

const RULE = 'missing-smtp-timeouts';
const ENV = 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_HOST_USER=app\n';
const SETTINGS = "import os\nEMAIL_HOST = os.environ['EMAIL_HOST']\nEMAIL_PORT = int(os.environ['EMAIL_PORT'])\nEMAIL_TIMEOUT = 10\n";
const env = (files: Record<string, string>) => findingsOf(RULE, { file: '.env', code: ENV, files }).mine;

test('a settings module below the .env that assigns EMAIL_TIMEOUT silences the .env', () => {
  assert.equal(env({}).length, 1, 'alone, the .env is told');
  assert.deepEqual(env({ 'proj/settings.py': SETTINGS }), []);
  assert.deepEqual(env({ 'proj/settings/production.py': 'from .base import *\nEMAIL_TIMEOUT: int = 30\n' }), []);
});

test('no assignment, a comparison, an indented line or a module that is not a settings module: still reported', () => {
  assert.equal(env({ 'proj/settings.py': SETTINGS.replace('EMAIL_TIMEOUT = 10\n', '') }).length, 1);
  assert.equal(env({ 'proj/settings.py': 'if EMAIL_TIMEOUT == 10:\n    EMAIL_TIMEOUT = 5\n' }).length, 1);
  assert.equal(env({ 'proj/mail.py': SETTINGS }).length, 1);
});

test('a settings module in another folder tree does not silence the .env', () => {
  const r = findingsOf(RULE, { file: 'svc/.env', code: ENV, files: { 'other/settings.py': SETTINGS } }).mine;
  assert.equal(r.length, 1);
});

test('semantics/django: settings module names and module-level assignments', () => {
  for (const f of ['settings.py', 'proj/settings.py', 'proj/settings_prod.py', 'proj/test_settings.py', 'proj/settings/base.py', 'C:\\p\\settings\\local.py']) assert.ok(isDjangoSettingsFile(f), f);
  for (const f of ['proj/mail.py', 'proj/settings.pyc', 'settings.yml', 'proj/mysettings/x.txt']) assert.ok(!isDjangoSettingsFile(f), f);
  const text = 'EMAIL_TIMEOUT = 5\nX = EMAIL_TIMEOUT == 3\nEMAIL_TIMEOUT: int = 7\n  EMAIL_TIMEOUT = 1\n';
  assert.deepEqual(djangoSettingsAssigned(text, ['EMAIL_TIMEOUT']).map((s) => s.span.start), [0, text.indexOf('EMAIL_TIMEOUT: int')]);
});
