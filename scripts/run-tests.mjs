// Runs node:test over every *.test.ts under the given folders (TypeScript through tsx).
// Node 20's --test does not glob .ts files, so we list them ourselves.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passthrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'node_modules') walk(p);
    } else if (name.endsWith('.test.ts')) files.push(p);
  }
}
for (const r of roots.length ? roots : ["test"]) if (existsSync(r)) statSync(r).isDirectory() ? walk(r) : files.push(r);
if (files.length === 0) {
  console.error('no test files found under', roots.join(' '));
  process.exit(1);
}
const seedSetup = fileURLToPath(new URL('../test/fast-check-seed.cjs', import.meta.url));
const perFileState = fileURLToPath(new URL('../test/per-file-state.cjs', import.meta.url));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--require', seedSetup, '--require', perFileState, '--test', '--test-reporter=spec', ...passthrough, ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
