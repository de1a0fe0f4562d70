import { ruleTester } from './ruleTester';

ruleTester('laravel-invalid-mail-scheme', {
  valid: [
    { file: '.env', code: 'MAIL_MAILER=smtp\nMAIL_SCHEME=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\n' },
    { file: '.env', code: 'MAIL_MAILER=smtp\nMAIL_SCHEME=smtps\nMAIL_HOST=smtp.example.com\nMAIL_PORT=465\n' },
    { file: '.env', code: 'MAIL_MAILER=smtp\nMAIL_SCHEME=null\nMAIL_HOST=smtp.example.com\nMAIL_PORT=2525\n' },
    { file: '.env', code: 'MAIL_MAILER=smtp\nMAIL_SCHEME=\nMAIL_HOST=smtp.example.com\nMAIL_PORT=2525\n' },
    // not Laravel: a generic app's own MAIL_SCHEME key is not checked
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\n' },
  ],
  invalid: [
    {
      file: '.env',
      code: 'MAIL_MAILER=smtp\nMAIL_SCHEME=tls\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\n',
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 16,
          severity: 'error',
          message:
            'MAIL_SCHEME=tls is not a mailer scheme: Symfony Mailer ≥ 7.2 throws \'The "tls" scheme is not supported; supported schemes for mailer "smtp" are: "smtp", "smtps"\' (older versions silently used smtp). MAIL_SCHEME is smtp or smtps; the port decides the encryption.',
          safe: [true, true],
          fixes: [
            'MAIL_MAILER=smtp\nMAIL_SCHEME=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\n',
            'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\n',
          ],
        },
      ],
    },
    {
      name: 'ssl on 465 becomes smtps',
      file: '.env',
      code: 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=465\nMAIL_SCHEME="ssl"\n',
      errors: [{ line: 4 }],
      output: 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=465\nMAIL_SCHEME="smtps"\n',
    },
    {
      name: 'compose',
      file: 'docker-compose.yml',
      code: 'services:\n  app:\n    image: php:8.3\n    environment:\n      MAIL_MAILER: smtp\n      MAIL_HOST: smtp.example.com\n      MAIL_PORT: 587\n      MAIL_SCHEME: tls\n',
      errors: [{ line: 8 }],
    },
  ],
});
