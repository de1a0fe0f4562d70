// The `expect: <rule> <severity>` markers of examples/ (a `#` or `//` comment line; the finding is on the
// first non-marker line after it), read by the CLI acceptance test (test/cli/examples.test.ts) and the
// editor's workspace-diagnostics suite (test/editor/workspace-examples.test.ts).
import * as fs from 'fs';
import * as path from 'path';

export const MARKER = /^\s*(?:#|\/\/)\s*expect:\s*([a-z0-9-]+)\s+(error|warning|info)\s*$/;

export function walkFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walkFiles(p, out);
    else out.push(p);
  }
  return out;
}

/** "path:line rule severity" for every marker under `dir`, paths relative to `base`, sorted. */
export function markedFindings(dir: string, base: string, severity: (s: 'error' | 'warning' | 'info') => string | number): string[] {
  const out: string[] = [];
  for (const file of walkFiles(dir)) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = MARKER.exec(lines[i]);
      if (!m) continue;
      let target = i + 1;
      while (target < lines.length && MARKER.test(lines[target])) target++;
      out.push(`${path.relative(base, file).split(path.sep).join('/')}:${target + 1} ${m[1]} ${severity(m[2] as 'error')}`);
    }
  }
  return out.sort();
}
