// Renders a probe report: readable text (steps, swaks-style transcript, diagnosis) and the JSON shape
// of `mail-config-lint test-connection --format json`. Reports are already scrubbed of the password.
import type { ProbeReport, ProbeStep } from './types';

const MARK: Record<ProbeStep['status'], string> = { ok: 'ok  ', fail: 'FAIL', warn: 'warn', skip: 'skip' };
const STEP_LABEL: Record<ProbeStep['step'], string> = {
  dns: 'DNS',
  connect: 'TCP connect',
  banner: 'banner',
  ehlo: 'EHLO',
  starttls: 'STARTTLS',
  tls: 'TLS handshake',
  'ehlo-tls': 'EHLO (TLS)',
  auth: 'AUTH',
  quit: 'QUIT',
  'mode-check': 'mode check',
};

export function stepLine(s: ProbeStep): string {
  return `${MARK[s.status]} ${STEP_LABEL[s.step].padEnd(13)} ${String(s.ms).padStart(5)} ms  ${s.detail}`;
}

const modeName = (t: string) => (t === 'implicit' ? 'implicit TLS' : t === 'starttls' ? 'STARTTLS' : 'no TLS');

export interface Pos {
  line: number; // 1-based
  column: number; // 1-based
}

/** Text report. `where(file, offset)` turns fix offsets into positions (optional). */
export function formatText(
  r: ProbeReport,
  opts: { transcript?: boolean; where?: (file: string, offset: number) => Pos | undefined; fileName?: (file: string) => string } = {},
): string {
  const out: string[] = [];
  const t = r.target;
  out.push(`Testing ${t.host}:${t.port} (${modeName(t.tls)}${t.servername ? `, servername ${t.servername}` : ''}${t.user ? `, user ${t.user}` : ''})`);
  for (const s of r.steps) out.push(`  ${stepLine(s)}`);
  if (r.tls) {
    out.push(
      `  TLS: ${r.tls.protocol ?? '?'} ${r.tls.cipher ?? '?'}; certificate ${r.tls.subject ?? '?'}, issuer ${r.tls.issuer ?? '?'}, valid to ${r.tls.validTo ?? '?'}` +
        `${r.tls.altNames.length ? `, SAN ${r.tls.altNames.join(' ')}` : ''}; ${r.tls.authorized ? 'verified' : `NOT verified (${r.tls.authorizationError})`}`,
    );
  }
  if (r.auth.mechanisms.length || r.auth.result !== 'skipped') out.push(`  AUTH: ${r.auth.result}${r.auth.mechanisms.length ? ` (offered: ${r.auth.mechanisms.join(' ')})` : ''}`);
  if (opts.transcript !== false && r.transcript.length) {
    out.push('', 'Transcript:');
    for (const l of r.transcript) out.push(`  ${l.dir} ${l.text}`);
  }
  if (r.sweep?.length) {
    out.push('', 'Port sweep:');
    for (const e of r.sweep) {
      const why = e.status === 'ok' ? '' : `${e.status}${e.code && e.code !== e.status ? ` (${e.code})` : ''}: `;
      out.push(`  ${e.status === 'ok' ? MARK.ok : MARK.fail} ${String(e.port).padEnd(5)} ${modeName(e.tls).padEnd(12)} ${String(e.ms).padStart(5)} ms  ${why}${e.detail}`);
    }
    out.push(r.recommended ? `  recommended: port ${r.recommended.port} with ${modeName(r.recommended.tls)} (${r.recommended.reason})` : '  no port works with verified TLS');
  }
  if (r.diagnosis.length) {
    out.push('', 'Diagnosis:');
    for (const d of r.diagnosis) {
      out.push(`  ${d.severity.padEnd(7)} ${d.code}: ${d.message}`);
      if (d.fix) {
        const e = d.fix.textEdits?.[0];
        const p = e && opts.where?.(e.file, e.start);
        out.push(`          fix: ${d.fix.title}${e ? ` (${opts.fileName?.(e.file) ?? e.file}${p ? `:${p.line}` : ''}${d.fix.textEdits!.length > 1 ? `, ${d.fix.textEdits!.length} edits` : ''})` : ''}`);
      }
    }
  }
  out.push('', r.ok ? `OK: ${t.host}:${t.port} works as configured (${r.ms} ms).` : `PROBLEM: see the diagnosis above (${r.ms} ms).`);
  return out.join('\n') + '\n';
}

/** The `--format json` object. */
export function toJson(r: ProbeReport, where?: (file: string, offset: number) => Pos | undefined): Record<string, unknown> {
  return {
    target: { host: r.target.host, port: r.target.port, tls: r.target.tls, ...(r.target.servername ? { servername: r.target.servername } : {}), ...(r.target.user ? { user: r.target.user } : {}) },
    ok: r.ok,
    ms: r.ms,
    steps: r.steps.map((s) => ({ step: s.step, status: s.status, ms: s.ms, detail: s.detail })),
    tls: r.tls
      ? {
          protocol: r.tls.protocol,
          cipher: r.tls.cipher,
          authorized: r.tls.authorized,
          authorizationError: r.tls.authorizationError,
          subject: r.tls.subject,
          issuer: r.tls.issuer,
          validTo: r.tls.validTo,
          altNames: r.tls.altNames,
        }
      : null,
    auth: { mechanisms: r.auth.mechanisms, result: r.auth.result },
    banner: r.banner,
    extensions: r.extensions,
    diagnosis: r.diagnosis.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.fix
        ? {
            fix: {
              title: d.fix.title,
              edits: (d.fix.textEdits ?? []).map((e) => {
                const s = where?.(e.file, e.start);
                const en = where?.(e.file, e.end);
                return { file: e.file, offset: e.start, length: e.end - e.start, ...(s && en ? { range: { start: s, end: en } } : {}), newText: e.newText };
              }),
            },
          }
        : {}),
    })),
    timeouts: r.timeouts,
    ...(r.sweep
      ? { sweep: r.sweep.map((e) => ({ port: e.port, tls: e.tls, status: e.status, code: e.code, ms: e.ms, detail: e.detail, timeouts: e.timeouts ?? [] })), recommended: r.recommended ?? null }
      : {}),
    transcript: r.transcript.map((l) => `${l.dir} ${l.text}`),
  };
}
