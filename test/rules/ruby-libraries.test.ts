// RuleTester tables for Ruby (rules-research-polyglot §6, §11): Rails ActionMailer smtp_settings and the mail gem's
// delivery_method :smtp — the must-stay-clean idioms of the research as valid cases, the failure classes as invalid
// cases with the exact text of each fix (hash style kept: `tls: true`, `:tls => true`).
import { ruleTester } from './ruleTester';

const ENV_FILE = 'config/environments/production.rb';
const rails = (body: string) => `Rails.application.configure do\n  config.action_mailer.delivery_method = :smtp\n  config.action_mailer.smtp_settings = {\n${body}  }\nend\n`;

ruleTester('implicit-tls-port-without-tls', {
  valid: [
    // 465 with tls: true / ssl: true (synonyms: implicit TLS)
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 465,\n    tls: true,\n") },
    { file: ENV_FILE, code: rails("    :address => 'smtp.example.com',\n    :port => 465,\n    :ssl => true\n") },
    // the research's Rails shape: 587 + enable_starttls_auto
    { file: ENV_FILE, code: rails('    address:              ENV.fetch("SMTP_ADDRESS", "smtp.example.com"),\n    port:                 ENV.fetch("SMTP_PORT", 587).to_i,\n    user_name:            Rails.application.credentials.dig(:smtp, :user_name),\n    password:             Rails.application.credentials.dig(:smtp, :password),\n    authentication:       :plain,\n    enable_starttls_auto: true,\n    openssl_verify_mode:  "peer"\n') },
    // tls from the environment with the safe comparison, port 465 default
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: ENV.fetch('SMTP_PORT', 465).to_i,\n    tls: ENV.fetch('SMTP_TLS', 'true') == 'true',\n") },
    // development: letter_opener, the smtp_settings are dead
    { file: 'config/environments/development.rb', code: "Rails.application.configure do\n  config.action_mailer.delivery_method = :letter_opener\n  config.action_mailer.smtp_settings = { address: 'localhost', port: 465 }\nend\n" },
    // a hash built elsewhere: no guess
    { file: ENV_FILE, code: 'config.action_mailer.smtp_settings = Settings.smtp.to_h\n' },
    // not mail: a Redis / database URL with 465 in it
    { file: 'config/initializers/redis.rb', code: "REDIS = Redis.new(host: 'cache', port: 465, ssl: false)\n# smtp mentioned in a comment\n" },
  ],
  invalid: [
    {
      name: 'ActionMailer: 465 without tls (tls: true is added after the port)',
      file: 'config/initializers/mail.rb',
      code: "ActionMailer::Base.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 465,\n  user_name: 'me',\n  password: ENV['SMTP_PASSWORD'],\n}\n",
      errors: [{ line: 3, includes: ['Net::ReadTimeout', 'tls: true'], fixes: [
        "ActionMailer::Base.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 465,\n  tls: true,\n  user_name: 'me',\n  password: ENV['SMTP_PASSWORD'],\n}\n",
        "ActionMailer::Base.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 587,\n  user_name: 'me',\n  password: ENV['SMTP_PASSWORD'],\n}\n",
      ], safe: [true, false] }],
    },
    {
      name: 'Rails: 465 with enable_starttls_auto (removed, tls: true added)',
      file: ENV_FILE,
      code: rails("    address: 'smtp.example.com',\n    port: 465,\n    enable_starttls_auto: true,\n    authentication: :login,\n"),
      errors: [{ line: 6, includes: ['enable_starttls_auto: true'] }],
      output: rails("    address: 'smtp.example.com',\n    port: 465,\n    tls: true,\n    authentication: :login,\n"),
    },
    {
      name: 'Rails: tls: false on 465 (hash-rocket style kept)',
      file: ENV_FILE,
      code: rails("    :address => 'smtp.example.com',\n    :port => 465,\n    :tls => false,\n"),
      errors: [{ line: 6, includes: ['tls: false'] }],
      output: rails("    :address => 'smtp.example.com',\n    :port => 465,\n    :tls => true,\n"),
    },
    {
      name: 'Rails: ENV.fetch default 465 without tls (the default is the setting while SMTP_PORT is unset)',
      file: ENV_FILE,
      code: rails("    address: 'smtp.example.com',\n    port: ENV.fetch('SMTP_PORT', 465).to_i,\n    enable_starttls: true,\n"),
      errors: [{ line: 6, includes: ['enable_starttls: true'] }],
      output: rails("    address: 'smtp.example.com',\n    port: ENV.fetch('SMTP_PORT', 465).to_i,\n    tls: true,\n"),
    },
  ],
});

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 587,\n    enable_starttls: true,\n") },
    // tls: true + enable_starttls_auto: false on 465 is allowed (only truthy values conflict)
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 465,\n    tls: true,\n    enable_starttls_auto: false,\n") },
  ],
  invalid: [
    {
      name: 'Rails: tls: true on 587 (PHP habit: tls means implicit TLS in Ruby)',
      file: ENV_FILE,
      code: rails("    :address => 'smtp.example.com',\n    :port => 587,\n    :tls => true,\n    :user_name => ENV['SMTP_USER'],\n"),
      errors: [{ line: 6, includes: ['tls: true', 'wrong version number'], fixes: [
        rails("    :address => 'smtp.example.com',\n    :port => 587,\n    :enable_starttls => true,\n    :user_name => ENV['SMTP_USER'],\n"),
        rails("    :address => 'smtp.example.com',\n    :port => 465,\n    :tls => true,\n    :user_name => ENV['SMTP_USER'],\n"),
      ], safe: [true, false] }],
    },
    {
      name: 'mail gem: ssl: true on 25 inside Mail.defaults',
      file: 'lib/mailer.rb',
      code: "Mail.defaults do\n  delivery_method :smtp, { address: 'smtp.example.com', port: 25, ssl: true, enable_starttls: false }\nend\n",
      errors: [{ line: 2, includes: ['ssl: true'] }],
      output: "Mail.defaults do\n  delivery_method :smtp, { address: 'smtp.example.com', port: 25, enable_starttls: true }\nend\n",
    },
  ],
});

ruleTester('conflicting-tls-flags', {
  valid: [
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 465,\n    tls: true,\n    enable_starttls_auto: false,\n") },
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 587,\n    enable_starttls: true,\n    enable_starttls_auto: true,\n") },
  ],
  invalid: [
    {
      name: 'mail gem: tls + enable_starttls_auto on 465 raises ArgumentError (mail ≥ 2.9)',
      file: 'lib/mailer.rb',
      code: "Mail.defaults do\n  delivery_method :smtp, address: 'smtp.example.com', port: 465, enable_starttls_auto: true, tls: true\nend\n",
      errors: [{ line: 2, severity: 'error', includes: ['ArgumentError', 'enable_starttls_auto: true'] }],
      output: "Mail.defaults do\n  delivery_method :smtp, address: 'smtp.example.com', port: 465, tls: true\nend\n",
    },
  ],
});

ruleTester('tls-verification-disabled', {
  valid: [
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 587,\n    openssl_verify_mode: 'peer',\n") },
  ],
  invalid: [
    {
      name: "Rails: openssl_verify_mode 'none'",
      file: ENV_FILE,
      code: rails("    address: 'smtp.example.com',\n    port: 587,\n    openssl_verify_mode: 'none',\n"),
      errors: [{ line: 6, includes: ["openssl_verify_mode: 'none'"] }],
      output: rails("    address: 'smtp.example.com',\n    port: 587,\n    openssl_verify_mode: 'peer',\n"),
    },
    {
      name: 'Rails: OpenSSL::SSL::VERIFY_NONE in a constant hash',
      file: ENV_FILE,
      code: 'SETTINGS = { address: "smtp.example.com", port: 587, openssl_verify_mode: OpenSSL::SSL::VERIFY_NONE }\nconfig.action_mailer.smtp_settings = SETTINGS\n',
      errors: [{ line: 1, includes: ['VERIFY_NONE'] }],
      output: 'SETTINGS = { address: "smtp.example.com", port: 587, openssl_verify_mode: OpenSSL::SSL::VERIFY_PEER }\nconfig.action_mailer.smtp_settings = SETTINGS\n',
    },
  ],
});

ruleTester('hardcoded-smtp-credentials', {
  valid: [
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 587,\n    user_name: 'me',\n    password: Rails.application.credentials.dig(:smtp, :password),\n") },
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 587,\n    user_name: 'me',\n    password: ENV.fetch('SMTP_PASSWORD'),\n") },
  ],
  invalid: [
    {
      name: 'Rails: literal password',
      file: ENV_FILE,
      code: rails("    address: 'smtp.example.com',\n    port: 587,\n    user_name: 'me',\n    password: 'Zx81wqPlm2Tr',\n"),
      errors: [{ line: 7 }],
    },
  ],
});

ruleTester('env-string-as-boolean', {
  valid: [
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 465,\n    tls: ENV['SMTP_TLS'] == 'true',\n") },
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 465,\n    tls: ActiveModel::Type::Boolean.new.cast(ENV['SMTP_TLS']),\n") },
    { file: ENV_FILE, code: rails("    address: 'smtp.example.com',\n    port: 465,\n    tls: %w[true 1 yes].include?(ENV.fetch('SMTP_TLS', 'true')),\n") },
  ],
  invalid: [
    {
      name: "Ruby: tls: ENV['SMTP_TLS'] with SMTP_TLS=false in .env (the String is truthy)",
      file: ENV_FILE,
      files: { '.env': 'SMTP_TLS=false\n' },
      code: rails("    address: 'smtp.example.com',\n    port: 587,\n    tls: ENV['SMTP_TLS'],\n"),
      errors: [{ line: 6, includes: ['SMTP_TLS=false', 'truthiness', 'ArgumentError'] }],
      output: rails("    address: 'smtp.example.com',\n    port: 587,\n    tls: ENV['SMTP_TLS'] == 'true',\n"),
    },
    {
      name: 'Ruby: ENV.fetch with a String default in double quotes',
      file: ENV_FILE,
      code: rails('    address: "smtp.example.com",\n    port: 587,\n    enable_starttls_auto: ENV.fetch("SMTP_STARTTLS", "true"),\n'),
      errors: [{ line: 6 }],
      output: rails('    address: "smtp.example.com",\n    port: 587,\n    enable_starttls_auto: ENV.fetch("SMTP_STARTTLS", "true") == "true",\n'),
    },
  ],
});

ruleTester('cross-file-port-mode-mismatch', {
  valid: [
    { file: ENV_FILE, files: { '.env': 'SMTP_PORT=587\n' }, code: rails("    address: 'smtp.example.com',\n    port: ENV.fetch('SMTP_PORT', 465).to_i,\n    enable_starttls: true,\n") },
    { file: ENV_FILE, files: { '.env': 'SMTP_PORT=465\n' }, code: rails("    address: 'smtp.example.com',\n    port: ENV.fetch('SMTP_PORT', 587).to_i,\n    tls: ENV['SMTP_PORT'].to_i == 465,\n") },
  ],
  invalid: [
    {
      name: 'Rails: SMTP_PORT=465 in .env, tls: false hard-coded',
      file: ENV_FILE,
      files: { '.env': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n' },
      code: rails("    address: 'smtp.example.com',\n    port: ENV.fetch('SMTP_PORT', 587).to_i,\n    tls: false,\n"),
      errors: [{ line: 6, includes: ['SMTP_PORT=465', 'Net::ReadTimeout'], related: [{ file: '.env', line: 2 }], safe: [true, false] }],
      output: rails("    address: 'smtp.example.com',\n    port: ENV.fetch('SMTP_PORT', 587).to_i,\n    tls: ENV['SMTP_PORT'].to_i == 465,\n"),
    },
    {
      name: 'Rails: SMTP_PORT=465 in .env, enable_starttls_auto and no tls (enable_starttls_auto removed, tls: true added: unsafe)',
      file: ENV_FILE,
      files: { '.env': 'SMTP_PORT=465\n' },
      code: rails("    address: 'smtp.example.com',\n    port: ENV['SMTP_PORT'],\n    enable_starttls_auto: true,\n    authentication: :plain,\n"),
      errors: [{ line: 6, includes: ['enable_starttls_auto: true is written here'], safe: [false] }],
      output: rails("    address: 'smtp.example.com',\n    port: ENV['SMTP_PORT'],\n    tls: true,\n    authentication: :plain,\n"),
    },
    {
      name: 'Rails: SMTP_PORT=587 in .env, ssl: true hard-coded',
      file: ENV_FILE,
      files: { '.env': 'SMTP_PORT=587\n' },
      code: rails("    address: 'smtp.example.com',\n    port: ENV.fetch('SMTP_PORT') { 465 }.to_i,\n    ssl: true,\n"),
      errors: [{ line: 6, includes: ['wrong version number'] }],
      output: rails("    address: 'smtp.example.com',\n    port: ENV.fetch('SMTP_PORT') { 465 }.to_i,\n    ssl: ENV['SMTP_PORT'].to_i == 465,\n"),
    },
  ],
});
