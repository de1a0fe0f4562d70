import { ruleTester } from './ruleTester';

ruleTester('symfony-dsn-unknown-option', {
  valid: [
    { file: '.env', code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?require_tls=true\n' },
    // the project's symfony/mailer reads them (auto_tls ≥ 7.1, require_tls ≥ 7.3)
    { file: '.env', code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?require_tls=true\n', versions: { 'symfony/mailer': '7.3.0' } },
    { file: '.env', code: 'MAILER_DSN=smtp://smtp.example.com:25?auto_tls=false\n', versions: { 'symfony/mailer': '7.1.2' } },
    { file: '.env', code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?local_domain=example.com&restart_threshold=10\n' },
    // Meteor's MAIL_URL is nodemailer, whose URLs take other options
    { file: '.env', code: 'MAIL_URL=smtp://user:pass@smtp.example.com:587?secure=false\n' },
  ],
  invalid: [
    {
      name: 'require_tls on symfony/mailer 7.2: ignored, STARTTLS stays optional (warning)',
      file: '.env',
      code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?require_tls=true\n',
      versions: { 'symfony/mailer': '7.2.0' },
      errors: [
        {
          line: 1,
          severity: 'warning',
          message:
            'MAILER_DSN option require_tls=true is ignored by Symfony Mailer: symfony/mailer 7.2.0 (.mailconfiglintrc.json) predates it (added in 7.3), so STARTTLS stays optional: an attacker who strips the offer gets the session in clear text.',
          safe: [true],
        },
      ],
      output: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587\n',
    },
    {
      // the YAML reader passes the project's versions too (it dropped them once)
      name: 'require_tls in config/packages/mailer.yaml on symfony/mailer 7.2',
      file: 'config/packages/mailer.yaml',
      code: "framework:\n    mailer:\n        dsn: 'smtp://user:%env(MAILER_PASSWORD)%@smtp.example.com:587?require_tls=true'\n",
      versions: { 'symfony/mailer': '7.2.0' },
      errors: [{ line: 3, severity: 'warning', includes: ['require_tls=true is ignored', 'predates it (added in 7.3)'] }],
    },
    {
      name: 'auto_tls in a Laravel MAIL_URL on symfony/mailer 7.0',
      file: '.env',
      code: 'MAIL_MAILER=smtp\nMAIL_URL="smtp://smtp.example.com:25?auto_tls=false"\n',
      versions: { 'symfony/mailer': '7.0.4' },
      errors: [{ line: 2, severity: 'info', includes: ['auto_tls=false', 'predates it (added in 7.1)'] }],
    },
    {
      file: '.env',
      code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:465?encryption=ssl\n',
      errors: [
        {
          line: 1,
          column: 50,
          endColumn: 64,
          severity: 'info',
          message: 'MAILER_DSN option encryption=ssl is ignored by Symfony Mailer: the encryption option was removed in Symfony 4.4; use smtps:// for implicit TLS (port 465) and smtp:// for STARTTLS.',
          safe: [true],
        },
      ],
      output: 'MAILER_DSN=smtp://user:pass@smtp.example.com:465\n',
    },
    {
      name: 'Laravel MAIL_URL, second option',
      file: '.env',
      code: 'MAIL_MAILER=smtp\nMAIL_URL="smtp://user:pass@smtp.example.com:587?local_domain=example.com&auth_mode=login"\n',
      errors: [{ line: 2, includes: ['auth_mode=login'] }],
      output: 'MAIL_MAILER=smtp\nMAIL_URL="smtp://user:pass@smtp.example.com:587?local_domain=example.com"\n',
    },
  ],
});
