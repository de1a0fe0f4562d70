// GitLab Code Quality report (artifacts:reports:codequality): a JSON array of Code Climate issues, of
// which GitLab reads description, check_name, fingerprint, severity and location.path + location.lines.begin
// (docs.gitlab.com/ee/ci/testing/code_quality.html, "Code Quality report format"). Severities: error →
// major, warning → minor, info → info (as ESLint's and Ruff's GitLab formatters map theirs). Paths are
// relative to the working directory, which in a GitLab job is the checkout root.
import { helpUri } from '../../rules/types';
import type { FileOutcome } from '../report';
import { displayPath } from '../report';
import { lineHasher } from './fingerprint';

export function formatGitlab(outcomes: FileOutcome[], cwd: string): string {
  const fingerprint = lineHasher();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const issues: unknown[] = [];
  for (const o of outcomes) {
    const path = displayPath(cwd, o.file);
    for (const p of o.problems) {
      issues.push({
        type: 'issue',
        check_name: 'mail-config-lint/read-problem',
        description: `File not fully read: ${p.message}`,
        categories: ['Bug Risk'],
        fingerprint: createHash('sha256').update(`read-problem\u0000${path}\u0000${p.message}`).digest('hex').slice(0, 32),
        severity: 'info',
        location: { path, lines: { begin: p.line ?? 1 } },
      });
    }
    for (const f of o.findings) {
      issues.push({
        type: 'issue',
        check_name: f.ruleId,
        description: f.message,
        content: { body: `Docs: ${helpUri(f.ruleId)}` },
        categories: ['Security'],
        // GitLab compares fingerprints between the source and target branch: one per finding, stable.
        fingerprint: fingerprint(path, f).replace(':', '-'),
        severity: f.severity === 'error' ? 'major' : f.severity === 'warning' ? 'minor' : 'info',
        location: { path, lines: { begin: f.range.start.line, end: f.range.end.line } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
}
