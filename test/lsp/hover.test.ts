// Hover text building blocks (pure functions; the end-to-end hover is in server.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldAt, hoverText, maskUrl, portWords } from '../../server/src/lsp/hover';
import { lintText } from '../../server/src/engine';
import { normalizeSettings } from '../../server/src/lsp/settings';

describe('hover text', () => {
  it('masks the password of a URL and password query parameters', () => {
    assert.equal(maskUrl('smtp://mailer:S3cret@smtp.example.com:465'), 'smtp://mailer:***@smtp.example.com:465');
    assert.equal(maskUrl('smtps://token@smtp.example.com'), 'smtps://token@smtp.example.com');
    assert.equal(maskUrl('smtp://h:25?password=x&pass=y&verify_peer=0'), 'smtp://h:25?password=***&pass=***&verify_peer=0');
    assert.equal(maskUrl('smtp://u:p%40ss@h'), 'smtp://u:***@h');
  });

  it('explains ports in plain words and never calls 465 deprecated', () => {
    assert.match(portWords(465), /^port 465 = implicit TLS from the first byte \(RFC 8314 §3\.3\)/);
    assert.match(portWords(465), /preferred/);
    assert.match(portWords(465), /"465 is deprecated" is outdated/);
    assert.match(portWords(587), /STARTTLS/);
    assert.match(portWords(25), /relay/);
    assert.match(portWords(2465), /implicit TLS/);
    assert.match(portWords(8025), /not a standard mail port/);
  });
});

describe('hover on Spring keys', () => {
  it('legacy socketFactory.class SSLSocketFactory on 465: implicit TLS that works, ssl.enable named as the modern spelling', () => {
    const file = '/ws/src/main/resources/application.yml';
    const text = 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 465\n    properties:\n      mail.smtp.socketFactory.class: javax.net.ssl.SSLSocketFactory\n      mail.smtp.socketFactory.port: 465\n';
    const r = lintText(file, text, {});
    assert.deepEqual(r.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId), [], 'no "465 without TLS" or other warning');
    const hit = fieldAt(r.read!, file, text.indexOf('socketFactory.class') + 3);
    assert.ok(hit, 'the socket factory key is a hover target');
    const h = hoverText({ hit, file, findings: r.findings, lineOf: () => undefined, markdown: true });
    assert.match(h, /legacy spelling of implicit TLS/);
    assert.match(h, /`mail\.smtp\.ssl\.enable: true`/);
    assert.match(h, /\*\*What this client will do:\*\* implicit TLS/);
  });
});

describe('settings normalisation', () => {
  it('fills defaults and rejects malformed values', () => {
    const d = normalizeSettings(undefined);
    assert.deepEqual(d, { enable: true, run: 'onType', rules: {}, ignore: [], debounceMs: 50, scope: 'workspace', connectionTest: { timeoutMs: 5000 }, discovery: { useIspdb: false } });
    const s = normalizeSettings({ enable: false, run: 'onSave', rules: { a: 'warn', b: 'off', c: 'bogus', d: 2 }, ignore: ['x/**', '', 3], debounce: -5, scope: 'openFiles', connectionTest: { timeoutMs: '250' }, discovery: { useIspdb: true, dnsServer: ' 127.0.0.1:5353 ', ispdbUrl: 'https://ispdb.example/v1.1' } });
    assert.deepEqual(s, { enable: false, run: 'onSave', rules: { a: 'warning', b: 'off', d: 'error' }, ignore: ['x/**'], debounceMs: 0, scope: 'openFiles', connectionTest: { timeoutMs: 250 }, discovery: { useIspdb: true, dnsServer: '127.0.0.1:5353', ispdbUrl: 'https://ispdb.example/v1.1/' } });
    assert.deepEqual(normalizeSettings({ discovery: { useIspdb: 'yes', dnsServer: '', ispdbUrl: 'http://plain.example/' } }).discovery, { useIspdb: false }, 'only true enables the ISPDB; only an https:// mirror');
    assert.equal(normalizeSettings({ scope: 'everything' }).scope, 'workspace');
    assert.equal(normalizeSettings({ debounceMs: 0 }).debounceMs, 0, 'the bench spelling');
    assert.equal(normalizeSettings({ run: 'sometimes' }).run, 'onType');
  });
});

describe('mail-config-lint-server command line', () => {
  it('prints its version and usage, and refuses to start without a transport', async () => {
    const { spawnSync } = await import('node:child_process');
    const { SERVER } = await import('./lspClient');
    const { version } = JSON.parse((await import('node:fs')).readFileSync(require.resolve('../../package.json'), 'utf8')) as { version: string };
    const v = spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' });
    assert.equal(v.status, 0);
    assert.equal(v.stdout.trim(), version);
    const h = spawnSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' });
    assert.equal(h.status, 0);
    assert.match(h.stdout, /--stdio/);
    const none = spawnSync(process.execPath, [SERVER], { encoding: 'utf8' });
    assert.equal(none.status, 2);
    assert.match(none.stdout, /usage: mail-config-lint-server --stdio/);
  });
});
