// Pure parts of the probe: EHLO parsing, redaction, printable bytes, sweep port syntax, report formats.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeScrubber, parseEhlo } from '../../server/src/probe/probe';
import { printable } from '../../server/src/probe/wire';
import { parseSweepPorts } from '../../server/src/probe/sweep';
import { formatText, toJson } from '../../server/src/probe/format';
import type { ProbeReport } from '../../server/src/probe/types';

const reply = (lines: string[]) => ({ code: 250, lines, raw: lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}`) });

describe('parseEhlo', () => {
  it('reads keywords line by line, with AUTH mechanisms', () => {
    const e = parseEhlo(reply(['mx.example.com Hello', 'PIPELINING', 'SIZE 10240000', 'STARTTLS', 'AUTH PLAIN LOGIN', 'AUTH=LOGIN', '8BITMIME']));
    assert.equal(e.starttls, true);
    assert.equal(e.auth, true);
    assert.deepEqual(e.authMechanisms, ['PLAIN', 'LOGIN']);
    assert.deepEqual(e.keywords, ['PIPELINING', 'SIZE 10240000', 'STARTTLS', 'AUTH PLAIN LOGIN', 'AUTH LOGIN', '8BITMIME']);
  });

  it('does not take STARTTLS from the server name on the first line (nodemailer regex pitfall)', () => {
    const e = parseEhlo(reply(['no-starttls.hostile.invalid greets you', 'AUTH PLAIN']));
    assert.equal(e.starttls, false);
    assert.deepEqual(e.authMechanisms, ['PLAIN']);
  });

  it('ignores a keyword inside parameters and lower-case variants count', () => {
    const e = parseEhlo(reply(['x', 'X-NOTE supports STARTTLS soon', 'starttls']));
    assert.equal(e.starttls, true);
    assert.deepEqual(e.keywords, ['X-NOTE supports STARTTLS soon', 'STARTTLS']);
  });
});

describe('redaction', () => {
  it('removes the password and its base64 forms from any text', () => {
    const pw = '9c1e7a52d4b08f36ae21c5d7';
    const scrub = makeScrubber([pw, Buffer.from(pw).toString('base64'), Buffer.from(`\0u\0${pw}`).toString('base64')]);
    const s = scrub(`AUTH PLAIN ${Buffer.from(`\0u\0${pw}`).toString('base64')} and ${pw} and ${Buffer.from(pw).toString('base64')}`);
    assert.ok(!s.includes(pw));
    assert.ok(!s.includes(Buffer.from(pw).toString('base64')));
    assert.match(s, /AUTH PLAIN \*\*\* and \*\*\* and \*\*\*/);
  });

  it('leaves text alone without secrets', () => {
    assert.equal(makeScrubber([undefined, ''])('hello'), 'hello');
  });
});

describe('printable', () => {
  it('escapes control and binary bytes and caps the length', () => {
    assert.equal(printable('220 ok\x00\x1b[31m'), '220 ok\\x00\\x1b[31m');
    const long = printable('A'.repeat(10000), 50);
    assert.ok(long.length < 80);
    assert.match(long, /\(10000 chars\)/);
  });
});

describe('parseSweepPorts', () => {
  it('defaults 465 to implicit and others to STARTTLS; accepts explicit modes', () => {
    assert.deepEqual(parseSweepPorts('465,587, 2525,25'), [
      { port: 465, tls: 'implicit' },
      { port: 587, tls: 'starttls' },
      { port: 2525, tls: 'starttls' },
      { port: 25, tls: 'starttls' },
    ]);
    assert.deepEqual(parseSweepPorts('2465:implicit,2526:none'), [
      { port: 2465, tls: 'implicit' },
      { port: 2526, tls: 'none' },
    ]);
  });
  it('rejects bad input', () => {
    assert.throws(() => parseSweepPorts('abc'));
    assert.throws(() => parseSweepPorts('70000'));
    assert.throws(() => parseSweepPorts('587:ssl'));
    assert.throws(() => parseSweepPorts(''));
  });
});

describe('report formats', () => {
  const r: ProbeReport = {
    target: { host: 'smtp.example.com', port: 587, tls: 'starttls' },
    ok: false,
    ms: 12,
    steps: [
      { step: 'dns', status: 'ok', ms: 1, detail: 'smtp.example.com → 192.0.2.1' },
      { step: 'connect', status: 'ok', ms: 2, detail: '192.0.2.1:587' },
      { step: 'auth', status: 'fail', ms: 3, detail: 'PLAIN as u: 535 5.7.8 no' },
    ],
    tls: null,
    auth: { mechanisms: ['PLAIN'], result: 'failed' },
    timeouts: [],
    extensions: ['AUTH PLAIN'],
    banner: '220 hi',
    diagnosis: [{ code: 'auth-failed', severity: 'error', message: 'The server rejected the login', fix: { title: 't', intent: { kind: 'require-tls' }, textEdits: [{ file: '/x/.env', start: 5, end: 8, newText: 'true' }] } }],
    transcript: [{ dir: '->', text: 'EHLO x', at: 1 }],
  };
  it('json has the documented shape', () => {
    const j = toJson(r, () => ({ line: 2, column: 3 })) as Record<string, any>;
    assert.deepEqual(Object.keys(j.target), ['host', 'port', 'tls']);
    assert.equal(j.ok, false);
    assert.deepEqual(j.steps[0], { step: 'dns', status: 'ok', ms: 1, detail: 'smtp.example.com → 192.0.2.1' });
    assert.equal(j.tls, null);
    assert.deepEqual(j.auth, { mechanisms: ['PLAIN'], result: 'failed' });
    assert.equal(j.diagnosis[0].code, 'auth-failed');
    assert.deepEqual(j.diagnosis[0].fix.edits[0], { file: '/x/.env', offset: 5, length: 3, range: { start: { line: 2, column: 3 }, end: { line: 2, column: 3 } }, newText: 'true' });
    assert.equal('sweep' in j, false);
  });
  it('text lists steps, transcript, diagnosis and the verdict', () => {
    const t = formatText(r, { where: () => ({ line: 4, column: 1 }) });
    assert.match(t, /Testing smtp\.example\.com:587 \(STARTTLS\)/);
    assert.match(t, /FAIL AUTH/);
    assert.match(t, /-> EHLO x/);
    assert.match(t, /auth-failed: The server rejected the login/);
    assert.match(t, /fix: t \(\/x\/\.env:4\)/);
    assert.match(t, /^PROBLEM/m);
  });
});
