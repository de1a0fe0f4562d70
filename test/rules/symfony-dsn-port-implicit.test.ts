import { ruleTester } from './ruleTester';

ruleTester('symfony-dsn-port-implicit', {
  valid: [
    { file: '.env', code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587\n' },
    { file: '.env', code: 'MAILER_DSN=smtps://user:pass@smtp.example.com\n' },
    // localhost without a port: plain SMTP on 25
    { file: '.env', code: 'MAILER_DSN=smtp://localhost\n' },
    { file: '.env', code: 'MAILER_DSN=null://null\n' },
    { file: '.env', code: 'MAILER_DSN=gmail+smtp://user:pass@default\n' },
    // Meteor's MAIL_URL is nodemailer, not Symfony
    { file: '.env', code: 'MAIL_URL=smtp://user:pass@smtp.example.com\n' },
  ],
  invalid: [
    {
      file: '.env',
      code: 'MAILER_DSN=smtp://user:pass@smtp.example.com\n',
      errors: [
        {
          line: 1,
          column: 29,
          endColumn: 45,
          severity: 'warning',
          message: 'MAILER_DSN has no port, so Symfony Mailer uses implicit TLS on port 465 for smtp.example.com (not 587 or 25). Write the port to make the mode explicit.',
          safe: [true, false],
          fixes: ['MAILER_DSN=smtps://user:pass@smtp.example.com:465\n', 'MAILER_DSN=smtp://user:pass@smtp.example.com:587\n'],
        },
      ],
    },
    {
      name: 'Microsoft 365 offers no implicit TLS: error, safe fix',
      file: '.env',
      code: 'MAILER_DSN="smtp://me%40example.com:pass@smtp.office365.com"\n',
      errors: [{ line: 1, severity: 'error', includes: ['Microsoft 365'], safe: [true] }],
      output: 'MAILER_DSN="smtp://me%40example.com:pass@smtp.office365.com:587"\n',
    },
    {
      name: 'a dev catcher without a port gets implicit TLS on 465 too',
      file: 'docker-compose.yml',
      code: 'services:\n  app:\n    image: php:8.3\n    environment:\n      MAILER_DSN: smtp://mailpit\n',
      errors: [{ line: 5, includes: ['even for the local host mailpit'], safe: [false] }],
      output: 'services:\n  app:\n    image: php:8.3\n    environment:\n      MAILER_DSN: smtp://mailpit:1025\n',
    },
    {
      name: 'Laravel MAIL_URL',
      file: '.env',
      code: 'MAIL_MAILER=smtp\nMAIL_URL=smtp://user:pass@smtp.example.com\n',
      errors: [{ line: 2, includes: ['MAIL_URL has no port'] }],
    },
  ],
});
