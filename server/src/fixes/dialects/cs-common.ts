/*
 * What the two C# expressers (MailKit, System.Net.Mail) share: the certificate and protocol fixes remove the
 * statement that weakened TLS (an accept-all validation callback, an old SslProtocols / SecurityProtocol).
 */
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { editable } from './env-common';

/** The removal of the C# statement behind verify-cert / min-tls-1.2; null when there is none to edit here. */
export function removeWeakTlsStatement(cfg: SmtpConfig, kind: 'verify-cert' | 'min-tls-1.2'): FieldEdit | null {
  const f = kind === 'verify-cert' ? cfg.verifyCert : cfg.minTlsVersion;
  if (!f || f.site.style !== 'cs-code' || !editable(cfg, f)) return null;
  return { op: 'remove', field: f };
}
