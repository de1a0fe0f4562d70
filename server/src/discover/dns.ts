// DNS for discovery: one resolver (the system's, or --dns-server HOST[:PORT]) with a per-query timeout,
// used for the RFC 6186 SRV records, the MX records and the A/AAAA records of every candidate host.
import { promises as dnsp } from 'node:dns';
import * as net from 'node:net';

export interface Srv {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

/** "127.0.0.1", "127.0.0.1:5353", "[::1]:53", "::1" → the form Resolver#setServers takes; throws on nonsense. */
export function parseDnsServer(spec: string): string {
  const s = spec.trim();
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(s);
  if (v6 && net.isIPv6(v6[1])) return v6[2] ? `[${v6[1]}]:${checkPort(v6[2], spec)}` : v6[1];
  if (net.isIPv6(s)) return s;
  const v4 = /^([^:]+)(?::(\d{1,5}))?$/.exec(s);
  if (v4 && net.isIPv4(v4[1])) return v4[2] ? `${v4[1]}:${checkPort(v4[2], spec)}` : v4[1];
  throw new Error(`bad DNS server "${spec}" (use an IP address, optionally with :PORT)`);
}

function checkPort(p: string, spec: string): number {
  const n = Number(p);
  if (n < 1 || n > 65535) throw new Error(`bad DNS server port in "${spec}"`);
  return n;
}

export class DiscoveryDns {
  private readonly resolver: dnsp.Resolver;
  /** Whether names must be resolved here (a custom server) rather than by the system (/etc/hosts, nsswitch). */
  readonly custom: boolean;

  constructor(opts: { server?: string; timeoutMs: number; signal: AbortSignal }) {
    this.resolver = new dnsp.Resolver({ timeout: opts.timeoutMs, tries: 1 });
    this.custom = !!opts.server;
    if (opts.server) this.resolver.setServers([parseDnsServer(opts.server)]);
    opts.signal.addEventListener('abort', () => this.resolver.cancel(), { once: true });
  }

  /** SRV records, best first (RFC 2782: lowest priority, then highest weight); "." target = service not offered. */
  async srv(name: string): Promise<Srv[]> {
    const recs = await this.resolver.resolveSrv(name);
    return recs
      .filter((r) => r.name && r.name !== '.')
      .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
      .map((r) => ({ name: r.name.replace(/\.$/, '').toLowerCase(), port: r.port, priority: r.priority, weight: r.weight }));
  }

  async mx(domain: string): Promise<{ exchange: string; priority: number }[]> {
    const recs = await this.resolver.resolveMx(domain);
    return recs
      .filter((r) => r.exchange && r.exchange !== '.')
      .sort((a, b) => a.priority - b.priority)
      .map((r) => ({ exchange: r.exchange.replace(/\.$/, '').toLowerCase(), priority: r.priority }));
  }

  /** The first address of `host` (A, then AAAA); an IP literal as it is. */
  async address(host: string): Promise<{ address: string; family: 4 | 6 }> {
    if (net.isIP(host)) return { address: host, family: net.isIPv6(host) ? 6 : 4 };
    const v4 = await this.resolver.resolve4(host).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENODATA' || e.code === 'ENOTFOUND') return [] as string[];
      throw e;
    });
    if (v4.length) return { address: v4[0], family: 4 };
    const v6 = await this.resolver.resolve6(host);
    if (!v6.length) throw Object.assign(new Error(`${host} has no address`), { code: 'ENODATA' });
    return { address: v6[0], family: 6 };
  }
}

/** A DNS error in words: "no such name", "no records", "timed out". */
export function dnsErrorWords(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOTFOUND':
      return 'no such name';
    case 'ENODATA':
      return 'no records';
    case 'ETIMEOUT':
      return 'timed out';
    case 'ECANCELLED':
      return 'cancelled (time limit)';
    case 'ECONNREFUSED':
      return 'the DNS server refused the query';
    case 'ESERVFAIL':
      return 'the DNS server failed (SERVFAIL)';
    default:
      return code ?? (e as Error)?.message ?? String(e);
  }
}
