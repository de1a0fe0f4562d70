// Shared by the tests that need the Postfix lab (../shared/tools/mta-lab/start-postfix.sh): the node:test
// probe-lab suite and the editor's "Test SMTP Connection" suite (bundled by test/editor/build.mjs).
import * as net from 'net';

/** Where start-postfix.sh puts the lab (endpoints.json, certs, logs). */
export const LAB = process.env.MTA_LAB_DIR || '/tmp/mta-lab/postfix-lab';

/** Whether something accepts a TCP connection on 127.0.0.1:`port` within a second. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}
