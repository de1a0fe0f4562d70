// Gitea / Forgejo mailer settings (`[mailer]` of app.ini, GITEA__mailer__* env): what the values mean to Gitea ≥ 1.18
// (modules/setting/mailer.go, services/mailer/sender/smtp.go; rules-research §4.9, rules-research-polyglot §9). The
// readers (readers/dialects/gitea.ts for both the env and the INI form) find the keys; this module decides.
import type { EffectiveConnection } from '../model/types';
import { parseBool, type BoolReader } from './values';

/** Gitea reads its booleans with go-ini Key.MustBool (strconv.ParseBool plus yes/no/on/off). */
export const GITEA_BOOL: BoolReader = 'go';

export type GiteaProtocol = 'smtp' | 'smtps' | 'smtp+starttls';

/** ENABLED: only an explicit false turns the mailer off. */
export function giteaMailerEnabled(value: string | undefined): boolean {
  return parseBool(value, GITEA_BOOL) !== false;
}

/** PROTOCOL values that are not SMTP at all (no SMTP connection to lint). */
export function giteaNonSmtpProtocol(value: string | undefined): boolean {
  return !!value && /^(sendmail|dummy|smtp\+unix)$/.test(value.trim().toLowerCase());
}

/** PROTOCOL as Gitea keeps it: `smtp+startls` is accepted as smtp+starttls; any other unknown value is reset to ""
 *  (sec.Key("PROTOCOL").In), which then is inferred like an empty one (undefined here). */
export function giteaProtocol(value: string | undefined): GiteaProtocol | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'smtp+startls') return 'smtp+starttls';
  return v === 'smtp' || v === 'smtps' || v === 'smtp+starttls' ? v : undefined;
}

/** The deprecated IS_TLS_ENABLED (read only when PROTOCOL is absent): true → smtps, else smtp+starttls. */
export function giteaProtocolFromIsTls(value: string): GiteaProtocol {
  return parseBool(value, GITEA_BOOL) ? 'smtps' : 'smtp+starttls';
}

/** PROTOCOL empty: inferred from SMTP_PORT (465 smtps, 587 smtp+starttls, 25 smtp, any other smtps). */
export function giteaProtocolFromPort(port: number): GiteaProtocol {
  return port === 465 ? 'smtps' : port === 587 ? 'smtp+starttls' : port === 25 ? 'smtp' : 'smtps';
}

/** The port Gitea uses when SMTP_PORT is unset and PROTOCOL is known. */
export function giteaDefaultPort(proto: GiteaProtocol): number {
  return proto === 'smtps' ? 465 : proto === 'smtp' ? 25 : 587;
}

/** SMTP_ADDR holding a path is a unix socket (smtp+unix). */
export function giteaIsSocketAddr(host: string | undefined): boolean {
  return host !== undefined && /[/\\]/.test(host);
}

/** What a protocol means on the wire (go-mail underneath): smtps → WithSSL; smtp+starttls → TLSOpportunistic (Gitea
 *  logs and continues in plaintext when STARTTLS is missing); smtp → NoTLS. `why` prefixes the reason. */
export function giteaEffective(proto: GiteaProtocol, host: string | undefined, port: number, why = ''): EffectiveConnection {
  const because = (s: string) => (why ? `${why}; ${s}` : s);
  if (proto === 'smtps') return { host, port, tlsMode: 'implicit', because: because('smtps: implicit TLS') };
  if (proto === 'smtp+starttls') return { host, port, tlsMode: 'starttls-opportunistic', because: because('smtp+starttls: STARTTLS when offered, otherwise Gitea logs a warning and continues in plaintext') };
  return { host, port, tlsMode: 'none', because: because('smtp: Gitea never starts TLS') };
}
