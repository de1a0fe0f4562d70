// Flask-Mail and Flask-Mailman MAIL_* keys (app.config / .env): what each key is; what it means is decided
// in semantics/flask-mail.ts.
import type { Dialect, Field, SmtpConfig } from '../../model/types';
import type { KvGroup } from '../types';
import { addExtras, credentials, Instance, intPort, isKnown, makeConfig, noteNonBoolean, portField, strField, valueOf } from './common';
import { pyBool } from './django';
import { flaskDefaultHost, flaskEffective, flaskLibName, flaskUnverifiedPath, type FlaskLibrary } from '../../semantics/flask-mail';

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
    const hostV = host ? valueOf(host) : flaskDefaultHost(library);
    const portN = intPort(port, 25);
    const tls = useTls ? (isKnown(useTls) ? pyBool(useTls.value) : undefined) : false;
    const ssl = useSsl ? (isKnown(useSsl) ? pyBool(useSsl.value) : undefined) : false;
    // Certificates never verified on this path: flagged where the TLS switch is written.
    const unverified = flaskUnverifiedPath(library, tls, ssl);
    if (unverified) fields.verifyCert = noContextField(strField((unverified === 'ssl' ? useSsl : useTls)!), flaskLibName(library));
    const eff = (tlsMode: SmtpConfig['effective']['tlsMode'], because: string) => makeConfig(group, inst, dialect, { host: hostV, port: portN, tlsMode, because }, fields);
    if (port && portN === undefined) return eff('unknown', `the port (${port.key}) is not known`);
    if (tls === undefined || ssl === undefined) return eff('unknown', `the value of ${(tls === undefined ? useTls : useSsl)!.key} is not a known boolean`);
    const m = flaskEffective(library, tls, ssl);
    return eff(m.tlsMode, m.because);
  };
}
