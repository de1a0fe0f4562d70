// GitHub Actions step `uses: dawidd6/action-send-mail@…` with its `with:` inputs → one nodemailer config.
// What each input means to the action lives in semantics/action-send-mail.ts (read from its main.js); this
// module only maps the inputs to fields and computes nodemailer's effective connection from them.
import type { Field, SmtpConfig } from '../../model/types';
import { ACTION_DEFAULT_PORT, actionBool, actionConnectionUrl, actionInputString, actionSecure } from '../../semantics/action-send-mail';
import type { KvEntry, KvGroup } from '../types';
import { credentials, isKnown, makeConfig, portField, strField, valueOf, type Instance } from './common';
import { absent, nodemailerEffective, type Opt } from '../../semantics/nodemailer/env-effective';

/** The inputs the config reads; the other inputs (subject, to, body …) are the message, not the connection. */
const INPUTS = ['server_address', 'server_port', 'secure', 'username', 'password', 'ignore_cert', 'connection_url', 'nodemailerdebug', 'nodemailerlog'];

/** The input as the action receives it (undefined when not known here: a secret, an expression). */
function inputOf(e: KvEntry | undefined): string | undefined {
  const v = valueOf(e);
  return v === undefined ? undefined : actionInputString(v, e!.site.quote !== '');
}

export function buildActionSendMail(group: KvGroup): SmtpConfig | undefined {
  const keys = new Map<string, KvEntry>();
  for (const e of group.entries) if (INPUTS.includes(e.key)) keys.set(e.key, e);
  const k = (name: string) => keys.get(name);
  const host = k('server_address');
  const port = k('server_port');
  const secure = k('secure');
  const url = k('connection_url');
  if (!host && !port && !url) return undefined;
  const inst: Instance = { prefix: '', keys, entries: [...keys.values()] };
  const extras: Record<string, Field> = {};
  const fields: Partial<SmtpConfig> = { extras, credentials: credentials(k('username'), k('password')) };
  if (host) fields.host = strField(host);
  if (port) fields.port = portField(port);
  const portIn = port ? inputOf(port) : undefined;
  const secureIn = secure ? inputOf(secure) : undefined;
  if (secure) {
    const f = strField(secure) as Field;
    f.boolReader = 'action-send-mail';
    if (secureIn !== undefined && secureIn !== '') f.value = actionBool(secureIn);
    else delete f.value;
    fields.implicitTls = f;
  }
  const ignoreCert = k('ignore_cert');
  if (ignoreCert) {
    const f = strField(ignoreCert) as Field;
    f.boolReader = 'action-send-mail';
    const v = inputOf(ignoreCert);
    if (v === undefined) delete f.value;
    else f.value = !actionBool(v); // verification stays on unless the input is exactly "true"
    fields.verifyCert = f;
  }
  for (const name of ['connection_url', 'nodemailerdebug']) {
    const e = k(name);
    if (e) extras[name === 'nodemailerdebug' ? 'debug' : name] = strField(e);
  }

  // What nodemailer receives: host, port (the input string, default "25") and secure, always a boolean.
  let portOpt: Opt<number>;
  let secureOpt: Opt<boolean>;
  let hostOpt: Opt<string> = host ? (isKnown(host) ? { state: 'known', value: host.value, key: host.key } : { state: 'unknown', key: host.key }) : absent;
  if (url) {
    // Usually only the credentials are secrets (smtp+starttls://${{ secrets.USER }}:…@host): the scheme, host
    // and port written around them still decide the connection.
    const written = url.raw ?? url.value;
    const u = valueOf(url) ?? (written.replace(/^[^:]*:\/\/[^@/?#]*@/, '').includes('${{') ? undefined : written);
    const c = u === undefined ? undefined : actionConnectionUrl(u);
    if (!c) return makeConfig(group, inst, 'action-send-mail', { tlsMode: 'unknown', because: `${url.key} is not known here` }, fields);
    portOpt = { state: 'known', value: c.port, key: url.key };
    secureOpt = { state: 'known', value: c.secure, key: url.key };
    if (c.host) hostOpt = { state: 'known', value: c.host, key: url.key };
  } else {
    portOpt = !port
      ? { state: 'known', value: ACTION_DEFAULT_PORT, key: 'server_port (default "25")' }
      : portIn === undefined
        ? { state: 'unknown', key: port.key }
        : { state: 'known', value: Number(portIn) || 0, key: port.key };
    // secure unset follows the port input: unknown when the port is (a secret, an expression).
    const secureUnset = !secure || secureIn === '';
    const s = (secure && secureIn === undefined) || (secureUnset && port && portIn === undefined) ? undefined : actionSecure(secureIn, port ? portIn : undefined);
    secureOpt = s === undefined ? { state: 'unknown', key: secure && secureIn === undefined ? secure.key : `secure (follows ${port?.key ?? 'server_port'})` } : { state: 'known', value: s, key: secure && secureIn ? secure.key : 'secure (unset: follows server_port)' };
  }
  const effective = nodemailerEffective({ host: hostOpt, port: portOpt, secure: secureOpt, requireTLS: absent, ignoreTLS: absent, service: absent });
  return makeConfig(group, inst, 'action-send-mail', effective, fields);
}
