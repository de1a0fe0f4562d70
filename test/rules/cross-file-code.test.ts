// Cross-file values in PHP and Python (issue 12): the workspace's .env values reach env()/getenv()/$_ENV and
// os.environ/os.getenv/decouple/django-environ reads like process.env.X in JS. Each invalid case is clean without
// the .env file (the same code, no files): the finding exists only through the cross-file value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, ruleTester, type InvalidCase } from './ruleTester';

const PHP_HEAD = "<?php\n$mail = new PHPMailer\\PHPMailer\\PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n";

const invalid: InvalidCase[] = [
  {
    name: "PHP getenv('SMTP_PORT') ?: 587 with SMTPSecure 'tls', .env SMTP_PORT=465",
    file: 'src/Mailer.php',
    code: PHP_HEAD + "$mail->Port = getenv('SMTP_PORT') ?: 587;\n$mail->SMTPSecure = 'tls';\n",
    files: { '.env': 'SMTP_PORT=465\n' },
    errors: [{ line: 6, includes: ['SMTP_PORT=465', "SMTPSecure = 'tls'", 'PHPMailer'], related: [{ file: '.env', line: 1 }], safe: [false] }],
    output: PHP_HEAD + "$mail->Port = getenv('SMTP_PORT') ?: 587;\n$mail->SMTPSecure = 'ssl';\n",
  },
  {
    name: "PHP $_ENV['SMTP_PORT'] ?? 465 with ENCRYPTION_SMTPS, .env SMTP_PORT=587",
    file: 'src/Mailer.php',
    code: PHP_HEAD + "$mail->Port = (int) ($_ENV['SMTP_PORT'] ?? 465);\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;\n",
    files: { '.env': 'SMTP_PORT=587\n' },
    errors: [{ line: 6, includes: ['SMTP_PORT=587', 'wrong version number'], related: [{ file: '.env', line: 1 }] }],
    output: PHP_HEAD + "$mail->Port = (int) ($_ENV['SMTP_PORT'] ?? 465);\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;\n",
  },
  {
    name: "PHP Laravel env('MAIL_PORT') in a PHPMailer setup without SMTPSecure, .env MAIL_PORT=465",
    file: 'app/Mail/Transport.php',
    code: "<?php\n$mail->isSMTP();\n$mail->Host = env('MAIL_HOST', 'smtp.example.com');\n$mail->Port = env('MAIL_PORT', 587);\n",
    files: { '.env': 'MAIL_PORT=465\n' },
    errors: [{ line: 4, includes: ['MAIL_PORT=465', 'nothing here turns implicit TLS on'] }],
    output: "<?php\n$mail->isSMTP();\n$mail->Host = env('MAIL_HOST', 'smtp.example.com');\n$mail->Port = env('MAIL_PORT', 587);\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;\n",
  },
  {
    name: "Python os.environ.get('EMAIL_PORT', 587) with EMAIL_USE_TLS = True, .env EMAIL_PORT=465",
    file: 'app/settings.py',
    code: "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = int(os.environ.get('EMAIL_PORT', 587))\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n",
    files: { '.env': 'EMAIL_PORT=465\n' },
    errors: [{ line: 4, includes: ['EMAIL_PORT=465', 'EMAIL_USE_TLS = True', 'Django'], related: [{ file: '.env', line: 1 }] }],
    output: "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = int(os.environ.get('EMAIL_PORT', 587))\nEMAIL_USE_SSL = True\nEMAIL_TIMEOUT = 10\n",
  },
  {
    name: 'Python decouple config(cast=int) with EMAIL_USE_SSL = True, .env EMAIL_PORT=587',
    file: 'app/settings.py',
    code: "from decouple import config\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = config('EMAIL_PORT', default=465, cast=int)\nEMAIL_USE_SSL = True\nEMAIL_TIMEOUT = 10\n",
    files: { '.env': 'EMAIL_PORT=587\n' },
    errors: [{ line: 4, includes: ['EMAIL_PORT=587', 'EMAIL_USE_SSL = True'] }],
  },
  {
    name: "Python smtplib.SMTP_SSL(host, os.getenv('SMTP_PORT')), .env SMTP_PORT=587",
    file: 'notify.py',
    code: "import os, smtplib, ssl\nserver = smtplib.SMTP_SSL('smtp.example.com', int(os.getenv('SMTP_PORT', '465')), context=ssl.create_default_context(), timeout=10)\n",
    files: { '.env': 'SMTP_PORT=587\n' },
    errors: [{ line: 2, includes: ['SMTP_PORT=587'] }],
  },
];

ruleTester('cross-file-port-mode-mismatch', {
  valid: [
    // the .env agrees with the written mode
    { file: 'src/Mailer.php', code: PHP_HEAD + "$mail->Port = getenv('SMTP_PORT') ?: 587;\n$mail->SMTPSecure = 'tls';\n", files: { '.env': 'SMTP_PORT=587\n' } },
    { file: 'app/settings.py', code: "import os\nEMAIL_PORT = int(os.environ['EMAIL_PORT'])\nEMAIL_USE_SSL = True\nEMAIL_TIMEOUT = 10\n", files: { '.env': 'EMAIL_PORT=465\n' } },
    // the mode is read from the environment too: the .env decides both (its own findings are reported there)
    { file: 'app/settings.py', code: "import os\nEMAIL_PORT = int(os.environ['EMAIL_PORT'])\nEMAIL_USE_SSL = os.environ.get('EMAIL_USE_SSL', 'False') == 'True'\nEMAIL_TIMEOUT = 10\n", files: { '.env': 'EMAIL_PORT=465\nEMAIL_USE_SSL=True\n' } },
  ],
  invalid,
});

test('each cross-file case is clean without the .env value (the finding exists only through it)', () => {
  for (const c of invalid) {
    const { all } = findingsOf('cross-file-port-mode-mismatch', { file: c.file, code: c.code });
    const modeRules = all.filter((f) => /tls|port/.test(f.ruleId) && f.ruleId !== 'missing-smtp-timeouts');
    assert.deepEqual(modeRules.map((f) => f.ruleId), [], c.name);
  }
});
