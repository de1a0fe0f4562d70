// The C# reader: the tokenizer (comments, every string form, preprocessor lines), the MailKit / System.Net.Mail
// patterns, configuration reads resolved from appsettings.json and .env overrides, NuGet version detection, and
// property tests — it never throws and every span lies inside the text, on arbitrary strings, on half-typed
// versions of real code and on 1 MB inputs; fixes render inside the text.
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import '../../server/src/register';
import { csharpReader } from '../../server/src/readers/csharp/index';
import { tokenize } from '../../server/src/readers/csharp/tokens';
import { formatOf } from '../../server/src/readers/index';
import { EnvIndex, fixTextEdits, lintText } from '../../server/src/engine';
import { fsModuleLookup } from '../../server/src/fsModules';
import { findLibraryVersion } from '../../server/src/semantics/versions';
import { nugetRangeToSpec } from '../../server/src/semantics/version-detectors/nuget';
import { tmpDir, writeTree } from '../cli/helpers';
import { spansOf } from './readResult';

const numRuns = process.env.CI ? 2000 : 300;

const SNIPPETS = [
  'using MailKit.Net.Smtp;\nusing MailKit.Security;\n\nusing var client = new SmtpClient();\nclient.ServerCertificateValidationCallback = (s, c, h, e) => true;\nawait client.ConnectAsync(_config["Smtp:Host"], int.Parse(Environment.GetEnvironmentVariable("SMTP_PORT") ?? "465"), SecureSocketOptions.StartTls);\nawait client.AuthenticateAsync("me", "hunter2hunter2");\n',
  'using System.Net;\nusing System.Net.Mail;\n\nServicePointManager.SecurityProtocol = SecurityProtocolType.Tls | SecurityProtocolType.Tls11;\nvar smtp = new SmtpClient("smtp.example.com", 465)\n{\n    EnableSsl = false, // $"{x}" @"a""b"\n    Credentials = new NetworkCredential("me", $"{pw}"),\n};\nsmtp.Port = 587;\n',
];

const check = (text: string, file: string) => {
  const r = lintText(file, text);
  if (r.read) for (const s of spansOf(r.read)) assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end, `span ${JSON.stringify(s)}`);
  for (const f of r.findings) for (const fix of f.fixes) for (const e of fixTextEdits(text, fix)) assert.ok(e.span.start >= 0 && e.span.end <= text.length);
  return r;
};

describe('C# tokenizer', () => {
  it('reads every string form with its value, and skips comments and preprocessor lines', () => {
    const src = '#if DEBUG\nvar a = "x\\"y"; // c\nvar b = @"C:\\p ""q"""; /* d */ var c = $"h{1 + f("}")}t";\nvar d = """\n    raw "text"\n    """;\nvar e = \'"\';\n';
    const { tokens, comments } = tokenize(src);
    const strs = tokens.filter((t) => t.kind === 'str');
    assert.deepEqual(strs.map((t) => [t.text, t.plain]), [['x"y', true], ['C:\\p "q"', true], ['', false], ['raw "text"', true]]);
    assert.equal(comments.length, 2);
    assert.ok(!tokens.some((t) => t.text === 'DEBUG'));
    assert.equal(tokens.find((t) => t.kind === 'char')?.text, '\'"\'');
  });

  it('ends an unterminated regular string at its line, and an unterminated comment at the end', () => {
    const { tokens } = tokenize('var a = "open\nclient.Connect("h", 465);\n/* never closed');
    assert.ok(tokens.some((t) => t.text === 'Connect'));
  });
});

describe('C# reader', () => {
  it('maps .cs files to the reader and skips files without mail words', () => {
    assert.equal(formatOf('/p/src/Mailer.cs'), 'csharp');
    assert.equal(csharpReader.mayContainMail('class A { void B() { } }'), false);
  });

  it('resolves Configuration["Smtp:Port"] from the nearest appsettings.json, and an Smtp__Port .env override wins', () => {
    const dir = tmpDir('mcl-cs-');
    writeTree(dir, {
      'Api/appsettings.json': '{\n  // comments are fine\n  "Smtp": { "Host": "smtp.example.com", "PORT": 465, },\n}\n',
      'Api/Services/Mailer.cs': 'using MailKit.Net.Smtp;\nusing MailKit.Security;\nclass M { void S(SmtpClient client) {\n  client.Connect(Configuration["Smtp:Host"], int.Parse(Configuration["Smtp:Port"]), SecureSocketOptions.StartTls);\n} }\n',
    });
    const file = path.join(dir, 'Api/Services/Mailer.cs');
    const text = 'using MailKit.Net.Smtp;\nusing MailKit.Security;\nclass M { void S(SmtpClient client) {\n  client.Connect(Configuration["Smtp:Host"], int.Parse(Configuration["Smtp:Port"]), SecureSocketOptions.StartTls);\n} }\n';
    const modules = fsModuleLookup({ roots: () => [dir] });
    const r = lintText(file, text, { modules });
    const cfg = r.read!.configs[0];
    assert.equal(cfg.port?.value, 465);
    assert.equal(cfg.port?.resolvedFrom?.file, path.join(dir, 'Api/appsettings.json'));
    assert.equal(cfg.host?.value, 'smtp.example.com');
    const mismatch = r.findings.find((f) => f.ruleId === 'cross-file-port-mode-mismatch');
    assert.ok(mismatch && /appsettings|Smtp:Port=465/.test(mismatch.message), JSON.stringify(r.findings.map((f) => f.message)));
    // the environment overrides appsettings.json (Smtp__Port, matched in the usual spellings)
    const env = new EnvIndex();
    env.set(path.join(dir, '.env'), { SMTP__PORT: { value: '587', ref: { file: path.join(dir, '.env'), span: { start: 0, end: 14 } } } });
    const r2 = lintText(file, text, { modules, env });
    assert.equal(r2.read!.configs[0].port?.value, 587);
    assert.equal(r2.read!.configs[0].port?.envVar, 'SMTP__PORT');
    assert.equal(r2.findings.filter((f) => f.ruleId === 'cross-file-port-mode-mismatch' || f.ruleId === 'implicit-tls-port-without-tls').length, 0);
  });

  it('a ternary on the port, an options object and a DI-bound setting stay unknown (no finding)', () => {
    const r = lintText('/p/M.cs', 'using MailKit.Security;\nclient.Connect(o.Host, o.Port, o.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls);\n');
    assert.equal(r.read!.configs[0].effective.tlsMode, 'unknown');
    assert.equal(r.findings.length, 0);
  });
});

describe('NuGet versions', () => {
  it('reads packages.lock.json, then PackageReference / Directory.Packages.props', () => {
    const dir = tmpDir('mcl-nuget-');
    writeTree(dir, {
      'Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="MailKit" Version="4.3.0" />\n    <PackageReference Include="MimeKit">\n      <Version>4.*</Version>\n    </PackageReference>\n  </ItemGroup>\n</Project>\n',
      'Web/packages.lock.json': JSON.stringify({ version: 1, dependencies: { 'net8.0': { MailKit: { type: 'Direct', requested: '[4.8.0, )', resolved: '4.8.0' } } } }),
      'Web/Web.csproj': '<Project><ItemGroup><PackageReference Version="3.0.0" Include="MailKit" /></ItemGroup></Project>',
      'Directory.Packages.props': '<Project><ItemGroup><PackageVersion Include="MailKit" Version="[4.0,5.0)" /></ItemGroup></Project>',
    });
    assert.deepEqual(findLibraryVersion(path.join(dir, 'Api/Mailer.cs'), 'MailKit'), { library: 'MailKit', spec: '4.3.0', source: 'Api.csproj' });
    assert.equal(findLibraryVersion(path.join(dir, 'Api/Mailer.cs'), 'MimeKit')?.spec, '4.x');
    assert.deepEqual(findLibraryVersion(path.join(dir, 'Web/Mailer.cs'), 'MailKit'), { library: 'MailKit', spec: '4.8.0', source: 'packages.lock.json' });
    assert.deepEqual(findLibraryVersion(path.join(dir, 'Other/Mailer.cs'), 'MailKit'), { library: 'MailKit', spec: '>=4.0 <5.0', source: 'Directory.Packages.props' });
    assert.equal(nugetRangeToSpec('(,5.0]'), '<=5.0');
    assert.equal(nugetRangeToSpec('[4.3.0]'), '4.3.0');
    assert.equal(nugetRangeToSpec('latest'), undefined);
  });
});

test('arbitrary text never throws', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void csharpReader.read('/w/M.cs', `using MailKit; var c = new SmtpClient(); c.Connect(${s}`, {})), { numRuns });
});

test('half-typed C# never throws, spans stay inside, fixes render inside', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SNIPPETS), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (src, a, b, junk) => {
      const i = a % (src.length + 1);
      const j = Math.min(src.length, i + (b % 12));
      check(src.slice(0, i) + junk + src.slice(j), '/w/Mailer.cs');
    }),
    { numRuns },
  );
});

test('1 MB inputs are read without a crash (behaviour, not time)', () => {
  const filler = 'public int Add(int a, int b) { return a + b; } // SmtpClient\n';
  const big = SNIPPETS[0] + filler.repeat(Math.ceil(1_000_000 / filler.length)) + SNIPPETS[1];
  assert.ok((check(big, '/w/Big.cs').read?.configs.length ?? 0) >= 2);
  const noise = 'using MailKit; client.Connect(' + '(new SmtpClient(('.repeat(30_000);
  assert.ok(check(noise, '/w/Noise.cs').read);
  const strings = 'using MailKit;\n' + '$"{"{"{'.repeat(100_000) + '@"' + '"'.repeat(50_001);
  assert.ok(check(strings, '/w/Strings.cs').read);
  const huge = '// SmtpClient\n' + '/'.repeat(2_100_000);
  assert.match(lintText('/w/Huge.cs', huge).problems[0]?.message ?? '', /larger than/);
});
