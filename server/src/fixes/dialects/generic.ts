// Intents → edits for generic SMTP_* / MAIL_* / EMAIL_* env settings read by a Node app (nodemailer),
// and for nodemailer connection URLs in env (Meteor MAIL_URL, SMTP_URL) — rules-research §4.1, §4.14, §9:
//   tls-mode implicit          SMTP_SECURE=true (set, or add after SMTP_PORT); URL smtp:// → smtps://
//   tls-mode starttls-required SMTP_SECURE=false (+ SMTP_REQUIRE_TLS=true when that key is written, drop
//                              SMTP_IGNORE_TLS=true); URL smtps:// → smtp:// (+ ?requireTLS=true)
//   port N                     SMTP_PORT=N and the SMTP_SECURE value that matches it (465 → true, else false)
//   require-tls                SMTP_REQUIRE_TLS=true (set or add), remove SMTP_IGNORE_TLS / OPPORTUNISTIC_TLS=true
//   verify-cert                remove SMTP_TLS_REJECT_UNAUTHORIZED=false (URL: drop ?tls.rejectUnauthorized)
//   min-tls-1.2                SMTP_TLS_MIN_VERSION=TLSv1.2 (URL: ?tls.minVersion=TLSv1.2)
// The key prefix of the config is kept (MAILER_SMTP_SECURE, BULK_SMTP_REQUIRE_TLS ...).
import type { Dialect, Field, FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { parseBool } from '../../semantics/values';
import { anchorOf, boolOf, editable, editablePart, Edits, insert, keyLike, prefixOf, removeVerifyFlag, setBool, setParam, setScheme, setText, setUrlPort, strOf } from './env-common';

function prefix(cfg: SmtpConfig): string {
  return prefixOf(
    cfg,
    [
      [cfg.port, ['PORT']],
      [cfg.host, ['HOSTNAME', 'HOST', 'SERVER', 'ADDRESS', 'ADDR']],
      [cfg.implicitTls, ['SECURE']],
      [cfg.credentials.user, ['USERNAME', 'USER_NAME', 'AUTH_USER', 'USER', 'LOGIN']],
      [cfg.url, ['CONNECTION_URL', 'URL', 'URI']],
      [cfg.service, ['SERVICE']],
    ],
    'SMTP_',
  );
}

/** The SECURE key as an env field (not the URL scheme mirrored into implicitTls). */
function secureKey(cfg: SmtpConfig): Field | undefined {
  const f = cfg.implicitTls;
  return f && f.site.style !== 'url-part' ? f : undefined;
}

function truthy(cfg: SmtpConfig, f: Field | undefined): boolean {
  return f?.site.style === 'url-part' ? parseBool(strOf(f), 'nodemailer-url') === true : boolOf(f, cfg.dialect) === true;
}

function removeTruthy(cfg: SmtpConfig, e: Edits, f: Field | undefined): void {
  if (!f || !truthy(cfg, f)) return;
  if (f.site.style === 'url-part') e.add(editablePart(cfg, f) ? { op: 'remove', field: f } : null);
  else e.add(editable(cfg, f) ? { op: 'remove', field: f } : null);
}

function implicit(cfg: SmtpConfig, e: Edits): void {
  const sec = secureKey(cfg);
  const scheme = cfg.url?.scheme;
  if (sec) e.add(setBool(cfg, sec, true));
  else if (scheme && strOf(scheme) === 'smtp') e.add(setScheme(cfg, 'smtps'));
  else if (!scheme || strOf(scheme) !== 'smtps') e.add(insert(anchorOf(cfg, cfg.port, cfg.host), keyLike(prefix(cfg), 'SECURE'), 'true', 'boolean'));
  if (sec && scheme && strOf(scheme) === 'smtp') e.add(setScheme(cfg, 'smtps'));
}

function starttls(cfg: SmtpConfig, e: Edits, opts: { addRequire: boolean }): void {
  const sec = secureKey(cfg);
  const scheme = cfg.url?.scheme;
  if (sec) e.add(setBool(cfg, sec, false));
  if (scheme && strOf(scheme) === 'smtps') e.add(setScheme(cfg, 'smtp'));
  removeTruthy(cfg, e, cfg.ignoreTls);
  removeTruthy(cfg, e, cfg.opportunisticTls);
  if (cfg.requireTls) {
    if (cfg.requireTls.site.style === 'url-part') e.add(editablePart(cfg, cfg.requireTls) ? (parseBool(strOf(cfg.requireTls), 'nodemailer-url') === true ? undefined : { op: 'set', field: cfg.requireTls, text: 'true' }) : null);
    else e.add(setBool(cfg, cfg.requireTls, true));
  } else if (opts.addRequire) {
    if (!sec && scheme) e.add(setParam(cfg, 'requireTLS', 'true'));
    else e.add(insert(anchorOf(cfg, sec, cfg.port, cfg.host), keyLike(prefix(cfg), 'REQUIRE_TLS'), 'true', 'boolean'));
  }
}

function port(cfg: SmtpConfig, e: Edits, p: number): void {
  if (cfg.port && cfg.port.site.style !== 'url-part') e.add(setText(cfg, cfg.port, String(p), 'number'));
  else if (cfg.url?.scheme && !cfg.port) e.add(setUrlPort(cfg, p));
  else if (cfg.url?.port) e.add(setUrlPort(cfg, p));
  else e.add(insert(anchorOf(cfg, cfg.host), keyLike(prefix(cfg), 'PORT'), String(p), 'number'));
  const sec = secureKey(cfg);
  if (p === 465) {
    if (sec) e.add(setBool(cfg, sec, true));
    if (cfg.url?.scheme && strOf(cfg.url.scheme) === 'smtp') e.add(setScheme(cfg, 'smtps'));
  } else {
    if (sec && boolOf(sec, cfg.dialect) !== false) e.add(setBool(cfg, sec, false));
    if (cfg.url?.scheme && strOf(cfg.url.scheme) === 'smtps') e.add(setScheme(cfg, 'smtp'));
  }
}

export function expressNodemailerEnv(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      if (intent.mode === 'implicit') implicit(cfg, e);
      else starttls(cfg, e, { addRequire: false });
      break;
    case 'port':
      port(cfg, e, intent.port);
      break;
    case 'require-tls':
      starttls(cfg, e, { addRequire: true });
      // only the require part: undo a secure flip when the config is implicit TLS already
      if (cfg.effective.tlsMode === 'implicit') return null;
      break;
    case 'verify-cert':
      e.add(removeVerifyFlag(cfg));
      break;
    case 'min-tls-1.2': {
      const f = cfg.minTlsVersion;
      if (!f) return null;
      if (f.site.style === 'url-part') e.add(setParam(cfg, f.key, 'TLSv1.2'));
      else e.add(setText(cfg, f, 'TLSv1.2'));
      break;
    }
  }
  return e.result();
}

for (const d of ['generic', 'meteor'] as Dialect[]) registerExpresser(d, { express: expressNodemailerEnv });
