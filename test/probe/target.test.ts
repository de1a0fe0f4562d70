// From a detected configuration to a probe target: host/port/mode/user, and the password read at probe
// time from the file, the variable it names (process env or a .env), or a URL; placeholders are not passwords.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EnvIndex, lintText } from '../../server/src/engine';
import { attachFixes, configAt, targetFromConfig } from '../../server/src/probe/target';
import type { ProbeReport } from '../../server/src/probe/types';

function configs(file: string, text: string, env?: EnvIndex) {
  const r = lintText(file, text, { env });
  return r.read?.configs ?? [];
}

describe('targetFromConfig', () => {
  it('.env with a quoted literal password', () => {
    const text = 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_REQUIRE_TLS=true\nSMTP_USER=app@example.com\nSMTP_PASS="s3cr\\"et-value"\n';
    const [cfg] = configs('/p/.env', text);
    const t = targetFromConfig(cfg, text);
    assert.deepEqual(t.target, { host: 'smtp.example.com', port: 587, tls: 'starttls', user: 'app@example.com', password: 's3cr"et-value' });
    assert.equal(t.passwordSource, 'file');
  });

  it('a placeholder is not a password', () => {
    const text = 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=true\nSMTP_USER=u\nSMTP_PASS=changeme\n';
    const [cfg] = configs('/p/.env', text);
    const t = targetFromConfig(cfg, text);
    assert.equal(t.target.password, undefined);
    assert.equal(t.passwordSource, 'none');
    assert.equal(t.target.tls, 'implicit');
    assert.ok(t.notes.some((n) => /password is not available/.test(n)));
  });

  it('${VAR} in a .env: the process environment wins, like at run time', () => {
    const text = 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=true\nSMTP_USER=u\nSMTP_PASS=${MAILER_SECRET}\n';
    const [cfg] = configs('/p/.env', text);
    assert.equal(targetFromConfig(cfg, text).passwordSource, 'none');
    const t = targetFromConfig(cfg, text, undefined, { MAILER_SECRET: 'from-env-123' });
    assert.equal(t.target.password, 'from-env-123');
    assert.equal(t.passwordSource, 'environment');
  });

  it('nodemailer in JS reading process.env.X: values from the .env next to it', () => {
    const envText = 'SMTP_HOST=mail.example.org\nSMTP_PASS=env-file-secret-9\n';
    const idx = new EnvIndex();
    idx.set('/app/.env', lintText('/app/.env', envText).read?.envVars);
    const js =
      "const nodemailer = require('nodemailer');\n" +
      "module.exports = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587, requireTLS: true, auth: { user: 'me', pass: process.env.SMTP_PASS } });\n";
    const [cfg] = configs('/app/mailer.js', js, idx);
    const t = targetFromConfig(cfg, js, idx, {});
    assert.equal(t.target.host, 'mail.example.org');
    assert.equal(t.target.port, 587);
    assert.equal(t.target.tls, 'starttls');
    assert.equal(t.target.user, 'me');
    assert.equal(t.target.password, 'env-file-secret-9');
    assert.equal(t.passwordSource, 'env-file');
  });

  it('a mail URL: user and percent-encoded password from the URL', () => {
    const js = "const nodemailer = require('nodemailer');\nconst t = nodemailer.createTransport('smtps://bob%40example.com:p%40ss%2Fword@smtp.example.com:465');\n";
    const [cfg] = configs('/app/url.js', js);
    assert.ok(cfg, 'the URL transport is read');
    const t = targetFromConfig(cfg, js);
    assert.equal(t.target.host, 'smtp.example.com');
    assert.equal(t.target.port, 465);
    assert.equal(t.target.tls, 'implicit');
    assert.equal(t.target.user, 'bob@example.com');
    assert.equal(t.target.password, 'p@ss/word');
    const env = 'MAIL_URL=smtp://u:p%40x-secret@h.example.com:587\n';
    const [ec] = configs('/p/.env', env);
    if (ec) {
      const te = targetFromConfig(ec, env);
      assert.equal(te.target.password, 'p@x-secret');
      assert.equal(te.target.host, 'h.example.com');
    }
  });

  it('no host in the file: the note says the library default is used', () => {
    const text = 'SMTP_PORT=465\nSMTP_SECURE=true\n';
    const [cfg] = configs('/p/.env', text);
    const t = targetFromConfig(cfg, text);
    assert.ok(t.notes.some((n) => /no host in the file/.test(n)), t.notes.join('; '));
  });
});

describe('configAt and attachFixes', () => {
  const js = [
    "const nodemailer = require('nodemailer');",
    "const a = nodemailer.createTransport({ host: 'a.example.com', port: 465, secure: true });",
    "const b = nodemailer.createTransport({ host: 'b.example.com', port: 587, secure: true });",
    '',
  ].join('\n');
  it('picks the configuration at an offset or overlapping a line, else the first', () => {
    const cs = configs('/app/two.js', js);
    assert.equal(cs.length, 2);
    const line3 = js.indexOf('const b');
    assert.equal(configAt(cs, line3, js.indexOf('\n', line3))?.host?.value, 'b.example.com');
    assert.equal(configAt(cs, js.indexOf("'b.example.com'"))?.host?.value, 'b.example.com');
    assert.equal(configAt(cs)?.host?.value, 'a.example.com');
  });

  it('turns a diagnosis intent into text edits of the file, titled in its own words', () => {
    const cs = configs('/app/two.js', js);
    const cfg = cs[1];
    const report = {
      diagnosis: [{ code: 'port-expects-starttls', severity: 'error', message: 'm', fix: { title: 'Use STARTTLS on port 587 (x)', intent: { kind: 'tls-mode', mode: 'starttls-required' } } }],
    } as unknown as ProbeReport;
    attachFixes(report, cfg, js);
    const fix = report.diagnosis[0].fix!;
    assert.ok(fix.textEdits && fix.textEdits.length >= 1);
    let out = js;
    for (const e of [...fix.textEdits].sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    assert.match(out, /host: 'b\.example\.com', port: 587, secure: false/);
    assert.match(out, /requireTLS: true/);
    assert.match(fix.title, /^Use STARTTLS on port 587: secure → false/);
  });
});
