import { ruleTester } from './ruleTester';

ruleTester('symfony-dsn-unknown-option', {
  valid: [
    { file: '.env', code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?require_tls=true\n' },
    { file: '.env', code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?local_domain=example.com&restart_threshold=10\n' },
    // Meteor's MAIL_URL is nodemailer, whose URLs take other options
    { file: '.env', code: 'MAIL_URL=smtp://user:pass@smtp.example.com:587?secure=false\n' },
  ],
  invalid: [
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
