// Discovery end to end against loopback servers: a DNS server (SRV, MX, A), an HTTPS autoconfig server with
// its own CA, and smtp-server stand-ins. Nothing leaves 127.0.0.1.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { discover, domainOf, DiscoverInputError, parseDnsServer } from '../../server/src/discover/index';
import { autoconfigXml, closedPort, startBlackHole, startDns, startHttps, startSmtp, testCert, type DnsServer } from './helpers';
import { MAX_AUTOCONFIG_BYTES, parseAutoconfig } from '../../server/src/discover/autoconfig';

const NAMES = ['smtp.srv.test', 'smtp.hole.test', 'smtp.ac.test', 'smtp.guess.test', 'smtp.mode.test', 'autoconfig.ac.test', 'autoconfig.malformed.test', 'autoconfig.huge.test', 'autoconfig.slow.test', 'autoconfig.redirect.test', 'autoconfig.loop.test', 'autoconfig.notxml.test'];
const LOOP = ['127.0.0.1'];

describe('discover', () => {
  const cert = testCert(NAMES);
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hole: Awaited<ReturnType<typeof startBlackHole>>;
  let web: Awaited<ReturnType<typeof startHttps>>;
  let dns: DnsServer;
  let silent: number;
  const base = () => ({ dnsServer: dns.address, ca: cert.cert, autoconfigPort: web.port });

  before(async () => {
    smtp = await startSmtp(cert);
    hole = await startBlackHole();
    silent = await closedPort();
    web = await startHttps(cert, {
      'autoconfig.ac.test': (_q, res) => res.end(autoconfigXml('smtp.ac.test', smtp.implicit, 'SSL')),
      'autoconfig.malformed.test': (_q, res) => res.end('<clientConfig><emailProvider><outgoingServer type="smtp"><hostname>x'),
      'autoconfig.notxml.test': (_q, res) => res.end('<html><body>Welcome to nginx!</body></html>'),
      'autoconfig.huge.test': (_q, res) => {
        const chunk = Buffer.alloc(64 * 1024, 'a');
        for (let i = 0; i < (2 * MAX_AUTOCONFIG_BYTES) / chunk.length; i++) res.write(chunk);
        res.end();
      },
      // Headers and half a file, then nothing.
      'autoconfig.slow.test': (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.write('<clientConfig version="1.1">');
      },
      'autoconfig.redirect.test': (_q, res) => {
        res.writeHead(302, { location: 'http://autoconfig.redirect.test/mail/config-v1.1.xml' });
        res.end();
      },
      'autoconfig.loop.test': (q, res) => {
        res.writeHead(301, { location: q.url });
        res.end();
      },
    });
    const a = (names: string[]) => Object.fromEntries(names.map((n) => [n, { A: LOOP }]));
    dns = await startDns({
      ...a(NAMES),
      'srv.test': {},
      '_submissions._tcp.srv.test': { SRV: [{ priority: 0, weight: 1, port: smtp.implicit, target: 'smtp.srv.test' }] },
      '_submission._tcp.srv.test': { SRV: [{ priority: 0, weight: 1, port: smtp.starttls, target: 'smtp.srv.test' }] },
      '_submissions._tcp.hole.test': { SRV: [{ priority: 0, weight: 1, port: hole.port, target: 'smtp.hole.test' }] },
      '_submission._tcp.hole.test': { SRV: [{ priority: 0, weight: 1, port: smtp.starttls, target: 'smtp.hole.test' }] },
      '_submissions._tcp.silent.test': { SRV: [{ priority: 0, weight: 1, port: silent, target: 'smtp.srv.test' }] },
      '_submission._tcp.silent.test': { SRV: [{ priority: 0, weight: 1, port: smtp.starttls, target: 'smtp.srv.test' }] },
      // SRV says implicit TLS, the port speaks STARTTLS.
      '_submissions._tcp.mode.test': { SRV: [{ priority: 0, weight: 1, port: smtp.starttls, target: 'smtp.mode.test' }] },
      'mx.test': { MX: [{ preference: 10, exchange: 'aspmx.l.google.com' }, { preference: 20, exchange: 'alt1.aspmx.l.google.com' }] },
      'guess.test': { MX: [{ preference: 10, exchange: 'mx.unknown-host.test' }] },
    });
  });
  after(async () => {
    await Promise.all([smtp.close(), hole.close(), web.close(), dns.close()]);
  });

  it('SRV _submissions and _submission: both verified, implicit TLS recommended (RFC 8314 §5.1), no AUTH sent', async () => {
    const r = await discover('me@srv.test', base());
    assert.equal(r.domain, 'srv.test');
    assert.deepEqual(
      r.candidates.map((c) => [c.host, c.port, c.tls, c.probe.status, c.rank]),
      [
        ['smtp.srv.test', smtp.implicit, 'implicit', 'ok', 1],
        ['smtp.srv.test', smtp.starttls, 'starttls', 'ok', 2],
      ],
    );
    assert.deepEqual(r.candidates[0].sources, ['SRV _submissions._tcp.srv.test']);
    assert.deepEqual(r.candidates[1].sources, ['SRV _submission._tcp.srv.test']);
    assert.match(r.candidates[0].probe.tls!.protocol, /^TLSv1\.[23]$/);
    assert.equal(r.candidates[0].probe.tls!.authorized, true);
    assert.deepEqual(r.candidates[0].probe.authMechanisms, ['PLAIN', 'LOGIN']);
    assert.deepEqual(r.recommended && [r.recommended.host, r.recommended.port, r.recommended.tls], ['smtp.srv.test', smtp.implicit, 'implicit']);
    assert.match(r.recommended!.reason, /RFC 8314 §3\.3/);
    assert.equal(smtp.authAttempts, 0);
    assert.ok(dns.queries.includes('SRV _submissions._tcp.srv.test'));
    assert.ok(r.contacted.includes('smtp.srv.test'));
    assert.equal(r.deadlineHit, false);
  });

  it('a black-holed candidate is stopped by its step limit, reported, and ranked below the working one', async () => {
    const r = await discover('hole.test', { ...base(), timeoutMs: 800 });
    const holed = r.candidates.find((c) => c.port === hole.port)!;
    assert.equal(holed.probe.status, 'timeout');
    assert.equal(r.deadlineHit, true);
    assert.ok(r.notes.some((n) => n.startsWith(`smtp.hole.test:${hole.port}: no `) && n.endsWith(" within 800 ms")), r.notes.join("\n"));
    assert.deepEqual(r.recommended && [r.recommended.port, r.recommended.tls], [smtp.starttls, 'starttls']);
    assert.ok(r.candidates.indexOf(holed) > r.candidates.findIndex((c) => c.port === smtp.starttls));
  });

  it('the whole-run limit stops everything still running and says so', async () => {
    const r = await discover('hole.test', { ...base(), timeoutMs: 60_000, totalMs: 600 });
    assert.equal(r.deadlineHit, true);
    assert.ok(r.notes.some((n) => /600 ms limit for the whole run/.test(n)), r.notes.join('\n'));
    assert.notEqual(r.candidates.find((c) => c.port === hole.port)?.probe.status, 'ok');
  });

  it('a cancelled run ends with a note', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await discover('hole.test', { ...base(), signal: ac.signal });
    assert.ok(r.notes.includes('cancelled'));
    assert.equal(r.recommended, null);
  });

  it('SRV pointing at a port that refuses: ranked below the working one', async () => {
    const r = await discover('silent.test', base());
    assert.deepEqual(
      r.candidates.map((c) => [c.port, c.probe.status]),
      [
        [smtp.starttls, 'ok'],
        [silent, 'fail'],
      ],
    );
    assert.equal(r.candidates[1].probe.code, 'connect-refused');
    assert.equal(r.recommended?.port, smtp.starttls);
  });

  it('a port that speaks the other TLS mode is listed as what it is, with the evidence', async () => {
    const r = await discover('mode.test', base());
    assert.equal(r.candidates[0].tls, 'starttls');
    assert.equal(r.candidates[0].probe.status, 'ok');
    assert.ok(r.candidates[0].sources.some((s) => /speaks STARTTLS, not implicit TLS/.test(s)), r.candidates[0].sources.join('; '));
  });

  it('MX mapped to a provider: candidates from the table, not probed with probe off', async () => {
    const r = await discover('me@mx.test', { ...base(), probe: false });
    assert.deepEqual(
      r.candidates.map((c) => [c.host, c.port, c.tls, c.probe.status, c.provider]),
      [
        ['smtp.gmail.com', 465, 'implicit', 'not-probed', 'Gmail'],
        ['smtp.gmail.com', 587, 'starttls', 'not-probed', 'Gmail'],
      ],
    );
    assert.deepEqual(r.candidates[0].sources, ['MX aspmx.l.google.com → Gmail']);
    assert.deepEqual(r.recommended && [r.recommended.host, r.recommended.port], ['smtp.gmail.com', 465]);
    assert.match(r.recommended!.reason, /not probed/);
    assert.ok(!r.contacted.includes('smtp.gmail.com'));
  });

  it('an address at a known mailbox provider comes from the table', async () => {
    const r = await discover('someone@gmail.com', { ...base(), probe: false });
    assert.deepEqual(r.candidates[0].sources, ['provider table: Gmail']);
    assert.ok(r.notes.some((n) => /app password/.test(n)));
  });

  it('autoconfig over HTTPS (own CA, via the test resolver), parsed for the SMTP server', async () => {
    const r = await discover('ac.test', base());
    assert.deepEqual(
      r.candidates.map((c) => [c.host, c.port, c.tls, c.probe.status]),
      [['smtp.ac.test', smtp.implicit, 'implicit', 'ok']],
    );
    assert.deepEqual(r.candidates[0].sources, ['autoconfig https://autoconfig.ac.test/mail/config-v1.1.xml']);
    assert.ok(web.hits.includes('autoconfig.ac.test/mail/config-v1.1.xml'));
    assert.ok(r.contacted.includes('autoconfig.ac.test') && r.contacted.includes('ac.test'));
  });

  for (const [domain, note] of [
    ['malformed.test', /autoconfig https:\/\/autoconfig\.malformed\.test\/mail\/config-v1\.1\.xml: not well-formed XML/],
    ['notxml.test', /autoconfig https:\/\/autoconfig\.notxml\.test\/mail\/config-v1\.1\.xml: not a clientConfig file/],
    ['huge.test', /answer larger than 256 KB, not an autoconfig file/],
    ['slow.test', /no complete answer within 500 ms/],
    ['redirect.test', /redirected to http:\/\/ \(only HTTPS is followed\)/],
    ['loop.test', /more than 3 redirects/],
  ] as const) {
    it(`autoconfig answer of ${domain}: a clear note, no crash`, async () => {
      const r = await discover(domain, { ...base(), probe: false, timeoutMs: 500 });
      assert.ok(r.notes.some((n) => note.test(n)), r.notes.join('\n'));
      assert.deepEqual(r.candidates, []);
      assert.equal(r.recommended, null);
    });
  }

  it('guesses smtp.<domain> when nothing documents the settings', async () => {
    const r = await discover('guess.test', { ...base(), guessPorts: [{ port: smtp.starttls, tls: 'starttls' }] });
    assert.deepEqual(
      r.candidates.map((c) => [c.host, c.port, c.probe.status, c.sources]),
      [['smtp.guess.test', smtp.starttls, 'ok', ['guess: smtp.guess.test exists']]],
    );
    assert.ok(dns.queries.includes('A mail.guess.test') && dns.queries.includes('A smtp.unknown-host.test'));
  });

  it('reads the domain of an address and refuses anything else', () => {
    assert.equal(domainOf(' Me@Example.COM '), 'example.com');
    assert.equal(domainOf('example.com.'), 'example.com');
    for (const bad of ['', 'me@', '@example.com', 'not a domain', 'example', 'a@b@', '-x.com']) assert.throws(() => domainOf(bad), DiscoverInputError, bad);
  });

  it('parses --dns-server forms', () => {
    assert.equal(parseDnsServer('127.0.0.1'), '127.0.0.1');
    assert.equal(parseDnsServer('127.0.0.1:5353'), '127.0.0.1:5353');
    assert.equal(parseDnsServer('[::1]:53'), '[::1]:53');
    assert.equal(parseDnsServer('::1'), '::1');
    for (const bad of ['dns.example.com', '127.0.0.1:0', '127.0.0.1:99999', '']) assert.throws(() => parseDnsServer(bad), bad);
  });
});

describe('parseAutoconfig', () => {
  it('takes the SMTP servers, maps socketType, fills %EMAILDOMAIN%, skips unusable entries', () => {
    const xml = `<clientConfig version="1.1"><emailProvider id="x">
      <outgoingServer type="smtp"><hostname>smtp.%EMAILDOMAIN%</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>
      <outgoingServer type="smtp"><hostname>smtp.example.com</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer>
      <outgoingServer type="smtp"><hostname>smtp.example.com</hostname><port>25</port><socketType>plain</socketType></outgoingServer>
      <outgoingServer type="smtp"><hostname>%EMAILLOCALPART%.example.com</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer>
      <outgoingServer type="smtp"><hostname>smtp.example.com</hostname><port>99999</port><socketType>SSL</socketType></outgoingServer>
      <outgoingServer type="exchange"><hostname>ews.example.com</hostname><port>443</port><socketType>SSL</socketType></outgoingServer>
    </emailProvider></clientConfig>`;
    assert.deepEqual(parseAutoconfig(xml, 'example.com'), {
      servers: [
        { host: 'smtp.example.com', port: 465, tls: 'implicit' },
        { host: 'smtp.example.com', port: 587, tls: 'starttls' },
        { host: 'smtp.example.com', port: 25, tls: 'none' },
      ],
    });
  });

  it('does not expand entities (a billion-laughs file stays small)', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><clientConfig><emailProvider><outgoingServer type="smtp"><hostname>&b;</hostname><port>465</port><socketType>SSL</socketType></outgoingServer></emailProvider></clientConfig>`;
    assert.deepEqual(parseAutoconfig(xml, 'example.com'), { note: 'no usable <outgoingServer type="smtp"> entry' });
  });
});
