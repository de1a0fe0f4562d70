// Intents → edits for the Ruby mail gem's settings hash (ActionMailer smtp_settings, delivery_method :smtp;
// rules-research-polyglot §6(e), §11; semantics in semantics/mail-gem.ts). The hash style is kept: new pairs copy
// a sibling's template (`tls: true,` / `:tls => true,` / `'tls' => true,`).
//   tls-mode implicit   tls: true (set the written tls/ssl, else add `tls: true` next to the port), and remove the
//                       truthy enable_starttls / enable_starttls_auto (mail ≥ 2.9 raises ArgumentError with both)
//   tls-mode starttls   a literal `tls: true` becomes `enable_starttls: true` (key renamed); other truthy tls/ssl
//                       pairs are removed and `enable_starttls: true` is set or added. `true` rather than :always:
//                       mail 2.8 accepts only true/false there (ArgumentError "Unrecognized :enable_starttls value"),
//                       2.9 reads any truthy value as :always.
//   port N              port: N (the literal, or the default of ENV.fetch) and the mode that matches it
//   require-tls         enable_starttls: true (set, rename a literal enable_starttls_auto: true, or add)
//   verify-cert         openssl_verify_mode 'none' → 'peer', :none → :peer, OpenSSL::SSL::VERIFY_NONE → VERIFY_PEER
import type { Field, FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { editable, Edits } from './env-common';
import { isRubyOffLiteral, isRubyTrueLiteral, isStarttlsAlwaysLiteral } from '../../semantics/mail-gem';

/** A sibling pair followed by a comma: a new line after it keeps the hash valid. */
function anchor(cfg: SmtpConfig, skip: (Field | undefined)[] = []): Field | undefined {
  const all = [cfg.port, cfg.host, cfg.credentials.user, cfg.implicitTls, cfg.starttls, ...Object.values(cfg.extras)];
  return all.find((f) => !!f && f.site.file === cfg.file && f.site.style === 'rb-code' && (f.site.trailingComma || f.site.inline) && !skip.includes(f));
}

const flag = (cfg: SmtpConfig, key: string): Field | undefined => {
  const f = cfg.extras[key];
  return f && f.site.style === 'rb-code' ? f : undefined;
};

/** The field is on (truthy) or not known. */
const maybeOn = (f: Field | undefined): boolean => !!f && f.value !== false && !(f.kind === 'literal' && isRubyOffLiteral(f.text));

function implicitOn(cfg: SmtpConfig, e: Edits): void {
  const t = cfg.implicitTls;
  const removed: Field[] = [];
  for (const k of ['enable_starttls', 'enable_starttls_auto']) {
    const f = flag(cfg, k);
    if (f && maybeOn(f)) {
      e.add(editable(cfg, f) ? { op: 'remove', field: f } : null);
      removed.push(f);
    }
  }
  if (t) {
    if (t.value === true && t.kind === 'literal' && isRubyTrueLiteral(t.text)) return;
    e.add(editable(cfg, t) ? { op: 'set', field: t, text: 'true', type: 'boolean' } : null);
    return;
  }
  const a = anchor(cfg, removed);
  e.add(a ? { op: 'insert', after: a, key: 'tls', text: 'true', type: 'boolean' } : null);
}

function starttlsOn(cfg: SmtpConfig, e: Edits): void {
  const tls = flag(cfg, 'tls');
  const ssl = flag(cfg, 'ssl');
  const st = flag(cfg, 'enable_starttls');
  const auto = flag(cfg, 'enable_starttls_auto');
  const on = [tls, ssl].filter((f) => maybeOn(f)) as Field[];
  // the simplest edit: `tls: true` → `enable_starttls: true`
  const renamable = on.find((f) => f.kind === 'literal' && isRubyTrueLiteral(f.text));
  if (!st && !(auto && maybeOn(auto)) && renamable && editable(cfg, renamable)) {
    e.add({ op: 'rename', field: renamable, key: 'enable_starttls' });
    for (const f of on) if (f !== renamable) e.add(editable(cfg, f) ? { op: 'remove', field: f } : null);
    return;
  }
  for (const f of on) e.add(editable(cfg, f) ? { op: 'remove', field: f } : null);
  requireStarttls(cfg, e, on);
}

function requireStarttls(cfg: SmtpConfig, e: Edits, removed: Field[] = []): void {
  const st = flag(cfg, 'enable_starttls');
  const auto = flag(cfg, 'enable_starttls_auto');
  if (st) {
    if (st.kind === 'literal' && isStarttlsAlwaysLiteral(st.text)) return;
    e.add(editable(cfg, st) ? { op: 'set', field: st, text: 'true', type: 'boolean' } : null);
    return;
  }
  if (auto && auto.kind === 'literal' && isRubyTrueLiteral(auto.text) && editable(cfg, auto)) {
    e.add({ op: 'rename', field: auto, key: 'enable_starttls' });
    return;
  }
  const a = anchor(cfg, removed);
  e.add(a ? { op: 'insert', after: a, key: 'enable_starttls', text: 'true', type: 'boolean' } : null);
}

function verifyPeer(cfg: SmtpConfig): FieldEdit | null {
  const f = cfg.verifyCert;
  if (!f || !editable(cfg, f)) return null;
  const raw = cfg.file === f.site.file ? f.text : '';
  if (/VERIFY_NONE$/.test(raw)) return { op: 'set', field: f, text: raw.replace(/VERIFY_NONE$/, 'VERIFY_PEER'), type: 'code' };
  if (/^:/.test(raw)) return { op: 'set', field: f, text: ':peer', type: 'code' };
  if (f.site.quote) return { op: 'set', field: f, text: 'peer', type: 'string' };
  return { op: 'set', field: f, text: 'OpenSSL::SSL::VERIFY_PEER', type: 'code' };
}

export function expressMailGem(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      if (intent.mode === 'implicit') implicitOn(cfg, e);
      else starttlsOn(cfg, e);
      break;
    case 'port': {
      const p = cfg.port;
      if (!editable(cfg, p)) return null;
      if (p.value !== intent.port) e.add({ op: 'set', field: p, text: String(intent.port), type: 'number' });
      if (intent.port === 465) implicitOn(cfg, e);
      else if (cfg.effective.tlsMode === 'implicit') starttlsOn(cfg, e);
      break;
    }
    case 'require-tls':
      if (cfg.effective.tlsMode === 'implicit') return null;
      requireStarttls(cfg, e);
      break;
    case 'verify-cert':
      e.add(verifyPeer(cfg));
      break;
    default:
      return null;
  }
  return e.result();
}

registerExpresser('mail-gem', { express: expressMailGem });
