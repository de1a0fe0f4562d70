// Property tests for the Ruby reader (Prism WASM): it never throws and every span lies inside the text, on arbitrary
// strings (incl. non-ASCII, where Prism's byte offsets must map to UTF-16), on mutated (half-typed) versions of real
// Rails / mail gem code and on 1 MB inputs; fixes render inside the text. Plus the reader's shape on the research's
// idioms and the cross-file ENV values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../server/src/register';
import { rubyReader } from '../../server/src/readers/ruby/index';
import { EnvIndex, lintText } from '../../server/src/engine';
import { lintInsideText } from './readResult';

const numRuns = process.env.CI ? 2000 : 300;

const SNIPPETS = [
  "Rails.application.configure do\n  config.action_mailer.delivery_method = :smtp\n  config.action_mailer.smtp_settings = {\n    address:              ENV.fetch(\"SMTP_ADDRESS\", \"smtp.example.com\"),\n    port:                 ENV.fetch(\"SMTP_PORT\", 465).to_i,\n    user_name:            Rails.application.credentials.dig(:smtp, :user_name),\n    password:             'hunter2hunter2',\n    authentication:       :plain,\n    enable_starttls_auto: true,\n    openssl_verify_mode:  'none' # café\n  }\nend\n",
  "Mail.defaults do\n  delivery_method :smtp, { :address => %q(smtp.example.com), :port => 587, :tls => ENV['SMTP_TLS'] == 'true', :ssl => true }\nend\nBODY = <<~EOS\n  port: 465, tls: false\nEOS\n",
  "SETTINGS = { address: \"smtp.#{domain}\", port: Integer(ENV['SMTP_PORT'] || '25'), openssl_verify_mode: OpenSSL::SSL::VERIFY_NONE, enable_starttls: :always }\nActionMailer::Base.smtp_settings = SETTINGS\n",
];

const check = lintInsideText;

test('arbitrary text never throws', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'grapheme' }), (s) => void rubyReader.read('/w/a.rb', `config.action_mailer.smtp_settings = { ${s}`, {})), { numRuns });
});

test('half-typed Ruby never throws, spans stay inside, fixes render inside', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SNIPPETS), fc.nat(), fc.nat(), fc.string({ maxLength: 8, unit: 'grapheme' }), (src, a, b, junk) => {
      const i = a % (src.length + 1);
      const j = Math.min(src.length, i + (b % 12));
      check(src.slice(0, i) + junk + src.slice(j), '/w/config/environments/production.rb');
    }),
    { numRuns },
  );
});

test('non-ASCII text before a setting: spans are UTF-16 offsets of the setting', () => {
  const text = "# Überall 📧 mail\nconfig.action_mailer.smtp_settings = { address: 'smtp.example.com', port: 465 }\n";
  const r = lintText('/w/config/environments/production.rb', text);
  const port = r.read!.configs[0].port!;
  assert.equal(text.slice(port.site.value.start, port.site.value.end), '465');
  assert.equal(text.slice(port.site.key!.start, port.site.key!.end), 'port');
});

test('1 MB inputs are read without a crash (behaviour, not time)', () => {
  const unit = SNIPPETS[0];
  const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
  assert.ok((check(big, '/w/big.rb').read?.configs.length ?? 0) >= 100);
  const noise = 'config.action_mailer.smtp_settings = ' + '{ a: [('.repeat(20_000);
  assert.ok(check(noise, '/w/noise.rb').read);
  // pathological nesting overflows Prism's stack: a problem, no crash, and the next file parses as before
  const deep = 'x = ' + '['.repeat(50_000) + "\ndelivery_method :smtp, port: 465\n";
  assert.match(check(deep, '/w/deep.rb').read?.problems[0]?.message ?? '', /nesting too deep/);
  assert.equal(check(SNIPPETS[0], '/w/after.rb').read?.configs.length, 1);
  const huge = '# smtp\n' + '#'.repeat(2_100_000);
  assert.match(lintText('/w/huge.rb', huge).problems[0]?.message ?? '', /larger than/);
  assert.match(lintText('/w/bin.rb', 'smtp\u0000').problems[0]?.message ?? '', /binary/);
});

test('the must-stay-clean idioms of the research read without findings', () => {
  const clean = [
    // enable_starttls_auto on 587, credentials from Rails credentials
    "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 587,\n  user_name: Rails.application.credentials.smtp[:user_name],\n  password: Rails.application.credentials.smtp[:password],\n  authentication: :plain,\n  enable_starttls_auto: true,\n}\n",
    // tls + an explicit false STARTTLS flag on 465
    "config.action_mailer.smtp_settings = { address: 'smtp.example.com', port: 465, tls: true, enable_starttls_auto: false }\n",
    // letter_opener / test delivery in development and test
    "config.action_mailer.delivery_method = :test\nconfig.action_mailer.smtp_settings = { address: 'smtp.example.com', port: 465, tls: false }\n",
    // a STARTTLS port with the strict flag
    "delivery_method :smtp, address: 'smtp.example.com', port: 587, enable_starttls: :always, openssl_verify_mode: OpenSSL::SSL::VERIFY_PEER\n",
  ];
  for (const code of clean) assert.deepEqual(lintText('/w/config/environments/production.rb', code).findings.map((f) => f.ruleId), [], code);
});

test('ENV reads take the workspace .env values (cross-file), and the literal default while unset', () => {
  const env = new EnvIndex();
  env.set('/w/.env', lintText('/w/.env', 'SMTP_PORT=465\nSMTP_TLS=false\n').read?.envVars);
  const code = "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: ENV.fetch('SMTP_PORT', 587).to_i,\n  tls: ENV['SMTP_TLS'] == 'true',\n}\n";
  const r = lintText('/w/config/environments/production.rb', code, { env });
  const cfg = r.read!.configs[0];
  assert.equal(cfg.port!.value, 465);
  assert.equal(cfg.port!.resolvedFrom?.file, '/w/.env');
  assert.equal(cfg.implicitTls!.value, false, "SMTP_TLS=false == 'true' is false");
  assert.equal(cfg.effective.tlsMode, 'starttls-opportunistic');
  // unset: the default literal is the setting
  const alone = lintText('/w/config/environments/production.rb', code).read!.configs[0];
  assert.equal(alone.port!.value, 587);
  assert.equal(alone.port!.kind, 'literal');
  // a raw ENV String where a boolean is expected: "false" is truthy to the mail gem
  const raw = lintText('/w/config/environments/production.rb', "config.action_mailer.smtp_settings = { port: 587, tls: ENV['SMTP_TLS'] }\n", { env }).read!.configs[0];
  assert.equal(raw.implicitTls!.value, true);
  assert.ok(raw.extras['rawEnvString:tls']);
});
