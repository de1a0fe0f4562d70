// readers/url.ts through .env values: userinfo up to the last `@` (as Node's url.parse), masking that never
// leaks part of a password, exact part sites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMailUrl, looksLikeMailUrl } from '../../server/src/readers/url';
import { envReader } from '../../server/src/readers/env/index';
import type { Site } from '../../server/src/model/types';

const site: Site = { file: 'f', style: 'env', value: { start: 0, end: 0 }, quote: '', entry: { start: 0, end: 0 }, indent: '' };

test('an unencoded @ in the password: host is after the last @, password masked whole', () => {
  const v = 'smtp://user:p@ss@host.example.com:587?a=1';
  const u = parseMailUrl('K', v, 100, site)!;
  assert.equal(u.host?.value, 'host.example.com');
  assert.deepEqual(u.host?.site.value, { start: 100 + v.indexOf('host.'), end: 100 + v.indexOf(':587') });
  assert.equal(u.port?.value, 587);
  assert.equal(u.text, 'smtp://user:***@host.example.com:587?a=1');
  assert.ok(!u.text.includes('ss@'));
  assert.equal(u.hasUser, true);
  assert.equal(u.hasPassword, true);
});

test('user with @ (e-mail address) and leading blanks', () => {
  const u = parseMailUrl('K', '  smtps://me@x.io:pw@smtp.x.io', 0, site)!;
  assert.equal(u.host?.value, 'smtp.x.io');
  assert.equal(u.text, '  smtps://me@x.io:***@smtp.x.io');
  assert.equal(u.scheme?.site.value.start, 2);
  const c = envReader.read('/p/.env', 'MAIL_URL=smtps://me%40x.io:pw@smtp.x.io:465\n', {}).configs[0];
  assert.equal(c.credentials.user?.value, 'me@x.io');
  const c2 = envReader.read('/p/.env', 'MAIL_URL=smtps://me@x.io:pw@smtp.x.io:465\n', {}).configs[0];
  assert.equal(c2.credentials.user?.value, 'me@x.io');
  assert.equal(c2.host?.value, 'smtp.x.io');
});

test('no userinfo, no password, IPv6 host', () => {
  const u = parseMailUrl('K', 'smtp://[::1]:25', 0, site)!;
  assert.equal(u.host?.value, '::1');
  assert.equal(u.port?.value, 25);
  assert.equal(u.hasUser, false);
  assert.equal(u.text, 'smtp://[::1]:25');
  assert.equal(parseMailUrl('K', 'not a url', 0, site), undefined);
  assert.equal(looksLikeMailUrl('gmail+smtp://u:p@default'), true);
  assert.equal(looksLikeMailUrl('postgres://db'), false);
});
