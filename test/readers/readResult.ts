// Shared by the reader property tests: every field and span a ReadResult reports, and the fix intents the
// property tests render on valid files.
import assert from 'node:assert/strict';
import { fixTextEdits, lintText } from '../../server/src/engine';
import type { Intent } from '../../server/src/fixes/intents';
import type { Field, ReadResult, SmtpConfig, Span } from '../../server/src/model/types';

/** Every field of a config, including the parts of a URL/DSN and the extras. */
export function fieldsOf(c: SmtpConfig): Field[] {
  const out: Field[] = [];
  for (const f of [c.host, c.port, c.url, c.service, c.implicitTls, c.starttls, c.requireTls, c.ignoreTls, c.opportunisticTls, c.verifyCert, c.minTlsVersion, c.ciphers, c.credentials.user, c.credentials.password, c.url?.scheme, c.url?.host, c.url?.port, ...Object.values(c.url?.params ?? {}), ...Object.values(c.extras)]) if (f) out.push(f as Field);
  return out;
}

/** Every span a read reports: configs, their fields' value/entry/key sites, globals and problems. */
export function spansOf(r: ReadResult): Span[] {
  const out: Span[] = [];
  const field = (f: Field): void => {
    out.push(f.site.value, f.site.entry);
    if (f.site.key) out.push(f.site.key);
  };
  for (const c of r.configs) {
    out.push(c.span);
    for (const f of fieldsOf(c)) field(f);
  }
  for (const g of r.globals) field(g.field);
  for (const p of r.problems) if (p.span) out.push(p.span);
  return out;
}

/** The intents the property tests render on every valid snippet. */
export const FIX_INTENTS: readonly Intent[] = [
  { kind: 'tls-mode', mode: 'implicit' },
  { kind: 'tls-mode', mode: 'starttls-required' },
  { kind: 'port', port: 587 },
  { kind: 'port', port: 465 },
  { kind: 'require-tls' },
  { kind: 'verify-cert' },
  { kind: 'min-tls-1.2' },
];

/** Every field's value site lies inside the text and inside its entry; passwords are never shown. */
export function assertConfigSites(r: ReadResult, text: string): void {
  for (const c of r.configs) {
    for (const f of fieldsOf(c)) {
      if (f.site.value.start < 0 || f.site.value.end > text.length || f.site.value.start > f.site.value.end) throw new Error(`site of ${f.key} out of range`);
      if (f.site.entry.start > f.site.value.start || f.site.value.end > f.site.entry.end) throw new Error(`value outside its entry for ${f.key}`);
    }
    if (c.credentials.password && c.credentials.password.text !== '***') throw new Error('password shown in clear');
  }
}

/** Lints `text` and checks that every span of the read and every fix edit lies inside the text (code readers' property tests). */
export function lintInsideText(text: string, file: string): ReturnType<typeof lintText> {
  const r = lintText(file, text);
  if (r.read) for (const s of spansOf(r.read)) assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end, `span ${JSON.stringify(s)}`);
  for (const f of r.findings) for (const fix of f.fixes) for (const e of fixTextEdits(text, fix)) assert.ok(e.span.start >= 0 && e.span.end <= text.length);
  return r;
}
