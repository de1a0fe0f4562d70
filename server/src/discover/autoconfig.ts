// Thunderbird autoconfig files (clientConfig 1.1): fetched over HTTPS only from the domain's own hosts
// (autoconfig.<domain>, <domain>/.well-known/autoconfig/) and, when the user enables it, from the ISPDB.
// Parsed with fast-xml-parser; only the <outgoingServer type="smtp"> entries matter here.
// Format: https://wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ProbeTls } from '../probe/types';

/** Larger answers are not autoconfig files (real ones are 1–5 KB). */
export const MAX_AUTOCONFIG_BYTES = 256 * 1024;
const MAX_REDIRECTS = 3;

export interface OutgoingServer {
  host: string;
  port: number;
  tls: ProbeTls;
}

export type FetchResult = { ok: true; body: string; url: string } | { ok: false; note: string };

export interface FetchOptions {
  timeoutMs: number;
  signal: AbortSignal;
  ca?: string | Buffer;
  lookup?: LookupFunction;
  /** Connect to this port instead of the URL's (tests). */
  port?: number;
  /** Called with each host contacted. */
  contacted?: (host: string) => void;
}

/** GET an HTTPS URL: certificate verified, at most MAX_AUTOCONFIG_BYTES, HTTPS redirects only (≤ 3), one time limit for all of it. */
export function fetchAutoconfig(url: string, opts: FetchOptions): Promise<FetchResult> {
  return new Promise((resolve) => {
    let settled = false;
    let req: ReturnType<typeof https.request> | undefined;
    const finish = (r: FetchResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      req?.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, note: `${url}: no complete answer within ${opts.timeoutMs} ms` }), opts.timeoutMs);
    const onAbort = () => finish({ ok: false, note: `${url}: stopped at the time limit` });
    if (opts.signal.aborted) return onAbort();
    opts.signal.addEventListener('abort', onAbort, { once: true });

    const get = (target: string, hops: number) => {
      let u: URL;
      try {
        u = new URL(target);
      } catch {
        return finish({ ok: false, note: `${url}: redirected to an invalid URL` });
      }
      if (u.protocol !== 'https:') return finish({ ok: false, note: `${url}: redirected to ${u.protocol}// (only HTTPS is followed)` });
      opts.contacted?.(u.hostname);
      req = https.request(
        {
          host: u.hostname,
          servername: u.hostname,
          port: opts.port ?? (u.port || 443),
          path: u.pathname + u.search,
          method: 'GET',
          ca: opts.ca,
          lookup: opts.lookup,
          headers: { accept: 'application/xml, text/xml', 'user-agent': 'mail-config-lint' },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400 && res.headers.location) {
            res.resume();
            if (hops >= MAX_REDIRECTS) return finish({ ok: false, note: `${url}: more than ${MAX_REDIRECTS} redirects` });
            return get(new URL(res.headers.location, u).toString(), hops + 1);
          }
          if (status !== 200) {
            res.resume();
            return finish({ ok: false, note: `${url}: HTTP ${status}` });
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_AUTOCONFIG_BYTES) return finish({ ok: false, note: `${url}: answer larger than ${MAX_AUTOCONFIG_BYTES / 1024} KB, not an autoconfig file` });
            chunks.push(c);
          });
          res.on('end', () => finish({ ok: true, body: Buffer.concat(chunks).toString('utf8'), url: u.toString() }));
          res.on('error', (e) => finish({ ok: false, note: `${url}: ${e.message}` }));
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, note: `${url}: ${httpsErrorWords(e)}` }));
      req.end();
    };
    get(url, 0);
  });
}

function httpsErrorWords(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOTFOUND':
    case 'ENODATA':
      return 'no such host';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    default:
      return e.code && /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS/.test(e.code) ? `certificate not trusted (${e.code})` : e.message;
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  // Entities are not needed in these files; not expanding them keeps a hostile file small.
  processEntities: false,
  isArray: (name) => name === 'emailProvider' || name === 'outgoingServer',
});

const SOCKET: Record<string, ProbeTls> = { ssl: 'implicit', tls: 'implicit', starttls: 'starttls', plain: 'none' };

/** The SMTP servers of a clientConfig file, in file order; or a note saying why there are none. */
export function parseAutoconfig(xml: string, domain: string): { servers: OutgoingServer[] } | { note: string } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { note: `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})` };
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    return { note: `not readable as XML (${(e as Error).message})` };
  }
  const cc = doc.clientConfig as { emailProvider?: Record<string, unknown>[] } | undefined;
  if (!cc || typeof cc !== 'object') return { note: 'not a clientConfig file' };
  const servers: OutgoingServer[] = [];
  for (const ep of cc.emailProvider ?? []) {
    for (const os of (ep?.outgoingServer as Record<string, unknown>[] | undefined) ?? []) {
      if (!os || typeof os !== 'object' || String(os['@_type'] ?? '').toLowerCase() !== 'smtp') continue;
      const host = String(os.hostname ?? '').trim().replace(/%EMAILDOMAIN%/g, domain).toLowerCase();
      const port = Number(String(os.port ?? '').trim());
      const tls = SOCKET[String(os.socketType ?? '').trim().toLowerCase()];
      if (!/^[a-z0-9.-]+$/.test(host) || !Number.isInteger(port) || port < 1 || port > 65535 || !tls) continue;
      servers.push({ host, port, tls });
    }
  }
  if (!servers.length) return { note: 'no usable <outgoingServer type="smtp"> entry' };
  return { servers };
}
