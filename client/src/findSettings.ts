// "Mail Config Lint: Find SMTP Settings…" in VS Code. Discovery runs in the language server
// (server/src/lsp/discover.ts); this side asks for the address (prefilled by the server from the config under
// the cursor), shows progress with a cancel button, lists the ranked candidates with their evidence in a quick
// pick, and applies the server's edit of the chosen one as a WorkspaceEdit (undo works; the live text is used).
// Only in a trusted workspace, like Test SMTP Connection: it contacts hosts derived from the workspace's files.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requireTrust } from './trust';
// The request names and shapes shared with the server (protocol.ts imports nothing else: safe to bundle).
import {
  CLIENT_CMD_FIND_SETTINGS,
  DISCOVER,
  DISCOVER_EDIT,
  DISCOVER_PREFILL,
  DISCOVER_PROGRESS,
  type DiscoverCandidate,
  type DiscoverEditParams,
  type DiscoverEditResult,
  type DiscoverParams,
  type DiscoverPrefillResult,
  type DiscoverProgress,
  type DiscoverResult,
} from '../../server/src/lsp/protocol';

export interface FindArgs {
  /** From the code lens or the connection test's report: the document and its configuration. */
  uri?: string;
  configId?: string;
  /** Scripts: skip the input box. */
  address?: string;
}

export interface FindOutcome {
  result: DiscoverResult;
  picked?: DiscoverCandidate;
  applied: boolean;
}

/** Which hosts a run contacts, in words (the input box and docs/discover.md say the same). */
export function privacyText(useIspdb: boolean): string {
  return (
    'Contacts the DNS resolver, the domain\'s own autoconfig hosts (autoconfig.DOMAIN, DOMAIN over HTTPS) and the candidate SMTP servers ' +
    '(no login, no mail is sent)' +
    (useIspdb ? ", and Thunderbird's ISPDB (mailConfigLint.discovery.useIspdb is on)." : ". Thunderbird's ISPDB only if mailConfigLint.discovery.useIspdb is on.")
  );
}

const STATUS_ICON: Record<string, string> = { ok: '$(pass-filled)', warn: '$(warning)', fail: '$(error)', timeout: '$(watch)', 'not-probed': '$(question)' };

export function registerFindSettingsCommand(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): void {
  const progressSinks = new Map<string, (n: DiscoverProgress) => void>();
  let listening = false;
  const listen = () => {
    if (listening) return;
    listening = true;
    context.subscriptions.push(client.onNotification(DISCOVER_PROGRESS, (n: DiscoverProgress) => progressSinks.get(n.runId)?.(n)));
  };

  async function run(arg?: FindArgs): Promise<FindOutcome | undefined> {
    if (!(await requireTrust('Find SMTP Settings contacts DNS, autoconfig and SMTP servers for the address'))) return undefined;
    const editor = vscode.window.activeTextEditor;
    const doc = arg?.uri ? await vscode.workspace.openTextDocument(client.protocol2CodeConverter.asUri(arg.uri)) : editor?.document;
    const uri = doc ? client.code2ProtocolConverter.asUri(doc.uri) : undefined;
    const position = doc && editor?.document === doc && !arg?.configId ? client.code2ProtocolConverter.asPosition(editor.selection.active) : undefined;
    const pre: DiscoverPrefillResult = uri ? ((await client.sendRequest(DISCOVER_PREFILL, { uri, position, configId: arg?.configId })) as DiscoverPrefillResult) : { address: '' };

    const useIspdb = vscode.workspace.getConfiguration('mailConfigLint').get<boolean>('discovery.useIspdb', false);
    const address =
      arg?.address ??
      (await vscode.window.showInputBox({
        title: 'Find SMTP Settings',
        prompt: `E-mail address or domain. ${privacyText(useIspdb)}`,
        placeHolder: 'me@example.com or example.com',
        value: pre.address,
        ignoreFocusOut: true,
        validateInput: (v) => (/^\s*([^@\s]+@)?[^@\s]+\.[^@\s]+\s*$/.test(v) ? undefined : 'An e-mail address (me@example.com) or a domain (example.com)'),
      }));
    if (!address?.trim()) return undefined;

    listen();
    const runId = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Finding SMTP settings for ${address.trim()}`, cancellable: true },
      async (progress, token) => {
        progressSinks.set(runId, (n) => progress.report({ message: n.message }));
        try {
          const params: DiscoverParams = { address: address.trim(), uri, runId };
          return (await client.sendRequest(DISCOVER, params, token)) as DiscoverResult;
        } catch (e) {
          if (token.isCancellationRequested) return undefined;
          throw e;
        } finally {
          progressSinks.delete(runId);
        }
      },
    );
    if (!result || result.cancelled) {
      output.info(`Find SMTP Settings for ${address.trim()}: cancelled`);
      void vscode.window.showInformationMessage('Mail Config Lint: Find SMTP Settings cancelled.');
      return result ? { result, applied: false } : undefined;
    }
    if (result.error) {
      void vscode.window.showWarningMessage(`Mail Config Lint: ${result.error}`);
      return { result, applied: false };
    }
    output.info(
      `Find SMTP Settings for ${result.domain}: ${result.candidates.length} candidate(s); resolver ${result.resolver}; contacted ${result.contacted.join(', ') || 'no host'}` +
        (result.notes.length ? `; notes: ${result.notes.join('; ')}` : ''),
    );
    if (!result.candidates.length) {
      const details = 'Details';
      void vscode.window
        .showWarningMessage(`Mail Config Lint: no SMTP settings found for ${result.domain}. ${result.notes[0] ?? ''}`.trim(), details)
        .then((p) => p && output.show(true));
      return { result, applied: false };
    }

    // Recommended first, then the server's ranking.
    const ordered = [...result.candidates].sort((a, b) => Number(!!b.recommended) - Number(!!a.recommended) || a.rank - b.rank);
    const items = ordered.map((c) => ({
      label: `${c.recommended ? '$(star-full) ' : ''}${c.host}:${c.port}`,
      description: `${c.mode} ${STATUS_ICON[c.probe.status] ?? ''}${c.recommended ? ' recommended' : c.probe.status === 'ok' ? ' verified' : ` ${c.probe.status}`}${c.provider ? ` · ${c.provider}` : ''}`,
      detail: c.evidence,
      c,
    }));
    const target = doc ? (pre.label ? `${pre.label} in ${vscode.workspace.asRelativePath(doc.uri)}` : vscode.workspace.asRelativePath(doc.uri)) : undefined;
    const picked = await vscode.window.showQuickPick(items, {
      title: `SMTP settings for ${result.domain}${result.recommended ? '' : ' (none verified)'}`,
      placeHolder: target ? `Choose the settings to write into ${target}` : 'Choose settings (no file open: they are copied to the clipboard)',
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    if (!picked) return { result, applied: false };
    const ep = { host: picked.c.host, port: picked.c.port, tls: picked.c.tls };
    if (!doc || !uri) {
      await vscode.env.clipboard.writeText(`${ep.host}:${ep.port} (${picked.c.mode})`);
      void vscode.window.showInformationMessage(`Mail Config Lint: copied ${ep.host}:${ep.port} (${picked.c.mode}).`);
      return { result, picked: picked.c, applied: false };
    }
    const params: DiscoverEditParams = { uri, version: doc.version, configId: pre.configId, position, endpoint: ep, address: address.trim() };
    const r = (await client.sendRequest(DISCOVER_EDIT, params)) as DiscoverEditResult;
    if (r.error) {
      void vscode.window.showWarningMessage(`Mail Config Lint: ${r.error}`);
      return { result, picked: picked.c, applied: false };
    }
    if (doc.version !== r.version) {
      void vscode.window.showWarningMessage('Mail Config Lint: the file changed while the edit was prepared; run Find SMTP Settings again.');
      return { result, picked: picked.c, applied: false };
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of r.edits) edit.replace(doc.uri, client.protocol2CodeConverter.asRange(e.range), e.newText);
    const applied = r.edits.length ? await vscode.workspace.applyEdit(edit) : true;
    const what = `${ep.host}:${ep.port} (${picked.c.mode})`;
    output.info(`Find SMTP Settings: ${r.edits.length ? (r.inserted ? 'inserted' : 'wrote') : 'already written:'} ${what} ${r.inserted ? 'as' : 'into'} ${r.config}`);
    if (applied) {
      const notes = r.notes.length ? ` ${r.notes.join(' ')}` : '';
      void vscode.window.showInformationMessage(
        r.edits.length ? `Mail Config Lint: ${r.inserted ? 'added' : 'wrote'} ${what} ${r.inserted ? 'as a new configuration' : `into ${r.config}`}.${notes}` : `Mail Config Lint: ${r.config} already uses ${what}.`,
      );
    }
    return { result, picked: picked.c, applied };
  }

  context.subscriptions.push(vscode.commands.registerCommand(CLIENT_CMD_FIND_SETTINGS, (arg?: FindArgs) => run(arg)));
}
