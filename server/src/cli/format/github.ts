// GitHub Actions workflow commands (`::error file=…,line=…::message`): each finding becomes an
// annotation on the pull request's diff and in the run summary, without code scanning. Escaping follows
// @actions/core (toolkit/packages/core/src/command.ts): data escapes % CR LF, properties also : and ,.
// Severities: error → error, warning → warning, info → notice. Read problems are warnings on the file.
import { helpUri } from '../../rules/types';
import type { FileOutcome, Summary } from '../report';
import { displayPath } from '../report';

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind} ${list}::${escapeData(message)}\n`;
}

export function formatGithub(outcomes: FileOutcome[], summary: Summary, cwd: string): string {
  let out = '';
  for (const o of outcomes) {
    const file = displayPath(cwd, o.file);
    for (const p of o.problems) out += command('warning', { file, line: p.line, title: 'mail-config-lint: file not fully read' }, p.message);
    for (const f of o.findings) {
      const kind = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const r = f.range;
      out += command(
        kind,
        { file, line: r.start.line, endLine: r.end.line, col: r.start.column, endColumn: r.end.column, title: `mail-config-lint (${f.ruleId})` },
        `${f.message}\n${helpUri(f.ruleId)}`,
      );
    }
  }
  const total = summary.errors + summary.warnings + summary.infos;
  out += `mail-config-lint: ${summary.files} file${summary.files === 1 ? '' : 's'} checked, ${total} finding${total === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, ${summary.infos} info)\n`;
  return out;
}
