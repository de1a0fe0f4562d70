// Discovery ("Find SMTP Settings"), in Thunderbird's order: the bundled provider table (no network), DNS
// (RFC 6186 SRV records, MX mapped to a provider), the domain's autoconfig file (and the ISPDB only when
// enabled), guesses (smtp.<domain>, mail.<domain>, smtp.<MX parent>), then parallel probes of every distinct
// candidate with the probe's sweep (no AUTH, never mail) and a ranking: verified implicit TLS > verified
// STARTTLS (required) > 2525 > never 25 for authenticated submission (RFC 8314 §3.3, §5.1).
// One time limit covers the whole run; each DNS query, HTTPS request and probe step has its own limit.
import * as net from 'node:net';
import type { LookupFunction } from 'node:net';
import { runSweep } from '../probe/sweep';
import type { ProbeTls, SweepEntry } from '../probe/types';
import { providerForDomain, providerForMx, anyProviderOf, type ProviderFacts } from '../semantics/providers';
import { fetchAutoconfig, parseAutoconfig } from './autoconfig';
import { DiscoveryDns, dnsErrorWords } from './dns';
import type { Candidate, CandidateProbe, DiscoverOptions, DiscoverReport } from './types';

export type * from './types';
export { parseDnsServer } from './dns';

export const DEFAULT_DISCOVER_TOTAL_MS = 5000;
export const DEFAULT_DISCOVER_STEP_MS = 3000;
export const DEFAULT_ISPDB_URL = 'https://autoconfig.thunderbird.net/v1.1/';
const GUESS_PORTS: { port: number; tls: ProbeTls }[] = [
  { port: 465, tls: 'implicit' },
  { port: 587, tls: 'starttls' },
  { port: 2525, tls: 'starttls' },
];

export class DiscoverInputError extends Error {}

/** "Me@Example.com" or "example.com" → "example.com"; throws DiscoverInputError for anything else. */
export function domainOf(input: string): string {
  const s = input.trim();
  const at = s.lastIndexOf('@');
  const d = (at >= 0 ? s.slice(at + 1) : s).toLowerCase().replace(/\.$/, '');
  if (at === 0 || !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/.test(d)) {
    throw new DiscoverInputError(`"${input}" is not an e-mail address or a domain name`);
  }
  return d;
}

interface Draft {
  host: string;
  port: number;
  tls: ProbeTls;
  sources: string[];
  /** Came only from a guess (not documented by the provider, DNS or autoconfig). */
  guessed: boolean;
  provider?: string;
  probe: CandidateProbe;
}

class Collector {
  readonly drafts: Draft[] = [];
  add(host: string, port: number, tls: ProbeTls, source: string, guessed = false, provider?: ProviderFacts): void {
    const h = host.toLowerCase().replace(/\.$/, '');
    const prev = this.drafts.find((d) => d.host === h && d.port === port && d.tls === tls);
    const prov = provider ?? anyProviderOf(h);
    if (prev) {
      if (!prev.sources.includes(source)) prev.sources.push(source);
      prev.guessed &&= guessed;
      return;
    }
    this.drafts.push({ host: h, port, tls, sources: [source], guessed, provider: prov?.name, probe: { status: 'not-probed' } });
  }
  addProvider(p: ProviderFacts, source: string): void {
    for (const e of p.submission ?? []) this.add(e.host, e.port, e.tls, source, false, p);
  }
}

/** Finds and ranks SMTP submission settings for an address or domain. Never throws for network trouble (it is in
 *  the notes); throws DiscoverInputError for input that is not an address or domain. */
export async function discover(input: string, opts: DiscoverOptions = {}): Promise<DiscoverReport> {
  const domain = domainOf(input);
  const totalMs = opts.totalMs ?? DEFAULT_DISCOVER_TOTAL_MS;
  const stepMs = opts.timeoutMs ?? DEFAULT_DISCOVER_STEP_MS;
  const started = Date.now();
  const remaining = () => Math.max(0, started + totalMs - Date.now());
  const stop = new AbortController();
  const totalTimer = setTimeout(() => stop.abort(), totalMs);
  const onOuterAbort = () => stop.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (opts.signal?.aborted) stop.abort();

  const notes: string[] = [];
  const contacted = new Set<string>();
  let deadlineHit = false;
  const progress = (m: string) => opts.onProgress?.(m);
  const found = new Collector();
  // DNS and autoconfig share the first part of the budget; the probes get what is left.
  const lookupMs = Math.max(1, Math.min(stepMs, Math.floor(totalMs / 2)));
  const dns = new DiscoveryDns({ server: opts.dnsServer, timeoutMs: lookupMs, signal: stop.signal });
  const lookup: LookupFunction | undefined = dns.custom
    ? (hostname, options, cb) => {
        dns.address(hostname).then(
          (a) => ((options as { all?: boolean }).all ? (cb as (e: null, a: { address: string; family: number }[]) => void)(null, [a]) : cb(null, a.address, a.family)),
          (e: NodeJS.ErrnoException) => cb(e, '', 4),
        );
      }
    : undefined;

  try {
    // 1. The bundled table: no network.
    const byDomain = providerForDomain(domain);
    if (byDomain) found.addProvider(byDomain, `provider table: ${byDomain.name}`);
    if (byDomain?.note) notes.push(`${byDomain.name}: ${byDomain.note}`);

    // 2 + 3. DNS and autoconfig, in parallel.
    progress(`Looking up DNS records and autoconfig for ${domain}…`);
    let mxParent: string | undefined;
    const dnsStep = async () => {
      const [subs, sub, mx] = await Promise.allSettled([dns.srv(`_submissions._tcp.${domain}`), dns.srv(`_submission._tcp.${domain}`), dns.mx(domain)]);
      // RFC 8314 §5.1: when both are published, implicit TLS (_submissions) is preferred.
      for (const [r, name, tls] of [
        [subs, '_submissions._tcp', 'implicit'],
        [sub, '_submission._tcp', 'starttls'],
      ] as const) {
        if (r.status === 'fulfilled') for (const s of r.value) found.add(s.name, s.port, tls, `SRV ${name}.${domain}`);
        else if (!['ENODATA', 'ENOTFOUND'].includes((r.reason as NodeJS.ErrnoException)?.code ?? '')) notes.push(`SRV ${name}.${domain}: ${dnsErrorWords(r.reason)}`);
        if (r.status === 'rejected' && (r.reason as NodeJS.ErrnoException)?.code === 'ECANCELLED') deadlineHit = true;
      }
      if (mx.status === 'fulfilled' && mx.value.length) {
        const first = mx.value[0].exchange;
        const p = mx.value.map((m) => providerForMx(m.exchange)).find(Boolean);
        if (p) {
          found.addProvider(p, `MX ${mx.value.find((m) => providerForMx(m.exchange))!.exchange} → ${p.name}`);
          if (p.note && p !== byDomain) notes.push(`${p.name}: ${p.note}`);
        } else {
          const parent = first.split('.').slice(1).join('.');
          if (parent.includes('.') && parent !== domain) mxParent = parent;
        }
      } else if (mx.status === 'rejected' && !['ENODATA', 'ENOTFOUND'].includes((mx.reason as NodeJS.ErrnoException)?.code ?? '')) {
        notes.push(`MX ${domain}: ${dnsErrorWords(mx.reason)}`);
      }
    };
    const autoconfigStep = async () => {
      const urls = [`https://autoconfig.${domain}/mail/config-v1.1.xml`, `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`];
      if (opts.useIspdb) urls.push(`${opts.ispdbUrl ?? DEFAULT_ISPDB_URL}${domain}`);
      await Promise.all(
        urls.map(async (url, i) => {
          const isIspdb = i === 2;
          const r = await fetchAutoconfig(url, {
            timeoutMs: lookupMs,
            signal: stop.signal,
            ca: opts.ca,
            lookup,
            port: isIspdb ? undefined : opts.autoconfigPort,
            contacted: (h) => contacted.add(h),
          });
          if (!r.ok) {
            // A missing autoconfig host is the common case, not worth a note.
            if (!/: no such host$/.test(r.note)) notes.push(`autoconfig ${r.note}`);
            if (/time limit|within/.test(r.note)) deadlineHit = true;
            return;
          }
          const parsed = parseAutoconfig(r.body, domain);
          if ('note' in parsed) return void notes.push(`autoconfig ${url}: ${parsed.note}`);
          for (const s of parsed.servers) found.add(s.host, s.port, s.tls, isIspdb ? `ISPDB ${url}` : `autoconfig ${url}`);
        }),
      );
    };
    await Promise.all([dnsStep(), autoconfigStep()]);

    // 4. Guesses, only when nothing documented the settings.
    if (!found.drafts.length && !stop.signal.aborted) {
      const hosts = [`smtp.${domain}`, `mail.${domain}`, ...(mxParent ? [`smtp.${mxParent}`] : [])];
      const resolved = await Promise.all(hosts.map((h) => dns.address(h).then(() => true, () => false)));
      hosts.forEach((h, i) => {
        if (!resolved[i]) return;
        const why = h.endsWith(`.${domain}`) ? `guess: ${h} exists` : `guess: ${h} (parent of the MX host) exists`;
        for (const gp of opts.guessPorts ?? GUESS_PORTS) found.add(h, gp.port, gp.tls, why, true);
      });
      if (!resolved.some(Boolean)) notes.push(`none of ${hosts.join(', ')} resolves`);
    }

    // 5. Probes.
    if (opts.probe !== false && found.drafts.length) {
      progress(`Probing ${found.drafts.length} candidate${found.drafts.length === 1 ? '' : 's'}…`);
      const hit = await probeAll(found.drafts, { dns, ca: opts.ca, stepMs, remaining, signal: stop.signal, notes, contacted });
      deadlineHit ||= hit;
    }
  } finally {
    clearTimeout(totalTimer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (stop.signal.aborted && !opts.signal?.aborted) {
    deadlineHit = true;
    notes.push(`stopped at the ${totalMs} ms limit for the whole run; unfinished steps are marked`);
  } else if (opts.signal?.aborted) notes.push('cancelled');

  const candidates = rank(found.drafts);
  return { domain, candidates, recommended: recommend(candidates, opts.probe !== false), notes, contacted: [...contacted], deadlineHit };
}

async function probeAll(
  drafts: Draft[],
  ctx: { dns: DiscoveryDns; ca?: string | Buffer; stepMs: number; remaining: () => number; signal: AbortSignal; notes: string[]; contacted: Set<string> },
): Promise<boolean> {
  let hit = false;
  const byHost = new Map<string, Draft[]>();
  for (const d of drafts) byHost.set(d.host, [...(byHost.get(d.host) ?? []), d]);
  await Promise.all(
    [...byHost].map(async ([host, list]) => {
      // With a custom DNS server the names must be resolved there; the probe then connects to the address and
      // checks the certificate against the name.
      let address = host;
      if (ctx.dns.custom && !net.isIP(host)) {
        try {
          address = (await ctx.dns.address(host)).address;
        } catch (e) {
          for (const d of list) d.probe = { status: 'fail', code: 'dns-failed', detail: `${host}: ${dnsErrorWords(e)}` };
          return;
        }
      }
      const left = ctx.remaining();
      if (left <= 0 || ctx.signal.aborted) {
        hit = true;
        for (const d of list) d.probe = { status: 'timeout', code: 'cancelled', detail: 'not probed: the time limit was reached first' };
        return;
      }
      ctx.contacted.add(host);
      const { entries } = await runSweep(
        { host: address, servername: net.isIP(host) ? undefined : host, ca: ctx.ca },
        list.map((d) => ({ port: d.port, tls: d.tls })),
        // The run's own time limit cancels the probes (signal): one clock, one verdict ('cancelled').
        { timeoutMs: Math.max(1, Math.min(ctx.stepMs, left)), signal: ctx.signal },
      );
      entries.forEach((e, i) => {
        const d = list[i];
        d.probe = probeOf(e);
        if (d.probe.status === 'timeout') {
          hit = true;
          ctx.notes.push(`${host}:${d.port}: ${timeoutWords(e)}`);
        }
        // The port speaks the other TLS mode: the candidate is what the server really does.
        if (e.tls !== d.tls) {
          d.sources.push(`probe: port ${d.port} speaks ${e.tls === 'implicit' ? 'implicit TLS' : 'STARTTLS'}, not ${d.tls === 'implicit' ? 'implicit TLS' : 'STARTTLS'}`);
          d.tls = e.tls;
        }
      });
    }),
  );
  return hit;
}

function probeOf(e: SweepEntry): CandidateProbe {
  // The sweep's status: ok | refused | timeout | tls-error | dns-failed | auth-failed | protocol-error | cancelled.
  // Answering without TLS or with an unverified certificate is 'warn'; a time limit (a step's or the run's) is 'timeout'.
  const status: CandidateProbe['status'] =
    e.status === 'ok' ? 'ok' : e.status === 'timeout' || e.status === 'cancelled' ? 'timeout' : e.status === 'tls-error' && e.code !== 'port-expects-implicit-tls' && e.code !== 'port-expects-starttls' ? 'warn' : 'fail';
  return {
    status,
    ...(e.code ? { code: e.code } : {}),
    ...(e.protocol ? { tls: { protocol: e.protocol, authorized: !!e.authorized } } : {}),
    detail: `probe: ${e.detail}`,
    ...(e.authMechanisms?.length ? { authMechanisms: e.authMechanisms } : {}),
  };
}

/** "no greeting within 800 ms" from the probe's list of expired limits. */
function timeoutWords(e: SweepEntry): string {
  const t = e.timeouts?.[0];
  if (!t) return e.detail;
  return t.kind === 'total' ? `stopped at the whole-test limit (${t.limitMs} ms)` : `no ${t.what} within ${t.limitMs} ms`;
}

const STATUS_ORDER: Record<CandidateProbe['status'], number> = { ok: 0, warn: 1, 'not-probed': 2, timeout: 3, fail: 4 };

function modeOrder(d: { port: number; tls: ProbeTls }): number {
  if (d.port === 25) return 9; // never for authenticated submission
  if (d.tls === 'none') return 8;
  if (d.tls === 'implicit') return 0;
  return d.port === 2525 ? 2 : 1;
}

/** Sorted best first: verified before unverified before failed; implicit TLS > STARTTLS > 2525 > plaintext > 25;
 *  documented (table, SRV, autoconfig) before guessed; then the order found. */
function rank(drafts: Draft[]): Candidate[] {
  // Merge candidates that became equal once the probe corrected a TLS mode.
  const merged: Draft[] = [];
  for (const d of drafts) {
    const same = merged.find((m) => m.host === d.host && m.port === d.port && m.tls === d.tls);
    if (!same) merged.push(d);
    else {
      for (const s of d.sources) if (!same.sources.includes(s)) same.sources.push(s);
      same.guessed &&= d.guessed;
      if (STATUS_ORDER[d.probe.status] < STATUS_ORDER[same.probe.status]) same.probe = d.probe;
    }
  }
  return merged
    .map((d, i) => ({ d, i }))
    .sort((a, b) => STATUS_ORDER[a.d.probe.status] - STATUS_ORDER[b.d.probe.status] || modeOrder(a.d) - modeOrder(b.d) || Number(a.d.guessed) - Number(b.d.guessed) || a.i - b.i)
    .map(({ d }, i) => ({
      host: d.host,
      port: d.port,
      tls: d.tls,
      sources: d.sources,
      probe: d.probe,
      rank: i + 1,
      ...(d.provider ? { provider: d.provider } : {}),
    }));
}

function recommend(candidates: Candidate[], probed: boolean): DiscoverReport['recommended'] {
  const usable = (c: Candidate) => c.port !== 25 && c.tls !== 'none';
  if (probed) {
    const best = candidates.find((c) => c.probe.status === 'ok' && usable(c));
    if (!best) return null;
    const mode = best.tls === 'implicit' ? 'implicit TLS, the preferred mode for submission (RFC 8314 §3.3)' : 'STARTTLS (set it to required: implicit TLS did not verify here)';
    return { host: best.host, port: best.port, tls: best.tls, reason: `verified: ${best.host}:${best.port} works with ${mode}; ${best.probe.detail?.replace(/^probe: /, '')}` };
  }
  const best = candidates.find((c) => usable(c) && c.sources.some((s) => !s.startsWith('guess')));
  if (!best) return null;
  return { host: best.host, port: best.port, tls: best.tls, reason: `documented by ${best.sources[0]} (not probed)` };
}
