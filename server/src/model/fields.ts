// Field helpers shared by the rules and the fix expressers.
import type { Field, Finding, SmtpConfig, Span } from './types';

/** Every field of a config, TLS groups first, then extras. */
export function fieldsOf(cfg: SmtpConfig): Field[] {
  const out: Field[] = [];
  for (const f of [cfg.host, cfg.port, cfg.url, cfg.service, cfg.implicitTls, cfg.starttls, cfg.requireTls, cfg.ignoreTls,
    cfg.opportunisticTls, cfg.verifyCert, cfg.minTlsVersion, cfg.ciphers, cfg.credentials.user, cfg.credentials.password]) {
    if (f) out.push(f as Field);
  }
  for (const f of Object.values(cfg.extras ?? {})) if (f) out.push(f);
  return out;
}

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

/** 'When SMTP_PORT is unset' / 'When SMTP_PORT and PORT are unset'. */
export function whenUnsetText(vars: readonly string[]): string {
  return `When ${vars.length > 1 ? `${vars.slice(0, -1).join(', ')} and ${vars[vars.length - 1]} are` : `${vars[0]} is`} unset`;
}

/** The config's fields whose value is a code fallback that holds only while env variables are unset. */
export function fallbackFields(cfg: SmtpConfig): Field[] {
  return [cfg.host, cfg.port, cfg.service, cfg.implicitTls, cfg.requireTls, cfg.ignoreTls].filter((f): f is Field => !!f?.whenUnset);
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/**
 * A finding that rests on a fallback value (`port: Number(process.env.SMTP_PORT) || 465`, reported at the
 * port or with the port as its related location) holds only while the variable is unset: its message says
 * so, and its fixes become unsafe (they are right for the fallback, and may be wrong for the deployed value).
 */
export function qualifyByFallback(cfg: SmtpConfig, finding: Pick<Finding, 'message' | 'span' | 'related' | 'fixes' | 'file'>): void {
  for (const f of fallbackFields(cfg)) {
    const at = f.site.value;
    const touched = (finding.file === f.site.file && overlaps(finding.span, at)) || finding.related.some((r) => r.ref.file === f.site.file && overlaps(r.ref.span, at));
    if (!touched) continue;
    finding.message = `${whenUnsetText(f.whenUnset!)} (${f.key} falls back to ${String(f.value)} in ${f.text}): ${finding.message.charAt(0).toLowerCase()}${finding.message.slice(1)}`;
    finding.fixes = finding.fixes.map((x) => ({ ...x, safe: false }));
    return;
  }
}
