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
    // the release decides (semantics/laravel.ts): tls on 587 is right on ≤ 8 and ignored on 9.1–11.34 and ≥ 11.35.1
    { file: '.env', code: laravel(587, 'tls'), versions: { 'laravel/framework': '8.83.27' } },
    { file: '.env', code: laravel(587, 'tls'), versions: { 'laravel/framework': '10.48.2' } },
    { file: '.env', code: laravel(587, 'tls'), versions: { 'laravel/framework': '12.1.0' } },
    // ssl on 465 is right everywhere
    { file: '.env', code: laravel(465, 'ssl'), versions: { 'laravel/framework': '8.0.0' } },
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
            "MAIL_ENCRYPTION=ssl asks for implicit TLS, but MAIL_PORT=587 is a STARTTLS port: implicit TLS on Laravel ≤ 8 (SwiftMailer), where it fails with 'wrong version number'; STARTTLS when offered on Laravel ≥ 9.0.0, which works. The laravel/framework version is not known (composer.lock, composer.json or \"versions\" in .mailconfiglintrc.json). Remove it.",
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
      name: 'Laravel 8 (SwiftMailer): ssl on 587 is implicit TLS on a STARTTLS port, an error; the fix writes tls',
      file: '.env',
      code: laravel(587, 'ssl'),
      versions: { 'laravel/framework': '8.83.27' },
      errors: [
        {
          line: 6,
          severity: 'error',
          message:
            "On laravel/framework 8.83.27 (.mailconfiglintrc.json), MAIL_ENCRYPTION=ssl means implicit TLS (SwiftMailer setEncryption(ssl): TLS from the first byte (ssl://)), so the TLS handshake meets the plaintext greeting of MAIL_PORT=587: it fails with 'wrong version number'. Set MAIL_ENCRYPTION=tls.",
          safe: [true, false],
        },
      ],
      output: laravel(587, 'tls'),
    },
    {
      name: 'Laravel 8: null on 465 is plain tcp against an implicit-TLS port; the fix writes ssl',
      file: '.env',
      code: laravel(465, 'null'),
      versions: { 'laravel/framework': '8.83.27' },
      errors: [{ line: 6, severity: 'error', includes: ['means no TLS', 'the connection hangs', 'Set MAIL_ENCRYPTION=ssl'] }],
      output: laravel(465, 'ssl'),
    },
    {
      name: 'Laravel 11.35.0: tls is smtps on any port, so tls on 587 fails; the fix removes it',
      file: '.env',
      code: laravel(587, 'tls'),
      versions: { 'laravel/framework': '11.35.0' },
      errors: [{ line: 6, severity: 'error', includes: ['On laravel/framework 11.35.0', 'means implicit TLS', 'laravel/framework#40887', "'wrong version number'", 'Remove it'] }],
      output: laravel(587, 'tls').replace('MAIL_ENCRYPTION=tls\n', ''),
    },
    {
      name: 'Laravel 9.0.1: same as 11.35.0',
      file: '.env',
      code: laravel(2525, 'tls'),
      versions: { 'laravel/framework': '9.0.1' },
      errors: [{ line: 6, severity: 'error' }],
    },
    {
      name: 'a range that spans 11.35.0: a warning that says what each release does, no safe removal needed from SwiftMailer',
      file: '.env',
      code: laravel(587, 'tls'),
      versions: { 'laravel/framework': '^11.0' },
      errors: [{ line: 6, severity: 'warning', includes: ['implicit TLS on Laravel 11.35.0', 'STARTTLS when offered on Laravel 9.1–11.34', 'allows releases where', 'pin a release'], safe: [true] }],
    },
    {
      name: 'Laravel 12: ssl on 587 is not read: info, remove it',
      file: '.env',
      code: laravel(587, 'ssl'),
      versions: { 'laravel/framework': '12.1.0' },
      errors: [{ line: 6, severity: 'info', includes: ['does not read it', 'STARTTLS when advertised', 'misleads'], safe: [true] }],
      output: laravel(587, 'ssl').replace('MAIL_ENCRYPTION=ssl\n', ''),
    },
    {
      name: 'Laravel 10: tls on 465 is not read (465 means smtps): info, MAIL_SCHEME=smtps says it',
      file: '.env',
      code: laravel(465, 'tls'),
      versions: { 'laravel/framework': '10.48.2' },
      errors: [{ line: 6, severity: 'info' }],
      output: laravel(465, 'tls').replace('MAIL_ENCRYPTION=tls', 'MAIL_SCHEME=smtps'),
    },
    {
      name: 'config/mail.php on Laravel 8: the entry is read (SwiftMailer); the fix writes the value the port expects',
      file: 'config/mail.php',
      code: "<?php\nreturn [\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n            'host' => 'smtp.example.com',\n            'port' => 587,\n            'encryption' => 'ssl',\n        ],\n    ],\n];\n",
      versions: { 'laravel/framework': '8.83.27' },
      errors: [{ line: 8, severity: 'error', includes: ["'encryption' => 'ssl' means implicit TLS", "Set 'encryption' => 'tls'"] }],
      output: "<?php\nreturn [\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n            'host' => 'smtp.example.com',\n            'port' => 587,\n            'encryption' => 'tls',\n        ],\n    ],\n];\n",
    },
    {
      name: 'compose',
      file: 'docker-compose.yml',
      code: 'services:\n  app:\n    image: php:8.3\n    environment:\n      MAIL_MAILER: smtp\n      MAIL_HOST: smtp.example.com\n      MAIL_PORT: 587\n      MAIL_ENCRYPTION: ssl\n',
      errors: [{ line: 8 }],
    },
  ],
});
