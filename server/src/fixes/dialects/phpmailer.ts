// Intents → edits for PHPMailer properties and WP Mail SMTP constants (rules-research-polyglot §1.5, §3.1(e), §11):
//   tls-mode implicit   SMTPSecure → PHPMailer::ENCRYPTION_SMTPS (or 'ssl' when the file writes strings); added after
//                       the Port line when absent (`$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;`).
//                       WP Mail SMTP: define('WPMS_SSL', 'ssl').
//   tls-mode starttls   ENCRYPTION_STARTTLS / 'tls' (WPMS_SSL 'tls')
//   port N              Port = N and the SMTPSecure that matches it
//   verify-cert         remove the 'verify_peer' => false / 'allow_self_signed' => true entry of SMTPOptions
//   min-tls-1.2         SMTPOptions 'crypto_method' without its TLSv1_0/TLSv1_1/SSLv3 flags (STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT
//                       when nothing else is left)
// The user's style is kept: class constants when the file uses them, else the strings PHPMailer compares with.
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { anchorOf, editable, Edits } from './env-common';
import { phpCryptoMethodWithoutLegacy } from '../../semantics/phpmailer';

function secureEdit(cfg: SmtpConfig, mode: 'ssl' | 'tls'): FieldEdit | null | undefined {
  const wp = cfg.dialect === 'wp-mail-smtp';
  const constant = mode === 'ssl' ? 'PHPMailer::ENCRYPTION_SMTPS' : 'PHPMailer::ENCRYPTION_STARTTLS';
  // a ssl:// or tls:// prefix on Host wins over SMTPSecure [PHPM-MAIN L2379-2382]: change the prefix
  const host = cfg.host;
  const prefix = typeof host?.value === 'string' ? /^(ssl|tls):\/\//i.exec(host.value) : null;
  if (host && prefix) {
    if (!editable(cfg, host)) return null;
    return prefix[1].toLowerCase() === mode ? undefined : { op: 'set', field: host, text: `${mode}://${(host.value as string).slice(6)}`, type: 'string' };
  }
  const f = cfg.implicitTls;
  if (f) {
    if (!editable(cfg, f)) return null;
    // a quoted value stays a string ('tls' → 'ssl'); a constant stays a constant
    if (wp || f.site.quote) return f.text === mode ? undefined : { op: 'set', field: f, text: mode, type: 'string' };
    return f.text === constant ? undefined : { op: 'set', field: f, text: constant, type: 'code' };
  }
  const anchor = anchorOf(cfg, cfg.port, cfg.host);
  if (!anchor) return null;
  return wp ? { op: 'insert', after: anchor, key: 'WPMS_SSL', text: mode, type: 'string' } : { op: 'insert', after: anchor, key: 'SMTPSecure', text: constant, type: 'code' };
}

export function expressPhpMailer(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      e.add(secureEdit(cfg, intent.mode === 'implicit' ? 'ssl' : 'tls'));
      break;
    case 'port':
      if (!editable(cfg, cfg.port)) return null;
      e.add({ op: 'set', field: cfg.port, text: String(intent.port), type: 'number' });
      e.add(secureEdit(cfg, intent.port === 465 ? 'ssl' : 'tls'));
      break;
    case 'verify-cert':
      if (!editable(cfg, cfg.verifyCert)) return null;
      e.add({ op: 'remove', field: cfg.verifyCert });
      break;
    case 'min-tls-1.2': {
      const f = cfg.minTlsVersion;
      const to = f && f.key === 'crypto_method' && f.site.file === cfg.file ? phpCryptoMethodWithoutLegacy(f.text) : undefined;
      if (!f || !to) return null;
      e.add({ op: 'set', field: f, text: to, type: 'code' });
      break;
    }
    default:
      return null;
  }
  return e.result();
}

registerExpresser('phpmailer', { express: expressPhpMailer });
registerExpresser('wp-mail-smtp', { express: expressPhpMailer });
