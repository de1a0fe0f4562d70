// "Mail Config Lint: Test SMTP Connection" in VS Code. The probe runs in the language server
// (server/src/lsp/testConnection.ts); this side picks the configuration, asks for a missing password
// (kept in SecretStorage per host+user), shows progress with a cancel button, writes the transcript to
// the output channel and offers "Apply fix". Only in a trusted workspace: the test contacts the host
// named in the workspace's files.
import { createCipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requireTrust } from './trust';
// The request names and shapes shared with the server (protocol.ts imports nothing else: safe to bundle).
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
} from '../../server/src/lsp/protocol';

const SAVED_KEYS = 'mailConfigLint.savedSmtpPasswordKeys';

/**
 * Seals the password for the server (X25519 + HKDF-SHA256 + AES-256-GCM, see server/src/lsp/testConnection.ts),
 * so that an LSP message trace (mailConfigLint.trace.server: verbose) never shows it in clear.
 */
function seal(password: string, serverKey: string): SealedPassword {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const peer = createPublicKey({ key: Buffer.from(serverKey, 'base64'), format: 'der', type: 'spki' });
  const key = Buffer.from(hkdfSync('sha256', diffieHellman({ privateKey, publicKey: peer }), Buffer.alloc(0), SEAL_INFO, 32));
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(password, 'utf8'), c.final()]);
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    iv: iv.toString('base64'),
    data: data.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
  };
}

/** The server's result, with the parts of its report (the CLI's --format json object) read here. */
interface TestResult extends Omit<TestConnectionResult, 'report'> {
  report: {
    ms?: number;
    target?: { host: string; port: number; tls: string };
    auth?: { result: string; mechanisms?: string[] };
    tls?: { authorized: boolean } | null;
    diagnosis?: { code: string; severity: string; message: string }[];
  };
}

interface RunArgs {
  /** Also probe the usual submission ports and recommend one. */
  sweep?: boolean;
  uri?: string;
  configId?: string;
  password?: string;
  interactive?: boolean;
  applyFix?: boolean;
}

const secretKey = (host: string, user: string) => `mailConfigLint.smtpPassword:${host.toLowerCase()}|${user}`;

export function registerTestConnectionCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): void {
  // Transcripts go to their own plain channel (readable swaks-style lines, no log prefixes); the main log
  // channel gets one line per run.
  let transcriptChannel: vscode.OutputChannel | undefined;
  const transcript = () => {
    if (!transcriptChannel) {
      transcriptChannel = vscode.window.createOutputChannel('Mail Config Lint: SMTP Test');
      context.subscriptions.push(transcriptChannel);
    }
    return transcriptChannel;
  };
  const progressSinks = new Map<string, (n: TestConnectionProgress) => void>();
  let listening = false;
  const listen = () => {
    if (listening) return;
    listening = true;
    context.subscriptions.push(
      client.onNotification(TEST_CONNECTION_PROGRESS, (n: TestConnectionProgress) => progressSinks.get(n.runId)?.(n)),
    );
  };

  const rememberKey = async (key: string) => {
    const keys = context.globalState.get<string[]>(SAVED_KEYS, []);
    if (!keys.includes(key)) await context.globalState.update(SAVED_KEYS, [...keys, key]);
  };
  const forgetKey = async (key: string) => {
    await context.secrets.delete(key);
    await context.globalState.update(
      SAVED_KEYS,
      context.globalState.get<string[]>(SAVED_KEYS, []).filter((k) => k !== key),
    );
  };

  async function pickConfig(doc: vscode.TextDocument, wanted?: string): Promise<ConnectionInfo | undefined> {
    const editor = vscode.window.activeTextEditor;
    const position = editor && editor.document === doc ? client.code2ProtocolConverter.asPosition(editor.selection.active) : undefined;
    const r = (await client.sendRequest(LIST_CONNECTIONS, { uri: client.code2ProtocolConverter.asUri(doc.uri), position })) as ListConnectionsResult;
    const configs = r?.configs ?? [];
    if (!configs.length) {
      void vscode.window.showInformationMessage('Mail Config Lint: no SMTP configuration found in this file.');
      return undefined;
    }
    const hit = configs.find((c) => c.id === (wanted ?? r.atCursor));
    if (hit) return hit;
    if (configs.length === 1) return configs[0];
    const item = await vscode.window.showQuickPick(
      configs.map((c) => ({
        label: c.label,
        description: c.host ? `${c.host}:${c.port ?? '?'} (${c.tls ?? '?'})` : 'host unknown',
        detail: `line ${c.range.start.line + 1}${c.user ? ` · user ${c.user}` : ''}`,
        c,
      })),
      { placeHolder: 'Which SMTP configuration should be tested?' },
    );
    return item?.c;
  }

  /** A password kept in secret storage for this host + user (when the file has none). */
  async function savedPassword(info: ConnectionInfo): Promise<{ password?: string; saved?: string }> {
    if (info.passwordSource !== 'none' || !info.user || !info.host) return {};
    const key = secretKey(info.host, info.user);
    const saved = await context.secrets.get(key);
    return saved ? { password: saved, saved: key } : {};
  }

  /** Asks once (password box) and keeps it in secret storage. Only when the server actually offers AUTH over verified TLS. */
  async function askPassword(info: ConnectionInfo): Promise<{ password?: string; saved?: string }> {
    if (!info.user || !info.host) return {};
    const key = secretKey(info.host, info.user);
    const typed = await vscode.window.showInputBox({
      title: `SMTP password for ${info.user} on ${info.host}`,
      prompt: 'The connection works up to AUTH. The password is not in the file or its environment: it is kept in VS Code secret storage (forget it with "Mail Config Lint: Forget saved SMTP password"). Leave empty to skip AUTH.',
      password: true,
      ignoreFocusOut: true,
    });
    if (!typed) return {};
    await context.secrets.store(key, typed);
    await rememberKey(key);
    return { password: typed, saved: key };
  }

  async function applyFix(fix: TestResult['fixes'][number]): Promise<boolean> {
    const uri = client.protocol2CodeConverter.asUri(fix.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.version !== fix.version) {
      void vscode.window.showWarningMessage('Mail Config Lint: the file changed since the test; run the test again to get a fresh fix.');
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits) edit.replace(uri, client.protocol2CodeConverter.asRange(e.range), e.newText);
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok) output.info(`applied fix: ${fix.title}`);
    return ok;
  }

  /** Runs in progress (several can run at once); "mailConfigLint.cancelConnectionTest" cancels them like the notification's button. */
  const running = new Set<vscode.CancellationTokenSource>();

  /**
   * arg: from the code lens { uri, configId }. Scripts and tests may also pass `password`, `interactive: false`
   * (the summary notification is shown but not awaited) and `applyFix: true` (apply the first fix).
   * Resolves to the result (undefined when cancelled or nothing to test).
   */
  async function run(arg?: RunArgs): Promise<{ result: TestResult; applied: boolean } | undefined> {
    if (!(await requireTrust('Test SMTP Connection contacts the server named in this workspace'))) return undefined;
    const doc = arg?.uri ? await vscode.workspace.openTextDocument(client.protocol2CodeConverter.asUri(arg.uri)) : vscode.window.activeTextEditor?.document;
    if (!doc) {
      void vscode.window.showInformationMessage('Mail Config Lint: open a file with SMTP settings first.');
      return undefined;
    }
    const info = await pickConfig(doc, arg?.configId);
    if (!info) return undefined;
    if (!info.host) {
      void vscode.window.showWarningMessage(`Mail Config Lint: the host of "${info.label}" is not known (${info.notes.join('; ') || 'unset variable'}).`);
      return undefined;
    }
    let { password, saved } = arg?.password !== undefined ? { password: arg.password, saved: undefined as string | undefined } : await savedPassword(info);
    listen();
    const title = `Testing ${info.host}:${info.port} (${info.tls})`;
    const tr = transcript();
    if (arg?.interactive !== false) tr.show(true);
    const probeOnce = async (pw: string | undefined): Promise<TestResult | undefined> => {
      const sealedPassword = pw ? seal(pw, ((await client.sendRequest(PROBE_KEY, {})) as { publicKey: string }).publicKey) : undefined;
      const runId = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      tr.appendLine(`──── ${new Date().toISOString()} ${title}`);
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const cts = new vscode.CancellationTokenSource();
        running.add(cts);
        const sub = token.onCancellationRequested(() => cts.cancel());
        progressSinks.set(runId, (n) => {
          if (n.kind === 'step') progress.report({ message: n.text.replace(/\s+/g, ' ') });
        });
        try {
          const params: TestConnectionParams = { uri: client.code2ProtocolConverter.asUri(doc.uri), configId: info.id, sealedPassword, runId, sweep: !!arg?.sweep };
          const r = (await client.sendRequest(TEST_CONNECTION, params, cts.token)) as TestResult;
          const cancelled = cts.token.isCancellationRequested || (r?.report?.diagnosis ?? []).some((d) => d.code === 'cancelled');
          return cancelled ? undefined : r;
        } catch (e) {
          if (cts.token.isCancellationRequested) return undefined;
          throw e;
        } finally {
          progressSinks.delete(runId);
          sub.dispose();
          running.delete(cts);
          cts.dispose();
        }
      });
    };
    let result = await probeOnce(password);
    // No password anywhere: ask only once the server is known to offer AUTH over verified TLS (a run that fails
    // earlier, e.g. on DNS or the certificate, never asks), then test again with it.
    const wantsPassword = (r: TestResult) =>
      r.report.auth?.result === 'skipped' && (r.report.auth.mechanisms?.length ?? 0) > 0 && r.report.tls?.authorized === true;
    let logged: TestResult | undefined;
    if (result && !result.error && !password && info.user && info.passwordSource === 'none' && arg?.interactive !== false && wantsPassword(result)) {
      for (const line of result.text.split('\n')) tr.appendLine(line);
      logged = result;
      ({ password, saved } = await askPassword(info));
      if (password) result = await probeOnce(password);
    }
    if (!result) {
      tr.appendLine('cancelled');
      output.info(`${title}: cancelled`);
      void vscode.window.showInformationMessage('Mail Config Lint: connection test cancelled.');
      return undefined;
    }
    if (result !== logged) for (const line of result.text.split('\n')) tr.appendLine(line);
    output.info(`${title}: ${result.ok ? 'ok' : (result.report.diagnosis ?? []).map((d) => d.code).join(', ') || result.error || 'failed'}`);
    if (result.error) {
      void vscode.window.showWarningMessage(`Mail Config Lint: ${result.error}`);
      return { result, applied: false };
    }
    if (saved && result.report.auth?.result === 'failed') {
      await forgetKey(saved);
      tr.appendLine('the saved password was rejected by the server and has been forgotten');
    }
    const showTranscript = 'Transcript';
    const tryPorts = 'Other ports';
    const applyLabel = 'Apply fix';
    const findLabel = 'Find settings…';
    const all = result.report.diagnosis ?? [];
    const main = all.filter((d) => d.code !== 'better-port-available');
    const better = all.find((d) => d.code === 'better-port-available');
    const fix = result.fixes[0];
    // A failure other settings may cure (the server says which): Find SMTP Settings for this configuration.
    const find = result.findSettings;
    const buttons = [...(fix ? [applyLabel] : []), ...(find ? [findLabel] : []), ...(!result.ok && !arg?.sweep ? [tryPorts] : []), showTranscript];
    const ms = result.report.ms ?? 0;
    // A toast shows little: the first sentence of the main diagnosis, the recommendation, and what the fix
    // changes in the file's own words (the server's fix title is "<what>: <edits>"); the rest is in the transcript.
    const firstSentence = (m?: string) => (m ? (/^(.*?(?<!\be\.g|\bi\.e)[.!?])(\s|$)/.exec(m)?.[1] ?? m) : undefined);
    const fixText = fix ? `Fix: ${fix.title.split(': ').slice(1).join(': ') || fix.title}.` : undefined;
    const findText = find ? `${find.summary[0].toUpperCase()}${find.summary.slice(1)}: find the right settings with "${findLabel}".` : undefined;
    const text = [firstSentence(main[0]?.message), firstSentence(better?.message), fixText, findText].filter(Boolean).join(' ');
    const shown = result.ok
      ? vscode.window.showInformationMessage(`Mail Config Lint: ${info.host}:${info.port} works as configured (${ms} ms).${text ? ` ${text}` : ''}`, ...buttons)
      : vscode.window.showErrorMessage(`Mail Config Lint: ${text || 'the connection test failed.'}`, ...buttons);
    const onPick = async (pick: string | undefined): Promise<boolean> => {
      if (pick === applyLabel && fix) return applyFix(fix);
      if (pick === findLabel && find) {
        const found = (await vscode.commands.executeCommand(CLIENT_CMD_FIND_SETTINGS, { uri: client.code2ProtocolConverter.asUri(doc.uri), configId: find.configId })) as { applied?: boolean } | undefined;
        return found?.applied ?? false;
      }
      if (pick === tryPorts) {
        // The usual submission ports in parallel (465 implicit, 587/2525 STARTTLS, 25): recommends one, with its fix.
        const again = await run({ ...arg, uri: client.code2ProtocolConverter.asUri(doc.uri), configId: info.id, sweep: true, password });
        return again?.applied ?? false;
      }
      if (pick === showTranscript) tr.show(true);
      return false;
    };
    if (arg?.interactive === false) {
      void shown.then(onPick);
      return { result, applied: arg.applyFix && fix ? await applyFix(fix) : false };
    }
    return { result, applied: await onPick(await shown) };
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_CMD_TEST_CONNECTION, (arg?: RunArgs) => run(arg)),
    vscode.commands.registerCommand('mailConfigLint.cancelConnectionTest', () => {
      for (const c of running) c.cancel();
      return running.size;
    }),
    vscode.commands.registerCommand('mailConfigLint.forgetSmtpPassword', async () => {
      const keys = context.globalState.get<string[]>(SAVED_KEYS, []);
      if (!keys.length) {
        void vscode.window.showInformationMessage('Mail Config Lint: no saved SMTP password.');
        return;
      }
      const all = 'All saved SMTP passwords';
      const items = [...keys.map((k) => k.replace(/^mailConfigLint\.smtpPassword:/, '').replace('|', ' · ')), ...(keys.length > 1 ? [all] : [])];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Forget which saved SMTP password?' });
      if (!pick) return;
      const gone = pick === all ? keys : [keys[items.indexOf(pick)]];
      for (const k of gone) await forgetKey(k);
      void vscode.window.showInformationMessage(`Mail Config Lint: forgot ${gone.length} saved SMTP password${gone.length === 1 ? '' : 's'}.`);
    }),
  );
}
