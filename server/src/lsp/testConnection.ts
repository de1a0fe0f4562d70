// The "Test SMTP Connection" probe over LSP (any client can use it; the VS Code side is client/src/testConnection.ts).
//
// Requests, notification and their shapes: protocol.ts (shared with the client). The test is cancellable
// with $/cancelRequest: the probe stops at once. Code lens: "Test this connection" on each detected
// configuration (client command mailConfigLint.testConnection with [{ uri, configId }]).
// The password is never logged, never in a result, and never kept: it is used for one probe and dropped.
import { createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync } from 'node:crypto';
import type { CodeLens, Connection, Range, ServerCapabilities, TextDocuments, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SmtpConfig } from '../model/types';
import { configAt, formatText, stepLine, targetFromConfig, testConnection, toJson } from '../probe/index';
import type { ConfigTarget } from '../probe/target';
import type { ProbeTarget } from '../probe/types';
import type { EngineContext, GetEngineContext } from './context';
import { baseName } from './convert';
import { failureInWords } from '../probe/messages';
import { FailedTests } from './failedTests';
import {
  CLIENT_CMD_FIND_SETTINGS,
  CLIENT_CMD_TEST_CONNECTION,
  LIST_CONNECTIONS,
  PROBE_KEY,
  SEAL_INFO,
  TEST_CONNECTION,
  TEST_CONNECTION_PROGRESS,
  type ConnectionInfo,
  type ListConnectionsResult,
  type SealedPassword,
  type TestConnectionParams,
  type TestConnectionProgress,
  type TestConnectionResult,
} from './protocol';

/** The server's key pair for sealed passwords (one per process, never leaves it). */
function makeUnsealer(): { publicKey: string; unseal(p: SealedPassword): string | undefined } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    unseal(p) {
      try {
        const peer = createPublicKey({ key: Buffer.from(p.publicKey, 'base64'), format: 'der', type: 'spki' });
        const shared = diffieHellman({ privateKey, publicKey: peer });
        const key = Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), SEAL_INFO, 32));
        const d = createDecipheriv('aes-256-gcm', key, Buffer.from(p.iv, 'base64'));
        d.setAuthTag(Buffer.from(p.tag, 'base64'));
        return Buffer.concat([d.update(Buffer.from(p.data, 'base64')), d.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}

function rangeOf(ctx: EngineContext, start: number, end: number): Range {
  return { start: ctx.index.position(start), end: ctx.index.position(end) };
}

function configsOf(ctx: EngineContext): SmtpConfig[] {
  return (ctx.result.read?.configs ?? []).filter((c) => c.file === ctx.file);
}

/** The probe target `cfg` describes, with the variables of the document's .env files and of this process. */
function targetOf(ctx: EngineContext, cfg: SmtpConfig): ConfigTarget {
  return targetFromConfig(cfg, ctx.text, ctx.lintOptions.env ?? ctx.env, process.env);
}

function infoOf(ctx: EngineContext, cfg: SmtpConfig): ConnectionInfo {
  const t = targetOf(ctx, cfg);
  return {
    id: cfg.id,
    label: cfg.label,
    range: rangeOf(ctx, cfg.span.start, cfg.span.end),
    host: t.target.host,
    port: t.target.port,
    tls: t.target.tls,
    user: t.target.user,
    passwordSource: t.passwordSource,
    notes: t.notes,
  };
}

export function registerTestConnection(
  connection: Connection,
  _documents: TextDocuments<TextDocument>,
  getEngineContext: GetEngineContext,
  failed: FailedTests = new FailedTests(),
): Partial<ServerCapabilities> {
  const sealer = makeUnsealer();
  connection.onRequest(PROBE_KEY, () => ({ publicKey: sealer.publicKey }));

  connection.onRequest(LIST_CONNECTIONS, async (p: { uri: string; position?: { line: number; character: number } }): Promise<ListConnectionsResult> => {
    const ctx = await getEngineContext(p.uri);
    if (!ctx) return { configs: [] };
    const configs = configsOf(ctx);
    const offset = p.position ? ctx.index.offset(p.position) : undefined;
    const at = offset !== undefined ? configAt(configs, offset) : undefined;
    const inside = at && offset !== undefined && at.span.start <= offset && offset <= at.span.end;
    return { configs: configs.map((c) => infoOf(ctx, c)), ...(inside ? { atCursor: at!.id } : {}) };
  });

  connection.onRequest(TEST_CONNECTION, async (p: TestConnectionParams, token): Promise<TestConnectionResult> => {
    const ctx = await getEngineContext(p.uri);
    const fail = (error: string): TestConnectionResult => ({ ok: false, report: {}, text: error, fixes: [], error });
    if (!ctx) return fail('This document is not open in the language server.');
    const configs = configsOf(ctx);
    const cfg = p.configId ? configs.find((c) => c.id === p.configId) : configAt(configs, p.position ? ctx.index.offset(p.position) : undefined);
    if (!cfg) return fail('No SMTP configuration found here.');
    const { target } = targetOf(ctx, cfg);
    if (!target.host) return fail(`The host of "${cfg.label}" is not known (an unset variable?).`);
    if (p.sealedPassword) {
      const pw = sealer.unseal(p.sealedPassword);
      if (pw === undefined) return fail('The sealed password could not be opened (the server restarted?); run the test again.');
      target.password = pw;
    } else if (p.password) target.password = p.password;
    const ctl = new AbortController();
    const sub = token.onCancellationRequested(() => ctl.abort());
    const runId = p.runId ?? '';
    try {
      const report = await testConnection(target as ProbeTarget, {
        timeoutMs: p.timeoutMs ?? ctx.settings.connectionTest.timeoutMs,
        signal: ctl.signal,
        allowPlaintextAuth: !!p.allowPlaintextAuth,
        sweep: !!p.sweep,
        config: { cfg, text: ctx.text },
        onEvent: (e) => {
          const n: TestConnectionProgress =
            e.type === 'step'
              ? { runId, kind: 'step', status: e.step.status, text: stepLine(e.step) }
              : { runId, kind: 'transcript', text: `${e.line.dir} ${e.line.text}` };
          void connection.sendNotification(TEST_CONNECTION_PROGRESS, n);
        },
      });
      const where = (file: string, offset: number) => {
        return file === ctx.file ? ctx.index.humanPosition(offset) : undefined;
      };
      const fixes: TestConnectionResult['fixes'] = [];
      for (const d of report.diagnosis) {
        const te = d.fix?.textEdits?.filter((e) => e.file === ctx.file);
        if (!d.fix || !te?.length) continue;
        fixes.push({ code: d.code, title: d.fix.title, uri: p.uri, version: ctx.version, edits: te.map((e) => ({ range: rangeOf(ctx, e.start, e.end), newText: e.newText })) });
      }
      // Remember the outcome for the "Find working settings" lens (not for a cancelled run: it says nothing).
      const main = report.diagnosis.find((d) => d.code !== 'better-port-available');
      const words = !report.ok && main ? failureInWords(main.code, (target as ProbeTarget).port) : undefined;
      if (main?.code !== 'cancelled') {
        failed.record(p.uri, cfg.label, target, report.ok || !words, words ?? '');
        void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
      }
      return {
        ok: report.ok,
        report: toJson(report, where),
        text: `${cfg.label}\n${formatText(report, { where, fileName: baseName })}`,
        fixes,
        ...(words ? { findSettings: { summary: words, configId: cfg.id } } : {}),
      };
    } finally {
      sub.dispose();
    }
  });

  connection.onCodeLens(async (p): Promise<CodeLens[]> => {
    const ctx = await getEngineContext(p.textDocument.uri);
    // Not in huge documents re-linted unit by unit: listing their configs takes a whole lint per change.
    if (!ctx || ctx.partial) return [];
    // Only where there is something to connect to (a host, URL or service), not on a lone TLS flag.
    const configs = configsOf(ctx).filter((c) => c.host || c.url || c.service);
    const failures = failed.matching(
      p.textDocument.uri,
      configs.map((c) => ({ label: c.label, endpoint: targetOf(ctx, c).target })),
    );
    return configs.flatMap((c, i) => {
      const at = ctx.index.position(c.span.start);
      const range = { start: at, end: at };
      const args = [{ uri: p.textDocument.uri, configId: c.id }];
      const test: CodeLens = { range, command: { title: 'Test this connection', command: CLIENT_CMD_TEST_CONNECTION, arguments: args } };
      const f = failures[i];
      // After a failed test (same endpoint still written): discovery from the address the config names.
      return f ? [test, { range, command: { title: 'Find working settings', tooltip: `The last test failed (${f.summary}): find the right host, port and TLS mode`, command: CLIENT_CMD_FIND_SETTINGS, arguments: args } }] : [test];
    });
  });

  return { codeLensProvider: { resolveProvider: false } };
}
