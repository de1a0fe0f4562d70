import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import '../../server/src/register';
import { yamlReader } from '../../server/src/readers/yaml/index';
import { renderEdits } from '../../server/src/fixes/render';
import { express } from '../../server/src/fixes/intents';
import type { Intent } from '../../server/src/fixes/intents';
import { applyTextEdits } from '../../server/src/model/textEdits';
import type { Field, FieldEdit, SmtpConfig } from '../../server/src/model/types';

function cfgOf(src: string, file = 'docker-compose.yml', i = 0): SmtpConfig {
  const r = yamlReader.read(file, src, {});
  assert.ok(r.configs[i], `no config ${i}; problems ${JSON.stringify(r.problems)}`);
  return r.configs[i];
}
function apply(src: string, edits: FieldEdit[]): string {
  return applyTextEdits(src, renderEdits(src, edits));
}
function field(cfg: SmtpConfig, key: string): Field {
  const all: (Field | undefined)[] = [cfg.host, cfg.port, cfg.implicitTls, cfg.starttls, cfg.requireTls, cfg.ignoreTls, cfg.verifyCert, cfg.minTlsVersion, cfg.credentials.user, ...Object.values(cfg.extras)];
  const f = all.find((x) => x && x.key === key);
  assert.ok(f, `field ${key} not found`);
  return f;
}
const L = (...lines: string[]) => lines.join('\n') + '\n';
/** Applies the edits the expressers give for `intent` on the first config of `src`. */
function run(src: string, intent: Intent, file = 'application.yml'): string {
  const edits = express(cfgOf(src, file), intent);
  assert.ok(edits, 'no edits');
  return apply(src, edits);
}

const composeMap = L(
  'services:',
  '  api:',
  '    environment:',
  '      SMTP_HOST: smtp.example.com',
  '      SMTP_PORT: 465',
  '      SMTP_SECURE: false',
  "      SMTP_USER: 'apikey'",
  '    depends_on:',
  '      - db',
);

describe('yaml-map', () => {
  test('set keeps plain booleans plain, keeps quotes, quotes a string context', () => {
    const c = cfgOf(composeMap);
    assert.equal(apply(composeMap, [{ op: 'set', field: field(c, 'SMTP_SECURE'), text: 'true', type: 'boolean' }]), composeMap.replace('SMTP_SECURE: false', 'SMTP_SECURE: true'));
    assert.equal(apply(composeMap, [{ op: 'set', field: field(c, 'SMTP_PORT'), text: '587', type: 'number' }]), composeMap.replace('SMTP_PORT: 465', 'SMTP_PORT: 587'));
    assert.equal(apply(composeMap, [{ op: 'set', field: field(c, 'SMTP_USER'), text: "it's", type: 'string' }]), composeMap.replace("'apikey'", "'it''s'"));
    assert.equal(apply(composeMap, [{ op: 'set', field: field(c, 'SMTP_SECURE'), text: 'true', type: 'string' }]), composeMap.replace('SMTP_SECURE: false', 'SMTP_SECURE: "true"'));
    const str = composeMap.replace('SMTP_SECURE: false', 'SMTP_SECURE: ssl');
    assert.equal(apply(str, [{ op: 'set', field: field(cfgOf(str), 'SMTP_SECURE'), text: 'true' }]), composeMap.replace('SMTP_SECURE: false', 'SMTP_SECURE: "true"'));
    assert.equal(apply(composeMap, [{ op: 'set', field: field(c, 'SMTP_HOST'), text: 'a: b #c' }]), composeMap.replace('smtp.example.com', '"a: b #c"'));
  });

  test('set on a block scalar value keeps the following lines', () => {
    const src = 'services:\n  api:\n    environment:\n      SMTP_HOST: |\n        smtp.example.com\n      SMTP_PORT: 465\n';
    const f = field(cfgOf(src), 'SMTP_HOST');
    assert.equal(apply(src, [{ op: 'set', field: f, text: 'mail.example.com' }]), 'services:\n  api:\n    environment:\n      SMTP_HOST: mail.example.com\n      SMTP_PORT: 465\n');
  });

  test('set on an empty value', () => {
    const src = 'services:\n  api:\n    environment:\n      SMTP_HOST: h.example.com\n      SMTP_PORT: 465\n      SMTP_SECURE:\n';
    const f = field(cfgOf(src), 'SMTP_SECURE');
    assert.equal(apply(src, [{ op: 'set', field: f, text: 'true', type: 'boolean' }]), src.replace('SMTP_SECURE:\n', 'SMTP_SECURE: "true"\n'));
  });

  test('remove deletes the line; insert adds a sibling with the same indentation', () => {
    const c = cfgOf(composeMap);
    assert.equal(apply(composeMap, [{ op: 'remove', field: field(c, 'SMTP_SECURE') }]), composeMap.replace('      SMTP_SECURE: false\n', ''));
    assert.equal(
      apply(composeMap, [{ op: 'insert', after: field(c, 'SMTP_SECURE'), key: 'SMTP_REQUIRE_TLS', text: 'true', type: 'boolean' }]),
      composeMap.replace('      SMTP_SECURE: false\n', '      SMTP_SECURE: false\n      SMTP_REQUIRE_TLS: "true"\n'),
    );
    assert.equal(apply(composeMap, [{ op: 'rename', field: field(c, 'SMTP_SECURE'), key: 'SMTP_TLS' }]), composeMap.replace('SMTP_SECURE:', 'SMTP_TLS:'));
  });

  test('remove the last line of a file without a trailing newline; remove the only entry removes its parent key', () => {
    const src = 'services:\n  api:\n    environment:\n      SMTP_HOST: h.example.com\n      SMTP_PORT: 465\n      SMTP_SECURE: false';
    assert.equal(apply(src, [{ op: 'remove', field: field(cfgOf(src), 'SMTP_SECURE') }]), 'services:\n  api:\n    environment:\n      SMTP_HOST: h.example.com\n      SMTP_PORT: 465');
    const ins = apply(src, [{ op: 'insert', after: field(cfgOf(src), 'SMTP_SECURE'), key: 'SMTP_REQUIRE_TLS', text: 'true' }]);
    assert.equal(ins, src + '\n      SMTP_REQUIRE_TLS: "true"');
    const only = 'services:\n  api:\n    image: node:20\n    environment:\n      NODE_TLS_REJECT_UNAUTHORIZED: "0"\n    restart: always\n';
    const g = yamlReader.read('docker-compose.yml', only, {}).globals[0];
    assert.equal(apply(only, [{ op: 'remove', field: g.field }]), 'services:\n  api:\n    image: node:20\n    restart: always\n');
  });

  test('flow map: set, insert inline, remove with its comma', () => {
    const src = 'services:\n  api:\n    environment: {SMTP_HOST: h.example.com, SMTP_PORT: 465, SMTP_SECURE: false}\n';
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'insert', after: field(c, 'SMTP_PORT'), key: 'SMTP_REQUIRE_TLS', text: 'true' }]), src.replace('SMTP_PORT: 465', 'SMTP_PORT: 465, SMTP_REQUIRE_TLS: "true"'));
    assert.equal(apply(src, [{ op: 'remove', field: field(c, 'SMTP_SECURE') }]), src.replace(', SMTP_SECURE: false', ''));
    assert.equal(apply(src, [{ op: 'remove', field: field(c, 'SMTP_HOST') }]), src.replace('SMTP_HOST: h.example.com, ', ''));
  });

  test('CRLF files get CRLF lines; Secret data is re-encoded', () => {
    const src = 'services:\r\n  api:\r\n    environment:\r\n      SMTP_HOST: h.example.com\r\n      SMTP_PORT: 587\r\n';
    assert.equal(
      apply(src, [{ op: 'insert', after: field(cfgOf(src), 'SMTP_PORT'), key: 'SMTP_REQUIRE_TLS', text: 'true' }]),
      src + '      SMTP_REQUIRE_TLS: "true"\r\n',
    );
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const sec = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  SMTP_HOST: ${b64('h.example.com')}\n  SMTP_PORT: ${b64('465')}\n  SMTP_SECURE: ${b64('false')}\n`;
    const out = apply(sec, [{ op: 'set', field: field(cfgOf(sec, 'k8s/s.yaml'), 'SMTP_SECURE'), text: 'true' }]);
    assert.equal(out, sec.replace(b64('false'), b64('true')));
    assert.equal(cfgOf(out, 'k8s/s.yaml').implicitTls?.value, 'true');
  });
});

describe('yaml-list', () => {
  const src = L('services:', '  api:', '    environment:', '      - SMTP_HOST=h.example.com', '      - SMTP_PORT=465', '      - "SMTP_SECURE=false"', '      - SMTP_USER=mailer');
  test('set inside the item, keeping the item quotes', () => {
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'set', field: field(c, 'SMTP_SECURE'), text: 'true' }]), src.replace('"SMTP_SECURE=false"', '"SMTP_SECURE=true"'));
    assert.equal(apply(src, [{ op: 'set', field: field(c, 'SMTP_PORT'), text: '587' }]), src.replace('SMTP_PORT=465', 'SMTP_PORT=587'));
    assert.equal(apply(src, [{ op: 'set', field: field(c, 'SMTP_HOST'), text: 'a #b' }]), src.replace('- SMTP_HOST=h.example.com', '- "SMTP_HOST=a #b"'));
  });
  test('remove, insert, rename', () => {
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'remove', field: field(c, 'SMTP_SECURE') }]), src.replace('      - "SMTP_SECURE=false"\n', ''));
    assert.equal(apply(src, [{ op: 'insert', after: field(c, 'SMTP_PORT'), key: 'SMTP_REQUIRE_TLS', text: 'true' }]), src.replace('      - SMTP_PORT=465\n', '      - SMTP_PORT=465\n      - SMTP_REQUIRE_TLS=true\n'));
    assert.equal(apply(src, [{ op: 'insert', after: field(c, 'SMTP_SECURE'), key: 'SMTP_REQUIRE_TLS', text: 'true' }]), src.replace('      - "SMTP_SECURE=false"\n', '      - "SMTP_SECURE=false"\n      - "SMTP_REQUIRE_TLS=true"\n'));
    assert.equal(apply(src, [{ op: 'rename', field: field(c, 'SMTP_PORT'), key: 'MAIL_PORT' }]), src.replace('SMTP_PORT=465', 'MAIL_PORT=465'));
  });
});

describe('yaml-namevalue', () => {
  const src = L(
    'spec:',
    '  containers:',
    '    - name: app',
    '      env:',
    '        - name: SMTP_HOST',
    '          value: h.example.com',
    '        - name: SMTP_PORT',
    '          value: "465"',
    '        - name: SMTP_SECURE',
    '          value: "false"',
    '      resources: {}',
  );
  test('set keeps quotes; plain values become quoted strings when needed', () => {
    const c = cfgOf(src, 'k8s/d.yaml');
    assert.equal(apply(src, [{ op: 'set', field: field(c, 'SMTP_SECURE'), text: 'true', type: 'boolean' }]), src.replace('value: "false"', 'value: "true"'));
    const plain = src.replace('value: "false"', 'value: off-ish');
    assert.equal(apply(plain, [{ op: 'set', field: field(cfgOf(plain, 'k8s/d.yaml'), 'SMTP_SECURE'), text: 'true', type: 'boolean' }]), src.replace('value: "false"', 'value: "true"'));
  });
  test('remove deletes the whole item; insert adds a name/value item', () => {
    const c = cfgOf(src, 'k8s/d.yaml');
    assert.equal(apply(src, [{ op: 'remove', field: field(c, 'SMTP_SECURE') }]), src.replace('        - name: SMTP_SECURE\n          value: "false"\n', ''));
    assert.equal(apply(src, [{ op: 'remove', field: field(c, 'SMTP_PORT') }]), src.replace('        - name: SMTP_PORT\n          value: "465"\n', ''));
    assert.equal(
      apply(src, [{ op: 'insert', after: field(c, 'SMTP_PORT'), key: 'SMTP_REQUIRE_TLS', text: 'true', type: 'boolean' }]),
      src.replace('          value: "465"\n', '          value: "465"\n        - name: SMTP_REQUIRE_TLS\n          value: "true"\n'),
    );
    assert.equal(apply(src, [{ op: 'rename', field: field(c, 'SMTP_PORT'), key: 'MAIL_PORT' }]), src.replace('name: SMTP_PORT', 'name: MAIL_PORT'));
  });
});

describe('Spring intents (rules-research §9)', () => {
  const flat = L(
    'spring:',
    '  mail:',
    '    host: smtp.example.com',
    '    port: 465',
    '    username: mailer',
    '    properties:',
    '      mail.smtp.auth: true',
    '      mail.smtp.starttls.enable: true',
    '      mail.smtp.timeout: 5000',
  );

  test('465 → ssl.enable: true replacing starttls.enable (flat)', () => {
    const out = run(flat, { kind: 'tls-mode', mode: 'implicit' });
    assert.equal(out, flat.replace('mail.smtp.starttls.enable: true', 'mail.smtp.ssl.enable: true'));
    const c = cfgOf(out, 'application.yml');
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(express(c, { kind: 'tls-mode', mode: 'implicit' }), null, 'idempotent');
  });

  test('587 with ssl.enable (nested) → starttls.enable + starttls.required, empty ssl: map removed', () => {
    const src = L(
      'spring:',
      '  mail:',
      '    host: smtp.example.com',
      '    port: 587',
      '    properties:',
      '      mail:',
      '        smtp:',
      '          auth: true',
      '          ssl:',
      '            enable: true',
      'logging:',
      '  level: INFO',
    );
    const out = run(src, { kind: 'tls-mode', mode: 'starttls-required' });
    assert.equal(out, src.replace('          ssl:\n            enable: true\n', '          starttls.enable: true\n          starttls.required: true\n'));
    const c = cfgOf(out, 'application.yml');
    assert.equal(c.effective.tlsMode, 'starttls-required');
  });

  test('require-tls adds starttls.required next to starttls.enable (nested and bracketed)', () => {
    const nested = L('spring:', '  mail:', '    host: h.example.com', '    port: 587', '    properties:', '      mail:', '        smtp:', '          starttls:', '            enable: true', '          timeout: 5000');
    assert.equal(run(nested, { kind: 'require-tls' }), nested.replace('            enable: true\n', '            enable: true\n            required: true\n'));
    const bracket = L('spring:', '  mail:', '    host: h.example.com', '    port: 587', '    properties:', '      "[mail.smtp.starttls.enable]": true');
    assert.equal(run(bracket, { kind: 'require-tls' }), bracket + '      "[mail.smtp.starttls.required]": true\n');
    const flow = L('spring:', '  mail:', '    host: h.example.com', '    port: 587', '    properties: {mail.smtp.starttls.enable: true}');
    assert.equal(run(flow, { kind: 'require-tls' }), flow.replace('true}', 'true, mail.smtp.starttls.required: true}'));
    assert.equal(cfgOf(run(flow, { kind: 'require-tls' }), 'application.yml').effective.tlsMode, 'starttls-required');
  });

  test('verify-cert removes ssl.trust "*" and sets checkserveridentity true', () => {
    const src = L('spring:', '  mail:', '    host: h.example.com', '    port: 587', '    properties:', '      mail.smtp.starttls.enable: true', '      mail.smtp.ssl.trust: "*"', '      mail.smtp.ssl.checkserveridentity: false');
    const out = run(src, { kind: 'verify-cert' });
    assert.equal(out, src.replace('      mail.smtp.ssl.trust: "*"\n', '').replace('checkserveridentity: false', 'checkserveridentity: true'));
  });

  test('min-tls sets protocols to "TLSv1.2 TLSv1.3" keeping the quote style', () => {
    const plain = L('spring:', '  mail:', '    host: h.example.com', '    properties:', '      mail.smtp.ssl.protocols: TLSv1');
    assert.equal(run(plain, { kind: 'min-tls-1.2' }), plain.replace('protocols: TLSv1', 'protocols: TLSv1.2 TLSv1.3'));
    const quoted = plain.replace('TLSv1', '"TLSv1 TLSv1.1"');
    assert.equal(run(quoted, { kind: 'min-tls-1.2' }), plain.replace('protocols: TLSv1', 'protocols: "TLSv1.2 TLSv1.3"'));
  });

  test('port 465 → 587 switches the TLS settings to mandatory STARTTLS', () => {
    const src = flat.replace('      mail.smtp.starttls.enable: true\n', '      mail.smtp.starttls.enable: true\n      mail.smtp.ssl.enable: false\n');
    const out = run(src, { kind: 'port', port: 587 });
    assert.equal(
      out,
      src.replace('port: 465', 'port: 587').replace('      mail.smtp.ssl.enable: false\n', '').replace('mail.smtp.starttls.enable: true\n', 'mail.smtp.starttls.enable: true\n      mail.smtp.starttls.required: true\n'),
    );
    assert.equal(cfgOf(out, 'application.yml').effective.tlsMode, 'starttls-required');
  });

  test('a config without properties gets a properties.* key', () => {
    const src = L('spring:', '  mail:', '    host: h.example.com', '    port: 465');
    const out = run(src, { kind: 'tls-mode', mode: 'implicit' });
    assert.equal(out, src + '    properties.mail.smtp.ssl.enable: true\n');
    assert.equal(cfgOf(out, 'application.yml').effective.tlsMode, 'implicit');
  });

  test('SPRING_MAIL_* env form (compose)', () => {
    const src = L(
      'services:',
      '  app:',
      '    environment:',
      '      SPRING_MAIL_HOST: smtp.example.com',
      '      SPRING_MAIL_PORT: 587',
      '      SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_ENABLE: true',
      '      SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE: false',
    );
    const out = run(src, { kind: 'tls-mode', mode: 'starttls-required' }, 'docker-compose.yml');
    assert.equal(
      out,
      L(
        'services:',
        '  app:',
        '    environment:',
        '      SPRING_MAIL_HOST: smtp.example.com',
        '      SPRING_MAIL_PORT: 587',
        '      SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE: true',
        '      SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_REQUIRED: "true"',
      ),
    );
    assert.equal(cfgOf(out).effective.tlsMode, 'starttls-required');
  });
});

describe('Spring: removing every child of a nested map removes the map', () => {
  test('465 with starttls: {enable, required} nested → ssl.enable, no empty starttls:', () => {
    const src = L(
      'spring:',
      '  mail:',
      '    host: h.example.com',
      '    port: 465',
      '    properties:',
      '      mail:',
      '        smtp:',
      '          auth: true',
      '          starttls:',
      '            enable: true',
      '            required: true',
      '          ssl:',
      '            enable: false',
      '          timeout: 5000',
    );
    const out = run(src, { kind: 'tls-mode', mode: 'implicit' });
    assert.equal(out, src.replace('          starttls:\n            enable: true\n            required: true\n', '').replace('enable: false', 'enable: true'));
    assert.equal(cfgOf(out, 'application.yml').effective.tlsMode, 'implicit');
  });
});

describe('Spring: legacy socket factory', () => {
  test('587 with socketFactory.class SSLSocketFactory → STARTTLS required, factory keys removed', () => {
    const src = L(
      'spring:',
      '  mail:',
      '    host: smtp.example.com',
      '    port: 587',
      '    properties:',
      '      mail.smtp.auth: true',
      '      mail.smtp.socketFactory.port: 587',
      '      mail.smtp.socketFactory.class: javax.net.ssl.SSLSocketFactory',
      '      mail.smtp.timeout: 5000',
    );
    const out = run(src, { kind: 'tls-mode', mode: 'starttls-required' });
    assert.equal(
      out,
      L(
        'spring:',
        '  mail:',
        '    host: smtp.example.com',
        '    port: 587',
        '    properties:',
        '      mail.smtp.auth: true',
        '      mail.smtp.starttls.enable: true',
        '      mail.smtp.starttls.required: true',
        '      mail.smtp.timeout: 5000',
      ),
    );
    assert.equal(cfgOf(out, 'application.yml').effective.tlsMode, 'starttls-required');
  });
});
