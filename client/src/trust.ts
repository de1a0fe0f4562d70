/*
 * Commands that contact servers named in the workspace (Test SMTP Connection, Find SMTP Settings) run only in a
 * trusted workspace: an untrusted repository must not make the editor connect anywhere.
 */
import * as vscode from 'vscode';

/** True when the workspace is trusted; otherwise says why `what` cannot run, offers the trust dialog, and returns false. */
export async function requireTrust(what: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage(`Mail Config Lint: ${what}, so it only runs in a trusted workspace.`, 'Manage Workspace Trust');
  if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
