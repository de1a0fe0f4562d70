// Rule 5: JS reads the port from the environment but hard-codes the TLS mode; the .env value contradicts it.
import type { Field, SmtpConfig } from '../model/types';
import type { Report, Rule, RuleContext } from './types';
import { SYSTEM_NET_MAIL_465 } from '../semantics/system-net-mail';
import { IMPLICIT_PORTS, STARTTLS_PORTS, boolOf, editable, fixes, hangSymptom, intentFix, libName, plainFix, portField, portOf, relatedOf, setEdit, show, spanOf, wrongVersionSymptom } from './util';
import { plaintextCulprit } from './implicit-tls-port-without-tls';
import { implicitCulprit } from './starttls-port-with-implicit-tls';

/** A setting written in the config's own file (not a value read from the environment). */
function writtenHere(f: Field | undefined, cfg: SmtpConfig): f is Field {
  return !!f && f.kind === 'literal' && f.site.file === cfg.file;
}

/**
 * PHP, Python and the other code languages: the port comes from the workspace's env files (env('MAIL_PORT'),
 * os.environ['EMAIL_PORT'], getenv …) while the TLS mode is written in the file. The library's effective mode
 * (cfg.effective, from its semantics module) already accounts for libraries that pick the mode from the port
 * (Laravel/Symfony: no contradiction to report there).
 */
function checkCodeLanguage(cfg: SmtpConfig, report: (r: Report) => void): void {
  const pf = portField(cfg);
  const port = portOf(cfg);
  if (!pf || port === undefined || pf.kind !== 'env' || !pf.envVar || !pf.resolvedFrom || pf.resolvedFrom.file === cfg.file) return;
  const mode = cfg.effective?.tlsMode;
  const lib = libName(cfg.dialect);
  const envText = `${pf.envVar}=${port}`;
  let message: string | undefined;
  let culprit: Field | undefined;
  let fix;
  if (IMPLICIT_PORTS.has(port) && (mode === 'none' || mode === 'starttls-opportunistic' || mode === 'starttls-required')) {
    const c = plaintextCulprit(cfg);
    culprit = writtenHere(c, cfg) ? c : undefined;
    message = `The env file sets ${envText} (the server expects implicit TLS from the first byte, RFC 8314 §3.3), but ${culprit ? `${show(culprit)} is written here` : 'nothing here turns implicit TLS on'}: ${lib} waits for a plaintext greeting and ${hangSymptom(cfg.dialect).replace(/^it /, '')}.`;
    fix = intentFix(cfg, { kind: 'tls-mode', mode: 'implicit' }, `match ${envText}`, false);
  } else if (STARTTLS_PORTS.has(port) && mode === 'implicit') {
    const c = implicitCulprit(cfg);
    culprit = writtenHere(c, cfg) ? c : undefined;
    if (!culprit) return; // implicit TLS that does not come from this file: nothing here to point at
    message = `The env file sets ${envText} (the server greets in plaintext and expects STARTTLS), but ${show(culprit)} is written here: ${lib} starts TLS before the greeting and ${wrongVersionSymptom(cfg.dialect).replace(/^it /, '')}.`;
    fix = intentFix(cfg, { kind: 'tls-mode', mode: 'starttls-required' }, `match ${envText}`, false);
  }
  if (!message) return;
  const at = culprit ?? (pf.site.file === cfg.file ? pf : undefined);
  if (!at) return;
  report({ message, span: spanOf(at), related: relatedOf(pf, `${envText} is set here`), fixes: fixes(derivedRubyFix(cfg, culprit, pf.envVar), fix), configId: cfg.id });
}

/** Ruby (mail gem): a hard-coded tls:/ssl: becomes `ENV['SMTP_PORT'].to_i == 465`, right for every port the env files
 *  can set. Safe only without a truthy STARTTLS flag next to it (mail ≥ 2.9 raises ArgumentError for tls together with
 *  enable_starttls(_auto) on 465). */
function derivedRubyFix(cfg: SmtpConfig, culprit: Field | undefined, envVar: string) {
  if (cfg.dialect !== 'mail-gem' || !culprit || culprit !== cfg.implicitTls) return undefined;
  const starttlsOn = boolOf(cfg.starttls) === true;
  return plainFix('derive the mode from the port', !starttlsOn, [setEdit(culprit, `ENV['${envVar}'].to_i == 465`, 'code')]);
}

export const rule: Rule = {
  meta: {
    id: 'cross-file-port-mode-mismatch',
    defaultSeverity: 'warning',
    short: 'TLS mode hard-coded in code contradicts the port read from a .env file',
    long:
      'The transport reads its port from the environment (process.env, PHP env()/getenv()/$_ENV, Python os.environ/' +
      'decouple/django-environ, Java System.getenv, Go os.Getenv, Ruby ENV.fetch/ENV[]) but hard-codes the TLS mode. The .env file next to it sets a port that ' +
      'needs the other mode: 465 with secure: false waits for a greeting that never comes; 587/25/2525 with secure: true ' +
      'fails with "wrong version number". The code works in one environment and breaks in the next. Derive the mode ' +
      'from the port instead.',
    sources: ['RFC 8314 §3.3', 'RFC 6409 §1', 'nodemailer lib/smtp-connection (secure, port defaults)', 'angus-mail SMTPTransport.java (ssl.enable / starttls.*: no port-based switch)'],
    fixSafety: 'JS: safe: secure becomes Number(process.env.PORT) === 465, which is right for every port the .env files can set and keeps the current meaning for the ports that already worked. The alternative (hard-code the value matching this .env) is unsafe: other environments may set another port. PHP, Python, Java and Go: the only fix offered sets the mode that matches this .env (unsafe, for the same reason). Ruby: a hard-coded tls:/ssl: becomes ENV[\'SMTP_PORT\'].to_i == 465 (safe unless a STARTTLS flag is on next to it); otherwise the mode matching this .env (unsafe).',
  },
  checkConfig(cfg, ctx) {
    if (cfg.dialect === 'mailkit' || cfg.dialect === 'system-net-mail') return checkDotnet(cfg, ctx);
    if (cfg.format !== 'js') return checkCodeLanguage(cfg, (r) => ctx.report(r));
    const pf = portField(cfg);
    const port = portOf(cfg);
    if (!pf || port === undefined || pf.kind !== 'env' || !pf.envVar || !pf.resolvedFrom || pf.resolvedFrom.file === cfg.file) return;
    const sec = cfg.implicitTls;
    if (!sec || sec.kind !== 'literal' || sec.site.file !== cfg.file || sec.site.style !== 'js-prop') return;
    const b = boolOf(sec, cfg.dialect);
    if (b === undefined) return;
    const envText = `${pf.envVar}=${port}`;
    let message: string | undefined;
    if (IMPLICIT_PORTS.has(port) && b === false) {
      message = `The .env file sets ${envText} (the server expects implicit TLS from the first byte, RFC 8314 §3.3), but ${sec.key}: ${sec.text} is hard-coded here: nodemailer waits for a plaintext greeting and ${hangSymptom(cfg.dialect).replace(/^it /, '')}.`;
    } else if (STARTTLS_PORTS.has(port) && b === true) {
      message = `The .env file sets ${envText} (the server greets in plaintext and expects STARTTLS), but ${sec.key}: ${sec.text} is hard-coded here: nodemailer starts TLS before the greeting and ${wrongVersionSymptom(cfg.dialect).replace(/^it /, '')}.`;
    }
    if (!message) return;
    const preferred = plainFix('derive the mode from the port', true, [setEdit(sec, `Number(process.env.${pf.envVar}) === 465`, 'code')]);
    const alt = plainFix(`match ${envText}`, false, [setEdit(sec, String(!b), 'boolean')]);
    ctx.report({
      message,
      span: spanOf(sec),
      related: relatedOf(pf, `${envText} is set here`),
      fixes: fixes(preferred, alt),
      configId: cfg.id,
    });
  },
};
export default rule;

/**
 * .NET: an environment variable (`Smtp__Port=465` in a .env file, overriding appsettings.json or read by
 * Configuration["Smtp:Port"]) sets the port, while the TLS mode is written here. MailKit: SecureSocketOptions.Auto
 * derives the mode from the port (465 → SslOnConnect, else STARTTLS when offered) [MailKit SmtpClient.cs
 * ComputeDefaultValues]. System.Net.Mail has no implicit TLS at all: 465 from the environment cannot work.
 */
function checkDotnet(cfg: SmtpConfig, ctx: RuleContext): void {
  const pf = portField(cfg);
  const port = portOf(cfg);
  if (!pf || port === undefined || pf.kind !== 'env' || !pf.envVar || !pf.resolvedFrom || pf.resolvedFrom.file === cfg.file) return;
  const envText = `${pf.envVar}=${port}`;
  if (cfg.dialect === 'system-net-mail') {
    if (!IMPLICIT_PORTS.has(port)) return;
    ctx.report({
      message: `The environment sets ${envText}, but ${SYSTEM_NET_MAIL_465}. Set the port to 587 (with EnableSsl = true) in that environment, or switch to MailKit.`,
      span: spanOf(cfg.starttls && editable(cfg, cfg.starttls) ? cfg.starttls : pf),
      related: relatedOf(pf, `${envText} is set here`),
      configId: cfg.id,
    });
    return;
  }
  const opt = cfg.implicitTls;
  if (!opt || opt.site.file !== cfg.file || opt.kind !== 'literal') return;
  const b = boolOf(opt, cfg.dialect);
  if (b === undefined) return; // Auto: MailKit follows the port
  let message: string | undefined;
  if (IMPLICIT_PORTS.has(port) && b === false && cfg.effective.tlsMode !== 'implicit') {
    message = `The environment sets ${envText} (the server expects implicit TLS from the first byte, RFC 8314 §3.3), but ${show(opt)} is written here: ${hangSymptom(cfg.dialect)}.`;
  } else if (STARTTLS_PORTS.has(port) && b === true) {
    message = `The environment sets ${envText} (the server greets in plaintext and expects STARTTLS), but ${show(opt)} is written here: ${wrongVersionSymptom(cfg.dialect).replace(/^it /, 'MailKit ')}.`;
  }
  if (!message) return;
  const json = opt.site.style === 'json-prop';
  const auto = plainFix('MailKit derives the mode from the port', true, editable(cfg, opt) ? [setEdit(opt, json ? 'Auto' : `${cfg.extras.optionType?.text ?? 'SecureSocketOptions'}.Auto`, json ? 'string' : 'code')] : null);
  const match = intentFix(cfg, { kind: 'tls-mode', mode: b ? 'starttls-required' : 'implicit' }, `match ${envText}`, false);
  ctx.report({ message, span: spanOf(opt), related: relatedOf(pf, `${envText} is set here`), fixes: fixes(auto, match), configId: cfg.id });
}
