// Rule 3: implicit-TLS and STARTTLS flags both on (or requireTLS together with ignoreTLS).
import type { Field, Severity, SmtpConfig } from '../model/types';
import type { Rule } from './types';
import { starttlsWord } from '../semantics/values';
import { REQUIRE_TLS_WINS_SINCE, requireTlsWins } from '../semantics/nodemailer/versions';
import { MAIL_GEM, MUTUAL_EXCLUSION_ERROR, MUTUAL_EXCLUSION_SINCE, mailGemLine } from '../semantics/mail-gem';
import { IMPLICIT_PORTS, NODEMAILER_FAMILY, STARTTLS_PORTS, boolOf, fixes, libName, plainFix, portField, portOf, relatedOf, removeEdit, setEdit, show, spanOf, strOf, editable } from './util';

/** The STARTTLS switch is on (boolean true, or Mastodon/Rails 'auto'/'always'). */
function starttlsOn(f: Field | undefined, dialect: SmtpConfig['dialect']): boolean {
  if (!f) return false;
  const b = boolOf(f, dialect);
  if (b !== undefined) return b;
  return starttlsWord(strOf(f)) === 'on';
}

/** Dialects where both flags together make the library throw. */
const THROWS: Partial<Record<SmtpConfig['dialect'], string>> = {
  django: "Django raises ValueError('EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive')",
  mastodon: 'the Ruby mail gem ≥ 2.9 raises ArgumentError (:enable_starttls and :tls are mutually exclusive)',
  discourse: 'the Ruby mail gem ≥ 2.9 raises ArgumentError (:enable_starttls and :tls are mutually exclusive)',
};

export const rule: Rule = {
  meta: {
    id: 'conflicting-tls-flags',
    defaultSeverity: 'warning',
    short: 'Implicit-TLS and STARTTLS settings both on, or requireTLS together with ignoreTLS',
    long:
      'A connection is either implicit TLS (TLS from the first byte, port 465) or STARTTLS (plaintext greeting, then an ' +
      'upgrade, port 587). Turning both on is an error in some libraries (Django raises ValueError, the Ruby mail gem ' +
      '≥ 2.9 raises ArgumentError) and dead code in others (with nodemailer secure: true, requireTLS/ignoreTLS are ' +
      'ignored). nodemailer requireTLS together with ignoreTLS: before 10.0.12 ignoreTLS wins and STARTTLS is never sent (clear ' +
      'text, a warning); from 10.0.12 requireTLS wins and ignoreTLS is dead code (info). The release is read from ' +
      'package-lock.json / package.json or "versions" in .mailconfiglintrc.json; when unknown the message says both. ' +
      'Ruby (ActionMailer smtp_settings, delivery_method :smtp): tls:/ssl: with a truthy enable_starttls or ' +
      'enable_starttls_auto raises ArgumentError in mail ≥ 2.9 (error); mail 2.7/2.8 from Gemfile.lock let tls win (warning: the upgrade breaks it).',
    sources: ['RFC 8314 §3', 'django/core/mail/backends/smtp.py (mutual exclusion)', 'mikel/mail lib/mail/network/delivery_methods/smtp.rb (≥ 2.9 build_smtp_session ArgumentError; 2.8.x and 2.7.x: tls wins)', 'gitlab-org/gitlab#409835', 'nodemailer lib/smtp-connection (STARTTLS decision; requireTLS clears ignoreTLS from 10.0.12)'],
    fixSafety: 'Safe when the port decides which flag is right (465 keeps the implicit flag, other ports keep STARTTLS): the fix removes the flag that does not match. When the port is unknown the fix is unsafe. Removing ignoreTLS next to requireTLS is safe: it makes the config do what requireTLS already asks for. Removing a flag that has no effect next to secure: true is safe.',
  },
  checkConfig(cfg, ctx) {
    const port = portOf(cfg);
    const implicitOn = boolOf(cfg.implicitTls, cfg.dialect) === true && cfg.implicitTls;
    const lib = libName(cfg.dialect);

    // a) implicit + STARTTLS
    if (implicitOn && starttlsOn(cfg.starttls, cfg.dialect)) {
      const implicitF = cfg.implicitTls!;
      const startF = cfg.starttls!;
      let throws = THROWS[cfg.dialect];
      // Ruby code: mail ≥ 2.9 raises; older releases let tls win and ignore the STARTTLS flag (until the upgrade)
      let olderMail = '';
      if (cfg.dialect === 'mail-gem') {
        const ver = ctx.versionOf(MAIL_GEM);
        const line = mailGemLine(ver?.spec);
        if (line === 'old' || line === '2.8') olderMail = `mail ${ver!.spec} (${ver!.source}) lets ${implicitF.key} win, so ${startF.key} has no effect today, but mail ≥ ${MUTUAL_EXCLUSION_SINCE} raises ${MUTUAL_EXCLUSION_ERROR} when it creates the connection (mastodon#36639)`;
        else throws = `the Ruby mail gem${ver ? ` ${ver.spec} (${ver.source})` : ` ≥ ${MUTUAL_EXCLUSION_SINCE}`} raises ${MUTUAL_EXCLUSION_ERROR}`;
      }
      if (!throws && port !== undefined && STARTTLS_PORTS.has(port)) return; // starttls-port-with-implicit-tls says it better
      const keepImplicit = port === undefined ? true : IMPLICIT_PORTS.has(port);
      const wrong = keepImplicit ? startF : implicitF;
      const other = keepImplicit ? implicitF : startF;
      const severity: Severity = throws ? 'error' : olderMail ? 'warning' : 'info';
      const message = olderMail
        ? `${show(implicitF)} and ${show(startF)} are both on: ${olderMail}.${port !== undefined ? ` Port ${port} needs ${keepImplicit ? 'implicit TLS' : 'STARTTLS'}, so drop ${wrong.key}.` : ''}`
        : throws
        ? `${show(implicitF)} and ${show(startF)} are both on: ${throws} when it creates the connection.${port !== undefined ? ` Port ${port} needs ${keepImplicit ? 'implicit TLS' : 'STARTTLS'}, so drop ${wrong.key}.` : ''}`
        : `${show(implicitF)} already makes the connection TLS from the first byte, so ${show(startF)} has no effect in ${lib}.`;
      const off = cfg.dialect === 'mastodon' && /ENABLE_STARTTLS/i.test(wrong.key) && editable(cfg, wrong) ? setEdit(wrong, 'never') : removeEdit(wrong);
      ctx.report({
        message,
        severity,
        span: spanOf(wrong),
        related: relatedOf(other, `${other.key} is set here`),
        fixes: fixes(plainFix(keepImplicit ? 'keep implicit TLS' : 'keep STARTTLS', port !== undefined, [off])),
        configId: cfg.id,
      });
      return;
    }

    // b) requireTLS + ignoreTLS (nodemailer semantics): which one wins depends on the nodemailer release
    if (!implicitOn && boolOf(cfg.requireTls, cfg.dialect) === true && boolOf(cfg.ignoreTls, cfg.dialect) === true) {
      const ver = NODEMAILER_FAMILY.has(cfg.dialect) ? ctx.versionOf('nodemailer') : undefined;
      const wins = NODEMAILER_FAMILY.has(cfg.dialect) ? requireTlsWins(ver) : false;
      const which = ver ? `nodemailer ${ver.spec} (${ver.source})` : lib;
      const message =
        wins === true
          ? `${show(cfg.ignoreTls!)} has no effect next to ${show(cfg.requireTls!)}: ${which} lets requireTLS win (since ${REQUIRE_TLS_WINS_SINCE}), so STARTTLS stays required; the flag only misleads readers.`
          : wins === false
            ? `${show(cfg.ignoreTls!)} contradicts ${show(cfg.requireTls!)}: ${which} lets ignoreTLS win and never sends STARTTLS, so the session stays in clear text.`
            : `${show(cfg.ignoreTls!)} contradicts ${show(cfg.requireTls!)}: nodemailer before ${REQUIRE_TLS_WINS_SINCE} lets ignoreTLS win and never sends STARTTLS (the session stays in clear text); ${REQUIRE_TLS_WINS_SINCE} and later let requireTLS win.${ver ? ` ${which} allows both.` : ''}`;
      ctx.report({
        message,
        severity: wins === true ? 'info' : 'warning',
        span: spanOf(cfg.ignoreTls!),
        related: relatedOf(cfg.requireTls, `${cfg.requireTls!.key} is set here`),
        fixes: fixes(plainFix('STARTTLS stays required', true, [removeEdit(cfg.ignoreTls!)])),
        configId: cfg.id,
      });
      return;
    }

    // c) implicit TLS + requireTLS/ignoreTLS: redundant
    if (implicitOn && (cfg.dialect === 'nodemailer' || cfg.dialect === 'generic' || cfg.dialect === 'ghost')) {
      // Only when secure is written here and the port is known to be implicit (or unset: nodemailer then uses 465).
      // A port read at run time may be 587, where starttls-port-with-implicit-tls is the real finding.
      const f0 = cfg.implicitTls!;
      if (f0.kind !== 'literal' || f0.site.file !== cfg.file) return;
      if (portField(cfg) ? port === undefined || !IMPLICIT_PORTS.has(port) : false) return;
      for (const f of [cfg.requireTls, cfg.ignoreTls]) {
        if (!f || boolOf(f, cfg.dialect) !== true) continue;
        ctx.report({
          message: `${show(f)} has no effect: ${show(cfg.implicitTls!)} makes the connection TLS from the first byte, so ${lib} never sends STARTTLS.`,
          severity: 'info',
          span: spanOf(f),
          related: relatedOf(cfg.implicitTls, `${cfg.implicitTls!.key} is set here`),
          fixes: fixes(plainFix('it is ignored with implicit TLS', true, [removeEdit(f)])),
          configId: cfg.id,
        });
      }
    }
  },
};
export default rule;
