// MAIL_SCHEME / 'scheme' by laravel/framework release (semantics/laravel.ts LARAVEL_SCHEME_SINCE): MailManager reads
// $config['scheme'] from v9.51.0 on; v9.0.0–v9.50.x build the Dsn scheme from 'encryption' and the port, and ≤ 8
// (SwiftMailer) has none. So `smtps` on 587 is broken from 9.51 on and changes nothing before.
import { ruleTester } from './ruleTester';

const ENV = 'MAIL_MAILER=smtp\nMAIL_SCHEME=smtps\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\n';
const MAIL_PHP = "<?php\n\nreturn [\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n            'scheme' => 'smtps',\n            'host' => 'smtp.example.com',\n            'port' => 587,\n        ],\n    ],\n];\n";

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    { file: '.env', code: ENV, versions: { 'laravel/framework': '9.50.0' } },
    { file: '.env', code: ENV, versions: { 'laravel/framework': '9.1.0' } },
    { file: '.env', code: ENV, versions: { 'laravel/framework': '8.83.27' } },
    { file: 'config/mail.php', code: MAIL_PHP, versions: { 'laravel/framework': '9.20.0' } },
  ],
  invalid: [
    {
      name: 'MAIL_SCHEME=smtps on 587, laravel/framework 9.51.0 (the first release that reads it)',
      file: '.env',
      code: ENV,
      versions: { 'laravel/framework': '9.51.0' },
      errors: [{ line: 2, includes: ['MAIL_SCHEME=smtps'] }],
      output: 'MAIL_MAILER=smtp\nMAIL_SCHEME=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\n',
    },
    {
      name: "'scheme' => 'smtps' on 587, Laravel 10",
      file: 'config/mail.php',
      code: MAIL_PHP,
      versions: { 'laravel/framework': '10.48.0' },
      errors: [{ line: 7, includes: ["'scheme'"] }],
    },
    {
      name: 'a version range that includes 9.51+ (^9.0): the scheme may be read, reported as before',
      file: '.env',
      code: ENV,
      versions: { 'laravel/framework': '^9.0' },
      errors: [{ line: 2 }],
    },
  ],
});
