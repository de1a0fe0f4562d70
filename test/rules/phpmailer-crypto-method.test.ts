// PHPMailer SMTPOptions['ssl']['crypto_method'] with TLS 1.0/1.1/SSLv3 flags (rules-research-polyglot §1.4;
// semantics/phpmailer.ts): PHP's ssl:// socket reads it (php-src xp_ssl.c php_openssl_get_crypto_method), so it
// lowers the floor of PHPMailer's implicit TLS; PHPMailer's STARTTLS passes its own method to
// stream_socket_enable_crypto() and the option does nothing there (not reported).
import { ruleTester } from './ruleTester';

const MAILER = (secure: string, port: number, options: string) =>
  `<?php\nuse PHPMailer\\PHPMailer\\PHPMailer;\n\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n$mail->Port = ${port};\n$mail->SMTPSecure = ${secure};\n$mail->SMTPOptions = ['ssl' => [\n    ${options}\n]];\n`;
const SMTPS = (options: string) => MAILER('PHPMailer::ENCRYPTION_SMTPS', 465, options);

ruleTester('legacy-tls-version', {
  valid: [
    { file: 'src/Mailer.php', code: SMTPS("'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT,") },
    { file: 'src/Mailer.php', code: SMTPS("'crypto_method' => STREAM_CRYPTO_METHOD_TLS_CLIENT,") },
    // STARTTLS: PHPMailer's startTLS() passes its own crypto method; the context option is not read
    { file: 'src/Mailer.php', code: MAILER('PHPMailer::ENCRYPTION_STARTTLS', 587, "'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT,") },
    // an HTTP stream context, not PHPMailer's
    { file: 'src/Http.php', code: "<?php\n$ctx = stream_context_create(['ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT]]);\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = 'ssl://smtp.example.com:465';\n" },
    // PHP mail(), not SMTP: SMTPOptions is dead
    { file: 'src/Mailer.php', code: "<?php\n$mail = new PHPMailer(true);\n$mail->isMail();\n$mail->SMTPOptions = ['ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT]];\n" },
  ],
  invalid: [
    {
      name: 'PHPMailer: implicit TLS with crypto_method TLS 1.0',
      file: 'src/Mailer.php',
      code: SMTPS("'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT,"),
      errors: [{ line: 10, column: 6, endColumn: 59, severity: 'warning', message: "'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT lets the connection fall back to TLSv1, which RFC 8996 deprecates (RFC 8997: TLS 1.2 is the floor for mail)." }],
      output: SMTPS("'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT,"),
    },
    {
      name: 'PHPMailer: ssl:// prefix with TLS 1.1 OR-ed into TLS 1.2 (the legacy flag goes, the rest stays)',
      file: 'src/Mailer.php',
      code: "<?php\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = 'ssl://smtp.example.com:465';\n$mail->SMTPOptions = ['ssl' => ['verify_peer' => true, 'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT]];\n",
      errors: [{ line: 5, includes: ['fall back to TLSv1.1'] }],
      output: "<?php\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = 'ssl://smtp.example.com:465';\n$mail->SMTPOptions = ['ssl' => ['verify_peer' => true, 'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT]];\n",
    },
    {
      name: 'PHPMailer: TLS 1.0 and 1.1 together, mode from the environment (may be implicit TLS)',
      file: 'src/Mailer.php',
      code: MAILER("getenv('SMTP_SECURE')", 465, "'crypto_method' => \\STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT | \\STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT,"),
      errors: [{ line: 10, includes: ['fall back to TLSv1/TLSv1.1'] }],
      output: MAILER("getenv('SMTP_SECURE')", 465, "'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT,"),
    },
    {
      name: 'PHPMailer: a crypto_method that is not a plain OR of flags: reported, no edit',
      file: 'src/Mailer.php',
      code: SMTPS("'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT + $extra,"),
      errors: [{ line: 10, includes: ['fall back to TLSv1'] }],
      output: null,
    },
  ],
});
