// The probe's public entry: one connection test, optionally with a port sweep, with fixes for the file
// the configuration came from. Used by the CLI (cli/testConnection.ts) and the language server
// (lsp/testConnection.ts).
import type { SmtpConfig } from '../model/types';
import { runProbe } from './probe';
import { DEFAULT_SWEEP, runSweep, type SweepPort } from './sweep';
import { attachFixes } from './target';
import type { ProbeOptions, ProbeReport, ProbeTarget } from './types';

export { runProbe, DEFAULT_TIMEOUT_MS, parseEhlo } from './probe';
export { DEFAULT_SWEEP, parseSweepPorts, runSweep } from './sweep';
export { targetFromConfig, configAt, attachFixes, tlsOfConfig } from './target';
export { formatText, toJson, stepLine } from './format';
export type * from './types';

export interface TestOptions extends ProbeOptions {
  /** Also probe these ports in parallel and recommend the best (RFC 8314 order). */
  sweep?: SweepPort[] | boolean;
  /** The configuration and its file text: diagnoses get edits for it. */
  config?: { cfg: SmtpConfig; text: string };
}

/** Probes `target` (and sweeps, if asked); never throws, never sends mail. */
export async function testConnection(target: ProbeTarget, opts: TestOptions = {}): Promise<ProbeReport> {
  const sweepPorts = opts.sweep === true ? DEFAULT_SWEEP : opts.sweep || undefined;
  const [report, sweep] = await Promise.all([
    runProbe(target, opts),
    sweepPorts ? runSweep(target, sweepPorts, { timeoutMs: opts.timeoutMs, signal: opts.signal, ehloName: opts.ehloName }) : undefined,
  ]);
  if (sweep) {
    report.sweep = sweep.entries;
    report.recommended = sweep.recommended;
    const rec = sweep.recommended;
    const same = rec && rec.port === target.port && rec.tls === target.tls;
    const modeAlreadySaid = rec && rec.port === target.port && report.diagnosis.some((d) => d.code === 'port-expects-implicit-tls' || d.code === 'port-expects-starttls');
    if (rec && !same && !modeAlreadySaid && !report.diagnosis.some((d) => d.code === 'cancelled')) {
      const modeWord = rec.tls === 'implicit' ? 'implicit TLS' : 'STARTTLS (required)';
      const samePort = rec.port === target.port;
      report.diagnosis.push({
        code: 'better-port-available',
        severity: report.ok ? 'info' : 'warning',
        message: `${report.ok ? 'Works as configured, but' : 'Instead:'} ${rec.reason}. Use port ${rec.port} with ${modeWord}.`,
        fix: samePort
          ? { title: `Use ${modeWord} on port ${rec.port}`, intent: { kind: 'tls-mode', mode: rec.tls === 'implicit' ? 'implicit' : 'starttls-required' } }
          : { title: `Use port ${rec.port} with ${modeWord}`, intent: { kind: 'port', port: rec.port } },
      });
    }
  }
  if (opts.config) attachFixes(report, opts.config.cfg, opts.config.text);
  return report;
}
