// Discovery against the real Postfix lab (../shared/tools/mta-lab/start-postfix.sh): the SRV records of a test
// domain (served by a DNS server on 127.0.0.1) point at the lab's implicit-TLS (2465) and required-STARTTLS (2587)
// ports, and at a black hole. Not running → skipped with a message, unless MCL_REQUIRE_LAB=1 (CI): then it fails.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover } from '../../server/src/discover/index';
import { LAB, portOpen } from '../labHelpers';
import { startBlackHole, startDns, type DnsServer } from '../discover/helpers';

const REQUIRE = process.env.MCL_REQUIRE_LAB === '1';

describe('discover against the Postfix lab', () => {
  let ca: Buffer | undefined;
  let why = '';
  let dns: DnsServer | undefined;
  let hole: Awaited<ReturnType<typeof startBlackHole>> | undefined;

  before(async () => {
    try {
      const ep = JSON.parse(fs.readFileSync(path.join(LAB, 'endpoints.json'), 'utf8'));
      if (!(await portOpen(2465)) || !(await portOpen(2587))) throw new Error('ports 2465/2587 are not listening');
      ca = fs.readFileSync(ep.certs.selfSigned);
    } catch (e) {
      why = `the Postfix lab is not running (${(e as Error).message}); start it with: bash /work/shared/tools/mta-lab/start-postfix.sh`;
      if (!REQUIRE) console.log(`# SKIP discover-lab: ${why}`);
      return;
    }
    hole = await startBlackHole();
    const srv = (port: number) => ({ SRV: [{ priority: 0, weight: 1, port, target: 'localhost' }] });
    dns = await startDns({
      localhost: { A: ['127.0.0.1'] },
      '_submissions._tcp.lab.test': srv(2465),
      '_submission._tcp.lab.test': srv(2587),
      '_submissions._tcp.silent.test': srv(hole.port),
      '_submission._tcp.silent.test': srv(2587),
    });
  });
  after(async () => {
    await Promise.all([dns?.close(), hole?.close()]);
  });

  const labIt = (name: string, fn: () => Promise<void>) =>
    it(name, async (t) => {
      if (!ca) {
        if (REQUIRE) assert.fail(`MCL_REQUIRE_LAB=1 but ${why}`);
        return void t.skip(why);
      }
      await fn();
    });

  labIt('SRV says implicit TLS and the lab serves it: recommended, STARTTLS second', async () => {
    const r = await discover('me@lab.test', { dnsServer: dns!.address, ca });
    assert.deepEqual(
      r.candidates.map((c) => [c.host, c.port, c.tls, c.probe.status]),
      [
        ['localhost', 2465, 'implicit', 'ok'],
        ['localhost', 2587, 'starttls', 'ok'],
      ],
    );
    assert.deepEqual(r.recommended && [r.recommended.port, r.recommended.tls], [2465, 'implicit']);
    assert.ok(r.candidates[0].probe.authMechanisms?.includes('PLAIN'));
  });

  labIt('SRV at a silent port: ranked below the working one, the limit reported', async () => {
    const r = await discover('silent.test', { dnsServer: dns!.address, ca, timeoutMs: 1000 });
    assert.deepEqual(
      r.candidates.map((c) => [c.port, c.probe.status]),
      [
        [2587, 'ok'],
        [hole!.port, 'timeout'],
      ],
    );
    assert.equal(r.deadlineHit, true);
    assert.equal(r.recommended?.port, 2587);
  });
});
