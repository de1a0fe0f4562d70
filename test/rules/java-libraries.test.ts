// RuleTester tables for JavaMail / Jakarta Mail set up in Java code (rules-research-polyglot §5): Properties filled
// with put()/setProperty(), Spring's JavaMailSenderImpl setters, Session.setDebug, credentials in
// PasswordAuthentication. The must-stay-clean idioms of §5.6 are valid cases; every fix has its exact text.
import { ruleTester } from './ruleTester';

/** A JavaMail session method: `body` are the statements after `Properties props = new Properties();`. */
function session(body: string, extra = ''): string {
  return (
    'import java.util.Properties;\nimport jakarta.mail.*;\n\npublic class Mailer {\n' +
    extra +
    '  Session session() {\n    Properties props = new Properties();\n' +
    body
      .split('\n')
      .filter(Boolean)
      .map((l) => `    ${l}\n`)
      .join('') +
    '    return Session.getInstance(props);\n  }\n}\n'
  );
}

const TIMEOUTS = 'props.put("mail.smtp.connectiontimeout", "10000");\nprops.put("mail.smtp.timeout", "10000");';
const F = 'src/main/java/com/example/Mailer.java';

ruleTester('implicit-tls-port-without-tls', {
  valid: [
    // §5.6: 465 with ssl.enable; with the legacy SSL socket factory; smtps with mail.smtps.* keys
    { file: F, code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "465");\nprops.put("mail.smtp.ssl.enable", "true");') },
    { file: F, code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", 465);\nprops.put("mail.smtp.socketFactory.class", "javax.net.ssl.SSLSocketFactory");') },
    { file: F, code: session('props.put("mail.transport.protocol", "smtps");\nprops.put("mail.smtps.host", "smtp.example.com");\nprops.put("mail.smtps.port", "465");') },
    // ssl.enable + starttls.enable on 465: redundant, Angus ignores STARTTLS on an SSL socket
    { file: F, code: session('props.put("mail.smtp.port", "465");\nprops.put("mail.smtp.ssl.enable", Boolean.TRUE);\nprops.put("mail.smtp.starttls.enable", "true");') },
    // 587 with STARTTLS
    { file: F, code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.starttls.enable", "true");') },
    // the port from an environment variable nobody sets: no guess
    { file: F, code: session('props.put("mail.smtp.port", System.getenv("SMTP_PORT"));\nprops.put("mail.smtp.starttls.enable", "true");') },
    // a Properties object that is not JavaMail's (no mail.* key), a setPort on something else
    { file: 'src/Db.java', code: 'class Db { void f() { Properties p = new Properties(); p.put("db.port", "465"); server.setPort(465); } }\n// mail.smtp mentioned only here\n' },
    // Spring sender on 465 with smtps
    { file: F, code: 'class C {\n  @Bean JavaMailSender sender() {\n    JavaMailSenderImpl s = new JavaMailSenderImpl();\n    s.setHost("smtp.example.com");\n    s.setPort(465);\n    s.setProtocol("smtps");\n    return s;\n  }\n}\n' },
  ],
  invalid: [
    {
      name: 'JavaMail: starttls.enable on 465 (hangs: JavaMail waits for a greeting)',
      file: F,
      code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "465");\nprops.put("mail.smtp.auth", "true");\nprops.put("mail.smtp.starttls.enable", "true");'),
      errors: [{ line: 10, column: 16, includes: ['mail.smtp.starttls.enable = "true"', 'JavaMail', 'forever when unset'], related: [{ line: 8, message: /port 465/ }], safe: [true, false] }],
      output: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "465");\nprops.put("mail.smtp.auth", "true");\nprops.put("mail.smtp.ssl.enable", "true");'),
    },
    {
      name: 'JavaMail: 465 with nothing (Integer port); ssl.enable added after the last property, as a Java literal',
      file: F,
      code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", 465);\nprops.put("mail.smtp.auth", true);'),
      errors: [{ line: 8, includes: ['props.put("mail.smtp.ssl.enable", "true")'] }],
      output: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", 465);\nprops.put("mail.smtp.auth", true);\nprops.put("mail.smtp.ssl.enable", true);'),
    },
    {
      name: 'JavaMail: setProperty takes Strings, so the added property is a String',
      file: F,
      code: session('props.setProperty("mail.smtp.host", "smtp.example.com");\nprops.setProperty("mail.smtp.port", "465");'),
      errors: [{ line: 8 }],
      output: session('props.setProperty("mail.smtp.host", "smtp.example.com");\nprops.setProperty("mail.smtp.port", "465");\nprops.setProperty("mail.smtp.ssl.enable", "true");'),
    },
    {
      name: 'JavaMail: ssl.enable written as Integer 1 is not true for PropUtil (only a Boolean or "true")',
      file: F,
      code: session('props.put("mail.smtp.port", "465");\nprops.put("mail.smtp.ssl.enable", 1);'),
      errors: [{ line: 8 }],
    },
    {
      name: 'JavaMail: getOrDefault default applies when the variable is unset',
      file: F,
      code: session('props.put("mail.smtp.port", System.getenv().getOrDefault("SMTP_PORT", "465"));\nprops.put("mail.smtp.starttls.enable", "true");'),
      errors: [{ line: 8 }],
      output: session('props.put("mail.smtp.port", System.getenv().getOrDefault("SMTP_PORT", "465"));\nprops.put("mail.smtp.ssl.enable", "true");'),
    },
    {
      name: 'Spring JavaMailSenderImpl: setPort(465) with starttls in getJavaMailProperties()',
      file: F,
      code: 'class C {\n  @Bean JavaMailSender sender() {\n    JavaMailSenderImpl s = new JavaMailSenderImpl();\n    s.setHost("smtp.example.com");\n    s.setPort(465);\n    Properties props = s.getJavaMailProperties();\n    props.put("mail.smtp.starttls.enable", "true");\n    return s;\n  }\n}\n',
      errors: [{ line: 7, related: [{ line: 5 }] }],
      output: 'class C {\n  @Bean JavaMailSender sender() {\n    JavaMailSenderImpl s = new JavaMailSenderImpl();\n    s.setHost("smtp.example.com");\n    s.setPort(465);\n    Properties props = s.getJavaMailProperties();\n    props.put("mail.smtp.ssl.enable", "true");\n    return s;\n  }\n}\n',
    },
  ],
});

ruleTester('cross-file-port-mode-mismatch', {
  valid: [
    // the .env port matches what the code does
    { file: F, files: { '.env': 'SMTP_PORT=587\n' }, code: session('props.put("mail.smtp.port", System.getenv("SMTP_PORT"));\nprops.put("mail.smtp.starttls.enable", "true");') },
    { file: F, files: { '.env': 'SMTP_PORT=465\n' }, code: session('props.put("mail.smtp.port", Integer.parseInt(System.getenv("SMTP_PORT")));\nprops.put("mail.smtp.ssl.enable", "true");') },
    // not set anywhere: no guess
    { file: F, code: session('props.put("mail.smtp.port", System.getenv("SMTP_PORT"));\nprops.put("mail.smtp.starttls.enable", "true");') },
  ],
  invalid: [
    {
      name: 'JavaMail: System.getenv("SMTP_PORT") is 465 in .env, the code uses STARTTLS',
      file: F,
      files: { '.env': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n' },
      code: session('props.put("mail.smtp.host", System.getenv("SMTP_HOST"));\nprops.put("mail.smtp.port", System.getenv("SMTP_PORT"));\nprops.put("mail.smtp.starttls.enable", "true");\n' + TIMEOUTS),
      errors: [{ line: 9, includes: ['SMTP_PORT=465', 'mail.smtp.starttls.enable = "true"', 'JavaMail'], related: [{ file: '.env', line: 2 }], safe: [false] }],
      output: session('props.put("mail.smtp.host", System.getenv("SMTP_HOST"));\nprops.put("mail.smtp.port", System.getenv("SMTP_PORT"));\nprops.put("mail.smtp.ssl.enable", "true");\n' + TIMEOUTS),
    },
    {
      name: 'JavaMail: .env says 587, the code forces implicit TLS',
      file: F,
      files: { '.env': 'SMTP_PORT=587\n' },
      code: session('props.put("mail.smtp.port", System.getenv("SMTP_PORT"));\nprops.put("mail.smtp.ssl.enable", "true");'),
      errors: [{ line: 8, includes: ['SMTP_PORT=587', 'Unsupported or unrecognized SSL message'] }],
      output: session('props.put("mail.smtp.port", System.getenv("SMTP_PORT"));\nprops.put("mail.smtp.starttls.enable", "true");\nprops.put("mail.smtp.starttls.required", "true");'),
    },
  ],
});

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    { file: F, code: session('props.put("mail.smtp.port", "587");\nprops.put("mail.smtp.starttls.enable", "true");\nprops.put("mail.smtp.starttls.required", "true");') },
    { file: F, code: session('props.put("mail.smtp.port", "587");\nprops.put("mail.smtp.ssl.enable", "false");') },
  ],
  invalid: [
    {
      name: 'JavaMail: ssl.enable on 587',
      file: F,
      code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.ssl.enable", "true");'),
      errors: [{ line: 9, includes: ['mail.smtp.ssl.enable = "true"', 'Unsupported or unrecognized SSL message'] }],
      output: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.starttls.enable", "true");\nprops.put("mail.smtp.starttls.required", "true");'),
    },
    {
      name: 'JavaMail: getTransport("smtps") with port 587 in connect()',
      file: F,
      code: 'class T {\n  void send(Session session, Message msg) throws Exception {\n    Properties props = new Properties();\n    props.put("mail.smtps.auth", "true");\n    Transport t = session.getTransport("smtps");\n    t.connect("smtp.example.com", 587, System.getenv("SMTP_USER"), System.getenv("SMTP_PASS"));\n  }\n}\n',
      errors: [{ line: 5, includes: ['getTransport("smtps")'] }],
    },
    {
      name: 'Spring sender: setProtocol("smtps") with setPort(587)',
      file: F,
      code: 'class C {\n  @Bean JavaMailSender sender() {\n    JavaMailSenderImpl s = new JavaMailSenderImpl();\n    s.setHost("smtp.example.com");\n    s.setPort(587);\n    s.setProtocol("smtps");\n    return s;\n  }\n}\n',
      errors: [{ line: 6, includes: ['setProtocol("smtps")'] }],
      output: 'class C {\n  @Bean JavaMailSender sender() {\n    JavaMailSenderImpl s = new JavaMailSenderImpl();\n    s.setHost("smtp.example.com");\n    s.setPort(587);\n    s.setProtocol("smtp");\n    return s;\n  }\n}\n',
    },
  ],
});

ruleTester('tls-verification-disabled', {
  valid: [
    { file: F, code: session('props.put("mail.smtp.port", "587");\nprops.put("mail.smtp.starttls.enable", "true");\nprops.put("mail.smtp.ssl.checkserveridentity", "true");') },
    // PropUtil: a default-true property is turned off only by the String "false" (any case) or Boolean.FALSE
    { file: F, code: session('props.put("mail.smtp.port", "587");\nprops.put("mail.smtp.starttls.enable", "true");\nprops.put("mail.smtp.ssl.checkserveridentity", "no");') },
  ],
  invalid: [
    {
      name: 'JavaMail: ssl.trust "*" (setProperty)',
      file: F,
      code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.starttls.enable", "true");\nprops.setProperty("mail.smtp.ssl.trust", "*");'),
      errors: [{ line: 10, includes: ['mail.smtp.ssl.trust = "*"'], severity: 'warning' }],
      output: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.starttls.enable", "true");'),
    },
    {
      name: 'JavaMail: checkserveridentity Boolean.FALSE',
      file: F,
      code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "465");\nprops.put("mail.smtp.ssl.enable", "true");\nprops.put("mail.smtp.ssl.checkserveridentity", Boolean.FALSE);'),
      errors: [{ line: 10 }],
      output: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "465");\nprops.put("mail.smtp.ssl.enable", "true");\nprops.put("mail.smtp.ssl.checkserveridentity", true);'),
    },
  ],
});

ruleTester('legacy-tls-version', {
  valid: [{ file: F, code: session('props.put("mail.smtp.port", "465");\nprops.put("mail.smtp.ssl.enable", "true");\nprops.put("mail.smtp.ssl.protocols", "TLSv1.2 TLSv1.3");') }],
  invalid: [
    {
      name: 'JavaMail: ssl.protocols TLSv1',
      file: F,
      code: session('props.put("mail.smtp.port", "465");\nprops.put("mail.smtp.ssl.enable", "true");\nprops.put("mail.smtp.ssl.protocols", "TLSv1 TLSv1.1");'),
      errors: [{ line: 9 }],
      output: session('props.put("mail.smtp.port", "465");\nprops.put("mail.smtp.ssl.enable", "true");\nprops.put("mail.smtp.ssl.protocols", "TLSv1.2 TLSv1.3");'),
    },
  ],
});

ruleTester('smtp-debug-logging', {
  valid: [
    { file: F, code: session('props.put("mail.smtp.port", "587");\nprops.put("mail.debug", "false");\nSession.getInstance(props).setDebug(false);') },
    // debug off through a flag the code decides at run time: not known
    { file: F, code: session('props.put("mail.smtp.port", "587");\nsession.setDebug(log.isDebugEnabled());') },
  ],
  invalid: [
    {
      name: 'JavaMail: session.setDebug(true) (info: the AUTH exchange stays out of the trace)',
      file: F,
      code: session('props.put("mail.smtp.port", "587");\nSession session = Session.getInstance(props);\nsession.setDebug(true);'),
      errors: [{ line: 9, severity: 'info', includes: ['session.setDebug(true)'], safe: [true] }],
      output: session('props.put("mail.smtp.port", "587");\nSession session = Session.getInstance(props);'),
    },
    {
      name: 'JavaMail: mail.debug.auth and mail.debug.auth.password (warnings)',
      file: F,
      code: session('props.put("mail.smtp.port", "587");\nprops.put("mail.debug.auth", "true");\nprops.put("mail.debug.auth.password", true);'),
      errors: [{ line: 8, severity: 'warning', includes: ['base64-encoded password'] }, { line: 9, severity: 'warning', includes: ['password itself'] }],
      output: session('props.put("mail.smtp.port", "587");\nprops.put("mail.debug.auth.password", true);'),
    },
  ],
});

ruleTester('missing-smtp-timeouts', {
  valid: [
    { file: F, code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\n' + TIMEOUTS) },
    // smtps reads mail.smtps.*
    { file: F, code: session('props.put("mail.transport.protocol", "smtps");\nprops.put("mail.smtps.host", "smtp.example.com");\nprops.put("mail.smtps.connectiontimeout", 5000);\nprops.put("mail.smtps.timeout", 5000);') },
    // properties loaded from a file may hold the timeouts
    { file: F, code: session('props.load(in);\nprops.put("mail.smtp.host", "smtp.example.com");') },
  ],
  invalid: [
    {
      name: 'JavaMail: no timeouts (the three are added after the last property)',
      file: F,
      code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.starttls.enable", "true");'),
      errors: [{ line: 7, column: 16, severity: 'info', includes: ['mail.smtp.connectiontimeout and mail.smtp.timeout', 'forever'], safe: [true] }],
      output: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.starttls.enable", "true");\nprops.put("mail.smtp.connectiontimeout", "10000");\nprops.put("mail.smtp.timeout", "10000");\nprops.put("mail.smtp.writetimeout", "10000");'),
    },
    {
      name: 'JavaMail: one timeout set, the other two are added',
      file: F,
      code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.timeout", 10000);'),
      errors: [{ line: 7, includes: ['mail.smtp.connectiontimeout is not set'] }],
      output: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.timeout", 10000);\nprops.put("mail.smtp.connectiontimeout", 10000);\nprops.put("mail.smtp.writetimeout", 10000);'),
    },
  ],
});

ruleTester('spring-property-prefix-mismatch', {
  valid: [{ file: F, code: session('props.put("mail.transport.protocol", "smtps");\nprops.put("mail.smtps.host", "smtp.example.com");\nprops.put("mail.smtps.timeout", "5000");') }],
  invalid: [
    {
      name: 'JavaMail: mail.smtps.* keys with the default smtp transport',
      file: F,
      code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtps.timeout", "5000");'),
      errors: [{ line: 8, includes: ['the transport protocol is smtp (the default', 'mail.smtps.timeout is ignored'] }],
      output: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.timeout", "5000");'),
    },
    {
      name: 'JavaMail: mail.smtp.* keys with mail.transport.protocol smtps',
      file: F,
      code: session('props.put("mail.transport.protocol", "smtps");\nprops.put("mail.smtps.host", "smtp.example.com");\nprops.put("mail.smtp.ssl.trust", "smtp.example.com");'),
      errors: [{ line: 9, includes: ['mail.transport.protocol = "smtps"'], safe: [false] }],
      output: session('props.put("mail.transport.protocol", "smtps");\nprops.put("mail.smtps.host", "smtp.example.com");\nprops.put("mail.smtps.ssl.trust", "smtp.example.com");'),
    },
  ],
});

ruleTester('hardcoded-smtp-credentials', {
  valid: [
    { file: F, code: session('props.put("mail.smtp.host", "smtp.example.com");\nnew PasswordAuthentication(System.getenv("SMTP_USER"), System.getenv("SMTP_PASS"));') },
    // a placeholder
    { file: F, code: session('props.put("mail.smtp.host", "smtp.example.com");\nnew PasswordAuthentication("user", "changeme");') },
  ],
  invalid: [
    {
      name: 'JavaMail: the password in the Authenticator (anonymous class of Session.getInstance)',
      file: F,
      code: 'class M {\n  Session s(Properties props) {\n    props.put("mail.smtp.host", "smtp.example.com");\n    return Session.getInstance(props, new Authenticator() {\n      protected PasswordAuthentication getPasswordAuthentication() {\n        return new PasswordAuthentication("me@example.com", "Zx81wqPlm2Tr");\n      }\n    });\n  }\n}\n',
      errors: [{ line: 6, column: 61, includes: ['PasswordAuthentication password'] }],
      output: 'class M {\n  Session s(Properties props) {\n    props.put("mail.smtp.host", "smtp.example.com");\n    return Session.getInstance(props, new Authenticator() {\n      protected PasswordAuthentication getPasswordAuthentication() {\n        return new PasswordAuthentication("me@example.com", System.getenv("SMTP_PASS"));\n      }\n    });\n  }\n}\n',
    },
    {
      name: 'Spring sender: setPassword("…")',
      file: F,
      code: 'class C {\n  @Bean JavaMailSender sender() {\n    JavaMailSenderImpl s = new JavaMailSenderImpl();\n    s.setHost("smtp.example.com");\n    s.setUsername("me@example.com");\n    s.setPassword("hunter2hunter2");\n    return s;\n  }\n}\n',
      errors: [{ line: 6 }],
      output: 'class C {\n  @Bean JavaMailSender sender() {\n    JavaMailSenderImpl s = new JavaMailSenderImpl();\n    s.setHost("smtp.example.com");\n    s.setUsername("me@example.com");\n    s.setPassword(System.getenv("SMTP_PASS"));\n    return s;\n  }\n}\n',
    },
  ],
});

ruleTester('tls-disabled-with-credentials', {
  valid: [
    { file: F, code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.auth", "true");\nprops.put("mail.smtp.starttls.enable", "true");') },
    // a local catcher
    { file: F, code: session('props.put("mail.smtp.host", "localhost");\nprops.put("mail.smtp.port", "1025");') },
    // properties loaded from elsewhere may turn STARTTLS on
    { file: F, code: session('props.load(in);\nprops.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.auth", "true");') },
  ],
  invalid: [
    {
      name: 'JavaMail: auth on, neither ssl.enable nor starttls (JavaMail never encrypts)',
      file: F,
      code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.auth", "true");'),
      errors: [{ line: 9, includes: ['mail.smtp.auth = "true"', 'JavaMail sends the password in clear text'] }],
      output: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.auth", "true");\nprops.put("mail.smtp.starttls.required", "true");'),
    },
    {
      name: 'JavaMail: starttls.enable "false" with credentials',
      file: F,
      code: session('props.put("mail.smtp.host", "smtp.example.com");\nprops.put("mail.smtp.port", "587");\nprops.put("mail.smtp.starttls.enable", "false");\nnew PasswordAuthentication("me@example.com", System.getenv("SMTP_PASS"));'),
      errors: [{ line: 9, includes: ['mail.smtp.starttls.enable = "false"'] }],
    },
  ],
});
