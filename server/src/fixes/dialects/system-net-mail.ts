// Intents → edits for System.Net.Mail.SmtpClient (rules-research-polyglot §7.1, §11 edit table). It has no implicit
// TLS, so "use implicit TLS" and "port 465" cannot be expressed (the rules then offer port 587 or MailKit):
//   tls-mode starttls / require-tls   EnableSsl = true (set, or added after the last object-initializer member or
//                                     as `client.EnableSsl = true;` after the constructor statement)
//   port N (not 465)                  the port, and EnableSsl = true
//   verify-cert                       remove the `ServicePointManager.ServerCertificateValidationCallback = … => true;`
//                                     statement
//   min-tls-1.2                       remove the `ServicePointManager.SecurityProtocol = …` statement (.NET then uses
//                                     the operating system's choice)
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { editable, Edits, insert, setBool } from './env-common';
import { removeWeakTlsStatement } from './cs-common';

function enableSsl(cfg: SmtpConfig): FieldEdit | null | undefined {
  if (cfg.starttls) return setBool(cfg, cfg.starttls, true);
  // the reader's anchor: the last object-initializer member, or the constructor statement (`client.EnableSsl = true;`)
  return insert(cfg.extras.anchor, 'EnableSsl', 'true', 'boolean');
}

export function expressSystemNetMail(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      if (intent.mode === 'implicit') return null;
      e.add(enableSsl(cfg));
      break;
    case 'require-tls':
      e.add(enableSsl(cfg));
      break;
    case 'port':
      if (intent.port === 465 || !editable(cfg, cfg.port)) return null;
      e.add({ op: 'set', field: cfg.port, text: String(intent.port), type: 'number' });
      e.add(enableSsl(cfg));
      break;
    case 'verify-cert':
    case 'min-tls-1.2': {
      const removal = removeWeakTlsStatement(cfg, intent.kind);
      if (!removal) return null;
      e.add(removal);
      break;
    }
    default:
      return null;
  }
  return e.result();
}

registerExpresser('system-net-mail', { express: expressSystemNetMail });
