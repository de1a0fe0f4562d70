// RuleTester tables for Laravel config/mail.php (rules-research-polyglot §2.1): the skeletons of laravel/laravel
// 8.x–12.x as valid cases, the failure classes as invalid cases with the exact fix text, and values that come from
// the workspace's .env through env() (cross-file: a finding only through the .env value; the .env's own finding
// is not repeated in config/mail.php).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, findingsOf } from './ruleTester';

const FILE = 'config/mail.php';
/** config/mail.php with the smtp mailer's lines in between. */
const mail = (lines: string) => `<?php\n\nreturn [\n    'default' => env('MAIL_MAILER', 'smtp'),\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n${lines}        ],\n        'ses' => [\n            'transport' => 'ses',\n        ],\n    ],\n];\n`;
const line = (s: string) => `            ${s}\n`;

/** laravel/laravel 9.x config/mail.php (@5b60b60): port 587, encryption tls. */
const SKELETON_9 = mail(line("'host' => env('MAIL_HOST', 'smtp.mailgun.org'),") + line("'port' => env('MAIL_PORT', 587),") + line("'encryption' => env('MAIL_ENCRYPTION', 'tls'),") + line("'username' => env('MAIL_USERNAME'),") + line("'password' => env('MAIL_PASSWORD'),") + line("'timeout' => null,") + line("'local_domain' => env('MAIL_EHLO_DOMAIN'),"));
/** laravel/laravel 10.x (@7effeb9): 'url' => env('MAIL_URL') added. */
const SKELETON_10 = mail(line("'url' => env('MAIL_URL'),") + line("'host' => env('MAIL_HOST', 'smtp.mailgun.org'),") + line("'port' => env('MAIL_PORT', 587),") + line("'encryption' => env('MAIL_ENCRYPTION', 'tls'),") + line("'username' => env('MAIL_USERNAME'),") + line("'password' => env('MAIL_PASSWORD'),") + line("'timeout' => null,"));
/** laravel/laravel 11.x/12.x (@ecf6de4): scheme, port 2525, no encryption. */
const SKELETON_11 = mail(line("'scheme' => env('MAIL_SCHEME'),") + line("'url' => env('MAIL_URL'),") + line("'host' => env('MAIL_HOST', '127.0.0.1'),") + line("'port' => env('MAIL_PORT', 2525),") + line("'username' => env('MAIL_USERNAME'),") + line("'password' => env('MAIL_PASSWORD'),") + line("'timeout' => null,") + line("'local_domain' => env('MAIL_EHLO_DOMAIN', parse_url((string) env('APP_URL', 'http://localhost'), PHP_URL_HOST)),"));

const SKELETONS = [SKELETON_9, SKELETON_10, SKELETON_11].map((code) => ({ file: FILE, code }));

ruleTester('laravel-invalid-mail-scheme', {
  valid: [
    ...SKELETONS,
    { file: FILE, code: mail(line("'scheme' => 'smtps',") + line("'host' => 'smtp.example.com',") + line("'port' => 465,")) },
    { file: FILE, code: mail(line("'scheme' => null,") + line("'host' => 'smtp.example.com',") + line("'port' => 587,")) },
    // the .env value is reported in the .env file, not again here
    { file: FILE, code: SKELETON_11, files: { '.env': 'MAIL_SCHEME=tls\nMAIL_PORT=587\n' } },
  ],
  invalid: [
    {
      name: "'scheme' => 'tls' on 587 (the old encryption value)",
      file: FILE,
      code: mail(line("'scheme' => 'tls',") + line("'host' => 'smtp.example.com',") + line("'port' => env('MAIL_PORT', 587),")),
      errors: [{ line: 8, includes: ["'scheme' => 'tls'", 'not supported', "'scheme' is smtp or smtps"], fixCount: 2 }],
      output: mail(line("'scheme' => 'smtp',") + line("'host' => 'smtp.example.com',") + line("'port' => env('MAIL_PORT', 587),")),
    },
    {
      name: "env('MAIL_SCHEME', 'ssl') default with the .env port 465: the alternative removes the line",
      file: FILE,
      code: mail(line("'scheme' => env('MAIL_SCHEME', 'ssl'),") + line("'host' => env('MAIL_HOST', 'smtp.example.com'),") + line("'port' => env('MAIL_PORT', 587),")),
      files: { '.env': 'MAIL_PORT=465\n' },
      errors: [
        {
          line: 8,
          fixes: [
            mail(line("'scheme' => env('MAIL_SCHEME', 'smtps'),") + line("'host' => env('MAIL_HOST', 'smtp.example.com'),") + line("'port' => env('MAIL_PORT', 587),")),
            mail(line("'host' => env('MAIL_HOST', 'smtp.example.com'),") + line("'port' => env('MAIL_PORT', 587),")),
          ],
        },
      ],
    },
  ],
});

ruleTester('laravel-mail-encryption-ignored', {
  valid: [
    ...SKELETONS,
    // the .env decides both: laravel-mail-encryption-ignored reports it in the .env file
    { file: FILE, code: SKELETON_9, files: { '.env': 'MAIL_PORT=465\nMAIL_ENCRYPTION=tls\n' } },
    { file: FILE, code: mail(line("'host' => 'smtp.example.com',") + line("'port' => 465,") + line("'encryption' => 'ssl',")) },
    // not mail: a database connection's encryption
    { file: 'config/database.php', code: "<?php\nreturn ['connections' => ['mysql' => ['driver' => 'mysql', 'port' => 465, 'encryption' => 'tls']]];\n" },
  ],
  invalid: [
    {
      name: "Laravel 10 skeleton with the default port changed to 465: env('MAIL_ENCRYPTION', 'tls') is removed",
      file: FILE,
      code: SKELETON_10.replace("env('MAIL_PORT', 587)", "env('MAIL_PORT', 465)"),
      errors: [{ line: 11, includes: ["'encryption' => 'tls'", "'port' => 465", "'scheme' => 'smtps'"], related: [{ line: 10 }] }],
      output: SKELETON_10.replace("env('MAIL_PORT', 587)", "env('MAIL_PORT', 465)").replace("            'encryption' => env('MAIL_ENCRYPTION', 'tls'),\n", ''),
    },
    {
      name: "a literal 'tls' on 465 becomes 'scheme' => 'smtps'",
      file: FILE,
      code: mail(line("'host' => 'smtp.example.com',") + line("'port' => 465,") + line("'encryption' => 'tls',")),
      errors: [{ line: 10 }],
      output: mail(line("'host' => 'smtp.example.com',") + line("'port' => 465,") + line("'scheme' => 'smtps',")),
    },
    {
      name: "cross-file: 'encryption' => 'ssl' written here, MAIL_PORT=587 from .env",
      file: FILE,
      code: mail(line("'host' => env('MAIL_HOST'),") + line("'port' => env('MAIL_PORT'),") + line("'encryption' => 'ssl',")),
      files: { '.env': 'MAIL_HOST=smtp.example.com\nMAIL_PORT=587\n' },
      errors: [{ line: 10, includes: ["'encryption' => 'ssl'", "'port' => 587"], related: [{ file: '.env', line: 2 }] }],
      output: mail(line("'host' => env('MAIL_HOST'),") + line("'port' => env('MAIL_PORT'),")),
    },
    {
      name: "Laravel ≤ 6 shape: 'driver' => 'smtp' at the top of config/mail.php",
      file: FILE,
      code: "<?php\nreturn [\n    'driver' => env('MAIL_DRIVER', 'smtp'),\n    'host' => env('MAIL_HOST', 'smtp.example.com'),\n    'port' => env('MAIL_PORT', 587),\n    'encryption' => env('MAIL_ENCRYPTION', 'ssl'),\n];\n",
      errors: [{ line: 6 }],
      output: "<?php\nreturn [\n    'driver' => env('MAIL_DRIVER', 'smtp'),\n    'host' => env('MAIL_HOST', 'smtp.example.com'),\n    'port' => env('MAIL_PORT', 587),\n];\n",
    },
  ],
});

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    ...SKELETONS,
    { file: FILE, code: mail(line("'scheme' => 'smtps',") + line("'host' => 'smtp.example.com',") + line("'port' => 465,")) },
  ],
  invalid: [
    {
      name: "'scheme' => 'smtps' on 587 (laravel/framework#40887)",
      file: FILE,
      code: mail(line("'scheme' => 'smtps',") + line("'host' => 'smtp.example.com',") + line("'port' => env('MAIL_PORT', 587),")),
      errors: [{ line: 8, includes: ['wrong version number'] }],
      output: mail(line("'scheme' => 'smtp',") + line("'host' => 'smtp.example.com',") + line("'port' => env('MAIL_PORT', 587),")),
    },
    {
      name: "a url written in the mailer array wins over host/port (getConfig merges it): smtps:// on 587",
      file: FILE,
      code: mail(line("'url' => 'smtps://smtp.example.com:587',") + line("'host' => env('MAIL_HOST', '127.0.0.1'),") + line("'port' => env('MAIL_PORT', 2525),")),
      errors: [{ line: 8 }],
      output: mail(line("'url' => 'smtp://smtp.example.com:587?require_tls=true',") + line("'host' => env('MAIL_HOST', '127.0.0.1'),") + line("'port' => env('MAIL_PORT', 2525),")),
    },
  ],
});

ruleTester('cross-file-port-mode-mismatch', {
  valid: [
    // Symfony picks implicit TLS on 465 by itself: nothing contradicts
    { file: FILE, code: SKELETON_11, files: { '.env': 'MAIL_PORT=465\n' } },
  ],
  invalid: [
    {
      name: "'scheme' => 'smtps' written here, MAIL_PORT=587 from .env (no finding without the .env value)",
      file: FILE,
      code: mail(line("'scheme' => 'smtps',") + line("'host' => env('MAIL_HOST', 'smtp.example.com'),") + line("'port' => env('MAIL_PORT', 465),")),
      files: { '.env': 'MAIL_PORT=587\n' },
      errors: [{ line: 8, includes: ['MAIL_PORT=587', "'scheme' => 'smtps'", 'wrong version number'], related: [{ file: '.env', line: 1 }], safe: [false] }],
      output: mail(line("'scheme' => 'smtp',") + line("'host' => env('MAIL_HOST', 'smtp.example.com'),") + line("'port' => env('MAIL_PORT', 465),")),
    },
  ],
});

ruleTester('tls-verification-disabled', {
  valid: [...SKELETONS],
  invalid: [
    {
      name: "'verify_peer' => false in the mailer array (Laravel ≥ 9 passes it to Symfony's DSN options)",
      file: FILE,
      code: mail(line("'host' => 'smtp.example.com',") + line("'port' => 587,") + line("'verify_peer' => false,")),
      errors: [{ line: 10, includes: ["'verify_peer' => false"] }],
      output: mail(line("'host' => 'smtp.example.com',") + line("'port' => 587,")),
    },
  ],
});

ruleTester('hardcoded-smtp-credentials', {
  valid: [...SKELETONS, { file: FILE, code: mail(line("'host' => 'smtp.example.com',") + line("'password' => env('MAIL_PASSWORD', ''),")) }],
  invalid: [
    {
      name: 'a literal password in the mailer array',
      file: FILE,
      code: mail(line("'host' => 'smtp.example.com',") + line("'port' => 587,") + line("'username' => 'apps@example.com',") + line("'password' => 'Zx81wqPlm2Tr',")),
      errors: [{ line: 11 }],
    },
  ],
});

test('config/mail.php: only SMTP mailers become configs; the mode follows MailManager (scheme ?: port 465 → smtps)', () => {
  const cfgsOf = (code: string, files?: Record<string, string>) => findingsOf('laravel-invalid-mail-scheme', { file: FILE, code, files });
  // every skeleton is clean for every rule
  for (const c of SKELETONS) assert.deepEqual(cfgsOf(c.code).all.map((f) => f.ruleId), []);
  const { lintText } = require('../../server/src/engine') as typeof import('../../server/src/engine');
  const read = (code: string) => lintText('/w/config/mail.php', code, {}).read!.configs;
  const [smtp] = read(SKELETON_11);
  assert.equal(smtp.dialect, 'laravel');
  assert.equal(smtp.effective.port, 2525);
  assert.equal(smtp.effective.tlsMode, 'starttls-opportunistic');
  assert.equal(read(SKELETON_11.replace("env('MAIL_PORT', 2525)", "env('MAIL_PORT', 465)"))[0].effective.tlsMode, 'implicit');
  // failover / roundrobin / ses mailers are not SMTP
  assert.equal(read("<?php\nreturn ['mailers' => ['failover' => ['transport' => 'failover', 'mailers' => ['smtp', 'log']], 'postmark' => ['transport' => 'postmark']]];\n").length, 0);
  // two SMTP mailers: two configs
  assert.equal(read(mail(line("'host' => 'a.example.com',")).replace("'ses' => [\n            'transport' => 'ses',", "'backup' => [\n            'transport' => 'smtp', 'host' => 'b.example.com',")).length, 2);
});
