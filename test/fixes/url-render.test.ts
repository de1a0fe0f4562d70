// Exact output of the URL-part renderer (style 'url-part') inside .env values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envReader } from '../../server/src/readers/env/index';
import { renderEdits } from '../../server/src/fixes/render';
import { applyTextEdits } from '../../server/src/model/textEdits';
import '../../server/src/fixes/render-url';
import type { Field, FieldEdit, SmtpConfig } from '../../server/src/model/types';

function cfgOf(text: string): SmtpConfig {
  const r = envReader.read('/p/.env', text, {});
  assert.ok(r.configs[0], 'a config');
  return r.configs[0];
}
const apply = (text: string, edits: FieldEdit[]) => applyTextEdits(text, renderEdits(text, edits));

test('set a scheme, a port and a query value', () => {
  const t = 'MAILER_DSN="smtp://u:p@h.example.com:465?verify_peer=0"\n';
  const u = cfgOf(t).url!;
  assert.equal(apply(t, [{ op: 'set', field: u.scheme!, text: 'smtps' }]), 'MAILER_DSN="smtps://u:p@h.example.com:465?verify_peer=0"\n');
  assert.equal(apply(t, [{ op: 'set', field: u.port as Field, text: '587' }]), 'MAILER_DSN="smtp://u:p@h.example.com:587?verify_peer=0"\n');
  assert.equal(apply(t, [{ op: 'set', field: u.params.verify_peer, text: '1' }]), 'MAILER_DSN="smtp://u:p@h.example.com:465?verify_peer=1"\n');
});

test('remove a query parameter with its joining ? or &', () => {
  const t = 'MAILER_DSN=smtp://h:587?a=1&verify_peer=0&b=2\n';
  const u = cfgOf(t).url!;
  assert.equal(apply(t, [{ op: 'remove', field: u.params.verify_peer }]), 'MAILER_DSN=smtp://h:587?a=1&b=2\n');
  assert.equal(apply(t, [{ op: 'remove', field: u.params.a }]), 'MAILER_DSN=smtp://h:587?verify_peer=0&b=2\n');
  assert.equal(apply(t, [{ op: 'remove', field: u.params.b }]), 'MAILER_DSN=smtp://h:587?a=1&verify_peer=0\n');
  const t2 = 'MAILER_DSN=smtp://h:587?verify_peer=0 # c\n';
  const u2 = cfgOf(t2).url!;
  assert.equal(apply(t2, [{ op: 'remove', field: u2.params.verify_peer }]), 'MAILER_DSN=smtp://h:587 # c\n');
});

test('remove the port with its colon', () => {
  const t = "MAIL_URL='smtp://h:465'\n";
  const u = cfgOf(t).url!;
  assert.equal(apply(t, [{ op: 'remove', field: u.port as Field }]), "MAIL_URL='smtp://h'\n");
});

test('insert a query parameter (? or &) and a port', () => {
  const t = 'MAILER_DSN="smtp://u:p@smtp.office365.com"\n';
  const u = cfgOf(t).url!;
  assert.equal(apply(t, [{ op: 'insert', after: u.host!, key: 'require_tls', text: 'true' }]), 'MAILER_DSN="smtp://u:p@smtp.office365.com?require_tls=true"\n');
  assert.equal(apply(t, [{ op: 'insert', after: u.host!, key: 'port', text: '587' }]), 'MAILER_DSN="smtp://u:p@smtp.office365.com:587"\n');
  assert.equal(
    apply(t, [{ op: 'insert', after: u.host!, key: 'port', text: '587' }, { op: 'insert', after: u.host!, key: 'require_tls', text: 'true' }]),
    'MAILER_DSN="smtp://u:p@smtp.office365.com:587?require_tls=true"\n',
  );
  const t2 = 'SMTP_URL=smtp://h:587?pool=true\n';
  const u2 = cfgOf(t2).url!;
  assert.equal(apply(t2, [{ op: 'insert', after: u2.port as Field, key: 'requireTLS', text: 'true' }]), 'SMTP_URL=smtp://h:587?pool=true&requireTLS=true\n');
  assert.equal(apply(t2, [{ op: 'insert', after: u2.params.pool, key: 'tls.minVersion', text: 'TLSv1.2' }]), 'SMTP_URL=smtp://h:587?pool=true&tls.minVersion=TLSv1.2\n');
});

test('rename a query parameter', () => {
  const t = 'MAILER_DSN=smtp://h:587?encryption=ssl\n';
  const u = cfgOf(t).url!;
  assert.equal(apply(t, [{ op: 'rename', field: u.params.encryption, key: 'require_tls' }]), 'MAILER_DSN=smtp://h:587?require_tls=ssl\n');
});

test('insert stops at an inline comment glued to the value', () => {
  const t = 'MAILER_DSN=smtp://h:587#comment\n';
  const u = cfgOf(t).url!;
  assert.equal(apply(t, [{ op: 'insert', after: u.port as Field, key: 'require_tls', text: 'true' }]), 'MAILER_DSN=smtp://h:587?require_tls=true#comment\n');
});
