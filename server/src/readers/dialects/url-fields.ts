// Mirrors the parts of a nodemailer connection URL onto the config's fields, so rules that look at
// host/port/verifyCert/... see URL-only configs too (Meteor MAIL_URL, SMTP_URL).
import type { Field, SmtpConfig } from '../../model/types';
import { safeDecode } from '../../semantics/values/percent';
import { nodemailerUrlValue } from '../../semantics/nodemailer/effective';

export function nodemailerUrlFields(cfg: SmtpConfig): void {
  const u = cfg.url;
  if (!u) return;
  if (!cfg.host && u.host) cfg.host = u.host;
  if (!cfg.port && u.port) cfg.port = u.port;
  if (!cfg.implicitTls && u.scheme) cfg.implicitTls = u.scheme as Field;
  const p = u.params;
  const reject = p['tls.rejectUnauthorized'];
  if (reject && !cfg.verifyCert) {
    const f: Field = { ...reject };
    const v = reject.value === undefined ? undefined : nodemailerUrlValue(String(reject.value));
    if (typeof v === 'boolean') f.value = v;
    else delete f.value;
    cfg.verifyCert = f;
  }
  if (p['tls.minVersion'] && !cfg.minTlsVersion) cfg.minTlsVersion = p['tls.minVersion'];
  if (p['tls.ciphers'] && !cfg.ciphers) cfg.ciphers = p['tls.ciphers'];
  if (p.requireTLS && !cfg.requireTls) cfg.requireTls = p.requireTLS;
  if (p.ignoreTLS && !cfg.ignoreTls) cfg.ignoreTls = p.ignoreTLS;
  if (p.opportunisticTLS && !cfg.opportunisticTls) cfg.opportunisticTls = p.opportunisticTLS;
  if (u.hasUser && !cfg.credentials.user) {
    // userinfo runs to the last `@` before the path (url.parse); the user is the part before the first `:`
    const m = /^\s*[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(u.text);
    const user = m ? m[1].split(':')[0] : undefined;
    cfg.credentials.user = { key: u.key, value: user !== undefined ? safeDecode(user) : undefined, text: user ?? '', kind: u.kind, site: u.site };
  }
  if (u.hasPassword && !cfg.credentials.password) {
    cfg.credentials.password = { key: u.key, text: '***', kind: u.kind, site: u.site };
    cfg.credentials.passwordIsLiteral = u.kind === 'literal';
  }
}
