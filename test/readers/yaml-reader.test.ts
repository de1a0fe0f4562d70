import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { yamlReader, mayContainMail, isServerImage } from '../../server/src/readers/yaml/index';
import type { Field, ReadResult, SmtpConfig } from '../../server/src/model/types';
import type { EnvLookup } from '../../server/src/readers/types';

function read(src: string, file = 'docker-compose.yml', env?: EnvLookup): ReadResult {
  return yamlReader.read(file, src, { env });
}
function configs(src: string, file = 'docker-compose.yml'): SmtpConfig[] {
  return read(src, file).configs;
}
function one(src: string, file = 'docker-compose.yml'): SmtpConfig {
  const r = read(src, file);
  assert.equal(r.configs.length, 1, `expected one config, got ${r.configs.length} (${r.configs.map((c) => c.label).join('; ')}); problems: ${JSON.stringify(r.problems)}`);
  return r.configs[0];
}
/** The source text a site span covers. */
const at = (src: string, f: Field | undefined, part: 'value' | 'key' | 'entry' = 'value'): string => {
  assert.ok(f, 'field missing');
  const s = part === 'key' ? f.site.key! : f.site[part];
  return src.slice(s.start, s.end);
};
const lineOf = (src: string, off: number) => src.slice(0, off).split('\n').length;

describe('docker-compose environment', () => {
  test('map form: fields, exact spans, image hint, effective mode', () => {
    const src = [
      'services:',
      '  api:',
      '    image: ghcr.io/acme/api:1.2.3',
      '    ports:',
      '      - "465:465"',
      '    environment:',
      '      NODE_ENV: production',
      '      SMTP_HOST: smtp.example.com',
      '      SMTP_PORT: 465',
      "      SMTP_SECURE: 'false' # wrong",
      '      SMTP_USER: "apikey"',
      '      SMTP_PASS: ${SMTP_PASS}',
      '',
    ].join('\n');
    const c = one(src);
    assert.equal(c.format, 'yaml');
    assert.match(c.label, /compose service api/);
    assert.equal(c.host?.value, 'smtp.example.com');
    assert.equal(c.port?.value, 465);
    assert.equal(at(src, c.port), '465');
    assert.equal(at(src, c.port, 'key'), 'SMTP_PORT');
    assert.equal(at(src, c.implicitTls), "'false'");
    assert.equal(c.implicitTls?.site.quote, "'");
    assert.equal(c.implicitTls?.site.style, 'yaml-map');
    assert.equal(at(src, c.implicitTls, 'entry'), "      SMTP_SECURE: 'false' # wrong\n");
    assert.equal(c.implicitTls?.site.indent, '      ');
    assert.equal(at(src, c.credentials.user), '"apikey"');
    assert.equal(c.credentials.password?.text, '***');
    assert.equal(c.credentials.password?.kind, 'env');
    assert.equal(c.credentials.passwordIsLiteral, false);
    assert.notEqual(c.effective.tlsMode, 'implicit');
  });

  test('list form: `- KEY=value` with key/value spans inside the item', () => {
    const src = [
      'services:',
      '  worker:',
      '    environment:',
      '      - SMTP_HOST=smtp.example.com',
      '      - SMTP_PORT=587',
      '      - "SMTP_SECURE=true"',
      '      - SMTP_USER=mailer',
      '      - SMTP_PASS',
      '',
    ].join('\n');
    const c = one(src);
    assert.equal(c.port?.value, 587);
    assert.equal(at(src, c.port), '587');
    assert.equal(at(src, c.port, 'key'), 'SMTP_PORT');
    assert.equal(c.port?.site.style, 'yaml-list');
    assert.equal(c.port?.site.prefix, '- ');
    assert.equal(at(src, c.port, 'entry'), '      - SMTP_PORT=587\n');
    assert.equal(at(src, c.implicitTls), 'true');
    assert.equal(c.implicitTls?.site.quote, '"');
    assert.equal(lineOf(src, c.implicitTls!.site.value.start), 6);
    // `- SMTP_PASS` passes the shell's value through: nothing written here.
    assert.equal(c.credentials.password, undefined);
  });

  test('${VAR} resolves from the .env next to a compose file; ${VAR:-x} and $$ handled', () => {
    const src = 'services:\n  api:\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: ${SMTP_PORT}\n      SMTP_SECURE: "false"\n';
    const env: EnvLookup = { get: (_f, n) => (n === 'SMTP_PORT' ? { value: '465', ref: { file: '.env', span: { start: 0, end: 13 } } } : undefined) };
    const c = read(src, 'docker-compose.yml', env).configs[0];
    assert.equal(c.port?.value, 465);
    assert.equal(c.port?.kind, 'env');
    assert.equal(c.port?.envVar, 'SMTP_PORT');
    assert.equal(c.port?.resolvedFrom?.file, '.env');
    const unresolved = one('services:\n  api:\n    environment:\n      SMTP_HOST: h.example.com\n      SMTP_PORT: ${SMTP_PORT:-587}\n');
    assert.equal(unresolved.port?.kind, 'env');
    assert.equal(unresolved.port?.value, undefined);
  });

  test('anchors, aliases and merge keys', () => {
    const src = [
      'x-mail: &mail',
      '  SMTP_HOST: smtp.example.com',
      '  SMTP_PORT: 587',
      'x-port: &port "465"',
      'services:',
      '  a:',
      '    environment: *mail',
      '  b:',
      '    environment:',
      '      <<: *mail',
      '      SMTP_PORT: *port',
      '      SMTP_SECURE: "false"',
      '',
    ].join('\n');
    const cs = configs(src);
    const a = cs.find((c) => /service a/.test(c.label));
    const b = cs.find((c) => /service b/.test(c.label));
    assert.ok(a && b, cs.map((c) => c.label).join('; '));
    assert.equal(a.port?.value, 587);
    assert.equal(lineOf(src, a.port!.site.value.start), 3, 'aliased block keeps the anchor site');
    assert.equal(b.port?.value, 465, 'explicit key overrides the merged one');
    assert.equal(at(src, b.port), '*port', 'an alias value points at the alias token');
    assert.equal(b.host?.value, 'smtp.example.com');
  });

  test('NODE_TLS_REJECT_UNAUTHORIZED in an env block is a global', () => {
    const r = read('services:\n  api:\n    environment:\n      NODE_TLS_REJECT_UNAUTHORIZED: "0"\n');
    assert.equal(r.globals.length, 1);
    assert.equal(r.globals[0].field.key, 'NODE_TLS_REJECT_UNAUTHORIZED');
  });

  test('SPRING_MAIL_* env vars become a Spring config (relaxed binding)', () => {
    const src = [
      'services:',
      '  app:',
      '    environment:',
      '      SPRING_MAIL_HOST: smtp.example.com',
      '      SPRING_MAIL_PORT: 587',
      '      SPRING_MAIL_USERNAME: mailer',
      '      SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_ENABLE: "true"',
      '      SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE: "false"',
      '',
    ].join('\n');
    const c = one(src);
    assert.equal(c.dialect, 'spring');
    assert.equal(c.port?.value, 587);
    assert.equal(c.implicitTls?.value, true);
    assert.equal(at(src, c.implicitTls, 'key'), 'SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_ENABLE');
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(c.ignoreTls?.value, true, 'STARTTLS explicitly off while implicit TLS is misapplied on 587');
    // Only part of the configuration: the image's application.yml may set the JavaMail TLS properties.
    const partial = one('services:\n  app:\n    environment:\n      - SPRING_MAIL_HOST=smtp.example.com\n      - SPRING_MAIL_PORT=587\n      - SPRING_MAIL_USERNAME=u\n');
    assert.equal(partial.dialect, 'spring');
    assert.equal(partial.effective.tlsMode, 'unknown');
    assert.equal(partial.port?.site.style, 'yaml-list');
  });
});

describe('Kubernetes', () => {
  test('container env name/value list, valueFrom is never a literal', () => {
    const src = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: registry.example.com/web:1.0',
      '          ports:',
      '            - containerPort: 25',
      '          env:',
      '            - name: SMTP_HOST',
      '              value: "smtp.example.com"',
      '            - name: SMTP_PORT',
      '              value: "25"',
      '            - name: SMTP_USER',
      '              valueFrom:',
      '                secretKeyRef:',
      '                  name: smtp-credentials',
      '                  key: username',
      '',
    ].join('\n');
    const c = one(src, 'k8s/deploy.yaml');
    assert.match(c.label, /Deployment web container app/);
    assert.equal(c.port?.value, 25);
    assert.equal(c.port?.site.style, 'yaml-namevalue');
    assert.equal(at(src, c.port), '"25"');
    assert.equal(at(src, c.port, 'key'), 'SMTP_PORT');
    assert.equal(at(src, c.port, 'entry'), '            - name: SMTP_PORT\n              value: "25"\n');
    assert.equal(c.port?.site.indent, '            ');
    const u = c.credentials.user;
    assert.ok(u);
    assert.equal(u.kind, 'unknown');
    assert.equal(u.value, undefined);
    assert.equal(u.text, 'secretKeyRef smtp-credentials/username');
    assert.equal(lineOf(src, u.site.value.start), 20);
  });

  test('ConfigMap data, Secret data (base64) and stringData', () => {
    const src = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: mail',
      'data:',
      '  SMTP_HOST: "smtp.example.com"',
      '  SMTP_PORT: "587"',
      '  SMTP_SECURE: "true"',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: mail-secret',
      'data:',
      `  SMTP_PORT: ${Buffer.from('465').toString('base64')}`,
      `  SMTP_SECURE: ${Buffer.from('false').toString('base64')}`,
      'stringData:',
      '  EMAIL_HOST: smtp.example.org',
      '',
    ].join('\n');
    const cs = configs(src, 'k8s/cm.yaml');
    const cm = cs.find((c) => /ConfigMap mail data/.test(c.label));
    const sec = cs.find((c) => /Secret mail-secret data/.test(c.label));
    assert.ok(cm && sec, cs.map((c) => c.label).join('; '));
    assert.equal(cm.port?.value, 587);
    assert.equal(sec.port?.value, 465, 'base64 decoded');
    assert.equal(at(src, sec.port), Buffer.from('465').toString('base64'), 'site is the encoded token');
    assert.equal(lineOf(src, sec.implicitTls!.site.value.start), 16);
  });

  test('embedded application.yml in a ConfigMap: spans map back into the file', () => {
    const src = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: app-config',
      'data:',
      '  LOG_LEVEL: "info"',
      '  application.yml: |',
      '    spring:',
      '      mail:',
      '        host: smtp.example.com',
      '        port: 465',
      '        username: mailer',
      '        properties:',
      '          mail.smtp.auth: true',
      '          mail.smtp.ssl.enable: false',
      '          mail.smtp.ssl.trust: "*"',
      '',
    ].join('\n');
    const c = one(src, 'k8s/cm.yaml');
    assert.equal(c.dialect, 'spring');
    assert.equal(at(src, c.port), '465');
    assert.equal(lineOf(src, c.port!.site.value.start), 11);
    assert.equal(at(src, c.implicitTls), 'false');
    assert.equal(lineOf(src, c.implicitTls!.site.value.start), 15);
    assert.equal(c.implicitTls?.value, false);
    assert.equal(c.verifyCert?.value, false);
    assert.equal(at(src, c.verifyCert), '"*"');
    assert.equal(c.effective.tlsMode, 'none');
  });

  test('embedded application.properties', () => {
    const src = 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\ndata:\n  application.properties: |\n    spring.mail.host=smtp.example.com\n    spring.mail.port=587\n    spring.mail.properties.mail.smtp.starttls.enable=true\n';
    const c = one(src, 'k8s/cm.yaml');
    assert.equal(c.port?.value, 587);
    assert.equal(at(src, c.starttls), 'true');
    assert.equal(c.effective.tlsMode, 'starttls-opportunistic');
  });

  test('kind: List items are read like documents', () => {
    const src = [
      'apiVersion: v1',
      'items:',
      '- apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata:',
      '    name: a',
      '  data:',
      '    SMTP_HOST: "smtp.example.com"',
      '    SMTP_PORT: "465"',
      '    SMTP_SECURE: "false"',
      'kind: List',
      '',
    ].join('\n');
    const c = one(src, 'big.yaml');
    assert.match(c.label, /ConfigMap a data/);
    assert.equal(lineOf(src, c.implicitTls!.site.value.start), 10);
  });
});

describe('Spring application.yml', () => {
  test('nested properties map', () => {
    const src = [
      'server:',
      '  port: 8080',
      'spring:',
      '  mail:',
      '    host: smtp.example.com',
      '    port: 587',
      '    username: mailer',
      '    password: ${MAIL_PASSWORD:changeme}',
      '    properties:',
      '      mail:',
      '        smtp:',
      '          auth: true',
      '          starttls:',
      '            enable: true',
      '            required: true',
      '',
    ].join('\n');
    const c = one(src, 'src/main/resources/application.yml');
    assert.equal(c.dialect, 'spring');
    assert.equal(c.host?.value, 'smtp.example.com');
    assert.equal(c.port?.value, 587);
    assert.equal(c.starttls?.value, true);
    assert.equal(c.requireTls?.value, true);
    assert.equal(at(src, c.requireTls), 'true');
    assert.equal(at(src, c.requireTls, 'key'), 'required');
    assert.deepEqual(c.requireTls?.site.keyPath, ['spring', 'mail', 'properties', 'mail', 'smtp', 'starttls', 'required']);
    assert.equal(c.effective.tlsMode, 'starttls-required');
    assert.equal(c.credentials.password?.kind, 'env');
    assert.equal(c.credentials.password?.envVar, 'MAIL_PASSWORD');
    assert.equal(c.credentials.password?.text, '***');
    assert.ok(c.extras['mail.smtp.auth']);
  });

  test('flat dotted keys and every spelling of the JavaMail keys', () => {
    const flat = 'spring.mail.host: smtp.example.com\nspring.mail.port: 465\nspring.mail.properties.mail.smtp.ssl.enable: true\n';
    const a = one(flat, 'application.yml');
    assert.equal(a.port?.value, 465);
    assert.equal(a.effective.tlsMode, 'implicit');
    assert.equal(at(flat, a.port, 'key'), 'spring.mail.port');

    const mixed = 'spring:\n  mail.host: smtp.example.com\n  mail:\n    port: 587\n    properties: {"mail.smtp.starttls.enable": true, mail.smtp.ssl.protocols: "TLSv1 TLSv1.1"}\n';
    const b = one(mixed, 'application.yml');
    assert.equal(b.host?.value, 'smtp.example.com');
    assert.equal(b.starttls?.value, true);
    assert.equal(b.starttls?.site.inline, true);
    assert.equal(b.minTlsVersion?.value, 'TLSv1');
    assert.equal(b.minTlsVersion?.text, 'TLSv1 TLSv1.1');
    assert.equal(b.effective.tlsMode, 'starttls-opportunistic');

    const bracket = 'spring:\n  mail:\n    host: smtp.example.com\n    port: 465\n    properties:\n      "[mail.smtp.ssl.enable]": "true"\n      "[mail.smtp.ssl.checkserveridentity]": false\n';
    const c = one(bracket, 'application.yml');
    assert.equal(c.implicitTls?.value, true);
    assert.equal(at(bracket, c.implicitTls, 'key'), '"[mail.smtp.ssl.enable]"');
    assert.equal(c.verifyCert?.value, false);
    assert.equal(c.effective.tlsMode, 'implicit');
  });

  test('protocol smtps, spring.mail.ssl.enabled and JavaMail defaults', () => {
    const smtps = one('spring:\n  mail:\n    host: smtp.example.com\n    protocol: smtps\n', 'application.yml');
    assert.equal(smtps.effective.tlsMode, 'implicit');
    assert.equal(smtps.effective.port, 465);
    assert.equal(smtps.implicitTls?.value, true);
    assert.equal(smtps.implicitTls?.text, 'smtps');

    const boot = one('spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    ssl:\n      enabled: true\n', 'application.yml');
    assert.equal(boot.effective.tlsMode, 'implicit');
    assert.equal(boot.implicitTls?.key, 'spring.mail.ssl.enabled');

    const bare = one('spring:\n  mail:\n    host: smtp.example.com\n    username: u\n', 'application.yml');
    assert.equal(bare.effective.tlsMode, 'none');
    assert.equal(bare.effective.port, 25);

    const off = one('spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    username: u\n    properties:\n      mail.smtp.starttls.enable: false\n', 'application.yml');
    assert.equal(off.effective.tlsMode, 'none');
    assert.equal(off.ignoreTls?.value, true);
    assert.equal(off.starttls?.value, false);

    // JavaMail reads only "true" as true; properties under another protocol prefix are ignored.
    const ignored = one('spring:\n  mail:\n    host: h.example.com\n    port: 465\n    protocol: smtp\n    properties:\n      mail.smtps.ssl.enable: true\n', 'application.yml');
    assert.equal(ignored.effective.tlsMode, 'none');
    assert.ok(ignored.extras['mail.smtps.ssl.enable']);

    const unknown = one('spring:\n  mail:\n    host: h.example.com\n    port: 465\n    properties:\n      mail.smtp.ssl.enable: ${MAIL_SSL}\n', 'application.yml');
    assert.equal(unknown.effective.tlsMode, 'unknown');
    assert.equal(unknown.implicitTls?.kind, 'env');
  });

  test('legacy socketFactory.class SSLSocketFactory means implicit TLS; trust-all factories disable verification', () => {
    const src = 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 465\n    properties:\n      mail.smtp.socketFactory.port: 465\n      mail.smtp.socketFactory.class: javax.net.ssl.SSLSocketFactory\n      mail.smtp.socketFactory.fallback: false\n';
    const c = one(src, 'application.yml');
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(c.implicitTls?.value, true);
    assert.equal(at(src, c.implicitTls), 'javax.net.ssl.SSLSocketFactory');
    const dummy = one('spring:\n  mail:\n    host: h.example.com\n    port: 465\n    properties:\n      mail.smtp.ssl.enable: true\n      mail.smtp.ssl.socketFactory.class: com.example.DummySSLSocketFactory\n', 'application.yml');
    assert.equal(dummy.verifyCert?.value, false);
  });

  test('multi-profile documents give one config per document', () => {
    const src = [
      'spring:',
      '  mail:',
      '    host: smtp.example.com',
      '    port: 587',
      '---',
      'spring:',
      '  config:',
      '    activate:',
      '      on-profile: prod',
      '  mail:',
      '    host: smtp.prod.example.com',
      '    port: 465',
      '    properties:',
      '      mail.smtp.ssl.enable: false',
      '',
    ].join('\n');
    const cs = configs(src, 'application.yml');
    assert.equal(cs.length, 2);
    assert.equal(cs[0].port?.value, 587);
    assert.match(cs[1].label, /profile prod/);
    assert.equal(cs[1].port?.value, 465);
    assert.equal(lineOf(src, cs[1].implicitTls!.site.value.start), 14);
    assert.notEqual(cs[0].id, cs[1].id);
  });

  test('mail.smtp.port is used when spring.mail.port is not set', () => {
    const src = 'spring:\n  mail:\n    host: h.example.com\n    properties:\n      mail.smtp.port: 465\n      mail.smtp.starttls.enable: true\n';
    const c = one(src, 'application.yml');
    assert.equal(c.port?.value, 465);
    assert.equal(at(src, c.port, 'key'), 'mail.smtp.port');
    assert.equal(c.effective.port, 465);
    const both = one('spring:\n  mail:\n    host: h.example.com\n    port: 587\n    properties:\n      mail.smtp.port: 465\n', 'application.yml');
    assert.equal(both.port?.value, 587);
  });

  test('Spring settings nested in Helm values', () => {
    const src = 'replicaCount: 2\nconfig:\n  spring:\n    mail:\n      host: smtp.example.com\n      port: 587\n      properties:\n        mail.smtp.ssl.enable: true\n';
    const c = one(src, 'chart/values.yaml');
    assert.equal(c.dialect, 'spring');
    assert.equal(c.implicitTls?.value, true);
    assert.equal(at(src, c.implicitTls), 'true');
  });

  test('app.mail.* and spring.mail without SMTP settings stay silent', () => {
    assert.equal(configs('app:\n  mail:\n    from: noreply@example.com\n    templates-dir: classpath:/templates\n', 'application.yml').length, 0);
    assert.equal(configs('spring:\n  mail:\n    default-encoding: UTF-8\n', 'application.yml').length, 0);
  });
});

describe('CI and app configs', () => {
  test('GitHub Actions env at workflow, job and step level; ${{ secrets.X }} is env', () => {
    const src = [
      'on: push',
      'env:',
      '  SMTP_HOST: smtp.example.com',
      'jobs:',
      '  notify:',
      '    runs-on: ubuntu-latest',
      '    env:',
      '      SMTP_PORT: 25',
      '      SMTP_USER: ${{ secrets.SMTP_USER }}',
      '    steps:',
      '      - run: ./send.sh',
      '        env:',
      '          MAIL_PORT: 465',
      '          MAIL_SECURE: false',
      '',
    ].join('\n');
    const cs = configs(src, '.github/workflows/notify.yml');
    const job = cs.find((c) => c.label.startsWith('job notify') && !/step/.test(c.label));
    const step = cs.find((c) => /job notify step 1/.test(c.label));
    assert.ok(job && step, cs.map((c) => c.label).join('; '));
    assert.equal(job.port?.value, 25);
    assert.equal(job.credentials.user?.kind, 'env');
    assert.equal(step.port?.value, 465);
  });

  test('GitLab CI variables (plain and {value, description})', () => {
    const src = 'variables:\n  SMTP_HOST: smtp.example.com\n  SMTP_PORT:\n    value: "465"\n    description: port\n  SMTP_SECURE: "false"\n';
    const c = one(src, '.gitlab-ci.yml');
    assert.equal(c.port?.value, 465);
    assert.equal(at(src, c.port), '"465"');
    assert.equal(at(src, c.port, 'key'), 'SMTP_PORT');
  });

  test('Ghost-style mail config → ghost dialect', () => {
    const src = 'url: https://blog.example.com\nmail:\n  transport: SMTP\n  options:\n    host: smtp.example.com\n    port: 465\n    secure: false\n    auth:\n      user: postmaster@example.com\n      pass: hunter2hunter2\n';
    const c = one(src, 'config.production.yml');
    assert.equal(c.dialect, 'ghost');
    assert.equal(c.port?.value, 465);
    assert.equal(at(src, c.implicitTls), 'false');
    assert.equal(c.credentials.password?.text, '***');
  });

  test('Grafana Helm values grafana.ini smtp → GF_SMTP_* keys', () => {
    const src = 'grafana.ini:\n  smtp:\n    enabled: true\n    host: smtp.example.com:587\n    skip_verify: true\n';
    const c = one(src, 'values.yaml');
    assert.equal(c.dialect, 'grafana');
    assert.equal(at(src, c.verifyCert), 'true');
  });
});

describe('server-side YAML stays silent', () => {
  test('MTA and mail catcher containers: ports and relay settings are not client settings', () => {
    const src = [
      'services:',
      '  postfix:',
      '    image: boky/postfix:latest',
      '    ports:',
      '      - "25:25"',
      '      - "587:587"',
      '      - "465:465"',
      '    environment:',
      '      RELAYHOST: "[smtp.sendgrid.net]:587"',
      '      RELAYHOST_USERNAME: apikey',
      '      ALLOWED_SENDER_DOMAINS: example.com',
      '      SMTP_PORT: 25',
      '  mailhog:',
      '    image: mailhog/mailhog',
      '    ports: ["1025:1025", "8025:8025"]',
      '    environment:',
      '      MH_SMTP_BIND_ADDR: 0.0.0.0:1025',
      '  mailserver:',
      '    image: ghcr.io/docker-mailserver/docker-mailserver:latest',
      '    environment:',
      '      - SMTP_ONLY=1',
      '      - RELAY_PORT=587',
      '',
    ].join('\n');
    const r = read(src);
    assert.deepEqual(r.configs, []);
    assert.deepEqual(r.globals, []);
    assert.deepEqual(r.problems, []);
  });

  test('Services and Ingresses with port numbers', () => {
    const src = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: smtp',
      'spec:',
      '  ports:',
      '    - name: smtp',
      '      port: 25',
      '      targetPort: 2525',
      '    - name: submission',
      '      port: 587',
      '---',
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: mail',
      'spec:',
      '  rules:',
      '    - host: mail.example.com',
      '      http:',
      '        paths:',
      '          - backend:',
      '              service:',
      '                name: smtp',
      '                port:',
      '                  number: 465',
      '',
    ].join('\n');
    assert.deepEqual(configs(src, 'k8s/svc.yaml'), []);
  });

  test('image classification', () => {
    for (const i of ['boky/postfix', 'boky/postfix:v4.0.0', 'mailhog/mailhog:latest', 'axllent/mailpit', 'namshi/smtp', 'ghcr.io/docker-mailserver/docker-mailserver:13', 'mailu/postfix:2.0', 'juanluisbaptiste/postfix']) assert.equal(isServerImage(i), true, i);
    for (const i of ['ghcr.io/acme/mailer-api:1.2.3', 'ghost:5', 'grafana/grafana', 'node:20', 'ghcr.io/acme/notify-worker:1.0.0', undefined]) assert.equal(isServerImage(i), false, String(i));
  });
});

describe('bad input', () => {
  test('syntax error: a problem with a span, and results from the documents that parse', () => {
    const src = 'services:\n  api:\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 465\n      SMTP_SECURE: "false"\n---\nfoo: [unclosed\n  bar: : :\nmail: smtp\n';
    const r = read(src);
    assert.ok(r.problems.length >= 1, 'a problem is reported');
    assert.ok(r.problems.every((p) => p.span && p.span.start >= 0 && p.span.end <= src.length && p.span.start <= p.span.end));
    assert.ok(r.problems[0].span!.start > src.indexOf('---'), 'the problem points into the broken document');
    assert.equal(r.configs.length, 1);
    assert.equal(r.configs[0].port?.value, 465);
  });

  test('Helm templates: no syntax-error noise, template values are expressions', () => {
    const src = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "app.fullname" . }}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          env:',
      '            {{- if .Values.smtp.enabled }}',
      '            - name: SMTP_PORT',
      '              value: "{{ .Values.smtp.port }}"',
      '            - name: SMTP_SECURE',
      '              value: "false"',
      '            {{- end }}',
      '',
    ].join('\n');
    const r = read(src, 'chart/templates/deployment.yaml');
    assert.deepEqual(r.problems, []);
    for (const c of r.configs) assert.notEqual(c.port?.kind, 'literal');
    // A GitHub Actions expression is not a template: real syntax errors are still reported.
    assert.ok(read('on: push\njobs:\n  a:\n    env:\n      SMTP_PASS: ${{ secrets.P }}\n      SMTP_PORT: [\n', '.github/workflows/a.yml').problems.length > 0);
  });

  test('tabs, binary noise, deep nesting, huge single line: no throw', () => {
    const inputs = [
      '\tservices:\n\t\tapi: smtp',
      '\u0000\u0001smtp\u0002: \uFFFD',
      '['.repeat(5000) + 'smtp',
      '{a: '.repeat(2000) + 'smtp',
      'SMTP_HOST: ' + 'x'.repeat(200000),
      '\uFEFFservices:\r\n  api:\r\n    environment:\r\n      SMTP_PORT: 465\r\n      SMTP_SECURE: "false"\r\n      SMTP_HOST: a.example.com\r\n',
      'a: &a\n  b: *a\n  smtp: 1\nc: *a\n',
    ];
    for (const s of inputs) {
      const r = read(s);
      assert.ok(Array.isArray(r.configs));
    }
    const crlf = read(inputs[5]).configs[0];
    assert.equal(crlf.port?.value, 465);
    assert.equal(inputs[5].slice(crlf.implicitTls!.site.value.start, crlf.implicitTls!.site.value.end), '"false"');
    assert.ok(read(inputs[5]).configs[0].implicitTls!.site.entry.end <= inputs[5].length);
  });
});

describe('prefilter and suppressions', () => {
  test('mayContainMail', () => {
    assert.equal(mayContainMail('services:\n  db:\n    image: postgres\n'), false);
    assert.equal(mayContainMail('env:\n  SMTP_HOST: x\n'), true);
    assert.equal(mayContainMail('spring:\n  mail:\n    host: x\n'), true);
    assert.equal(mayContainMail('env:\n  NODE_TLS_REJECT_UNAUTHORIZED: "0"\n'), true);
  });

  test('a file without mail words is not parsed, but suppressions are still read', () => {
    const r = read('# mail-config-lint-disable\nfoo: [\n');
    assert.deepEqual(r.problems, []);
    assert.ok(r.suppressions.file.has('*'));
  });

  test('next-line suppression comments', () => {
    const src = 'services:\n  api:\n    environment:\n      # mail-config-lint-disable-next-line implicit-tls-port-without-tls\n      SMTP_PORT: 465\n      SECRET: "a#mail-config-lint-disable"\n';
    const r = read(src);
    assert.deepEqual([...(r.suppressions.lines.get(4) ?? [])], ['implicit-tls-port-without-tls']);
    assert.equal(r.suppressions.file.size, 0, 'a # inside a scalar is not a comment');
  });
});
