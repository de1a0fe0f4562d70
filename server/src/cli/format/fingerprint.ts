// Fingerprints that stay the same when unrelated lines move: rule, file and the trimmed text of the
// finding's line, plus an occurrence number for identical lines. SARIF's primaryLocationLineHash and
// GitLab Code Quality's fingerprint are both this, so one alert is the same alert in both systems.
import type { OutFinding } from '../report';

/** Returns fingerprint(file display path, finding) → "16 hex digits:n", counting occurrences per run. */
export function lineHasher(): (rel: string, f: OutFinding) => string {
  // node:crypto costs ~10 ms to load: only the machine formats need it, so it is required here.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const occurrences = new Map<string, number>();
  return (rel, f) => {
    const key = createHash('sha256')
      .update(`${f.ruleId}\u0000${rel}\u0000${f.lineText.trim().replace(/\s+/g, ' ')}`)
      .digest('hex')
      .slice(0, 16);
    const n = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, n);
    return `${key}:${n}`;
  };
}
