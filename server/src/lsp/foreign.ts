// Findings a document reports about another file (a JS module about the .env value it reads): kept per
// source document and shown in the target's diagnostics, hovers and quick fixes.
import type { Finding } from '../model/types';
import type { Session } from './session';

export class ForeignFindings {
  /** Source uri → target file → findings. */
  private readonly bySource = new Map<string, Map<string, Finding[]>>();
  /** Bumped whenever any target's findings change (diagnostics caches compare it). */
  gen = 0;

  /** `onChanged`: the open documents whose foreign findings changed (to re-publish). */
  constructor(
    private readonly session: Session,
    private readonly onChanged: (uris: string[]) => void,
  ) {}

  /** Replaces what `sourceUri` reports about other files ([] when it closes or reports nothing). */
  update(sourceUri: string, findings: Finding[]): void {
    const prev = this.bySource.get(sourceUri);
    const next = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = next.get(f.file) ?? [];
      list.push(f);
      next.set(f.file, list);
    }
    const changed = new Set<string>();
    for (const t of new Set([...(prev?.keys() ?? []), ...next.keys()])) {
      if (signature(prev?.get(t)) !== signature(next.get(t))) changed.add(t);
    }
    if (next.size) this.bySource.set(sourceUri, next);
    else this.bySource.delete(sourceUri);
    if (changed.size) this.gen++;
    const targets: string[] = [];
    for (const t of changed) {
      const uri = this.session.byFile.get(t);
      if (uri && uri !== sourceUri) targets.push(uri);
    }
    if (targets.length) this.onChanged(targets);
  }

  /** What other documents than `uri` report about `file`. */
  *about(file: string, uri: string): Iterable<Finding> {
    for (const [src, targets] of this.bySource) if (src !== uri) yield* targets.get(file) ?? [];
  }
}

function signature(list: Finding[] | undefined): string {
  return list ? JSON.stringify(list.map((f) => [f.ruleId, f.severity, f.message, f.span.start, f.span.end])) : '';
}
