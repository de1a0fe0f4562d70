// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif) and other SARIF viewers.
// What GitHub reads: tool.driver.{name, rules[]}, results[].{ruleId, ruleIndex, level, message.text,
// locations[0].physicalLocation.{artifactLocation.uri (relative, uriBaseId %SRCROOT%), region}},
// partialFingerprints.primaryLocationLineHash, rules[].properties.{tags, security-severity}.
// Regions are 1-based; endColumn is exclusive (SARIF §3.30.8); columns count UTF-16 code units.
import type { Severity } from '../../model/types';
import type { Rule } from '../../rules/types';
import { helpUri } from '../../rules/types';
import type { FileOutcome, Range } from '../report';
import { displayPath } from '../report';
import { lineHasher } from './fingerprint';

export const INFORMATION_URI = 'https://github.com/mail-config-lint/mail-config-lint';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  cwd: string;
  version: string;
  rules: readonly Rule[];
}

function level(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** GitHub's 0-10 scale for security alerts (error ≈ high, warning ≈ medium, info ≈ low). */
function securitySeverity(s: Severity): string {
  return s === 'error' ? '7.5' : s === 'warning' ? '5.0' : '2.0';
}

function region(r: Range) {
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

/** Percent-encodes each path segment so the URI is valid and decodes back to the path. */
export function toUri(p: string): string {
  return p
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function fileUri(absDir: string): string {
  const posix = absDir.replace(/\\/g, '/');
  const withSlash = posix.endsWith('/') ? posix : posix + '/';
  return 'file://' + (withSlash.startsWith('/') ? '' : '/') + toUri(withSlash);
}

export function formatSarif(outcomes: FileOutcome[], opts: SarifOptions): string {
  const ruleIndex = new Map<string, number>();
  const rules = opts.rules.map((r, i) => {
    ruleIndex.set(r.meta.id, i);
    const tags = ['security', 'smtp', 'mail'];
    if (r.meta.cwe) tags.push(`external/cwe/${r.meta.cwe.toLowerCase()}`);
    return {
      id: r.meta.id,
      name: r.meta.id
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(''),
      shortDescription: { text: r.meta.short },
      fullDescription: { text: r.meta.long },
      helpUri: helpUri(r.meta.id),
      help: { text: `${r.meta.long}\n\nFix safety: ${r.meta.fixSafety}\nDocs: ${helpUri(r.meta.id)}` },
      // Opt-in rules (meta.enabledByDefault === false) are listed but disabled by default.
      defaultConfiguration: { level: level(r.meta.defaultSeverity), ...((r.meta as { enabledByDefault?: boolean }).enabledByDefault === false ? { enabled: false } : {}) },
      properties: {
        tags,
        precision: 'high',
        'problem.severity': r.meta.defaultSeverity === 'info' ? 'recommendation' : r.meta.defaultSeverity,
        'security-severity': securitySeverity(r.meta.defaultSeverity),
        ...(r.meta.cwe ? { cwe: r.meta.cwe } : {}),
      },
    };
  });

  const location = (abs: string, range?: Range) => {
    const rel = displayPath(opts.cwd, abs);
    const inside = rel !== abs;
    return {
      physicalLocation: {
        artifactLocation: inside ? { uri: toUri(rel), uriBaseId: '%SRCROOT%' } : { uri: fileUri(abs).replace(/\/$/, '') },
        ...(range ? { region: region(range) } : {}),
      },
    };
  };

  const fingerprint = lineHasher();
  const results: unknown[] = [];
  const notifications: unknown[] = [];
  for (const o of outcomes) {
    for (const p of o.problems) {
      notifications.push({
        level: 'warning',
        message: { text: `${displayPath(opts.cwd, o.file)}: ${p.message}` },
        descriptor: { id: 'read-problem' },
        locations: [location(o.file, p.line ? { start: { line: p.line, column: 1 }, end: { line: p.line, column: 1 } } : undefined)],
      });
    }
    const rel = displayPath(opts.cwd, o.file);
    for (const f of o.findings) {
      const idx = ruleIndex.get(f.ruleId);
      results.push({
        ruleId: f.ruleId,
        ...(idx !== undefined ? { ruleIndex: idx } : {}),
        level: level(f.severity),
        message: { text: f.message },
        locations: [location(o.file, f.range)],
        ...(f.related.length
          ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, ...location(r.file, r.range) })) }
          : {}),
        partialFingerprints: { primaryLocationLineHash: fingerprint(rel, f) },
        // SARIF requires at least one replacement per artifactChange: fixes that could not be rendered are left out.
        ...(f.fixes.some((x) => x.edits.length > 0)
          ? {
              fixes: f.fixes.filter((x) => x.edits.length > 0).map((x) => ({
                description: { text: x.title },
                artifactChanges: [
                  {
                    artifactLocation: location(o.file).physicalLocation.artifactLocation,
                    replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                  },
                ],
              })),
            }
          : {}),
        properties: { safeFix: f.fixes[0]?.safe ?? false },
      });
    }
  }

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mail-config-lint',
            version: opts.version,
            semanticVersion: opts.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: fileUri(opts.cwd) } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
