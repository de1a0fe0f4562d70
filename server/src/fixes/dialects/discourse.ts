// Intents → edits for Discourse DISCOURSE_SMTP_* (rules-research §4.13, §9):
//   tls-mode implicit          DISCOURSE_SMTP_FORCE_TLS=true (set or add)
//   tls-mode starttls-required DISCOURSE_SMTP_FORCE_TLS=false (when true), DISCOURSE_SMTP_ENABLE_START_TLS=true
//                              (when false) — Discourse has no mandatory-STARTTLS switch
//   port N                     DISCOURSE_SMTP_PORT=N and the FORCE_TLS value that matches
//   require-tls                not expressible (null)
//   verify-cert                DISCOURSE_SMTP_OPENSSL_VERIFY_MODE=peer
//   min-tls-1.2                not expressible (null)
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { anchorOf, boolOf, Edits, insert, portEdit, setBool, verifyModePeer } from './env-common';

function mode(cfg: SmtpConfig, e: Edits, implicit: boolean): void {
  if (implicit) {
    if (cfg.implicitTls) e.add(setBool(cfg, cfg.implicitTls, true));
    else e.add(insert(anchorOf(cfg, cfg.port, cfg.host), 'DISCOURSE_SMTP_FORCE_TLS', 'true', 'boolean'));
  } else {
    if (cfg.implicitTls && boolOf(cfg.implicitTls, cfg.dialect) === true) e.add(setBool(cfg, cfg.implicitTls, false));
    if (cfg.starttls && boolOf(cfg.starttls, cfg.dialect) === false) e.add(setBool(cfg, cfg.starttls, true));
  }
}

export function expressDiscourse(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      mode(cfg, e, intent.mode === 'implicit');
      break;
    case 'port':
      e.add(portEdit(cfg, 'DISCOURSE_SMTP_PORT', intent.port));
      mode(cfg, e, intent.port === 465);
      break;
    case 'verify-cert':
      e.add(verifyModePeer(cfg));
      break;
    default:
      return null;
  }
  return e.result();
}

registerExpresser('discourse', { express: expressDiscourse });
