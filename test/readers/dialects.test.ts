// Dialect interpreters on .env text: which configs, which fields (with exact source spans), which
// effective mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envReader } from '../../server/src/readers/env/index';
import type { Field, SmtpConfig } from '../../server/src/model/types';

function read(text: string, file = '/p/.env') {
  return envReader.read(file, text, {});
}
function one(text: string): SmtpConfig {
  const r = read(text);
  assert.equal(r.configs.length, 1, `one config: ${r.configs.map((c) => c.label).join(', ')}`);
  return r.configs[0];
}
/** The source text a field's value site covers. */
const at = (text: string, f: Field | undefined) => (f ? text.slice(f.site.value.start, f.site.value.end) : undefined);

// ---------------------------------------------------------------------------------------------- generic

test('generic SMTP_*: fields, spans, nodemailer effective mode', () => {
  const t = 'APP=x\nexport SMTP_HOST="smtp.gmail.com"\nSMTP_PORT=465\nSMTP_SECURE=false # wrong\nSMTP_USER=me@x.io\nSMTP_PASS=s3cretValue\nSMTP_TLS_REJECT_UNAUTHORIZED=false\nSMTP_TLS_MIN_VERSION=TLSv1\n';
  const c = one(t);
  assert.equal(c.dialect, 'generic');
  assert.equal(c.format, 'env');
  assert.equal(c.host?.value, 'smtp.gmail.com');
  assert.equal(at(t, c.host), '"smtp.gmail.com"');
  assert.equal(c.host?.site.quote, '"');
  assert.equal(c.host?.site.prefix, 'export ');
  assert.equal(c.port?.value, 465);
  assert.equal(at(t, c.port), '465');
  assert.equal(c.implicitTls?.key, 'SMTP_SECURE');
  assert.equal(c.implicitTls?.value, 'false', 'env values stay strings');
  assert.equal(at(t, c.implicitTls), 'false');
  assert.equal(c.verifyCert?.value, false, 'verifyCert is normalised: false = verification off');
  assert.equal(c.minTlsVersion?.value, 'TLSv1');
  assert.equal(c.credentials.user?.value, 'me@x.io');
  assert.equal(c.credentials.password?.text, '***');
  assert.equal(c.credentials.password?.value, undefined);
  assert.equal(c.credentials.passwordIsLiteral, true);
  assert.deepEqual(c.effective, { host: 'smtp.gmail.com', port: 465, tlsMode: 'starttls-opportunistic', because: c.effective.because });
  assert.match(c.effective.because, /SMTP_SECURE is false/);
  assert.equal(c.id, `env:${t.indexOf('export SMTP_HOST')}`);
  assert.equal(c.span.start, t.indexOf('export SMTP_HOST'));
  assert.equal(c.span.end, t.length);
});

test('generic: 465 with SECURE unset → implicit; 587 + REQUIRE_TLS → required; IGNORE_TLS → none', () => {
  assert.equal(one('SMTP_HOST=h\nSMTP_PORT=465\n').effective.tlsMode, 'implicit');
  assert.equal(one('SMTP_HOST=h\nSMTP_PORT=587\nSMTP_SECURE=false\nSMTP_REQUIRE_TLS=true\n').effective.tlsMode, 'starttls-required');
  assert.equal(one('SMTP_HOST=h\nSMTP_PORT=587\nSMTP_IGNORE_TLS=true\n').effective.tlsMode, 'none');
  assert.equal(one('SMTP_HOST=h\nSMTP_PORT=587\nSMTP_SECURE=1\n').effective.tlsMode, 'implicit');
  assert.equal(one('SMTP_HOST=h\nSMTP_SECURE=true\n').effective.port, 465, 'nodemailer default port by secure');
  assert.equal(one('SMTP_HOST=h\n').effective.port, 587);
});

test('generic: a non-boolean in a boolean key is noted and the mode is unknown', () => {
  const t = 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_SECURE=ssl\n';
  const c = one(t);
  assert.equal(c.effective.tlsMode, 'unknown');
  const nb = c.extras['nonBoolean:SMTP_SECURE'];
  assert.ok(nb);
  assert.equal(at(t, nb), 'ssl');
});

test('generic: service preset decides host/port/TLS (nodemailer well-known)', () => {
  const c = one('SMTP_SERVICE=gmail\nSMTP_USER=a\n');
  assert.equal(c.service?.value, 'gmail');
  assert.deepEqual([c.effective.host, c.effective.port, c.effective.tlsMode], ['smtp.gmail.com', 465, 'implicit']);
});

test('generic: references to other variables', () => {
  const c = one('PORT_DEFAULT=465\nSMTP_HOST=h\nSMTP_PORT=${PORT_DEFAULT}\nSMTP_PASS=${SECRET}\nSMTP_USER=u\n');
  assert.equal(c.port?.kind, 'env');
  assert.equal(c.port?.envVar, 'PORT_DEFAULT');
  assert.equal(c.port?.value, 465);
  assert.equal(c.port?.text, '${PORT_DEFAULT}');
  assert.ok(c.port?.resolvedFrom);
  assert.equal(c.credentials.password?.kind, 'env');
  assert.equal(c.credentials.passwordIsLiteral, false);
  const u = one('SMTP_HOST=h\nSMTP_PORT=${UNSET}\nSMTP_SECURE=false\n');
  assert.equal(u.port?.value, undefined);
  assert.equal(u.effective.tlsMode, 'starttls-opportunistic', 'secure known: mode known, port not');
  assert.equal(u.effective.port, undefined);
});

test('generic: key prefixes — every mail prefix is its own config; decoys are ignored', () => {
  const t = [
    'MAILER_SMTP_HOST=a', 'MAILER_SMTP_PORT=587', 'EMAIL_SMTP_HOST=b', 'EMAIL_SMTP_PORT=465', 'EMAIL_SMTP_SECURE=false',
    'COOKIE_SECURE=false', 'METRICS_PORT=465', 'API_TLS_REJECT_UNAUTHORIZED=false', 'LEGACY_COOKIE_SECURE=false', 'V2_METRICS_PORT=465',
    'LEGACY_API_TLS_REJECT_UNAUTHORIZED=false', 'PG_TLS_REJECT_UNAUTHORIZED=false', 'DB_HOST=db', 'REDIS_PORT=6379', 'SMTP_FROM=x',
  ].join('\n');
  const r = read(t);
  assert.deepEqual(r.configs.map((c) => [c.host?.value, c.port?.value, c.effective.tlsMode]), [['a', 587, 'starttls-opportunistic'], ['b', 465, 'starttls-opportunistic']]);
  assert.deepEqual(r.globals, []);
});

test('generic: a repeated key replaces the earlier one (dotenv.parse: the last definition wins)', () => {
  const t = 'SMTP_HOST=a\nSMTP_PORT=465\nSMTP_SECURE=true\n\nSMTP_SECURE=false\n';
  const r = read(t);
  assert.deepEqual(r.configs.map((c) => [c.host?.value, c.port?.value, c.implicitTls?.value]), [['a', 465, 'false']]);
  assert.equal(at(t, r.configs[0].implicitTls), 'false');
  assert.equal(r.configs[0].implicitTls?.site.value.start, t.lastIndexOf('false'), 'the live (last) entry, not the dead one');
});

test('generic MAIL_* (no Laravel keys) and SMTP_URL with nodemailer URL semantics', () => {
  const g = one('MAIL_HOST=h\nMAIL_PORT=587\nMAIL_SECURE=true\n');
  assert.equal(g.dialect, 'generic');
  assert.equal(g.effective.tlsMode, 'implicit');
  const t = 'SMTP_URL=smtp://u:p@mail.x.com:465?tls.rejectUnauthorized=false\n';
  const u = one(t);
  assert.equal(u.url?.scheme?.value, 'smtp');
  assert.equal(at(t, u.port), '465');
  assert.equal(u.verifyCert?.value, false);
  assert.equal(at(t, u.verifyCert), 'false');
  assert.equal(u.effective.tlsMode, 'starttls-opportunistic', 'smtp:// sets secure:false explicitly');
  assert.ok(u.credentials.password);
  assert.equal(u.credentials.user?.value, 'u');
});

test('globals: NODE_TLS_REJECT_UNAUTHORIZED and NODE_OPTIONS TLS flags', () => {
  const t = 'NODE_TLS_REJECT_UNAUTHORIZED=0\nNODE_OPTIONS="--max-old-space-size=4096"\nNODE_OPTIONS="--tls-min-v1.0 --max-old-space-size=4096"\n';
  const r = read(t);
  assert.deepEqual(r.globals.map((g) => [g.field.key, g.field.value]), [['NODE_TLS_REJECT_UNAUTHORIZED', '0'], ['NODE_OPTIONS', '--tls-min-v1.0 --max-old-space-size=4096']]);
  assert.equal(at(t, r.globals[0].field), '0');
  assert.equal(r.configs.length, 0);
});

// ---------------------------------------------------------------------------------------------- Laravel

test('Laravel: MAIL_SCHEME / port 465 rules, MAIL_ENCRYPTION is an extra, null credentials', () => {
  const t = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.mailgun.org\nMAIL_PORT=465\nMAIL_USERNAME=null\nMAIL_PASSWORD=null\nMAIL_ENCRYPTION=tls\nMAIL_FROM_ADDRESS="hello@example.com"\n';
  const c = one(t);
  assert.equal(c.dialect, 'laravel');
  assert.equal(c.effective.tlsMode, 'implicit', 'Laravel picks smtps for port 465; MAIL_ENCRYPTION is ignored');
  assert.equal(at(t, c.extras.MAIL_ENCRYPTION), 'tls');
  assert.equal(c.credentials.user, undefined);
  assert.equal(c.credentials.password, undefined);
  const s = one('MAIL_MAILER=smtp\nMAIL_HOST=h.example.com\nMAIL_PORT=587\nMAIL_SCHEME=smtps\nMAIL_USERNAME=u\n');
  assert.equal(s.implicitTls?.value, 'smtps');
  assert.equal(s.effective.tlsMode, 'implicit');
  assert.equal(one('MAIL_MAILER=smtp\nMAIL_HOST=h\nMAIL_PORT=587\n').effective.tlsMode, 'starttls-opportunistic');
  assert.equal(one('MAIL_MAILER=smtp\nMAIL_HOST=h\nMAIL_PORT=587\nMAIL_SCHEME=tls\n').effective.tlsMode, 'unknown', 'symfony/mailer ≥ 7.2 rejects tls');
  assert.equal(one('MAIL_MAILER=smtp\nMAIL_HOST=h\nMAIL_SCHEME=null\nMAIL_PORT=465\n').effective.tlsMode, 'implicit');
  assert.equal(one('MAIL_MAILER=smtp\nMAIL_HOST=h\n').effective.port, 2525, 'config/mail.php default');
});

test('Laravel: a non-SMTP mailer gives no config; MAIL_URL is a Symfony DSN', () => {
  assert.equal(read('MAIL_MAILER=log\nMAIL_HOST=127.0.0.1\nMAIL_PORT=2525\n').configs.length, 0);
  const t = 'MAIL_MAILER=smtp\nMAIL_URL=smtp://u:p@smtp.example.com:587?verify_peer=0\n';
  const c = one(t);
  assert.equal(c.url?.port?.value, 587);
  assert.equal(c.verifyCert?.value, false);
  assert.equal(at(t, c.verifyCert), '0');
});

// ---------------------------------------------------------------------------------------------- Django

test('Django: EMAIL_USE_TLS / EMAIL_USE_SSL', () => {
  const t = 'EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend\nEMAIL_HOST=smtp.sendgrid.net\nEMAIL_PORT=587\nEMAIL_HOST_USER=apikey\nEMAIL_HOST_PASSWORD=SG.xxx\nEMAIL_USE_TLS=True\nEMAIL_TIMEOUT=10\n';
  const c = one(t);
  assert.equal(c.dialect, 'django');
  assert.equal(c.starttls?.key, 'EMAIL_USE_TLS');
  assert.equal(at(t, c.starttls), 'True');
  assert.equal(c.effective.tlsMode, 'starttls-required');
  assert.equal(c.credentials.user?.value, 'apikey');
  assert.ok(c.extras.EMAIL_TIMEOUT);
  assert.equal(one('EMAIL_HOST=h\nEMAIL_PORT=465\nEMAIL_USE_SSL=True\n').effective.tlsMode, 'implicit');
  assert.equal(one('EMAIL_HOST=h\nEMAIL_PORT=587\nEMAIL_USE_TLS=False\nEMAIL_HOST_USER=u\n').effective.tlsMode, 'none');
  assert.equal(one('EMAIL_HOST=h\nEMAIL_USE_TLS=True\nEMAIL_USE_SSL=True\n').effective.tlsMode, 'unknown', 'ValueError');
  assert.equal(one('EMAIL_HOST=h\nEMAIL_USE_TLS=True\n').effective.port, 25, 'Django default port');
  assert.equal(read('EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend\nEMAIL_HOST=h\nEMAIL_PORT=465\n').configs.length, 0);
});

test('Django EMAIL_URL: smtps:// means STARTTLS (dj-email-url), smtp+ssl:// implicit', () => {
  const a = one('EMAIL_URL=smtps://u:p@smtp.gmail.com:465\n');
  assert.equal(a.dialect, 'django');
  assert.equal(a.effective.tlsMode, 'starttls-required');
  assert.equal(one('EMAIL_URL=smtp+ssl://u:p@smtp.gmail.com:465\n').effective.tlsMode, 'implicit');
  assert.equal(one('EMAIL_URL=smtp://u:p@h:465/?ssl=True\n').effective.tlsMode, 'implicit');
  assert.equal(one('EMAIL_URL=submission://u:p@h\n').effective.port, 587);
  assert.equal(one('EMAIL_URL=smtps://u:p@h:465?ssl=True\n').effective.tlsMode, 'implicit', '?ssl= clears the TLS flag smtps:// set');
  assert.equal(one('EMAIL_URL=smtp://u:p@h:587?ssl=False&tls=True\n').effective.tlsMode, 'none', 'dj-email-url: a present ?ssl= shadows ?tls=');
  assert.equal(one('EMAIL_URL=smtp://u:p@h\nEMAIL_USE_TLS=True\n').effective.tlsMode, 'unknown', 'URL and flags: settings.py order decides');
});

test('generic EMAIL_* without Django keys is nodemailer-style', () => {
  const c = one('EMAIL_HOST=h\nEMAIL_PORT=465\nEMAIL_SECURE=false\nEMAIL_USER=u\n');
  assert.equal(c.dialect, 'generic');
  assert.equal(c.effective.tlsMode, 'starttls-opportunistic');
});

// ---------------------------------------------------------------------------------------------- Symfony / Meteor

test('Symfony MAILER_DSN semantics', () => {
  const t = 'MAILER_DSN=smtp://user:pass@smtp.office365.com?verify_peer=0&auto_tls=false\n';
  const c = one(t);
  assert.equal(c.dialect, 'symfony');
  assert.deepEqual([c.effective.port, c.effective.tlsMode], [465, 'implicit'], 'no port + non-local host → implicit 465');
  assert.equal(c.verifyCert?.value, false);
  assert.equal(c.ignoreTls?.value, true);
  assert.equal(c.url?.hasPassword, true);
  assert.equal(c.credentials.password?.text, '***');
  assert.equal(one('MAILER_DSN=smtp://h.example.com:465\n').effective.tlsMode, 'implicit');
  assert.equal(one('MAILER_DSN=smtp://localhost\n').effective.port, 25);
  assert.equal(one('MAILER_DSN=smtp://h:587?require_tls=true\n').effective.tlsMode, 'starttls-required');
  assert.equal(one('MAILER_DSN=smtp://h:587?auto_tls=false\n').effective.tlsMode, 'none');
  assert.equal(one('MAILER_DSN=smtps://h:587\n').effective.tlsMode, 'implicit');
  assert.equal(one('MAILER_DSN=smtp://h:587?verify_peer=\n').verifyCert?.value, true, 'an empty option is ignored');
  assert.equal(one('MAILER_DSN=smtp://h:587?verify_peer=off\n').verifyCert?.value, false, 'filter_var: not true = off');
  assert.equal(one('MAILER_DSN=smtp://h:587?require_tls=yes\n').effective.tlsMode, 'starttls-required');
  assert.equal(read('MAILER_DSN=null://null\n').configs.length, 0);
  assert.equal(one('MAILER_DSN=gmail+smtp://u:p@default\n').effective.tlsMode, 'unknown');
});

test('Meteor MAIL_URL: nodemailer URL rules', () => {
  const t = 'MAIL_URL=smtp://postmaster%40x.org:pw@smtp.mailgun.org:465\n';
  const c = one(t);
  assert.equal(c.dialect, 'meteor');
  assert.equal(c.effective.tlsMode, 'starttls-opportunistic', 'smtp:// on 465: plaintext');
  assert.equal(at(t, c.url?.scheme), 'smtp');
  assert.equal(at(t, c.port), '465');
  assert.equal(c.credentials.user?.value, 'postmaster@x.org');
  assert.equal(one('MAIL_URL=smtps://u:p@h:465\n').effective.tlsMode, 'implicit');
});

// ---------------------------------------------------------------------------------------------- Mastodon

test('Mastodon: SMTP_* and BULK_SMTP_* are separate configs with ActionMailer semantics', () => {
  const t = 'LOCAL_DOMAIN=x\nSMTP_SERVER=smtp.mailgun.org\nSMTP_PORT=587\nSMTP_LOGIN=u\nSMTP_PASSWORD=p\nSMTP_FROM_ADDRESS=n@x\nSMTP_ENABLE_STARTTLS=always\nSMTP_OPENSSL_VERIFY_MODE=none\nBULK_SMTP_SERVER=smtp.x.com\nBULK_SMTP_PORT=465\nBULK_SMTP_TLS=true\nBULK_SMTP_LOGIN=b\n';
  const r = read(t);
  assert.deepEqual(r.configs.map((c) => [c.dialect, c.host?.value, c.effective.tlsMode]), [['mastodon', 'smtp.mailgun.org', 'starttls-required'], ['mastodon', 'smtp.x.com', 'implicit']]);
  assert.equal(r.configs[0].verifyCert?.value, false);
  assert.equal(at(t, r.configs[0].starttls), 'always');
  assert.equal(r.configs[1].implicitTls?.key, 'BULK_SMTP_TLS');
  assert.equal(one('SMTP_SERVER=h\nSMTP_LOGIN=u\nSMTP_PORT=465\n').effective.tlsMode, 'starttls-opportunistic');
  assert.equal(one('SMTP_SERVER=h\nSMTP_LOGIN=u\nSMTP_ENABLE_STARTTLS=never\n').effective.tlsMode, 'none');
  assert.equal(one('SMTP_SERVER=h\nSMTP_LOGIN=u\nSMTP_ENABLE_STARTTLS_AUTO=false\n').effective.tlsMode, 'none');
  assert.equal(read('SMTP_SERVER=h\nSMTP_LOGIN=u\nSMTP_DELIVERY_METHOD=sendmail\n').configs.length, 0);
});

// ---------------------------------------------------------------------------------------------- Grafana / Gitea / Discourse / Ghost

test('Grafana: host:port split into url-part sites, startTLS policy, skip_verify', () => {
  const t = 'GF_SMTP_ENABLED=true\nGF_SMTP_HOST="smtp.example.com:587"\nGF_SMTP_USER=u\nGF_SMTP_STARTTLS_POLICY=MandatoryStartTLS\nGF_SMTP_SKIP_VERIFY=true\n';
  const c = one(t);
  assert.equal(c.dialect, 'grafana');
  assert.equal(at(t, c.host), 'smtp.example.com');
  assert.equal(c.host?.site.style, 'url-part');
  assert.equal(at(t, c.port), '587');
  assert.equal(c.port?.value, 587);
  assert.equal(c.requireTls?.value, true);
  assert.equal(c.verifyCert?.value, false);
  assert.equal(c.effective.tlsMode, 'starttls-required');
  const np = one('GF_SMTP_ENABLED=true\nGF_SMTP_HOST=smtp.example.com\n');
  assert.equal(np.effective.tlsMode, 'unknown');
  assert.match(np.effective.because, /missing port/);
  assert.equal(one('GF_SMTP_HOST=h:465\n').effective.tlsMode, 'implicit');
  assert.equal(one('GF_SMTP_HOST=h:25\nGF_SMTP_STARTTLS_POLICY=NoStartTLS\n').effective.tlsMode, 'none');
  assert.equal(read('GF_SMTP_ENABLED=false\nGF_SMTP_HOST=h:465\n').configs.length, 0);
});

test('Gitea: PROTOCOL and port inference, deprecated HOST', () => {
  const t = 'GITEA__mailer__ENABLED=true\nGITEA__mailer__SMTP_ADDR=smtp.gmail.com\nGITEA__mailer__SMTP_PORT=465\nGITEA__mailer__USER=u\nGITEA__mailer__PASSWD=p\nGITEA__mailer__FORCE_TRUST_SERVER_CERT=true\n';
  const c = one(t);
  assert.equal(c.dialect, 'gitea');
  assert.equal(c.effective.tlsMode, 'implicit', 'PROTOCOL empty + 465 → smtps');
  assert.equal(c.verifyCert?.value, false);
  assert.equal(one('GITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__SMTP_PORT=587\n').effective.tlsMode, 'starttls-opportunistic');
  assert.equal(one('GITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__SMTP_PORT=25\n').effective.tlsMode, 'none');
  assert.equal(one('GITEA__mailer__PROTOCOL=smtp+starttls\nGITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__SMTP_PORT=465\n').effective.tlsMode, 'starttls-opportunistic');
  const lt = 'GITEA__mailer__HOST=mail.example.com:587\nGITEA__mailer__IS_TLS_ENABLED=true\n';
  const l = one(lt);
  assert.equal(at(lt, l.host), 'mail.example.com');
  assert.equal(at(lt, l.port), '587');
  assert.equal(l.effective.tlsMode, 'implicit');
  assert.ok(l.extras.GITEA__mailer__IS_TLS_ENABLED);
  assert.equal(read('GITEA__mailer__PROTOCOL=sendmail\nGITEA__mailer__SMTP_ADDR=h\n').configs.length, 0);
  assert.equal(one('GITEA__mailer__HOST=h:587\nGITEA__mailer__IS_TLS_ENABLED=false\n').effective.tlsMode, 'starttls-opportunistic');
  assert.equal(one('GITEA__mailer__SMTP_ADDR=h\n').effective.tlsMode, 'unknown', 'no port and no protocol');
  assert.equal(one('GITEA__mailer__PROTOCOL=tls\nGITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__SMTP_PORT=587\n').effective.tlsMode, 'starttls-opportunistic', 'invalid PROTOCOL is reset and inferred');
  assert.equal(one('GITEA__mailer__PROTOCOL=smtp+startls\nGITEA__mailer__SMTP_ADDR=h\nGITEA__mailer__SMTP_PORT=587\n').effective.tlsMode, 'starttls-opportunistic');
  assert.equal(read('GITEA__mailer__SMTP_ADDR=/var/run/smtp.sock\nGITEA__mailer__SMTP_PORT=25\n').configs.length, 0);
});

test('Discourse: FORCE_TLS and ENABLE_START_TLS', () => {
  const c = one('DISCOURSE_SMTP_ADDRESS=smtp.mailgun.org\nDISCOURSE_SMTP_PORT=465\nDISCOURSE_SMTP_USER_NAME=u\nDISCOURSE_SMTP_FORCE_TLS=true\n');
  assert.equal(c.dialect, 'discourse');
  assert.equal(c.effective.tlsMode, 'implicit');
  assert.equal(one('DISCOURSE_SMTP_ADDRESS=h\nDISCOURSE_SMTP_PORT=587\n').effective.tlsMode, 'starttls-opportunistic');
  assert.equal(one('DISCOURSE_SMTP_ADDRESS=h\nDISCOURSE_SMTP_ENABLE_START_TLS=false\n').effective.tlsMode, 'none');
});

test('Ghost: nconf parseValues turns string booleans into booleans', () => {
  const t = 'mail__transport=SMTP\nmail__options__host=smtp.gmail.com\nmail__options__port=465\nmail__options__secure=false\nmail__options__auth__user=u\nmail__options__auth__pass=p\nmail__options__tls__rejectUnauthorized=false\n';
  const c = one(t);
  assert.equal(c.dialect, 'ghost');
  assert.equal(c.implicitTls?.value, false);
  assert.equal(c.verifyCert?.value, false);
  assert.equal(c.effective.tlsMode, 'starttls-opportunistic');
  assert.equal(one('mail__options__host=h\nmail__options__port=465\n').effective.tlsMode, 'implicit');
  assert.equal(read('mail__transport=Direct\nmail__options__host=h\n').configs.length, 0);
});

// ---------------------------------------------------------------------------------------------- YAML-style entries

test('interpreters do not assume style env: YAML env entries from the YAML reader work the same', async () => {
  const { interpretKvGroup } = await import('../../server/src/readers/dialects/index');
  const site = (s: number, l: number) => ({ file: '/p/docker-compose.yml', style: 'yaml-map' as const, value: { start: s, end: s + l }, quote: '' as const, key: { start: s - 10, end: s - 2 }, entry: { start: s - 10, end: s + l + 1 }, indent: '      ' });
  const r = interpretKvGroup({
    file: '/p/docker-compose.yml',
    format: 'yaml',
    span: { start: 0, end: 500 },
    label: 'compose service api',
    image: 'mastodon/mastodon:v4',
    entries: [
      { key: 'SMTP_SERVER', value: 'smtp.x.com', kind: 'literal', site: site(20, 10) },
      { key: 'SMTP_PORT', value: '465', kind: 'literal', site: site(50, 3) },
      { key: 'SMTP_TLS', value: 'true', kind: 'literal', site: site(80, 4) },
    ],
  });
  assert.equal(r.configs.length, 1);
  assert.equal(r.configs[0].dialect, 'mastodon');
  assert.equal(r.configs[0].id, 'yaml:10');
  assert.equal(r.configs[0].port?.site.style, 'yaml-map');
  assert.equal(r.configs[0].effective.tlsMode, 'implicit');
});

test('nextcloud image: SMTP_SECURE=ssl|tls is not a boolean; Symfony Mailer semantics', async () => {
  const { interpretKvGroup } = await import('../../server/src/readers/dialects/index');
  const mk = (entries: [string, string][], image?: string) =>
    interpretKvGroup({
      file: '/p/docker-compose.yml',
      format: 'yaml',
      span: { start: 0, end: 900 },
      label: 'compose service app',
      image,
      entries: entries.map(([key, value], i) => ({ key, value, kind: 'literal' as const, site: { file: '/p/docker-compose.yml', style: 'yaml-list' as const, value: { start: i * 40 + 20, end: i * 40 + 20 + value.length }, quote: '' as const, entry: { start: i * 40, end: i * 40 + 39 }, indent: '      ', prefix: '- ' } })),
    }).configs;
  const ssl = mk([['SMTP_HOST', 'smtp.x.com'], ['SMTP_SECURE', 'ssl'], ['SMTP_PORT', '465'], ['SMTP_NAME', 'u'], ['SMTP_PASSWORD', 'p']], 'nextcloud:29-apache');
  assert.equal(ssl.length, 1);
  assert.equal(ssl[0].effective.tlsMode, 'implicit');
  assert.equal(ssl[0].credentials.user?.value, 'u');
  assert.equal(Object.keys(ssl[0].extras).some((k) => k.startsWith('nonBoolean:')), false);
  assert.equal(mk([['SMTP_HOST', 'smtp.x.com'], ['SMTP_SECURE', 'tls'], ['SMTP_PORT', '587']], 'nextcloud').at(0)?.effective.tlsMode, 'starttls-opportunistic');
  // the same keys without the image are the generic (nodemailer) reading, where `tls` is not a boolean
  const g = mk([['SMTP_HOST', 'smtp.x.com'], ['SMTP_SECURE', 'tls'], ['SMTP_PORT', '587']]);
  assert.equal(g[0].dialect, 'generic');
  assert.ok(g[0].extras['nonBoolean:SMTP_SECURE']);
});

test('MAILER_URL (SwiftMailer) is not read as a nodemailer URL', () => {
  assert.equal(read('MAILER_URL=smtp://smtp.x.com:465?encryption=ssl&auth_mode=login\n').configs.length, 0);
});

test('Rails apps with ActionMailer-style SMTP_* (Chatwoot, sameersbn/gitlab) use the Mastodon/ActionMailer reading', () => {
  const c = one('SMTP_ADDRESS=smtp.x.com\nSMTP_PORT=465\nSMTP_USERNAME=u\nSMTP_PASSWORD=p\nSMTP_AUTHENTICATION=login\nSMTP_ENABLE_STARTTLS_AUTO=true\n');
  assert.equal(c.dialect, 'mastodon');
  assert.equal(c.host?.value, 'smtp.x.com');
  assert.equal(c.credentials.user?.value, 'u');
  assert.equal(c.effective.tlsMode, 'starttls-opportunistic', 'no SMTP_TLS on 465: plaintext to a TLS port');
  const g = one('SMTP_HOST=smtp.x.com\nSMTP_PORT=587\nSMTP_USER=u\nSMTP_STARTTLS=false\nSMTP_OPENSSL_VERIFY_MODE=none\n');
  assert.equal(g.effective.tlsMode, 'none');
  assert.equal(g.verifyCert?.value, false);
});

test('URLs with references in the userinfo still decide the mode; a referenced host is not a literal', () => {
  const c = one('MAILER_DSN=smtp://${MAILER_USER}:${MAILER_PASSWORD}@smtp.example.com:465\n');
  assert.equal(c.effective.tlsMode, 'implicit');
  assert.equal(c.url?.hasPassword, true);
  const m = one('MAIL_MAILER=smtp\nMAIL_URL="smtp://${U}:${P}@smtp.example.com:587"\n');
  assert.equal(m.effective.tlsMode, 'starttls-opportunistic');
  const h = one('MAIL_URL=smtps://${MAIL_HOST}:465\n');
  assert.equal(h.url?.host?.kind, 'expression');
  assert.equal(h.url?.host?.value, undefined);
  assert.equal(h.url?.port?.value, 465);
});

test('NODEMAILER_* (Novu) with JSON TLS options', () => {
  const c = one(`NODEMAILER_HOST=smtp.x.com\nNODEMAILER_PORT=587\nNODEMAILER_USER=u\nNODEMAILER_PASSWORD=p\nNODEMAILER_TLS_OPTIONS='{"rejectUnauthorized":false,"minVersion":"TLSv1"}'\n`);
  assert.equal(c.dialect, 'generic');
  assert.equal(c.verifyCert?.value, false);
  assert.equal(c.verifyCert?.kind, 'expression');
  assert.equal(c.minTlsVersion?.value, 'TLSv1');
  assert.equal(c.effective.tlsMode, 'starttls-opportunistic');
});

test('Laravel MAIL_DRIVER (≤ 6 key): SwiftMailer and Symfony readings must agree, else unknown', () => {
  const c = one('MAIL_DRIVER=smtp\nMAIL_HOST=smtp.mailgun.org\nMAIL_PORT=465\nMAIL_ENCRYPTION=tls\nMAIL_USERNAME=u\n');
  assert.equal(c.dialect, 'laravel');
  assert.equal(c.effective.tlsMode, 'unknown');
  assert.match(c.effective.because, /SwiftMailer/);
  assert.equal(one('MAIL_DRIVER=smtp\nMAIL_HOST=h\nMAIL_PORT=465\nMAIL_ENCRYPTION=ssl\n').effective.tlsMode, 'implicit');
  assert.equal(one('MAIL_DRIVER=smtp\nMAIL_HOST=h\nMAIL_PORT=587\nMAIL_ENCRYPTION=tls\n').effective.tlsMode, 'starttls-opportunistic');
});

test('Symfony: only the literal host "localhost" escapes the no-port → 465 rule', () => {
  assert.deepEqual([one('MAILER_DSN=smtp://localhost\n').effective.tlsMode, one('MAILER_DSN=smtp://localhost\n').effective.port], ['starttls-opportunistic', 25]);
  assert.deepEqual([one('MAILER_DSN=smtp://mailhog\n').effective.tlsMode, one('MAILER_DSN=smtp://mailhog\n').effective.port], ['implicit', 465]);
  assert.equal(one('MAILER_DSN=smtp://127.0.0.1\n').effective.tlsMode, 'implicit');
});

test('generic: REQUIRE_TLS wins over IGNORE_TLS on nodemailer ≥ 10.0.12, IGNORE_TLS before', () => {
  const t = 'SMTP_HOST=h\nSMTP_PORT=587\nSMTP_REQUIRE_TLS=true\nSMTP_IGNORE_TLS=true\n';
  const at = (spec: string) => envReader.read('/p/.env', t, { versionOf: (library) => ({ library, spec, source: 'test' }) }).configs[0].effective;
  assert.equal(at('10.6.0').tlsMode, 'starttls-required');
  assert.match(at('10.6.0').because, /SMTP_REQUIRE_TLS and SMTP_IGNORE_TLS are both true: nodemailer 10\.6\.0 \(test\) lets requireTLS win/);
  assert.equal(at('9.0.5').tlsMode, 'none');
  assert.equal(one(t).effective.tlsMode, 'unknown'); // no version known: what each release does is in the reason
});
