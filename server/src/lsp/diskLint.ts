// A file on disk (not open) → its diagnostics, and a workspace folder's ignore test. Shared by the
// language server's thread (watched-file changes, env changes, closed documents) and the workspace scan's
// thread (scanWorker.ts), so both lint a file the same way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { lintText, type RuleSetting } from '../engine';
import { compileIgnore } from '../config/ignore';
import { readWalkedText } from '../files/read';
import { LineIndex } from '../model/lineIndex';
import type { EnvLookup, ModuleLookup } from '../readers/types';
import { findingToDiagnostic, type FileText } from './convert';
import { looksBinary, MAX_DOCUMENT } from './linter';
import { fileToUri, globMatcher, mergeRules, type ProjectConfigs } from './workspace';

export interface DiskLintContext {
  env: EnvLookup;
  modules: ModuleLookup;
  configs: ProjectConfigs;
  relatedInfo: boolean;
  codeDescription: boolean;
  /** Texts of other files (targets of related locations). */
  fileText(file: string): FileText | undefined;
}

/**
 * The diagnostics of `file` as it is on disk (none when it is missing, huge or binary). `walked`: a folder
 * listing just said it is a regular file (the workspace scan), so it is read without a stat first.
 */
export function diskDiagnostics(file: string, editorRules: Record<string, RuleSetting>, ctx: DiskLintContext, walked = false): Diagnostic[] {
  let text: string | undefined;
  try {
    if (walked) text = readWalkedText(file, MAX_DOCUMENT);
    else {
      const st = fs.statSync(file);
      if (st.isFile() && st.size <= MAX_DOCUMENT) text = fs.readFileSync(file, 'utf8');
    }
  } catch {
    return [];
  }
  if (text === undefined || looksBinary(text)) return [];
  const project = ctx.configs.forFile(file);
  const res = lintText(file, text, { rules: mergeRules(project.rules, editorRules), env: ctx.env, modules: ctx.modules });
  const own = res.findings.filter((f) => f.file === file);
  if (own.length === 0) return [];
  const uri = fileToUri(file);
  let index: LineIndex | undefined;
  const fileText = { uri, text, get index() { return (index ??= new LineIndex(text)); } };
  const opts = { relatedInformation: ctx.relatedInfo, codeDescription: ctx.codeDescription, fileText: ctx.fileText };
  return own.map((f) => findingToDiagnostic(f, fileText, opts));
}

/** files.exclude, mailConfigLint.ignore and the project config's ignore globs of one workspace folder. */
export function folderIgnore(folder: string, editorIgnore: string[], configs: ProjectConfigs, exclude: string[]): (file: string) => boolean {
  const project = configs.forFile(path.join(folder, 'x'));
  const editor = globMatcher(editorIgnore, folder);
  const projectIgnore = project.ignore.length ? globMatcher(project.ignore, project.baseDir) : undefined;
  const excluded = exclude.length ? compileIgnore(exclude, folder) : undefined;
  return (f) => editor(f) || !!projectIgnore?.(f) || !!excluded?.(f);
}
