// Fix builders for rules: intents through the dialect's expresser, plain field edits, titles in plain words.
import type { Field, FieldEdit, Fix, SmtpConfig } from '../../model/types';
import { express, noFallback, type Intent } from '../../fixes/intents';
import { editable } from '../../model/fields';
import { boolOf, boolText } from '../../semantics/values';
import { fieldsOf, portField } from './fields';

export function setEdit(field: Field, text: string, type?: 'string' | 'number' | 'boolean' | 'code'): FieldEdit {
  return type ? { op: 'set', field, text, type } : { op: 'set', field, text };
}

export function removeEdit(field: Field): FieldEdit {
  return { op: 'remove', field };
}


/** A fix from an intent, through the dialect's expresser; `fallback` builds edits when no expresser can. */
export function intentFix(cfg: SmtpConfig, intent: Intent, why: string, safe: boolean, fallback?: () => FieldEdit[] | null): Fix | undefined {
  let edits: FieldEdit[] | null = null;
  try {
    edits = express(cfg, intent);
  } catch {
    edits = null;
  }
  if (!edits || edits.length === 0) edits = fallback && !noFallback(cfg) ? fallback() : null;
  if (!edits || edits.length === 0) return undefined;
  // Fixes edit the config's own file only.
  if (edits.some((e) => (e.op === 'insert' ? e.after : e.field).site.file !== cfg.file)) return undefined;
  return { title: titled(edits, why), safe, edits };
}

/** A fix from plain field edits; the title says what changes and why. */
export function plainFix(why: string, safe: boolean, edits: (FieldEdit | undefined | null)[] | null): Fix | undefined {
  const list = (edits ?? []).filter((e): e is FieldEdit => !!e);
  return list.length ? { title: titled(list, why), safe, edits: list } : undefined;
}

function titled(edits: FieldEdit[], why: string): string {
  return why ? `${describeEdits(edits)} (${why})` : describeEdits(edits);
}

export function fixes(...list: (Fix | undefined)[]): Fix[] {
  const out: Fix[] = [];
  const seen = new Set<string>();
  for (const f of list) {
    if (!f) continue;
    const k = JSON.stringify(f.edits.map((e) => [e.op, 'field' in e ? e.field.site.value.start : e.after.site.entry.end, 'text' in e ? e.text : '', 'key' in e ? e.key : '']));
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}

/** Fallback edits for "make this flag say v": the flag is written as a boolean literal in this file. */
export function flipFlag(cfg: SmtpConfig, f: Field | undefined, v: boolean): FieldEdit[] | null {
  if (!editable(cfg, f) || boolOf(f, cfg.dialect) === undefined) return null;
  return [setEdit(f, boolText(f, v), 'boolean')];
}

/** Fallback edits for "change the port to p" (the port written as a literal in this file). */
export function setPort(cfg: SmtpConfig, p: number): FieldEdit[] | null {
  const f = portField(cfg);
  if (!editable(cfg, f)) return null;
  return [setEdit(f, String(p), 'number')];
}

/** A fix title from its edits, in plain words: "Set SMTP_SECURE=true", "Remove ignoreTLS", "Add requireTLS: true". */
export function describeEdits(edits: FieldEdit[]): string {
  const parts = edits.map((e) => {
    switch (e.op) {
      case 'set':
        // code without a key: a class name (smtplib.SMTP → SMTP_SSL) or an argument added at a point
        if ((e.field.site.style === 'py-code' || e.field.site.style === 'php-code' || e.field.site.style === 'java-code' || e.field.site.style === 'cs-code') && !e.field.site.key) {
          return e.field.site.value.start === e.field.site.value.end ? `add ${e.text.replace(/^, /, '').trim()}` : `change ${e.field.text} to ${e.text}`;
        }
        if (e.field.site.style === 'go-code') return `set ${e.field.key} to ${e.text}`;
        return e.field.site.style === 'url-part' ? `change ${e.field.text || e.field.key} to ${e.text} in the URL` : `set ${assign(e.field, e.field.key, e.text)}`;
      case 'remove':
        return `remove ${e.field.site.style === 'url-part' ? `${e.field.key} from the URL` : e.field.key}`;
      case 'insert':
        return `add ${assign(e.after, e.key, e.text)}`;
      case 'rename':
        return `rename ${e.field.key} to ${e.key}`;
    }
  });
  const s = parts.join(', ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function assign(like: Field, key: string, text: string): string {
  // Go: the statement a sibling is written as (`mail.WithSSL()`, `d.SSL = true`)
  // (only templates with a {key}: an argument's template is its whole call, other arguments included)
  if (like.site.style === 'go-code' && like.site.template?.includes('{key}')) return like.site.template.replace('{key}', key).replace('{value}', text).replace(/[,;]\s*$/, '');
  if (like.site.style === 'php-code' || like.site.style === 'py-code' || like.site.style === 'java-code' || like.site.style === 'cs-code') return `${key} = ${text}`;
  if (like.site.style === 'ini') return `${key} = ${text}`;
  if (like.site.style === 'properties') return `${key}=${text}`;
  return like.site.style === 'env' || like.site.style === 'yaml-list' ? `${key}=${text}` : `${key}: ${text}`;
}

/** Quote character used by string literals in this config's file (JS), for code a fix writes. */
export function quoteOf(cfg: SmtpConfig): string {
  for (const f of fieldsOf(cfg)) if (f.site.style === 'js-prop' && (f.site.quote === "'" || f.site.quote === '"')) return f.site.quote;
  return "'";
}
