// Intents → edits for Laravel ≥ 9 mail settings (rules-research §4.3, §9):
//   tls-mode implicit          MAIL_SCHEME=smtps (set, or add after MAIL_PORT); MAIL_URL smtp:// → smtps://
//   tls-mode starttls-required MAIL_SCHEME=smtp; MAIL_URL smtps:// → smtp:// (+ ?require_tls=true)
//   port N                     MAIL_PORT=N, and MAIL_SCHEME=smtps only on 465 / smtp otherwise (when written)
//   require-tls                MAIL_URL ?require_tls=true (symfony/mailer ≥ 7.3); not expressible without MAIL_URL;
//                              Laravel ≤ 8 (SwiftMailer) with the encryption read as none: MAIL_ENCRYPTION=tls
//   verify-cert                remove MAIL_VERIFY_PEER=false / ?verify_peer=0
//   min-tls-1.2                not expressible in .env (null)
// MAIL_ENCRYPTION is ignored by Laravel ≥ 9; the laravel-mail-encryption-ignored rule removes it itself.
// In config/mail.php the same intents write the mailer array's keys ('scheme' => 'smtps', 'port' => 465).
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { laravelKeyName } from '../../semantics/laravel-config';
import { CLEARTEXT_WRITTEN_EXTRA } from '../../semantics/libraries';
import { anchorOf, Edits, insert, removeParam, removeVerifyFlag, setParam, setScheme, setText, setUrlPort, strOf } from './env-common';

function schemeKey(cfg: SmtpConfig) {
  const f = cfg.implicitTls;
  return f && f.site.style !== 'url-part' ? f : undefined;
}

/** MAIL_URL is written with a plain smtp:// or smtps:// scheme (one a fix may switch). */
function plainUrlScheme(cfg: SmtpConfig): boolean {
  return !!cfg.url?.scheme && /^smtps?$/.test(strOf(cfg.url.scheme));
}

function mode(cfg: SmtpConfig, e: Edits, implicit: boolean, addRequire: boolean): void {
  const sk = schemeKey(cfg);
  const want = implicit ? 'smtps' : 'smtp';
  const urlPlain = plainUrlScheme(cfg);
  if (sk) e.add(setText(cfg, sk, want));
  if (urlPlain) e.add(setScheme(cfg, want));
  if (!sk && implicit && !urlPlain) e.add(insert(anchorOf(cfg, cfg.port, cfg.host), laravelKeyName(cfg.format, 'MAIL_SCHEME'), 'smtps'));
  if (!implicit && addRequire && cfg.url?.scheme) e.add(setParam(cfg, 'require_tls', 'true'));
}

export function expressLaravel(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      mode(cfg, e, intent.mode === 'implicit', intent.mode === 'starttls-required');
      if (intent.mode === 'starttls-required' && e.list.length === 0 && !e.failed) return null;
      break;
    case 'port': {
      if (cfg.url?.port || (cfg.url?.scheme && !cfg.port)) e.add(setUrlPort(cfg, intent.port));
      if (cfg.port) e.add(setText(cfg, cfg.port, String(intent.port), 'number'));
      else if (!cfg.url) e.add(insert(anchorOf(cfg, cfg.host), laravelKeyName(cfg.format, 'MAIL_PORT'), String(intent.port), 'number'));
      const sk = schemeKey(cfg);
      if (sk && /^smtps?$/.test(strOf(sk))) e.add(setText(cfg, sk, intent.port === 465 ? 'smtps' : 'smtp'));
      if (plainUrlScheme(cfg)) e.add(setScheme(cfg, intent.port === 465 ? 'smtps' : 'smtp'));
      break;
    }
    case 'require-tls': {
      // Laravel ≤ 8 (SwiftMailer) read the encryption as clear text: 'tls' is its mandatory STARTTLS
      const off = cfg.extras[CLEARTEXT_WRITTEN_EXTRA];
      if (off) {
        if (off.key === 'mailer') e.add(insert(anchorOf(cfg, cfg.port, cfg.host), laravelKeyName(cfg.format, 'MAIL_ENCRYPTION'), 'tls'));
        else e.add(setText(cfg, off, 'tls'));
        break;
      }
      if (!cfg.url?.scheme || cfg.effective.tlsMode === 'implicit') return null;
      e.add(setParam(cfg, 'require_tls', 'true'));
      e.add(removeParam(cfg, 'auto_tls'));
      break;
    }
    case 'verify-cert':
      e.add(removeVerifyFlag(cfg));
      break;
    case 'min-tls-1.2':
      return null;
  }
  return e.result();
}

registerExpresser('laravel', { express: expressLaravel });
