// The .NET configuration reader (appsettings*.json, JSON with comments): which files it reads, what it finds, and
// property tests — it never throws and every span lies inside the text, on arbitrary strings, on half-typed
// versions of real appsettings sections and on 1 MB inputs; fixes render inside the text.
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../server/src/register';
import { jsonReader } from '../../server/src/readers/json/index';
import { formatOf } from '../../server/src/readers/index';
import { EnvIndex, fixTextEdits, lintText } from '../../server/src/engine';
import { spansOf } from './readResult';

const numRuns = process.env.CI ? 2000 : 300;

const SNIPPETS = [
  '{\n  // SMTP\n  "MailSettings": {\n    "Host": "smtp.example.com",\n    "Port": 465,\n    "SecureSocketOptions": "StartTls",\n    "Username": "me",\n    "Password": "hunter2hunter2",\n  },\n}\n',
  '{\n  "Email": { "Smtp": { "SmtpServer": "smtp.example.com", "SmtpPort": "587", "EnableSsl": true, "SecureSocketOptions": "SslOnConnect" } },\n  "ConnectionStrings": { "Db": "Server=db;Port=5432" }\n}\n',
];

const check = (text: string, file: string) => {
  const r = lintText(file, text);
  if (r.read) for (const s of spansOf(r.read)) assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end, `span ${JSON.stringify(s)}`);
  for (const f of r.findings) for (const fix of f.fixes) for (const e of fixTextEdits(text, fix)) assert.ok(e.span.start >= 0 && e.span.end <= text.length);
  return r;
};

describe('appsettings reader', () => {
  it('reads appsettings*.json (any case) and secrets.json, no other JSON', () => {
    assert.equal(formatOf('/p/appsettings.json'), 'json');
    assert.equal(formatOf('/p/src/Api/appsettings.Development.json'), 'json');
    assert.equal(formatOf('/p/AppSettings.json'), 'json');
    assert.equal(formatOf('/p/secrets.json'), 'json');
    assert.equal(formatOf('/p/package.json'), undefined);
    assert.equal(formatOf('/p/tsconfig.json'), undefined);
    assert.equal(formatOf('/p/appsettings.json.bak'), undefined);
  });

  it('finds the section, its fields by role (keys in any case) and the mode from SecureSocketOptions', () => {
    const r = jsonReader.read('/p/appsettings.json', SNIPPETS[1], {});
    assert.equal(r.configs.length, 1);
    const c = r.configs[0];
    assert.equal(c.dialect, 'mailkit');
    assert.equal(c.label, 'Email:Smtp section');
    assert.equal(c.host?.value, 'smtp.example.com');
    assert.equal(c.port?.value, '587');
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(c.effective.port, 587);
    assert.equal(c.extras.EnableSsl?.value, true);
  });

  it('keeps EnableSsl alone as unknown (its meaning depends on the consuming library) and never shows the password', () => {
    const r = jsonReader.read('/p/appsettings.json', '{ "Smtp": { "Host": "h", "Port": 465, "EnableSsl": true, "Password": "hunter2hunter2" } }', {});
    const c = r.configs[0];
    assert.equal(c.dialect, 'dotnet-config');
    assert.equal(c.effective.tlsMode, 'unknown');
    assert.equal(c.credentials.password?.text, '***');
    assert.equal(c.credentials.password?.value, undefined);
    assert.equal(c.credentials.passwordIsLiteral, true);
  });

  it('an environment override (Smtp__Port, any of the usual spellings) wins over the JSON value', () => {
    const env = new EnvIndex();
    env.set('/p/.env', { SMTP__PORT: { value: '2525', ref: { file: '/p/.env', span: { start: 0, end: 16 } } } });
    const c = jsonReader.read('/p/appsettings.json', '{ "Smtp": { "Host": "h", "Port": 465 } }', { env }).configs[0];
    assert.equal(c.port?.kind, 'env');
    assert.equal(c.port?.envVar, 'SMTP__PORT');
    assert.equal(c.port?.value, '2525');
    assert.equal(c.port?.resolvedFrom?.file, '/p/.env');
  });

  it('reports broken JSON as problems and still reads what it can', () => {
    const r = lintText('/p/appsettings.json', '{ "Smtp": { "Host": "h", "Port": 465, "SecureSocketOptions": "None" ');
    assert.ok(r.problems.length > 0 && /JSON/.test(r.problems[0].message));
    assert.equal(r.findings.filter((f) => f.ruleId === 'implicit-tls-port-without-tls').length, 1);
  });

  it('honours suppression comments', () => {
    const code = '{\n  "Smtp": {\n    "Port": 465,\n    // mail-config-lint-disable-next-line implicit-tls-port-without-tls\n    "SecureSocketOptions": "None"\n  }\n}\n';
    assert.equal(lintText('/p/appsettings.json', code).findings.filter((f) => f.ruleId === 'implicit-tls-port-without-tls').length, 0);
  });
});

test('arbitrary text never throws', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void jsonReader.read('/w/appsettings.json', `{ "Smtp": ${s}`, {})), { numRuns });
});

test('half-typed appsettings never throw, spans stay inside, fixes render inside', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SNIPPETS), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (src, a, b, junk) => {
      const i = a % (src.length + 1);
      const j = Math.min(src.length, i + (b % 12));
      check(src.slice(0, i) + junk + src.slice(j), '/w/appsettings.json');
    }),
    { numRuns },
  );
});

test('1 MB inputs are read without a crash (behaviour, not time)', () => {
  // 1 MB of ordinary settings with an SMTP section every 100 entries
  const section = '"Smtp": { "Host": "smtp.example.com", "Port": 465, "SecureSocketOptions": "StartTls" }';
  const other = '"Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } }';
  const n = Math.ceil(1_000_000 / (other.length + 12));
  const big = '{\n' + Array.from({ length: n }, (_, i) => `"S${i}": { ${i % 100 === 0 ? section : other} }`).join(',\n') + '\n}\n';
  assert.equal(check(big, '/w/appsettings.json').read?.configs.length, Math.ceil(n / 100));
  const deep = '{ "Smtp": ' + '{ "a": '.repeat(100_000);
  assert.ok(check(deep, '/w/appsettings.json').read);
  const huge = '{ "Smtp": "' + 'x'.repeat(2_100_000) + '" }';
  assert.match(lintText('/w/appsettings.json', huge).problems[0]?.message ?? '', /larger than/);
});
