import { ruleTester } from './ruleTester';

const laravel = (port: number, enc: string) => `MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=${port}\nMAIL_USERNAME=me\nMAIL_PASSWORD=secret\nMAIL_ENCRYPTION=${enc}\n`;

ruleTester('laravel-mail-encryption-ignored', {
  valid: [
    // matching the port: harmless (ignored on Laravel ≥ 9, right on ≤ 8)
    { file: '.env', code: laravel(587, 'tls') },
    { file: '.env', code: laravel(2525, 'tls') },
    { file: '.env', code: laravel(465, 'ssl') },
    { file: '.env', code: laravel(587, 'null') },
    // no MAIL_ENCRYPTION at all
    { file: '.env', code: 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=465\n' },
  ],
  invalid: [
    {
      file: '.env',
      code: laravel(587, 'ssl'),
      errors: [
        {
          line: 6,
          column: 1,
          endColumn: 20,
          severity: 'warning',
          message:
            "MAIL_ENCRYPTION=ssl asks for implicit TLS, but MAIL_PORT=587 is a STARTTLS port. Laravel ≥ 9 ignores MAIL_ENCRYPTION and uses STARTTLS here, so it works by accident; on Laravel ≤ 8 it fails with 'wrong version number'. Remove it.",
          related: [{ line: 3, message: 'MAIL_PORT=587 is set here' }],
          safe: [true, false],
          fixes: [laravel(587, 'ssl').replace('MAIL_ENCRYPTION=ssl\n', ''), laravel(465, 'ssl')],
        },
      ],
    },
    {
      name: 'tls on 465 becomes MAIL_SCHEME=smtps',
      file: '.env',
      code: laravel(465, 'tls'),
      errors: [{ line: 6, includes: ['MAIL_ENCRYPTION=tls contradicts MAIL_PORT=465', 'MAIL_SCHEME=smtps'] }],
      output: laravel(465, 'tls').replace('MAIL_ENCRYPTION=tls', 'MAIL_SCHEME=smtps'),
    },
    {
      name: 'null on 465',
      file: '.env',
      code: laravel(465, 'null'),
      errors: [{ line: 6 }],
    },
    {
      name: 'compose',
      file: 'docker-compose.yml',
      code: 'services:\n  app:\n    image: php:8.3\n    environment:\n      MAIL_MAILER: smtp\n      MAIL_HOST: smtp.example.com\n      MAIL_PORT: 587\n      MAIL_ENCRYPTION: ssl\n',
      errors: [{ line: 8 }],
    },
  ],
});
