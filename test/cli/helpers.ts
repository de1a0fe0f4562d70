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

/**
 * Checks that dist/cli.js is built and not older than the sources. Tests never build: test files run in
 * parallel, and a build in one would rewrite dist/ under another (the npm test scripts build first).
 */
export function ensureBuilt(): void {
  const hint = 'run `node scripts/build.mjs` first (npm test and the npm run test:* scripts do)';
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: ${hint}`);
  const src = Math.max(newestMtime(path.join(ROOT, 'server', 'src')), fs.statSync(path.join(ROOT, 'package.json')).mtimeMs);
  if (fs.statSync(CLI).mtimeMs < src) throw new Error(`${CLI} is older than server/src: ${hint}`);
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

/**
 * The SARIF 2.1.0 constraints GitHub code scanning and the OASIS schema put on what we emit, checked on
 * every result: required members, 1-based regions that do not run backwards, rule indexes that point at
 * the rule, non-empty fix replacements, relative URIs under %SRCROOT%, fingerprints "hash:n".
 */
export function assertSarifShape(sarif: any): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const fail = (msg: string, at: unknown) => {
    throw new Error(`${msg}: ${JSON.stringify(at).slice(0, 400)}`);
  };
  if (sarif.version !== '2.1.0' || !Array.isArray(sarif.runs) || sarif.runs.length !== 1) fail('log', sarif.version);
  const run = sarif.runs[0];
  const rules = run.tool?.driver?.rules;
  if (run.tool?.driver?.name !== 'mail-config-lint' || !Array.isArray(rules)) fail('driver', run.tool);
  const ids = new Set<string>();
  for (const r of rules) {
    if (typeof r.id !== 'string' || ids.has(r.id)) fail('rule id missing or duplicated', r);
    ids.add(r.id);
    if (!r.shortDescription?.text || !r.fullDescription?.text || !/^https:\/\//.test(r.helpUri)) fail('rule texts', r);
    if (!['note', 'warning', 'error'].includes(r.defaultConfiguration?.level)) fail('rule level', r);
  }
  const region = (g: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) if (!Number.isInteger(g?.[k]) || g[k] < 1) fail(`region.${k}`, g);
    if (g.endLine < g.startLine || (g.endLine === g.startLine && g.endColumn < g.startColumn)) fail('region runs backwards', g);
  };
  const artifact = (a: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (typeof a?.uri !== 'string' || a.uri === '') fail('artifactLocation.uri', a);
    if (a.uriBaseId !== undefined && (a.uriBaseId !== '%SRCROOT%' || a.uri.startsWith('/'))) fail('relative uri', a);
    if (a.uriBaseId === undefined && !a.uri.startsWith('file:///')) fail('absolute uri', a);
    // A valid URI reference: no spaces, '#', '?' or stray '%' (path segments are percent-encoded).
    if (!/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/.test(a.uri)) fail('uri encoding', a);
  };
  for (const res of run.results) {
    if (!ids.has(res.ruleId) || rules[res.ruleIndex]?.id !== res.ruleId) fail('ruleIndex', res);
    if (!['note', 'warning', 'error'].includes(res.level) || !res.message?.text) fail('level/message', res);
    if (!Array.isArray(res.locations) || res.locations.length !== 1) fail('locations', res);
    artifact(res.locations[0].physicalLocation.artifactLocation);
    region(res.locations[0].physicalLocation.region);
    if (!/^[0-9a-f]{16}:\d+$/.test(res.partialFingerprints?.primaryLocationLineHash ?? '')) fail('fingerprint', res);
    for (const rl of res.relatedLocations ?? []) {
      if (!Number.isInteger(rl.id) || !rl.message?.text) fail('relatedLocation', rl);
      artifact(rl.physicalLocation.artifactLocation);
      region(rl.physicalLocation.region);
    }
    for (const fx of res.fixes ?? []) {
      if (!fx.description?.text || !fx.artifactChanges?.length) fail('fix', fx);
      for (const ch of fx.artifactChanges) {
        artifact(ch.artifactLocation);
        if (!ch.replacements?.length) fail('replacements', ch);
        for (const rp of ch.replacements) {
          region(rp.deletedRegion);
          if (typeof rp.insertedContent?.text !== 'string') fail('insertedContent', rp);
        }
      }
    }
  }
  for (const n of run.invocations?.[0]?.toolExecutionNotifications ?? []) if (!n.message?.text) fail('notification', n);
}
