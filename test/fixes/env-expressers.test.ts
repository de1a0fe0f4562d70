// Intent expressers of the env dialects: exact output after rendering, and the new text reads back with the
// effective mode the intent asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../server/src/register';
import { envReader } from '../../server/src/readers/env/index';
import { express, type Intent } from '../../server/src/fixes/intents';
import { renderEdits } from '../../server/src/fixes/render';
import { applyTextEdits } from '../../server/src/model/textEdits';
import type { SmtpConfig } from '../../server/src/model/types';

function cfgOf(text: string, i = 0): SmtpConfig {
  const r = envReader.read('/p/.env', text, {});
  assert.ok(r.configs[i], 'a config');
  return r.configs[i];
}
function run(text: string, intent: Intent, i = 0): string | null {
  const edits = express(cfgOf(text, i), intent);
  if (!edits) return null;
  return applyTextEdits(text, renderEdits(text, edits));
}

const IMPLICIT: Intent = { kind: 'tls-mode', mode: 'implicit' };
const STARTTLS: Intent = { kind: 'tls-mode', mode: 'starttls-required' };
const REQUIRE: Intent = { kind: 'require-tls' };
const VERIFY: Intent = { kind: 'verify-cert' };
const MIN12: Intent = { kind: 'min-tls-1.2' };
const port = (p: number): Intent => ({ kind: 'port', port: p });

interface Case {
  name: string;
  text: string;
  intent: Intent;
  out: string | null;
  mode?: string;
  index?: number;
}

const cases: Case[] = [
  // generic
  { name: 'generic 465 + SECURE=false → SECURE=true', text: 'SMTP_HOST=h\nSMTP_PORT=465\nSMTP_SECURE=false\n', intent: IMPLICIT, out: 'SMTP_HOST=h\nSMTP_PORT=465\nSMTP_SECURE=true\n', mode: 'implicit' },
  { name: 'generic keeps 1/0 spelling', text: 'SMTP_HOST=h\nSMTP_PORT=465\nSMTP_SECURE=0\n', intent: IMPLICIT, out: 'SMTP_HOST=h\nSMTP_PORT=465\nSMTP_SECURE=1\n', mode: 'implicit' },
  { name: 'generic inserts SECURE with the prefix', text: 'export MAILER_SMTP_HOST=h\nexport MAILER_SMTP_PORT=2465\n', intent: IMPLICIT, out: 'export MAILER_SMTP_HOST=h\nexport MAILER_SMTP_PORT=2465\nexport MAILER_SMTP_SECURE=true\n', mode: 'implicit' },
  { name: 'generic 587 + SECURE=true → false', text: 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_SECURE="true"\n', intent: STARTTLS, out: 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_SECURE="false"\n', mode: 'starttls-opportunistic' },
  { name: 'generic port 587 alternative', text: 'SMTP_HOST=h\nSMTP_PORT=465\nSMTP_SECURE=false\n', intent: port(587), out: 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_SECURE=false\n' },
  { name: 'generic port 465 flips secure', text: 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_SECURE=false\n', intent: port(465), out: 'SMTP_HOST=h\nSMTP_PORT=465\nSMTP_SECURE=true\n', mode: 'implicit' },
  { name: 'generic require-tls adds REQUIRE_TLS and drops IGNORE_TLS', text: 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_IGNORE_TLS=true\nSMTP_USER=u\n', intent: REQUIRE, out: 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_REQUIRE_TLS=true\nSMTP_USER=u\n', mode: 'starttls-required' },
  { name: 'generic verify-cert removes the line', text: 'SMTP_HOST=h\nSMTP_TLS_REJECT_UNAUTHORIZED=false\nSMTP_PORT=587\n', intent: VERIFY, out: 'SMTP_HOST=h\nSMTP_PORT=587\n' },
  { name: 'generic min TLS 1.2', text: 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_TLS_MIN_VERSION=TLSv1\n', intent: MIN12, out: 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_TLS_MIN_VERSION=TLSv1.2\n' },
  { name: 'generic: an env reference is never overwritten', text: 'SMTP_HOST=h\nSMTP_PORT=465\nSMTP_SECURE=${SECURE}\n', intent: IMPLICIT, out: null },
  // nodemailer URLs (Meteor)
  { name: 'meteor smtp:// → smtps://', text: 'MAIL_URL=smtp://u:p@h:465\n', intent: IMPLICIT, out: 'MAIL_URL=smtps://u:p@h:465\n', mode: 'implicit' },
  { name: 'meteor smtps:// on 587 → smtp://', text: 'MAIL_URL="smtps://u:p@h:587"\n', intent: STARTTLS, out: 'MAIL_URL="smtp://u:p@h:587"\n' },
  { name: 'meteor verify-cert drops the param', text: 'MAIL_URL=smtps://h:465?tls.rejectUnauthorized=false\n', intent: VERIFY, out: 'MAIL_URL=smtps://h:465\n' },
  { name: 'meteor require-tls adds ?requireTLS', text: 'MAIL_URL=smtp://h:587\n', intent: REQUIRE, out: 'MAIL_URL=smtp://h:587?requireTLS=true\n', mode: 'starttls-required' },
  // Laravel
  { name: 'laravel smtps on 587 → smtp', text: 'MAIL_MAILER=smtp\nMAIL_HOST=h\nMAIL_PORT=587\nMAIL_SCHEME=smtps\n', intent: STARTTLS, out: 'MAIL_MAILER=smtp\nMAIL_HOST=h\nMAIL_PORT=587\nMAIL_SCHEME=smtp\n', mode: 'starttls-opportunistic' },
  { name: 'laravel implicit inserts MAIL_SCHEME', text: 'MAIL_MAILER=smtp\nMAIL_HOST=h\nMAIL_PORT=2465\n', intent: IMPLICIT, out: 'MAIL_MAILER=smtp\nMAIL_HOST=h\nMAIL_PORT=2465\nMAIL_SCHEME=smtps\n', mode: 'implicit' },
  { name: 'laravel port 465', text: 'MAIL_MAILER=smtp\nMAIL_HOST=h\nMAIL_PORT=25\nMAIL_SCHEME=smtp\n', intent: port(465), out: 'MAIL_MAILER=smtp\nMAIL_HOST=h\nMAIL_PORT=465\nMAIL_SCHEME=smtps\n', mode: 'implicit' },
  { name: 'laravel require-tls needs MAIL_URL', text: 'MAIL_MAILER=smtp\nMAIL_HOST=h\nMAIL_PORT=587\n', intent: REQUIRE, out: null },
  { name: 'laravel MAIL_URL require_tls', text: 'MAIL_MAILER=smtp\nMAIL_URL=smtp://h:587\n', intent: REQUIRE, out: 'MAIL_MAILER=smtp\nMAIL_URL=smtp://h:587?require_tls=true\n', mode: 'starttls-required' },
  // Django
  { name: 'django USE_TLS → USE_SSL on 465 (rename)', text: 'EMAIL_HOST=h\nEMAIL_PORT=465\nEMAIL_USE_TLS=True\n', intent: IMPLICIT, out: 'EMAIL_HOST=h\nEMAIL_PORT=465\nEMAIL_USE_SSL=True\n', mode: 'implicit' },
  { name: 'django both written', text: 'EMAIL_HOST=h\nEMAIL_PORT=465\nEMAIL_USE_TLS=True\nEMAIL_USE_SSL=False\n', intent: IMPLICIT, out: 'EMAIL_HOST=h\nEMAIL_PORT=465\nEMAIL_USE_TLS=False\nEMAIL_USE_SSL=True\n', mode: 'implicit' },
  { name: 'django USE_SSL on 587 → USE_TLS', text: 'EMAIL_HOST=h\nEMAIL_PORT=587\nEMAIL_USE_SSL=True\n', intent: STARTTLS, out: 'EMAIL_HOST=h\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\n', mode: 'starttls-required' },
  { name: 'django no flags: insert USE_TLS', text: 'EMAIL_HOST=h\nEMAIL_PORT=587\nEMAIL_HOST_USER=u\n', intent: REQUIRE, out: 'EMAIL_HOST=h\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_HOST_USER=u\n', mode: 'starttls-required' },
  { name: 'django USE_TLS=False → True', text: 'EMAIL_HOST=h\nEMAIL_PORT=587\nEMAIL_USE_TLS=False\n', intent: REQUIRE, out: 'EMAIL_HOST=h\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\n', mode: 'starttls-required' },
  { name: 'django require-tls on 465 means USE_SSL', text: 'EMAIL_HOST=h\nEMAIL_PORT=465\nEMAIL_HOST_USER=u\n', intent: REQUIRE, out: 'EMAIL_HOST=h\nEMAIL_PORT=465\nEMAIL_USE_SSL=True\nEMAIL_HOST_USER=u\n', mode: 'implicit' },
  { name: 'django port 587 from 25', text: 'EMAIL_HOST=h\nEMAIL_PORT=25\nEMAIL_HOST_USER=u\n', intent: port(587), out: 'EMAIL_HOST=h\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_HOST_USER=u\n', mode: 'starttls-required' },
  { name: 'django EMAIL_URL smtps:// (STARTTLS) → smtp:// + ?ssl=True', text: 'EMAIL_URL=smtps://u:p@h:465\n', intent: IMPLICIT, out: 'EMAIL_URL=smtp://u:p@h:465?ssl=True\n', mode: 'implicit' },
  // Symfony
  { name: 'symfony smtps on 587 → smtp + require_tls', text: 'MAILER_DSN=smtps://u:p@h:587\n', intent: STARTTLS, out: 'MAILER_DSN=smtp://u:p@h:587?require_tls=true\n', mode: 'starttls-required' },
  { name: 'symfony no port → :587', text: 'MAILER_DSN=smtp://u:p@smtp.office365.com\n', intent: port(587), out: 'MAILER_DSN=smtp://u:p@smtp.office365.com:587\n', mode: 'starttls-opportunistic' },
  { name: 'symfony verify_peer removed', text: 'MAILER_DSN="smtp://h:587?verify_peer=0&require_tls=true"\n', intent: VERIFY, out: 'MAILER_DSN="smtp://h:587?require_tls=true"\n' },
  // Mastodon
  { name: 'mastodon 465 → SMTP_TLS + never', text: 'SMTP_SERVER=h\nSMTP_PORT=465\nSMTP_LOGIN=u\n', intent: IMPLICIT, out: 'SMTP_SERVER=h\nSMTP_PORT=465\nSMTP_TLS=true\nSMTP_ENABLE_STARTTLS=never\nSMTP_LOGIN=u\n', mode: 'implicit' },
  { name: 'mastodon require → always', text: 'SMTP_SERVER=h\nSMTP_PORT=587\nSMTP_LOGIN=u\nSMTP_ENABLE_STARTTLS=auto\n', intent: REQUIRE, out: 'SMTP_SERVER=h\nSMTP_PORT=587\nSMTP_LOGIN=u\nSMTP_ENABLE_STARTTLS=always\n', mode: 'starttls-required' },
  { name: 'mastodon verify → peer', text: 'SMTP_SERVER=h\nSMTP_LOGIN=u\nSMTP_OPENSSL_VERIFY_MODE=none\n', intent: VERIFY, out: 'SMTP_SERVER=h\nSMTP_LOGIN=u\nSMTP_OPENSSL_VERIFY_MODE=peer\n' },
  { name: 'mastodon bulk set keeps its prefix', text: 'SMTP_SERVER=a\nSMTP_LOGIN=u\nBULK_SMTP_SERVER=b\nBULK_SMTP_PORT=587\nBULK_SMTP_TLS=true\n', intent: STARTTLS, index: 1, out: 'SMTP_SERVER=a\nSMTP_LOGIN=u\nBULK_SMTP_SERVER=b\nBULK_SMTP_PORT=587\nBULK_SMTP_TLS=false\nBULK_SMTP_ENABLE_STARTTLS=always\n', mode: 'starttls-required' },
  // Grafana
  { name: 'grafana port part', text: 'GF_SMTP_HOST="smtp.office365.com:465"\n', intent: port(587), out: 'GF_SMTP_HOST="smtp.office365.com:587"\n', mode: 'starttls-opportunistic' },
  { name: 'grafana missing port inserted', text: 'GF_SMTP_HOST=smtp.example.com\n', intent: port(587), out: 'GF_SMTP_HOST=smtp.example.com:587\n', mode: 'starttls-opportunistic' },
  { name: 'grafana mandatory STARTTLS', text: 'GF_SMTP_HOST=h:587\nGF_SMTP_USER=u\n', intent: REQUIRE, out: 'GF_SMTP_HOST=h:587\nGF_SMTP_STARTTLS_POLICY=MandatoryStartTLS\nGF_SMTP_USER=u\n', mode: 'starttls-required' },
  { name: 'grafana skip_verify=false', text: 'GF_SMTP_HOST=h:587\nGF_SMTP_SKIP_VERIFY=true\n', intent: VERIFY, out: 'GF_SMTP_HOST=h:587\nGF_SMTP_SKIP_VERIFY=false\n' },
  // Gitea
  { name: 'gitea smtps', text: 'GITEA__mailer__PROTOCOL=smtp+starttls\nGITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__SMTP_PORT=465\n', intent: IMPLICIT, out: 'GITEA__mailer__PROTOCOL=smtps\nGITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__SMTP_PORT=465\n', mode: 'implicit' },
  { name: 'gitea trust cert off', text: 'GITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__FORCE_TRUST_SERVER_CERT=true\n', intent: VERIFY, out: 'GITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__FORCE_TRUST_SERVER_CERT=false\n' },
  { name: 'gitea insert PROTOCOL', text: 'GITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__SMTP_PORT=2525\n', intent: IMPLICIT, out: 'GITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__SMTP_PORT=2525\nGITEA__mailer__PROTOCOL=smtps\n', mode: 'implicit' },
  // Discourse / Ghost
  { name: 'discourse force tls', text: 'DISCOURSE_SMTP_ADDRESS=h\nDISCOURSE_SMTP_PORT=465\n', intent: IMPLICIT, out: 'DISCOURSE_SMTP_ADDRESS=h\nDISCOURSE_SMTP_PORT=465\nDISCOURSE_SMTP_FORCE_TLS=true\n', mode: 'implicit' },
  { name: 'ghost secure=true', text: 'mail__options__host=h\nmail__options__port=465\nmail__options__secure=false\n', intent: IMPLICIT, out: 'mail__options__host=h\nmail__options__port=465\nmail__options__secure=true\n', mode: 'implicit' },
  { name: 'ghost requireTLS', text: 'mail__options__host=h\nmail__options__port=587\n', intent: REQUIRE, out: 'mail__options__host=h\nmail__options__port=587\nmail__options__requireTLS=true\n', mode: 'starttls-required' },
];

for (const c of cases) {
  test(`expresser: ${c.name}`, () => {
    const out = run(c.text, c.intent, c.index);
    assert.equal(out, c.out);
    if (out && c.mode) assert.equal(cfgOf(out, c.index).effective.tlsMode, c.mode, 'the new text has the intended mode');
    if (out) {
      // idempotent: expressing the same intent again on the result changes nothing
      const again = run(out, c.intent, c.index);
      assert.ok(again === null || again === out, `second application is a no-op: ${JSON.stringify(again)}`);
    }
  });
}
