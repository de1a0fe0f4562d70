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
import type { Dialect, Field, SmtpConfig } from '../model/types';
import type { KvGroup } from '../readers/types';
import { addExtras, credentials, Instance, intPort, isKnown, makeConfig, noteNonBoolean, portField, strField, valueOf } from '../readers/dialects/common';
import { pyBool } from '../readers/dialects/django';

export type FlaskLibrary = 'flask-mail' | 'flask-mailman';

/** A synthetic verifyCert field: the library verifies nothing on this path because it passes no SSL context. */
export function noContextField(at: Field, library: string): Field {
  return { key: 'context', text: `${library} passes no SSL context`, value: false, kind: 'expression', site: at.site };
}

export function buildFlask(library: FlaskLibrary) {
  return (group: KvGroup, inst: Instance): SmtpConfig | undefined => {
    const dialect: Dialect = library;
    const k = (s: string) => inst.keys.get(s);
    const host = k('SERVER');
    const port = k('PORT');
    const useTls = k('USE_TLS');
    const useSsl = k('USE_SSL');
    if (!host && !port && !useTls && !useSsl) return undefined;
    const extras: Record<string, Field> = {};
    addExtras(extras, inst, ['TIMEOUT', 'DEBUG', 'BACKEND', 'SUPPRESS_SEND']);
    for (const e of [useTls, useSsl]) noteNonBoolean(extras, e, 'python');
    const fields: Partial<SmtpConfig> = { extras, credentials: credentials(k('USERNAME'), k('PASSWORD')) };
    if (host) fields.host = strField(host);
    if (port) fields.port = portField(port);
    if (useSsl) fields.implicitTls = strField(useSsl);
    if (useTls) fields.starttls = strField(useTls);
    const hostV = host ? valueOf(host) : library === 'flask-mail' ? '127.0.0.1' : 'localhost';
    const portN = intPort(port, 25);
    const tls = useTls ? (isKnown(useTls) ? pyBool(useTls.value) : undefined) : false;
    const ssl = useSsl ? (isKnown(useSsl) ? pyBool(useSsl.value) : undefined) : false;
    const lib = library === 'flask-mail' ? 'Flask-Mail' : 'Flask-Mailman';
    // Certificates never verified on this path (see above): flagged where the TLS switch is written.
    if (library === 'flask-mail' && (ssl || tls)) fields.verifyCert = noContextField(strField((ssl ? useSsl : useTls)!), lib);
    if (library === 'flask-mailman' && tls && !ssl) fields.verifyCert = noContextField(strField(useTls!), lib);
    const eff = (tlsMode: SmtpConfig['effective']['tlsMode'], because: string) => makeConfig(group, inst, dialect, { host: hostV, port: portN, tlsMode, because }, fields);
    if (port && portN === undefined) return eff('unknown', `the port (${port.key}) is not known`);
    if (tls === undefined || ssl === undefined) return eff('unknown', `the value of ${(tls === undefined ? useTls : useSsl)!.key} is not a known boolean`);
    if (tls && ssl) {
      return eff('unknown', library === 'flask-mail'
        ? 'MAIL_USE_SSL and MAIL_USE_TLS are both true: Flask-Mail calls starttls() inside the implicit-TLS session and fails ("STARTTLS extension not supported by server")'
        : 'MAIL_USE_SSL and MAIL_USE_TLS are both true: Flask-Mailman raises ValueError ("mutually exclusive")');
    }
    if (ssl) return eff('implicit', `MAIL_USE_SSL is true: ${lib} uses smtplib.SMTP_SSL, TLS from the first byte`);
    if (tls) return eff('starttls-required', `MAIL_USE_TLS is true: ${lib} sends a mandatory STARTTLS after the plaintext greeting`);
    return eff('none', `neither MAIL_USE_TLS nor MAIL_USE_SSL is true: ${lib} never starts TLS`);
  };
}
