// The bench's monorepo row (issue 15), used by scripts/bench.mjs: generated trees (scripts/gen-monorepo.mjs)
// of N and N/10 walked files (1% mail-relevant) plus ignored build/, vendor/, dist/ and node_modules/, and a
// copy of the N tree whose ignored folders hold twice as much (hard links: no extra disk). ONE interleaved
// cmd-bench run times the CLI (--format sarif) on them:
//   small (auto) | big (auto) | big --concurrency off | big --concurrency 2 | big with ignored ×2 (auto)
// and yields the ratios the budgets compare: per-file time big ÷ small (linear), off ÷ 2 threads, ignored ×2 ÷
// big, and the peak RSS. A separate run checks that off and 2 threads give byte-identical SARIF.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import os from 'node:os';
import { spawnSync } from 'node:child_process';

/**
 * opts: { root, out, cli, files, runs, warmup, cmdBench(name, cmds, {runs, warmup, cwd}) → cmd-bench JSON,
 * log(msg), notes[] }. Returns the measurements (null when the CLI is missing or a step broke).
 */
export function monorepoBench(o) {
  const dir = path.join(o.out, 'monorepo');
  fs.mkdirSync(dir, { recursive: true });
  const small = Math.max(10, Math.round(o.files / 10));
  const gen = (name, files) => {
    const r = spawnSync(process.execPath, [path.join(o.root, 'scripts', 'gen-monorepo.mjs'), '--out', path.join(dir, name), '--files', String(files)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gen-monorepo ${name}: ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`);
    o.log(r.stdout.trim());
  };
  const bigName = `m${o.files}`, smallName = `m${small}`, ign2Name = `m${o.files}-ignored2x`;
  try {
    o.log(`monorepo trees in ${path.relative(o.root, dir) || dir} (${o.files} and ${small} files)`);
    gen(smallName, small);
    gen(bigName, o.files);
    // Ignored ×2: hard-linked copy of the big tree, then each ignored folder gets a second copy of itself inside.
    const ign2 = path.join(dir, ign2Name);
    const stamp = fs.readFileSync(path.join(dir, bigName, '.monorepo.json'), 'utf8');
    if (!fs.existsSync(path.join(ign2, '.ignored2x')) || fs.readFileSync(path.join(ign2, '.ignored2x'), 'utf8') !== stamp) {
      fs.rmSync(ign2, { recursive: true, force: true });
      const cp = (a, b) => { const r = spawnSync('cp', ['-al', a, b]); if (r.status !== 0) throw new Error(`cp -al ${a}: ${r.stderr}`); };
      cp(path.join(dir, bigName), ign2);
      for (const rel of ['build', 'vendor', 'node_modules', 'packages/pkg-0000/dist']) {
        if (fs.existsSync(path.join(dir, bigName, rel))) cp(path.join(dir, bigName, rel), path.join(ign2, rel, 'again'));
      }
      fs.writeFileSync(path.join(ign2, '.ignored2x'), stamp);
    }
  } catch (e) {
    o.notes.push(`monorepo trees: ${e.message}`);
    return null;
  }
  const cli = (args, tree) => `node '${o.cli}' --format sarif ${args}${tree}`;
  const loadBefore = os.loadavg()[0];
  const j = o.cmdBench('cmd-monorepo', [
    `small::${cli('', smallName)}`,
    `big::${cli('', bigName)}`,
    `big-off::${cli('--concurrency off ', bigName)}`,
    `big-c2::${cli('--concurrency 2 ', bigName)}`,
    `big-ignored2x::${cli('', ign2Name)}`,
  ], { runs: o.runs, warmup: o.warmup, cwd: dir });
  if (!j) return null;
  const row = (n) => j.rows.find((x) => x.name === n);
  const med = (a) => { const s = a.filter(Number.isFinite).sort((x, y) => x - y); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN; };
  const paired = (a, b, scale = 1) => med(a.runs.map((x, i) => (x.wall / b.runs[i].wall) * scale));
  const r2 = (x) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null);
  const [s, b, off, c2, ig] = ['small', 'big', 'big-off', 'big-c2', 'big-ignored2x'].map(row);
  // Same findings with and without threads: one more run of each, outputs compared.
  const hash = (args) => {
    const r = spawnSync('sh', ['-c', cli(args, bigName)], { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    let results = null;
    try { results = JSON.parse(r.stdout).runs[0].results.length; } catch { /* not JSON */ }
    return { code: r.status, results, sha: crypto.createHash('sha256').update(r.stdout ?? '').digest('hex').slice(0, 16) };
  };
  const offOut = hash('--concurrency off '), c2Out = hash('--concurrency 2 ');
  if (offOut.sha !== c2Out.sha) o.notes.push(`monorepo: SARIF differs between --concurrency off (${offOut.sha}, ${offOut.results} results) and 2 (${c2Out.sha}, ${c2Out.results} results)`);
  return {
    files: o.files, smallFiles: small, runs: o.runs, warmup: o.warmup,
    // The machine's 1-minute load average before and after the timed run (2 vCPUs shared with other work).
    loadavg: { before: r2(loadBefore), after: r2(os.loadavg()[0]) },
    wallS: { small: r2(s.wallS.median), big: r2(b.wallS.median), off: r2(off.wallS.median), c2: r2(c2.wallS.median), ignored2x: r2(ig.wallS.median) },
    cpuS: { big: r2(b.cpuS.median), off: r2(off.cpuS.median), c2: r2(c2.cpuS.median) },
    perFileBigOverSmall: r2(paired(b, s, small / o.files)),
    offOverC2: r2(paired(off, c2)),
    ignored2xOverBig: r2(paired(ig, b)),
    maxRssMB: r2(Math.max(b.maxRssMB.max, off.maxRssMB.max, c2.maxRssMB.max, ig.maxRssMB.max)),
    exitCodes: [...new Set([s, b, off, c2, ig].flatMap((x) => x.exitCodes))],
    sarif: { off: offOut, c2: c2Out, identical: offOut.sha === c2Out.sha },
  };
}
