// Test helpers for the probe: the hostile endpoints (spawned, ephemeral ports) and in-process smtp-server
// endpoints with selfsigned certificates. Everything binds 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import * as readline from 'node:readline';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const selfsigned = require('selfsigned') as { generate(attrs: unknown, opts: unknown): { private: string; cert: string } };
// eslint-disable-next-line @typescript-eslint/no-var-requires, @typescript-eslint/no-explicit-any
const forge = require('node-forge') as any;

/** The shared lab beside the checkout (`../shared`, as the README and .ci/run expect), else this machine's copy. */
export const HOSTILE = [resolve(__dirname, '../../../shared/tools/mta-lab/hostile-endpoints.js'), '/work/shared/tools/mta-lab/hostile-endpoints.js'].find(
  (p) => existsSync(p),
) ?? resolve(__dirname, '../../../shared/tools/mta-lab/hostile-endpoints.js');

export interface Hostile {
  /** endpoint name → port */
  ports: Record<string, number>;
  cert: Buffer;
  /** JSON events from --verbose (stderr). */
  events: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Waits until the endpoints' event log (read from the child's stderr) has an event matching `pred`. The
 *  30 s bound only keeps a broken run from hanging; it is not a claim about speed. */
export async function waitForEvent(h: Hostile, pred: (e: Record<string, unknown>) => boolean, what: string): Promise<void> {
  for (let waited = 0; !h.events.some(pred); waited += 20) {
    if (waited > 30_000) assert.fail(`${what}: no such event in ${JSON.stringify(h.events.slice(-5))}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

/** Starts the endpoints. The lab's self-signed certificate has a random 8-byte serial; about one start in 256
 *  draws a leading zero byte, OpenSSL refuses the non-minimal INTEGER ("illegal padding") and the tool stops
 *  before printing its map (with exit code 0). That is the tool's dice, not the probe's behaviour: start again,
 *  a few times, and say what it wrote if it never starts. */
export async function startHostile(hostilePath = process.env.MCL_HOSTILE ?? HOSTILE): Promise<Hostile> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 4; attempt++) {
    try {
      return await startHostileOnce(hostilePath);
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

async function startHostileOnce(hostilePath: string): Promise<Hostile> {
  const dir = mkdtempSync(join(tmpdir(), 'mcl-hostile-'));
  const certFile = join(dir, 'cert.pem');
  const child: ChildProcess = spawn(process.execPath, [hostilePath, '--base-port', '0', '--ttl', '300', '--cert-out', certFile, '--verbose'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Record<string, unknown>[] = [];
  const stderrLines: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (l) => {
    try {
      events.push(JSON.parse(l));
    } catch {
      stderrLines.push(l);
    }
  });
  let first: string;
  try {
    first = await new Promise<string>((res, reject) => {
      const t = setTimeout(() => reject(new Error('hostile endpoints did not start')), 10000);
      readline.createInterface({ input: child.stdout! }).once('line', (l) => {
        clearTimeout(t);
        res(l);
      });
      child.once('exit', (c) => reject(new Error(`hostile endpoints exited ${c} before listing their ports: ${stderrLines.slice(0, 3).join(' | ')}`)));
    });
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const info = JSON.parse(first) as { endpoints: Record<string, { name: string }> };
  const ports: Record<string, number> = {};
  for (const [port, e] of Object.entries(info.endpoints)) ports[e.name] = Number(port);
  return {
    ports,
    cert: readFileSync(certFile),
    events,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface CertPair {
  key: string;
  cert: string;
}

/** A self-signed certificate (RSA key from node:crypto: fast; selfsigned signs it). */
export function makeCert(opts: { cn?: string; altNames?: { type: number; value?: string; ip?: string }[]; expired?: boolean } = {}): CertPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const extensions = [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
    { name: 'subjectAltName', altNames: opts.altNames ?? [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
  ];
  if (opts.expired) {
    // selfsigned verifies what it generates (and an expired certificate fails that): use node-forge, its engine, directly.
    const cert = forge.pki.createCertificate();
    cert.serialNumber = '0a1b2c3d';
    cert.validity.notBefore = new Date(Date.now() - 10 * 86400e3);
    cert.validity.notAfter = new Date(Date.now() - 2 * 86400e3);
    const attrs = [{ name: 'commonName', value: opts.cn ?? 'localhost' }];
    cert.setSubject(attrs);
    cert.setIssuer(attrs);
    cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
    cert.setExtensions(extensions);
    cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
    return { key: privateKey, cert: forge.pki.certificateToPem(cert) };
  }
  const pems = selfsigned.generate([{ name: 'commonName', value: opts.cn ?? 'localhost' }], {
    keyPair: { publicKey, privateKey },
    algorithm: 'sha256',
    days: 30,
    extensions,
  });
  return { key: pems.private, cert: pems.cert };
}

export interface Servers {
  /** implicit TLS */
  implicit: number;
  /** STARTTLS required for AUTH (smtp-server advertises AUTH before TLS but refuses it) */
  starttls: number;
  /** implicit TLS with an expired certificate */
  expired: number;
  cert: string;
  expiredCert: string;
  /** AUTH attempts seen by the servers (user names only). */
  authAttempts: { port: number; user: string; secure: boolean }[];
  close(): Promise<void>;
}

export async function startServers(user = 'probe-user', pass = 'Pr0be-Secret-Value-42'): Promise<Servers> {
  const good = makeCert();
  const old = makeCert({ expired: true });
  const authAttempts: Servers['authAttempts'] = [];
  const base = (port: () => number): SMTPServerOptions => ({
    name: 'standin.localhost',
    logger: false,
    disableReverseLookup: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, session, cb) {
      authAttempts.push({ port: port(), user: auth.username ?? '', secure: !!session.secure });
      if (auth.username === user && auth.password === pass) cb(null, { user });
      else cb(Object.assign(new Error('5.7.8 Error: authentication failed'), { responseCode: 535 }));
    },
  });
  const servers: SMTPServer[] = [];
  const listen = async (o: SMTPServerOptions): Promise<number> => {
    // Teardown must not wait smtp-server's 30 s grace period for a connection a cancelled probe left open.
    const s = new SMTPServer({ closeTimeout: 1000, ...o });
    s.on('error', () => {});
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    servers.push(s);
    return (s.server.address() as { port: number }).port;
  };
  let pImplicit = 0;
  let pStarttls = 0;
  let pExpired = 0;
  pImplicit = await listen({ ...base(() => pImplicit), secure: true, key: good.key, cert: good.cert });
  pStarttls = await listen({ ...base(() => pStarttls), secure: false, key: good.key, cert: good.cert });
  pExpired = await listen({ ...base(() => pExpired), secure: true, key: old.key, cert: old.cert });
  return {
    implicit: pImplicit,
    starttls: pStarttls,
    expired: pExpired,
    cert: good.cert,
    expiredCert: old.cert,
    authAttempts,
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => {}),
  };
}

/** Collects unhandled rejections during a test file. */
export function trackUnhandled(): { list: unknown[]; dispose(): void } {
  const list: unknown[] = [];
  const f = (e: unknown) => list.push(e);
  process.on('unhandledRejection', f);
  return { list, dispose: () => process.off('unhandledRejection', f) };
}
