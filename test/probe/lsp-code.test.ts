// Test SMTP Connection from a Python and a PHP configuration, over LSP against the built server: the endpoint the
// probe connects to (host, port, TLS mode) is the one the code's settings describe, including a port that comes
// from the workspace's .env through env() — the loopback stand-ins see the AUTH on exactly that port.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, SERVER } from '../lsp/lspClient';
import { startServers, type Servers } from './helpers';

const USER = 'code-user';
const PASS = 'Code-Probe-Secret-77';
let s: Servers;
let c: LspClient;
let dir: string;

interface Result {
  ok: boolean;
  report: { diagnosis: { code: string }[]; target: { host: string; port: number; tls: string } };
  text: string;
}

before(async () => {
  assert.ok(fs.existsSync(SERVER), `build first: ${SERVER} is missing (node scripts/build.mjs)`);
  s = await startServers(USER, PASS);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-probe-code-'));
  // the stand-ins' self-signed certificate is trusted like a private CA (see test/probe/lsp.test.ts)
  const caFile = path.join(dir, 'standin-ca.pem');
  fs.writeFileSync(caFile, s.cert);
  const saved = process.env.NODE_EXTRA_CA_CERTS;
  process.env.NODE_EXTRA_CA_CERTS = caFile;
  c = new LspClient({ rootDir: dir, settings: { connectionTest: { timeoutMs: 4000 } } });
  if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
  else process.env.NODE_EXTRA_CA_CERTS = saved;
  await c.initialize();
});
after(async () => {
  await c?.stop();
  await s?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Test SMTP Connection from code configurations', () => {
  it('Django settings.py: implicit TLS to the port EMAIL_PORT names, AUTH as EMAIL_HOST_USER', async () => {
    const file = path.join(dir, 'site', 'settings.py');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = `EMAIL_HOST = '127.0.0.1'\nEMAIL_PORT = ${s.implicit}\nEMAIL_USE_SSL = True\nEMAIL_HOST_USER = '${USER}'\nEMAIL_TIMEOUT = 10\n`;
    fs.writeFileSync(file, text);
    const uri = c.open(file, text, 'python');
    await c.diagnosticsNow(uri);
    const list = await c.request<{ configs: { id: string; host: string; port: number; tls: string; user: string }[] }>('mailConfigLint/listConnections', { uri });
    assert.equal(list.configs.length, 1);
    assert.deepEqual([list.configs[0].host, list.configs[0].port, list.configs[0].tls, list.configs[0].user], ['127.0.0.1', s.implicit, 'implicit', USER]);
    const n = s.authAttempts.length;
    const r = await c.request<Result>('mailConfigLint/testConnection', { uri, configId: list.configs[0].id, password: PASS });
    assert.equal(r.ok, true, r.text);
    assert.deepEqual(s.authAttempts.slice(n), [{ port: s.implicit, user: USER, secure: true }]);
    assert.ok(!JSON.stringify(r).includes(PASS));
  });

  it('PHPMailer: the port comes from .env through env(), STARTTLS from SMTPSecure', async () => {
    const sub = path.join(dir, 'php-app');
    fs.mkdirSync(path.join(sub, 'src'), { recursive: true });
    fs.writeFileSync(path.join(sub, '.env'), `SMTP_PORT=${s.starttls}\n`);
    const file = path.join(sub, 'src', 'Mailer.php');
    // the default 2525 is not where the stand-in listens: only the .env value reaches it
    const text = `<?php\n$mail = new PHPMailer\\PHPMailer\\PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = '127.0.0.1';\n$mail->Port = env('SMTP_PORT', 2525);\n$mail->SMTPSecure = 'tls';\n$mail->SMTPAuth = true;\n$mail->Username = '${USER}';\n`;
    fs.writeFileSync(file, text);
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${path.join(sub, '.env')}`, type: 1 }] });
    const uri = c.open(file, text, 'php');
    await c.diagnosticsNow(uri);
    const list = await c.request<{ configs: { id: string; host: string; port: number; tls: string }[] }>('mailConfigLint/listConnections', { uri });
    assert.equal(list.configs.length, 1);
    assert.deepEqual([list.configs[0].host, list.configs[0].port, list.configs[0].tls], ['127.0.0.1', s.starttls, 'starttls']);
    const n = s.authAttempts.length;
    const r = await c.request<Result>('mailConfigLint/testConnection', { uri, configId: list.configs[0].id, password: PASS });
    assert.equal(r.ok, true, r.text);
    assert.deepEqual(s.authAttempts.slice(n), [{ port: s.starttls, user: USER, secure: true }]);
  });
});
