// Shared helpers of the CLI tests: run the built bin (dist/cli.js) as a child process or runCli in-process,
// temporary workspaces, SARIF/JSON parsing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../server/src/cli/run';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestMtime(p));
    else if (e.name.endsWith('.ts') || e.name.endsWith('.json')) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/cli.js when it is missing or older than the sources (npm test builds first anyway). */
export function ensureBuilt(): void {
  const src = Math.max(newestMtime(path.join(ROOT, 'server', 'src')), fs.statSync(path.join(ROOT, 'package.json')).mtimeMs);
  if (fs.existsSync(CLI) && fs.statSync(CLI).mtimeMs >= src) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runBin(args: string[], opts: { cwd: string; env?: Record<string, string | undefined>; uid?: number; gid?: number; timeout?: number }): RunResult {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env })) if (v !== undefined) env[k] = v;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    env,
    encoding: 'utf8',
    uid: opts.uid,
    gid: opts.gid,
    timeout: opts.timeout ?? 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** In-process run with captured output. */
export async function runInProcess(args: string[], cwd: string, extra: Partial<CliIO> = {}): Promise<RunResult> {
  const { runCli } = await import('../../server/src/cli/run');
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    env: {},
    isTTY: false,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    ...extra,
  });
  return { code, stdout, stderr };
}

export function tmpDir(prefix = 'mcl-cli-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Writes files (path → content) under dir, creating folders. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

export function copyDir(src: string, dst: string): void {
  fs.cpSync(src, dst, { recursive: true });
}

/** No stack trace, no "at " frames, at most a few lines. */
export function assertNoStack(stderr: string): void {
  if (/\n\s+at .+\(.*:\d+:\d+\)|\bError: .*\n\s+at /.test(stderr)) throw new Error(`stack trace on stderr:\n${stderr}`);
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
  relatedLocations?: { id: number; message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[] }[] }[];
}

export function sarifResults(stdout: string): SarifResult[] {
  const s = JSON.parse(stdout);
  return s.runs[0].results as SarifResult[];
}
