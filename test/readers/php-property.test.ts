// Property tests for the PHP reader: it never throws and every span lies inside the text, on arbitrary strings, on
// mutated (half-typed) versions of real PHPMailer / WordPress code and on 1 MB inputs; fixes render inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../server/src/register';
import { phpReader } from '../../server/src/readers/php/index';
import { lintText } from '../../server/src/engine';
import { lintInsideText } from './readResult';

const numRuns = process.env.CI ? 2000 : 300;

const SNIPPETS = [
  "<?php\nuse PHPMailer\\PHPMailer\\PHPMailer;\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = getenv('SMTP_HOST') ?: 'smtp.example.com';\n$mail->Port = (int) ($_ENV['SMTP_PORT'] ?? 465);\n$mail->SMTPSecure = 'tls';\n$mail->SMTPOptions = ['ssl' => ['verify_peer' => false, 'allow_self_signed' => true]];\n$mail->Password = 'hunter2hunter2';\n",
  "<?php\nadd_action( 'phpmailer_init', function ( $phpmailer ) {\n    $phpmailer->isSMTP();\n    $phpmailer->Host = SMTP_HOST;\n    $phpmailer->Port = 587;\n    $phpmailer->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;\n} );\n",
  // Laravel config/mail.php (readers/php/laravel.ts): mailers, env() defaults, the ≤ 6 top-level shape
  "<?php\n\nreturn [\n    'default' => env('MAIL_MAILER', 'smtp'),\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n            'scheme' => env('MAIL_SCHEME', 'tls'),\n            'url' => env('MAIL_URL', 'smtps://u:p@smtp.example.com:587?verify_peer=0'),\n            'host' => env('MAIL_HOST', '127.0.0.1'),\n            'port' => (int) env('MAIL_PORT', 465),\n            'encryption' => env('MAIL_ENCRYPTION', 'tls'),\n            'password' => 'hunter2hunter2',\n            'verify_peer' => false,\n        ],\n        'failover' => ['transport' => 'failover', 'mailers' => ['smtp', 'log']],\n    ],\n    'driver' => 'smtp', 'host' => 'x', 'port' => 25,\n];\n",
  "<?php\ndefine( 'WPMS_ON', true );\ndefine( 'WPMS_SMTP_PORT', 465 );\ndefine( 'WPMS_SSL', 'tls' );\ndefine( 'WPMS_SMTP_AUTOTLS', 'false' );\n?>\n<html><?= $x ?></html>\n",
];

const check = lintInsideText;

test('arbitrary text never throws', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void phpReader.read('/w/a.php', `<?php $mail->isSMTP(); ${s}`, {})), { numRuns });
});

test('half-typed PHP never throws, spans stay inside, fixes render inside', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SNIPPETS), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (src, a, b, junk) => {
      const i = a % (src.length + 1);
      const j = Math.min(src.length, i + (b % 12));
      check(src.slice(0, i) + junk + src.slice(j), '/w/mailer.php');
    }),
    { numRuns },
  );
});

test('1 MB inputs are read without a crash (behaviour, not time)', () => {
  const unit = SNIPPETS[0].replace(/^<\?php\n/, '');
  const big = '<?php\n' + unit.repeat(Math.ceil(1_000_000 / unit.length));
  assert.ok((check(big, '/w/big.php').read?.configs.length ?? 0) >= 1);
  const noise = '<?php $mail->isSMTP(); $a = ' + '[1, ["x" => ('.repeat(20_000);
  assert.ok(check(noise, '/w/noise.php').read);
  const mailers = "        'm' => ['transport' => 'smtp', 'host' => env('MAIL_HOST', 'h'), 'port' => env('MAIL_PORT', 465), 'encryption' => 'tls'],\n";
  const manyMailers = `<?php\nreturn ['mailers' => [\n${mailers.repeat(Math.ceil(1_000_000 / mailers.length))}]];\n`;
  assert.ok((check(manyMailers, '/w/config/mail.php').read?.configs.length ?? 0) > 1000);
  const huge = '<?php // SMTP\n' + '/'.repeat(2_100_000);
  assert.match(lintText('/w/huge.php', huge).problems[0]?.message ?? '', /larger than/);
});
