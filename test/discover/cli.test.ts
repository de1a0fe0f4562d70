// `mail-config-lint discover`: JSON shape, exit codes, --no-probe, --dns-server, --ca, --write.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/run';
import { startDns, startSmtp, testCert, type DnsServer } from './helpers';

async function cli(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, env: {}, isTTY: false, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

describe('mail-config-lint discover', () => {
  const cert = testCert(['smtp.cli.test']);
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let dns: DnsServer;
  let dir: string;
  let caFile: string;

  before(async () => {
    smtp = await startSmtp(cert);
    dns = await startDns({
      'smtp.cli.test': { A: ['127.0.0.1'] },
      'cli.test': {},
      '_submissions._tcp.cli.test': { SRV: [{ priority: 0, weight: 1, port: smtp.implicit, target: 'smtp.cli.test' }] },
      'mx.test': { MX: [{ preference: 10, exchange: 'example-test.mail.protection.outlook.com' }] },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-discover-'));
    caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, cert.cert);
  });
  after(async () => {
    await Promise.all([smtp.close(), dns.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--format json: the documented shape, exit 0 with a verified candidate', async () => {
    const r = await cli(['discover', 'me@cli.test', '--format', 'json', '--dns-server', dns.address, '--ca', caFile], dir);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.domain, 'cli.test');
    assert.deepEqual(Object.keys(j.candidates[0]).sort(), ['host', 'port', 'probe', 'rank', 'sources', 'tls']);
    assert.deepEqual({ ...j.candidates[0], probe: { ...j.candidates[0].probe, detail: undefined, tls: { ...j.candidates[0].probe.tls, protocol: 'x' } } }, {
      host: 'smtp.cli.test',
      port: smtp.implicit,
      tls: 'implicit',
      sources: ['SRV _submissions._tcp.cli.test'],
      probe: { status: 'ok', tls: { protocol: 'x', authorized: true }, detail: undefined, authMechanisms: ['PLAIN', 'LOGIN'] },
      rank: 1,
    });
    assert.deepEqual([j.recommended.host, j.recommended.port, j.recommended.tls], ['smtp.cli.test', smtp.implicit, 'implicit']);
    assert.equal(smtp.authAttempts, 0);
  });

  it('text output names the evidence, the recommendation and who was contacted', async () => {
    const r = await cli(['discover', 'cli.test', '--dns-server', dns.address, '--ca', caFile], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`1\\. smtp\\.cli\\.test:${smtp.implicit}  implicit TLS  \\[ok\\]`));
    assert.match(r.stdout, /from SRV _submissions\._tcp\.cli\.test/);
    assert.match(r.stdout, /Recommended: smtp\.cli\.test:\d+ with implicit TLS/);
    assert.match(r.stdout, new RegExp(`Contacted: DNS server ${dns.address.replace(/\./g, '\\.')}, .*smtp\\.cli\\.test`));
  });

  it('--no-probe: an MX at a known provider gives its documented settings, nothing is probed', async () => {
    const r = await cli(['discover', 'mx.test', '--no-probe', '--format', 'json', '--dns-server', dns.address], dir);
    assert.equal(r.code, 0);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(
      j.candidates.map((c: { host: string; port: number; tls: string; probe: { status: string }; sources: string[] }) => [c.host, c.port, c.tls, c.probe.status, c.sources]),
      [['smtp.office365.com', 587, 'starttls', 'not-probed', ['MX example-test.mail.protection.outlook.com → Microsoft 365']]],
    );
    assert.ok(!j.contacted.includes('smtp.office365.com'));
  });

  it('exit 1 when nothing is found; the CA is not trusted without --ca', async () => {
    const none = await cli(['discover', 'nothing.test', '--dns-server', dns.address], dir);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /No SMTP candidates found for nothing\.test/);
    const untrusted = await cli(['discover', 'cli.test', '--format', 'json', '--dns-server', dns.address], dir);
    assert.equal(untrusted.code, 1);
    assert.notEqual(JSON.parse(untrusted.stdout).candidates[0].probe.status, 'ok');
  });

  it('exit 2 for usage mistakes', async () => {
    for (const argv of [['discover'], ['discover', 'not an address'], ['discover', 'a.test', '--dns-server', 'dns.example'], ['discover', 'a.test', '--format', 'sarif'], ['discover', 'a.test', '--timeout', '5'], ['discover', 'a.test', '--bogus'], ['discover', 'a.test', 'b.test'], ['discover', 'a.test', '--write', path.join(dir, 'missing.env')]]) {
      const r = await cli(argv, dir);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /^mail-config-lint discover: /);
    }
    const help = await cli(['discover', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Contacted: the DNS resolver/);
  });

  it('--write puts the recommended settings into the file, in its dialect', async () => {
    const env = path.join(dir, '.env');
    fs.writeFileSync(env, 'SMTP_HOST=mail.old.example\nSMTP_PORT=25\nSMTP_SECURE=false\nSMTP_USER=me@cli.test\n');
    const r = await cli(['discover', 'me@cli.test', '--dns-server', dns.address, '--ca', caFile, '--write', '.env'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(env, 'utf8'), `SMTP_HOST=smtp.cli.test\nSMTP_PORT=${smtp.implicit}\nSMTP_SECURE=true\nSMTP_USER=me@cli.test\n`);
    assert.match(r.stderr, new RegExp(`Wrote smtp\\.cli\\.test:${smtp.implicit} \\(implicit TLS\\) into .* in \\.env`));
  });
});
