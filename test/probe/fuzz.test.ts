// Property test: whatever a server answers (valid SMTP lines, garbage, huge lines, TLS-looking bytes,
// silence, early close), the probe settles with a verdict within its whole-test limit, never throws, never
// sends AUTH in cleartext, and keeps every transcript line short.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import fc from 'fast-check';
import { runProbe } from '../../server/src/probe/index';

const PASS = 'Fuzz-Secret-Value-1234';

/** One reply per client line (the first one is the greeting); then close or go silent. */
interface Script {
  replies: string[];
  end: 'close' | 'silent';
}

let current: Script = { replies: [], end: 'close' };
let cleartextAuth = 0;
const server = net.createServer((sock) => {
  const script = current;
  let i = 0;
  sock.on('error', () => {});
  const next = () => {
    if (i < script.replies.length) sock.write(script.replies[i++]);
    else if (script.end === 'close') sock.end();
  };
  next();
  let buf = '';
  sock.on('data', (d) => {
    buf += d.toString('latin1');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (/^AUTH/i.test(line) || line.includes(Buffer.from(PASS).toString('base64'))) cleartextAuth++;
      next();
    }
  });
});
let port = 0;

before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as net.AddressInfo).port;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const line = fc.oneof(
  fc.constantFrom('220 fuzz ESMTP\r\n', '250-fuzz\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n', '250 fuzz\r\n', '220 go ahead\r\n', '235 ok\r\n', '334 VXNlcm5hbWU6\r\n', '421 bye\r\n', '554 no\r\n', '221 bye\r\n', '250-partial\r\n'),
  fc.string({ maxLength: 40 }).map((s) => `${s}\r\n`),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constant('\x16\x03\x01\x00\x05hello'),
  fc.integer({ min: 4000, max: 9000 }).map((n) => `250 ${'x'.repeat(n)}\r\n`),
);

describe('probe against arbitrary server behaviour', () => {
  it('always settles with a verdict, bounded, and never sends AUTH in cleartext', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ replies: fc.array(line, { maxLength: 6 }), end: fc.constantFrom<'close' | 'silent'>('close', 'silent') }),
        fc.constantFrom<'starttls' | 'none' | 'implicit'>('starttls', 'none', 'implicit'),
        async (script, tls) => {
          current = script;
          const r = await runProbe({ host: '127.0.0.1', port, tls, user: 'u', password: PASS }, { timeoutMs: 150, totalTimeoutMs: 600 });
          // bounded by its own limits: only the configured ones ran out, the whole-test one at most once
          for (const x of r.timeouts) assert.ok(x.kind === 'total' ? x.limitMs === 600 : x.limitMs <= 150, JSON.stringify(x));
          assert.ok(r.timeouts.filter((x) => x.kind === 'total').length <= 1);
          assert.equal(typeof r.ok, 'boolean');
          if (!r.ok) assert.ok(r.diagnosis.length > 0 || r.steps.some((s) => s.status === 'fail'), 'a failure comes with a reason');
          for (const l of r.transcript) assert.ok(l.text.length < 400, `transcript line of ${l.text.length} chars`);
          assert.ok(!JSON.stringify(r).includes(PASS));
        },
      ),
      { numRuns: 60 },
    );
    assert.equal(cleartextAuth, 0, 'AUTH sent without TLS');
  });
});
