// The Java .properties reader (Spring Boot application*.properties): keys and placeholders, the same
// Spring/JavaMail meaning as application.yml, and property tests (never throws, spans in range, fix-all
// idempotent) on arbitrary and generated near-valid files.
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { propertiesReader, propertySegments } from '../../server/src/readers/properties/index';
import { springPlaceholder, resolveSpringPlaceholder } from '../../server/src/semantics/spring-placeholder';
import { fixAll, lintText } from '../../server/src/engine';
import { assertConfigSites } from './readResult';

const RUNS = process.env.CI ? 5000 : 500;
const env = (vars: Record<string, string>) => ({ get: (_f: string, n: string) => (n in vars ? { value: vars[n], ref: { file: '/w/.env', span: { start: 0, end: 1 } } } : undefined) });

describe('Spring placeholders (PropertyPlaceholderHelper: ${name:default})', () => {
  it('parses a whole placeholder with and without a default, nested defaults, and rejects the rest', () => {
    assert.deepEqual(springPlaceholder('${SMTP_PORT:587}'), { name: 'SMTP_PORT', fallback: '587' });
    assert.deepEqual(springPlaceholder(' ${MAIL_PASSWORD} '), { name: 'MAIL_PASSWORD' });
    assert.deepEqual(springPlaceholder('${A:${B:x}}'), { name: 'A', fallback: '${B:x}' });
    assert.deepEqual(springPlaceholder('${HOST:}'), { name: 'HOST', fallback: '' });
    assert.equal(springPlaceholder('smtp.${DOMAIN}'), undefined);
    assert.equal(springPlaceholder('${A}${B}'), undefined);
    assert.equal(springPlaceholder('${}'), undefined);
  });
  it('resolves from the environment first, then the default', () => {
    const look = (vars: Record<string, string>) => (n: string) => vars[n];
    assert.equal(resolveSpringPlaceholder({ name: 'P', fallback: '587' }, look({ P: '465' }), (v) => v).value, '465');
    assert.equal(resolveSpringPlaceholder({ name: 'P', fallback: '587' }, look({}), (v) => v).value, '587');
    assert.equal(resolveSpringPlaceholder({ name: 'A', fallback: '${B:x}' }, look({ B: 'y' }), (v) => v).value, 'y');
    assert.equal(resolveSpringPlaceholder({ name: 'P' }, look({}), (v) => v).value, undefined);
  });
});

describe('.properties reader', () => {
  it('splits bracket keys into segments', () => {
    assert.deepEqual(propertySegments('spring.mail.properties[mail.smtp.auth]'), ['spring', 'mail', 'properties', '[mail.smtp.auth]']);
  });
  it('reads spring.mail.* with JavaMail semantics: ssl.enable on 465 → implicit; separators, escapes, bracket keys', () => {
    const text = '# mail\nspring.mail.host = smtp.example.com\nspring.mail.port: 465\nspring.mail.properties[mail.smtp.ssl.enable]=true\nspring.mail.username=app\nspring.mail.password=${MAIL_PASSWORD}\nserver.port=8080\n';
    const r = propertiesReader.read('/w/src/main/resources/application.properties', text, {});
    assert.equal(r.configs.length, 1);
    const c = r.configs[0];
    assert.equal(c.dialect, 'spring');
    assert.equal(c.format, 'properties');
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(c.port?.value, 465);
    assert.equal(c.host?.value, 'smtp.example.com');
    assert.equal(c.credentials.password?.text, '***');
    assert.equal(c.credentials.passwordIsLiteral, false);
    assert.equal(text.slice(c.port!.site.value.start, c.port!.site.value.end), '465');
    assert.equal(c.label, 'application.properties (Spring)');
  });
  it('resolves ${SMTP_PORT:587} from the workspace env, else uses the default', () => {
    const text = 'spring.mail.host=smtp.example.com\nspring.mail.port=${SMTP_PORT:587}\nspring.mail.properties.mail.smtp.starttls.enable=true\nspring.mail.properties.mail.smtp.starttls.required=true\n';
    const a = propertiesReader.read('/w/application-prod.properties', text, {}).configs[0];
    assert.equal(a.port?.value, 587);
    assert.equal(a.port?.kind, 'env');
    assert.equal(a.port?.envVar, 'SMTP_PORT');
    assert.equal(a.label, 'application-prod.properties (Spring, profile prod)');
    const b = propertiesReader.read('/w/application.properties', text, { env: env({ SMTP_PORT: '465' }) }).configs[0];
    assert.equal(b.port?.value, 465);
    assert.equal(b.port?.resolvedFrom?.file, '/w/.env');
  });
  it('ignores files without spring.mail and other prefixes (decoys: datasource SSL, server SSL)', () => {
    assert.equal(propertiesReader.mayContainMail('spring.datasource.url=jdbc:postgresql://db/x?ssl=true\n'), false);
    const r = propertiesReader.read('/w/application.properties', 'server.ssl.enabled=false\nspring.datasource.hikari.ssl=false\nspring.mail.default-encoding=UTF-8\n', {});
    assert.equal(r.configs.length, 0);
  });
  it('lints through the engine with fixes written as properties lines', () => {
    const text = 'spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.starttls.enable=true\n';
    const out = fixAll('/w/application.properties', text, {}, false).text;
    assert.match(out, /^spring\.mail\.properties\.mail\.smtp\.ssl\.enable=true$/m);
    assert.equal(lintText('/w/application.properties', out, {}).findings.filter((f) => f.ruleId === 'implicit-tls-port-without-tls').length, 0);
  });
});

function check(text: string): void {
  for (const e of [{}, { env: env({ SMTP_PORT: '465', MAIL_PASSWORD: 'x' }) }]) {
    const r = propertiesReader.read('/w/application.properties', text, e);
    assertConfigSites(r, text);
  }
}

test('never throws on arbitrary text (any code units)', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }).map((s) => 'spring.mail.' + s), (s) => check(s)), { numRuns: RUNS });
});

const KEYS = ['spring.mail.host', 'spring.mail.port', 'spring.mail.protocol', 'spring.mail.username', 'spring.mail.password', 'spring.mail.ssl.enabled',
  'spring.mail.properties.mail.smtp.ssl.enable', 'spring.mail.properties.mail.smtp.starttls.enable', 'spring.mail.properties.mail.smtp.starttls.required',
  'spring.mail.properties[mail.smtp.ssl.trust]', 'spring.mail.properties.mail.smtps.auth', 'spring.mail.properties.mail.debug', 'spring.datasource.url'];
const VALUES = ['465', '587', '25', '', 'true', 'false', 'smtps', 'smtp', '*', 'smtp.example.com', '${SMTP_PORT:587}', '${MAIL_PASSWORD}', '${A:${B:1}}', 'x\\', '\\u0041', 'TLSv1'];
const line = fc.oneof(
  fc.record({ k: fc.constantFrom(...KEYS), sep: fc.constantFrom('=', ' = ', ': ', ' '), v: fc.constantFrom(...VALUES), ind: fc.constantFrom('', '  ') }).map(({ k, sep, v, ind }) => `${ind}${k}${sep}${v}`),
  fc.constantFrom('# comment', '! comment', '', '   '),
);
const file = fc.array(line, { maxLength: 12 }).chain((ls) => fc.constantFrom('\n', '\r\n').map((eol) => ls.join(eol) + eol));

test('generated near-valid application.properties: reads stay in range, fix-all is idempotent', () => {
  fc.assert(
    fc.property(file, (text) => {
      check(text);
      const once = fixAll('/w/application.properties', text, {}, false).text;
      check(once);
      assert.equal(fixAll('/w/application.properties', once, {}, false).text, once, 'fix-all twice = once');
    }),
    { numRuns: Math.round(RUNS / 5) },
  );
});
