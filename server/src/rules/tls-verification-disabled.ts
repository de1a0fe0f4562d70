// Rule 6: server certificate / hostname verification turned off (per transport, or process-wide).
import type { Field, SmtpConfig } from '../model/types';
import type { Rule } from './types';
import { NO_CONTEXT_REASON } from '../semantics/smtplib';
import { boolOf, editable, fixes, hasCredentials, hostOf, intentFix, isDevTarget, plainFix, providerOf, removeEdit, show, spanOf, strOf } from './util';
import { parseBool } from '../semantics/values';
import { checksServerIdentityByDefault, isJavaMailDialect, javaMailReleaseText, PARTIAL_EXTRA } from '../semantics/javamail';
import type { RuleContext } from './types';

/** The field says "do not verify": false/0/none, or a skip/trust-all switch that is on, or trust "*". */
export function verificationOff(f: Field | undefined): boolean {
  if (!f) return false;
  const text = f.text.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (/ssl\.trust$/i.test(f.key)) return text === '*';
  if (/skip|force_?trust|insecure|allow_?self|allow_?insecure/i.test(f.key)) {
    // A "skip verification" switch: on = verification off. The reader may already have inverted the value.
    if (f.kind === 'literal') return parseBool(text, 'env-app') === true;
    return f.value === false;
  }
  // A boolean value is the reader's reading of the setting (for its library): it decides.
  if (typeof f.value === 'boolean') return !f.value;
  if (f.kind !== 'literal') return false;
  // a boolean false, minified !1, or an OpenSSL verify mode of none (Ruby mail gem)
  return parseBool(text, 'env-app') === false || ['!1', 'none', 'verify_none', 'openssl::ssl::verify_none'].includes(text) || strOf(f) === 'none';
}

/** The URL/DSN parameter that turns verification off, when the reader did not map it to verifyCert. */
function urlVerifyParam(cfg: SmtpConfig): Field | undefined {
  const p = cfg.url?.params ?? {};
  for (const k of ['tls.rejectUnauthorized', 'verify_peer']) {
    const f = p[k];
    if (f && boolOf(f, cfg.dialect) === false) return f;
  }
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'tls-verification-disabled',
    defaultSeverity: 'warning',
    short: 'Server certificate verification is turned off',
    long:
      'With certificate verification off (tls.rejectUnauthorized: false, NODE_TLS_REJECT_UNAUTHORIZED=0, verify_peer=0, ' +
      'mail.smtp.ssl.trust "*", skip_verify ...), TLS still encrypts, but the client accepts any certificate: anyone who ' +
      'can intercept the connection can present their own and read the SMTP password and every message. RFC 8314 §5 ' +
      'requires mail clients to validate the server certificate. Fix the cause instead (set servername for an IP host, ' +
      'or trust the private CA with tls.ca). JavaMail before Angus Mail 2.0 (javax.mail, com.sun.mail jakarta.mail, Angus ' +
      'Mail 1.x; Spring Boot up to 2.7) skips the host name check unless mail.smtp.ssl.checkserveridentity=true: when ' +
      'pom.xml / build.gradle (or "versions" in .mailconfiglintrc.json) names such a release, a TLS connection without ' +
      'that property is reported too (warning with credentials, info without). Python smtplib: an ssl.SSLContext built ' +
      'in the same function (or at module level) and passed as context= is followed: ssl._create_unverified_context(), ' +
      'check_hostname = False, verify_mode = ssl.CERT_NONE or SSLContext(PROTOCOL_TLS) left at CERT_NONE are reported ' +
      'where they are written; a context from a helper, a parameter or another module is not guessed.',
    sources: ['RFC 8314 §5.2–5.3', 'RFC 7817', 'Node.js docs: tls.connect rejectUnauthorized, NODE_TLS_REJECT_UNAUTHORIZED', 'symfony/mailer EsmtpTransportFactory (verify_peer)', 'JavaMail mail.smtp.ssl.trust / checkserveridentity', 'eclipse-ee4j/angus-mail#12 and PR #14 (checkserveridentity defaults to true from Angus Mail 2.0; false in com.sun.mail and Angus 1.x)', 'CVE-2021-44549 (server identity checks off by default in JavaMail/Jakarta Mail)', 'CPython Lib/ssl.py create_default_context / _create_unverified_context, SSLContext.check_hostname and verify_mode'],
    cwe: 'CWE-295',
    fixSafety: 'Safe for well-known providers (their certificates verify). Unsafe elsewhere: a server with a self-signed or mismatched certificate stops working until it gets a proper certificate or the client trusts its CA. Removing NODE_TLS_REJECT_UNAUTHORIZED is always unsafe: it affects every TLS connection of the process.',
  },
  checkConfig(cfg, ctx) {
    const f = verificationOff(cfg.verifyCert) ? cfg.verifyCert! : urlVerifyParam(cfg);
    if (!f) {
      if (isJavaMailDialect(cfg.dialect)) hostNameUncheckedByDefault(cfg, ctx);
      return;
    }
    const dev = isDevTarget(cfg);
    const host = hostOf(cfg);
    const safe = !!providerOf(host);
    const where = host ? ` to ${host}` : '';
    // Python: verification off by omission (no context= passed to smtplib's starttls() / SMTP_SSL()).
    const omitted = f.key === 'context' && f.kind === 'expression';
    const message = omitted
      ? `${f.text}: the certificate of the server${where} is not verified because no context was passed (${NO_CONTEXT_REASON.split(': ')[0]}, i.e. ssl._create_unverified_context()): anyone on the network path can impersonate the server and read the SMTP password and the mail (RFC 8314 §5).`
      : `${show(f)} turns off server certificate verification${where}: anyone on the network path can impersonate the server and read the SMTP password and the mail (RFC 8314 §5).${dev ? ' The host is local, but this setting tends to be copied to production.' : ''}`;
    const preferred = intentFix(cfg, { kind: 'verify-cert' }, 'verify the certificate', safe, () => (editable(cfg, f) ? [removeEdit(f)] : null));
    // By omission: a warning when a password crosses the connection, info otherwise (rules-research-polyglot §11);
    // Flask-Mailman's STARTTLS path is info (the research's confidence on the released wheel is medium).
    const quiet = dev || (omitted && (!hasCredentials(cfg) || cfg.dialect === 'flask-mailman'));
    ctx.report({ message, severity: quiet ? 'info' : undefined, span: spanOf(f), fixes: fixes(preferred), configId: cfg.id });
  },
  checkGlobal(g, ctx) {
    const f = g.field;
    if (f.key !== 'NODE_TLS_REJECT_UNAUTHORIZED') return;
    const s = String(f.value ?? f.text).trim();
    if (s !== '0') return;
    ctx.report({
      message: `NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification for every TLS connection of the Node process (SMTP, HTTPS, databases): anyone on the network path can read the SMTP password and the mail.`,
      span: spanOf(f),
      fixes: fixes(plainFix('verify certificates again', false, [removeEdit(f)])),
    });
  },
};
export default rule;

/** JavaMail releases before Angus Mail 2 check the certificate chain but not the host name unless
 *  ssl.checkserveridentity=true is written (semantics/javamail.ts): a TLS connection with nothing about
 *  verification written is reported when the project's build file names such a release. */
function hostNameUncheckedByDefault(cfg: SmtpConfig, ctx: RuleContext): void {
  const mode = cfg.effective.tlsMode;
  if (mode !== 'implicit' && mode !== 'starttls-required' && mode !== 'starttls-opportunistic') return;
  if (cfg.verifyCert || PARTIAL_EXTRA in cfg.extras || isDevTarget(cfg)) return;
  // a host name check or a socket factory of the project's own decides verification: not a default any more
  if (Object.keys(cfg.extras).some((k) => /mail\.smtps?\.(ssl\.checkserveridentity|ssl\.socketfactory|socketfactory)/i.test(k))) return;
  const at = cfg.implicitTls ?? cfg.starttls ?? cfg.requireTls;
  if (!at) return;
  const { checks, release } = checksServerIdentityByDefault((lib) => ctx.versionOf(lib));
  if (checks !== false || !release) return;
  const host = hostOf(cfg);
  const prefix = /mail\.smtps\./.test(at.key) || cfg.effective.because.includes('smtps') ? 'mail.smtps' : 'mail.smtp';
  ctx.report({
    message:
      `${javaMailReleaseText(release)} does not check the server's host name against its certificate unless ${prefix}.ssl.checkserveridentity=true is set ` +
      `(the default became true only in Angus Mail 2.0): any certificate a public CA issued for any host is accepted${host ? ` for ${host}` : ''}, so anyone on the network path can impersonate the server and read the SMTP password and the mail (RFC 8314 §5, RFC 6125).`,
    severity: hasCredentials(cfg) ? 'warning' : 'info',
    span: spanOf(at),
    fixes: fixes(intentFix(cfg, { kind: 'verify-cert', checkServerIdentity: true }, `check the host name (${prefix}.ssl.checkserveridentity=true)`, !!providerOf(host), () => null)),
    configId: cfg.id,
  });
}
