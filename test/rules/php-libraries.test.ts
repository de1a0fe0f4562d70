// RuleTester tables for PHP (rules-research-polyglot §1, §3): PHPMailer in code, WordPress phpmailer_init hooks, WP
// Mail SMTP constants — the must-stay-clean idioms of the research as valid cases, the failure classes as invalid
// cases with the exact text of each fix.
import { ruleTester } from './ruleTester';

const HEAD = "<?php\nuse PHPMailer\\PHPMailer\\PHPMailer;\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n";

ruleTester('implicit-tls-port-without-tls', {
  valid: [
    // 587 without SMTPSecure: opportunistic STARTTLS (SMTPAutoTLS default)
    { file: 'src/Mailer.php', code: HEAD + "$mail->Port = 587;\n" },
    // 465 with the ssl:// prefix or ENCRYPTION_SMTPS or 'ssl'
    { file: 'src/Mailer.php', code: "<?php\n$mail->isSMTP();\n$mail->Host = 'ssl://smtp.example.com';\n$mail->Port = 465;\n" },
    { file: 'src/Mailer.php', code: HEAD + "$mail->Port = 465;\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;\n" },
    { file: 'src/Mailer.php', code: HEAD + "$mail->Port = 465;\n$mail->SMTPSecure = 'ssl';\n" },
    // a local catcher without TLS
    { file: 'src/Mailer.php', code: "<?php\n$mail->isSMTP();\n$mail->Host = 'localhost';\n$mail->Port = 1025;\n$mail->SMTPAutoTLS = false;\n" },
    // isMail(): the SMTP properties are dead (PHP mail() is used)
    { file: 'src/Mailer.php', code: "<?php\n$mail = new PHPMailer();\n$mail->isMail();\n$mail->Port = 465;\n$mail->SMTPSecure = 'tls';\n" },
    // a value from a container or another file: no guess
    { file: 'src/Mailer.php', code: "<?php\n$mail->isSMTP();\n$mail->Port = $config->get('mail.port');\n$mail->SMTPSecure = 'tls';\n" },
    // WP Mail SMTP constants are inactive without WPMS_ON === true
    { file: 'wp-config.php', code: "<?php\ndefine( 'WPMS_SMTP_PORT', 465 );\ndefine( 'WPMS_SSL', 'tls' );\n" },
    // not mail: a database port and TLS flag
    { file: 'config/database.php', code: "<?php\n$db->Port = 465;\n$db->SMTPSecure = 'tls';\n// smtp word only in a comment\n" },
  ],
  invalid: [
    {
      name: "PHPMailer: SMTPSecure 'tls' on 465",
      file: 'src/Mailer.php',
      code: HEAD + "$mail->Port = 465;\n$mail->SMTPSecure = 'tls';\n",
      errors: [{ line: 7, column: 8, includes: ["SMTPSecure = 'tls'", 'PHPMailer', '300 s'] }],
      output: HEAD + "$mail->Port = 465;\n$mail->SMTPSecure = 'ssl';\n",
    },
    {
      name: "PHPMailer: upper-case 'SSL' is not 'ssl' (strict comparison)",
      file: 'src/Mailer.php',
      code: HEAD + "$mail->Port = 465;\n$mail->SMTPSecure = 'SSL';\n",
      errors: [{ line: 7 }],
      output: HEAD + "$mail->Port = 465;\n$mail->SMTPSecure = 'ssl';\n",
    },
    {
      name: 'PHPMailer: 465 without SMTPSecure (a constant is added after Port)',
      file: 'src/Mailer.php',
      code: HEAD + "$mail->Port = 465;\n$mail->SMTPAuth = true;\n",
      errors: [{ line: 6, includes: ['SMTPSecure = PHPMailer::ENCRYPTION_SMTPS'] }],
      output: HEAD + "$mail->Port = 465;\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;\n$mail->SMTPAuth = true;\n",
    },
    {
      name: 'PHPMailer: the port from env() with its default (Laravel-style helper)',
      file: 'app/Mail/Transport.php',
      code: "<?php\n$mail->isSMTP();\n$mail->Host = env('MAIL_HOST', 'smtp.example.com');\n$mail->Port = env('MAIL_PORT', 465);\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;\n",
      errors: [{ line: 5 }],
      output: "<?php\n$mail->isSMTP();\n$mail->Host = env('MAIL_HOST', 'smtp.example.com');\n$mail->Port = env('MAIL_PORT', 465);\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;\n",
    },
    {
      name: 'WP Mail SMTP: WPMS_SSL tls on 465',
      file: 'wp-config.php',
      code: "<?php\ndefine( 'WPMS_ON', true );\ndefine( 'WPMS_SMTP_HOST', 'smtp.example.com' );\ndefine( 'WPMS_SMTP_PORT', 465 );\ndefine( 'WPMS_SSL', 'tls' );\n",
      errors: [{ line: 5, includes: ['WP Mail SMTP'] }],
      output: "<?php\ndefine( 'WPMS_ON', true );\ndefine( 'WPMS_SMTP_HOST', 'smtp.example.com' );\ndefine( 'WPMS_SMTP_PORT', 465 );\ndefine( 'WPMS_SSL', 'ssl' );\n",
    },
  ],
});

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    { file: 'src/Mailer.php', code: HEAD + "$mail->Port = 587;\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;\n" },
    // the prefix wins over SMTPSecure: tls:// + 'ssl' is STARTTLS
    { file: 'src/Mailer.php', code: "<?php\n$mail->isSMTP();\n$mail->Host = 'tls://smtp.example.com';\n$mail->Port = 587;\n$mail->SMTPSecure = 'ssl';\n" },
  ],
  invalid: [
    {
      name: 'phpmailer_init hook: ENCRYPTION_SMTPS on 587',
      file: 'wp-content/themes/site/functions.php',
      code: "<?php\nadd_action( 'phpmailer_init', function ( $phpmailer ) {\n    $phpmailer->Host = 'smtp.example.com';\n    $phpmailer->Port = 587;\n    $phpmailer->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;\n} );\n",
      errors: [{ line: 5, includes: ['wrong version number'] }],
      output: "<?php\nadd_action( 'phpmailer_init', function ( $phpmailer ) {\n    $phpmailer->Host = 'smtp.example.com';\n    $phpmailer->Port = 587;\n    $phpmailer->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;\n} );\n",
    },
    {
      name: 'PHPMailer: ssl:// prefix on 587 (the prefix is fixed)',
      file: 'src/Mailer.php',
      code: "<?php\n$mail->isSMTP();\n$mail->Host = 'ssl://smtp.example.com';\n$mail->Port = 587;\n",
      errors: [{ line: 4 }],
      output: "<?php\n$mail->isSMTP();\n$mail->Host = 'tls://smtp.example.com';\n$mail->Port = 587;\n",
    },
  ],
});

ruleTester('tls-verification-disabled', {
  valid: [
    // a private CA, still verifying
    { file: 'src/Mailer.php', code: HEAD + "$mail->Port = 587;\n$mail->SMTPOptions = ['ssl' => ['verify_peer' => true, 'cafile' => '/etc/ssl/ca.pem']];\n" },
  ],
  invalid: [
    {
      name: 'PHPMailer: SMTPOptions verify_peer false',
      file: 'src/Mailer.php',
      code: HEAD + "$mail->Port = 587;\n$mail->SMTPOptions = [\n    'ssl' => [\n        'verify_peer' => false,\n        'cafile' => '/etc/ssl/ca.pem',\n    ],\n];\n",
      errors: [{ line: 9, includes: ["'verify_peer' => false"] }],
      output: HEAD + "$mail->Port = 587;\n$mail->SMTPOptions = [\n    'ssl' => [\n        'cafile' => '/etc/ssl/ca.pem',\n    ],\n];\n",
    },
    {
      name: 'PHPMailer: allow_self_signed inline',
      file: 'src/Mailer.php',
      code: HEAD + "$mail->Port = 587;\n$mail->SMTPOptions = ['ssl' => ['verify_peer' => true, 'allow_self_signed' => true]];\n",
      errors: [{ line: 7, includes: ["'allow_self_signed' => true"] }],
      output: HEAD + "$mail->Port = 587;\n$mail->SMTPOptions = ['ssl' => ['verify_peer' => true]];\n",
    },
  ],
});

ruleTester('hardcoded-smtp-credentials', {
  valid: [{ file: 'src/Mailer.php', code: HEAD + "$mail->Port = 587;\n$mail->Username = 'me';\n$mail->Password = getenv('SMTP_PASS');\n" }],
  invalid: [
    {
      name: 'PHPMailer: literal password',
      file: 'src/Mailer.php',
      code: HEAD + "$mail->Port = 587;\n$mail->Username = 'me';\n$mail->Password = 'Zx81wqPlm2Tr';\n",
      errors: [{ line: 8 }],
    },
  ],
});
