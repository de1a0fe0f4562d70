// What the CLI reports, with positions already resolved (1-based lines and columns, UTF-16 columns as
// editors and SARIF count them; `end` is exclusive). The formatters (text, json, sarif) only read this.
import type { ProblemKind, Severity } from '../model/types';

export interface Pos {
  line: number;
  column: number;
}

export interface Range {
  start: Pos;
  end: Pos;
}

export interface OutEdit {
  range: Range;
  newText: string;
}

export interface OutFix {
  title: string;
  safe: boolean;
  /** Edits in the finding's own file (fixes never edit another file). */
  edits: OutEdit[];
}

export interface OutRelated {
  message: string;
  /** Absolute path. */
  file: string;
  range: Range;
}

export interface OutFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  related: OutRelated[];
  fixes: OutFix[];
  /** The text of the finding's first line, for SARIF fingerprints. Never printed (may hold a secret). */
  lineText: string;
}

export interface OutProblem {
  /** What kind of problem (parse-error, bounded-mode, too-large, binary, not-utf8, unreadable, fix-refused, config, internal-error). */
  kind: ProblemKind;
  message: string;
  /** 1-based, when known. */
  line?: number;
}

export interface AppliedFix {
  ruleId: string;
  title: string;
  /** 1-based line in the text before the fix. */
  line: number;
}

export interface FileOutcome {
  /** Absolute path. */
  file: string;
  findings: OutFinding[];
  problems: OutProblem[];
  /** Fixes written to disk by --fix. */
  fixed: AppliedFix[];
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings whose preferred fix is safe (what --fix would apply). */
  fixable: number;
  /** Findings whose preferred fix is unsafe (what --fix --unsafe-fixes would also apply). */
  unsafeFixable: number;
  filesWithProblems: number;
  fixedCount: number;
}

export function summarize(outcomes: FileOutcome[], fileCount: number): Summary {
  const s: Summary = { files: fileCount, errors: 0, warnings: 0, infos: 0, fixable: 0, unsafeFixable: 0, filesWithProblems: 0, fixedCount: 0 };
  for (const o of outcomes) {
    for (const f of o.findings) {
      if (f.severity === 'error') s.errors++;
      else if (f.severity === 'warning') s.warnings++;
      else s.infos++;
      if (f.fixes[0]?.safe) s.fixable++;
      else if (f.fixes[0]) s.unsafeFixable++;
    }
    if (o.problems.length) s.filesWithProblems++;
    s.fixedCount += o.fixed.length;
  }
  return s;
}

/** Path for humans and SARIF: relative to `cwd` with forward slashes when inside it, else absolute. */
export function displayPath(cwd: string, abs: string): string {
  // Avoid importing path here (formatters stay pure); callers pass normalised absolute paths.
  const sep = abs.includes('\\') && !abs.includes('/') ? '\\' : '/';
  const base = cwd.endsWith(sep) ? cwd : cwd + sep;
  const rel = abs.startsWith(base) ? abs.slice(base.length) : abs === cwd ? '.' : abs;
  return sep === '\\' ? rel.replace(/\\/g, '/') : rel;
}
