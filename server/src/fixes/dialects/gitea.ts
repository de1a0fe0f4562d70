// Intents → edits for Gitea / Forgejo GITEA__mailer__* (rules-research §4.9, §9):
//   tls-mode implicit          PROTOCOL=smtps (set or add after SMTP_PORT)
//   tls-mode starttls-required PROTOCOL=smtp+starttls (Gitea's strongest STARTTLS form)
//   port N                     SMTP_PORT=N (or the port in a legacy HOST=a:p) + PROTOCOL to match when written
//   require-tls                PROTOCOL=smtp+starttls when it is smtp
//   verify-cert                FORCE_TRUST_SERVER_CERT=false (or legacy SKIP_VERIFY=false)
//   min-tls-1.2                not expressible (null)
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { anchorOf, editablePart, Edits, insert, prefixOf, setText, strOf, verifyFlagOn } from './env-common';

function prefix(cfg: SmtpConfig): string {
  if (cfg.format === 'ini') return ''; // app.ini [mailer]: the keys themselves
  return prefixOf(cfg, [[cfg.port, ['SMTP_PORT', 'HOST']], [cfg.host, ['SMTP_ADDR', 'HOST']], [cfg.implicitTls, ['PROTOCOL']], [cfg.credentials.user, ['USER']]], 'GITEA__mailer__');
}

function proto(cfg: SmtpConfig, e: Edits, v: string): void {
  if (cfg.implicitTls) e.add(setText(cfg, cfg.implicitTls, v));
  else e.add(insert(anchorOf(cfg, cfg.port, cfg.host), `${prefix(cfg)}PROTOCOL`, v)); // anchorOf skips url parts (legacy HOST=a:p)
}

export function expressGitea(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      proto(cfg, e, intent.mode === 'implicit' ? 'smtps' : 'smtp+starttls');
      break;
    case 'require-tls':
      if (cfg.effective.tlsMode !== 'none') return null;
      proto(cfg, e, 'smtp+starttls');
      break;
    case 'port': {
      const p = cfg.port;
      if (p?.site.style === 'url-part') e.add(editablePart(cfg, p) ? { op: 'set', field: p, text: String(intent.port) } : null);
      else if (p) e.add(setText(cfg, p, String(intent.port), 'number'));
      else e.add(insert(anchorOf(cfg, cfg.host), `${prefix(cfg)}SMTP_PORT`, String(intent.port), 'number'));
      if (cfg.implicitTls && /^smtp(s|\+starttls|\+startls)?$/.test(strOf(cfg.implicitTls))) proto(cfg, e, intent.port === 465 ? 'smtps' : 'smtp+starttls');
      break;
    }
    case 'verify-cert':
      e.add(verifyFlagOn(cfg));
      break;
    default:
      return null;
  }
  return e.result();
}

registerExpresser('gitea', { express: expressGitea });
