// tls-verification-disabled by omission in JavaMail releases that skip the host name check by default: com.sun.mail
// (javax.mail 1.x, jakarta.mail 1.6/2.0), Angus Mail 1.x, and Spring Boot up to 2.7 (semantics/javamail.ts
// checksServerIdentityByDefault). The release comes from the build file next to the code (pom.xml, build.gradle) or
// from "versions" in .mailconfiglintrc.json; without one, nothing is reported (the current Angus Mail checks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fixTextEdits, lintText } from '../../server/src/engine';
import { applyTextEdits } from '../../server/src/model/textEdits';
import { tmpDir, writeTree } from '../cli/helpers';

const RULE = 'tls-verification-disabled';
const PROPS = 'spring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.username=me\nspring.mail.password=${SMTP_PASSWORD}\nspring.mail.properties.mail.smtp.auth=true\nspring.mail.properties.mail.smtp.starttls.enable=true\nspring.mail.properties.mail.smtp.starttls.required=true\n';
const JAVA =
  'package com.example;\n\nimport java.util.Properties;\nimport jakarta.mail.*;\n\nclass Mailer {\n  Session session(String user, String pass) {\n    Properties props = new Properties();\n    props.put("mail.smtp.host", "smtp.example.com");\n    props.put("mail.smtp.port", "465");\n    props.put("mail.smtp.ssl.enable", "true");\n    props.put("mail.smtp.auth", "true");\n    props.put("mail.smtp.connectiontimeout", "10000");\n    props.put("mail.smtp.timeout", "10000");\n    return Session.getInstance(props, new Authenticator() {\n      protected PasswordAuthentication getPasswordAuthentication() { return new PasswordAuthentication(user, pass); }\n    });\n  }\n}\n';
const BOOT = (v: string) =>
  `<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>${v}</version></parent>\n<dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-mail</artifactId></dependency></dependencies></project>\n`;

function mine(file: string, text: string, versions?: Record<string, string>) {
  return lintText(file, text, { versions }).findings.filter((f) => f.ruleId === RULE);
}

test('Spring Boot 2.7 from pom.xml: STARTTLS without checkserveridentity is reported, the fix writes it', () => {
  const dir = tmpDir('mcl-jmrel-');
  writeTree(dir, { 'pom.xml': BOOT('2.7.18') });
  const file = path.join(dir, 'src/main/resources/application.properties');
  const fs = mine(file, PROPS);
  assert.equal(fs.length, 1);
  const f = fs[0];
  assert.equal(f.severity, 'warning', 'credentials cross the connection');
  assert.match(f.message, /^Spring Boot 2\.7\.18 \(pom\.xml \(Spring Boot parent\)\) does not check the server's host name/);
  assert.ok(f.message.includes('mail.smtp.ssl.checkserveridentity=true') && f.message.includes('Angus Mail 2.0'), f.message);
  assert.equal(PROPS.slice(f.span.start, f.span.end).split('\n')[0], 'spring.mail.properties.mail.smtp.starttls.enable=true');
  assert.equal(f.fixes[0].safe, false, 'a server whose certificate names another host stops working');
  assert.equal(
    applyTextEdits(PROPS, fixTextEdits(PROPS, f.fixes[0])),
    PROPS.replace('starttls.required=true\n', 'starttls.required=true\nspring.mail.properties.mail.smtp.ssl.checkserveridentity=true\n'),
  );
  // after the fix: clean
  assert.equal(mine(file, applyTextEdits(PROPS, fixTextEdits(PROPS, f.fixes[0]))).length, 0);
});

test('releases that check the host name, or an unknown release, report nothing; so does a written checkserveridentity', () => {
  const dir = tmpDir('mcl-jmrel-');
  writeTree(dir, { 'new/pom.xml': BOOT('3.3.4'), 'mid/pom.xml': BOOT('3.0.13'), 'old/pom.xml': BOOT('2.7.18') });
  const at = (sub: string) => path.join(dir, sub, 'src/main/resources/application.properties');
  assert.equal(mine(at('new'), PROPS).length, 0, 'Boot 3.3: Angus Mail 2 checks the host name');
  assert.equal(mine(at('mid'), PROPS).length, 0, 'Boot 3.0: the Angus release is not known');
  assert.equal(mine(at('none'), PROPS).length, 0, 'no build file: no release, no finding');
  assert.equal(mine(at('old'), PROPS + 'spring.mail.properties.mail.smtp.ssl.checkserveridentity=true\n').length, 0);
  // a local catcher: no finding
  assert.equal(mine(at('old'), PROPS.replace('smtp.example.com', 'localhost')).length, 0);
  // no TLS at all is another rule's finding (tls-disabled-with-credentials), not this one
  assert.equal(mine(at('old'), 'spring.mail.host=smtp.example.com\nspring.mail.port=25\n').length, 0);
});

test('JavaMail in Java code, release from "versions" (.mailconfiglintrc.json): the fix adds a props.put line', () => {
  const file = path.join(tmpDir('mcl-jmrel-'), 'src/main/java/com/example/Mailer.java');
  const fs = mine(file, JAVA, { 'com.sun.mail:javax.mail': '1.6.2' });
  assert.equal(fs.length, 1);
  assert.match(fs[0].message, /^com\.sun\.mail:javax\.mail 1\.6\.2 \(\.mailconfiglintrc\.json\) does not check/);
  assert.match(JAVA.slice(fs[0].span.start, fs[0].span.end), /ssl\.enable", "true"$/, 'reported where TLS is switched on');
  const fixed = applyTextEdits(JAVA, fixTextEdits(JAVA, fs[0].fixes[0]));
  assert.equal(fixed, JAVA.replace('    props.put("mail.smtp.ssl.enable", "true");\n', '    props.put("mail.smtp.ssl.enable", "true");\n    props.put("mail.smtp.ssl.checkserveridentity", "true");\n'));
  assert.equal(mine(file, fixed, { 'com.sun.mail:javax.mail': '1.6.2' }).length, 0);
  assert.equal(mine(file, JAVA, { 'org.eclipse.angus:angus-mail': '2.0.3' }).length, 0, 'Angus Mail 2 checks by default');
});
