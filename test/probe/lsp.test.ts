// The probe over LSP, against the built server (dist/server.js, stdio): code lens, listConnections,
// testConnection with progress notifications, fixes as edits, cancellation; the password never travels back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, SERVER } from '../lsp/lspClient';
import { startHostile, startServers, type Hostile, type Servers } from './helpers';

const USER = 'lsp-user';
const PASS = 'Lsp-Probe-Secret-31';
let s: Servers;
let h: Hostile;
let c: LspClient;
let dir: string;

before(async () => {
  assert.ok(fs.existsSync(SERVER), `build first: ${SERVER} is missing (node scripts/build.mjs)`);
  [s, h] = await Promise.all([startServers(USER, PASS), startHostile()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-probe-lsp-'));
  // The server process trusts the stand-ins' self-signed certificate the way a user's machine trusts a
  // private CA (a .env has no CA setting); the hostile endpoints' certificate stays untrusted.
  const caFile = path.join(dir, 'standin-ca.pem');
  fs.writeFileSync(caFile, s.cert);
  const saved = process.env.NODE_EXTRA_CA_CERTS;
  process.env.NODE_EXTRA_CA_CERTS = caFile;
  c = new LspClient({ rootDir: dir, settings: { connectionTest: { timeoutMs: 1500 } } });
  if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
  else process.env.NODE_EXTRA_CA_CERTS = saved;
  await c.initialize();
});
after(async () => {
  await c?.stop();
  await Promise.all([s?.close(), h?.stop()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Lens {
  range: { start: { line: number } };
  command: { title: string; command: string; arguments: { uri: string; configId: string }[] };
}
interface Result {
  ok: boolean;
  report: { diagnosis: { code: string; message: string }[]; steps: { step: string }[]; target: { port: number }; timeouts: unknown[] };
  text: string;
  fixes: { code: string; title: string; uri: string; version: number; edits: { range: { start: { line: number } }; newText: string }[] }[];
  error?: string;
}

describe('Test SMTP Connection over LSP', () => {
  let uri: string;

  it('code lens "Test this connection" on each configuration', async () => {
    const file = path.join(dir, '.env');
    const text = `# mailer\nSMTP_HOST=127.0.0.1\nSMTP_PORT=${s.implicit}\nSMTP_SECURE=false\nSMTP_USER=${USER}\nSMTP_PASS=${PASS}\n`;
    fs.writeFileSync(file, text);
    uri = c.open(file, text, 'dotenv');
    await c.diagnosticsNow(uri);
    const lenses = await c.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command.title, 'Test this connection');
    assert.equal(lenses[0].command.command, 'mailConfigLint.testConnection');
    assert.equal(lenses[0].command.arguments[0].uri, uri);
    assert.equal(lenses[0].range.start.line, 1);
  });

  it('no code lens where there is nothing to connect to', async () => {
    const file = path.join(dir, 'flag-only', '.env');
    fs.mkdirSync(path.dirname(file));
    const text = 'SMTP_SECURE=true\nSMTP_PORT=465\n';
    fs.writeFileSync(file, text);
    const u = c.open(file, text, 'dotenv');
    await c.diagnosticsNow(u);
    const lenses = await c.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: u } });
    assert.deepEqual(lenses, []);
  });

  it('listConnections: host, port, mode, user and where the password comes from (not the password)', async () => {
    const r = await c.request<{ configs: Record<string, unknown>[]; atCursor?: string }>('mailConfigLint/listConnections', { uri, position: { line: 2, character: 3 } });
    assert.equal(r.configs.length, 1);
    assert.equal(r.atCursor, r.configs[0].id);
    assert.equal(r.configs[0].host, '127.0.0.1');
    assert.equal(r.configs[0].port, s.implicit);
    assert.equal(r.configs[0].tls, 'starttls');
    assert.equal(r.configs[0].user, USER);
    assert.equal(r.configs[0].passwordSource, 'file');
    assert.ok(!JSON.stringify(r).includes(PASS));
  });

  it('testConnection: progress per step, the diagnosis and its fix as edits of the document', async () => {
    const before = c.notifications.length;
    const r = await c.request<Result>('mailConfigLint/testConnection', { uri, runId: 'run-1' });
    assert.equal(r.ok, false);
    assert.equal(r.report.diagnosis[0].code, 'port-expects-implicit-tls');
    assert.equal(r.fixes[0].code, 'port-expects-implicit-tls');
    assert.equal(r.fixes[0].uri, uri);
    assert.equal(r.fixes[0].version, c.version(uri));
    assert.equal(r.fixes[0].edits[0].range.start.line, 3);
    assert.equal(r.fixes[0].edits[0].newText, 'true');
    assert.match(r.text, /port-expects-implicit-tls/);
    const progress = c.notifications.slice(before).filter((n) => n.method === 'mailConfigLint/testConnectionProgress') as { params: { runId: string; kind: string; text: string } }[];
    assert.ok(progress.length >= 3);
    assert.ok(progress.every((p) => p.params.runId === 'run-1'));
    assert.deepEqual(
      progress.filter((p) => p.params.kind === 'step').map((p) => p.params.text.split(/\s+/)[1]),
      r.report.steps.map((x) => ({ dns: 'DNS', connect: 'TCP', banner: 'banner' })[x.step] ?? x.step),
    );
  });

  it('after applying the fix the same configuration works, AUTH with the password from the file', async () => {
    const r0 = await c.request<Result>('mailConfigLint/testConnection', { uri });
    const e = r0.fixes[0].edits[0];
    c.edit(uri, e.range as never, e.newText);
    await c.diagnosticsNow(uri);
    const n = s.authAttempts.length;
    const r = await c.request<Result>('mailConfigLint/testConnection', { uri });
    assert.equal(r.ok, true, r.text);
    assert.deepEqual(r.report.diagnosis, []);
    assert.match(r.text, /ok {3}AUTH .*235/);
    assert.deepEqual(s.authAttempts.slice(n), [{ port: s.implicit, user: USER, secure: true }]);
  });

  it('cancellation stops the probe at once', async () => {
    const file = path.join(dir, 'silent', '.env');
    fs.mkdirSync(path.dirname(file));
    const text = `SMTP_HOST=127.0.0.1\nSMTP_PORT=${h.ports['silent']}\n`;
    fs.writeFileSync(file, text);
    const u = c.open(file, text, 'dotenv');
    await c.diagnosticsNow(u);
    const req = c.requestWithId<Result>('mailConfigLint/testConnection', { uri: u, timeoutMs: 10000 });
    setTimeout(() => c.notify('$/cancelRequest', { id: req.id }), 300);
    const r = await req.result.catch((e: Error) => ({ error: e.message }) as Result);
    // ended by the cancellation, not by the 10 s greeting limit
    if (!r.error) {
      assert.ok(r.report.diagnosis.some((d) => d.code === 'cancelled'), JSON.stringify(r.report.diagnosis));
      assert.deepEqual(r.report.timeouts, []);
    }
  });

  it('a password typed by the user is used for AUTH and never sent back', async () => {
    const file = path.join(dir, 'typed', '.env');
    fs.mkdirSync(path.dirname(file));
    const text = `SMTP_HOST=127.0.0.1\nSMTP_PORT=${s.starttls}\nSMTP_REQUIRE_TLS=true\nSMTP_USER=${USER}\n`;
    fs.writeFileSync(file, text);
    const u = c.open(file, text, 'dotenv');
    await c.diagnosticsNow(u);
    const list = await c.request<{ configs: { passwordSource: string }[] }>('mailConfigLint/listConnections', { uri: u });
    assert.equal(list.configs[0].passwordSource, 'none');
    const ok = await c.request<Result>('mailConfigLint/testConnection', { uri: u, password: PASS });
    assert.equal(ok.ok, true, ok.text);
    assert.match(ok.text, /AUTH: ok/);
    const bad = await c.request<Result>('mailConfigLint/testConnection', { uri: u, password: 'Typed-Wrong-Value-55' });
    assert.deepEqual(bad.report.diagnosis.map((d) => d.code), ['auth-failed']);
    const all = JSON.stringify([c.notifications, ok, bad]) + c.stderr;
    for (const x of ['Typed-Wrong-Value-55', PASS, Buffer.from(PASS).toString('base64')]) assert.ok(!all.includes(x), `${x} leaked`);
  });

  it('a sealed password (X25519 + AES-GCM, as the VS Code client sends it) works and the wire never shows it', async () => {
    const { publicKey: serverKey } = await c.request<{ publicKey: string }>('mailConfigLint/probeKey', {});
    const { publicKey, privateKey } = generateKeyPairSync('x25519');
    const peer = createPublicKey({ key: Buffer.from(serverKey, 'base64'), format: 'der', type: 'spki' });
    const key = Buffer.from(hkdfSync('sha256', diffieHellman({ privateKey, publicKey: peer }), Buffer.alloc(0), 'mail-config-lint probe password v1', 32));
    const iv = randomBytes(12);
    const ci = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([ci.update(PASS, 'utf8'), ci.final()]);
    const sealedPassword = { publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), iv: iv.toString('base64'), data: data.toString('base64'), tag: ci.getAuthTag().toString('base64') };
    assert.ok(!JSON.stringify(sealedPassword).includes(PASS));
    const file = path.join(dir, 'typed', '.env');
    const u = c.open(file, fs.readFileSync(file, 'utf8'), 'dotenv');
    const ok = await c.request<Result>('mailConfigLint/testConnection', { uri: u, sealedPassword });
    assert.equal(ok.ok, true, ok.text);
    assert.match(ok.text, /AUTH: ok/);
    const tampered = { ...sealedPassword, data: Buffer.from('x' + PASS).toString('base64') };
    const bad = await c.request<Result>('mailConfigLint/testConnection', { uri: u, sealedPassword: tampered });
    assert.match(bad.error ?? '', /could not be opened/);
  });
});
