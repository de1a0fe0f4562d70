// Workspace diagnostics in a real VS Code (issue 15): opening the examples/ folder (test/editor/run.mjs
// runs this suite alone on a copy of it, MCL_EDITOR_SUITE=workspace-examples) fills the Problems panel
// with every finding the `expect: <rule> <severity>` markers announce, and nothing under good/, without
// the test opening a single file. The Problems panel lists what vscode.languages.getDiagnostics() holds.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { markedFindings } from '../examplesMarkers';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function root(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri.fsPath;
}

function shown(dir: string): string[] {
  const out: string[] = [];
  for (const [uri, ds] of vscode.languages.getDiagnostics()) {
    for (const d of ds) {
      if (d.source !== 'mail-config-lint') continue;
      const code = typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
      out.push(`${path.relative(dir, uri.fsPath).split(path.sep).join('/')}:${d.range.start.line + 1} ${code} ${d.severity}`);
    }
  }
  return out.sort();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('workspace diagnostics: examples/ in the Problems panel', () => {
  it('every marked finding appears without opening a file, and nothing under good/', async function () {
    this.timeout(150_000);
    const dir = root();
    assert.ok(fs.existsSync(path.join(dir, 'bad')) && fs.existsSync(path.join(dir, 'good')), `${dir} is a copy of examples/`);
    const want = markedFindings(dir, dir, (s) => SEVERITY[s]);
    assert.ok(want.length >= 15, `${want.length} markers`);
    const ext = vscode.extensions.getExtension('mail-config-lint.mail-config-lint');
    assert.ok(ext, 'extension installed');
    await ext.activate();
    const t0 = Date.now();
    let now: string[] = [];
    for (;;) {
      now = shown(dir);
      if (want.every((w) => now.includes(w))) break;
      if (Date.now() - t0 > 120_000) break;
      await sleep(250);
    }
    assert.deepEqual(want.filter((w) => !now.includes(w)), [], 'markers without a diagnostic in the Problems panel');
    assert.deepEqual(now.filter((s) => !want.includes(s)), [], 'diagnostics without a marker (good/ must be silent)');
    const opened = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && d.uri.fsPath.startsWith(dir));
    assert.deepEqual(opened.map((d) => d.uri.fsPath), [], 'no file of the folder was opened');
  });
});
