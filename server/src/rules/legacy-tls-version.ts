// Rule 7: TLS 1.0/1.1 or SSLv3 allowed or forced, or a weak cipher list.
import type { Field, SmtpConfig } from '../model/types';
import type { Rule, RuleContext } from './types';
import { sendsWithNodemailer } from '../semantics/libraries';
import { editable, fixes, intentFix, plainFix, removeEdit, setEdit, show, spanOf } from './util';

const LEGACY_VERSION = /^(sslv2|sslv3|tlsv1|tlsv1\.0|tlsv1\.1|tls1|tls1\.0|tls1\.1|tlsv1_method|tlsv1_1_method|sslv3_method|sslv23_method|tlsv1_client_method|tlsv1_1_client_method)$/;
const WEAK = /^(sslv3|sslv2|rc4|des|3des|des-cbc3-sha|null|enull|anull|export|exp|md5|low|rc4-sha|rc4-md5)$/i;

/** A cipher list that enables (not excludes with ! or -) a legacy entry, or lowers the security level to 0. */
export function weakCiphers(list: string): boolean {
  if (/@seclevel=0/i.test(list)) return true;
  return list.split(/[:\s,]+/).some((e) => e && !e.startsWith('!') && !e.startsWith('-') && WEAK.test(e.replace(/^\+/, '')));
}

function versions(f: Field): string[] {
  // A literal list ("TLSv1 TLSv1.1") is read as written; a resolved value otherwise.
  const t = (f.kind === 'literal' ? f.text : String(f.value ?? f.text)).trim().replace(/^["']|["']$/g, '');
  return t.split(/[\s,]+/).filter(Boolean);
}

/** The legacy versions a version field allows (empty when none). */
export function legacyVersions(f: Field | undefined): string[] {
  if (!f || (f.kind !== 'literal' && f.value === undefined)) return [];
  return versions(f).filter((v) => LEGACY_VERSION.test(v.toLowerCase()));
}

function replacement(f: Field): string {
  if (/protocols/i.test(f.key)) return 'TLSv1.2 TLSv1.3';
  if (/secureprotocol/i.test(f.key)) return 'TLSv1_2_method';
  if (/maxversion/i.test(f.key)) return 'TLSv1.3';
  return 'TLSv1.2';
}

/** What the runtime does without the setting, where it is known to be TLS 1.2 already: Node (nodemailer and the
 *  process-wide Node settings) and Go. Other runtimes (Java, .NET, PHP, Python, Ruby) take the floor from the JDK,
 *  the OS or OpenSSL, so no claim is made for them. */
function defaultNote(cfg: SmtpConfig): string {
  if (cfg.format === 'go') return " Go's crypto/tls already defaults to TLS 1.2 for clients (Go 1.18+).";
  if (sendsWithNodemailer(cfg.dialect) || cfg.dialect === 'node') return ' Node already defaults to TLS 1.2.';
  return '';
}

function checkVersion(cfg: SmtpConfig, f: Field, ctx: RuleContext): void {
  const legacy = legacyVersions(f);
  if (!legacy.length) return;
  const isMax = /maxversion/i.test(f.key);
  const message = isMax
    ? `${show(f)} caps the connection at ${legacy.join('/')}, which RFC 8996 deprecates; servers that require TLS 1.2 (Amazon SES, Microsoft 365) refuse it.`
    : `${show(f)} lets the connection fall back to ${legacy.join('/')}, which RFC 8996 deprecates (RFC 8997: TLS 1.2 is the floor for mail).${defaultNote(cfg)}`;
  const to = replacement(f);
  // The intent expresser knows the dialect's minimum-version key; a max/secureProtocol field is set in place.
  const preferred = f === cfg.minTlsVersion
    ? intentFix(cfg, { kind: 'min-tls-1.2' }, 'TLS 1.2 floor', true, () => (editable(cfg, f) ? [setEdit(f, to, 'string')] : null))
    : plainFix('TLS 1.2 or later', true, editable(cfg, f) ? [setEdit(f, to, 'string')] : null);
  ctx.report({ message, span: spanOf(f), fixes: fixes(preferred), configId: cfg.id });
}

export const rule: Rule = {
  meta: {
    id: 'legacy-tls-version',
    defaultSeverity: 'warning',
    short: 'TLS 1.0/1.1 or SSLv3 allowed or forced, or a weak cipher list',
    long:
      'TLS 1.0 and 1.1 are deprecated (RFC 8996) and RFC 8997 makes TLS 1.2 the floor for mail submission. Node.js ' +
      'already defaults to TLS 1.2; setting minVersion (or secureProtocol, mail.smtp.ssl.protocols, --tls-min-v1.0) ' +
      'lower only opens the door to downgrade attacks, and providers such as Amazon SES and Microsoft 365 refuse ' +
      'anything below 1.2 anyway. A cipher list with SSLv3, RC4, DES, NULL or EXPORT entries (often copied from old ' +
      'Office 365 answers as ciphers: "SSLv3") is useless to harmful. PHPMailer: SMTPOptions \'ssl\' \'crypto_method\' with ' +
      'STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT / TLSv1_1_CLIENT / SSLv3_CLIENT is reported for implicit TLS only: PHP reads it ' +
      'when it opens the ssl:// socket, while PHPMailer\'s STARTTLS passes its own crypto method and ignores it. Python ' +
      'smtplib: ctx.minimum_version = ssl.TLSVersion.TLSv1 / TLSv1_1 or SSLContext(PROTOCOL_TLSv1 / PROTOCOL_TLSv1_1) on a ' +
      'context built in the same function and passed as context=.',
    sources: ['RFC 8996', 'RFC 8997', 'RFC 8314 §4.1', 'Node.js docs: tls.DEFAULT_MIN_VERSION, --tls-min-v1.0', 'nodemailer issue #691', 'AWS SES security protocols', 'Go crypto/tls Config.MinVersion (client default TLS 1.2 since Go 1.18)', 'php-src ext/openssl/xp_ssl.c php_openssl_get_crypto_method (the ssl context crypto_method, read for ssl:// and tls:// sockets)', 'PHPMailer SMTP::startTLS (its own crypto method for stream_socket_enable_crypto)', 'CPython Lib/ssl.py SSLContext.minimum_version, TLSVersion'],
    cwe: 'CWE-326',
    fixSafety: 'Safe: the fix raises the floor to TLS 1.2 (lists become "TLSv1.2 TLSv1.3") or removes the weak cipher list, which is what every maintained mail server speaks.',
  },
  checkConfig(cfg, ctx) {
    // minTlsVersion, plus tls.maxVersion / tls.secureProtocol when the reader kept them apart.
    const candidates = [cfg.minTlsVersion, cfg.extras?.['tls.maxVersion'], cfg.extras?.['tls.secureProtocol']];
    const seen = new Set<number>();
    for (const f of candidates) {
      if (!f || seen.has(f.site.entry.start)) continue;
      seen.add(f.site.entry.start);
      checkVersion(cfg, f, ctx);
    }
    const c = cfg.ciphers;
    if (c && (c.kind === 'literal' || typeof c.value === 'string') && weakCiphers(String(c.value ?? c.text))) {
      ctx.report({
        message: `${show(c)} names legacy or broken ciphers (SSLv3/RC4/DES/NULL/EXPORT); the defaults of Node and OpenSSL are stronger. Remove the cipher list.`,
        span: spanOf(c),
        fixes: fixes(plainFix('use the default ciphers', true, editable(cfg, c) ? [removeEdit(c)] : null)),
        configId: cfg.id,
      });
    }
  },
  checkGlobal(g, ctx) {
    const f = g.field;
    if (f.key !== 'NODE_OPTIONS') return;
    const text = String(f.value ?? f.text);
    const m = /--tls-min-v1\.[01]\b/.exec(text);
    if (!m) return;
    const rest = text.replace(/\s*--tls-min-v1\.[01]\b/g, '').trim();
    ctx.report({
      message: `NODE_OPTIONS ${m[0]} lowers the TLS floor of every connection of the Node process below TLS 1.2 (deprecated by RFC 8996).`,
      span: spanOf(f),
      fixes: fixes(plainFix('TLS 1.2 floor', true, f.kind === 'literal' ? [rest ? setEdit(f, rest, 'string') : removeEdit(f)] : null)),
    });
  },
};
export default rule;
