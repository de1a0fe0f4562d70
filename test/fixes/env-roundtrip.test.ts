// Fix round-trips on bad .env files of every env dialect, through the real engine and rules: every fix
// offered for a finding clears that finding, the file still reads back, and fix-all is idempotent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll, fixTextEdits, lintText } from '../../server/src/engine';
import { applyTextEdits } from '../../server/src/model/textEdits';

const FILES: Record<string, string> = {
  'generic 465 secure=false': 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=false\nSMTP_USER=a@b.c\nSMTP_PASS=x8Jk2mQ9\n',
  'generic 587 secure=true, export + CRLF': 'export SMTP_HOST="smtp.sendgrid.net"\r\nexport SMTP_PORT=587\r\nexport SMTP_SECURE="true"\r\nexport SMTP_USER=apikey\r\nexport SMTP_PASS=SG.abc\r\n',
  'generic ignoreTLS + auth, reject false, TLSv1': 'MAILER_SMTP_HOST=mail.example.com\nMAILER_SMTP_PORT=587\nMAILER_SMTP_IGNORE_TLS=true\nMAILER_SMTP_USERNAME=u\nMAILER_SMTP_PASSWORD=p4ssw0rdX\nMAILER_SMTP_TLS_REJECT_UNAUTHORIZED=false\nMAILER_SMTP_TLS_MIN_VERSION=TLSv1\n',
  'generic port 25 with auth': 'SMTP_HOST=smtp.mailgun.org\nSMTP_PORT=25\nSMTP_USER=postmaster@mg.example.com\nSMTP_PASS=k3yK3yK3y\n',
  'node globals': 'NODE_TLS_REJECT_UNAUTHORIZED=0\nNODE_OPTIONS=--tls-min-v1.0\nSMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\n',
  'laravel smtps on 587 + encryption': 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.mailgun.org\nMAIL_PORT=587\nMAIL_SCHEME=smtps\nMAIL_USERNAME=postmaster@mg.example.com\nMAIL_PASSWORD=secretpw1\nMAIL_ENCRYPTION=ssl\n',
  'laravel tls scheme': 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_SCHEME=tls\n',
  'django tls on 465': 'EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend\nEMAIL_HOST=smtp.gmail.com\nEMAIL_PORT=465\nEMAIL_USE_TLS=True\nEMAIL_HOST_USER=me@gmail.com\nEMAIL_HOST_PASSWORD=abcdabcdabcdabcd\n',
  'django ssl on 587': 'EMAIL_HOST=smtp.sendgrid.net\nEMAIL_PORT=587\nEMAIL_USE_SSL=True\nEMAIL_HOST_USER=apikey\n',
  'django no TLS with auth': 'EMAIL_HOST=smtp.sendgrid.net\nEMAIL_PORT=587\nEMAIL_USE_TLS=False\nEMAIL_HOST_USER=apikey\n',
  'symfony no port, verify_peer': 'MAILER_DSN=smtp://user:pass@smtp.office365.com?verify_peer=0\n',
  'symfony smtps on 587': 'MAILER_DSN="smtps://user:pass@smtp.example.com:587"\n',
  'meteor smtp on 465': 'MAIL_URL=smtp://postmaster%40mg.example.com:pw@smtp.mailgun.org:465\n',
  'mastodon 465 without TLS, verify none': 'SMTP_SERVER=smtp.mailgun.org\nSMTP_PORT=465\nSMTP_LOGIN=u\nSMTP_PASSWORD=p\nSMTP_FROM_ADDRESS=n@x.org\nSMTP_OPENSSL_VERIFY_MODE=none\n',
  'grafana skip verify, 465 office': 'GF_SMTP_ENABLED=true\nGF_SMTP_HOST=smtp.office365.com:465\nGF_SMTP_USER=u\nGF_SMTP_PASSWORD=p\nGF_SMTP_SKIP_VERIFY=true\n',
  'gitea starttls on 465': 'GITEA__mailer__ENABLED=true\nGITEA__mailer__PROTOCOL=smtp+starttls\nGITEA__mailer__SMTP_ADDR=smtp.gmail.com\nGITEA__mailer__SMTP_PORT=465\nGITEA__mailer__USER=u\nGITEA__mailer__PASSWD=p\nGITEA__mailer__FORCE_TRUST_SERVER_CERT=true\n',
  'discourse 465 without force': 'DISCOURSE_SMTP_ADDRESS=smtp.mailgun.org\nDISCOURSE_SMTP_PORT=465\nDISCOURSE_SMTP_USER_NAME=u\nDISCOURSE_SMTP_PASSWORD=p\n',
  'ghost secure false on 465': 'mail__transport=SMTP\nmail__options__host=smtp.gmail.com\nmail__options__port=465\nmail__options__secure=false\nmail__options__auth__user=u\nmail__options__auth__pass=p\n',
};

test('every offered fix clears its finding; fix-all is idempotent', () => {
  let findings = 0;
  let fixes = 0;
  for (const [name, text] of Object.entries(FILES)) {
    const file = '/proj/.env';
    const r = lintText(file, text);
    assert.deepEqual(r.problems, [], name);
    for (const f of r.findings) {
      findings++;
      for (const fx of f.fixes) {
        fixes++;
        const next = applyTextEdits(text, fixTextEdits(text, fx));
        assert.notEqual(next, text, `${name}: "${fx.title}" changes the text`);
        const again = lintText(file, next);
        assert.deepEqual(again.problems, [], `${name}: still reads after "${fx.title}"`);
        const same = again.findings.filter((g) => g.ruleId === f.ruleId && g.message === f.message);
        assert.equal(same.length, 0, `${name}: "${fx.title}" clears ${f.ruleId}\n${next}`);
      }
    }
    const once = fixAll(file, text, {}, true).text;
    assert.equal(fixAll(file, once, {}, true).text, once, `${name}: idempotent`);
  }
  assert.ok(findings >= Object.keys(FILES).length, `findings: ${findings}`);
  assert.ok(fixes >= 10, `fixes exercised: ${fixes}`);
});
