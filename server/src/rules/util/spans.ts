// Spans of findings and related locations.
import type { Field, Related, SmtpConfig, Span } from '../../model/types';
import type { DecidingPort } from './fields';

/** The span of a setting for a finding: key through value on the setting's line (value only for URL parts and
 *  Kubernetes name/value pairs, where the value line is the one to look at). */
export function spanOf(f: Field): Span {
  const s = f.site;
  const hasValue = s.value.end > s.value.start;
  if (s.style === 'url-part' || s.style === 'yaml-namevalue' || s.style === 'js-expr' || !s.key) {
    return hasValue ? { ...s.value } : { ...s.entry };
  }
  if (!hasValue) return { ...s.key };
  if (s.value.start < s.key.start) return { ...s.value };
  return { start: s.key.start, end: s.value.end };
}

/** A related location for a field; when the value came from a .env file, it points there. */
export function relatedOf(f: Field | undefined, message: string): Related[] {
  if (!f) return [];
  if (f.resolvedFrom) return [{ message, ref: { file: f.resolvedFrom.file, span: f.resolvedFrom.span } }];
  return [{ message, ref: { file: f.site.file, span: spanOf(f) } }];
}

/** Where the deciding port is set, as a related location of a finding placed on `culprit` (the written port only
 *  when the finding is not on it already; else the service preset). */
export function portRelated(cfg: SmtpConfig, dp: DecidingPort, culprit: Field | undefined): Related[] {
  if (culprit && dp.field) return relatedOf(dp.field, `port ${dp.port} is set here`);
  return dp.preset ? relatedOf(cfg.service, `the service preset sets port ${dp.port}`) : [];
}
