// Intents → field edits for Spring Boot mail settings (rules-research §4.5, §9). JavaMail property names use
// the configured protocol's prefix (`mail.smtp.` or `mail.smtps.`).
//   tls-mode implicit          mail.smtp.ssl.enable: true, replacing starttls.enable / starttls.required
//   tls-mode starttls-required drop ssl.enable (or spring.mail.ssl.enabled, or protocol smtps → smtp),
//                              mail.smtp.starttls.enable: true + mail.smtp.starttls.required: true
//   port N                     spring.mail.port: N, plus the TLS settings that match N
//   require-tls                mail.smtp.starttls.required: true (and starttls.enable: true if it was false)
//   verify-cert                remove mail.smtp.ssl.trust; checkserveridentity: false → true (written as true when the
//                              intent asks for the host name check a pre-Angus-2 release skips by default)
//   min-tls-1.2                mail.smtp.ssl.protocols: TLSv1.2 TLSv1.3
// New properties are written in the spelling of the file: a sibling of the nearest existing property whose
// parent map is a prefix of the new name (nested `starttls:` map → `required: true`; flat
// `mail.smtp.starttls.enable` → `mail.smtp.starttls.required`; bracketed keys stay bracketed), or
// SPRING_MAIL_PROPERTIES_MAIL_SMTP_* when the settings come from environment variables.
import type { Field, FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { IGNORED_EXTRA } from '../../semantics/spring';
import { parseBool } from '../../semantics/values';

const PROPS = 'spring.mail.properties.';

interface Prop {
  /** Normalised full name ('spring.mail.port', 'spring.mail.properties.mail.smtp.auth'). */
  name: string;
  field: Field;
}

type VType = 'boolean' | 'string' | 'number';

class Plan {
  readonly edits: FieldEdit[] = [];
  readonly removed = new Set<Field>();
  readonly props: Prop[];
  readonly envForm: boolean;
  readonly protocol: string;

  constructor(readonly cfg: SmtpConfig) {
    // Keys nothing reads (IGNORED_EXTRA) are neither settings nor anchors: only a move-setting touches them.
    this.props = Object.entries(cfg.extras)
      .filter(([k]) => !k.startsWith(IGNORED_EXTRA))
      .map(([k, field]) => ({ name: k.startsWith('spring.mail.') ? k : PROPS + k, field }));
    this.envForm = this.props.length > 0 && this.props.every((p) => /^SPRING_MAIL_/i.test(p.field.key));
    const proto = this.get('spring.mail.protocol');
    this.protocol = proto && proto.value !== undefined ? String(proto.value).trim().toLowerCase() || 'smtp' : 'smtp';
  }

  jm(p: string): string {
    return `${PROPS}mail.${this.protocol}.${p}`;
  }

  get(name: string): Field | undefined {
    let hit: Field | undefined;
    for (const p of this.props) if (p.name === name) hit = p.field;
    return hit;
  }

  editable(f: Field | undefined): f is Field {
    return !!f && f.site.file === this.cfg.file && (f.kind === 'literal' || f.kind === 'unknown') && f.site.style !== 'url-part' && f.site.style !== 'js-expr';
  }

  /** Sets `name` to `text` (or inserts it). Returns false when it cannot be written here. */
  set(name: string, text: string, type: VType, ...near: (string | undefined)[]): boolean {
    const f = this.get(name);
    if (f && !this.removed.has(f)) {
      if (!this.editable(f)) return false;
      const cur = f.value === undefined ? undefined : String(f.value).trim();
      if (cur !== undefined && cur.toLowerCase() === text.toLowerCase() && f.kind === 'literal') return true;
      this.edits.push({ op: 'set', field: f, text, type });
      return true;
    }
    return this.insert(name, text, type, near);
  }

  remove(name: string): void {
    const f = this.get(name);
    if (!f || this.removed.has(f) || !this.editable(f)) return;
    this.removed.add(f);
    this.edits.push({ op: 'remove', field: f });
  }

  /** Anchor used for each property this plan inserted (a later insert "near" it goes right after it). */
  private readonly insertedAt = new Map<string, Field>();

  insert(name: string, text: string, type: VType, near: (string | undefined)[]): boolean {
    const preferred = near
      .filter((n): n is string => !!n)
      .map((n) => this.insertedAt.get(n) ?? this.get(n))
      .filter((f): f is Field => !!f);
    const ok = this.insertAfter(name, text, type, preferred);
    return ok;
  }

  private insertAfter(name: string, text: string, type: VType, preferred: Field[]): boolean {
    if (this.envForm) {
      const anchor = [...preferred, this.cfg.port, this.cfg.host, ...this.props.map((p) => p.field)].find(
        (f) => f && this.editable(f) && !this.removed.has(f) && /^SPRING_MAIL_/i.test(f.key),
      );
      if (!anchor) return false;
      this.edits.push({ op: 'insert', after: anchor, key: envKey(name), text, type });
      this.insertedAt.set(name, anchor);
      return true;
    }
    if (this.cfg.format === 'properties') return this.insertFlat(name, text, type, preferred);
    if (this.cfg.format === 'java') return this.insertCode(name, text, type, preferred);
    const target = name.split('.');
    let best: { f: Field; parent: number; rel: string[]; bracket: boolean; pref: boolean; at: number } | undefined;
    for (const p of this.props) {
      const f = p.field;
      if (!this.editable(f) || f.site.style !== 'yaml-map' || !f.site.keyPath?.length) continue;
      const own = f.site.keyPath[f.site.keyPath.length - 1];
      const bracket = own.startsWith('[') && own.endsWith(']');
      const ownSegs = (bracket ? own.slice(1, -1) : own).split('.').length;
      const segs = p.name.split('.');
      const parent = segs.slice(0, segs.length - ownSegs);
      if (parent.length >= target.length || !parent.every((s, i) => s === target[i])) continue;
      if (this.removed.has(f) && !this.hasSibling(p, parent)) continue; // its empty parent goes away too
      const cand = { f, parent: parent.length, rel: target.slice(parent.length), bracket, pref: preferred.includes(f), at: f.site.entry.start };
      if (!best || cand.parent > best.parent || (cand.parent === best.parent && (cand.pref && !best.pref || (cand.pref === best.pref && cand.at > best.at)))) best = cand;
    }
    if (!best) return false;
    const rel = best.rel.join('.');
    const key = best.bracket ? `[${rel}]` : rel;
    this.edits.push({ op: 'insert', after: best.f, key, text, type });
    this.insertedAt.set(name, best.f);
    return true;
  }

  /** .properties: the full property name on a new line after the nearest written property (bracket keys stay bracketed). */
  private insertFlat(name: string, text: string, type: VType, preferred: Field[]): boolean {
    // an anchor only gives the position: any property written in this file (a removed one too: the new line
    // takes its place)
    const written = this.props.filter((p) => p.field.site.file === this.cfg.file && p.field.site.style === 'properties');
    const last = [...written].sort((a, b) => b.field.site.entry.start - a.field.site.entry.start)[0]?.field;
    const anchor = preferred.find((f) => f.site.file === this.cfg.file && f.site.style === 'properties') ?? last;
    if (!anchor) return false;
    const bracket = written.some((p) => p.field.key.includes('['));
    const key = bracket && name.startsWith(PROPS) ? `spring.mail.properties[${name.slice(PROPS.length)}]` : name;
    this.edits.push({ op: 'insert', after: anchor, key, text, type });
    this.insertedAt.set(name, anchor);
    return true;
  }

  /** Java code: a JavaMail property as a sibling statement of a written `props.put("mail.…", …)` (its template);
   *  setter-style settings (spring.mail.port → setPort) are not inserted. */
  private insertCode(name: string, text: string, type: VType, preferred: Field[]): boolean {
    if (!name.startsWith(PROPS)) return false;
    const isProp = (f: Field) => f.site.file === this.cfg.file && f.site.style === 'java-code' && !!f.site.template?.includes('{key}') && /^mail\./.test(f.key);
    const written = this.props.map((p) => p.field).filter(isProp);
    const last = [...written].sort((a, b) => b.site.entry.start - a.site.entry.start)[0];
    const anchor = preferred.find(isProp) ?? last;
    if (!anchor) return false;
    this.edits.push({ op: 'insert', after: anchor, key: name.slice(PROPS.length), text, type });
    this.insertedAt.set(name, anchor);
    return true;
  }

  private hasSibling(p: Prop, parent: string[]): boolean {
    const pre = parent.join('.') + '.';
    return this.props.some((q) => q !== p && !this.removed.has(q.field) && q.name.startsWith(pre) && q.field.site.style === p.field.site.style);
  }

  /**
   * Removals of adjacent entries become one removal, so a nested map whose children all go
   * (`starttls: {enable, required}`) is removed with them instead of being left empty.
   */
  result(): FieldEdit[] | null {
    if (!this.edits.length) return null;
    const removes = this.edits.filter((e): e is Extract<FieldEdit, { op: 'remove' }> => e.op === 'remove' && !e.field.site.inline);
    if (removes.length < 2) return this.edits;
    removes.sort((a, b) => a.field.site.entry.start - b.field.site.entry.start);
    const merged: FieldEdit[] = [];
    let cur = removes[0];
    for (const r of removes.slice(1)) {
      const a = cur.field.site;
      const b = r.field.site;
      if (a.file === b.file && a.style === b.style && a.entry.end === b.entry.start) {
        cur = { op: 'remove', field: { ...cur.field, site: { ...a, entry: { start: a.entry.start, end: b.entry.end } } } };
      } else {
        merged.push(cur);
        cur = r;
      }
    }
    merged.push(cur);
    // An insert anchored on a removed entry goes where that entry was; when the removal grew over the entries after
    // it, the insert moves to the end of the merged removal (inside it, the removal would swallow the new line).
    const kept = this.edits
      .filter((e) => !removes.includes(e as Extract<FieldEdit, { op: 'remove' }>))
      .map((e): FieldEdit => {
        if (e.op !== 'insert') return e;
        const a = e.after.site;
        const over = merged.find((m) => m.op === 'remove' && m.field.site.file === a.file && m.field.site.style === a.style && m.field.site.entry.start <= a.entry.start && a.entry.end < m.field.site.entry.end);
        return over && over.op === 'remove' ? { ...e, after: { ...e.after, site: { ...a, entry: { start: a.entry.start, end: over.field.site.entry.end } } } } : e;
      });
    return [...kept, ...merged];
  }
}

function envKey(name: string): string {
  if (name.startsWith(PROPS)) return 'SPRING_MAIL_PROPERTIES_' + name.slice(PROPS.length).toUpperCase().replace(/[.-]/g, '_');
  return name.toUpperCase().replace(/[.-]/g, '_');
}

function isTrue(f: Field | undefined): boolean {
  return !!f && (f.value === true || (typeof f.value === 'string' && parseBool(f.value, 'javamail') === true));
}

function toImplicit(plan: Plan): void {
  const st = plan.jm('starttls.enable');
  const req = plan.jm('starttls.required');
  // ssl.enable goes where starttls.enable was (a replacement) when that spot survives the removals.
  const nearStarttls = plan.get(st) ? st : undefined;
  plan.remove(st);
  plan.remove(req);
  const bootSsl = plan.get('spring.mail.ssl.enabled');
  if (bootSsl && !isTrue(bootSsl) && plan.editable(bootSsl) && !plan.get(plan.jm('ssl.enable'))) plan.set('spring.mail.ssl.enabled', 'true', 'boolean');
  else plan.set(plan.jm('ssl.enable'), 'true', 'boolean', nearStarttls, plan.jm('auth'));
}

function toStarttls(plan: Plan): void {
  const ssl = plan.jm('ssl.enable');
  const near = plan.get(ssl) ? ssl : undefined;
  const bootSsl = plan.get('spring.mail.ssl.enabled');
  const wasSmtps = plan.protocol === 'smtps';
  if (wasSmtps) {
    const proto = plan.get('spring.mail.protocol');
    if (proto && plan.editable(proto)) plan.edits.push({ op: 'set', field: proto, text: 'smtp', type: 'string' });
  }
  if (plan.get(ssl)) plan.remove(ssl);
  if (bootSsl && isTrue(bootSsl)) plan.remove('spring.mail.ssl.enabled');
  // The legacy way to implicit TLS: an SSL socket factory for plain sockets.
  const factory = plan.get(plan.jm('socketFactory.class'));
  if (factory && /SSLSocketFactory$/.test(String(factory.value ?? '').trim())) {
    plan.remove(plan.jm('socketFactory.class'));
    plan.remove(plan.jm('socketFactory.port'));
    plan.remove(plan.jm('socketFactory.fallback'));
  }
  const jm = (p: string) => `${PROPS}mail.smtp.${p}`;
  if (wasSmtps && plan.get(jm('ssl.enable'))) plan.remove(jm('ssl.enable'));
  plan.set(jm('starttls.enable'), 'true', 'boolean', near, jm('auth'));
  plan.set(jm('starttls.required'), 'true', 'boolean', jm('starttls.enable'), near);
}

/**
 * The key token to rename so `from` reads as `to` in place: both names have the same segments but one
 * (`smtp` → `smtps`), and that segment is written in one key token of the field's key path (nested
 * `smtp:` map or dotted `mail.smtp.timeout`). Renaming a nested map key moves its siblings too (they have
 * the same mistake); it is refused when the target map already exists beside it (a duplicate key).
 */
function renameInPlace(plan: Plan, f: Field, from: string, to: string): FieldEdit | null {
  const a = from.split('.');
  const b = to.split('.');
  const path = f.site.keyPath;
  const spans = f.site.keySpans;
  if (a.length !== b.length || !path || !spans || spans.length !== path.length || f.site.style !== 'yaml-map') return null;
  const diff = a.map((s, i) => (s === b[i] ? -1 : i)).filter((i) => i >= 0);
  if (diff.length !== 1) return null;
  const at = diff[0];
  // The key path as written may be shorter than the normalised name (normaliseSpringName drops nothing,
  // brackets only), so walk its dotted pieces to the token that holds segment `at`.
  let flat = 0;
  for (let i = 0; i < path.length; i++) {
    const own = path[i];
    const bracket = own.startsWith('[') && own.endsWith(']');
    const pieces = (bracket ? own.slice(1, -1) : own).split('.');
    if (at < flat + pieces.length) {
      const isLeafToken = i === path.length - 1;
      const prefix = b.slice(0, at + 1).join('.') + '.';
      if (!isLeafToken && plan.props.some((p) => p.name.startsWith(prefix))) return null;
      if (pieces[at - flat].toLowerCase() !== a[at].toLowerCase()) return null;
      pieces[at - flat] = b[at];
      const key = bracket ? `[${pieces.join('.')}]` : pieces.join('.');
      // The field as the edit sees it: the renamed token (its key names it in the fix title).
      return { op: 'rename', field: { ...f, key: own, site: { ...f.site, key: spans[i] } }, key };
    }
    flat += pieces.length;
  }
  return null;
}

function moveSetting(plan: Plan, f: Field, from: string, to: string): FieldEdit[] | null {
  if (!plan.editable(f)) return null;
  const existing = plan.get(to);
  const remove: FieldEdit = { op: 'remove', field: f };
  // Spring already reads a value for this name: the ignored copy only misleads; drop it.
  if (existing) return [remove];
  const rename = renameInPlace(plan, f, from, to);
  if (rename) return [rename];
  const text = f.value !== undefined ? String(f.value) : f.text;
  const type: 'boolean' | 'number' | 'string' = typeof f.value === 'boolean' ? 'boolean' : typeof f.value === 'number' ? 'number' : 'string';
  if (!plan.insert(to, text, type, [])) return null;
  plan.edits.unshift(remove);
  return plan.result();
}

export function expressSpring(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const plan = new Plan(cfg);
  switch (intent.kind) {
    case 'tls-mode':
      if (intent.mode === 'implicit') toImplicit(plan);
      else toStarttls(plan);
      return plan.result();
    case 'port': {
      const portName = !plan.get('spring.mail.port') && plan.get(plan.jm('port')) ? plan.jm('port') : 'spring.mail.port';
      if (!plan.set(portName, String(intent.port), 'number', 'spring.mail.host')) return null;
      if (intent.port === 465 || intent.port === 2465) {
        if (cfg.effective.tlsMode !== 'implicit') toImplicit(plan);
      } else if (cfg.effective.tlsMode === 'implicit' || cfg.effective.tlsMode === 'none' || cfg.effective.tlsMode === 'starttls-opportunistic') {
        toStarttls(plan);
      }
      return plan.result();
    }
    case 'require-tls': {
      const st = plan.jm('starttls.enable');
      const f = plan.get(st);
      if (f && !isTrue(f)) plan.set(st, 'true', 'boolean');
      plan.set(plan.jm('starttls.required'), 'true', 'boolean', st, plan.jm('auth'));
      return plan.result();
    }
    case 'verify-cert': {
      plan.remove(plan.jm('ssl.trust'));
      const sf = plan.get(plan.jm('ssl.socketFactory.class'));
      if (sf && cfg.verifyCert === sf) plan.remove(plan.jm('ssl.socketFactory.class'));
      const id = plan.get(plan.jm('ssl.checkserveridentity'));
      if (id ? !isTrue(id) : intent.checkServerIdentity) plan.set(plan.jm('ssl.checkserveridentity'), 'true', 'boolean', plan.jm('ssl.trust'), plan.jm('ssl.enable'), plan.jm('starttls.required'), plan.jm('starttls.enable'));
      return plan.result();
    }
    case 'move-setting':
      return moveSetting(plan, intent.field, intent.from, intent.to);
    case 'min-tls-1.2': {
      const name = plan.jm('ssl.protocols');
      if (!plan.get(name)) return null;
      plan.set(name, 'TLSv1.2 TLSv1.3', 'string');
      return plan.result();
    }
  }
  return null;
}

registerExpresser('spring', { express: expressSpring });
// JavaMail in Java code: the same properties, written as props.put("mail.smtp.…", …) statements.
registerExpresser('javamail', { express: expressSpring });
