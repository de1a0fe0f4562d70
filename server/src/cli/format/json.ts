// JSON output: an array with one entry per file that has findings, read problems or applied fixes.
// Ranges are 1-based lines and columns (end exclusive), like SARIF regions.
import { helpUri } from '../../rules/types';
import type { FileOutcome } from '../report';
import { displayPath } from '../report';

export function formatJson(outcomes: FileOutcome[], cwd: string): string {
  const files = [];
  for (const o of outcomes) {
    if (o.findings.length === 0 && o.problems.length === 0 && o.fixed.length === 0) continue;
    let errorCount = 0;
    let warningCount = 0;
    let infoCount = 0;
    for (const f of o.findings) {
      if (f.severity === 'error') errorCount++;
      else if (f.severity === 'warning') warningCount++;
      else infoCount++;
    }
    files.push({
      file: displayPath(cwd, o.file),
      filePath: o.file,
      errorCount,
      warningCount,
      infoCount,
      findings: o.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        range: f.range,
        helpUri: helpUri(f.ruleId),
        related: f.related.map((r) => ({ message: r.message, file: displayPath(cwd, r.file), range: r.range })),
        fixes: f.fixes.map((x, i) => ({ title: x.title, safe: x.safe, preferred: i === 0, edits: x.edits })),
      })),
      problems: o.problems,
      fixed: o.fixed,
    });
  }
  return JSON.stringify(files, null, 2) + '\n';
}
