// The machine-readable sweep (issue 11): each sweep[] entry has a `status` a program can branch on and the
// diagnosis `code` behind it, against loopback servers this test starts (smtp-server stand-ins, the hostile
// endpoints, a port nobody listens on), through the library and `test-connection --sweep-ports --format json`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { testConnection } from '../../server/src/probe/index';
import { entryOf } from '../../server/src/probe/sweep';
import { formatText, toJson } from '../../server/src/probe/format';
import type { ProbeReport, SweepEntry } from '../../server/src/probe/types';
import { makeCert, startHostile, startServers, trackUnhandled, type Hostile, type Servers } from './helpers';

const USER = 'sweep-user';
const PASS = 'Sweep-Secret-Value-77';
const TIMEOUT = 1500;
const STATUSES = ['ok', 'refused', 'timeout', 'tls-error', 'dns-failed', 'auth-failed', 'protocol-error', 'cancelled'];

let s: Servers;
let hostile: Hostile;
let noAuth: SMTPServer;
let noAuthPort = 0;
let closedPort = 0;
const unhandled = trackUnhandled();

before(async () => {
  [s, hostile] = await Promise.all([startServers(USER, PASS), startHostile()]);
  // Implicit TLS with a good certificate but no AUTH at all.
  // Its own subject name: OpenSSL finds a trusted issuer by name, and the stand-ins' certificate is CN=localhost.
  const cert = makeCert({ cn: 'no-auth.localhost' });
  noAuth = new SMTPServer({ secure: true, key: cert.key, cert: cert.cert, authOptional: true, disabledCommands: ['AUTH'], logger: false, closeTimeout: 1000, disableReverseLookup: true });
  noAuth.on('error', () => {});
  await new Promise<void>((r) => noAuth.listen(0, '127.0.0.1', () => r()));
  noAuthPort = (noAuth.server.address() as net.AddressInfo).port;
  s.cert = `${s.cert}\n${cert.cert}`;
  // A port that refuses: bound (ephemeral) then closed again.
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
});
after(async () => {
  await Promise.all([s?.close(), hostile?.stop(), new Promise<void>((r) => (noAuth ? noAuth.close(() => r()) : r()))]);
  unhandled.dispose();
});

function sweepOf(ports: { port: number; tls: 'implicit' | 'starttls' }[], signal?: AbortSignal): Promise<ProbeReport> {
  return testConnection(
    { host: '127.0.0.1', port: s.implicit, tls: 'implicit', servername: 'localhost', ca: s.cert, user: USER, password: PASS },
    { timeoutMs: TIMEOUT, sweep: ports, signal },
  );
}

const statusCode = (e: SweepEntry) => [e.status, e.code];

describe('sweep status and code', () => {
  it('one status per kind of failure, with the diagnosis code; ok has code null', async () => {
    const r = await sweepOf([
      { port: s.implicit, tls: 'implicit' },
      { port: closedPort, tls: 'starttls' },
      { port: hostile.ports['silent'], tls: 'starttls' },
      { port: s.expired, tls: 'implicit' },
      { port: hostile.ports['no-starttls'], tls: 'starttls' },
      { port: noAuthPort, tls: 'implicit' },
      { port: hostile.ports['close-immediately'], tls: 'starttls' },
      { port: hostile.ports['garbage'], tls: 'starttls' },
    ]);
    assert.deepEqual(r.sweep!.map(statusCode), [
      ['ok', null],
      ['refused', 'connect-refused'],
      ['timeout', 'greeting-timeout'],
      ['tls-error', 'cert-expired'],
      ['tls-error', 'starttls-not-offered'],
      ['auth-failed', 'auth-not-offered'],
      ['protocol-error', 'protocol-error'],
      ['protocol-error', 'protocol-error'],
    ]);
    for (const e of r.sweep!) assert.ok(STATUSES.includes(e.status), e.status);
    assert.equal(r.recommended?.port, s.implicit, 'only an ok entry is recommended');
    // The text report says the status and code too.
    const text = formatText(r);
    assert.match(text, new RegExp(`FAIL ${closedPort}\\s.*refused \\(connect-refused\\): `));
    assert.match(text, new RegExp(`ok   ${s.implicit}\\s`));
  });

  it('the JSON report: sweep[] {port, tls, status, code, ms, detail, timeouts}', async () => {
    const r = await sweepOf([{ port: s.implicit, tls: 'implicit' }, { port: hostile.ports['silent'], tls: 'starttls' }]);
    const j = toJson(r) as { sweep: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(j.sweep[0]), ['port', 'tls', 'status', 'code', 'ms', 'detail', 'timeouts']);
    assert.deepEqual(j.sweep.map((e) => [e.status, e.code]), [['ok', null], ['timeout', 'greeting-timeout']]);
    const limits = j.sweep[1].timeouts as { kind: string }[];
    assert.ok(limits.length > 0 && limits.every((t) => t.kind === 'step'), JSON.stringify(limits));
  });

  it('a cancelled sweep says cancelled, not a failure of the server', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const r = await sweepOf([{ port: s.implicit, tls: 'implicit' }], ctl.signal);
    assert.deepEqual(r.sweep!.map(statusCode), [['cancelled', 'cancelled']]);
    assert.equal(r.recommended, null);
  });

  it('DNS failures map to dns-failed (a report as the probe writes it: tests resolve no names on the network)', () => {
    const report: ProbeReport = {
      target: { host: 'smtp.example.invalid', port: 587, tls: 'starttls' },
      ok: false,
      ms: 3,
      steps: [{ step: 'dns', status: 'fail', ms: 3, detail: 'smtp.example.invalid: ENOTFOUND getaddrinfo ENOTFOUND smtp.example.invalid' }],
      tls: null,
      auth: { mechanisms: [], result: 'skipped' },
      extensions: [],
      banner: null,
      diagnosis: [{ code: 'dns-failed', severity: 'error', message: 'The host name smtp.example.invalid does not resolve (ENOTFOUND).' }],
      transcript: [],
      timeouts: [],
    };
    assert.deepEqual(statusCode(entryOf(report, { port: 587, tls: 'starttls' }, false)), ['dns-failed', 'dns-failed']);
    // The whole-test limit: the probe reports a protocol error, the sweep a timeout.
    const overall: ProbeReport = {
      ...report,
      steps: [{ step: 'ehlo', status: 'fail', ms: 3, detail: 'whole test over' }],
      diagnosis: [{ code: 'protocol-error', severity: 'error', message: 'The whole test took longer than its limit.' }],
      timeouts: [{ kind: 'total', what: 'whole test', limitMs: 3000 }],
    };
    assert.deepEqual(statusCode(entryOf(overall, { port: 587, tls: 'starttls' }, false)), ['timeout', 'protocol-error']);
  });
});
