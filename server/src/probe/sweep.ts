// Port sweep: probe the usual submission ports in parallel and recommend the best one that works.
// RFC 8314 §3: implicit TLS (465) is preferred for submission, then STARTTLS with TLS required (587);
// 2525 is a common alternative submission port; 25 is for relay between servers (and often blocked).
import { runProbe } from './probe';
import type { DiagnosisCode, ProbeOptions, ProbeReport, ProbeTarget, ProbeTls, SweepEntry, SweepStatus } from './types';

export interface SweepPort {
  port: number;
  tls: ProbeTls;
}

export const DEFAULT_SWEEP: SweepPort[] = [
  { port: 465, tls: 'implicit' },
  { port: 587, tls: 'starttls' },
  { port: 2525, tls: 'starttls' },
  { port: 25, tls: 'starttls' },
];

/** "465,587,2525,25" or "2465:implicit,2587:starttls": port 465 defaults to implicit TLS, others to STARTTLS. */
export function parseSweepPorts(spec: string): SweepPort[] {
  const out: SweepPort[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d{1,5})(?::(implicit|starttls|none))?$/.exec(part);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) throw new Error(`bad sweep port "${part}" (use PORT or PORT:implicit|starttls|none)`);
    const port = Number(m[1]);
    out.push({ port, tls: (m[2] as ProbeTls | undefined) ?? (port === 465 ? 'implicit' : 'starttls') });
  }
  if (!out.length) throw new Error('no sweep ports given');
  return out;
}

/**
 * The sweep status of each diagnosis a failed probe can end with (a new DiagnosisCode must be classified
 * here: the Record makes the compiler ask). A port speaking the other TLS mode, a missing STARTTLS, TLS not
 * used, only legacy TLS versions and certificate problems are all `tls-error`.
 */
const STATUS_OF: Record<Exclude<DiagnosisCode, 'better-port-available'>, SweepStatus> = {
  'connect-refused': 'refused',
  'connect-timeout': 'timeout',
  'greeting-timeout': 'timeout',
  'dns-failed': 'dns-failed',
  'port-expects-implicit-tls': 'tls-error',
  'port-expects-starttls': 'tls-error',
  'starttls-not-offered': 'tls-error',
  'tls-not-used': 'tls-error',
  'tls-version-legacy': 'tls-error',
  'cert-expired': 'tls-error',
  'cert-hostname-mismatch': 'tls-error',
  'cert-untrusted': 'tls-error',
  'auth-failed': 'auth-failed',
  'auth-not-offered': 'auth-failed',
  'auth-over-plaintext-refused': 'auth-failed',
  'protocol-error': 'protocol-error',
  cancelled: 'cancelled',
};

/** One port's probe report → its sweep entry (status + code for programs, detail for people). Exported for tests. */
export function entryOf(r: ProbeReport, p: SweepPort, wantAuth: boolean): SweepEntry {
  const tlsOk = !!r.tls?.authorized;
  const authOffered = r.extensions.some((k) => /^AUTH\b/.test(k));
  const entry = (status: SweepStatus, code: DiagnosisCode | null, detail: string): SweepEntry => ({
    port: p.port,
    tls: p.tls,
    status,
    code,
    ms: r.ms,
    detail,
    authorized: tlsOk,
    authMechanisms: r.auth.mechanisms,
    protocol: r.tls?.protocol ?? undefined,
  });
  const cancelled = r.diagnosis.find((d) => d.code === 'cancelled');
  if (cancelled) return entry('cancelled', 'cancelled', cancelled.message);
  const problem = r.diagnosis.find((d) => d.severity === 'error' && d.code !== 'better-port-available');
  const failedStep = r.steps.find((s) => s.status === 'fail');
  if (problem || failedStep) {
    // A failed step always comes with an error diagnosis; a bare one is a broken exchange.
    const code = problem?.code ?? 'protocol-error';
    // The whole-test limit ran out: reported as a protocol error (the server kept talking), but it is a timeout.
    const overall = code === 'protocol-error' && r.timeouts.some((t) => t.kind === 'total');
    const status = overall ? 'timeout' : STATUS_OF[code as keyof typeof STATUS_OF];
    return entry(status, code, problem?.message ?? failedStep?.detail ?? 'failed');
  }
  if (!r.tls) return entry('tls-error', 'tls-not-used', 'works, but without TLS');
  if (wantAuth && !authOffered) return entry('auth-failed', 'auth-not-offered', `TLS works (${r.tls.protocol}) but no AUTH is offered`);
  const how = `${p.tls === 'implicit' ? 'implicit TLS' : 'STARTTLS'} ${r.tls.protocol}, certificate verified`;
  return entry('ok', null, `${how}${authOffered ? `, AUTH ${r.auth.mechanisms.join(' ') || 'offered'}` : ''}`);
}

/** Probes every port in parallel (no AUTH is sent) and ranks them. Bounded by the per-step timeout of each probe. */
export async function runSweep(
  base: Pick<ProbeTarget, 'host' | 'servername' | 'ca' | 'user'>,
  ports: SweepPort[],
  opts: ProbeOptions = {},
): Promise<{ entries: SweepEntry[]; recommended: { port: number; tls: ProbeTls; reason: string } | null }> {
  const wantAuth = !!base.user;
  const entries = await Promise.all(
    ports.map(async (p): Promise<SweepEntry> => {
      const o: ProbeOptions = { ...opts, noAuth: true, onEvent: undefined };
      const probe = (tls: ProbeTls) => runProbe({ host: base.host, port: p.port, tls, servername: base.servername, ca: base.ca, user: base.user }, o);
      const t0 = Date.now();
      let r = await probe(p.tls);
      const timeouts = [...r.timeouts];
      let mode = p;
      // The port speaks the other mode: note what it really is (already checked on a fresh connection).
      const other = r.diagnosis.find((d) => d.code === 'port-expects-implicit-tls' || d.code === 'port-expects-starttls');
      if (other) {
        mode = { port: p.port, tls: other.code === 'port-expects-implicit-tls' ? 'implicit' : 'starttls' };
        r = await probe(mode.tls);
        timeouts.push(...r.timeouts);
      }
      const e = entryOf(r, mode, wantAuth);
      e.ms = Date.now() - t0;
      e.timeouts = timeouts;
      return e;
    }),
  );
  const rank = (e: SweepEntry) => (e.port === 25 ? 2 : e.tls === 'implicit' ? 0 : 1);
  const best = entries
    .map((e, i) => ({ e, i }))
    .filter((x) => x.e.status === 'ok')
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)[0]?.e;
  const recommended = best
    ? {
        port: best.port,
        tls: best.tls,
        reason:
          best.tls === 'implicit'
            ? `port ${best.port} works with implicit TLS, the preferred mode for submission (RFC 8314 §3.3)`
            : best.port === 25
              ? `only port 25 works (relay port; often blocked by ISPs and clouds)`
              : `port ${best.port} works with STARTTLS (require it: RFC 8314 §3.3 prefers implicit TLS, which did not work here)`,
      }
    : null;
  return { entries, recommended };
}
