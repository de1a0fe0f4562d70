// Laravel ≤ 8 sends with SwiftMailer: MailManager calls setEncryption() only for a non-empty 'encryption', and
// SwiftMailer 6 sends STARTTLS only when it was 'tls' (EsmtpTransport::doHeloCommand, v6.3.0 L344; no opportunistic
// STARTTLS). So MAIL_ENCRYPTION=null (or a config/mail.php mailer without 'encryption') on port 587 with credentials
// is clear-text AUTH on those releases, while Laravel ≥ 9 (Symfony) uses STARTTLS when offered. A .env without
// MAIL_ENCRYPTION is not reported: the 6.x–8.x config/mail.php reads env('MAIL_ENCRYPTION', 'tls').
import { ruleTester } from './ruleTester';

const L8 = { 'laravel/framework': '8.83.27' };
const ENV = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_USERNAME=me@example.com\nMAIL_PASSWORD=${SMTP_PASSWORD}\n';
const MAIL_PHP = (enc: string) =>
  `<?php\n\nreturn [\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n            'host' => 'smtp.example.com',\n            'port' => 587,\n${enc}            'username' => 'me@example.com',\n            'password' => env('MAIL_PASSWORD'),\n        ],\n    ],\n];\n`;

ruleTester('tls-disabled-with-credentials', {
  valid: [
    // the skeleton's config/mail.php default ('tls') decides: not known from the .env alone
    { file: '.env', code: ENV, versions: L8 },
    { file: '.env', code: ENV + 'MAIL_ENCRYPTION=tls\n', versions: L8 },
    // Laravel ≥ 9: Symfony uses STARTTLS when the server offers it
    { file: '.env', code: ENV + 'MAIL_ENCRYPTION=null\n', versions: { 'laravel/framework': '10.48.0' } },
    { file: 'config/mail.php', code: MAIL_PHP(''), versions: { 'laravel/framework': '10.48.0' } },
    // release not known: no claim
    { file: '.env', code: ENV + 'MAIL_ENCRYPTION=null\n' },
    { file: 'config/mail.php', code: MAIL_PHP("            'encryption' => 'tls',\n"), versions: L8 },
  ],
  invalid: [
    {
      name: 'Laravel 8: MAIL_ENCRYPTION=null on 587 with credentials (SwiftMailer never sends STARTTLS)',
      file: '.env',
      code: ENV + 'MAIL_ENCRYPTION=null\n',
      versions: L8,
      errors: [
        {
          line: 6,
          severity: 'warning',
          message:
            'MAIL_ENCRYPTION=null on laravel/framework 8.83.27 (.mailconfiglintrc.json): no encryption: SwiftMailer never sends STARTTLS, and credentials are configured (MAIL_USERNAME=me@example.com): the password is sent in clear text over the network (RFC 4954 §4).',
          related: [{ line: 4, message: 'credentials are set here' }],
        },
      ],
      output: ENV + 'MAIL_ENCRYPTION=tls\n',
    },
    {
      name: "Laravel 8 config/mail.php: 'encryption' => null",
      file: 'config/mail.php',
      code: MAIL_PHP("            'encryption' => null,\n"),
      versions: L8,
      errors: [{ line: 9, includes: ["'encryption' empty on laravel/framework 8.83.27", 'clear text'] }],
      output: MAIL_PHP("            'encryption' => 'tls',\n"),
    },
    {
      name: "Laravel 8 config/mail.php: a mailer without 'encryption' (the array is the whole config)",
      file: 'config/mail.php',
      code: MAIL_PHP(''),
      versions: L8,
      errors: [{ line: 9, includes: ['encryption unset on laravel/framework 8.83.27', 'clear text'] }],
      output: MAIL_PHP("            'encryption' => 'tls',\n"),
    },
  ],
});
