// A seeded generator of Spring Boot projects for the Spring rules (issue 16), with its answer key: every
// shape the rules must report (spring.mail.smtp.*, spring.mail.properties.smtp.*, top-level mail.smtp.*, the
// smtp/smtps prefix mismatch, a literal spring.mail.password in profile, bootstrap and Config Server files) and
// every case that must stay silent (the project binding mail.* itself, legacy socketFactory SSL on 465, a dev
// catcher's dummy login, ${MAIL_PASSWORD:} placeholders), in nested and flat YAML spellings.
import * as path from 'node:path';

export interface Expected {
  /** Relative path. */
  file: string;
  /** 1-based line. */
  line: number;
  ruleId: string;
}

export interface SpringCorpus {
  files: Record<string, string>;
  /** Findings of the SPRING_RULES that must be reported, and nothing else from them. */
  answerKey: Expected[];
  /** Findings of any rule that must not be reported (file, line, rule). */
  decoys: Expected[];
}

export const SPRING_RULES = ['spring-mail-property-ignored', 'spring-property-prefix-mismatch', 'hardcoded-smtp-credentials'];

/** mulberry32: small, seeded, reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTS = ['smtp.gmail.com', 'smtp.sendgrid.net', 'smtp.office365.com', 'email-smtp.eu-west-1.amazonaws.com', 'smtp.mailgun.org'];
const SECRETS = ['Zx81wqPlm2Tr', 'hunter2hunter2'];

class Doc {
  readonly lines: string[] = [];
  /** Appends a line; returns its 1-based number. */
  add(s: string): number {
    this.lines.push(s);
    return this.lines.length;
  }
  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

export function generateSpringCorpus(seed: number, projects = 8): SpringCorpus {
  const R = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(R() * xs.length)];
  const files: Record<string, string> = {};
  const answerKey: Expected[] = [];
  const decoys: Expected[] = [];
  for (let p = 0; p < projects; p++) {
    const root = `svc-${p}`;
    const res = `${root}/src/main/resources`;
    const host = pick(HOSTS);
    const nested = R() < 0.5;
    const head = (d: Doc, port: number, extra: string[] = []) => {
      d.add('spring:');
      d.add('  application:');
      d.add(`    name: ${root}`);
      d.add('  mail:');
      d.add(`    host: ${host}`);
      d.add(`    port: ${port}`);
      d.add('    username: ${MAIL_USERNAME}');
      d.add(`    password: \${MAIL_PASSWORD${R() < 0.5 ? ':' : ''}}`);
      for (const e of extra) d.add(e);
    };
    const shape = p % 4;
    // application.yml: one ignored-key shape per project, plus the decoys.
    const app = new Doc();
    const rel = (name: string) => `${res}/${name}`;
    if (shape === 0) {
      // spring.mail.smtp.* (MailProperties has no smtp field).
      head(app, 587);
      app.add('    smtp:');
      if (nested) {
        app.add('      starttls:');
        answerKey.push({ file: rel('application.yml'), line: app.add('        enable: true'), ruleId: 'spring-mail-property-ignored' });
      } else answerKey.push({ file: rel('application.yml'), line: app.add('      starttls.enable: true'), ruleId: 'spring-mail-property-ignored' });
      answerKey.push({ file: rel('application.yml'), line: app.add('      timeout: 10000'), ruleId: 'spring-mail-property-ignored' });
    } else if (shape === 1) {
      // spring.mail.properties.smtp.* (JavaMail sees smtp.…).
      head(app, 587, ['    properties:']);
      if (nested) {
        app.add('      smtp:');
        answerKey.push({ file: rel('application.yml'), line: app.add('        starttls.required: true'), ruleId: 'spring-mail-property-ignored' });
      } else answerKey.push({ file: rel('application.yml'), line: app.add('      smtp.starttls.required: true'), ruleId: 'spring-mail-property-ignored' });
      app.add('      mail.smtp.starttls.enable: true');
    } else if (shape === 2) {
      // Top-level mail.smtp.* in application.yml, not bound by the project.
      head(app, 587, ['    properties:', '      mail.smtp.starttls.enable: true', '      mail.smtp.starttls.required: true']);
      app.add('mail:');
      app.add('  smtp:');
      answerKey.push({ file: rel('application.yml'), line: app.add('    connectiontimeout: 5000'), ruleId: 'spring-mail-property-ignored' });
    } else {
      // Top-level mail.smtp.* that the project binds itself: silent.
      head(app, 587, ['    properties:', '      mail.smtp.starttls.enable: true', '      mail.smtp.starttls.required: true']);
      app.add('mail:');
      app.add('  smtp:');
      app.add('    starttls:');
      decoys.push({ file: rel('application.yml'), line: app.add('      enable: true'), ruleId: 'spring-mail-property-ignored' });
      const kotlin = R() < 0.5;
      files[`${root}/src/main/${kotlin ? 'kotlin' : 'java'}/com/example/MailSettings.${kotlin ? 'kt' : 'java'}`] = kotlin
        ? 'package com.example\n\n@ConfigurationProperties(prefix = "mail")\ndata class MailSettings(val smtp: Map<String, Any> = emptyMap())\n'
        : 'package com.example;\n\nimport org.springframework.boot.context.properties.ConfigurationProperties;\n\n@ConfigurationProperties("mail")\npublic class MailSettings {\n  private java.util.Map<String, Object> smtp;\n}\n';
    }
    files[rel('application.yml')] = app.text();

    // application-smtps.yml: the prefix of the other protocol.
    const mm = new Doc();
    mm.add('spring:');
    mm.add('  mail:');
    mm.add(`    host: ${host}`);
    if (R() < 0.5) {
      mm.add('    protocol: smtps');
      mm.add('    properties:');
      if (nested) {
        mm.add('      mail:');
        mm.add('        smtp:');
        answerKey.push({ file: rel('application-smtps.yml'), line: mm.add('          timeout: 10000'), ruleId: 'spring-property-prefix-mismatch' });
      } else answerKey.push({ file: rel('application-smtps.yml'), line: mm.add('      mail.smtp.timeout: 10000'), ruleId: 'spring-property-prefix-mismatch' });
      mm.add('      mail.smtps.connectiontimeout: 10000');
    } else {
      mm.add('    port: 587');
      mm.add('    properties:');
      mm.add('      mail.smtp.starttls.required: true');
      answerKey.push({ file: rel('application-smtps.yml'), line: mm.add('      mail.smtps.starttls.enable: true'), ruleId: 'spring-property-prefix-mismatch' });
    }
    files[rel('application-smtps.yml')] = mm.text();

    // application-legacy.yml: socketFactory SSL on 465 works (no "465 without TLS").
    const legacy = new Doc();
    legacy.add('spring:');
    legacy.add('  mail:');
    legacy.add(`    host: ${host}`);
    decoys.push({ file: rel('application-legacy.yml'), line: legacy.add('    port: 465'), ruleId: 'implicit-tls-port-without-tls' });
    legacy.add('    properties:');
    legacy.add('      mail.smtp.auth: true');
    decoys.push({ file: rel('application-legacy.yml'), line: legacy.add('      mail.smtp.socketFactory.class: javax.net.ssl.SSLSocketFactory'), ruleId: 'implicit-tls-port-without-tls' });
    legacy.add('      mail.smtp.socketFactory.port: 465');
    legacy.add('      mail.smtp.connectiontimeout: 5000');
    legacy.add('      mail.smtp.timeout: 5000');
    files[rel('application-legacy.yml')] = legacy.text();

    // A literal password in a profile, bootstrap or Config Server file; a dev catcher's dummy login stays silent.
    const where = pick(['application-prod.yml', 'bootstrap.yml', 'config-server']);
    const secretFile = where === 'config-server' ? `config-repo/configurations/${root}.yml` : rel(where);
    const sec = new Doc();
    sec.add('spring:');
    sec.add('  mail:');
    sec.add(`    host: ${host}`);
    sec.add('    port: 587');
    sec.add('    username: noreply@example.com');
    answerKey.push({ file: secretFile, line: sec.add(`    password: ${pick(SECRETS)}`), ruleId: 'hardcoded-smtp-credentials' });
    sec.add('    properties:');
    sec.add('      mail.smtp.starttls.enable: true');
    sec.add('      mail.smtp.starttls.required: true');
    files[secretFile] = sec.text();
    const dev = new Doc();
    dev.add('spring:');
    dev.add('  mail:');
    dev.add(`    host: ${pick(['localhost', 'mailpit', 'maildev', 'mailhog'])}`);
    dev.add('    port: 1025');
    dev.add('    username: dev');
    decoys.push({ file: rel('application-dev.yml'), line: dev.add(`    password: ${pick(SECRETS)}`), ruleId: 'hardcoded-smtp-credentials' });
    files[rel('application-dev.yml')] = dev.text();
  }
  return { files, answerKey, decoys };
}

export function keyOf(e: Expected): string {
  return `${e.file.split(path.sep).join('/')}:${e.line}:${e.ruleId}`;
}
