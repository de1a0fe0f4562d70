// "Find SMTP Settings" over LSP, against loopback servers only: the DNS server, HTTPS (ISPDB stand-in) and
// smtp-server stand-ins of test/discover/helpers.ts. The server process trusts the test CA through
// NODE_EXTRA_CA_CERTS (as a user's corporate CA would be), and its resolver is the setting
// mailConfigLint.discovery.dnsServer. Covers the prefill, discovery with progress and cancellation, the edit
// of the live document, the ISPDB setting, and the "Find working settings" lens after a failed test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { autoconfigXml, closedPort, startBlackHole, startDns, startHttps, startSmtp, testCert, type DnsServer } from '../discover/helpers';
import { applyEdits, LspClient, type TextEditLike } from './lspClient';
import {
  DISCOVER,
  DISCOVER_EDIT,
  DISCOVER_PREFILL,
  DISCOVER_PROGRESS,
  TEST_CONNECTION,
  type DiscoverEditResult,
  type DiscoverPrefillResult,
  type DiscoverProgress,
  type DiscoverResult,
  type TestConnectionResult,
} from '../../server/src/lsp/protocol';

const NAMES = ['smtp.srv.test', 'smtp.hole.test', 'ispdb.test', 'smtp.ispdb-only.test'];
const LOOP = ['127.0.0.1'];

type Lens = { range: unknown; command: { title: string; command: string; tooltip?: string; arguments: { uri: string; configId: string }[] } };

describe('Find SMTP Settings over LSP', () => {
  const cert = testCert(NAMES);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-lsp-discover-'));
  const caFile = path.join(tmp, 'ca.pem');
  fs.writeFileSync(caFile, cert.cert);
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hole: Awaited<ReturnType<typeof startBlackHole>>;
  let web: Awaited<ReturnType<typeof startHttps>>;
  let dns: DnsServer;
  let refused: number;
  let c: LspClient;
  const settings = (extra: Record<string, unknown> = {}) => ({ discovery: { dnsServer: dns.address, ...extra }, connectionTest: { timeoutMs: 4000 } });

  before(async () => {
    smtp = await startSmtp(cert);
    hole = await startBlackHole();
    refused = await closedPort();
    web = await startHttps(cert, {
      // The ISPDB stand-in: https://ispdb.test:PORT/v1.1/<domain>.
      'ispdb.test': (q, res) => {
        if (q.url === '/v1.1/ispdb-only.test') res.end(autoconfigXml('smtp.ispdb-only.test', smtp.implicit, 'SSL'));
        else {
          res.statusCode = 404;
          res.end();
        }
      },
    });
    dns = await startDns({
      ...Object.fromEntries(NAMES.map((n) => [n, { A: LOOP }])),
      'srv.test': {},
      '_submissions._tcp.srv.test': { SRV: [{ priority: 0, weight: 1, port: smtp.implicit, target: 'smtp.srv.test' }] },
      '_submission._tcp.srv.test': { SRV: [{ priority: 0, weight: 1, port: smtp.starttls, target: 'smtp.srv.test' }] },
      '_submissions._tcp.hole.test': { SRV: [{ priority: 0, weight: 1, port: hole.port, target: 'smtp.hole.test' }] },
      'ispdb-only.test': {},
    });
    c = new LspClient({ rootDir: tmp, settings: settings(), env: { NODE_EXTRA_CA_CERTS: caFile } });
    await c.initialize();
  });

  after(async () => {
    await c.stop();
    await Promise.all([smtp.close(), hole.close(), web.close(), dns.close()]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prefills the address from the config under the cursor: the login, else the sender address, else the host\'s domain', async () => {
    const user = c.open(path.join(tmp, 'user/.env'), 'SMTP_HOST=mail.old.example\nSMTP_PORT=25\nSMTP_USER=me@srv.test\n');
    const from = c.open(path.join(tmp, 'from/.env'), 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.sendgrid.net\nMAIL_PORT=587\nMAIL_USERNAME=apikey\nMAIL_FROM_ADDRESS=news@shop.example\n');
    const host = c.open(path.join(tmp, 'host/.env'), 'SMTP_HOST=smtp.mail.example.org\nSMTP_PORT=465\n');
    const none = c.open(path.join(tmp, 'none/.env'), 'APP_NAME=demo\n');
    const at = { line: 1, character: 0 };
    const pre = (uri: string) => c.request<DiscoverPrefillResult>(DISCOVER_PREFILL, { uri, position: at });
    const u = await pre(user);
    assert.deepEqual([u.address, u.source], ['me@srv.test', 'user']);
    assert.ok(u.configId, 'names the configuration it came from');
    assert.deepEqual([(await pre(from)).address, (await pre(from)).source], ['news@shop.example', 'from']);
    assert.deepEqual([(await pre(host)).address, (await pre(host)).source], ['mail.example.org', 'host']);
    assert.deepEqual(await pre(none), { address: '' });
  });

  it('discovers with progress: SRV candidates probed, implicit TLS recommended, evidence in words', async () => {
    const uri = c.open(path.join(tmp, 'find/.env'), 'SMTP_HOST=mail.old.example\nSMTP_PORT=25\nSMTP_USER=me@srv.test\n');
    const r = await c.request<DiscoverResult>(DISCOVER, { address: 'me@srv.test', uri, runId: 'run-1' });
    assert.equal(r.error, undefined);
    assert.deepEqual(
      r.candidates.map((x) => [x.host, x.port, x.tls, x.probe.status, x.rank, !!x.recommended]),
      [
        ['smtp.srv.test', smtp.implicit, 'implicit', 'ok', 1, true],
        ['smtp.srv.test', smtp.starttls, 'starttls', 'ok', 2, false],
      ],
    );
    assert.match(r.candidates[0].evidence, /^SRV record _submissions\._tcp\.srv\.test · probe: TLS 1\.[23], certificate valid for smtp\.srv\.test, AUTH PLAIN LOGIN$/);
    assert.equal(r.candidates[0].mode, 'implicit TLS');
    assert.equal(r.candidates[1].mode, 'STARTTLS (required)');
    assert.equal(r.resolver, dns.address);
    assert.ok(r.contacted.includes('smtp.srv.test'));
    const progress = c.notifications.filter((n) => n.method === DISCOVER_PROGRESS).map((n) => n.params as DiscoverProgress);
    assert.ok(progress.some((p) => p.runId === 'run-1' && /^Looking up DNS records and autoconfig for srv\.test/.test(p.message)), JSON.stringify(progress));
    assert.ok(progress.some((p) => p.runId === 'run-1' && p.message === 'Probing 2 candidates…'), JSON.stringify(progress));
    assert.equal(smtp.authAttempts, 0, 'discovery never sends AUTH');
  });

  it('$/cancelRequest reaches discover(): the run stops and says so', async () => {
    const { id, result } = c.requestWithId<DiscoverResult>(DISCOVER, { address: 'hole.test', runId: 'run-cancel' });
    // Cancel once it is probing the black hole (it would wait for its time limit otherwise).
    await c.until(() => c.notifications.some((n) => n.method === DISCOVER_PROGRESS && (n.params as DiscoverProgress).runId === 'run-cancel' && /^Probing/.test((n.params as DiscoverProgress).message)), 'probing');
    c.notify('$/cancelRequest', { id });
    const r = await result;
    assert.equal(r.cancelled, true);
    assert.ok(r.notes.includes('cancelled'), r.notes.join('\n'));
    assert.equal(r.recommended, null);
    assert.notEqual(r.candidates[0]?.probe.status, 'ok');
  });

  it('bad input and a bad resolver setting are clear errors, not crashes', async () => {
    const r = await c.request<DiscoverResult>(DISCOVER, { address: 'not an address' });
    assert.match(r.error ?? '', /is not an e-mail address or a domain name/);
    const uri = c.open(path.join(tmp, 'badsetting/.env'), 'SMTP_HOST=x.example\n');
    c.setSettings({ discovery: { dnsServer: 'dns.example.com' } });
    const bad = await c.request<DiscoverResult>(DISCOVER, { address: 'srv.test', uri });
    assert.match(bad.error ?? '', /^mailConfigLint\.discovery\.dnsServer: bad DNS server "dns\.example\.com"/);
    c.setSettings(settings());
  });

  it('the ISPDB is asked only when mailConfigLint.discovery.useIspdb is on', async () => {
    const uri = c.open(path.join(tmp, 'ispdb/.env'), 'SMTP_HOST=x.example\n');
    const ispdbUrl = `https://ispdb.test:${web.port}/v1.1/`;
    c.setSettings(settings({ ispdbUrl }));
    const off = await c.request<DiscoverResult>(DISCOVER, { address: 'me@ispdb-only.test', uri });
    assert.ok(!off.candidates.some((x) => x.sources.some((s) => s.startsWith('ISPDB'))), 'only guesses while off');
    assert.ok(!web.hits.some((h) => h.startsWith('ispdb.test/')), 'not contacted while off');
    assert.ok(!off.contacted.includes('ispdb.test'));
    c.setSettings(settings({ ispdbUrl, useIspdb: true }));
    const on = await c.request<DiscoverResult>(DISCOVER, { address: 'me@ispdb-only.test', uri });
    assert.deepEqual(on.candidates.map((x) => [x.host, x.port, x.probe.status]), [['smtp.ispdb-only.test', smtp.implicit, 'ok']]);
    assert.match(on.candidates[0].evidence, /^ISPDB \(Thunderbird\) · probe: /);
    assert.ok(web.hits.includes('ispdb.test/v1.1/ispdb-only.test'));
    assert.ok(on.contacted.includes('ispdb.test'));
    c.setSettings(settings());
  });

  it('writes the chosen candidate into the live text (not the disk) of the config at the cursor, in its dialect', async () => {
    const file = path.join(tmp, 'edit/.env');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'ON_DISK=only\n');
    const text = 'APP_NAME=demo\nSMTP_HOST=mail.old.example\nSMTP_PORT=25\nSMTP_SECURE=false\nSMTP_USER=me@srv.test\n';
    const uri = c.open(file, text);
    const endpoint = { host: 'smtp.srv.test', port: 465, tls: 'implicit' };
    const r = await c.request<DiscoverEditResult>(DISCOVER_EDIT, { uri, version: c.version(uri), position: { line: 2, character: 0 }, endpoint });
    assert.equal(r.error, undefined);
    assert.equal(r.version, c.version(uri));
    assert.equal(r.inserted, undefined);
    assert.equal(r.edits.length, 1, 'one minimal edit');
    assert.equal(applyEdits(text, r.edits as TextEditLike[]), 'APP_NAME=demo\nSMTP_HOST=smtp.srv.test\nSMTP_PORT=465\nSMTP_SECURE=true\nSMTP_USER=me@srv.test\n');
    // STARTTLS is written as required.
    const s = await c.request<DiscoverEditResult>(DISCOVER_EDIT, { uri, position: { line: 2, character: 0 }, endpoint: { host: 'smtp.srv.test', port: 587, tls: 'starttls' } });
    assert.equal(applyEdits(text, s.edits as TextEditLike[]), 'APP_NAME=demo\nSMTP_HOST=smtp.srv.test\nSMTP_PORT=587\nSMTP_SECURE=false\nSMTP_REQUIRE_TLS=true\nSMTP_USER=me@srv.test\n');
    // A version the user no longer has is refused.
    const stale = await c.request<DiscoverEditResult>(DISCOVER_EDIT, { uri, version: c.version(uri) - 1, endpoint });
    assert.match(stale.error ?? '', /changed since the settings were found/);
    assert.deepEqual(stale.edits, []);
  });

  it('inserts a complete configuration into a file that has none', async () => {
    const text = 'APP_NAME=demo\n';
    const uri = c.open(path.join(tmp, 'insert/.env'), text);
    const r = await c.request<DiscoverEditResult>(DISCOVER_EDIT, { uri, endpoint: { host: 'smtp.srv.test', port: 465, tls: 'implicit' }, address: 'me@srv.test' });
    assert.equal(r.inserted, true);
    assert.equal(applyEdits(text, r.edits as TextEditLike[]), 'APP_NAME=demo\n\nSMTP_HOST=smtp.srv.test\nSMTP_PORT=465\nSMTP_SECURE=true\nSMTP_USER=me@srv.test\n');
    const js = c.open(path.join(tmp, 'insert/app.js'), 'console.log(1);\n');
    const no = await c.request<DiscoverEditResult>(DISCOVER_EDIT, { uri: js, endpoint: { host: 'smtp.srv.test', port: 465, tls: 'implicit' } });
    assert.match(no.error ?? '', /no SMTP configuration in app\.js/);
  });

  it('"Find working settings" lens after a failed test; gone after an edit of the endpoint and after a successful test', async () => {
    const failing = `SMTP_HOST=127.0.0.1\nSMTP_PORT=${refused}\nSMTP_SECURE=true\nSMTP_USER=me@srv.test\n`;
    const uri = c.open(path.join(tmp, 'lens/.env'), failing);
    const lenses = () => c.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
    const titles = async () => (await lenses()).map((l) => l.command.title);
    assert.deepEqual(await titles(), ['Test this connection']);
    const refreshesBefore = c.requests.filter((r) => r.method === 'workspace/codeLens/refresh').length;
    const t = await c.request<TestConnectionResult>(TEST_CONNECTION, { uri, position: { line: 0, character: 0 } });
    assert.equal(t.ok, false);
    assert.deepEqual(t.findSettings?.summary, `connection refused on ${refused}`);
    const after = await lenses();
    assert.deepEqual(after.map((l) => l.command.title), ['Test this connection', 'Find working settings']);
    assert.equal(after[1].command.command, 'mailConfigLint.findSmtpSettings');
    assert.equal(after[1].command.arguments[0].uri, uri);
    assert.match(after[1].command.tooltip ?? '', new RegExp(`connection refused on ${refused}`));
    await c.until(() => c.requests.filter((r) => r.method === 'workspace/codeLens/refresh').length > refreshesBefore, 'code lens refresh');
    // An edit elsewhere keeps it (the endpoint is the same), even though it moves the config.
    c.change(uri, `# mail\n${failing}`);
    assert.deepEqual(await titles(), ['Test this connection', 'Find working settings']);
    // An edit of the endpoint removes it.
    c.change(uri, `# mail\n${failing.replace(String(refused), String(smtp.implicit))}`);
    assert.deepEqual(await titles(), ['Test this connection']);
    // Back to the failing port: the failure was forgotten with the edit.
    c.change(uri, `# mail\n${failing}`);
    assert.deepEqual(await titles(), ['Test this connection']);
    // Fails again, then the port is fixed and a successful test clears it.
    await c.request<TestConnectionResult>(TEST_CONNECTION, { uri, position: { line: 1, character: 0 } });
    assert.deepEqual(await titles(), ['Test this connection', 'Find working settings']);
    c.change(uri, `# mail\n${failing.replace(String(refused), String(smtp.implicit))}`);
    const good = await c.request<TestConnectionResult>(TEST_CONNECTION, { uri, position: { line: 1, character: 0 } });
    assert.equal(good.ok, true, good.text);
    assert.equal(good.findSettings, undefined);
    assert.deepEqual(await titles(), ['Test this connection']);
  });
});
