// Rule 14: a provider that refuses plaintext (Amazon SES) configured with TLS switched off.
import type { Rule } from './types';
import { editable, fixes, hasCredentials, hostOf, intentFix, plainFix, providerOf, removeEdit, show, spanOf } from './util';
import { cleartextLogin, tlsOffCulprit } from './tls-disabled-with-credentials';

export const rule: Rule = {
  meta: {
    id: 'provider-requires-tls',
    defaultSeverity: 'error',
    short: 'TLS switched off for a provider that refuses plaintext (Amazon SES)',
    long:
      'Amazon SES accepts SMTP only over TLS: implicit TLS on 465/2465 or STARTTLS on 25/587/2587. A client with TLS ' +
      'switched off (ignoreTLS, NoStartTLS, auto_tls=false, starttls.enable: false) is refused before it can send, ' +
      'and if it tried to log in first, the SMTP credentials would cross the network in clear text.',
    sources: ['AWS SES: connecting to an Amazon SES SMTP endpoint', 'AWS SES: security protocols (TLS 1.2+)', 'RFC 8314 §4.1'],
    cwe: 'CWE-319',
    fixSafety: 'Safe: the provider only works over TLS, so requiring STARTTLS (or removing the setting that disabled it) can only make the configuration work.',
  },
  checkConfig(cfg, ctx) {
    const host = hostOf(cfg);
    const p = providerOf(host);
    // Without credentials SES refuses the session for lack of AUTH anyway (and nothing leaks): a template .env.example.
    if (!p?.requiresTls || !cleartextLogin(cfg) || !hasCredentials(cfg)) return;
    const culprit = tlsOffCulprit(cfg);
    // Only an explicit TLS-off setting: a missing STARTTLS switch may be set where we cannot see it.
    if (!culprit) return;
    const at = culprit;
    ctx.report({
      message: `${p.name} (${host}) accepts only TLS connections, but ${show(culprit)} switches TLS off: the server refuses to send, and any login happens in clear text.`,
      span: spanOf(at),
      fixes: fixes(
        intentFix(cfg, { kind: 'require-tls' }, 'require STARTTLS', true),
        culprit && culprit === cfg.ignoreTls && editable(cfg, culprit) ? plainFix('use STARTTLS', true, [removeEdit(culprit)]) : undefined,
      ),
      configId: cfg.id,
    });
  },
};
export default rule;
