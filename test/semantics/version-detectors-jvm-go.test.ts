// semantics/version-detectors/maven.ts and go.ts: the release of a JavaMail implementation (or of Spring Boot's mail
// starter) from pom.xml / build.gradle(.kts), and of a Go mail module from go.mod; and what semantics/javamail.ts
// concludes from it (does the release check the server's host name by default?).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { findLibraryVersion } from '../../server/src/semantics/versions';
import { lintText } from '../../server/src/engine';
import { gradleVersion, mavenVersionToSpec, pomVersion } from '../../server/src/semantics/version-detectors/maven';
import { goModVersion } from '../../server/src/semantics/version-detectors/go';
import { checksServerIdentityByDefault } from '../../server/src/semantics/javamail';
import '../../server/src/register';
import { tmpDir, writeTree } from '../cli/helpers';

const BOOT_PARENT = (v: string) =>
  `<project>\n  <parent>\n    <groupId>org.springframework.boot</groupId>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>${v}</version>\n  </parent>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-mail</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n`;

test('pom.xml: explicit versions, ${properties}, managed Spring Boot artifacts from the parent or the BOM', () => {
  assert.deepEqual(pomVersion(BOOT_PARENT('2.7.18'), 'org.springframework.boot:spring-boot-starter-mail'), { version: '2.7.18', how: 'pom.xml (Spring Boot parent)' });
  const pom =
    '<project>\n  <properties>\n    <javamail.version>1.6.2</javamail.version>\n  </properties>\n  <dependencies>\n    <!-- <dependency><groupId>com.sun.mail</groupId><artifactId>javax.mail</artifactId><version>1.4.7</version></dependency> -->\n    <dependency>\n      <groupId>com.sun.mail</groupId>\n      <artifactId>javax.mail</artifactId>\n      <version>${javamail.version}</version>\n    </dependency>\n    <dependency>\n      <groupId>jakarta.mail</groupId>\n      <artifactId>jakarta.mail-api</artifactId>\n      <version>2.1.3</version>\n    </dependency>\n  </dependencies>\n</project>\n';
  assert.deepEqual(pomVersion(pom, 'com.sun.mail:javax.mail'), { version: '1.6.2', how: 'pom.xml' });
  assert.equal(pomVersion(pom, 'org.eclipse.angus:angus-mail'), undefined, 'the API artifact says nothing about the implementation');
  const bom =
    '<project><dependencyManagement><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId><version>3.3.4</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>\n<dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-mail</artifactId></dependency></dependencies></project>';
  assert.equal(pomVersion(bom, 'org.springframework.boot:spring-boot-starter-mail')?.version, '3.3.4');
  // an unresolved property is no version
  assert.equal(pomVersion('<project><dependencies><dependency><groupId>com.sun.mail</groupId><artifactId>jakarta.mail</artifactId><version>${mail.version}</version></dependency></dependencies></project>', 'com.sun.mail:jakarta.mail'), undefined);
});

test('build.gradle / build.gradle.kts: coordinates strings, the map form, variables, the Spring Boot plugin', () => {
  const groovy = "plugins {\n  id 'org.springframework.boot' version '2.7.5'\n  id 'java'\n}\next {\n  angusVersion = '2.0.3'\n}\ndependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-mail'\n  implementation \"org.eclipse.angus:angus-mail:${angusVersion}\"\n  // implementation 'com.sun.mail:javax.mail:1.4.7'\n  implementation group: 'com.sun.mail', name: 'jakarta.mail', version: '1.6.7'\n}\n";
  assert.deepEqual(gradleVersion(groovy, 'org.springframework.boot:spring-boot-starter-mail'), { version: '2.7.5', how: 'build.gradle (Spring Boot plugin)' });
  assert.deepEqual(gradleVersion(groovy, 'org.eclipse.angus:angus-mail'), { version: '2.0.3', how: 'build.gradle' });
  assert.equal(gradleVersion(groovy, 'com.sun.mail:jakarta.mail')?.version, '1.6.7');
  assert.equal(gradleVersion(groovy, 'com.sun.mail:javax.mail'), undefined, 'a commented-out dependency is not one');
  const kts = 'plugins {\n    id("org.springframework.boot") version "3.3.0"\n}\ndependencies {\n    implementation("org.springframework.boot:spring-boot-starter-mail")\n    implementation("com.sun.mail:javax.mail:$javaMailVersion")\n}\n';
  assert.equal(gradleVersion(kts, 'org.springframework.boot:spring-boot-starter-mail')?.version, '3.3.0');
  assert.equal(gradleVersion(kts, 'com.sun.mail:javax.mail', 'javaMailVersion=1.6.2\n')?.version, '1.6.2', 'gradle.properties fills $var');
  assert.equal(gradleVersion(kts, 'com.sun.mail:javax.mail'), undefined, 'an unresolved variable is no version');
});

test('Maven versions: qualifiers dropped, interval ranges read as ranges', () => {
  assert.equal(mavenVersionToSpec('2.0.1-SNAPSHOT'), '2.0.1');
  assert.equal(mavenVersionToSpec('2.7.18'), '2.7.18');
  assert.equal(mavenVersionToSpec('[1.6,2.0)'), '>=1.6 <2.0');
  assert.equal(mavenVersionToSpec('LATEST'), undefined);
});

test('go.mod: single and block requires, +incompatible, replace and pseudo-versions give no version', () => {
  const mod = 'module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/wneessen/go-mail v0.4.1\n\tgopkg.in/gomail.v2 v2.0.0-20160411212932-81ebce5c23df // indirect\n)\n\nrequire github.com/go-mail/mail v2.3.1+incompatible\n';
  assert.equal(goModVersion(mod, 'github.com/wneessen/go-mail'), '0.4.1');
  assert.equal(goModVersion(mod, 'github.com/go-mail/mail'), '2.3.1');
  assert.equal(goModVersion(mod, 'gopkg.in/gomail.v2'), undefined, 'a pseudo-version names no release');
  assert.equal(goModVersion(mod + 'replace github.com/wneessen/go-mail => ../go-mail\n', 'github.com/wneessen/go-mail'), undefined, 'replaced: the required version is not what builds');
  assert.equal(goModVersion(mod, 'github.com/emersion/go-smtp'), undefined);
});

test('per file, nearest folder up: pom.xml before build.gradle in one folder, go.mod for Go modules', () => {
  const dir = tmpDir('mcl-verjvm-');
  writeTree(dir, {
    'pom.xml': BOOT_PARENT('2.7.18'),
    'build.gradle': "plugins { id 'org.springframework.boot' version '3.3.0' }\n",
    'svc/build.gradle.kts': 'dependencies { implementation("org.eclipse.angus:angus-mail:1.1.0") }\n',
    'tools/go.mod': 'module x\n\nrequire github.com/wneessen/go-mail v0.5.2\n',
  });
  const starter = 'org.springframework.boot:spring-boot-starter-mail';
  assert.deepEqual(findLibraryVersion(path.join(dir, 'src/main/resources/application.properties'), starter), { library: starter, spec: '2.7.18', source: 'pom.xml (Spring Boot parent)' });
  assert.deepEqual(findLibraryVersion(path.join(dir, 'svc/src/main/java/M.java'), 'org.eclipse.angus:angus-mail'), { library: 'org.eclipse.angus:angus-mail', spec: '1.1.0', source: 'build.gradle.kts' });
  assert.deepEqual(findLibraryVersion(path.join(dir, 'tools/cmd/mailer.go'), 'github.com/wneessen/go-mail'), { library: 'github.com/wneessen/go-mail', spec: '0.5.2', source: 'go.mod' });
  assert.equal(findLibraryVersion(path.join(dir, 'app.go'), 'github.com/wneessen/go-mail'), undefined);
});

test('javamail: the host name is checked by default from Angus Mail 2.0 (and Spring Boot 3.2), never by com.sun.mail', () => {
  const of = (lib: string, spec: string) => (l: string) => (l === lib ? { library: lib, spec, source: 'pom.xml' } : undefined);
  assert.equal(checksServerIdentityByDefault(of('org.eclipse.angus:angus-mail', '2.0.3')).checks, true);
  assert.equal(checksServerIdentityByDefault(of('org.eclipse.angus:jakarta.mail', '1.1.0')).checks, false);
  assert.equal(checksServerIdentityByDefault(of('com.sun.mail:jakarta.mail', '2.0.1')).checks, false);
  assert.equal(checksServerIdentityByDefault(of('com.sun.mail:javax.mail', '1.6.2')).checks, false);
  assert.equal(checksServerIdentityByDefault(of('org.springframework.boot:spring-boot-starter-mail', '2.7.18')).checks, false);
  assert.equal(checksServerIdentityByDefault(of('org.springframework.boot:spring-boot-starter-mail', '3.3.4')).checks, true);
  assert.equal(checksServerIdentityByDefault(of('org.springframework.boot:spring-boot-starter-mail', '3.0.13')).checks, undefined, 'Boot 3.0/3.1: the Angus release is not known from the Boot release');
  assert.equal(checksServerIdentityByDefault(() => undefined).checks, undefined);
  // the implementation artifact wins over the starter (an app that pins Angus Mail 2 on Boot 2.7)
  const both = (l: string) => (l === 'org.eclipse.angus:angus-mail' ? { library: l, spec: '2.0.3', source: 'pom.xml' } : l.startsWith('org.springframework') ? { library: l, spec: '2.7.18', source: 'pom.xml' } : undefined);
  assert.equal(checksServerIdentityByDefault(both).checks, true);
});

test('go-mail: the release from go.mod (or "versions") is named where the effective connection is explained (hover)', () => {
  const dir = tmpDir('mcl-vergo-');
  writeTree(dir, { 'go.mod': 'module x\n\nrequire github.com/wneessen/go-mail v0.4.1\n' });
  const code = 'package main\n\nimport "github.com/wneessen/go-mail"\n\nfunc send(user, pass string) {\n\tc, _ := mail.NewClient("smtp.example.com", mail.WithPort(587), mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(user), mail.WithPassword(pass))\n\t_ = c\n}\n';
  const eff = (file: string, versions?: Record<string, string>) => lintText(file, code, { versions }).read?.configs[0]?.effective;
  const e = eff(path.join(dir, 'cmd/mailer.go'));
  assert.equal(e?.tlsMode, 'starttls-required');
  assert.ok(e?.because.endsWith('(go-mail 0.4.1, go.mod)'), e?.because);
  assert.ok(eff(path.join(dir, 'cmd/mailer.go'), { 'github.com/wneessen/go-mail': '0.5.2' })?.because.endsWith('(go-mail 0.5.2, .mailconfiglintrc.json)'));
  const none = eff(path.join(tmpDir('mcl-vergo-'), 'mailer.go'));
  assert.ok(none && !none.because.includes('go-mail 0.'), 'no go.mod: no release named');
});
