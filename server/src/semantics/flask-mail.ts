// Flask-Mail (pallets-eco/flask-mail@f4dfa2a) and Flask-Mailman (waynerv/flask-mailman@6698e8a) MAIL_* settings
// (rules-research-polyglot §4.3, §4.4). Both speak smtplib underneath:
//   MAIL_USE_SSL → smtplib.SMTP_SSL (implicit TLS); MAIL_USE_TLS → SMTP + starttls() (mandatory: smtplib raises
//   when the server does not offer it); neither → cleartext. The port never picks the mode.
//   Both flags: Flask-Mail calls starttls() inside the implicit-TLS session ("STARTTLS extension not supported");
//   Flask-Mailman raises Django's ValueError ("EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive").
//   Certificates: Flask-Mail never passes a context to starttls()/SMTP_SSL() [FLASKMAIL L138-153], so the server
//   certificate is never verified; Flask-Mailman passes ssl.create_default_context() on the SSL path but context=None
//   on the STARTTLS path [FLASKMAILMAN L53-60, L83-89].
//   Timeouts: Flask-Mail has no timeout setting (smtplib waits forever); Flask-Mailman reads MAIL_TIMEOUT.
//   Defaults: MAIL_SERVER 'localhost' (Flask-Mail: '127.0.0.1'), MAIL_PORT 25.
// The reader of the MAIL_* keys is readers/dialects/flask.ts; the booleans are python casts (values/bool 'python').
import type { TlsMode } from '../model/types';

export type FlaskLibrary = 'flask-mail' | 'flask-mailman';

export const flaskLibName = (library: FlaskLibrary): string => (library === 'flask-mail' ? 'Flask-Mail' : 'Flask-Mailman');

/** The host the library connects to when MAIL_SERVER is unset. */
export const flaskDefaultHost = (library: FlaskLibrary): string => (library === 'flask-mail' ? '127.0.0.1' : 'localhost');

/** The mode MAIL_USE_TLS / MAIL_USE_SSL give (both known booleans; false when absent). */
export function flaskEffective(library: FlaskLibrary, tls: boolean, ssl: boolean): { tlsMode: TlsMode; because: string } {
  const lib = flaskLibName(library);
  if (tls && ssl) {
    return {
      tlsMode: 'unknown',
      because: library === 'flask-mail'
        ? 'MAIL_USE_SSL and MAIL_USE_TLS are both true: Flask-Mail calls starttls() inside the implicit-TLS session and fails ("STARTTLS extension not supported by server")'
        : 'MAIL_USE_SSL and MAIL_USE_TLS are both true: Flask-Mailman raises ValueError ("mutually exclusive")',
    };
  }
  if (ssl) return { tlsMode: 'implicit', because: `MAIL_USE_SSL is true: ${lib} uses smtplib.SMTP_SSL, TLS from the first byte` };
  if (tls) return { tlsMode: 'starttls-required', because: `MAIL_USE_TLS is true: ${lib} sends a mandatory STARTTLS after the plaintext greeting` };
  return { tlsMode: 'none', because: `neither MAIL_USE_TLS nor MAIL_USE_SSL is true: ${lib} never starts TLS` };
}

/** Which switch's TLS path verifies no certificate because the library passes no SSL context (see above), or undefined. */
export function flaskUnverifiedPath(library: FlaskLibrary, tls: boolean | undefined, ssl: boolean | undefined): 'ssl' | 'tls' | undefined {
  if (library === 'flask-mail' && (ssl || tls)) return ssl ? 'ssl' : 'tls';
  if (library === 'flask-mailman' && tls && !ssl) return 'tls';
  return undefined;
}
