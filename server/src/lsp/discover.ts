// "Find SMTP Settings" over LSP (any client can use it; the VS Code side is client/src/findSettings.ts).
//
// Requests, notification and their shapes: protocol.ts. DISCOVER runs server/src/discover/ with the editor's
// settings (mailConfigLint.discovery.*) and is cancellable with $/cancelRequest (the lookups and probes stop).
// DISCOVER_EDIT writes the chosen endpoint into the live text of the document through writeEndpoint (the fix
// expressers), or appends a complete configuration when the file has none; the client applies the edit.
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import { discover, DiscoverInputError, parseDnsServer, type Candidate, type DiscoverOptions } from '../discover/index';
import { prefillFor } from '../discover/prefill';
import { insertEndpoint, writeEndpoint } from '../discover/write';
import type { SmtpConfig } from '../model/types';
import { configAt, targetFromConfig } from '../probe/index';
import type { EngineContext, GetEngineContext } from './context';
import { minimalEdit } from './convert';
import {
  DISCOVER,
  DISCOVER_EDIT,
  DISCOVER_PREFILL,
  DISCOVER_PROGRESS,
  type DiscoverCandidate,
  type DiscoverEditParams,
  type DiscoverEditResult,
  type DiscoverParams,
  type DiscoverPrefillParams,
  type DiscoverPrefillResult,
  type DiscoverProgress,
  type DiscoverResult,
} from './protocol';
import { DEFAULT_SETTINGS, normalizeSettings } from './settings';

function configsOf(ctx: EngineContext): SmtpConfig[] {
  return (ctx.result.read?.configs ?? []).filter((c) => c.file === ctx.file);
}

/** The configuration a request means: by id, else the one at (or nearest before) the position. */
function pickConfig(ctx: EngineContext, configId?: string, position?: { line: number; character: number }): SmtpConfig | undefined {
  const configs = configsOf(ctx);
  if (configId) return configs.find((c) => c.id === configId);
  return configAt(configs, position ? ctx.index.offset(position) : undefined);
}

const MODE: Record<string, string> = { implicit: 'implicit TLS', starttls: 'STARTTLS (required)', none: 'no TLS' };

/** "SRV record", "MX → Microsoft 365", "autoconfig", "provider table: Gmail", "guess: smtp.example.com exists". */
function sourceWords(s: string): string {
  if (s.startsWith('SRV ')) return `SRV record ${s.slice(4)}`;
  if (s.startsWith('autoconfig ')) return `autoconfig (${new URL(s.slice(11)).hostname})`;
  if (s.startsWith('ISPDB ')) return 'ISPDB (Thunderbird)';
  return s;
}

/** "probe: TLS 1.3, certificate valid for smtp.example.com, AUTH PLAIN LOGIN" from the probe's report. */
function probeWords(c: Candidate): string {
  const p = c.probe;
  if (p.status === 'not-probed') return 'not probed';
  if (p.status === 'ok' || p.status === 'warn') {
    const parts = [p.tls ? p.tls.protocol.replace(/^TLSv/, 'TLS ') : 'no TLS'];
    if (p.tls) parts.push(p.tls.authorized ? `certificate valid for ${c.host}` : 'certificate NOT verified');
    parts.push(p.authMechanisms?.length ? `AUTH ${p.authMechanisms.join(' ')}` : 'no AUTH offered');
    return `probe: ${parts.join(', ')}`;
  }
  return p.detail ?? `probe: ${p.status}`;
}

function candidateOf(c: Candidate, recommended: boolean): DiscoverCandidate {
  return {
    ...c,
    ...(recommended ? { recommended } : {}),
    mode: MODE[c.tls] ?? c.tls,
    evidence: [...c.sources.map(sourceWords), probeWords(c)].join(' · '),
  };
}

export function registerDiscover(connection: Connection, getEngineContext: GetEngineContext): Partial<ServerCapabilities> {
  connection.onRequest(DISCOVER_PREFILL, async (p: DiscoverPrefillParams): Promise<DiscoverPrefillResult> => {
    const ctx = await getEngineContext(p.uri);
    if (!ctx) return { address: '' };
    const cfg = pickConfig(ctx, p.configId, p.position);
    if (!cfg) return { address: '' };
    const { target } = targetFromConfig(cfg, ctx.text, ctx.lintOptions.env ?? ctx.env, process.env);
    const pre = prefillFor(cfg, target, ctx.result.read?.envVars);
    return { ...pre, configId: cfg.id, label: cfg.label };
  });

  connection.onRequest(DISCOVER, async (p: DiscoverParams, token): Promise<DiscoverResult> => {
    const ctx = p.uri ? await getEngineContext(p.uri) : undefined;
    // Without a document: the window's settings (the discovery settings are application-wide).
    const s = (ctx?.settings ?? (await connection.workspace.getConfiguration({ section: 'mailConfigLint' }).then(normalizeSettings, () => DEFAULT_SETTINGS))).discovery;
    const resolver = s.dnsServer ?? 'the system resolver';
    const fail = (error: string): DiscoverResult => ({ candidates: [], notes: [], contacted: [], resolver, error });
    if (s.dnsServer) {
      try {
        parseDnsServer(s.dnsServer);
      } catch (e) {
        return fail(`mailConfigLint.discovery.dnsServer: ${(e as Error).message}`);
      }
    }
    const ctl = new AbortController();
    const sub = token.onCancellationRequested(() => ctl.abort());
    const runId = p.runId ?? '';
    const opts: DiscoverOptions = {
      signal: ctl.signal,
      dnsServer: s.dnsServer,
      useIspdb: s.useIspdb,
      ...(s.ispdbUrl ? { ispdbUrl: s.ispdbUrl } : {}),
      onProgress: (message) => void connection.sendNotification(DISCOVER_PROGRESS, { runId, message } satisfies DiscoverProgress),
    };
    try {
      const r = await discover(p.address, opts);
      const rec = r.recommended;
      return {
        domain: r.domain,
        candidates: r.candidates.map((c) => candidateOf(c, !!rec && c.host === rec.host && c.port === rec.port && c.tls === rec.tls)),
        recommended: rec,
        notes: r.notes,
        contacted: r.contacted,
        resolver,
        ...(ctl.signal.aborted ? { cancelled: true } : {}),
      };
    } catch (e) {
      if (e instanceof DiscoverInputError) return fail(e.message);
      throw e;
    } finally {
      sub.dispose();
    }
  });

  connection.onRequest(DISCOVER_EDIT, async (p: DiscoverEditParams): Promise<DiscoverEditResult> => {
    const ctx = await getEngineContext(p.uri);
    const fail = (error: string, version = ctx?.version ?? 0): DiscoverEditResult => ({ edits: [], version, notes: [], error });
    if (!ctx) return fail('This document is not open in the language server.');
    if (p.version !== undefined && p.version !== ctx.version) return fail('The file changed since the settings were found; run Find SMTP Settings again.');
    const ep = p.endpoint;
    if (!ep || typeof ep.host !== 'string' || !Number.isInteger(ep.port) || !['implicit', 'starttls', 'none'].includes(ep.tls)) return fail('No endpoint to write.');
    const cfg = pickConfig(ctx, p.configId, p.position);
    if (p.configId && !cfg) return fail('That configuration is no longer in the file; run Find SMTP Settings again.');
    const r = cfg ? writeEndpoint(ctx.file, ctx.text, ep, cfg.span.start) : insertEndpoint(ctx.file, ctx.text, ep, p.address?.includes('@') ? p.address.trim() : undefined);
    if (!r.ok) return fail(r.message);
    const edit = minimalEdit(ctx.index, ctx.text, r.text);
    return { edits: edit ? [edit] : [], version: ctx.version, config: r.config, notes: r.notes, ...(cfg ? {} : { inserted: true }) };
  });

  return {};
}
