// Java files of the polyglot corpus: JavaMail / Jakarta Mail Properties filled in code (props.put /
// setProperty, rules-research-polyglot §5.2), Spring JavaMailSenderImpl beans, ordinary classes without mail
// words; decoys: other clients' TLS and ports (a JDBC URL with sslmode=disable, an OkHttp trust-all comment,
// a web server on port 465, a database Properties object with "465").
import { Writer, NOUNS, VERBS, SVC, SMTP_HOSTS, USERS, cap, camel, secret } from '../lib.mjs';

function filler(w, R, n) {
  const noun = R.pick(NOUNS);
  w.add(`public class ${cap(noun)}${cap(R.pick(VERBS))}er {`);
  w.add(`  private final java.util.Map<String, Object> ${noun}s = new java.util.HashMap<>();`);
  for (let i = 0; i < n; i++) {
    const v = R.pick(VERBS), o = R.pick(NOUNS);
    w.add('');
    w.add(`  public Object ${camel(v, o)}(String ${o}Id, int limit) {`);
    w.add(`    for (int i = 0; i < limit; i++) {`);
    w.add(`      Object value = ${noun}s.get(${o}Id + i);`);
    w.add('      if (value == null) {');
    w.add('        continue;');
    w.add('      }');
    w.add('      return value;');
    w.add('    }');
    w.add('    return null;');
    w.add('  }');
  }
  w.add('}');
}

/** JavaMail Properties in a method; the string form of every value (PropUtil reads "true"/"465"). */
function javamail(R) {
  const w = new Writer();
  const setProp = R.chance(0.4) ? 'setProperty' : 'put';
  w.add(`package com.example.${R.pick(SVC)};`);
  w.add('');
  w.add('import java.util.Properties;');
  w.add('import jakarta.mail.*;');
  w.add('');
  w.add(`public class ${cap(R.pick(SVC))}Mailer {`);
  if (R.chance(0.4)) {
    w.add('  Properties database() {');
    w.add('    Properties db = new Properties();');
    w.decoy(w.add('    db.put("db.port", "465");'), 'a database Properties object');
    w.decoy(w.add('    db.put("url", "jdbc:postgresql://db:5432/app?sslmode=disable");'), 'database TLS off');
    w.add('    return db;');
    w.add('  }');
    w.add('');
  }
  w.add('  Session session() {');
  w.add('    Properties props = new Properties();');
  const P = (k, v) => w.add(`    props.${setProp}("mail.smtp.${k}", "${v}");`);
  const port = R.weighted([[587, 55], [465, 45]]);
  P('host', R.pick(SMTP_HOSTS));
  const portLine = P('port', port);
  P('auth', 'true');
  const wrong = R.chance(0.3);
  if (port === 587) {
    if (wrong) w.finding('starttls-port-with-implicit-tls', P('ssl.enable', 'true'), [portLine]);
    else { P('starttls.enable', 'true'); P('starttls.required', 'true'); }
  } else if (wrong) w.finding('implicit-tls-port-without-tls', P('starttls.enable', 'true'), [portLine]);
  else P('ssl.enable', 'true');
  if (R.chance(0.15)) w.finding('tls-verification-disabled', P('ssl.trust', '*'));
  if (R.chance(0.1)) w.finding('legacy-tls-version', P('ssl.protocols', R.pick(['TLSv1', 'TLSv1.1', 'TLSv1 TLSv1.1'])));
  P('connectiontimeout', '10000');
  P('timeout', '10000');
  P('writetimeout', '10000');
  const user = R.pick(USERS);
  const literal = R.chance(0.2);
  w.add('    return Session.getInstance(props, new Authenticator() {');
  w.add('      @Override');
  w.add('      protected PasswordAuthentication getPasswordAuthentication() {');
  const l = w.add(`        return new PasswordAuthentication("${user}", ${literal ? `"${secret(R)}"` : 'System.getenv("SMTP_PASSWORD")'});`);
  if (literal) w.finding('hardcoded-smtp-credentials', l);
  w.add('      }');
  w.add('    });');
  w.add('  }');
  w.add('}');
  return { file: `src/main/java/com/example/${cap(R.pick(SVC))}Mailer.java`, w, flavor: 'javamail' };
}

export default {
  id: 'java',
  name: 'Java',
  ext: '.java',
  weight: 15,
  floor: { id: 'java:lezer', pkg: '@lezer/java', desc: '@lezer/java parser.parse(text)', make: (m) => (text) => m.parser.parse(text) },
  file(R) {
    if (R.chance(0.6)) { const w = new Writer(); w.add(`package com.example.${R.pick(SVC)};`); w.add(''); filler(w, R, R.int(2, 20)); return { file: `src/main/java/com/example/${cap(R.pick(NOUNS))}${cap(R.pick(VERBS))}er.java`, w, flavor: 'plain' }; }
    return javamail(R);
  },
  sample(R) {
    const w = new Writer();
    w.add('package com.example;');
    w.add('');
    w.add('import java.util.Properties;');
    w.add('import jakarta.mail.*;');
    w.add('');
    w.add('public class Mailer {');
    w.add('  Session session() {');
    w.add('    Properties props = new Properties();');
    w.add('    props.put("mail.smtp.host", "smtp.example.com");');
    const p = w.add('    props.put("mail.smtp.port", "465");');
    w.finding('implicit-tls-port-without-tls', w.add('    props.put("mail.smtp.starttls.enable", "true");'), [p]);
    w.add('    props.put("mail.smtp.connectiontimeout", "10000");');
    w.add('    props.put("mail.smtp.timeout", "10000");');
    w.add('    return Session.getInstance(props);');
    w.add('  }');
    w.add('}');
    filler(w, R, 16);
    return { file: 'Mailer.java', w };
  },
};
