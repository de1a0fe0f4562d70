// What JavaMail / Jakarta Mail (Angus Mail) makes of the values Java code hands it: a `Properties` object filled
// with put()/setProperty(), Spring's JavaMailSenderImpl setters, Session.setDebug, Transport.connect. The property
// NAMES (which prefix the transport reads, which keys Spring drops) are semantics/spring.ts; this module is about
// the VALUES and the code forms, so a Java file and an application.properties get the same verdicts.
//
// Sources (eclipse-ee4j/angus-mail@eca8e08, read in the code):
//  - core/.../util/PropUtil.java getBoolean(Object value, boolean def) L177-193: a String is compared with
//    equalsIgnoreCase: when the default is false only "true" turns it on, when the default is true only "false"
//    turns it off; a Boolean is taken as is; ANY other type (Integer 1, a char) is the default.
//    getInt(Object value, int def) L150-167: a String through Integer.parseInt (or "0x" hex), an Integer as is,
//    any other type (Long) is the default.
//  - PropUtil.getProp L140-145: props.get(name) first (the Object put()), then props.getProperty(name) (which
//    also sees the defaults of `new Properties(defaults)`).
//  - providers/smtp/.../SMTPTransport.java constructor L190-235: name = the URL's protocol ("smtp", or "smtps"
//    for SMTPSSLTransport); ssl.enable (default false), starttls.enable, starttls.required (default false);
//    mail.debug.auth (default false: the AUTH exchange is left out of the debug trace, L909-941),
//    mail.debug.auth.password (default false; true prints the password, L2704-2709).
//  - SMTPTransport.protocolConnect L680-720: mail.<name>.auth (default false), mail.<name>.port (default 465 with
//    SSL, else 25), host "localhost" when none is given. jakarta.mail.Service.connect: the host falls back to
//    mail.<protocol>.host, then mail.host; the user to mail.<protocol>.user, then mail.user.
//  - core/.../util/SocketFetcher.java L162/L176/L348: connectiontimeout / timeout / writetimeout default -1 =
//    wait forever; L383 ssl.trust "*" trusts every host; L638 ssl.checkserveridentity default true (from Angus
//    Mail 2.0.0, angus-mail PR #14 "Check server identity by default"; com.sun.mail JavaMail 1.x/2.0 and Angus Mail
//    1.x default false: see checksServerIdentityByDefault below).
//  - jakarta.mail.Session.setDebug(true) = mail.debug: the protocol trace (commands, recipients, headers) goes to
//    System.out; the AUTH exchange only with mail.debug.auth.
//  - Session.getTransport(): the protocol of mail.transport.protocol (default "smtp"); getTransport("smtps") and
//    Spring's JavaMailSenderImpl.setProtocol("smtps") pick SMTPSSLTransport, which reads mail.smtps.*.
import type { Dialect } from '../model/types';
import { atLeast, type LibraryVersion } from './versions';

/** Dialects whose settings end up in a JavaMail Session (Spring Boot configuration, JavaMail in Java code). */
export function isJavaMailDialect(d: Dialect): boolean {
  return d === 'spring' || d === 'javamail';
}

/** A Java value as the code passes it to Properties.put (the reader says which Java type the expression has). */
export type JavaValue = { type: 'String'; value: string } | { type: 'Boolean'; value: boolean } | { type: 'Integer'; value: number } | { type: 'other' };

/** PropUtil.getBoolean: what JavaMail reads for a boolean property whose default is `def`. */
export function javaMailBool(v: JavaValue | undefined, def: boolean): boolean {
  if (!v) return def;
  if (v.type === 'String') return def ? !/^false$/i.test(v.value) : /^true$/i.test(v.value);
  if (v.type === 'Boolean') return v.value;
  return def;
}

/** PropUtil.getInt: what JavaMail reads for an int property (undefined = the default applies). */
export function javaMailInt(v: JavaValue | undefined): number | undefined {
  if (!v) return undefined;
  if (v.type === 'Integer') return v.value;
  if (v.type === 'String') {
    const s = v.value;
    // Integer.parseInt: optional sign, decimal digits only (no blanks), or "0x" + hex
    if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
    if (/^[+-]?\d+$/.test(s)) {
      const n = Number(s);
      return n >= -2147483648 && n <= 2147483647 ? n : undefined;
    }
  }
  return undefined;
}

/** Default of the boolean JavaMail properties the rules look at, by the part after `mail.<protocol>.` (or the
 *  full name for session-wide ones). Properties not listed are not booleans (or not modelled). */
const BOOLEAN_DEFAULTS: Record<string, boolean> = {
  'ssl.enable': false,
  'starttls.enable': false,
  'starttls.required': false,
  auth: false,
  'ssl.checkserveridentity': true,
  'socketFactory.fallback': true,
  'mail.debug': false,
  'mail.debug.auth': false,
  'mail.debug.auth.password': false,
};

/** The default of a boolean JavaMail property (`mail.smtp.ssl.enable`, `mail.debug`), or undefined when the
 *  property is not a boolean the rules use. */
export function javaMailBooleanDefault(name: string): boolean | undefined {
  if (name in BOOLEAN_DEFAULTS && name.startsWith('mail.debug')) return BOOLEAN_DEFAULTS[name];
  const m = /^mail\.smtps?\.(.+)$/.exec(name);
  return m && m[1] in BOOLEAN_DEFAULTS ? BOOLEAN_DEFAULTS[m[1]] : undefined;
}

/** The int JavaMail properties (ports and timeouts in milliseconds). */
export function isJavaMailIntProperty(name: string): boolean {
  return /^mail\.smtps?\.(port|connectiontimeout|timeout|writetimeout|socketFactory\.port)$/.test(name);
}

/** The timeouts JavaMail waits forever without (SocketFetcher: -1 = infinite). writetimeout costs a thread per
 *  connection, so the rules ask for the two that matter and suggest all three. */
export const JAVAMAIL_TIMEOUTS = ['connectiontimeout', 'timeout'] as const;
export const JAVAMAIL_TIMEOUT_SUGGESTED = ['connectiontimeout', 'timeout', 'writetimeout'] as const;

/** Key in SmtpConfig.extras of the call that fills the session's Properties from a source the file does not show
 *  (props.load, putAll, new Properties(defaults), an injected sender's getJavaMailProperties()): a setting that is
 *  not written may be set there. */
export const PARTIAL_EXTRA = 'javamail:partial';

/** JavaMailSenderImpl setters → the Spring property they stand for (the Spring interpretation reads them). */
export const SENDER_SETTERS: Readonly<Record<string, string>> = {
  setHost: 'spring.mail.host',
  setPort: 'spring.mail.port',
  setProtocol: 'spring.mail.protocol',
  setUsername: 'spring.mail.username',
  setPassword: 'spring.mail.password',
};

/** The transport protocol a `getTransport("…")` / `mail.transport.protocol` value selects ('smtp' | 'smtps'), or
 *  undefined for another transport (a custom provider) or an unknown value. */
export function transportProtocol(value: string | undefined): 'smtp' | 'smtps' | undefined {
  const v = value?.trim().toLowerCase();
  return v === 'smtp' || v === 'smtps' ? v : undefined;
}

// ---------------------------------------------------------------------------------------------
// Releases: whether the host name is checked when ssl.checkserveridentity is not set.
//
// JavaMail 1.x (javax.mail, com.sun.mail) and Jakarta Mail 1.6/2.0 (com.sun.mail:jakarta.mail) read
// ssl.checkserveridentity with the default false: the certificate chain is validated, but not against the host name,
// so a certificate for ANY host a public CA signed is accepted ("For compatibility with earlier releases … these
// additional checks are disabled by default", SSLNOTES.txt). Angus Mail changed the default to true in 2.0.0
// (eclipse-ee4j/angus-mail#12, PR #14; angus-mail#86 for the 1.6 → 2.x surprise); Angus Mail 1.x keeps false.
// Spring Boot's spring-boot-starter-mail brings com.sun.mail:jakarta.mail 1.6.x up to Boot 2.7, Angus Mail 1.x in
// Boot 3.0, Angus Mail 2.0.x from Boot 3.2 at the latest (spring-boot#35943 "Upgrade to Angus Mail 2.0.2"); for 3.0
// and 3.1 the starter's release alone does not tell (confidence: medium), so no verdict.

/** What ships the JavaMail implementation, asked in this order: the implementation artifacts, then Spring Boot's starter. */
export const JAVAMAIL_IMPLEMENTATIONS = [
  'org.eclipse.angus:angus-mail',
  'org.eclipse.angus:jakarta.mail',
  'com.sun.mail:jakarta.mail',
  'com.sun.mail:javax.mail',
  'javax.mail:mail',
  'org.springframework.boot:spring-boot-starter-mail',
] as const;

/** The first Angus Mail release that checks the server identity by default. */
export const ANGUS_IDENTITY_CHECK_SINCE = '2.0.0';

/** Whether JavaMail checks the host name by default for this project: true, false, or undefined (unknown release),
 *  with the release that decides it. */
export function checksServerIdentityByDefault(versionOf: (library: string) => LibraryVersion | undefined): { checks: boolean | undefined; release?: LibraryVersion } {
  for (const lib of JAVAMAIL_IMPLEMENTATIONS) {
    const v = versionOf(lib);
    if (!v) continue;
    if (lib.startsWith('org.eclipse.angus:')) return { checks: atLeast(v.spec, ANGUS_IDENTITY_CHECK_SINCE), release: v };
    if (lib.startsWith('org.springframework.boot:')) {
      if (atLeast(v.spec, '3.0.0') === false) return { checks: false, release: v };
      return { checks: atLeast(v.spec, '3.2.0') ? true : undefined, release: v };
    }
    return { checks: false, release: v }; // com.sun.mail / javax.mail: every release
  }
  return { checks: undefined };
}

/** How a release is named in messages: "com.sun.mail:jakarta.mail 1.6.7 (pom.xml)", "Spring Boot 2.7.18 (pom.xml (Spring Boot parent))". */
export function javaMailReleaseText(v: LibraryVersion): string {
  const name = v.library === 'org.springframework.boot:spring-boot-starter-mail' ? 'Spring Boot' : v.library;
  return `${name} ${v.spec} (${v.source})`;
}
