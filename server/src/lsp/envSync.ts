// Env-file sync: the variables of every .env* file a document can read (open buffers, files on disk in the
// workspace folders, next to and above documents outside them, and the project config's extraEnvFiles) in
// one EnvIndex the engine resolves process.env.X against. When a file's variables change, the open
// documents that can read it are stale (`onStale`).
import * as path from 'node:path';
import { EnvIndex, envVarsOf } from '../engine';
import type { ReadResult } from '../model/types';
import { looksBinary } from './linter';
import type { Session } from './session';
import { findEnvFiles, readSmallFile } from './workspace';
import { envFilesNear } from '../files/env-near';

export class EnvSync {
  readonly env = new EnvIndex();
  /** Env file → serialized variables (change detection). */
  private readonly signatures = new Map<string, string>();
  /** Env file → its variables now (what the workspace scan thread starts from). */
  private readonly vars = new Map<string, ReadResult['envVars']>();
  /** Folders loadNear has read. */
  private readonly scannedDirs = new Set<string>();

  /** Told when an env file's variables change (the workspace report re-lints the files on disk that read it). */
  private readonly changeListeners: ((file: string) => void)[] = [];

  constructor(
    private readonly session: Session,
    private readonly onStale: (uris: string[]) => void,
  ) {}

  onChange(listener: (file: string) => void): void {
    this.changeListeners.push(listener);
  }

  /** How many env files define variables now. */
  get size(): number {
    return this.signatures.size;
  }

  /** `file` (open as `sourceUri`, or on disk) defines these variables now. */
  update(file: string, defined: ReadResult['envVars'], sourceUri?: string): void {
    const vars = defined ?? {};
    // readAs too: whether code reading a variable echoes this file's finding (engine.ts echoFields) depends on it.
    const sig = JSON.stringify(Object.entries(vars).map(([k, v]) => [k, v.value, v.ref.span.start, v.readAs ?? '', v.scope ?? '']));
    if (this.signatures.get(file) === sig) return;
    const before = this.vars.get(file);
    this.signatures.set(file, sig);
    this.vars.set(file, vars);
    this.env.set(file, vars);
    this.markDependants(file, sourceUri, before);
    for (const l of this.changeListeners) l(file);
  }

  remove(file: string): void {
    if (!this.signatures.has(file)) return;
    const before = this.vars.get(file);
    this.signatures.delete(file);
    this.vars.delete(file);
    this.env.delete(file);
    this.markDependants(file, undefined, before);
    for (const l of this.changeListeners) l(file);
  }

  /** Every open document that can read `envFile` (same folder or below, or below a folder its values are scoped to:
   *  a compose service's build context) is stale now. */
  private markDependants(envFile: string, except?: string, before?: ReadResult['envVars']): void {
    const dirs = new Set([path.dirname(envFile)]);
    for (const vars of [before, this.vars.get(envFile)]) for (const v of Object.values(vars ?? {})) if (v.scope) dirs.add(v.scope);
    const stale: string[] = [];
    for (const st of this.session.states.values()) {
      if (st.uri === except) continue;
      if (st.file === envFile) continue;
      const inside = (dir: string) => {
        const rel = path.relative(dir, st.file);
        return !rel.startsWith('..') && !path.isAbsolute(rel);
      };
      if (![...dirs].some(inside)) continue;
      st.gen++;
      stale.push(st.uri);
    }
    if (stale.length) this.onStale(stale);
  }

  /** The env files of a workspace folder and the extra ones its project config names (open buffers win). */
  async loadFolder(folder: string): Promise<void> {
    const { byFile, configs } = this.session;
    const files = await findEnvFiles(folder);
    for (const f of files) if (!byFile.has(f)) this.loadFromDisk(f);
    for (const f of configs.forFile(path.join(folder, 'x')).extraEnvFiles) if (!byFile.has(f)) this.loadFromDisk(f);
  }

  /**
   * A document outside the scanned workspace folders (a single file opened in Neovim, a file from another
   * project) still reads the .env files next to it and above it: load those folders once.
   */
  async loadNear(file: string): Promise<void> {
    if (!path.isAbsolute(file) || this.session.folderOf(file)) return;
    const seen = (dir: string): boolean => {
      if (this.scannedDirs.has(dir)) return true;
      this.scannedDirs.add(dir);
      return false;
    };
    for (const f of envFilesNear(file, { maxDepth: 12, skipDir: seen })) {
      if (!this.session.byFile.has(f) && !this.signatures.has(f)) this.loadFromDisk(f);
    }
  }

  /** The variables of `file` now (undefined: it defines none, or is not known). */
  varsOf(file: string): ReadResult['envVars'] {
    return this.vars.get(file);
  }

  /** Every env file known, with its variables and text (an open buffer's live text): the scan thread's start. */
  snapshot(): { file: string; vars: ReadResult['envVars']; text?: string }[] {
    const { byFile, documents, diskText } = this.session;
    return [...this.vars].map(([file, vars]) => {
      const uri = byFile.get(file);
      return { file, vars, text: (uri ? documents.get(uri)?.getText() : undefined) ?? diskText.get(file) };
    });
  }

  /** An env file on disk that the workspace scan thread read (text and variables as loadFromDisk takes them). */
  learn(file: string, text: string, vars: ReadResult['envVars']): void {
    if (this.knows(file)) return; // opened (or read) since the scan thread started: that version wins
    this.session.diskText.set(file, text);
    this.update(file, vars);
  }

  /** Whether the variables of `file` are known (open, or read from disk). */
  knows(file: string): boolean {
    return this.signatures.has(file) || this.session.byFile.has(file);
  }

  /** (Re)reads an env file from disk; a missing, huge or binary file defines nothing. */
  loadFromDisk(file: string): void {
    const text = readSmallFile(file);
    if (text === undefined || looksBinary(text)) return this.remove(file);
    this.session.diskText.set(file, text);
    let vars: ReadResult['envVars'];
    try {
      vars = envVarsOf(file, text, this.env); // the variables only: this file's findings show when it is opened
    } catch {
      vars = undefined; // a reader bug must not take the server down; the file then defines nothing
    }
    this.update(file, vars);
  }

  /** The file is gone from disk. */
  deleted(file: string): void {
    this.session.diskText.delete(file);
    this.remove(file);
  }
}
