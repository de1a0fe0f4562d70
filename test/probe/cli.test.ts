// `mail-config-lint test-connection`: arguments, exit codes, the --format json shape, FILE:LINE, and the
// password in no output (in-process and as a process of the built CLI).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTestConnection } from '../../server/src/cli/testConnection';
import { startHostile, startServers, type Hostile, type Servers } from './helpers';

const USER = 'cli-user';
const PASS = 'Cli-Probe-Secret-8675309';
const ROOT = path.resolve(__dirname, '../..');
let s: Servers;
let h: Hostile;
let dir: string;
let caFile: string;
const outputs: string[] = [];

before(async () => {
  [s, h] = await Promise.all([startServers(USER, PASS), startHostile()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-probe-cli-'));
  caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, s.cert);
});
after(async () => {
  await Promise.all([s?.close(), h?.stop()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a process without blocking this one (the stand-in servers live in this process). */
function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => p.kill(), 20000);
    p.on('close', (status) => {
      clearTimeout(t);
      resolve({ status, stdout, stderr });
    });
  });
}

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runTestConnection(args, { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env, cwd: dir });
  outputs.push(stdout, stderr);
  return { code, stdout, stderr };
}

describe('test-connection: usage', () => {
  const bad: [string[], RegExp][] = [
    [['--bogus'], /unknown option --bogus/],
    [['--host', '127.0.0.1', '--tls', 'ssl'], /--tls must be implicit, starttls or none/],
    [['--host', '127.0.0.1', '--port', '0'], /--port must be 1-65535/],
    [['--host', '127.0.0.1', '--port', 'abc'], /--port must be 1-65535/],
    [['--host', '127.0.0.1', '--timeout', '5'], /--timeout must be 100-120000/],
    [['--host', '127.0.0.1', '--format', 'xml'], /--format must be text or json/],
    [['--host', '127.0.0.1', '--sweep-ports', '587:ssl'], /bad sweep port/],
    [['--host', '127.0.0.1', '--password', 'x'], /use --password-env VAR/],
    [['--host', '127.0.0.1', '--password-env', 'NOT_SET_ANYWHERE'], /NOT_SET_ANYWHERE is not set/],
    [['--host', '127.0.0.1', '--ca', '/nonexistent/ca.pem'], /cannot read --ca/],
    [['no-such-file.env'], /no such file/],
    [['--port', '587'], /no host/],
    [['a', 'b'], /one FILE at most/],
    [['--host'], /--host needs a value/],
  ];
  for (const [args, msg] of bad) {
    it(`${args.join(' ')} → exit 2`, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, msg);
      assert.equal(r.stdout, '');
    });
  }
  it('--help → exit 0', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--password-env <VAR>/);
  });
  it('a file without SMTP settings and no --host → exit 2', async () => {
    const f = path.join(dir, 'empty', '.env');
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, 'FOO=bar\n');
    const r = await cli([f]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no SMTP configuration found/);
  });
});

describe('test-connection: results', () => {
  const base = () => ['--host', '127.0.0.1', '--servername', 'localhost', '--ca', caFile, '--user', USER, '--password-env', 'P', '--timeout', '1500'];

  it('works → exit 0; --format json has the documented shape', async () => {
    const r = await cli([...base(), '--port', String(s.implicit), '--tls', 'implicit', '--format', 'json'], { P: PASS });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.target, { host: '127.0.0.1', port: s.implicit, tls: 'implicit', servername: 'localhost', user: USER });
    assert.equal(j.ok, true);
    for (const st of j.steps) {
      assert.deepEqual(Object.keys(st), ['step', 'status', 'ms', 'detail']);
      assert.ok(['ok', 'fail', 'warn', 'skip'].includes(st.status));
      assert.equal(typeof st.ms, 'number');
    }
    assert.deepEqual(Object.keys(j.tls), ['protocol', 'cipher', 'authorized', 'authorizationError', 'subject', 'issuer', 'validTo', 'altNames']);
    assert.equal(j.tls.authorized, true);
    assert.equal(j.tls.authorizationError, null);
    assert.deepEqual(j.auth, { mechanisms: ['PLAIN', 'LOGIN'], result: 'ok' });
    assert.deepEqual(j.diagnosis, []);
    assert.equal('sweep' in j, false);
  });

  it('a problem → exit 1, diagnosis with code, severity and message; tls null when no TLS happened', async () => {
    const r = await cli([...base(), '--port', String(s.starttls), '--tls', 'implicit', '--format', 'json'], { P: PASS });
    assert.equal(r.code, 1);
    const j = JSON.parse(r.stdout);
    assert.equal(j.ok, false);
    assert.equal(j.tls, null);
    assert.deepEqual(Object.keys(j.diagnosis[0]), ['code', 'severity', 'message', 'fix']);
    assert.equal(j.diagnosis[0].code, 'port-expects-starttls');
    assert.equal(j.diagnosis[0].severity, 'error');
    assert.deepEqual(j.auth, { mechanisms: [], result: 'skipped' });
  });

  it('--sweep-ports adds sweep[] {port, tls, status, code, ms} and a recommendation', async () => {
    const r = await cli([...base(), '--port', String(s.starttls), '--tls', 'starttls', '--sweep-ports', `${s.implicit}:implicit,${s.starttls},${h.ports['close-immediately']}`, '--format', 'json'], { P: PASS });
    assert.equal(r.code, 0, r.stdout);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(
      j.sweep.map((e: Record<string, unknown>) => [e.port, e.tls, e.status, e.code, typeof e.ms]),
      [
        [s.implicit, 'implicit', 'ok', null, 'number'],
        [s.starttls, 'starttls', 'ok', null, 'number'],
        [h.ports['close-immediately'], 'starttls', 'protocol-error', 'protocol-error', 'number'],
      ],
    );
    assert.equal(j.recommended.port, s.implicit);
    assert.equal(j.diagnosis[0].code, 'better-port-available');
    assert.equal(j.diagnosis[0].severity, 'info');
  });

  it('text output: steps, transcript with redacted AUTH, verdict', async () => {
    const r = await cli([...base(), '--port', String(s.starttls), '--tls', 'starttls'], { P: PASS });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Testing 127\.0\.0\.1:\d+ \(STARTTLS, servername localhost, user cli-user\)/);
    assert.match(r.stdout, /-> STARTTLS/);
    assert.match(r.stdout, /~> AUTH PLAIN \[credentials redacted\]/);
    assert.match(r.stdout, /^OK: /m);
  });

  it('--verbose streams steps and transcript lines to stderr (AUTH redacted there too)', async () => {
    const r = await cli([...base(), '--port', String(s.implicit), '--tls', 'implicit', '--verbose', '--format', 'json'], { P: PASS });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^ok {3}TCP connect/m);
    assert.match(r.stderr, /~> AUTH PLAIN \[credentials redacted\]/);
    JSON.parse(r.stdout); // stdout stays one JSON object
  });

  it('wrong password → exit 1, auth-failed', async () => {
    const r = await cli([...base(), '--port', String(s.implicit), '--tls', 'implicit'], { P: 'Cli-Wrong-Secret-1234' });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /auth-failed: The server rejected the login for "cli-user"/);
  });

  it('FILE:LINE picks the configuration on that line; flags override the file', async () => {
    const f = path.join(dir, 'js', 'mailer.js');
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(
      f,
      [
        "const nodemailer = require('nodemailer');",
        `const a = nodemailer.createTransport({ host: '127.0.0.1', port: ${s.implicit}, secure: true });`,
        `const b = nodemailer.createTransport({ host: '127.0.0.1', port: ${s.starttls}, secure: true });`,
        '',
      ].join('\n'),
    );
    const second = await cli([`${f}:3`, '--servername', 'localhost', '--ca', caFile, '--timeout', '1500', '--format', 'json']);
    assert.equal(second.code, 1, second.stderr);
    const j = JSON.parse(second.stdout);
    assert.equal(j.target.port, s.starttls);
    assert.equal(j.diagnosis[0].code, 'port-expects-starttls');
    assert.equal(j.diagnosis[0].fix.edits[0].range.start.line, 3);
    assert.equal(j.diagnosis[0].fix.edits[0].newText, 'false');
    const first = await cli([`${f}:2`, '--servername', 'localhost', '--ca', caFile, '--timeout', '1500']);
    assert.equal(first.code, 0, first.stdout);
    const overridden = await cli([`${f}:2`, '--port', String(s.starttls), '--tls', 'starttls', '--servername', 'localhost', '--ca', caFile, '--format', 'json']);
    assert.equal(overridden.code, 0);
    assert.deepEqual(JSON.parse(overridden.stdout).target.port, s.starttls);
  });

  it('the built CLI as a process: password from a .env file, in no output', async () => {
    const cliJs = path.join(ROOT, 'dist', 'cli.js');
    assert.ok(fs.existsSync(cliJs), 'build first (node scripts/build.mjs)');
    const f = path.join(dir, 'proc', '.env');
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, `SMTP_HOST=127.0.0.1\nSMTP_PORT=${s.starttls}\nSMTP_REQUIRE_TLS=true\nSMTP_USER=${USER}\nSMTP_PASS="${PASS}"\n`);
    for (const extra of [[], ['--format', 'json'], ['--sweep-ports', `${s.implicit}`]]) {
      const r = await run([cliJs, 'test-connection', f, '--servername', 'localhost', '--ca', caFile, '--timeout', '1500', ...extra]);
      outputs.push(r.stdout, r.stderr);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /235|"result": "ok"/);
    }
    const wrong = path.join(dir, 'proc2', '.env');
    fs.mkdirSync(path.dirname(wrong), { recursive: true });
    fs.writeFileSync(wrong, `SMTP_HOST=127.0.0.1\nSMTP_PORT=${s.implicit}\nSMTP_SECURE=true\nSMTP_USER=${USER}\nSMTP_PASS=${PASS}x\n`);
    const r = await run([cliJs, 'test-connection', wrong, '--servername', 'localhost', '--ca', caFile, '--timeout', '1500']);
    outputs.push(r.stdout, r.stderr);
    assert.equal(r.status, 1);
  });

  it('no output of this file holds the password (plain, base64, or the AUTH PLAIN blob)', () => {
    const all = outputs.join('\n');
    assert.ok(all.length > 5000);
    for (const x of [PASS, Buffer.from(PASS).toString('base64'), Buffer.from(`\0${USER}\0${PASS}`).toString('base64'), Buffer.from(`\0${USER}\0${PASS}x`).toString('base64')]) {
      assert.ok(!all.includes(x), `leaked: ${x.slice(0, 4)}…`);
    }
  });
});
