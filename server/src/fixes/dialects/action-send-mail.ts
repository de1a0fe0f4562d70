// Intents → edits for the `with:` inputs of dawidd6/action-send-mail (semantics/action-send-mail.ts):
//   tls-mode implicit          secure: true (set, or add after server_port / server_address)
//   tls-mode starttls-required secure: false (the action has no requireTLS input: STARTTLS is used when offered)
//   port N                     server_port: N, and secure to match when it is written (465 → true, else false)
//   verify-cert                remove ignore_cert
//   require-tls, min-tls-1.2   no input for them: no fix
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { anchorOf, Edits, insert, portEdit, setText } from './env-common';

export function expressActionSendMail(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  const setSecure = (v: boolean) => {
    // Written as the action compares it: exactly true/false (yes, on, 1, True in quotes all read as false).
    if (cfg.implicitTls) e.add(cfg.implicitTls.value === v && /^(true|false)$/.test(cfg.implicitTls.text.trim()) ? undefined : setText(cfg, cfg.implicitTls, v ? 'true' : 'false', 'boolean'));
    else if (v) e.add(insert(anchorOf(cfg, cfg.port, cfg.host), 'secure', 'true', 'boolean'));
  };
  switch (intent.kind) {
    case 'tls-mode':
      setSecure(intent.mode === 'implicit');
      break;
    case 'port':
      e.add(portEdit(cfg, 'server_port', intent.port));
      // Unset, secure follows the port ("465" → true); written, it must be changed with it.
      if (cfg.implicitTls) setSecure(intent.port === 465);
      break;
    case 'verify-cert': {
      const f = cfg.verifyCert;
      if (!f || f.site.file !== cfg.file) return null;
      e.add({ op: 'remove', field: f });
      break;
    }
    default:
      return null;
  }
  return e.result();
}

registerExpresser('action-send-mail', { express: expressActionSendMail });
