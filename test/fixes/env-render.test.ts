// Exact output of the `.env` renderer (style 'env'): quotes, export, indentation and CRLF preserved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envReader } from '../../server/src/readers/env/index';
import { renderEdits } from '../../server/src/fixes/render';
import { applyTextEdits } from '../../server/src/model/textEdits';
import '../../server/src/fixes/render-env';
import type { Field, FieldEdit, SmtpConfig } from '../../server/src/model/types';

function cfgOf(text: string): SmtpConfig {
  const r = envReader.read('/p/.env', text, {});
  assert.ok(r.configs[0], 'a config');
  return r.configs[0];
}
const apply = (text: string, edits: FieldEdit[]) => applyTextEdits(text, renderEdits(text, edits));

test('set keeps double quotes, single quotes, export and CRLF', () => {
  const t = 'export SMTP_HOST="h"\r\nexport SMTP_PORT=\'465\'\r\nexport SMTP_SECURE="false"\r\n';
  const c = cfgOf(t);
  assert.equal(apply(t, [{ op: 'set', field: c.implicitTls!, text: 'true' }]), 'export SMTP_HOST="h"\r\nexport SMTP_PORT=\'465\'\r\nexport SMTP_SECURE="true"\r\n');
  assert.equal(apply(t, [{ op: 'set', field: c.port as Field, text: '587' }]), 'export SMTP_HOST="h"\r\nexport SMTP_PORT=\'587\'\r\nexport SMTP_SECURE="false"\r\n');
});

test('set on a bare value keeps the inline comment; values that need quotes get double quotes', () => {
  const t = 'SMTP_HOST=h\nSMTP_PORT=465 # submissions\nSMTP_SECURE=false  # wrong\n';
  const c = cfgOf(t);
  assert.equal(apply(t, [{ op: 'set', field: c.implicitTls!, text: 'true' }]), 'SMTP_HOST=h\nSMTP_PORT=465 # submissions\nSMTP_SECURE=true  # wrong\n');
  assert.equal(apply(t, [{ op: 'set', field: c.host!, text: 'a b#c' }]), 'SMTP_HOST="a b#c"\nSMTP_PORT=465 # submissions\nSMTP_SECURE=false  # wrong\n');
});

test('set on an empty value', () => {
  const t = 'SMTP_HOST=h\nSMTP_PORT=\n';
  const c = cfgOf(t);
  assert.equal(apply(t, [{ op: 'set', field: c.port as Field, text: '587' }]), 'SMTP_HOST=h\nSMTP_PORT=587\n');
});

test('remove deletes the whole line (CRLF), the last line without a break, and multi-line values', () => {
  const t = 'SMTP_HOST=h\r\nSMTP_TLS_REJECT_UNAUTHORIZED=false\r\nSMTP_PORT=587\r\n';
  const c = cfgOf(t);
  assert.equal(apply(t, [{ op: 'remove', field: c.verifyCert! }]), 'SMTP_HOST=h\r\nSMTP_PORT=587\r\n');
  const t2 = 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_TLS_REJECT_UNAUTHORIZED=false';
  const c2 = cfgOf(t2);
  assert.equal(apply(t2, [{ op: 'remove', field: c2.verifyCert! }]), 'SMTP_HOST=h\nSMTP_PORT=587');
  const t3 = 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_TLS_MIN_VERSION="TLSv1\nTLSv1.1"\nX=1\n';
  const c3 = cfgOf(t3);
  assert.equal(apply(t3, [{ op: 'remove', field: c3.minTlsVersion! }]), 'SMTP_HOST=h\nSMTP_PORT=587\nX=1\n');
});

test('insert adds a sibling line with the anchor prefix, indentation, quote style and line ending', () => {
  const t = '  export SMTP_HOST="h"\r\n  export SMTP_PORT="587"\r\nOTHER=1\r\n';
  const c = cfgOf(t);
  assert.equal(apply(t, [{ op: 'insert', after: c.port as Field, key: 'SMTP_REQUIRE_TLS', text: 'true' }]), '  export SMTP_HOST="h"\r\n  export SMTP_PORT="587"\r\n  export SMTP_REQUIRE_TLS="true"\r\nOTHER=1\r\n');
  const t2 = 'SMTP_HOST=h\nSMTP_PORT=465';
  const c2 = cfgOf(t2);
  assert.equal(apply(t2, [{ op: 'insert', after: c2.port as Field, key: 'SMTP_SECURE', text: 'true' }]), 'SMTP_HOST=h\nSMTP_PORT=465\nSMTP_SECURE=true');
  // two inserts after the same anchor keep their order
  assert.equal(
    apply(t2, [{ op: 'insert', after: c2.port as Field, key: 'A', text: '1' }, { op: 'insert', after: c2.port as Field, key: 'B', text: '2' }]),
    'SMTP_HOST=h\nSMTP_PORT=465\nA=1\nB=2',
  );
});

test('rename changes only the key', () => {
  const t = 'EMAIL_HOST=h\nexport EMAIL_USE_TLS=True # 465?\nEMAIL_PORT=465\n';
  const c = cfgOf(t);
  assert.equal(apply(t, [{ op: 'rename', field: c.starttls!, key: 'EMAIL_USE_SSL' }]), 'EMAIL_HOST=h\nexport EMAIL_USE_SSL=True # 465?\nEMAIL_PORT=465\n');
});
