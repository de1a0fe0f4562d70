// Test servers for discovery, all on 127.0.0.1 with ephemeral ports: a DNS server (dns-packet over dgram)
// serving SRV/MX/A records from a zone map, an HTTPS server answering autoconfig requests per Host header,
// smtp-server stand-ins whose certificate names the test hosts, and a black hole (accepts, never speaks).
import * as dgram from 'node:dgram';
import * as https from 'node:https';
import * as net from 'node:net';
import * as dnsPacket from 'dns-packet';
import { SMTPServer } from 'smtp-server';
import { makeCert, type CertPair } from '../probe/helpers';

export interface Zone {
  [name: string]: {
    A?: string[];
    MX?: { preference: number; exchange: string }[];
    SRV?: { priority: number; weight: number; port: number; target: string }[];
  };
}

export interface DnsServer {
  /** "127.0.0.1:PORT" for --dns-server / dnsServer. */
  address: string;
  /** Names asked, in order ("SRV _submissions._tcp.example.test"). */
  queries: string[];
  close(): Promise<void>;
}

/** Answers from `zone`; unknown names get NXDOMAIN, known names without the type an empty NOERROR answer. */
export async function startDns(zone: Zone): Promise<DnsServer> {
  const sock = dgram.createSocket('udp4');
  const queries: string[] = [];
  sock.on('message', (msg, rinfo) => {
    let q: dnsPacket.DecodedPacket;
    try {
      q = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const question = q.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    queries.push(`${question.type} ${name}`);
    const rec = zone[name];
    const answers: dnsPacket.Answer[] = [];
    if (rec && question.type === 'A') for (const a of rec.A ?? []) answers.push({ type: 'A', name: question.name, ttl: 60, data: a });
    if (rec && question.type === 'MX') for (const m of rec.MX ?? []) answers.push({ type: 'MX', name: question.name, ttl: 60, data: m });
    if (rec && question.type === 'SRV') for (const s of rec.SRV ?? []) answers.push({ type: 'SRV', name: question.name, ttl: 60, data: s });
    const out = dnsPacket.encode({
      type: 'response',
      id: q.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (rec ? 0 : 3), // rcode 3 = NXDOMAIN
      questions: q.questions,
      answers,
    });
    sock.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  return {
    address: `127.0.0.1:${sock.address().port}`,
    queries,
    close: () => new Promise<void>((r) => sock.close(() => r())),
  };
}

/** One certificate (its own CA) for every test host name. */
export function testCert(names: string[]): CertPair {
  return makeCert({ cn: names[0], altNames: [...names.map((value) => ({ type: 2, value })), { type: 7, ip: '127.0.0.1' }] });
}

export type Handler = (req: { url: string; host: string }, res: import('node:http').ServerResponse) => void;

export async function startHttps(cert: CertPair, handlers: Record<string, Handler>): Promise<{ port: number; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    hits.push(`${host}${req.url}`);
    const h = handlers[host];
    if (!h) {
      res.statusCode = 404;
      return void res.end();
    }
    h({ url: req.url ?? '/', host }, res);
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** smtp-server stand-ins: implicit TLS and STARTTLS, AUTH offered (no account: nothing may log in). */
export async function startSmtp(cert: CertPair): Promise<{ implicit: number; starttls: number; authAttempts: number; close(): Promise<void> }> {
  const servers: SMTPServer[] = [];
  const state = { authAttempts: 0 };
  const listen = async (secure: boolean) => {
    const s = new SMTPServer({
      closeTimeout: 1000, // teardown must not wait the 30 s grace period for a probe's half-open connection
      name: 'standin.example.test',
      logger: false,
      secure,
      key: cert.key,
      cert: cert.cert,
      disableReverseLookup: true,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(_a, _s, cb) {
        state.authAttempts++;
        cb(new Error('no'));
      },
      onData(stream, _s, cb) {
        stream.resume();
        cb(new Error('this stand-in accepts no mail'));
      },
    });
    s.on('error', () => {});
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    servers.push(s);
    return (s.server.address() as net.AddressInfo).port;
  };
  const implicit = await listen(true);
  const starttls = await listen(false);
  return {
    implicit,
    starttls,
    get authAttempts() {
      return state.authAttempts;
    },
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => {}),
  };
}

/** Accepts TCP connections and never says anything (a black-holed or firewalled-after-accept port). */
export async function startBlackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on (bound then closed). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export const autoconfigXml = (host: string, port: number, socketType: string) => `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example">
    <domain>%EMAILDOMAIN%</domain>
    <incomingServer type="imap"><hostname>imap.example.test</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
    <outgoingServer type="smtp">
      <hostname>${host}</hostname>
      <port>${port}</port>
      <socketType>${socketType}</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </outgoingServer>
  </emailProvider>
</clientConfig>
`;
