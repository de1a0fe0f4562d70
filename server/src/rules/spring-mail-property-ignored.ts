// A JavaMail setting written where Spring Boot never passes it to JavaMail (issue 16; rules-research §4.5):
// `spring.mail.smtp.*` (MailProperties has no such field), `spring.mail.properties.smtp.*` (JavaMail is
// asked for `mail.smtp.*`, never `smtp.*`), a top-level `mail.smtp.*` in application*.yml. What each key
// means, and where Spring reads it, is decided in semantics/spring.
import type { Field, SmtpConfig } from '../model/types';
import type { Rule } from './types';
import { IGNORED_EXTRA, ignoredSpringKey, type IgnoredSpringKey } from '../semantics/spring';
import { boolOf, editable, fixes, intentFix, plainFix, relatedOf, removeEdit, spanOf } from './util';

const SHAPE: Record<IgnoredSpringKey['shape'], string> = {
  'not-a-mail-property': 'Spring Boot\'s MailProperties has no such field and unknown keys under spring.mail are dropped without an error',
  'missing-mail-prefix': 'Spring passes spring.mail.properties.* to JavaMail as written, and JavaMail only asks for names that start with mail.',
  'top-level': 'nothing in Spring Boot binds a top-level mail.* key (only spring.mail.properties.* reaches the JavaMail session)',
};

/** The protocol in effect (spring.mail.protocol, default smtp). */
export function springProtocol(cfg: SmtpConfig): string {
  const f = cfg.extras['spring.mail.protocol'];
  return f && f.value !== undefined ? String(f.value).trim().toLowerCase() || 'smtp' : 'smtp';
}

/** The setting Spring does read for a JavaMail name, when this config writes it. */
export function readSetting(cfg: SmtpConfig, javaMailName: string): Field | undefined {
  return javaMailName.startsWith('mail.') ? cfg.extras[javaMailName] : undefined;
}

/**
 * Moving the key into effect would weaken the connection (trust every certificate, skip the host name check,
 * log the session): then dropping the ignored key (no change in behaviour) is the preferred fix.
 */
function movingWeakens(ig: IgnoredSpringKey, f: Field): boolean {
  if (ig.role === 'trust' || ig.role === 'debug') return true;
  const s = ig.javaMailName.toLowerCase();
  if (s.endsWith('.ssl.checkserveridentity') && boolOf(f) === false) return true;
  if (/\.(starttls\.enable|starttls\.required|ssl\.enable)$/.test(s) && boolOf(f) === false) return true;
  return false;
}

export const rule: Rule = {
  meta: {
    id: 'spring-mail-property-ignored',
    defaultSeverity: 'warning',
    short: 'JavaMail setting written where Spring Boot never reads it (spring.mail.smtp.*, properties.smtp.*, top-level mail.smtp.*)',
    long:
      'Spring Boot hands JavaMail only the entries of spring.mail.properties, verbatim, and JavaMail asks for ' +
      'mail.<protocol>.* names. The same keys written as spring.mail.smtp.starttls.enable (not a MailProperties field), ' +
      'spring.mail.properties.smtp.starttls.enable (JavaMail sees smtp.starttls.enable) or a top-level mail.smtp.* in ' +
      'application.yml are silently dropped: STARTTLS stays off (clear-text AUTH, or "530 Must issue a STARTTLS command ' +
      'first"), certificate and timeout settings never apply. Warning for STARTTLS/SSL/trust keys, info for timeouts, ' +
      'debug and other keys. Silent when the project binds the prefix itself (@ConfigurationProperties("mail") or ' +
      '@Value("${mail.smtp…}") in its Java/Kotlin code).',
    sources: [
      'spring-boot module/spring-boot-mail MailProperties.java (@ConfigurationProperties("spring.mail"): host, port, username, password, protocol, defaultEncoding, properties, jndiName, ssl)',
      'spring-boot MailSenderPropertiesConfiguration.java applyProperties (properties copied verbatim into JavaMailSenderImpl.setJavaMailProperties)',
      'angus-mail providers/smtp SMTPTransport.java (constructor and protocolConnect read "mail." + name + ".starttls.enable" etc.)',
      'angus-mail core SocketFetcher.java getSocket (prefix.connectiontimeout, .timeout, .ssl.trust, .socketFactory.class)',
    ],
    fixSafety:
      'The preferred fix moves the key to spring.mail.properties.mail.<protocol>.* (renaming the key in place when only ' +
      'one segment differs). It changes what the connection does (that is the point): unsafe for TLS keys (STARTTLS ' +
      'required fails against a server that does not offer it), safe for timeouts. When moving would weaken the ' +
      'connection (ssl.trust, checkserveridentity: false, debug) the preferred fix removes the ignored key, which ' +
      'changes nothing at run time (safe); moving it stays available as an unsafe alternative.',
  },
  checkConfig(cfg, ctx) {
    const protocol = springProtocol(cfg);
    for (const [k, f] of Object.entries(cfg.extras)) {
      if (!k.startsWith(IGNORED_EXTRA) || f.site.file !== cfg.file) continue;
      const name = k.slice(IGNORED_EXTRA.length);
      const ig = ignoredSpringKey(name, protocol);
      if (!ig) continue;
      // The project reads this prefix itself (a custom @ConfigurationProperties class or @Value): not ignored.
      const bound = ctx.workspace?.springBinding(cfg.file, name);
      if (bound) continue;
      const read = readSetting(cfg, ig.javaMailName);
      const severity = ig.role === 'tls' || ig.role === 'trust' ? 'warning' : 'info';
      const already = read ? ` ${ig.readName} is set too, and that is the value JavaMail uses.` : ` Write it as ${ig.readName}.`;
      const message = `${f.key} is never read: ${SHAPE[ig.shape]}, so JavaMail never sees ${ig.javaMailName} and ${ig.meaning}.${already}`;
      const move = intentFix(cfg, { kind: 'move-setting', field: f, from: name, to: ig.readName }, `Spring passes it to JavaMail as ${ig.javaMailName}`, ig.role === 'timeout' || !!read);
      const drop = editable(cfg, f) && !read ? plainFix('it is never read: nothing changes at run time', true, [removeEdit(f)]) : undefined;
      ctx.report({
        message,
        severity,
        span: spanOf(f),
        related: relatedOf(read, `${ig.readName}: the setting Spring passes to JavaMail`),
        fixes: movingWeakens(ig, f) ? fixes(drop, move && { ...move, safe: false }) : fixes(move, drop),
        configId: cfg.id,
      });
    }
  },
};
export default rule;
