// Intents → edits for Mastodon SMTP_* / BULK_SMTP_* (rules-research §4.7, §9):
//   tls-mode implicit          SMTP_TLS=true (set or add) + SMTP_ENABLE_STARTTLS=never (set or add)
//   tls-mode starttls-required SMTP_TLS/SMTP_SSL=false (when true) + SMTP_ENABLE_STARTTLS=always
//   port N                     SMTP_PORT=N and the mode that matches (465 → implicit, else STARTTLS always)
//   require-tls                SMTP_ENABLE_STARTTLS=always (set or add)
//   verify-cert                SMTP_OPENSSL_VERIFY_MODE=peer
//   min-tls-1.2                not expressible (null)
import type { Field, FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { anchorOf, boolOf, Edits, insert, portEdit, prefixOf, setBool, setText, verifyModePeer } from './env-common';

function prefix(cfg: SmtpConfig): string {
  return prefixOf(cfg, [[cfg.port, ['PORT']], [cfg.host, ['SERVER', 'HOST']], [cfg.credentials.user, ['LOGIN']], [cfg.implicitTls, ['TLS', 'SSL']]], 'SMTP_');
}

function starttlsKey(cfg: SmtpConfig): Field | undefined {
  const f = cfg.starttls;
  return f && /ENABLE_STARTTLS$/i.test(f.key) ? f : undefined;
}

function setStarttls(cfg: SmtpConfig, e: Edits, v: 'always' | 'never'): void {
  const f = starttlsKey(cfg);
  if (f) e.add(setText(cfg, f, v));
  else e.add(insert(anchorOf(cfg, cfg.implicitTls, cfg.port, cfg.host), `${prefix(cfg)}ENABLE_STARTTLS`, v));
}

function mode(cfg: SmtpConfig, e: Edits, implicit: boolean): void {
  if (implicit) {
    if (cfg.implicitTls) e.add(setBool(cfg, cfg.implicitTls, true));
    else e.add(insert(anchorOf(cfg, cfg.port, cfg.host), `${prefix(cfg)}TLS`, 'true', 'boolean'));
    setStarttls(cfg, e, 'never');
  } else {
    for (const f of [cfg.implicitTls, cfg.extras[`${prefix(cfg)}SSL`]]) if (f && boolOf(f, cfg.dialect) === true) e.add(setBool(cfg, f, false));
    setStarttls(cfg, e, 'always');
  }
}

export function expressMastodon(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      mode(cfg, e, intent.mode === 'implicit');
      break;
    case 'port':
      e.add(portEdit(cfg, `${prefix(cfg)}PORT`, intent.port));
      mode(cfg, e, intent.port === 465);
      break;
    case 'require-tls':
      if (cfg.effective.tlsMode === 'implicit') return null;
      setStarttls(cfg, e, 'always');
      break;
    case 'verify-cert':
      e.add(verifyModePeer(cfg));
      break;
    default:
      return null;
  }
  return e.result();
}

registerExpresser('mastodon', { express: expressMastodon });
