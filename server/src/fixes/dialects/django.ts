// Intents → edits for Django EMAIL_* settings (rules-research §4.2, §9), also Flask-Mail / Flask-Mailman MAIL_*
// (the same USE_TLS / USE_SSL pair, rules-research-polyglot §4.3-4.4):
//   tls-mode implicit          EMAIL_USE_TLS=True → EMAIL_USE_SSL=True (rename when only USE_TLS is written;
//                              else EMAIL_USE_SSL=True + EMAIL_USE_TLS=False); EMAIL_URL: smtps:// → smtp://
//                              + ?ssl=True (dj-email-url reads smtps:// as STARTTLS)
//   tls-mode starttls-required the mirror: EMAIL_USE_SSL=True → EMAIL_USE_TLS=True (Django's STARTTLS is mandatory)
//   port N                     EMAIL_PORT=N and the flag that matches (465 → USE_SSL, else USE_TLS)
//   require-tls                EMAIL_USE_TLS=True (EMAIL_USE_SSL=True on port 465; null when TLS is already on)
//   verify-cert, min-tls-1.2   not expressible in env (null)
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { anchorOf, boolOf, editable, Edits, insert, removeParam, setBool, setParam, setScheme, setText, setUrlPort, strOf } from './env-common';

function flags(cfg: SmtpConfig, e: Edits, implicit: boolean): void {
  const ssl = cfg.implicitTls && cfg.implicitTls.site.style !== 'url-part' ? cfg.implicitTls : undefined;
  const tls = cfg.starttls;
  const [on, off] = implicit ? [ssl, tls] : [tls, ssl];
  const onKey = `${prefixOf(cfg)}${implicit ? 'USE_SSL' : 'USE_TLS'}`;
  const urlDecides = cfg.url?.scheme && !ssl && !tls;
  if (urlDecides) {
    const scheme = strOf(cfg.url!.scheme);
    if (implicit) {
      if (scheme === 'smtps' || scheme === 'smtp+tls' || scheme === 'submission') e.add(setScheme(cfg, 'smtp'));
      e.add(removeParam(cfg, 'tls'));
      if (scheme !== 'smtp+ssl') e.add(setParam(cfg, 'ssl', 'True'));
    } else {
      if (scheme === 'smtp+ssl') e.add(setScheme(cfg, 'smtp'));
      e.add(removeParam(cfg, 'ssl'));
      if (scheme !== 'smtps' && scheme !== 'smtp+tls' && scheme !== 'submission') e.add(setParam(cfg, 'tls', 'True'));
    }
    return;
  }
  if (off && boolOf(off, cfg.dialect) === true && !on && editable(cfg, off)) {
    // one line: EMAIL_USE_TLS=True → EMAIL_USE_SSL=True
    e.add({ op: 'rename', field: off, key: onKey });
    return;
  }
  if (on) e.add(setBool(cfg, on, true, 'True'));
  else e.add(insert(anchorOf(cfg, off, cfg.port, cfg.host), onKey, 'True', 'boolean'));
  if (off && boolOf(off, cfg.dialect) !== false) e.add(setBool(cfg, off, false, 'True'));
}

/** Django reads EMAIL_*; Flask-Mail and Flask-Mailman (the same two switches, semantics/flask-mail.ts) read MAIL_*. */
function prefixOf(cfg: SmtpConfig): string {
  return cfg.dialect === 'django' ? 'EMAIL_' : 'MAIL_';
}

export function expressDjango(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      flags(cfg, e, intent.mode === 'implicit');
      break;
    case 'port':
      if (cfg.port) e.add(setText(cfg, cfg.port, String(intent.port), 'number'));
      else if (cfg.url?.scheme) e.add(setUrlPort(cfg, intent.port));
      else e.add(insert(anchorOf(cfg, cfg.host), `${prefixOf(cfg)}PORT`, String(intent.port), 'number'));
      flags(cfg, e, intent.port === 465);
      break;
    case 'require-tls':
      if (cfg.effective.tlsMode === 'implicit' || cfg.effective.tlsMode === 'starttls-required') return null;
      // on 465 the TLS Django can do there is EMAIL_USE_SSL (rules-research §9 rule 8)
      flags(cfg, e, cfg.effective.port === 465);
      break;
    default:
      return null;
  }
  return e.result();
}

registerExpresser('django', { express: expressDjango });
registerExpresser('flask-mail', { express: expressDjango });
registerExpresser('flask-mailman', { express: expressDjango });
