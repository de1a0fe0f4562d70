// `mail-config-lint discover ADDRESS|DOMAIN`: find SMTP submission settings (provider table, SRV, MX,
// autoconfig, guesses), probe them without AUTH, rank them, and optionally write the recommended one into a
// configuration file in its own dialect. Exit 0 = a verified (or, with --no-probe, documented) candidate,
// 1 = none, 2 = usage.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover, DiscoverInputError, parseDnsServer, DEFAULT_DISCOVER_STEP_MS, DEFAULT_DISCOVER_TOTAL_MS, type DiscoverReport } from '../discover/index';
import { writeEndpoint } from '../discover/write';
import { argTokens, stepTimeoutMs } from './subcommandArgs';
import { writeAtomic, WriteRefused } from './write';

export const DISCOVER_HELP = `Usage: mail-config-lint discover ADDRESS|DOMAIN [options]

Finds the SMTP submission settings for an e-mail address or domain, in Thunderbird's order: the bundled
provider table, DNS (RFC 6186 SRV records, MX mapped to a provider), the domain's autoconfig file, guesses
(smtp.DOMAIN, mail.DOMAIN); then probes every candidate in parallel (no AUTH, never mail) and ranks them:
verified implicit TLS > verified STARTTLS > 2525; never 25.

Contacted: the DNS resolver, autoconfig.DOMAIN and DOMAIN over HTTPS, and the candidate servers.

Options:
  -f, --format <text|json>        Output format (default: text)
      --dns-server <HOST[:PORT]>  Ask this DNS server (an IP address) instead of the system's
      --no-probe                  List the candidates without connecting to them
      --ca <file>                 Trust this CA certificate (PEM) instead of the system roots
      --timeout <ms>              Per-step limit (default ${DEFAULT_DISCOVER_STEP_MS}); the whole run stops after ${DEFAULT_DISCOVER_TOTAL_MS} ms
                                  or twice this, whichever is more
      --write <file>              Write the recommended settings into the configuration in this file
                                  (.env, compose, Spring YAML, nodemailer JS/TS), in its own syntax
  -h, --help                      Print this help

Exit status: 0 a verified candidate (with --no-probe: a documented one), 1 none, 2 usage error.
`;

export interface DiscoverIO {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  signal?: AbortSignal;
}

class Usage extends Error {}

interface Args {
  input?: string;
  format: 'text' | 'json';
  dnsServer?: string;
  probe: boolean;
  ca?: string;
  timeout?: number;
  write?: string;
  help: boolean;
}

const WITH_VALUE = new Set(['--format', '-f', '--dns-server', '--ca', '--timeout', '--write']);

function parse(argv: string[], cwd: string): Args {
  const a: Args = { format: 'text', probe: true, help: false };
  for (const t of argTokens(argv, WITH_VALUE, (m) => new Usage(m))) {
    if (t.positional !== undefined) {
      if (a.input !== undefined) throw new Usage(`one address or domain only (got "${a.input}" and "${t.positional}")`);
      a.input = t.positional;
      continue;
    }
    const arg = t.option!;
    const value = t.value;
    if (!WITH_VALUE.has(arg) && value !== undefined) throw new Usage(`${arg} takes no value`);
    switch (arg) {
      case '-f':
      case '--format':
        if (value !== 'text' && value !== 'json') throw new Usage(`--format must be text or json, got "${value}"`);
        a.format = value;
        break;
      case '--dns-server':
        try {
          a.dnsServer = parseDnsServer(value!);
        } catch (e) {
          throw new Usage((e as Error).message);
        }
        break;
      case '--no-probe':
        a.probe = false;
        break;
      case '--ca':
        a.ca = path.resolve(cwd, value!);
        break;
      case '--timeout':
        a.timeout = stepTimeoutMs(value, (m) => new Usage(m));
        break;
      case '--write':
        if (!value) throw new Usage('--write needs a file name');
        a.write = path.resolve(cwd, value);
        break;
      case '-h':
      case '--help':
        a.help = true;
        break;
      default:
        throw new Usage(`unknown option ${arg} (see discover --help)`);
    }
  }
  if (!a.help && a.input === undefined) throw new Usage('give an e-mail address or a domain (see discover --help)');
  return a;
}

const MODE: Record<string, string> = { implicit: 'implicit TLS', starttls: 'STARTTLS', none: 'no TLS' };

export function formatDiscoverText(r: DiscoverReport, dnsServer?: string): string {
  const out: string[] = [];
  if (!r.candidates.length) out.push(`No SMTP candidates found for ${r.domain}.`);
  else out.push(`SMTP candidates for ${r.domain}, best first:`);
  for (const c of r.candidates) {
    const status = c.probe.status === 'not-probed' ? 'not probed' : c.probe.status;
    out.push(`  ${c.rank}. ${c.host}:${c.port}  ${MODE[c.tls]}  [${status}]${c.provider ? `  ${c.provider}` : ''}`);
    for (const s of c.sources) out.push(`       from ${s}`);
    if (c.probe.detail) out.push(`       ${c.probe.detail}`);
  }
  out.push('');
  out.push(r.recommended ? `Recommended: ${r.recommended.host}:${r.recommended.port} with ${MODE[r.recommended.tls]} (${r.recommended.reason})` : 'Recommended: none verified.');
  if (r.notes.length) {
    out.push('', 'Notes:');
    for (const n of r.notes) out.push(`  - ${n}`);
  }
  out.push('', `Contacted: DNS server ${dnsServer ?? '(the system resolver)'}${r.contacted.length ? `, ${r.contacted.join(', ')}` : ''}.`);
  return out.join('\n') + '\n';
}

export async function runDiscover(argv: string[], io: DiscoverIO): Promise<number> {
  let a: Args;
  try {
    a = parse(argv, io.cwd);
  } catch (e) {
    io.stderr(`mail-config-lint discover: ${(e as Error).message}\n`);
    return 2;
  }
  if (a.help) {
    io.stdout(DISCOVER_HELP);
    return 0;
  }
  let ca: Buffer | undefined;
  if (a.ca) {
    try {
      ca = fs.readFileSync(a.ca);
    } catch (e) {
      io.stderr(`mail-config-lint discover: cannot read --ca ${a.ca} (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
      return 2;
    }
  }
  let original: Buffer | undefined;
  if (a.write) {
    try {
      original = fs.readFileSync(a.write);
    } catch (e) {
      io.stderr(`mail-config-lint discover: cannot read --write ${a.write} (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
      return 2;
    }
  }
  let report: DiscoverReport;
  try {
    report = await discover(a.input!, {
      dnsServer: a.dnsServer,
      probe: a.probe,
      ca,
      timeoutMs: a.timeout,
      totalMs: a.timeout ? Math.max(DEFAULT_DISCOVER_TOTAL_MS, 2 * a.timeout) : undefined,
      signal: io.signal,
    });
  } catch (e) {
    if (e instanceof DiscoverInputError) {
      io.stderr(`mail-config-lint discover: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  io.stdout(a.format === 'json' ? JSON.stringify(toJson(report), null, 2) + '\n' : formatDiscoverText(report, a.dnsServer));
  if (!report.recommended) return 1;
  if (a.write && original) {
    const r = writeEndpoint(a.write, original.toString('utf8'), report.recommended);
    if (!r.ok) {
      io.stderr(`mail-config-lint discover: ${r.message}; nothing written\n`);
      return 1;
    }
    try {
      if (r.text !== original.toString('utf8')) writeAtomic(a.write, original, r.text);
    } catch (e) {
      io.stderr(`mail-config-lint discover: ${e instanceof WriteRefused ? e.message : `cannot write ${a.write} (${(e as Error).message})`}\n`);
      return 1;
    }
    io.stderr(`Wrote ${report.recommended.host}:${report.recommended.port} (${MODE[report.recommended.tls]}) into ${r.config} in ${path.relative(io.cwd, a.write) || a.write}.\n`);
    for (const n of r.notes) io.stderr(`  note: ${n}\n`);
  }
  return 0;
}

/** The documented JSON shape: { domain, candidates: [{ host, port, tls, sources, probe, rank }], recommended, notes, contacted, deadlineHit }. */
function toJson(r: DiscoverReport) {
  return {
    domain: r.domain,
    candidates: r.candidates.map((c) => ({ host: c.host, port: c.port, tls: c.tls, sources: c.sources, probe: c.probe, rank: c.rank, ...(c.provider ? { provider: c.provider } : {}) })),
    recommended: r.recommended,
    notes: r.notes,
    contacted: r.contacted,
    deadlineHit: r.deadlineHit,
  };
}
