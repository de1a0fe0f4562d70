// Mocha runner loaded by the VS Code extension host (code-server harness or @vscode/test-electron).
// Contract (vscode-harness README): run() settles when the tests finish, rejects on failures, and writes
// {passes, failures, pending} to process.env.EXT_TEST_RESULTS when set.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Suites that need a workspace of their own: run only when MCL_EDITOR_SUITE names them (test/editor/run.mjs). */
const OWN_WORKSPACE = new Set(['workspace-examples']);

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  const only = process.env.MCL_EDITOR_SUITE;
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (!f.endsWith('.test.js')) continue;
    const name = f.slice(0, -'.test.js'.length);
    if (only ? name === only : !OWN_WORKSPACE.has(name)) mocha.addFile(path.join(__dirname, f));
  }
  const out = process.env.EXT_TEST_RESULTS;
  const results = { passes: [] as string[], failures: [] as { title: string; error: string }[], pending: [] as string[] };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (out) {
          fs.mkdirSync(path.dirname(out), { recursive: true });
          fs.writeFileSync(out, JSON.stringify(results, null, 2));
        }
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
      runner.on('pass', (t) => results.passes.push(t.fullTitle()));
      runner.on('pending', (t) => results.pending.push(t.fullTitle()));
      runner.on('fail', (t, err) => results.failures.push({ title: t.fullTitle(), error: String((err as Error)?.stack ?? err) }));
    } catch (e) {
      reject(e);
    }
  });
}
