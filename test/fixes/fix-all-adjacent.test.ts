// fix-all applies several findings' fixes in one round only when their edits do not touch: an insertion at the
// end of a URL's query (require_tls) and the removal of the `?verify_peer=0` it follows once produced
// `…:587&require_tls=true` (a query without its `?`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll } from '../../server/src/engine';

test('an insertion after a removed query parameter waits for the next round', () => {
  const out = fixAll('/proj/.env', 'MAILER_DSN=smtps://user:pass@smtp.example.com:587?verify_peer=0\n', {}, true);
  assert.equal(out.text, 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?require_tls=true\n');
  const yaml = fixAll('/proj/config/packages/mailer.yaml', "framework:\n  mailer:\n    dsn: 'smtps://smtp.example.com:587?verify_peer=0'\n", {}, true);
  assert.equal(yaml.text, "framework:\n  mailer:\n    dsn: 'smtp://smtp.example.com:587?require_tls=true'\n");
});
