// What Spring Boot and JavaMail (Angus Mail) make of a mail property NAME: which keys reach the JavaMail
// Session, which are silently dropped, which prefix the transport reads, and which files are Spring
// configuration. Shared by every reader of Spring configuration (YAML today, `.properties` next), the rules
// and the fixes, so a key gets the same verdict whatever syntax it is written in.
//
// Sources (read in the code, not in blog posts):
//  - spring-boot module/spring-boot-mail/.../MailProperties.java: `@ConfigurationProperties("spring.mail")`
//    with the fields host, port, username, password, protocol (default "smtp"), defaultEncoding, jndiName,
//    ssl {enabled, verifyHostname, bundle} and `Map<String, String> properties`. There is no `smtp` (or
//    `debug`, `starttls` ...) field: `spring.mail.smtp.*` binds to nothing, and @ConfigurationProperties
//    ignores unknown fields by default (ignoreUnknownFields = true), so no error is raised.
//  - spring-boot .../MailSenderPropertiesConfiguration.java applyProperties(): copies `properties` verbatim
//    into JavaMailSenderImpl.setJavaMailProperties (so `spring.mail.properties.smtp.auth` reaches JavaMail as
//    `smtp.auth`), and for ssl.enabled sets "mail." + protocol + ".ssl.enable" = "true".
//  - angus-mail providers/smtp/.../SMTPTransport.java constructor: every transport property is read as
//    "mail." + name + ".<prop>" where name is the protocol of the transport ("smtp", or "smtps" for
//    SMTPSSLTransport): starttls.enable, starttls.required, ssl.enable, auth, port, ... A `mail.smtp.*`
//    property is not read by the smtps transport and vice versa.
//  - angus-mail core/.../util/SocketFetcher.java getSocket(host, port, props, "mail." + name, isSSL): reads
//    <prefix>.connectiontimeout, .timeout, .writetimeout, .socketFactory(.class/.port/.fallback),
//    .ssl.socketFactory(.class/.port), .ssl.trust ("*" = trust every host), .ssl.protocols,
//    .ssl.ciphersuites, .ssl.checkserveridentity. A plain `socketFactory.class` that makes SSL sockets
//    (javax.net.ssl.SSLSocketFactory) wraps the first byte in TLS: implicit TLS, the pre-1.4.2 spelling of
//    `ssl.enable: true`.
//  - `mail.debug` is read by the Session itself (jakarta.mail.Session, documented in angus-mail
//    core/.../package-info.java), with no protocol in its name.

/** Prefix of the Spring map whose entries become JavaMail Session properties. */
export const SPRING_PROPS_PREFIX = 'spring.mail.properties.';

/** Key of a property Spring or JavaMail never reads, in SmtpConfig.extras (the readers put it there). */
export const IGNORED_EXTRA = 'ignored:';

/** What a JavaMail property is for, which decides how much it matters that it is ignored. */
export type JavaMailRole = 'tls' | 'trust' | 'timeout' | 'debug' | 'other';

/** Role and meaning of a JavaMail SMTP property, by its name after `mail.<protocol>.`. */
export function javaMailRole(suffix: string): { role: JavaMailRole; meaning: string } {
  const s = suffix.toLowerCase();
  if (s === 'starttls.enable') return { role: 'tls', meaning: 'STARTTLS is not used: the session (and AUTH) stays in clear text, or the server refuses with "530 Must issue a STARTTLS command first"' };
  if (s === 'starttls.required') return { role: 'tls', meaning: 'STARTTLS is not required: a server (or attacker) that does not offer it gets the session in clear text' };
  if (s === 'ssl.enable') return { role: 'tls', meaning: 'implicit TLS is not used: JavaMail talks plaintext, which hangs on port 465' };
  if (s === 'ssl.protocols' || s === 'ssl.ciphersuites' || s === 'ssl.checkserveridentity' || s.startsWith('ssl.socketfactory') || s.startsWith('socketfactory')) {
    return { role: 'tls', meaning: 'JavaMail uses its default TLS settings instead' };
  }
  if (s === 'ssl.trust') return { role: 'trust', meaning: 'the trust setting has no effect: JavaMail validates the certificate with the default trust store' };
  if (s === 'connectiontimeout' || s === 'timeout' || s === 'writetimeout') return { role: 'timeout', meaning: 'JavaMail keeps its default, which is to wait forever' };
  if (s === 'debug' || s.startsWith('debug.')) return { role: 'debug', meaning: 'no protocol trace is written' };
  return { role: 'other', meaning: 'JavaMail uses its default instead' };
}

export interface IgnoredSpringKey {
  /** The property name as Spring sees it ('spring.mail.smtp.starttls.enable', 'mail.smtp.timeout'). */
  name: string;
  /** Why it is not read. */
  shape: 'not-a-mail-property' | 'missing-mail-prefix' | 'top-level';
  /** The JavaMail property the author meant, for the protocol in use ('mail.smtp.starttls.enable', 'mail.debug'). */
  javaMailName: string;
  /** The Spring property that does reach JavaMail ('spring.mail.properties.mail.smtp.starttls.enable'). */
  readName: string;
  role: JavaMailRole;
  /** What does not happen because the key is ignored. */
  meaning: string;
}

/** MailProperties' own (relaxed, lower-case, dashless) names under spring.mail: everything else is dropped. */
const MAIL_PROPERTIES_FIELDS = new Set(['host', 'port', 'username', 'password', 'protocol', 'defaultencoding', 'jndiname', 'testconnection', 'ssl']);
const SSL_FIELDS = new Set(['enabled', 'verifyhostname', 'bundle']);

function meant(protocol: string, rest: string[]): { javaMailName: string; role: JavaMailRole; meaning: string } | undefined {
  if (!rest.length) return undefined;
  const head = rest[0].toLowerCase();
  if (head === 'smtp' || head === 'smtps') {
    if (rest.length < 2) return undefined;
    const suffix = rest.slice(1).join('.');
    // Written for the protocol in use, or (spring.mail.smtp.* with protocol smtps) meant for it.
    return { javaMailName: `mail.${protocol}.${suffix}`, ...javaMailRole(suffix) };
  }
  if (head === 'debug') return { javaMailName: ['mail', ...rest].join('.'), role: 'debug', meaning: 'no protocol trace is written' };
  return undefined;
}

/**
 * The verdict on one property name: undefined when Spring binds it (or it is not a mail key we know),
 * else what the author meant and where Spring reads it. `name` is the Spring-normalised name of
 * readers/dialects/spring normaliseSpringName ('spring.mail.smtp.auth', 'spring.mail.properties.smtp.auth'),
 * or the name as written for keys outside spring.mail ('mail.smtp.starttls.enable').
 * `protocol`: spring.mail.protocol in effect ('smtp' by default).
 */
export function ignoredSpringKey(name: string, protocol = 'smtp'): IgnoredSpringKey | undefined {
  const segs = name.split('.');
  let shape: IgnoredSpringKey['shape'];
  let rest: string[];
  if (name.startsWith(SPRING_PROPS_PREFIX)) {
    // JavaMail property names all start with `mail.`; `smtp.x` / `debug` reach the Session and are never asked for.
    rest = segs.slice(3);
    if (rest[0] === 'mail') return undefined;
    shape = 'missing-mail-prefix';
  } else if (segs[0] === 'spring' && segs[1] === 'mail') {
    rest = segs.slice(2);
    const field = rest[0];
    if (MAIL_PROPERTIES_FIELDS.has(field) && (field !== 'ssl' || SSL_FIELDS.has(rest[1] ?? ''))) return undefined;
    // `spring.mail.mail.smtp.x`: the `properties.` level is missing.
    if (field === 'mail') rest = rest.slice(1);
    shape = 'not-a-mail-property';
  } else if (segs[0] === 'mail' && segs.length >= 2) {
    rest = segs.slice(1);
    shape = 'top-level';
  } else return undefined;
  const m = meant(protocol, rest);
  if (!m) return undefined;
  return { name, shape, javaMailName: m.javaMailName, readName: SPRING_PROPS_PREFIX + m.javaMailName, role: m.role, meaning: m.meaning };
}

/**
 * JavaMail reads `mail.<protocol>.*` only (SMTPTransport: "mail." + name + ...). For a property written
 * under the other SMTP prefix, returns the name the transport in use reads; undefined when it matches.
 * `javaMailName`: 'mail.smtp.timeout'. `protocol`: spring.mail.protocol in effect.
 */
export function protocolPrefixMismatch(javaMailName: string, protocol: string): { written: string; expected: string; name: string } | undefined {
  const m = /^mail\.(smtps?)\.(.+)$/.exec(javaMailName);
  if (!m) return undefined;
  const p = protocol.toLowerCase();
  if (p !== 'smtp' && p !== 'smtps') return undefined; // another transport (a custom provider): not ours to judge
  if (m[1] === p) return undefined;
  return { written: m[1], expected: p, name: `mail.${p}.${m[2]}` };
}

/** A plain `socketFactory.class` that makes SSL sockets: implicit TLS, the legacy spelling of ssl.enable. */
export function isLegacySslSocketFactory(className: string | undefined): boolean {
  return className !== undefined && /(^|\.)SSLSocketFactory$/.test(className.trim());
}

/**
 * A note for the hover on a Spring key, when the key has one: the legacy socket-factory spelling of
 * implicit TLS works (SocketFetcher wraps the first byte in TLS), and `ssl.enable` is how it is written since
 * JavaMail 1.4.2. `key` as written, `value` as written.
 */
export function springKeyNote(key: string, value: string | undefined): string | undefined {
  const m = /(?:^|\.)mail\.(smtps?)\.socketFactory\.class$/i.exec(key.replace(/^\[|\]$/g, '').replace(/[[\]]/g, ''));
  if (m && isLegacySslSocketFactory(value)) {
    return (
      `\`socketFactory.class: javax.net.ssl.SSLSocketFactory\` is the legacy spelling of implicit TLS: JavaMail opens an SSL socket, so ` +
      `the TLS handshake starts with the first byte (port 465 works). The modern spelling is \`mail.${m[1]}.ssl.enable: true\` ` +
      '(JavaMail 1.4.2+), which also verifies the server host name by default in Angus Mail.'
    );
  }
  return undefined;
}

/** Where a file sits among Spring configuration files (by name); undefined = not a Spring config file. */
export type SpringConfigFile = 'application' | 'profile' | 'bootstrap' | 'config-server';

/**
 * Spring Boot's config files: application.yml / application-<profile>.yml (ConfigDataEnvironment's default
 * `spring.config.name` "application"), bootstrap*.yml (Spring Cloud bootstrap context) and a Spring Cloud
 * Config Server repository's `configurations/` folder. `.properties` files too (the properties reader).
 */
export function springConfigFileKind(file: string): SpringConfigFile | undefined {
  const norm = file.replace(/\\/g, '/');
  const base = norm.slice(norm.lastIndexOf('/') + 1).toLowerCase();
  const m = /^(application|bootstrap)(-[^.]+)?\.(ya?ml|properties)$/.exec(base);
  if (m) return m[1] === 'bootstrap' ? 'bootstrap' : m[2] ? 'profile' : 'application';
  if (/(^|\/)configurations?\/[^/]+\.(ya?ml|properties)$/i.test(norm)) return 'config-server';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The project's own binding of mail.* keys (a custom @ConfigurationProperties class or @Value): then a
// top-level `mail.smtp.*` key is read, by the project's code, and is not ours to report.

/** Largest JVM source text scanned for bindings (bigger files are generated code). */
export const MAX_BINDING_SOURCE = 512 * 1024;

/**
 * The property prefixes a Java/Kotlin source binds: `@ConfigurationProperties("mail")`,
 * `@ConfigurationProperties(prefix = "mail.smtp")`, `@ConfigurationProperties(value = ["mail"])` (Kotlin),
 * and `@Value("${mail.smtp.starttls.enable:false}")` (the key's first two segments: the code reads that
 * namespace itself). Bounded: the first MAX_BINDING_SOURCE characters, regexes without nested quantifiers.
 */
export function springBindingsIn(text: string): SpringBinding[] {
  const t = text.length > MAX_BINDING_SOURCE ? text.slice(0, MAX_BINDING_SOURCE) : text;
  if (!t.includes('@ConfigurationProperties') && !t.includes('@Value')) return [];
  const out: SpringBinding[] = [];
  const seen = new Set<string>();
  const add = (prefix: string, start: number, end: number) => {
    if (!prefix || seen.has(prefix)) return;
    seen.add(prefix);
    out.push({ prefix, span: { start, end } });
  };
  const cp = /@ConfigurationProperties\s*\(([^)]{0,300})\)/g;
  for (let m = cp.exec(t); m; m = cp.exec(t)) {
    const args = m[1];
    // The first string literal of the annotation's value/prefix (positional or named).
    const named = /\b(?:prefix|value)\s*=\s*\[?\s*"([^"]*)"/.exec(args);
    const positional = /^\s*\[?\s*"([^"]*)"/.exec(args);
    const p = (named ?? positional)?.[1];
    if (p) add(normaliseBinding(p), m.index, m.index + m[0].length);
  }
  // Kotlin escapes the dollar in string templates: @Value("\${mail.smtp.timeout}").
  const val = /@Value\s*\(\s*"\\?\$\{([^}:"]{1,200})/g;
  for (let m = val.exec(t); m; m = val.exec(t)) {
    add(normaliseBinding(m[1]).split('.').slice(0, 2).join('.'), m.index, m.index + m[0].length);
  }
  return out;
}

export interface SpringBinding {
  /** Normalised property prefix ('mail', 'mail.smtp'). */
  prefix: string;
  /** The annotation in the source text. */
  span: { start: number; end: number };
}

function normaliseBinding(p: string): string {
  // Relaxed binding: canonical names are lower-case with dashes; compare without dashes/underscores.
  return p.trim().toLowerCase().replace(/[-_]/g, '');
}

/** True when a bound prefix covers the property `name` (as written: 'mail.smtp.starttls.enable'). */
export function bindingCovers(prefix: string, name: string): boolean {
  const n = normaliseBinding(name);
  return n === prefix || n.startsWith(prefix + '.');
}
