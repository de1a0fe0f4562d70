// Helpers for the expressers of env-style dialects (.env files and YAML env blocks alike: edits are
// rendered by the site's own renderer, so nothing here assumes style 'env').
import type { Field, FieldEdit, SmtpConfig } from '../../model/types';
import { editable, strOf } from '../../model/fields';
import { boolOf, boolText, isCanonicalBoolText } from '../../semantics/values';

export { editable, strOf };


/** A url-part that can be edited in place (the URL is written literally in this file). */
export function editablePart(cfg: SmtpConfig, f: Field | undefined): f is Field {
  return !!f && f.site.style === 'url-part' && f.site.file === cfg.file && f.kind === 'literal';
}


export { boolOf };

/** Set a boolean field to `v` (spelled like it is written); nothing when it already says so. */
export function setBool(cfg: SmtpConfig, f: Field | undefined, v: boolean, dflt: 'true' | 'True' = 'true'): FieldEdit | null | undefined {
  if (!f) return undefined;
  if (!editable(cfg, f)) return null;
  if (boolOf(f, cfg.dialect) === v && isCanonicalBoolText(f.text)) return undefined;
  return { op: 'set', field: f, text: boolText(f, v, dflt), type: 'boolean' };
}

export function setText(cfg: SmtpConfig, f: Field | undefined, text: string, type: 'string' | 'number' | 'boolean' = 'string'): FieldEdit | null | undefined {
  if (!f) return undefined;
  if (!editable(cfg, f)) return null;
  if (f.text.trim() === text) return undefined;
  return { op: 'set', field: f, text, type };
}

/** First field (in order) that is a good sibling to insert a new key after: same file, not a url part. */
export function anchorOf(cfg: SmtpConfig, ...prefer: (Field | undefined)[]): Field | undefined {
  const all = [...prefer, cfg.port, cfg.host, cfg.implicitTls, cfg.starttls, cfg.requireTls, cfg.ignoreTls, cfg.credentials.user, cfg.url, ...Object.values(cfg.extras)];
  for (const f of all) {
    if (!f || f.site.file !== cfg.file) continue;
    if (f.site.style === 'url-part' || f.site.style === 'js-prop' || f.site.style === 'js-expr') continue;
    return f;
  }
  return undefined;
}

/** The key family prefix of a config (`SMTP_`, `MAILER_SMTP_`, `BULK_SMTP_` ...) from one of its keys. */
export function prefixOf(cfg: SmtpConfig, known: [Field | undefined, string[]][], fallback: string): string {
  for (const [f, suffixes] of known) {
    if (!f || f.site.style === 'url-part') continue;
    for (const s of suffixes) {
      if (f.key.toUpperCase().endsWith(s) && f.key.length > s.length) {
        const p = f.key.slice(0, f.key.length - s.length);
        // keep the family's case (smtp_host → smtp_)
        return p;
      }
    }
  }
  return fallback;
}

/** Same case as the prefix (a lower-case family gets lower-case keys). */
export function keyLike(prefix: string, suffix: string): string {
  return prefix && prefix === prefix.toLowerCase() && /[a-z]/.test(prefix) ? prefix + suffix.toLowerCase() : prefix + suffix;
}

export function insert(after: Field | undefined, key: string, text: string, type: 'string' | 'number' | 'boolean' = 'string'): FieldEdit | null {
  if (!after) return null;
  return { op: 'insert', after, key, text, type };
}

/** The port intent's edit: the port where it is written, else a new `key` entry after the host. */
export function portEdit(cfg: SmtpConfig, key: string, port: number): FieldEdit | null | undefined {
  return cfg.port ? setText(cfg, cfg.port, String(port), 'number') : insert(anchorOf(cfg, cfg.host), key, String(port), 'number');
}

/** Turns a normalised verification flag (value false = checks off) back on: the key itself must say false. */
export function verifyFlagOn(cfg: SmtpConfig): FieldEdit | null | undefined {
  const f = cfg.verifyCert;
  return f && editable(cfg, f) ? setText(cfg, f, boolText(f, false)) : null;
}

/** Turns verification back on for the Ruby mail gem (Mastodon, Discourse): OPENSSL_VERIFY_MODE=peer. */
export function verifyModePeer(cfg: SmtpConfig): FieldEdit | null | undefined {
  return cfg.verifyCert ? setText(cfg, cfg.verifyCert, 'peer') : null;
}

/** Turns verification back on by removing the setting that turned it off (a key, or a URL query parameter). */
export function removeVerifyFlag(cfg: SmtpConfig): FieldEdit | null | undefined {
  const f = cfg.verifyCert;
  if (!f) return null;
  if (f.site.style === 'url-part') return removeParam(cfg, f.key);
  return editable(cfg, f) ? { op: 'remove', field: f } : null;
}

/** Collects edits; a null means "cannot express" and fails the whole list. */
export class Edits {
  readonly list: FieldEdit[] = [];
  failed = false;
  add(e: FieldEdit | null | undefined): this {
    if (e === null) this.failed = true;
    else if (e) this.list.push(e);
    return this;
  }
  result(): FieldEdit[] | null {
    return this.failed || this.list.length === 0 ? null : this.list;
  }
}

/** The URL part for a query parameter (case-sensitive name), if written. */
export function param(cfg: SmtpConfig, name: string): Field | undefined {
  return cfg.url?.params[name];
}

/** Edits that set a URL query parameter (set it, or insert it after any URL part). */
export function setParam(cfg: SmtpConfig, name: string, text: string): FieldEdit | null | undefined {
  const u = cfg.url;
  if (!u) return null;
  const p = u.params[name];
  if (p) {
    if (!editablePart(cfg, p)) return null;
    return p.text === text ? undefined : { op: 'set', field: p, text };
  }
  const after = [u.port, u.host, u.scheme].find((f) => editablePart(cfg, f));
  return after ? { op: 'insert', after, key: name, text } : null;
}

export function removeParam(cfg: SmtpConfig, name: string): FieldEdit | null | undefined {
  const p = cfg.url?.params[name];
  if (!p) return undefined;
  return editablePart(cfg, p) ? { op: 'remove', field: p } : null;
}

/** Set the URL port (or add `:N` after the host). */
export function setUrlPort(cfg: SmtpConfig, port: number): FieldEdit | null | undefined {
  const u = cfg.url;
  if (!u) return null;
  return setPortPart(cfg, u.port, u.host, port);
}

/** Set a `host:port` port part (or add `:N` after the host part) — of a URL, or of a HOST=a:p key. */
export function setPortPart(cfg: SmtpConfig, portPart: Field | undefined, hostPart: Field | undefined, port: number): FieldEdit | null | undefined {
  if (portPart) {
    if (!editablePart(cfg, portPart)) return null;
    return portPart.value === port ? undefined : { op: 'set', field: portPart, text: String(port) };
  }
  return editablePart(cfg, hostPart) ? { op: 'insert', after: hostPart, key: 'port', text: String(port) } : null;
}

export function setScheme(cfg: SmtpConfig, scheme: string): FieldEdit | null | undefined {
  const s = cfg.url?.scheme;
  if (!s) return null;
  if (!editablePart(cfg, s)) return null;
  return strOf(s) === scheme ? undefined : { op: 'set', field: s, text: scheme };
}

/** The config's TLS settings come only from a URL (no separate keys that would override it). */
export function urlOnly(cfg: SmtpConfig): boolean {
  return !!cfg.url && !!cfg.url.scheme && cfg.url.scheme.site.style === 'url-part';
}
