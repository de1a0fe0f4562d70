// scripts/bench-editor.mjs — the editor rows of the monorepo bench (issue 15), used by scripts/bench.mjs
// (kept apart from the corpus rows). A raw LSP client over stdio (Content-Length framing by hand, like the
// kit's lsp-latency.mjs, plus work-done progress) against `node dist/server.js --stdio` with the monorepo
// tree as its workspace folder and `mailConfigLint.scope: workspace`:
//   - scan: spawn → the end of the server's work-done progress for the workspace scan, timed in the same
//     rounds as the CLI on the same tree (interleaved: CLI, server, CLI, server ...), paired ratio;
//   - edits while the scan runs: a ~200-line file is opened at once and edited (full text, one comment line
//     more each time, debounce 0) every `gap` ms until the scan ends; edit → publishDiagnostics of that
//     version, p50/p95/max over every round;
//   - what the scan reported: files with findings (push) next to the files of the CLI's SARIF results.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (arr, p) => { if (!arr.length) return NaN; const s = [...arr].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]; };
const med = (a) => pct(a, 50);
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
const r2 = (x) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null);

/** CPU seconds (user + system) of a live process so far (Linux /proc; clock ticks at 100 Hz). */
function cpuS(pid) {
  try { const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); const f = st.slice(st.lastIndexOf(')') + 2).split(' '); return (+f[11] + +f[12]) / 100; } catch { return null; }
}

function peakRssKB(pid) {
  try { const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8')); return m ? +m[1] : null; } catch { return null; }
}

/** One server run: spawn → scan end, edits on `file` while the scan runs. */
async function serverRun({ server, tree, file, gap, timeoutMs }) {
  const t0 = now();
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
  let buf = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const waiters = [];
  const withFindings = new Set();
  let scanToken, scanEnd = null, peak = null, scanCpu = null;
  const treeUri = pathToFileURL(tree).href + '/';
  const uri = pathToFileURL(file).href;
  const settings = { mailConfigLint: { enable: true, scope: 'workspace', run: 'onType', debounceMs: 0 } };
  const send = (m) => { const b = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m })); child.stdin.write(`Content-Length: ${b.length}\r\n\r\n`); child.stdin.write(b); };
  const request = (method, params) => new Promise((resolve) => { const id = nextId++; pending.set(id, resolve); send({ id, method, params }); });
  const onMessage = (m) => {
    if (m.id !== undefined && !m.method) { pending.get(m.id)?.(m.result); pending.delete(m.id); return; }
    if (m.id !== undefined) {
      let result = null;
      if (m.method === 'workspace/configuration') result = (m.params?.items ?? []).map((it) => (it.section === 'mailConfigLint' ? settings.mailConfigLint : null));
      send({ id: m.id, result });
      return;
    }
    if (m.method === '$/progress') {
      const k = m.params?.value?.kind;
      if (k === 'begin' && scanToken === undefined) scanToken = m.params.token;
      else if (k === 'end' && m.params.token === scanToken && scanEnd === null) { scanEnd = now(); peak = peakRssKB(child.pid); scanCpu = cpuS(child.pid); }
    } else if (m.method === 'textDocument/publishDiagnostics') {
      const p = m.params;
      if (p.uri === uri) { const t = now(); for (let i = waiters.length - 1; i >= 0; i--) if (p.version == null || p.version >= waiters[i].v) waiters.splice(i, 1)[0].resolve(t); }
      else if (p.uri.startsWith(treeUri)) { if (p.diagnostics.length) withFindings.add(p.uri); else withFindings.delete(p.uri); }
    }
  };
  child.stdout.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const he = buf.indexOf('\r\n\r\n');
      if (he < 0) return;
      const len = +/Content-Length:\s*(\d+)/i.exec(buf.subarray(0, he).toString('ascii'))[1];
      if (buf.length < he + 4 + len) return;
      const body = buf.subarray(he + 4, he + 4 + len).toString('utf8');
      buf = buf.subarray(he + 4 + len);
      onMessage(JSON.parse(body));
    }
  });
  const waitDiag = (v) => new Promise((resolve) => { const w = { v, resolve }; waiters.push(w); setTimeout(() => { const i = waiters.indexOf(w); if (i >= 0) { waiters.splice(i, 1); resolve(null); } }, 5000); });
  const res = { scanMs: null, scanCpuS: null, edits: [], timeouts: 0, filesWithFindings: 0, peakRssMB: null, error: null };
  try {
    await request('initialize', {
      processId: process.pid, rootUri: pathToFileURL(tree).href, workspaceFolders: [{ uri: pathToFileURL(tree).href, name: path.basename(tree) }],
      capabilities: {
        textDocument: { synchronization: { didSave: true }, publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
        window: { workDoneProgress: true },
      },
    });
    send({ method: 'initialized', params: {} });
    const original = fs.readFileSync(file, 'utf8');
    const lines = original.split('\n');
    const mid = Math.floor(lines.length / 2);
    let version = 1;
    const opened = waitDiag(1);
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: /\.ya?ml$/.test(file) ? 'yaml' : /\.env/.test(path.basename(file)) ? 'dotenv' : 'typescript', version, text: original } } });
    await opened;
    const deadline = now() + timeoutMs;
    while (scanEnd === null && now() < deadline) {
      version++;
      const text = [...lines.slice(0, mid), `# edit ${version}`, ...lines.slice(mid)].join('\n');
      const p = waitDiag(version);
      const ts = now();
      send({ method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ text }] } });
      const t = await p;
      // Only edits answered while the scan was still running count.
      if (t === null) res.timeouts++;
      else if (scanEnd === null || t <= scanEnd) res.edits.push(t - ts);
      await sleep(gap);
    }
    if (scanEnd === null) throw new Error(`scan did not end within ${timeoutMs} ms; stderr: ${stderr.slice(-300)}`);
    res.scanMs = scanEnd - t0;
    res.scanCpuS = scanCpu;
    res.filesWithFindings = withFindings.size;
    res.peakRssMB = peak ? r1(peak / 1024) : null;
    await Promise.race([request('shutdown', null), sleep(3000)]);
    send({ method: 'exit', params: null });
  } catch (e) {
    res.error = e.message;
  } finally {
    setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL'); }, 2000).unref();
  }
  return res;
}

function cliRun(cli, tree) {
  // CPU time through /usr/bin/time when it is there (the CLI's worker threads get more of a loaded machine
  // than the server's one thread: CPU seconds show the work apart from the share).
  const timeOut = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-ed-')), 'time');
  const haveTime = fs.existsSync('/usr/bin/time');
  const t0 = now();
  const r = haveTime
    ? spawnSync('/usr/bin/time', ['-o', timeOut, '-f', '%U %S', process.execPath, cli, '--format', 'sarif', tree], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
    : spawnSync(process.execPath, [cli, '--format', 'sarif', tree], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = now() - t0;
  let cpu = null;
  try { const [u, sy] = fs.readFileSync(timeOut, 'utf8').trim().split('\n').pop().split(' ').map(Number); cpu = u + sy; } catch { /* no time */ }
  fs.rmSync(path.dirname(timeOut), { recursive: true, force: true });
  let files = null;
  try { files = new Set(JSON.parse(r.stdout).runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri)).size; } catch { /* not JSON */ }
  return { ms, cpuS: cpu, code: r.status, files };
}

/**
 * o: { server, cli, tree, file, rounds, gap, log }. Interleaved rounds of the CLI and the server on `tree`.
 * Returns { rounds, scanOverCli (paired median), scanS, cliS, edit {n, p50, p95, max}, timeouts, files {scan, cli}, peakRssMB, errors }.
 */
export async function editorBench(o) {
  const rounds = [];
  const errors = [];
  for (let k = 0; k < o.rounds; k++) {
    const c = cliRun(o.cli, o.tree);
    const s = await serverRun({ server: o.server, tree: o.tree, file: o.file, gap: o.gap ?? 20, timeoutMs: o.timeoutMs ?? 600000 });
    if (s.error) errors.push(`round ${k + 1}: ${s.error}`);
    o.log?.(`editor round ${k + 1}: CLI ${(c.ms / 1000).toFixed(2)} s, server scan ${s.scanMs ? (s.scanMs / 1000).toFixed(2) : '-'} s, ${s.edits.length} edits during the scan (p95 ${r1(pct(s.edits, 95))} ms)`);
    rounds.push({ cliMs: c.ms, cliCpuS: c.cpuS, cliFiles: c.files, ...s });
  }
  const ok = rounds.filter((r) => r.scanMs);
  const edits = rounds.flatMap((r) => r.edits);
  return {
    rounds: o.rounds,
    scanOverCli: r2(med(ok.map((r) => r.scanMs / r.cliMs))),
    scanS: r2(med(ok.map((r) => r.scanMs)) / 1000),
    cliS: r2(med(rounds.map((r) => r.cliMs)) / 1000),
    // CPU seconds: the server's up to the end of the scan (start-up included), the CLI's whole run.
    cpuS: { scan: r2(med(ok.map((r) => r.scanCpuS).filter(Number.isFinite))), cli: r2(med(rounds.map((r) => r.cliCpuS).filter(Number.isFinite))) },
    edit: { n: edits.length, p50: r1(pct(edits, 50)), p95: r1(pct(edits, 95)), max: r1(Math.max(...edits)) },
    timeouts: rounds.reduce((a, r) => a + r.timeouts, 0),
    files: { scan: ok[0]?.filesWithFindings ?? null, cli: rounds[0]?.cliFiles ?? null },
    peakRssMB: r1(Math.max(...ok.map((r) => r.peakRssMB ?? 0))),
    errors,
  };
}

// Standalone: node scripts/bench-editor.mjs TREE FILE [ROUNDS]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const [tree, file, rounds = '1'] = process.argv.slice(2);
  const r = await editorBench({ server: path.join(root, 'dist/server.js'), cli: path.join(root, 'dist/cli.js'), tree: path.resolve(tree), file: path.resolve(file), rounds: +rounds, log: console.log });
  console.log(JSON.stringify(r, null, 1));
}
