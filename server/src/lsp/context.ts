// What the language server hands to add-ons (the "Test SMTP Connection" probe): the engine's view of one
// open document, computed with the same settings, project config and cross-file env as the diagnostics.
import type { EnvIndex, FileResult, LintOptions } from '../engine';
import type { LineIndex } from '../model/lineIndex';
import type { Settings } from './settings';

export interface EngineContext {
  uri: string;
  /** The file name the engine knows the document by (fs path for file: URIs). */
  file: string;
  version: number;
  text: string;
  index: LineIndex;
  /** Readers' and rules' output for this version (configs are in result.read?.configs). */
  result: FileResult;
  /** A huge document re-linted unit by unit: `result` is computed on first use (a whole lint), so add-ons
   *  that run on every change (code lenses) skip it. */
  partial?: boolean;
  /** Editor settings for this document (settings.connectionTest.timeoutMs for the probe). */
  settings: Settings;
  /** The options the engine was run with (rule severities, env lookup). */
  lintOptions: LintOptions;
  env: EnvIndex;
}

export type GetEngineContext = (uri: string) => Promise<EngineContext | undefined>;
