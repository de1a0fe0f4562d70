// The Mail Config Lint language server: engine results as diagnostics, code actions and hovers.
// Works with any LSP client: pull diagnostics when the client supports them, push otherwise.
//
// This file only wires the connection to the modules (docs/architecture.md, "Language server"):
//   session.ts      shared state: open documents, client capabilities, folders, settings, project configs
//   linter.ts       document linter: one version → LintResult, cached per (version, generation)
//   envSync.ts      the .env* variables documents read (open buffers and files on disk)
//   foreign.ts      findings a document reports about another file
//   publisher.ts    diagnostics, pushed or pulled
//   codeActions.ts  quick fixes, disable comments, fix-all;  commands.ts  workspace/executeCommand
//   hoverProvider.ts hover;  protocol.ts  names shared with the VS Code client
//   workspaceDiagnostics.ts  findings of the files that are not open (scope: workspace), pulled or pushed
//
// Caching: each open document keeps the lint result for (version, generation); the generation bumps when
// something it depends on changes (settings, project config, an .env file it can read). Only the changed
// document and its dependants are re-linted.
import * as path from 'node:path';
import { version } from '../../../package.json';
import {
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  MarkupKind,
  type ServerCapabilities,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatOf } from '../readers/index';
import { CodeActions } from './codeActions';
import { Commands, SERVER_COMMANDS } from './commands';
import type { EngineContext, GetEngineContext } from './context';
import { EnvSync } from './envSync';
import { ForeignFindings } from './foreign';
import { provideHover } from './hoverProvider';
import { DocumentLinter } from './linter';
import { FIX_ALL_KIND } from './protocol';
import { Publisher } from './publisher';
import { Session } from './session';
import { normalizeSettings } from './settings';
import { isEnvFile, uriToFile } from './workspace';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';
import { watchedFileGlobs } from './watchers';
import { isJvmSource } from '../engine';
import { isDjangoSettingsFile } from '../semantics/django';

export const SERVER_VERSION: string = version;

export function startServer(
  connection: Connection,
  registerAddOns?: (documents: TextDocuments<TextDocument>, getEngineContext: GetEngineContext) => Partial<ServerCapabilities> | void,
): void {
  const documents = new TextDocuments(TextDocument);
  const session = new Session(connection, documents);
  // env sync and foreign findings tell the publisher which documents went stale; it is created after them.
  const envSync = new EnvSync(session, (uris) => publisher.relint(uris));
  const foreign = new ForeignFindings(session, (uris) => publisher.republish(uris));
  const linter = new DocumentLinter(session, envSync, foreign);
  const publisher: Publisher = new Publisher(session, linter, foreign);
  const codeActions = new CodeActions(session, linter);
  const commands = new Commands(session, linter, codeActions, publisher);
  const workspaceDiagnostics = new WorkspaceDiagnostics(session, envSync);
  envSync.onChange((file) => workspaceDiagnostics.envChanged(file));

  // -----------------------------------------------------------------------------------------------
  // Initialisation

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const c = session.caps;
    c.pull = !!caps.textDocument?.diagnostic;
    c.refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    c.configurationSupport = !!caps.workspace?.configuration;
    c.dynamicConfig = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    c.watchedFilesDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    c.relatedInfo = caps.textDocument?.publishDiagnostics?.relatedInformation ?? !!caps.textDocument?.diagnostic;
    c.codeDescription = caps.textDocument?.publishDiagnostics?.codeDescriptionSupport ?? true;
    c.markdown = (caps.textDocument?.hover?.contentFormat ?? [MarkupKind.Markdown]).includes(MarkupKind.Markdown);
    c.versionedEdits = !!caps.workspace?.workspaceEdit?.documentChanges;
    c.showDocumentSupport = !!caps.window?.showDocument?.support;
    c.workDoneProgress = !!caps.window?.workDoneProgress;
    // Pull without refresh cannot re-lint dependants: fall back to push.
    if (c.pull && !c.refreshSupport) c.pull = false;
    const opts = params.initializationOptions as { pullDiagnostics?: boolean } | undefined;
    if (opts?.pullDiagnostics === false) c.pull = false;
    if (params.workspaceFolders?.length) session.folders = params.workspaceFolders.map((f) => uriToFile(f.uri)).filter((x): x is string => !!x);
    else if (params.rootUri) session.folders = [uriToFile(params.rootUri)].filter((x): x is string => !!x);
    else if (params.rootPath) session.folders = [params.rootPath];

    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      executeCommandProvider: { commands: SERVER_COMMANDS },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    if (c.pull) capabilities.diagnosticProvider = { identifier: 'mail-config-lint', interFileDependencies: true, workspaceDiagnostics: true };
    if (addOnCaps) Object.assign(capabilities, addOnCaps);
    return { capabilities, serverInfo: { name: 'mail-config-lint', version: SERVER_VERSION } };
  });

  connection.onInitialized(async () => {
    const c = session.caps;
    session.log(`Mail Config Lint server ${SERVER_VERSION}: ${c.pull ? 'pull' : 'push'} diagnostics, folders ${session.folders.join(', ') || '(none)'}`);
    if (c.configurationSupport && c.dynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mailConfigLint' });
    if (c.watchedFilesDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        // The files a reader handles, the project config and JVM sources (lsp/watchers.ts; filtered again on arrival).
        watchers: watchedFileGlobs().map((globPattern) => ({ globPattern })),
      });
    }
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToFile(f.uri)));
        session.folders = session.folders.filter((f) => !removed.has(f));
        const added = e.added.map((f) => uriToFile(f.uri)).filter((x): x is string => !!x);
        session.folders.push(...added);
        void Promise.all([...added.map((f) => envSync.loadFolder(f)), ...added.map((f) => session.spring.loadFolder(f))]).then(() => {
          publisher.invalidateAll();
          void workspaceDiagnostics.start();
        });
      });
    } catch {
      // client without workspace folder support
    }
    // The Java/Kotlin walk (up to 40,000 entries, 14 folders deep) runs beside the env walk, and the workspace
    // scan does not wait for it: the scan thread lints files on disk without the project's Spring bindings
    // (issue 15: on a 100,000-file tree both walks came before the scan, on its critical path).
    const springLoad = Promise.all(session.folders.map((f) => session.spring.loadFolder(f)));
    await Promise.all(session.folders.map((f) => envSync.loadFolder(f)));
    if (envSync.size) session.log(`loaded ${envSync.size} env file(s) from disk`);
    void workspaceDiagnostics.start();
    const bound = await springLoad;
    if (bound.some(Boolean)) {
      session.log(`${session.spring.bindings.size} Java/Kotlin file(s) bind their own configuration properties`);
      publisher.invalidateAll();
    }
  });

  // -----------------------------------------------------------------------------------------------
  // Document events

  documents.onDidOpen((e) => {
    const st = session.stateFor(e.document);
    publisher.schedule(e.document.uri, 0);
    workspaceDiagnostics.opened(st.file); // the live text wins over the file on disk
    if (!isEnvFile(st.file) && formatOf(st.file)) void envSync.loadNear(st.file);
  });

  documents.onDidChangeContent((e) => {
    session.stateFor(e.document);
    if (session.caps.pull) return; // the client pulls after changes
    void session.settingsFor(e.document.uri).then((s) => {
      if (!session.states.has(e.document.uri)) return;
      if (s.run === 'onSave') return;
      // No extra delay for large documents: changes that arrive while a lint runs are applied before the
      // next timer fires, so a slow lint coalesces keystrokes by itself.
      publisher.schedule(e.document.uri, s.debounceMs);
    });
  });

  documents.onDidSave((e) => {
    const st = session.states.get(e.document.uri);
    if (!st) return;
    st.savedVersion = e.document.version;
    if (isEnvFile(st.file)) session.diskText.delete(st.file);
    void session.settingsFor(e.document.uri).then((s) => {
      if (s.run !== 'onSave') return;
      if (session.caps.pull) publisher.requestRefresh();
      else publisher.schedule(e.document.uri, 0);
    });
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const st = session.close(uri);
    if (!st) return;
    publisher.closed(uri);
    // Its findings about other files go away; an env file falls back to its saved content on disk.
    foreign.update(uri, []);
    if (isEnvFile(st.file)) envSync.loadFromDisk(st.file); // missing on disk (unsaved buffer): its variables go away
    workspaceDiagnostics.closed(st.file);
  });

  // -----------------------------------------------------------------------------------------------
  // Workspace events

  connection.onDidChangeConfiguration((change) => {
    if (!session.caps.configurationSupport) session.globalSettings = normalizeSettings((change.settings as { mailConfigLint?: unknown } | undefined)?.mailConfigLint);
    publisher.invalidateAll();
    void workspaceDiagnostics.start(); // scope, ignore globs or rules may have changed
  });

  connection.onDidChangeWatchedFiles((params) => {
    let configChanged = false;
    let bindingsChanged = false;
    for (const c of params.changes) {
      const file = uriToFile(c.uri);
      if (!file) continue;
      if (path.basename(file) === '.mailconfiglintrc.json') {
        configChanged = true;
        continue;
      }
      if (isJvmSource(file)) {
        bindingsChanged = session.spring.fileChanged(file, c.type === FileChangeType.Deleted) || bindingsChanged;
        continue;
      }
      // A Django settings module is linted too (no `continue`): it also says which settings the project assigns.
      if (isDjangoSettingsFile(file)) bindingsChanged = session.spring.fileChanged(file, c.type === FileChangeType.Deleted) || bindingsChanged;
      if (session.byFile.has(file)) continue; // an open buffer wins over the disk
      if (isEnvFile(file)) {
        if (c.type === FileChangeType.Deleted) envSync.deleted(file);
        else envSync.loadFromDisk(file);
      }
      workspaceDiagnostics.fileChanged(file, c.type === FileChangeType.Deleted);
    }
    if (configChanged) session.configs.clear();
    if (configChanged || bindingsChanged) publisher.invalidateAll();
    if (configChanged) void workspaceDiagnostics.start();
  });

  // -----------------------------------------------------------------------------------------------
  // Requests

  connection.languages.diagnostics.on((params, token) => publisher.pullDiagnostics(params, token));
  connection.languages.diagnostics.onWorkspace((params, token, _workDone, resultProgress) => workspaceDiagnostics.pull(params, token, resultProgress));
  connection.onCodeAction((params, token) => codeActions.provide(params, token));
  connection.onExecuteCommand((params) => commands.execute(params));
  connection.onHover((params, token) => provideHover(session, linter, params, token));

  // -----------------------------------------------------------------------------------------------
  // Add-ons (the connection test) and start

  const getEngineContext: GetEngineContext = async (uri: string): Promise<EngineContext | undefined> => {
    const cur = await linter.current(uri);
    if (!cur) return undefined;
    const { doc, lr } = cur;
    return {
      uri,
      file: lr.file,
      version: doc.version,
      text: lr.text,
      index: lr.index,
      get result() {
        return lr.result;
      },
      partial: !!lr.items,
      settings: lr.settings,
      lintOptions: lr.lintOptions,
      env: envSync.env,
    };
  };
  let addOnCaps: Partial<ServerCapabilities> | undefined;
  try {
    addOnCaps = registerAddOns?.(documents, getEngineContext) ?? undefined;
  } catch (e) {
    connection.console.error(`add-on registration failed: ${(e as Error).message}`);
  }

  documents.listen(connection);
  connection.listen();
}
