// Property tests for the Java reader: it never throws and every span lies inside the text, on arbitrary strings, on
// mutated (half-typed) versions of real JavaMail / Spring sender code and on 1 MB inputs; fixes render inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../server/src/register';
import { javaReader } from '../../server/src/readers/java/index';
import { lintText } from '../../server/src/engine';
import { lintInsideText } from './readResult';

const numRuns = process.env.CI ? 2000 : 300;

const SNIPPETS = [
  'import java.util.Properties;\nclass Mailer {\n  static final String HOST = "smtp.example.com";\n  Session session() {\n    Properties props = new Properties();\n    props.put("mail.smtp.host", HOST);\n    props.put("mail.smtp.port", System.getenv().getOrDefault("SMTP_PORT", "465"));\n    props.put("mail.smtp.auth", true);\n    props.put("mail.smtp.starttls.enable", "true");\n    props.setProperty("mail.smtp.ssl.trust", "*");\n    Session s = Session.getInstance(props, new Authenticator() {\n      protected PasswordAuthentication getPasswordAuthentication() { return new PasswordAuthentication("u", "hunter2hunter2"); }\n    });\n    s.setDebug(true);\n    return s;\n  }\n}\n',
  'class C {\n  @Bean JavaMailSender sender() {\n    JavaMailSenderImpl s = new JavaMailSenderImpl();\n    s.setHost("smtp.example.com");\n    s.setPort(Integer.parseInt(System.getenv("SMTP_PORT")));\n    s.setProtocol("smtps");\n    Properties p = s.getJavaMailProperties();\n    p.put("mail.smtp.ssl.protocols", "TLSv1");\n    p.put("mail.debug.auth", Boolean.TRUE);\n    return s;\n  }\n}\n',
  'class T { void send(Session session) { Transport t = session.getTransport("smtps"); t.connect("smtp.example.com", 587, "u", "p"); Transport.send(msg, "u", "p"); props.put("mail.smtps.timeout", 0x10); } }\n',
];

const check = lintInsideText;

test('arbitrary text never throws', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void javaReader.read('/w/A.java', `class A { void f() { props.put("mail.smtp.port", 465); ${s} } }`, {})), { numRuns });
});

test('half-typed Java never throws, spans stay inside, fixes render inside', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SNIPPETS), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (src, a, b, junk) => {
      const i = a % (src.length + 1);
      const j = Math.min(src.length, i + (b % 12));
      check(src.slice(0, i) + junk + src.slice(j), '/w/src/Mailer.java');
    }),
    { numRuns },
  );
});

test('1 MB inputs are read without a crash (behaviour, not time)', () => {
  const unit = SNIPPETS[1];
  const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
  const r = check(big, '/w/src/Big.java');
  // one session per method: every copy is read
  assert.equal(r.read?.configs.length, Math.ceil(1_000_000 / unit.length));
  const noise = 'class A { void f() { props.put("mail.smtp.port", ' + '(('.repeat(200_000) + ' } }';
  assert.ok(check(noise, '/w/src/Noise.java').read);
  const huge = '// mail.smtp\n' + '/'.repeat(2_100_000);
  assert.match(lintText('/w/src/Huge.java', huge).problems[0]?.message ?? '', /larger than/);
});
