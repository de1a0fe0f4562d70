// Spring Boot application*.properties of the polyglot corpus (rules-research-polyglot §5): spring.mail.* with
// JavaMail properties (starttls / ssl.enable / ssl.trust / ssl.protocols), ${MAIL_*} placeholders, literal
// passwords; other .properties files (messages, log4j); decoys: other clients' TLS settings (datasource
// sslmode=disable, rabbitmq validate-server-certificate=false, redis ssl, server.port=465 of the web server).
import { Writer, SMTP_HOSTS, USERS, SVC, NOUNS, secret } from '../lib.mjs';

function spring(R) {
  const w = new Writer();
  w.add(`spring.application.name=${R.pick(SVC)}`);
  if (R.chance(0.5)) w.decoy(w.add(`spring.datasource.url=jdbc:postgresql://db:5432/${R.pick(SVC)}?sslmode=disable`), 'database TLS off');
  if (R.chance(0.4)) w.decoy(w.add('spring.rabbitmq.ssl.validate-server-certificate=false'), 'broker TLS, not mail');
  if (R.chance(0.3)) w.decoy(w.add('spring.data.redis.ssl.enabled=false'), 'redis TLS');
  if (R.chance(0.2)) w.decoy(w.add('server.port=465'), 'web server port');
  w.add('');
  const port = R.weighted([[587, 55], [465, 35], [25, 10]]);
  const placeholder = R.chance(0.3);
  w.add(`spring.mail.host=${placeholder ? `\${MAIL_HOST:${R.pick(SMTP_HOSTS)}}` : R.pick(SMTP_HOSTS)}`);
  const portLine = w.add(`spring.mail.port=${placeholder ? `\${MAIL_PORT:${port}}` : port}`);
  const user = port === 25 ? null : R.pick(USERS);
  if (user) {
    w.add(`spring.mail.username=${R.chance(0.5) ? user : '${MAIL_USERNAME}'}`);
    const literal = R.chance(0.2);
    const l = w.add(`spring.mail.password=${literal ? secret(R) : '${MAIL_PASSWORD}'}`);
    if (literal) w.finding('hardcoded-smtp-credentials', l);
    w.add('spring.mail.properties.mail.smtp.auth=true');
  }
  const P = 'spring.mail.properties.mail.smtp';
  const wrong = R.chance(0.3);
  if (port === 587) {
    if (wrong) w.finding('starttls-port-with-implicit-tls', w.add(`${P}.ssl.enable=true`), [portLine]);
    else { w.add(`${P}.starttls.enable=true`); w.add(`${P}.starttls.required=true`); }
  } else if (port === 465) {
    if (wrong) w.finding('implicit-tls-port-without-tls', w.add(`${P}.starttls.enable=true`), [portLine]);
    else w.add(`${P}.ssl.enable=true`);
  }
  if (port !== 25 && R.chance(0.15)) w.finding('tls-verification-disabled', w.add(`${P}.ssl.trust=*`));
  else if (port !== 25 && R.chance(0.1)) w.add(`${P}.ssl.trust=${R.pick(SMTP_HOSTS)}`);
  if (port !== 25 && R.chance(0.1)) w.finding('legacy-tls-version', w.add(`${P}.ssl.protocols=${R.pick(['TLSv1', 'TLSv1.1', 'TLSv1 TLSv1.1'])}`));
  w.add(`${P}.connectiontimeout=5000`);
  w.add(`${P}.timeout=5000`);
  w.add(`${P}.writetimeout=5000`);
  w.add('');
  w.add('management.endpoints.web.exposure.include=health,info');
  return { file: `src/main/resources/application${R.pick(['', '', '-prod', '-staging'])}.properties`, w, flavor: 'spring' };
}

function other(R) {
  const w = new Writer();
  const kind = R.pick(['messages', 'log4j']);
  if (kind === 'messages') {
    for (let i = 0; i < R.int(10, 60); i++) w.add(`${R.pick(NOUNS)}.${R.pick(NOUNS)}.label${i}=${R.pick(NOUNS)} ${R.pick(NOUNS)}`);
    return { file: `src/main/resources/messages${R.pick(['', '_de', '_fr'])}.properties`, w, flavor: 'plain' };
  }
  w.add('log4j.rootLogger=INFO, stdout');
  w.add('log4j.appender.stdout=org.apache.log4j.ConsoleAppender');
  for (let i = 0; i < R.int(3, 20); i++) w.add(`log4j.logger.com.example.${R.pick(NOUNS)}=${R.pick(['DEBUG', 'INFO', 'WARN'])}`);
  return { file: 'src/main/resources/log4j.properties', w, flavor: 'plain' };
}

export default {
  id: 'properties',
  name: 'Spring .properties',
  ext: '.properties',
  weight: 20,
  floor: { id: 'properties:dot-properties', pkg: 'dot-properties', desc: 'dot-properties parseLines(text, true) (ranges kept)', make: (m) => (text) => m.parseLines(text, true) },
  file(R) {
    return R.chance(0.45) ? other(R) : spring(R);
  },
  sample(R) {
    const w = new Writer();
    for (let i = 0; i < 90; i++) w.add(`app.${R.pick(NOUNS)}.${R.pick(NOUNS)}${i}=${R.int(0, 1000)}`);
    w.add('spring.mail.host=smtp.example.com');
    const p = w.add('spring.mail.port=465');
    w.add('spring.mail.username=${MAIL_USERNAME}');
    w.add('spring.mail.password=${MAIL_PASSWORD}');
    w.finding('implicit-tls-port-without-tls', w.add('spring.mail.properties.mail.smtp.starttls.enable=true'), [p]);
    w.add('spring.mail.properties.mail.smtp.connectiontimeout=5000');
    w.add('spring.mail.properties.mail.smtp.timeout=5000');
    for (let i = 0; i < 100; i++) w.add(`app.${R.pick(NOUNS)}.${R.pick(NOUNS)}${i}=${R.int(0, 1000)}`);
    return { file: 'application.properties', w };
  },
};
