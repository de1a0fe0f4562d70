// JUnit XML (the dialect Jenkins, GitLab `artifacts:reports:junit`, Azure Pipelines and most CI test
// views read): one <testsuite> per file with findings or read problems, one <testcase> per finding.
// Errors and warnings are <failure>s (they fail the run, as the exit status says); info findings pass
// and carry their message in <system-out>; a file that could not be read is a <skipped> case.
import { helpUri } from '../../rules/types';
import type { FileOutcome, Summary } from '../report';
import { displayPath } from '../report';

/** XML 1.0 text/attribute escape; characters XML cannot hold at all are replaced by U+FFFD. */
function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd') // eslint-disable-line no-control-regex
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatJunit(outcomes: FileOutcome[], summary: Summary, cwd: string): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const o of outcomes) {
    if (o.findings.length === 0 && o.problems.length === 0) continue;
    const file = displayPath(cwd, o.file);
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const p of o.problems) {
      cases.push(`    <testcase classname="${xml(file)}" name="${xml(`read problem${p.line ? ` (line ${p.line})` : ''}`)}"><skipped message="${xml(p.message)}"/></testcase>`);
    }
    for (const f of o.findings) {
      const where = `${file}:${f.range.start.line}:${f.range.start.column}`;
      const name = `${f.ruleId} (${f.range.start.line}:${f.range.start.column})`;
      const body = `${where}: ${f.severity}: ${f.message}\n${helpUri(f.ruleId)}`;
      if (f.severity === 'info') {
        cases.push(`    <testcase classname="${xml(file)}" name="${xml(name)}"><system-out>${xml(body)}</system-out></testcase>`);
      } else {
        suiteFailures++;
        cases.push(`    <testcase classname="${xml(file)}" name="${xml(name)}"><failure type="${f.severity}" message="${xml(f.message)}">${xml(body)}</failure></testcase>`);
      }
    }
    tests += cases.length;
    failures += suiteFailures;
    skipped += o.problems.length;
    suites.push(
      `  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${o.problems.length}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="mail-config-lint" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
    (suites.length ? suites.join('\n') + '\n' : '') +
    `  <!-- ${summary.files} file${summary.files === 1 ? '' : 's'} checked -->\n` +
    '</testsuites>\n'
  );
}
