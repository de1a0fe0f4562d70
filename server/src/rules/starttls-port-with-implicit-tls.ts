// Rule 2: implicit TLS requested on a plaintext-greeting port (587, 25, 2525, 2587).
import type { Field, SmtpConfig } from '../model/types';
import type { Rule } from './types';
import {
  STARTTLS_PORTS, decidingPort, intentFix, isCrossFile, libName, portRole, reportPortModeMismatch, setPort, show, wrongVersionSymptom,
} from './util';

export function implicitCulprit(cfg: SmtpConfig): Field | undefined {
  if (cfg.implicitTls) return cfg.implicitTls;
  if (cfg.url?.scheme && cfg.url.scheme.site.file === cfg.file) return cfg.url.scheme;
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'starttls-port-with-implicit-tls',
    defaultSeverity: 'error',
    short: 'Implicit TLS on a STARTTLS port (587, 25, 2525): the TLS handshake hits a plaintext greeting',
    long:
      'Ports 587 (submission, RFC 6409), 25 (relay) and the unofficial 2525 greet in plaintext; TLS starts only after ' +
      'the client sends STARTTLS (RFC 3207). A client set to implicit TLS (secure: true, smtps://, EMAIL_USE_SSL, ' +
      'mail.smtp.ssl.enable) sends a TLS ClientHello first, the server answers with its plaintext "220" banner, and ' +
      'OpenSSL fails with "wrong version number". Use STARTTLS on these ports (and require it), or move to 465.',
    sources: ['RFC 6409 §1', 'RFC 3207 §4', 'nodemailer lib/smtp-connection (secure → tls.connect)', 'nodemailer issues #440, #1461'],
    fixSafety: 'The preferred fix (switch the client to STARTTLS, keeping the port) is safe: the configuration cannot connect as written. The alternative (move to port 465 with implicit TLS) is unsafe: it depends on the server offering 465.',
  },
  checkConfig(cfg, ctx) {
    // A nodemailer service preset that sets the port decides it (the written port is dead code).
    const dp = decidingPort(cfg);
    if (!dp || !STARTTLS_PORTS.has(dp.port)) return;
    const { port, field: pf } = dp;
    if (pf && isCrossFile(pf, cfg)) return; // cross-file-port-mode-mismatch
    if (cfg.effective?.tlsMode !== 'implicit') return;
    const culprit = implicitCulprit(cfg);
    // Laravel releases where MAIL_ENCRYPTION decides (≤ 8, 9.0.0–9.0.2, 11.35.0): laravel-mail-encryption-ignored
    // reports it on that line, with the fix that release needs.
    if (cfg.dialect === 'laravel' && !culprit) return;
    const at = culprit ?? pf;
    if (!at) return;
    const lib = libName(cfg.dialect);
    const why = culprit ? `${show(culprit)} makes ${lib} start a TLS handshake before the greeting` : `${lib} starts a TLS handshake before the greeting`;
    const message = `${portRole(port)}, but ${why}: ${wrongVersionSymptom(cfg.dialect)}.`;
    const alt = intentFix(cfg, { kind: 'port', port: 465 }, 'implicit TLS on 465 instead', false, () => setPort(cfg, 465));
    reportPortModeMismatch(ctx, cfg, { dp, culprit, at, message, portMode: 'starttls-required', why: `STARTTLS on port ${port}`, alt });
  },
};
export default rule;
