// Intents → edits for Symfony MAILER_DSN (rules-research §4.4, §9):
//   tls-mode implicit          smtp:// → smtps://
//   tls-mode starttls-required smtps:// → smtp:// (+ :587 when no port is written: without a port Symfony
//                              uses implicit TLS on 465) + ?require_tls=true (symfony/mailer ≥ 7.3)
//   port N                     :N (set or add after the host); smtps:// ↔ smtp:// to match (465 → smtps)
//   require-tls                ?require_tls=true, drop ?auto_tls=false
//   verify-cert                drop ?verify_peer=0|false
//   min-tls-1.2                not expressible in a DSN (null)
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { Edits, removeParam, setParam, setScheme, setUrlPort, strOf } from './env-common';

export function expressSymfony(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const u = cfg.url;
  if (!u?.scheme) return null;
  const plain = /^smtps?$/.test(strOf(u.scheme));
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      if (!plain) return null;
      if (intent.mode === 'implicit') e.add(setScheme(cfg, 'smtps'));
      else {
        e.add(setScheme(cfg, 'smtp'));
        if (!u.port) e.add(setUrlPort(cfg, 587));
        e.add(setParam(cfg, 'require_tls', 'true'));
        e.add(removeParam(cfg, 'auto_tls'));
      }
      break;
    case 'port':
      e.add(setUrlPort(cfg, intent.port));
      if (plain) e.add(setScheme(cfg, intent.port === 465 ? 'smtps' : 'smtp'));
      break;
    case 'require-tls':
      if (cfg.effective.tlsMode === 'implicit') return null;
      e.add(setParam(cfg, 'require_tls', 'true'));
      e.add(removeParam(cfg, 'auto_tls'));
      break;
    case 'verify-cert':
      e.add(removeParam(cfg, 'verify_peer'));
      break;
    default:
      return null;
  }
  return e.result();
}

registerExpresser('symfony', { express: expressSymfony });
