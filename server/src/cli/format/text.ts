// ESLint "stylish"-like text output: a header per file, `line:col  severity  message  rule-id` rows
// aligned in columns, then one summary line. Colour only when asked (TTY / FORCE_COLOR, never NO_COLOR).
import type { FileOutcome, Summary } from '../report';
import { displayPath } from '../report';

export interface TextOptions {
  cwd: string;
  color: boolean;
  /** false: say nothing about --fix (stdin input, which --fix never rewrites). */
  fixHints?: boolean;
}

/** Messages longer than this are not used to align the rule-id column. */
const MAX_PAD = 72;

const ESC = '\u001b[';
function paint(on: boolean, code: string, s: string): string {
  return on ? `${ESC}${code}m${s}${ESC}0m` : s;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Display width of a string without ANSI codes (the rows are padded before painting, so plain length). */
function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}

export function formatText(outcomes: FileOutcome[], summary: Summary, opts: TextOptions): string {
  return outcomes.map((o) => formatTextBlock(o, opts)).join('') + formatTextSummary(summary, opts);
}

/** One file's block: a blank line, the path, one aligned row per problem and finding ('' when none). */
export function formatTextBlock(o: FileOutcome, opts: TextOptions): string {
  const c = opts.color;
  if (o.findings.length === 0 && o.problems.length === 0) return '';
  const out: string[] = [];
  const rows: { pos: string; sev: string; sevCode: string; msg: string; rule: string }[] = [];
  for (const p of o.problems) {
    rows.push({ pos: p.line ? `${p.line}:1` : '0:0', sev: 'problem', sevCode: '35', msg: oneLine(p.message), rule: '' });
  }
  for (const f of o.findings) {
    rows.push({
      pos: `${f.range.start.line}:${f.range.start.column}`,
      sev: f.severity,
      sevCode: f.severity === 'error' ? '31' : f.severity === 'warning' ? '33' : '36',
      msg: oneLine(f.message),
      rule: f.ruleId,
    });
  }
  const wPos = Math.max(...rows.map((r) => r.pos.length));
  const wSev = Math.max(...rows.map((r) => r.sev.length));
  // Align rule ids like ESLint, but do not pad short messages out to a very long one.
  const wMsg = Math.min(MAX_PAD, Math.max(...rows.map((r) => r.msg.length)));
  out.push('');
  out.push(paint(c, '4', displayPath(opts.cwd, o.file)));
  for (const r of rows) {
    const line = `  ${paint(c, '2', pad(r.pos, wPos))}  ${paint(c, r.sevCode, pad(r.sev, wSev))}  ${r.rule ? pad(r.msg, wMsg) : r.msg}${r.rule ? `  ${paint(c, '2', r.rule)}` : ''}`;
    out.push(line.replace(/\s+$/, ''));
  }
  return out.join('\n') + '\n';
}

/** The summary after the blocks ('' when there is nothing to report). */
export function formatTextSummary(summary: Summary, opts: TextOptions): string {
  const c = opts.color;
  const out: string[] = [];
  const total = summary.errors + summary.warnings + summary.infos;
  if (total > 0 || summary.filesWithProblems > 0) {
    out.push('');
    const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), `${summary.infos} info`];
    let line = `${total > 0 ? '✖' : '!'} ${plural(total, 'finding')} (${parts.join(', ')}) in ${plural(summary.files, 'file')}`;
    if (summary.filesWithProblems > 0) line += `; ${plural(summary.filesWithProblems, 'file')} could not be fully read`;
    const code = summary.errors > 0 ? '31;1' : summary.warnings > 0 ? '33;1' : summary.filesWithProblems > 0 ? '35;1' : '36;1';
    out.push(paint(c, code, line));
    if (summary.fixable > 0 && opts.fixHints !== false) {
      out.push(paint(c, code, `  ${plural(summary.fixable, 'finding')} can be fixed with the \`--fix\` option.`));
    }
    if (summary.unsafeFixable > 0 && opts.fixHints !== false) {
      out.push(paint(c, code, `  ${plural(summary.unsafeFixable, 'more finding')} can be fixed with \`--fix --unsafe-fixes\` (changes behaviour: review the diff).`));
    }
    out.push('');
  }
  return out.join('\n');
}

/** One line per fix written by --fix: `fixed path:line  rule-id  title`. */
export function formatFixLog(outcomes: FileOutcome[], opts: TextOptions): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    for (const f of o.fixed) {
      lines.push(`${paint(opts.color, '32', 'fixed')} ${displayPath(opts.cwd, o.file)}:${f.line}  ${paint(opts.color, '2', f.ruleId)}  ${oneLine(f.title)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
