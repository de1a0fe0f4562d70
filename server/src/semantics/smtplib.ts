// Python smtplib (CPython 3.11 Lib/smtplib.py, Lib/ssl.py; rules-research-polyglot §4.1), aiosmtplib
// (cole/aiosmtplib@320180e, §4.5) and FastAPI-Mail (sabuhish/fastapi-mail@79b7842, §4.6): what the calls mean.
import type { EffectiveConnection } from '../model/types';

/** smtplib: the class decides the mode, the port never does. SMTP_SSL → implicit TLS; SMTP + starttls() → STARTTLS
 *  (mandatory: starttls() raises SMTPNotSupportedError when not offered); SMTP alone → cleartext. */
export function smtplibEffective(cls: 'SMTP' | 'SMTP_SSL' | 'LMTP', starttls: boolean, host: string | undefined, port: number | undefined): EffectiveConnection {
  // port 0 / omitted: SMTP_PORT = 25, SMTP_SSL_PORT = 465 [CPY-SMTPLIB]
  const p = port === undefined || port === 0 ? (cls === 'SMTP_SSL' ? 465 : 25) : port;
  if (cls === 'SMTP_SSL') return { host, port: p, tlsMode: 'implicit', because: 'smtplib.SMTP_SSL: TLS from the first byte' };
  if (starttls) return { host, port: p, tlsMode: 'starttls-required', because: 'smtplib.SMTP then starttls(): plaintext greeting, then a mandatory STARTTLS' };
  return { host, port: p, tlsMode: 'none', because: 'smtplib.SMTP without starttls(): the session stays in clear text' };
}

/** Why a certificate goes unverified when no context is passed: starttls() / SMTP_SSL() fall back to
 *  ssl._create_stdlib_context, which is _create_unverified_context (CERT_NONE, check_hostname=False). */
export const NO_CONTEXT_REASON =
  'without a context= argument smtplib uses ssl._create_stdlib_context(), which is ssl._create_unverified_context(): the certificate is not verified because no context was passed';

export interface TwoFlags {
  /** Implicit TLS switch (aiosmtplib use_tls, FastAPI-Mail MAIL_SSL_TLS): true/false/undefined (unknown) / absent. */
  implicit: boolean | undefined | 'absent';
  /** STARTTLS switch (aiosmtplib start_tls, FastAPI-Mail MAIL_STARTTLS). */
  starttls: boolean | undefined | 'absent';
}

/** aiosmtplib: use_tls → implicit; start_tls True → mandatory STARTTLS, False → never, None (default) → if offered.
 *  Both true → ValueError("The start_tls and use_tls options are not compatible."). The port default follows the
 *  flags (465 with use_tls, 587 with start_tls, else 25); the flags never follow the port. */
export function aiosmtplibEffective(f: TwoFlags, host: string | undefined, port: number | undefined): EffectiveConnection {
  if (f.implicit === undefined || f.starttls === undefined) return { host, port, tlsMode: 'unknown', because: 'use_tls or start_tls is not known' };
  const implicit = f.implicit === true;
  const st = f.starttls === 'absent' ? null : f.starttls;
  const p = port ?? (implicit ? 465 : st === true ? 587 : 25);
  if (implicit && st === true) return { host, port: p, tlsMode: 'unknown', because: 'use_tls and start_tls are both true: aiosmtplib raises ValueError ("not compatible")' };
  if (implicit) return { host, port: p, tlsMode: 'implicit', because: 'use_tls=True: TLS from the first byte' };
  if (st === true) return { host, port: p, tlsMode: 'starttls-required', because: 'start_tls=True: a mandatory STARTTLS' };
  if (st === false) return { host, port: p, tlsMode: 'none', because: 'start_tls=False: aiosmtplib never starts TLS' };
  return { host, port: p, tlsMode: 'starttls-opportunistic', because: 'start_tls unset (None): aiosmtplib uses STARTTLS only if the server offers it' };
}

/** FastAPI-Mail: ConnectionConfig passes use_tls=MAIL_SSL_TLS, start_tls=MAIL_STARTTLS (both required bools), so
 *  there is no opportunistic mode: neither → clear text. */
export function fastapiMailEffective(f: TwoFlags, host: string | undefined, port: number | undefined): EffectiveConnection {
  const st = f.starttls === 'absent' ? false : f.starttls;
  const im = f.implicit === 'absent' ? false : f.implicit;
  if (im === undefined || st === undefined) return { host, port, tlsMode: 'unknown', because: 'MAIL_SSL_TLS or MAIL_STARTTLS is not known' };
  if (im && st) return { host, port, tlsMode: 'unknown', because: 'MAIL_SSL_TLS and MAIL_STARTTLS are both true: aiosmtplib raises ValueError ("not compatible")' };
  if (im) return { host, port, tlsMode: 'implicit', because: 'MAIL_SSL_TLS=True: TLS from the first byte' };
  if (st) return { host, port, tlsMode: 'starttls-required', because: 'MAIL_STARTTLS=True: a mandatory STARTTLS' };
  return { host, port, tlsMode: 'none', because: 'MAIL_STARTTLS and MAIL_SSL_TLS are False: FastAPI-Mail sends in clear text' };
}
