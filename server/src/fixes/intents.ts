// Intents: what a rule wants changed, in words of the model ("use implicit TLS"), turned into
// field edits in the dialect's own keys and values (SMTP_SECURE=true, EMAIL_USE_SSL=True,
// secure: true, smtps://, mail.smtp.ssl.enable: true ...). One expresser per dialect.
import type { Dialect, Field, FieldEdit, SmtpConfig } from '../model/types';

export type Intent =
  /** Make the effective mode `mode` while keeping the port. */
  | { kind: 'tls-mode'; mode: 'implicit' | 'starttls-required' }
  /** Change the port, and the TLS settings so they match it (465 → implicit, else STARTTLS). */
  | { kind: 'port'; port: number }
  /** Make STARTTLS mandatory (requireTLS, starttls.required, MandatoryStartTLS ...). */
  | { kind: 'require-tls' }
  /** Turn certificate verification back on (remove the setting that disabled it, or set the secure value).
   *  `checkServerIdentity`: also write the host name check where the library's release skips it by default
   *  (JavaMail before Angus Mail 2: mail.smtp.ssl.checkserveridentity=true). */
  | { kind: 'verify-cert'; checkServerIdentity?: boolean }
  /** Set the TLS floor to TLS 1.2 (or remove the legacy setting). */
  | { kind: 'min-tls-1.2' }
  /**
   * Move a setting written where the library never reads it to the name it does read (Spring:
   * `spring.mail.smtp.x` → `spring.mail.properties.mail.smtp.x`, `mail.smtp.x` → `mail.smtps.x`). `to` is
   * the dialect's full property name; an in-place key rename when that is the whole difference.
   */
  | { kind: 'move-setting'; field: Field; from: string; to: string };

export interface IntentExpresser {
  /** Field edits that realise the intent, or null when this dialect cannot express it. */
  express(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null;
  /** The rules' generic fallback edits (flip a boolean field, set the port) must not be used when this
   *  expresser declines: its fields are code, not values (smtplib's class name would become `False`). */
  noFallback?: boolean;
}

const expressers = new Map<Dialect, IntentExpresser>();

export function registerExpresser(dialect: Dialect, e: IntentExpresser): void {
  expressers.set(dialect, e);
}

/** True when the dialect's expresser declines to let rules fall back to generic field edits. */
export function noFallback(cfg: SmtpConfig): boolean {
  return !!expressers.get(cfg.dialect)?.noFallback;
}

export function express(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = expressers.get(cfg.dialect);
  return e ? e.express(cfg, intent) : null;
}
