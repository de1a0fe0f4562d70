// semantics/values: each boolean vocabulary, the one placeholder list, hosts and ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boolOf, hostKind, isLocalHost, isPlaceholder, isPlaceholderForProbe, parseBool, parsePort, portOfValue } from '../../server/src/semantics/values';
import { lookupService, suggestService } from '../../server/src/semantics/nodemailer/presets';
import type { Field } from '../../server/src/model/types';

test('parseBool: each reader has its own words', () => {
  // app code comparing env strings: n/y are not agreed booleans
  assert.equal(parseBool('n', 'env-app'), undefined);
  assert.equal(parseBool('Yes', 'env-app'), true);
  assert.equal(parseBool('off', 'env-app'), false);
  // python-decouple / django-environ / strtobool
  assert.equal(parseBool('n', 'python'), false);
  assert.equal(parseBool('t', 'python'), true);
  assert.equal(parseBool('', 'python'), false);
  // Spring StringToBooleanConverter
  assert.equal(parseBool('on', 'spring'), true);
  assert.equal(parseBool('y', 'spring'), undefined);
  // JavaMail: only "true"
  assert.equal(parseBool('yes', 'javamail'), false);
  assert.equal(parseBool('TRUE', 'javamail'), true);
  // Laravel env(): 'no' stays a (truthy) string, '(false)' is false, '0' is falsy
  assert.equal(parseBool('no', 'laravel-env'), true);
  assert.equal(parseBool('(false)', 'laravel-env'), false);
  assert.equal(parseBool('0', 'laravel-env'), false);
  // filter_var FILTER_VALIDATE_BOOL
  assert.equal(parseBool('abc', 'php-filter'), false);
  assert.equal(parseBool('on', 'php-filter'), true);
  // JS truthiness of a string
  assert.equal(parseBool('false', 'js-truthy'), true);
  assert.equal(parseBool('', 'js-truthy'), false);
  // nconf parseValues
  assert.equal(parseBool('0', 'nconf'), false);
  assert.equal(parseBool('TRUE', 'nconf'), true);
  assert.equal(parseBool('false', 'nconf'), false);
});

const envField = (text: string, boolReader?: Field['boolReader']): Field => ({
  key: 'SMTP_SECURE',
  value: text,
  text,
  kind: 'literal',
  site: { file: '/x/.env', style: 'env', value: { start: 0, end: 0 }, quote: '', entry: { start: 0, end: 0 }, indent: '' },
  ...(boolReader ? { boolReader } : {}),
});

test('boolOf reads a field with its own vocabulary, else its dialect', () => {
  assert.equal(boolOf(envField('n'), 'generic'), undefined);
  assert.equal(boolOf(envField('n'), 'django'), false);
  assert.equal(boolOf(envField('yes', 'javamail'), 'spring'), false);
  assert.equal(boolOf({ ...envField('x'), value: false }, 'generic'), false);
});

test('placeholders: one list for every format', () => {
  for (const p of ['', 'changeme', '{{SMTP_PASS}}', '${SMTP_PASS}', '$SMTP_PASS', 'your_app_password', 'your-password', '<password>', '[password]', '%SMTP_PASS%', 'xxxx', '***', 'replace-me', 'test']) {
    assert.equal(isPlaceholder(p), true, p);
  }
  for (const p of ['hunter2-Real', 'S3cr3t!pass', 'abcd efgh ijkl mnop']) assert.equal(isPlaceholder(p), false, p);
  // the probe's stated exception: 'test' is tried on a test server
  assert.equal(isPlaceholderForProbe('test'), false);
  assert.equal(isPlaceholderForProbe('{{SMTP_PASS}}'), true);
});

test('hosts: only a host written as local is local; empty is unknown', () => {
  assert.equal(hostKind(''), 'unknown');
  assert.equal(hostKind(undefined), 'unknown');
  assert.equal(hostKind('localhost'), 'local');
  assert.equal(hostKind('[::1]'), 'local');
  assert.equal(hostKind('mailpit'), 'local');
  assert.equal(hostKind('mail'), 'internal');
  assert.equal(hostKind('smtp.example.com'), 'remote');
  assert.equal(isLocalHost(''), false);
});

test('ports', () => {
  assert.equal(parsePort(' 587 '), 587);
  assert.equal(parsePort('58x'), undefined);
  // configuration values (appsettings.json, C# literals): integers and digit strings only
  assert.equal(portOfValue(465), 465);
  assert.equal(portOfValue(' 587 '), 587);
  assert.equal(portOfValue(587.5), undefined);
  assert.equal(portOfValue('${SMTP_PORT}'), undefined);
  assert.equal(portOfValue(true), undefined);
});

test('nodemailer presets: one lookup, no prototype members', () => {
  assert.equal(lookupService('gmail')?.name, 'Gmail');
  assert.equal(lookupService('me@gmail.com')?.name, 'Gmail');
  for (const n of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) assert.equal(lookupService(n), undefined, n);
  assert.equal(suggestService('gmial'), 'Gmail');
});
