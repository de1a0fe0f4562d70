// The state the language server's modules share: the open documents and their lint state, what the client
// supports, the workspace folders, editor settings and project configs. No behaviour beyond lookups: the
// linter, env sync, foreign findings, publisher, code actions and commands (one module each) work on it,
// and server.ts wires them to the connection.
import { fsModuleLookup } from '../fsModules';
import type { ModuleLookup } from '../readers/types';
import { SpringSync } from './springSync';
import * as path from 'node:path';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileResult, LintOptions } from '../engine';
import type { Finding } from '../model/types';
import { LineIndex } from '../model/lineIndex';
import { formatOf } from '../readers/index';
import type { FileText } from './convert';
import type { ItemSnapshot } from './incremental';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import { fileToUri, ProjectConfigs, readSmallFile, uriToFile } from './workspace';

/** One version of a document as the engine saw it. */
export interface LintResult {
  key: string;
  /** The settings/dependency generation it was linted with (st.gen then). */
  gen: number;
  version: number;
  file: string;
  text: string;
  index: LineIndex;
  /** The engine's whole result. After an incremental re-lint (`items`) it is computed on first use. */
  result: FileResult;
  /** Findings in this document's own file (from `result`). */
  own: Finding[];
  /** Problems reading this version (known without `result`). */
  problems: FileResult['problems'];
  /** Huge YAML documents: the diagnostics of their units (documents or top-level list items), reused by the next version's re-lint. */
  items?: ItemSnapshot;
  /** The engine's result for the units around [start, end] (hover, quick fixes): `result` itself
   *  unless the document is re-linted by items. */
  near(start: number, end: number): FileResult;
  settings: Settings;
  lintOptions: LintOptions;
  /** Why nothing was linted (disabled, ignored, binary, too large): the publisher branches on the kind. */
  skipped?: SkipReason;
}

export interface SkipReason {
  kind: 'disabled' | 'not-ours' | 'ignored' | 'too-large' | 'binary';
  /** For the log and the one diagnostic of a too-large document: 'too large (17.0 MB > 16 MB): not linted'. */
  reason: string;
}

/** An open document's lint state. */
export interface DocState {
  uri: string;
  file: string;
  /** Bumped when something the lint depends on changes (settings, project config, an env file it reads). */
  gen: number;
  /** Version last saved (or opened): run=onSave lints only these. */
  savedVersion: number;
  result?: LintResult;
  timer?: NodeJS.Timeout;
  published?: Diagnostic[];
  /** Converted diagnostics of `result` (key) with the foreign findings of generation `fg`. */
  diagCache?: { key: string; fg: number; diagnostics: Diagnostic[] };
}

/** What the client said it supports (initialize), and the diagnostics mode chosen from it. */
export interface ClientCaps {
  /** Pull diagnostics (textDocument/diagnostic) instead of publishDiagnostics. */
  pull: boolean;
  refreshSupport: boolean;
  configurationSupport: boolean;
  dynamicConfig: boolean;
  watchedFilesDynamic: boolean;
  relatedInfo: boolean;
  codeDescription: boolean;
  markdown: boolean;
  versionedEdits: boolean;
  showDocumentSupport: boolean;
  /** Server-initiated work-done progress (window/workDoneProgress/create). */
  workDoneProgress: boolean;
}

const LANG_SUFFIX: Record<string, string> = {
  dotenv: '.env',
  properties: '', // not ours unless the name says .env
  yaml: '.yaml',
  dockercompose: '.yaml',
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
  ini: '.ini',
};

/** The engine's name for a document: its path, or for untitled buffers and odd names one its language id gives. */
export function fileFor(doc: TextDocument): string {
  const p = uriToFile(doc.uri) ?? doc.uri;
  if (formatOf(p)) return p;
  // Untitled buffers and odd names: fall back on the language id so `untitled:Untitled-1` in dotenv mode lints.
  const suffix = LANG_SUFFIX[doc.languageId];
  return suffix ? `${p}${suffix}` : p;
}

export class Session {
  readonly states = new Map<string, DocState>();
  /** Engine file → uri of the open document. */
  readonly byFile = new Map<string, string>();
  /** One import hop from a JS/TS file into local modules of the workspace folders (open documents: their current text). */
  readonly modules: ModuleLookup = fsModuleLookup({
    roots: () => this.folders,
    overlay: (file) => {
      const uri = this.byFile.get(file);
      return uri ? this.documents.get(uri)?.getText() : undefined;
    },
  });
  /** Env files read from disk (not open), by file. */
  readonly diskText = new Map<string, string>();
  readonly configs: ProjectConfigs;
  /** The project's own Spring property bindings (Java/Kotlin files of the workspace). */
  readonly spring = new SpringSync();
  caps: ClientCaps = {
    pull: false,
    refreshSupport: false,
    configurationSupport: false,
    dynamicConfig: false,
    watchedFilesDynamic: false,
    relatedInfo: true,
    codeDescription: true,
    markdown: true,
    versionedEdits: false,
    showDocumentSupport: false,
    workDoneProgress: false,
  };
  folders: string[] = [];
  /** Settings sent with didChangeConfiguration (clients without workspace/configuration). */
  globalSettings: Settings = DEFAULT_SETTINGS;
  private readonly settingsCache = new Map<string, Promise<Settings>>();

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
  ) {
    this.configs = new ProjectConfigs((m) => {
      connection.console.warn(m);
      void connection.window.showWarningMessage(m);
    });
  }

  log(m: string): void {
    this.connection.console.log(m);
  }

  // -----------------------------------------------------------------------------------------------
  // Documents ↔ files

  stateFor(doc: TextDocument): DocState {
    let st = this.states.get(doc.uri);
    if (!st) {
      st = { uri: doc.uri, file: fileFor(doc), gen: 0, savedVersion: doc.version };
      this.states.set(doc.uri, st);
      this.byFile.set(st.file, doc.uri);
    }
    return st;
  }

  /** Forgets a closed document. */
  close(uri: string): DocState | undefined {
    const st = this.states.get(uri);
    if (!st) return undefined;
    if (st.timer) clearTimeout(st.timer);
    this.states.delete(uri);
    if (this.byFile.get(st.file) === uri) this.byFile.delete(st.file);
    this.settingsCache.delete(uri);
    return st;
  }

  /** A file's text and uri: the open document (as linted, when current) or the file on disk. */
  fileText(file: string): FileText | undefined {
    const uri = this.byFile.get(file);
    if (uri) {
      const st = this.states.get(uri);
      const doc = this.documents.get(uri);
      const lr = st?.result;
      if (lr && doc && lr.version === doc.version) return textOf(uri, lr);
      if (doc) {
        const text = doc.getText();
        return { uri, text, index: new LineIndex(text) };
      }
    }
    const text = this.diskText.get(file) ?? readSmallFile(file);
    if (text === undefined) return undefined;
    return { uri: fileToUri(file), text, index: new LineIndex(text) };
  }

  /** The workspace folder `file` is in (the innermost), if any. */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      const rel = path.relative(f, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  // -----------------------------------------------------------------------------------------------
  // Settings

  settingsFor(uri: string): Promise<Settings> {
    if (!this.caps.configurationSupport) return Promise.resolve(this.globalSettings);
    let p = this.settingsCache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'mailConfigLint' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.settingsCache.set(uri, p);
    }
    return p;
  }

  /** Settings may have changed: every document asks again, and every lint is stale. */
  forgetSettings(): void {
    this.settingsCache.clear();
    for (const st of this.states.values()) st.gen++;
  }
}

/** The linted text of a document; its line index is built only if a position is asked for. */
export function textOf(uri: string, lr: LintResult): FileText {
  return {
    uri,
    text: lr.text,
    get index() {
      return lr.index;
    },
  };
}
