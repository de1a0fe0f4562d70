// A raw JSON-RPC (LSP) client over stdio for the server tests: Content-Length framing by hand, answers the
// server's requests (workspace/configuration from a settings object, applyEdit, showDocument, refresh).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  codeDescription?: { href: string };
  relatedInformation?: { location: { uri: string; range: Diag['range'] }; message: string }[];
  data?: unknown;
}

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diag[];
}

export interface ClientOptions {
  /** Advertise pull diagnostics (textDocument/diagnostic + refresh), like VS Code. Default: push only. */
  pull?: boolean;
  settings?: Record<string, unknown>;
  rootDir?: string;
  /** Answer for workspace/applyEdit. */
  applyEdits?: boolean;
  /** Advertise publishDiagnostics.relatedInformation (default true). */
  relatedInformation?: boolean;
  /** Advertise window.workDoneProgress (server-initiated progress). */
  workDoneProgress?: boolean;
  /** The answer to workspace/configuration for `files.exclude` (VS Code's setting). */
  filesExclude?: Record<string, boolean>;
  /** Extra environment of the server process (e.g. NODE_EXTRA_CA_CERTS for a test CA, test hooks). */
  env?: Record<string, string>;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Latest diagnostics per uri (push). */
  readonly diagnostics = new Map<string, Published>();
  readonly allPublished: Published[] = [];
  private waiters: { pred: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  readonly requests: { method: string; params: unknown }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly appliedEdits: unknown[] = [];
  settings: Record<string, unknown>;
  stderr = '';
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();

  constructor(private readonly opts: ClientOptions = {}) {
    this.settings = opts.settings ?? {};
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}) });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const header = this.buf.subarray(0, sep).toString('ascii');
      const m = /Content-Length: (\d+)/i.exec(header);
      if (!m) throw new Error(`bad header: ${header}`);
      const len = Number(m[1]);
      if (this.buf.length < sep + 4 + len) return;
      const body = this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(sep + 4 + len);
      this.onMessage(JSON.parse(body));
    }
  }

  private onMessage(m: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string; code?: number } }): void {
    if (m.method && m.id !== undefined) {
      this.requests.push({ method: m.method, params: m.params });
      this.send({ jsonrpc: '2.0', id: m.id, result: this.answer(m.method, m.params) });
      return;
    }
    if (m.method) {
      this.notifications.push({ method: m.method, params: m.params });
      if (m.method === 'textDocument/publishDiagnostics') {
        const p = m.params as Published;
        this.diagnostics.set(p.uri, p);
        this.allPublished.push(p);
        this.waiters = this.waiters.filter((w) => {
          if (!w.pred(p)) return true;
          w.resolve(p);
          return false;
        });
      }
      return;
    }
    if (m.id !== undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!p) return;
      if (m.error) p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
      else p.resolve(m.result);
    }
  }

  private answer(method: string, params: unknown): unknown {
    switch (method) {
      case 'workspace/configuration': {
        const items = (params as { items: { section?: string; scopeUri?: string }[] }).items;
        // Tests that do not ask for the workspace scan get `scope: openFiles`: unopened files stay quiet, as
        // the tests written before workspace diagnostics expect (test/lsp/workspace-diagnostics.test.ts opts in).
        return items.map((it) =>
          it.section === 'mailConfigLint' ? { scope: 'openFiles', ...this.settings } : it.section === 'files.exclude' ? (this.opts.filesExclude ?? {}) : null,
        );
      }
      case 'workspace/applyEdit':
        this.appliedEdits.push(params);
        return { applied: this.opts.applyEdits !== false };
      case 'window/showDocument':
        return { success: true };
      default:
        return null;
    }
  }

  private send(msg: unknown): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 20000): Promise<T> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms; stderr: ${this.stderr.slice(-500)}`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(t);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(t);
          reject(e);
        },
      });
    });
  }

  /** Sends a request and returns its id so a test can cancel it. */
  requestWithId<T = unknown>(method: string, params: unknown): { id: number; result: Promise<T> } {
    const id = this.nextId;
    return { id, result: this.request<T>(method, params) };
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** `$/progress` values seen for `token` (or any token), in order. */
  progressOf(token?: string | number): { token: string | number; value: { kind?: string; items?: unknown[] } & Record<string, unknown> }[] {
    return this.notifications
      .filter((n) => n.method === '$/progress')
      .map((n) => n.params as { token: string | number; value: { kind?: string } & Record<string, unknown> })
      .filter((p) => token === undefined || p.token === token);
  }

  /** Polls until `pred` holds on what has arrived (notifications are processed as they come). */
  async until(pred: () => boolean, what: string, timeoutMs = 30000): Promise<void> {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms; stderr: ${this.stderr.slice(-500)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The token of the first work-done progress that began. */
  async waitProgressBegin(): Promise<string | number> {
    await this.until(() => this.progressOf().some((p) => p.value.kind === 'begin'), 'work-done progress begin');
    return this.progressOf().find((p) => p.value.kind === 'begin')!.token;
  }

  /** Waits until every work-done progress that began has ended. */
  async waitProgressEnd(): Promise<void> {
    const open = () => {
      const begun = new Set(this.progressOf().filter((p) => p.value.kind === 'begin').map((p) => p.token));
      for (const p of this.progressOf()) if (p.value.kind === 'end') begun.delete(p.token);
      return begun.size;
    };
    await this.until(() => this.progressOf().some((p) => p.value.kind === 'begin') && open() === 0, 'work-done progress end');
  }

  /** workspace/diagnostic with a partial result token: the partial batches and the final answer. */
  async workspaceDiagnostics(previousResultIds: { uri: string; value: string }[]): Promise<{ partial: { items: { kind: string; uri: string; resultId?: string; items?: Diag[] }[] }[]; result: { items: { kind: string; uri: string; resultId?: string; items?: Diag[] }[] } }> {
    const token = `ws-${this.nextId}`;
    type Items = { items: { kind: string; uri: string; resultId?: string; items?: Diag[] }[] };
    const result = await this.request<Items>('workspace/diagnostic', { previousResultIds, partialResultToken: token }, 60000);
    const partial = this.progressOf(token).map((p) => p.value as unknown as Items);
    return { partial, result };
  }

  async initialize(): Promise<{ capabilities: Record<string, unknown> }> {
    const root = this.opts.rootDir;
    const textDocument: Record<string, unknown> = {
      synchronization: { didSave: true, dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: this.opts.relatedInformation ?? true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    };
    const workspace: Record<string, unknown> = {
      configuration: true,
      workspaceFolders: true,
      applyEdit: true,
      workspaceEdit: { documentChanges: true },
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
    };
    if (this.opts.pull) {
      textDocument.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
      workspace.diagnostics = { refreshSupport: true };
    }
    const r = await this.request<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: root ? pathToFileURL(root).href : null,
      workspaceFolders: root ? [{ uri: pathToFileURL(root).href, name: path.basename(root) }] : null,
      capabilities: { textDocument, workspace, window: { showDocument: { support: true }, workDoneProgress: !!this.opts.workDoneProgress } },
    });
    this.notify('initialized', {});
    return r;
  }

  open(file: string, text: string, languageId = languageOf(file)): string {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Full-text change. Returns the new version. */
  change(uri: string, text: string): number {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.texts.set(uri, text);
    this.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    return v;
  }

  /** Incremental change: replace a range. */
  edit(uri: string, range: Diag['range'], newText: string): number {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: newText }] });
    return v;
  }

  save(uri: string): void {
    this.notify('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  /** Waits for a publishDiagnostics for `uri` (at least `minVersion`, and matching `pred`). */
  waitDiagnostics(uri: string, pred: (p: Published) => boolean = () => true, timeoutMs = 15000): Promise<Published> {
    const cur = this.diagnostics.get(uri);
    if (cur && pred(cur)) return Promise.resolve(cur);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))?.slice(0, 800)}`));
      }, timeoutMs);
      const w = {
        pred: (p: Published) => p.uri === uri && pred(p),
        resolve: (p: Published) => {
          clearTimeout(t);
          resolve(p);
        },
      };
      this.waiters.push(w);
    });
  }

  /** Diagnostics for the current version (push): waits for a publish with version >= current. */
  diagnosticsNow(uri: string, timeoutMs = 15000): Promise<Diag[]> {
    const v = this.version(uri);
    return this.waitDiagnostics(uri, (p) => p.version === undefined || p.version >= v, timeoutMs).then((p) => p.diagnostics);
  }

  /** Pull diagnostics (textDocument/diagnostic). */
  async pullDiagnostics(uri: string): Promise<Diag[]> {
    const r = await this.request<{ kind: string; items: Diag[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return r.items;
  }

  codeActions(uri: string, range: Diag['range'], diagnostics: Diag[], only?: string[]): Promise<CodeActionLike[]> {
    return this.request<CodeActionLike[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  hover(uri: string, line: number, character: number): Promise<{ contents: { kind: string; value: string }; range?: Diag['range'] } | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  setSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    this.notify('workspace/didChangeConfiguration', { settings: null });
  }

  async stop(): Promise<void> {
    try {
      await this.request('shutdown', null, 3000);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 2000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

export interface CodeActionLike {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: Diag[];
  edit?: { changes?: Record<string, TextEditLike[]>; documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEditLike[] }[] };
  command?: { command: string; arguments?: unknown[] };
}

export interface TextEditLike {
  range: Diag['range'];
  newText: string;
}

export function languageOf(file: string): string {
  const base = path.basename(file);
  if (/^\.env/.test(base) || base.endsWith('.env')) return 'dotenv';
  const ext = path.extname(base);
  if (ext === '.yml' || ext === '.yaml') return 'yaml';
  if (ext === '.ts') return 'typescript';
  if (ext === '.tsx') return 'typescriptreact';
  if (ext === '.jsx') return 'javascriptreact';
  return 'javascript';
}

/** Applies LSP text edits to a text (for checking what a code action does). */
export function applyEdits(text: string, edits: TextEditLike[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, text.length));
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

/** The edits of a code action for one uri, whichever form (changes / documentChanges) it uses. */
export function editsFor(action: CodeActionLike, uri: string): TextEditLike[] {
  if (action.edit?.changes?.[uri]) return action.edit.changes[uri];
  return (action.edit?.documentChanges ?? []).filter((d) => d.textDocument.uri === uri).flatMap((d) => d.edits);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
