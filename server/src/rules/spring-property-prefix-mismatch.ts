// Rule 24 (rules-research §9): JavaMail properties under the prefix of the other SMTP protocol
// (`spring.mail.protocol: smtps` with `mail.smtp.*`, or smtp with `mail.smtps.*`). SMTPTransport reads
// "mail." + name + ".<prop>" with name = the protocol in use, so the others are ignored (semantics/spring).
import type { Rule } from './types';
import { javaMailRole, protocolPrefixMismatch, SPRING_PROPS_PREFIX } from '../semantics/spring';
import { fixes, intentFix, relatedOf, show, spanOf } from './util';
import { springProtocol } from './spring-mail-property-ignored';

export const rule: Rule = {
  meta: {
    id: 'spring-property-prefix-mismatch',
    defaultSeverity: 'warning',
    short: 'JavaMail properties under mail.smtp.* with protocol smtps (or mail.smtps.* with smtp): they are ignored',
    long:
      'JavaMail reads its transport properties under the prefix of the protocol in use: "mail." + protocol + ".timeout", ' +
      '".ssl.trust", ".starttls.enable" and so on. With spring.mail.protocol: smtps the SMTPSSLTransport reads ' +
      'mail.smtps.*, so everything written as mail.smtp.* (timeouts, trust settings, STARTTLS) is silently ignored; with ' +
      'the default protocol smtp, mail.smtps.* is ignored. The connection then runs with JavaMail\'s defaults: no timeout ' +
      '(a hang waits forever), the default trust store, no STARTTLS.',
    sources: [
      'angus-mail providers/smtp SMTPTransport.java (every property read as "mail." + name + ...; SMTPSSLTransport passes name "smtps")',
      'angus-mail core SocketFetcher.java getSocket(host, port, props, "mail." + name, isSSL)',
      'spring-boot MailSenderPropertiesConfiguration.java (sender.setProtocol(properties.getProtocol()); properties passed verbatim)',
    ],
    fixSafety:
      'Renames the prefix to the protocol in use (mail.smtp.timeout → mail.smtps.timeout; a nested smtp: map is renamed ' +
      'once for all its keys). It makes the settings take effect: safe for timeouts, unsafe for the others (review TLS ' +
      'and trust settings before they apply).',
  },
  checkConfig(cfg, ctx) {
    const protocolField = cfg.extras['spring.mail.protocol'];
    // A placeholder protocol (${MAIL_PROTOCOL}) decides at run time: nothing to compare.
    if (protocolField && protocolField.value === undefined) return;
    const protocol = springProtocol(cfg);
    for (const [k, f] of Object.entries(cfg.extras)) {
      if (f.site.file !== cfg.file) continue;
      const mm = protocolPrefixMismatch(k, protocol);
      if (!mm) continue;
      const suffix = k.slice(`mail.${mm.written}.`.length);
      const { role, meaning: roleMeaning } = javaMailRole(suffix);
      // smtps is implicit TLS by itself (SMTPSSLTransport passes isSSL = true): a lost ssl.enable costs nothing.
      const redundant = mm.expected === 'smtps' && suffix.toLowerCase() === 'ssl.enable';
      const meaning = redundant ? 'nothing is lost (smtps already uses implicit TLS)' : roleMeaning;
      const because =
        cfg.dialect === 'javamail'
          ? protocolField
            ? `the transport protocol is ${protocol} (${show(protocolField)})`
            : 'the transport protocol is smtp (the default: no mail.transport.protocol, getTransport("smtps") or setProtocol)'
          : protocolField
            ? `spring.mail.protocol is ${protocol}`
            : 'spring.mail.protocol is not set (default smtp)';
      const existing = cfg.extras[mm.name];
      const message =
        `${because}, so JavaMail reads mail.${mm.expected}.* properties: ${k} is ignored and ${meaning}.` +
        (existing ? ` ${mm.name} is set too, and that is the value JavaMail uses.` : ` Write it as ${mm.name}.`);
      const fix = intentFix(cfg, { kind: 'move-setting', field: f, from: SPRING_PROPS_PREFIX + k, to: SPRING_PROPS_PREFIX + mm.name }, `JavaMail reads mail.${mm.expected}.* for protocol ${protocol}`, role === 'timeout' || !!existing);
      ctx.report({
        message,
        severity: redundant ? 'info' : undefined,
        span: spanOf(f),
        related: [...relatedOf(protocolField, `the protocol in use: ${protocol}`), ...relatedOf(existing, `${mm.name}: the setting JavaMail reads`)],
        fixes: fixes(fix),
        configId: cfg.id,
      });
    }
  },
};
export default rule;
