// The probe against in-process smtp-server endpoints with selfsigned certificates: happy paths, mode
// mismatches both ways, certificate problems, wrong password, cancellation, sweep.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { runProbe, testConnection } from '../../server/src/probe/index';
import type { ProbeEvent, ProbeReport } from '../../server/src/probe/types';
import { startHostile, startServers, trackUnhandled, type Hostile, type Servers } from './helpers';

const USER = 'probe-user';
const PASS = 'Pr0be-Secret-Value-42';
const TIMEOUT = 1500;

let s: Servers;
let hostile: Hostile;
const unhandled = trackUnhandled();
const reports: ProbeReport[] = [];

before(async () => {
  [s, hostile] = await Promise.all([startServers(USER, PASS), startHostile()]);
});
after(async () => {
  await Promise.all([s?.close(), hostile?.stop()]);
  unhandled.dispose();
});

const codes = (r: ProbeReport) => r.diagnosis.map((d) => d.code);
const step = (r: ProbeReport, name: string) => r.steps.find((x) => x.step === name);

async function probe(port: number, tls: 'implicit' | 'starttls' | 'none', extra: Record<string, unknown> = {}, opts: Record<string, unknown> = {}) {
  const r = await runProbe({ host: '127.0.0.1', port, tls, servername: 'localhost', ca: s.cert, user: USER, password: PASS, ...extra }, { timeoutMs: TIMEOUT, ...opts });
  reports.push(r);
  return r;
}

describe('probe against smtp-server stand-ins', () => {
  it('implicit TLS with the right password: every step ok', async () => {
    const r = await probe(s.implicit, 'implicit');
    assert.equal(r.ok, true, JSON.stringify(r.diagnosis));
    assert.deepEqual(
      r.steps.map((x) => `${x.step}:${x.status}`),
      ['dns:skip', 'connect:ok', 'tls:ok', 'banner:ok', 'ehlo-tls:ok', 'auth:ok', 'quit:ok'],
    );
    assert.equal(r.tls?.authorized, true);
    assert.match(r.tls?.protocol ?? '', /^TLSv1\.[23]$/);
    assert.equal(r.tls?.subject, 'CN=localhost');
    assert.deepEqual(r.tls?.altNames, ['DNS:localhost', 'IP Address:127.0.0.1']);
    assert.equal(r.auth.result, 'ok');
    assert.ok(r.auth.mechanisms.includes('PLAIN'));
    assert.ok(r.transcript.some((l) => l.dir === '~>' && /^AUTH PLAIN \[credentials redacted\]$/.test(l.text)));
    assert.ok(r.transcript.some((l) => l.dir === '<~' && l.text.startsWith('235')));
    for (const x of r.steps) assert.ok(x.ms >= 0);
    assert.deepEqual(r.timeouts, [], 'no limit ran out');
  });

  it('STARTTLS with the right password: plaintext then TLS lines in the transcript', async () => {
    const r = await probe(s.starttls, 'starttls');
    assert.equal(r.ok, true, JSON.stringify(r.diagnosis));
    assert.deepEqual(
      r.steps.map((x) => `${x.step}:${x.status}`),
      ['dns:skip', 'connect:ok', 'banner:ok', 'ehlo:ok', 'starttls:ok', 'tls:ok', 'ehlo-tls:ok', 'auth:ok', 'quit:ok'],
    );
    const dirs = r.transcript.map((l) => l.dir);
    assert.ok(dirs.indexOf('->') < dirs.indexOf('~>'));
    assert.ok(r.transcript.some((l) => l.dir === '->' && l.text === 'STARTTLS'));
    // AUTH went only inside TLS
    assert.ok(!r.transcript.some((l) => l.dir === '->' && l.text.startsWith('AUTH')));
    assert.ok(s.authAttempts.filter((a) => a.port === s.starttls).every((a) => a.secure));
  });

  it('STARTTLS configured on an implicit-TLS port: port-expects-implicit-tls without waiting out the greeting', async () => {
    const r = await probe(s.implicit, 'starttls');
    // the parallel TLS try answers before the greeting limit: no limit ran out
    assert.deepEqual(r.timeouts, []);
    assert.deepEqual(codes(r), ['port-expects-implicit-tls']);
    assert.equal(r.ok, false);
    assert.match(r.diagnosis[0].message, /implicit TLS.*secure: true/);
    assert.deepEqual(r.diagnosis[0].fix?.intent, { kind: 'tls-mode', mode: 'implicit' });
  });

  it('implicit TLS configured on a STARTTLS port: port-expects-starttls at once', async () => {
    const r = await probe(s.starttls, 'implicit');
    assert.deepEqual(r.timeouts, [], 'decided from the plaintext greeting, no limit ran out');
    assert.deepEqual(codes(r), ['port-expects-starttls']);
    assert.deepEqual(r.diagnosis[0].fix?.intent, { kind: 'tls-mode', mode: 'starttls-required' });
    assert.equal(step(r, 'mode-check')?.status, 'ok');
  });

  it('self-signed certificate without a CA: cert-untrusted, and the password is not sent', async () => {
    const before = s.authAttempts.length;
    const r = await probe(s.implicit, 'implicit', { ca: undefined });
    assert.deepEqual(codes(r), ['cert-untrusted']);
    assert.equal(r.tls?.authorized, false);
    assert.equal(r.tls?.authorizationError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.match(r.diagnosis[0].message, /self-signed/);
    assert.equal(r.auth.result, 'skipped');
    assert.equal(s.authAttempts.length, before, 'no AUTH reached the server');
  });

  it('certificate for another name: cert-hostname-mismatch', async () => {
    const r = await probe(s.implicit, 'implicit', { servername: 'mail.other.example' });
    assert.ok(codes(r).includes('cert-hostname-mismatch'), codes(r).join());
    assert.equal(r.tls?.authorizationError, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.match(r.diagnosis[0].message, /not for "mail\.other\.example"/);
  });

  it('expired certificate: cert-expired', async () => {
    const r = await probe(s.expired, 'implicit', { ca: s.expiredCert });
    assert.deepEqual(codes(r), ['cert-expired']);
    assert.equal(r.tls?.authorizationError, 'CERT_HAS_EXPIRED');
    assert.match(r.diagnosis[0].message, /expired on/);
  });

  it('wrong password: auth-failed with the server reply, and no secret anywhere in the report', async () => {
    const r = await probe(s.starttls, 'starttls', { password: 'Wr0ng-Value-987' });
    assert.deepEqual(codes(r), ['auth-failed']);
    assert.equal(r.auth.result, 'failed');
    assert.match(r.diagnosis[0].message, /535/);
    const json = JSON.stringify(r);
    assert.ok(!json.includes('Wr0ng-Value-987'));
    assert.ok(!json.includes(Buffer.from('Wr0ng-Value-987').toString('base64')));
  });

  it('no password: AUTH skipped, still ok', async () => {
    const r = await probe(s.implicit, 'implicit', { password: undefined });
    assert.equal(r.ok, true);
    assert.equal(r.auth.result, 'skipped');
    assert.equal(step(r, 'auth')?.status, 'skip');
  });

  it('events: one step event per step, in order, and transcript events', async () => {
    const ev: ProbeEvent[] = [];
    const r = await probe(s.implicit, 'implicit', {}, { onEvent: (e: ProbeEvent) => ev.push(e) });
    assert.deepEqual(
      ev.filter((e) => e.type === 'step').map((e) => (e.type === 'step' ? e.step.step : '')),
      r.steps.map((x) => x.step),
    );
    assert.equal(ev.filter((e) => e.type === 'transcript').length, r.transcript.length);
  });

  it('cancellation mid-way gives a "cancelled" verdict at once', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 150);
    const r = await runProbe({ host: '127.0.0.1', port: hostile.ports['silent'], tls: 'starttls' }, { timeoutMs: 5000, signal: ctl.signal });
    assert.deepEqual(r.timeouts, [], 'ended by the cancellation, not by the 5 s greeting limit');
    assert.ok(codes(r).includes('cancelled'));
    assert.equal(r.ok, false);
  });

  it('an already-aborted signal does nothing on the network', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const r = await runProbe({ host: '127.0.0.1', port: s.implicit, tls: 'implicit' }, { signal: ctl.signal });
    assert.ok(codes(r).includes('cancelled'));
    assert.ok(!r.steps.some((x) => x.step === 'tls'));
  });

  it('sweep: parallel, recommends implicit TLS, a silent port costs at most the timeout', async () => {
    const r = await testConnection(
      { host: '127.0.0.1', port: s.starttls, tls: 'starttls', servername: 'localhost', ca: s.cert, user: USER, password: PASS },
      {
        timeoutMs: TIMEOUT,
        sweep: [
          { port: s.implicit, tls: 'implicit' },
          { port: s.starttls, tls: 'starttls' },
          { port: hostile.ports['silent'], tls: 'starttls' },
          { port: hostile.ports['reset-immediately'], tls: 'starttls' },
        ],
      },
    );
    reports.push(r);
    // the silent port cost one step limit, waited in parallel with a TLS try on the same deadline; the others none
    assert.deepEqual(
      r.sweep?.map((e) => (e.timeouts ?? []).map((x) => `${x.kind}:${x.what}`).sort()),
      [[], [], ['step:TLS handshake', 'step:greeting'], []],
    );
    for (const x of r.sweep?.flatMap((e) => e.timeouts ?? []) ?? []) assert.ok(x.limitMs <= TIMEOUT, JSON.stringify(x));
    assert.deepEqual(
      r.sweep?.map((e) => [e.port, e.status]),
      [
        [s.implicit, 'ok'],
        [s.starttls, 'ok'],
        [hostile.ports['silent'], 'timeout'],
        [hostile.ports['reset-immediately'], 'protocol-error'],
      ],
    );
    assert.deepEqual(r.recommended && { port: r.recommended.port, tls: r.recommended.tls }, { port: s.implicit, tls: 'implicit' });
    const better = r.diagnosis.find((d) => d.code === 'better-port-available');
    assert.equal(better?.severity, 'info'); // works as configured: only a suggestion
    assert.deepEqual(better?.fix?.intent, { kind: 'port', port: s.implicit });
    assert.equal(r.ok, true);
  });

  it('sweep discovers the real mode of a port listed with the wrong one', async () => {
    const r = await testConnection(
      { host: '127.0.0.1', port: s.implicit, tls: 'implicit', servername: 'localhost', ca: s.cert },
      { timeoutMs: TIMEOUT, sweep: [{ port: s.implicit, tls: 'starttls' }] },
    );
    assert.deepEqual(r.sweep?.map((e) => [e.tls, e.status]), [['implicit', 'ok']]);
  });

  it('a host name: DNS step lists the addresses (localhost via /etc/hosts, no network DNS), the certificate is checked against it', async () => {
    const r = await probe(s.implicit, 'implicit', { host: 'localhost', servername: undefined });
    const dns = step(r, 'dns');
    assert.equal(dns?.status, 'ok');
    assert.match(dns!.detail, /^localhost → .*127\.0\.0\.1/);
    assert.equal(r.ok, true, JSON.stringify(r.diagnosis));
    assert.equal(r.tls?.servername, 'localhost');
  });

  it('connection refused, and the port-25 advice in a connect timeout', async () => {
    const srv = net.createServer();
    await new Promise<void>((res) => srv.listen(0, '127.0.0.1', () => res()));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((res) => srv.close(() => res()));
    const r = await runProbe({ host: '127.0.0.1', port, tls: 'starttls' }, { timeoutMs: 1000 });
    assert.deepEqual(codes(r), ['connect-refused']);
    assert.match(r.diagnosis[0].message, /Nothing listens on 127\.0\.0\.1:\d+/);
    const { connectTimeout } = await import('../../server/src/probe/messages');
    assert.match(connectTimeout('smtp.example.com', 25, 5000), /port 25 is commonly blocked by ISPs and cloud providers/);
    assert.doesNotMatch(connectTimeout('smtp.example.com', 587, 5000), /port 25/);
  });

  it('a server that answers every step well within the step limit, but slowly, is cut off by the whole-test limit', async () => {
    // each reply comes 350 ms after the command; step and whole-test limit are both 600 ms, so the whole-test
    // limit always runs out first (every step starts after the test did), here while the EHLO reply is awaited
    const srv = net.createServer((sock) => {
      const later = (line: string) => setTimeout(() => !sock.destroyed && sock.write(line + '\r\n'), 350);
      later('220 slow.example ESMTP');
      sock.on('data', () => later('250-slow.example\r\n250 STARTTLS'));
      sock.on('error', () => {});
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    try {
      const r = await runProbe(
        { host: '127.0.0.1', port: (srv.address() as net.AddressInfo).port, tls: 'none' },
        { timeoutMs: 600, totalTimeoutMs: 600 },
      );
      assert.deepEqual(r.timeouts, [{ kind: 'total', what: 'whole test', limitMs: 600 }]);
      assert.deepEqual(codes(r), ['protocol-error']);
      assert.match(r.diagnosis[0].message, /stopped after 600 ms.*very slowly/);
    } finally {
      srv.close();
    }
  });

  it('no unhandled rejections and the password never appears in any report', () => {
    assert.deepEqual(unhandled.list, []);
    const all = JSON.stringify(reports);
    assert.ok(reports.length >= 10);
    assert.ok(!all.includes(PASS));
    assert.ok(!all.includes(Buffer.from(PASS).toString('base64')));
  });
});
