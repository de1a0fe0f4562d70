// Field helpers shared by the rules and the fix expressers.
import type { Field, SmtpConfig } from './types';

/** A field written in this config's file as a literal (or not understood): a fix may rewrite it. */
export function editable(cfg: SmtpConfig, f: Field | undefined): f is Field {
  return !!f && f.site.file === cfg.file && (f.kind === 'literal' || f.kind === 'unknown');
}

/** The known string value of a field, lower-cased and trimmed ('' when unknown). */
export function strOf(f: Field | undefined): string {
  if (!f) return '';
  if (f.value !== undefined) return String(f.value).trim().toLowerCase();
  return f.kind === 'literal' ? f.text.trim().toLowerCase() : '';
}
