// The workspace scan's own thread (issue 15): walks the workspace folders with the CLI's discovery, reads,
// prefilters and lints every candidate file, and posts the diagnostics back in batches. The language
// server's thread only merges them (workspaceDiagnostics.ts), so a document edit never waits for the scan:
// when the scan shared that thread in 5 ms slices, an edit's lint waited behind a slice and its garbage
// (edit → diagnostics p95 34-47 ms at load 6-8, against 15 ms without the scan).
//
// The thread starts with the variables of every env file the server knows (open buffers: their live text),
// reads the .env* files it meets that the server did not know (before any file in or below their folder:
// the walk announces them) and posts them back, and takes env changes made while it runs from a message
// port it reads between files (`gen` says which changes a batch of results has seen).
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver';
import { EnvIndex, envVarsOf, type RuleSetting } from '../engine';
import { Walk } from '../files/discover';
import { fsModuleLookup } from '../fsModules';
import { LineIndex } from '../model/lineIndex';
import type { ReadResult } from '../model/types';
import { diskDiagnostics, folderIgnore, type DiskLintContext } from './diskLint';
import { looksBinary } from './linter';
import { fileToUri, ProjectConfigs, readSmallFile } from './workspace';

/** Marks the workerData of the scan thread (main.ts starts the scan instead of a server when it sees it). */
export const SCAN_WORKER_TAG = 'mail-config-lint-scan';

export type EnvVars = ReadResult['envVars'];

/** One workspace folder to scan, with what decides which of its files are in the report. */
export interface ScanFolder {
  folder: string;
  /** The editor's mailConfigLint.rules (merged over the project config's, per file). */
  rules: Record<string, RuleSetting>;
  /** mailConfigLint.ignore globs. */
  ignore: string[];
  /** The client's files.exclude globs that are on. */
  exclude: string[];
}

/** An env file's variables as the server has them (an open buffer's live text, else the file on disk). */
export interface EnvFileState {
  file: string;
  vars: EnvVars;
  text?: string;
}

export interface ScanWorkerData {
  tag: typeof SCAN_WORKER_TAG;
  folders: ScanFolder[];
  /** Every workspace folder (the module lookup's roots). */
  roots: string[];
  env: EnvFileState[];
  /** Files open in the editor: the publisher reports their live text, the scan only says it met them. */
  open: string[];
  relatedInfo: boolean;
  codeDescription: boolean;
  /** EnvUpdate messages while the scan runs (read synchronously between files). */
  updates: MessagePort;
  /** Test hook: after this many files the thread blocks (busy, not yielding) on `hold` until released. */
  pauseAfter?: number;
  hold?: SharedArrayBuffer;
}

/** An env file changed in the server while the scan runs (`vars` undefined: it defines nothing now). */
export interface EnvUpdate {
  gen: number;
  file: string;
  vars: EnvVars;
  text?: string;
}

export type FromScanWorker =
  | { kind: 'folder'; folder: string }
  /** An env file the server did not know (read from disk here). */
  | { kind: 'env'; file: string; text: string; vars: EnvVars }
  /**
   * Files linted with the env changes up to `gen`: those with diagnostics, and the others (clean or open) as
   * one string of paths joined by NUL (no path holds one): most files of a big tree are clean, and one string
   * is much cheaper to post and take in than an array of [path, []] pairs.
   */
  | { kind: 'files'; gen: number; linted: number; results: [string, Diagnostic[]][]; clean: string }
  | { kind: 'paused'; linted: number }
  /** A project config the thread could not read (the server shows it like its own). */
  | { kind: 'config-error'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'done'; linted: number };

/** Files with diagnostics per batch: few messages, yet results stream (a batch also goes out after BATCH_MS). */
const BATCH = 64;
/** Clean files per batch (one string of paths each). */
const CLEAN_BATCH = 1024;
const BATCH_MS = 50;
/** The walk runs in steps of this many ms between which the files it found are linted (results stream). */
const WALK_STEP_MS = 20;

export function runScanWorker(): void {
  const data = workerData as ScanWorkerData;
  const post = (m: FromScanWorker) => parentPort!.postMessage(m);
  try {
    scan(data, post);
  } catch (e) {
    post({ kind: 'error', message: String((e as Error)?.stack ?? e) });
  }
}

/** The scan itself (exported for tests, which run it on their own thread with their own port). */
export function scan(data: ScanWorkerData, post: (m: FromScanWorker) => void): void {
  const env = new EnvIndex();
  const known = new Set<string>();
  const texts = new Map<string, string>();
  for (const e of data.env) {
    env.set(e.file, e.vars);
    known.add(e.file);
    if (e.text !== undefined) texts.set(e.file, e.text);
  }
  const open = new Set(data.open);
  const ctx: DiskLintContext = {
    env,
    modules: fsModuleLookup({ roots: () => data.roots }),
    configs: new ProjectConfigs((message) => post({ kind: 'config-error', message })),
    relatedInfo: data.relatedInfo,
    codeDescription: data.codeDescription,
    fileText: (f) => {
      const text = texts.get(f) ?? readSmallFile(f);
      return text === undefined ? undefined : { uri: fileToUri(f), text, index: new LineIndex(text) };
    },
  };

  let gen = 0;
  let linted = 0;
  let batch: [string, Diagnostic[]][] = [];
  let clean: string[] = [];
  let batchStart = performance.now();
  const flush = () => {
    if (batch.length || clean.length) post({ kind: 'files', gen, linted, results: batch, clean: clean.join('\0') });
    batch = [];
    clean = [];
    batchStart = performance.now();
  };
  /** Env changes made in the server since the last look (the results so far go out first, under their gen). */
  const takeUpdates = () => {
    for (let m = receiveMessageOnPort(data.updates); m; m = receiveMessageOnPort(data.updates)) {
      flush();
      const u = m.message as EnvUpdate;
      gen = u.gen;
      known.add(u.file);
      env.set(u.file, u.vars);
      if (u.text !== undefined) texts.set(u.file, u.text);
      else texts.delete(u.file);
    }
  };
  /** An env file met by the walk: read here unless the server has it (an open buffer's live text wins). */
  const learn = (f: string) => {
    if (known.has(f) || open.has(f)) return;
    known.add(f);
    const text = readSmallFile(f);
    if (text === undefined || looksBinary(text)) return;
    let vars: EnvVars;
    try {
      vars = envVarsOf(f, text, env);
    } catch {
      vars = undefined; // a reader bug must not stop the scan; the file then defines nothing
    }
    env.set(f, vars);
    texts.set(f, text);
    post({ kind: 'env', file: f, text, vars });
  };

  for (const s of data.folders) {
    post({ kind: 'folder', folder: s.folder });
    const ignored = folderIgnore(s.folder, s.ignore, ctx.configs, s.exclude);
    let walk: Walk;
    try {
      walk = new Walk([s.folder], s.folder, (abs) => ignored(abs), { gitignore: true, announce: { test: (_name, format) => format === 'env', found: learn } });
    } catch {
      continue; // the folder is gone
    }
    let next = 0;
    for (;;) {
      const walked = walk.done || walk.run(WALK_STEP_MS);
      for (; next < walk.files.length; next++) {
        takeUpdates();
        const file = walk.files[next];
        let diagnostics: Diagnostic[] = [];
        if (!open.has(file)) {
          try {
            diagnostics = diskDiagnostics(file, s.rules, ctx, true);
          } catch {
            diagnostics = []; // lintText promises not to throw; a bug must still not end the scan
          }
        }
        if (diagnostics.length) batch.push([file, diagnostics]);
        else clean.push(file);
        linted++;
        if (linted === data.pauseAfter && data.hold) {
          // Test hook: the results so far go out, then this thread is held busy until released.
          flush();
          post({ kind: 'paused', linted });
          Atomics.wait(new Int32Array(data.hold), 0, 0);
          return;
        }
        if (batch.length >= BATCH || clean.length >= CLEAN_BATCH || performance.now() - batchStart >= BATCH_MS) flush();
      }
      if (walked) break;
    }
  }
  takeUpdates();
  flush();
  post({ kind: 'done', linted });
}
