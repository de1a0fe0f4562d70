// The probe against the real Postfix lab (../shared/tools/mta-lab/start-postfix.sh; CI starts it).
// Not running → every test skips with a message, unless MCL_REQUIRE_LAB=1 (CI): then they fail.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProbe, testConnection } from '../../server/src/probe/index';
import type { ProbeReport, ProbeTarget } from '../../server/src/probe/types';
import { runTestConnection } from '../../server/src/cli/testConnection';
import { LAB, portOpen } from '../labHelpers';

const REQUIRE = process.env.MCL_REQUIRE_LAB === '1';
const TIMEOUT = 3000;
const ROOT = path.resolve(__dirname, '../..');
/** Every output of this suite goes here too; the last test greps it (and the lab logs) for the password. */
const ARTIFACTS = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-probe-lab-'));

interface Lab {
  host: string;
  user: string;
  pass: string;
  ca: Buffer; // localhost.crt (self-signed)
  labCa: Buffer;
}
let lab: Lab | undefined;
let why = '';

before(async () => {
  try {
    const ep = JSON.parse(fs.readFileSync(path.join(LAB, 'endpoints.json'), 'utf8'));
    if (!(await portOpen(2465)) || !(await portOpen(2587))) throw new Error('ports 2465/2587 are not listening');
    lab = { host: ep.host, user: ep.user, pass: ep.pass, ca: fs.readFileSync(ep.certs.selfSigned), labCa: fs.readFileSync(ep.certs.labCA) };
  } catch (e) {
    why = `the Postfix lab is not running (${(e as Error).message}); start it with: bash /work/shared/tools/mta-lab/start-postfix.sh`;
    if (!REQUIRE) console.log(`# SKIP probe-lab: ${why}`);
  }
});

after(() => {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
});

/** Runs `fn` when the lab is up; otherwise skips (or fails under MCL_REQUIRE_LAB=1). */
function labIt(name: string, fn: (l: Lab) => Promise<void>) {
  it(name, async (t) => {
    if (!lab) {
      if (REQUIRE) assert.fail(`MCL_REQUIRE_LAB=1 but ${why}`);
      t.skip(why);
      return;
    }
    await fn(lab);
  });
}

let n = 0;
function save(r: ProbeReport | string, name: string) {
  fs.writeFileSync(path.join(ARTIFACTS, `${String(++n).padStart(2, '0')}-${name}.${typeof r === 'string' ? 'txt' : 'json'}`), typeof r === 'string' ? r : JSON.stringify(r, null, 2));
}

async function probe(l: Lab, name: string, t: Partial<ProbeTarget> & { port: number; tls: ProbeTarget['tls'] }, opts: { allowPlaintextAuth?: boolean } = {}) {
  const r = await runProbe({ host: '127.0.0.1', servername: 'localhost', ca: l.ca, user: l.user, password: l.pass, ...t }, { timeoutMs: TIMEOUT, ...opts });
  save(r, name);
  return { r };
}
const codes = (r: ProbeReport) => r.diagnosis.map((d) => d.code);

describe('probe against the Postfix lab', () => {
  labIt('2465 implicit TLS with the right password → ok', async (l) => {
    const { r } = await probe(l, 'implicit-ok', { port: 2465, tls: 'implicit' });
    assert.equal(r.ok, true, JSON.stringify(r.diagnosis));
    assert.equal(r.auth.result, 'ok');
    assert.deepEqual(r.auth.mechanisms, ['PLAIN', 'LOGIN']);
    assert.equal(r.tls?.protocol, 'TLSv1.3');
    assert.equal(r.banner, '220 mta-lab.localhost ESMTP mta-lab (Postfix)');
  });

  labIt('2587 STARTTLS with the right password → ok; AUTH only offered after TLS', async (l) => {
    const { r } = await probe(l, 'starttls-ok', { port: 2587, tls: 'starttls' });
    assert.equal(r.ok, true, JSON.stringify(r.diagnosis));
    assert.equal(r.auth.result, 'ok');
    assert.ok(!r.transcript.some((x) => x.dir === '<-' && /AUTH/.test(x.text)), 'no AUTH before STARTTLS');
    assert.ok(r.transcript.some((x) => x.dir === '<~' && /AUTH PLAIN LOGIN/.test(x.text)));
  });

  labIt('2465 configured as STARTTLS → port-expects-implicit-tls without waiting out the greeting limit', async (l) => {
    const { r } = await probe(l, 'implicit-as-starttls', { port: 2465, tls: 'starttls' });
    assert.deepEqual(codes(r), ['port-expects-implicit-tls']);
    assert.deepEqual(r.timeouts, [], 'the parallel TLS try answered first: no limit ran out');
  });

  labIt('2587 configured as implicit → port-expects-starttls', async (l) => {
    const { r } = await probe(l, 'starttls-as-implicit', { port: 2587, tls: 'implicit' });
    assert.deepEqual(codes(r), ['port-expects-starttls']);
    assert.deepEqual(r.timeouts, [], 'decided from the plaintext greeting: no limit ran out');
  });

  labIt('2526 (no TLS) with STARTTLS required → starttls-not-offered, no AUTH', async (l) => {
    const { r } = await probe(l, 'no-tls', { port: 2526, tls: 'starttls' });
    assert.equal(codes(r)[0], 'starttls-not-offered');
    assert.notEqual(r.auth.result, 'ok');
  });

  labIt('2466 expired certificate → cert-expired (password not sent)', async (l) => {
    const { r } = await probe(l, 'expired', { port: 2466, tls: 'implicit', ca: l.labCa });
    assert.deepEqual(codes(r), ['cert-expired']);
    assert.equal(r.tls?.authorizationError, 'CERT_HAS_EXPIRED');
    assert.equal(r.auth.result, 'skipped');
  });

  labIt('2588 expired certificate through STARTTLS → cert-expired', async (l) => {
    const { r } = await probe(l, 'expired-starttls', { port: 2588, tls: 'starttls', ca: l.labCa });
    assert.deepEqual(codes(r), ['cert-expired']);
  });

  labIt('2467 wrong name → cert-hostname-mismatch', async (l) => {
    const { r } = await probe(l, 'mismatch', { port: 2467, tls: 'implicit', ca: l.labCa });
    assert.deepEqual(codes(r), ['cert-hostname-mismatch']);
    assert.deepEqual(r.tls?.altNames, ['DNS:wrong.example']);
  });

  labIt('2469 chain not sent → cert-untrusted (incomplete chain)', async (l) => {
    const { r } = await probe(l, 'untrusted', { port: 2469, tls: 'implicit', ca: undefined });
    assert.deepEqual(codes(r), ['cert-untrusted']);
    assert.equal(r.tls?.authorizationError, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.match(r.diagnosis[0].message, /intermediate/);
  });

  labIt('2468 TLS 1.2 cap is reported, not flagged', async (l) => {
    const { r } = await probe(l, 'tls12', { port: 2468, tls: 'implicit' });
    assert.equal(r.ok, true);
    assert.equal(r.tls?.protocol, 'TLSv1.2');
  });

  labIt('wrong password → auth-failed', async (l) => {
    const { r } = await probe(l, 'wrong-password', { port: 2587, tls: 'starttls', password: 'definitely-wrong-password' });
    assert.deepEqual(codes(r), ['auth-failed']);
    assert.match(r.diagnosis[0].message, /535 5\.7\.8/);
  });

  labIt('port 25 (relay, STARTTLS, no AUTH) with a password → auth-not-offered after TLS', async (l) => {
    if (!(await portOpen(25))) return; // the lab skips 25 when it is taken (MTA_LAB_PORT25=0)
    const { r } = await probe(l, 'port25', { port: 25, tls: 'starttls' });
    assert.deepEqual(codes(r), ['auth-not-offered']);
    assert.equal(r.auth.result, 'not-offered');
    assert.equal(r.tls?.authorized, true);
    assert.match(r.diagnosis[0].message, /verify\(\) still says OK/);
  });

  labIt('2525 optional STARTTLS: AUTH after STARTTLS works; host name "localhost" resolves (DNS step) and falls through to IPv4', async (l) => {
    const { r } = await probe(l, 'optional-localhost', { host: 'localhost', servername: undefined, port: 2525, tls: 'starttls' });
    assert.equal(r.ok, true, JSON.stringify(r.diagnosis));
    const dns = r.steps.find((x) => x.step === 'dns');
    assert.equal(dns?.status, 'ok');
    assert.match(dns!.detail, /127\.0\.0\.1/);
    assert.match(r.steps.find((x) => x.step === 'connect')!.detail, /^127\.0\.0\.1:2525$/);
    assert.equal(r.auth.result, 'ok');
  });

  labIt('2527 plaintext AUTH → refused by the probe, and Postfix logs no AUTH from that run', async (l) => {
    const logFile = path.join(LAB, 'log', 'postfix.log');
    let clean = false;
    // Other suites may use the lab at the same time: a window without any AUTH in the log, which holds our
    // session's disconnect line, proves ours sent none. Retry a few times if someone else logged in meanwhile.
    for (let attempt = 0; attempt < 3 && !clean; attempt++) {
      const size = fs.statSync(logFile).size;
      const { r } = await probe(l, `plaintext-auth-${attempt}`, { port: 2527, tls: 'none' });
      assert.deepEqual(codes(r), ['auth-over-plaintext-refused']);
      assert.equal(r.auth.result, 'refused-plaintext');
      assert.ok(r.auth.mechanisms.includes('PLAIN'), 'Postfix offered AUTH in cleartext');
      assert.ok(!r.transcript.some((x) => /^AUTH/.test(x.text)));
      // Postfix writes the disconnect line after the session ends: wait for it (bounded), not for a fixed time
      const ours = (x: string) => /disconnect from .* ehlo=1 quit=1 commands=2$/.test(x);
      let lines: string[] = [];
      for (let waited = 0; waited <= 15_000 && !lines.some(ours); waited += 50) {
        if (waited) await new Promise((res) => setTimeout(res, 50));
        const fd = fs.openSync(logFile, 'r');
        const buf = Buffer.alloc(fs.statSync(logFile).size - size);
        fs.readSync(fd, buf, 0, buf.length, size);
        fs.closeSync(fd);
        lines = buf.toString('utf8').split('\n');
      }
      const auth = lines.some((x) => /auth=|sasl_|authentication failed/i.test(x));
      clean = lines.some(ours) && !auth;
    }
    assert.ok(clean, 'Postfix log shows an AUTH (or not our session) in every attempt');
  });

  labIt('sweep with a black-holed port: only that port waits out a step limit, and implicit TLS is recommended', async (l) => {
    // A real black hole: a listener with backlog 0 whose accept queue is full drops further SYNs.
    const hole = await blackhole();
    try {
      const r = await testConnection(
        { host: '127.0.0.1', port: 2587, tls: 'starttls', servername: 'localhost', ca: l.ca, user: l.user, password: l.pass },
        {
          timeoutMs: TIMEOUT,
          sweep: [
            { port: 2465, tls: 'implicit' },
            { port: 2587, tls: 'starttls' },
            { port: 2526, tls: 'starttls' },
            { port: hole.port, tls: 'starttls' },
          ],
        },
      );
      save(r, 'sweep');
      // only the black hole cost a wait, and only step limits (in parallel with the others): no whole-test limit
      assert.deepEqual(
        r.sweep?.map((e) => (e.timeouts ?? []).length > 0),
        [false, false, false, true],
        JSON.stringify(r.sweep?.map((e) => e.timeouts)),
      );
      for (const x of r.sweep?.flatMap((e) => e.timeouts ?? []) ?? []) assert.ok(x.kind === 'step' && x.limitMs <= TIMEOUT, JSON.stringify(x));
      assert.deepEqual(
        r.sweep?.map((e) => [e.port, e.status]),
        [
          [2465, 'ok'],
          [2587, 'ok'],
          [2526, 'tls-error'], // no STARTTLS on Postfix's plain port
          [hole.port, 'timeout'],
        ],
      );
      const holeEntry = r.sweep!.find((e) => e.port === hole.port)!;
      assert.match(holeEntry.detail, hole.kind === 'syn-drop' ? /No TCP connection/ : /no greeting/);
      assert.deepEqual(r.recommended && [r.recommended.port, r.recommended.tls], [2465, 'implicit']);
      assert.equal(r.ok, true);
      const better = r.diagnosis.find((d) => d.code === 'better-port-available');
      assert.deepEqual(better?.fix?.intent, { kind: 'port', port: 2465 });
    } finally {
      hole.close();
    }
  });

  labIt('a config file through the CLI: json output, exit code 1, and a fix for the file', async (l) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-lab-cfg-'));
    try {
      const env = path.join(dir, '.env');
      fs.writeFileSync(env, `SMTP_HOST=127.0.0.1\nSMTP_PORT=2465\nSMTP_SECURE=false\nSMTP_USER=${l.user}\nSMTP_PASS=${l.pass}\n`);
      const caFile = path.join(dir, 'ca.pem');
      fs.writeFileSync(caFile, l.ca);
      let stdout = '';
      let stderr = '';
      const io = { stdout: (s: string) => void (stdout += s), stderr: (s: string) => void (stderr += s), env: {}, cwd: dir };
      const code = await runTestConnection([env, '--servername', 'localhost', '--ca', caFile, '--timeout', String(TIMEOUT), '--format', 'json'], io);
      save(stdout + stderr, 'cli-json');
      assert.equal(code, 1, stderr);
      const j = JSON.parse(stdout);
      assert.deepEqual(j.target, { host: '127.0.0.1', port: 2465, tls: 'starttls', servername: 'localhost', user: l.user });
      assert.equal(j.diagnosis[0].code, 'port-expects-implicit-tls');
      const edit = j.diagnosis[0].fix.edits[0];
      assert.equal(edit.file, env);
      assert.equal(edit.range.start.line, 3);
      assert.equal(edit.newText, 'true');
      // the same file after the fix works (AUTH with the password read from the file)
      const text = fs.readFileSync(env, 'utf8');
      fs.writeFileSync(env, text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length));
      stdout = '';
      const code2 = await runTestConnection([env, '--servername', 'localhost', '--ca', caFile, '--timeout', String(TIMEOUT)], io);
      save(stdout + stderr, 'cli-text');
      assert.equal(code2, 0, stdout);
      assert.match(stdout, /ok {3}AUTH .*235/);
      assert.match(stdout, /AUTH PLAIN \[credentials redacted\]/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  labIt('the built CLI as a process (text and json, right and wrong password): outputs saved for the grep', async (l) => {
    const cli = path.join(ROOT, 'dist', 'cli.js');
    const useDist = fs.existsSync(cli);
    const base = useDist ? [cli] : ['--import', 'tsx', path.join(ROOT, 'server/src/cli/main.ts')];
    const caFile = path.join(ARTIFACTS, 'ca.pem');
    fs.writeFileSync(caFile, l.ca);
    for (const [pwVar, fmt, port, tls] of [
      ['LAB_PW', 'text', '2465', 'implicit'],
      ['LAB_PW', 'json', '2587', 'starttls'],
      ['WRONG_PW', 'text', '2465', 'implicit'],
      ['LAB_PW', 'json', '2527', 'none'],
    ]) {
      const r = spawnSync(
        process.execPath,
        [...base, 'test-connection', '--host', '127.0.0.1', '--port', port, '--tls', tls, '--user', l.user, '--password-env', pwVar, '--ca', caFile, '--servername', 'localhost', '--timeout', String(TIMEOUT), '--format', fmt],
        { env: { ...process.env, LAB_PW: l.pass, WRONG_PW: `${l.pass}x` }, encoding: 'utf8', cwd: ROOT, timeout: 30000 },
      );
      save(`${r.stdout}\n${r.stderr}`, `cli-process-${port}-${fmt}`);
      assert.equal(r.status, pwVar === 'LAB_PW' && port !== '2527' ? 0 : 1, r.stdout + r.stderr);
    }
  });

  labIt('the lab password appears in no output, log or snapshot of this suite, nor in the lab logs', async (l) => {
    const needles = [l.pass, Buffer.from(l.pass).toString('base64'), Buffer.from(`\0${l.user}\0${l.pass}`).toString('base64')];
    const files = fs.readdirSync(ARTIFACTS).map((f) => path.join(ARTIFACTS, f));
    files.push(path.join(LAB, 'log', 'postfix.log'), path.join(LAB, 'log', 'dovecot.log'));
    assert.ok(files.length >= 15, `only ${files.length} files to check`);
    for (const f of files) {
      if (!fs.existsSync(f)) continue;
      const text = fs.readFileSync(f, 'utf8');
      for (const x of needles) assert.ok(!text.includes(x), `${path.basename(f)} contains the password`);
    }
  });
});

/** A port whose SYNs are dropped (python3 listener, backlog 0, queue filled). Falls back to a silent listener. */
async function blackhole(): Promise<{ port: number; kind: 'syn-drop' | 'silent'; close(): void }> {
  const py = 'import socket,sys,time\ns=socket.socket();s.bind(("127.0.0.1",0));s.listen(0)\nprint(s.getsockname()[1],flush=True)\nc=[]\nfor i in range(4):\n  x=socket.socket();x.setblocking(False)\n  try: x.connect(s.getsockname())\n  except BlockingIOError: pass\n  c.append(x)\ntime.sleep(120)\n';
  const child = spawn('python3', ['-c', py], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(0));
    child.stdout!.once('data', (d) => resolve(Number(String(d).trim())));
    setTimeout(() => resolve(0), 3000);
  });
  if (port) {
    await new Promise((r) => setTimeout(r, 300));
    return { port, kind: 'syn-drop', close: () => child.kill() };
  }
  child.kill();
  const socks: net.Socket[] = [];
  const srv = net.createServer((s) => socks.push(s));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  return {
    port: (srv.address() as net.AddressInfo).port,
    kind: 'silent',
    close: () => {
      socks.forEach((s) => s.destroy());
      srv.close();
    },
  };
}
