// Plain words for messages: the library behind a dialect, its failure symptoms, a setting as written.
import type { Dialect, Field } from '../../model/types';
import { sendsWithNodemailer } from '../../semantics/libraries';
import { MAILKIT_HANG, MAILKIT_WRONG_VERSION } from '../../semantics/mailkit';

/** The library that interprets a dialect, for messages ("nodemailer", "Django (smtplib)"). */
export function libName(d: Dialect): string {
  if (sendsWithNodemailer(d)) return 'nodemailer';
  switch (d) {
    case 'laravel':
      return 'Laravel (Symfony Mailer)';
    case 'symfony':
      return 'Symfony Mailer';
    case 'django':
      return 'Django (smtplib)';
    case 'spring':
    case 'javamail':
      return 'JavaMail';
    case 'mastodon':
    case 'discourse':
      return 'the Ruby mail gem';
    case 'grafana':
      return 'Grafana';
    case 'gitea':
      return 'Gitea';
    case 'phpmailer':
      return 'PHPMailer';
    case 'wp-mail-smtp':
      return 'WP Mail SMTP (PHPMailer)';
    case 'flask-mail':
      return 'Flask-Mail (smtplib)';
    case 'flask-mailman':
      return 'Flask-Mailman (smtplib)';
    case 'smtplib':
      return 'smtplib';
    case 'aiosmtplib':
      return 'aiosmtplib';
    case 'fastapi-mail':
      return 'FastAPI-Mail (aiosmtplib)';
    case 'go-smtp':
      return 'Go net/smtp';
    case 'gomail':
      return 'gomail';
    case 'go-mail':
      return 'go-mail';
    case 'mailkit':
      return 'MailKit';
    case 'system-net-mail':
      return 'System.Net.Mail.SmtpClient';
    case 'dotnet-config':
      return 'the .NET mail client';
    case 'mail-gem':
      return 'the Ruby mail gem';
    default:
      return 'the mail client';
  }
}

/** What a plaintext client sees on an implicit-TLS port. */
export function hangSymptom(d: Dialect): string {
  if (sendsWithNodemailer(d)) return "it times out with 'Greeting never received'";
  switch (d) {
    case 'django':
      return 'the worker hangs until EMAIL_TIMEOUT (forever when unset)';
    case 'spring':
    case 'javamail':
      return 'the connection hangs until mail.smtp.timeout (forever when unset)';
    case 'mastodon':
    case 'discourse':
    case 'mail-gem':
      return 'it fails with Net::ReadTimeout';
    case 'smtplib':
    case 'flask-mail':
    case 'flask-mailman':
      return "the call blocks (smtplib has no timeout unless one is passed) until the server drops the connection: 'SMTPServerDisconnected: Connection unexpectedly closed'";
    case 'aiosmtplib':
    case 'fastapi-mail':
      return "it fails after the 60 s timeout with 'Timed out waiting for server ready message'";
    case 'phpmailer':
    case 'wp-mail-smtp':
      return "PHPMailer waits up to its Timeout (300 s; WP Mail SMTP 30 s) and fails with 'SMTP Error: Could not connect to SMTP host'";
    case 'go-smtp':
      return "the call blocks (net/smtp sets no deadline) until the server drops the connection, then fails with 'EOF'";
    case 'gomail':
      return "the send blocks (gomail sets a deadline only for the TCP connect) until the server drops the connection: 'EOF'";
    case 'go-mail':
      return "it fails after go-mail's 15 s timeout ('i/o timeout')";
    case 'mailkit':
      return MAILKIT_HANG;
    case 'system-net-mail':
      return "it fails after its Timeout (100 s) with 'SmtpException: The operation has timed out.'";
    default:
      return 'the connection hangs until a timeout';
  }
}

/** What an implicit-TLS client sees on a plaintext-greeting port. */
export function wrongVersionSymptom(d: Dialect): string {
  switch (d) {
    case 'spring':
    case 'javamail':
      return "it fails with 'Unsupported or unrecognized SSL message'";
    case 'go-smtp':
    case 'gomail':
    case 'go-mail':
      return "it fails with 'tls: first record does not look like a TLS handshake'";
    case 'laravel':
    case 'symfony':
      return "it fails with 'Connection could not be established … wrong version number'";
    case 'mailkit':
      return MAILKIT_WRONG_VERSION;
    default:
      return "it fails with 'wrong version number'";
  }
}

/** A setting as written, for messages: `SMTP_SECURE=false`, `secure: false`, `the smtp:// scheme`. Secrets stay '***'. */
export function show(f: Field): string {
  let text = f.text.length > 60 ? f.text.slice(0, 57) + '…' : f.text;
  // A quoted string where a boolean or number is expected matters in code ('false' is truthy): show the quotes.
  if (f.site.style === 'js-prop' && f.site.quote && f.text !== '***') text = `${f.site.quote}${text}${f.site.quote}`;
  switch (f.site.style) {
    case 'env':
    case 'yaml-list':
      return `${f.key}=${text}`;
    case 'rb-code':
      // a Ruby hash pair: `tls: true`, `openssl_verify_mode: 'none'`
      return `${f.key}: ${f.site.quote && f.text !== '***' ? f.site.quote + text + f.site.quote : text}`;
    case 'php-code':
    case 'py-code':
      // code as written: `EMAIL_USE_TLS = True`, `use_tls=True`, `$mail->SMTPSecure = 'tls'`, `smtplib.SMTP`,
      // a PHP array pair `'encryption' => 'tls'`
      if (f.site.key && /^(['"])\{key\}\1\s*=>/.test(f.site.template ?? '')) return `'${f.key}' => ${f.site.quote ? f.site.quote + text + f.site.quote : text}`;
      return f.site.key ? `${f.key} = ${f.site.quote ? f.site.quote + text + f.site.quote : text}` : text;
    case 'go-code': {
      // `InsecureSkipVerify: true` (struct element), `d.SSL = true` (assignment), `mail.WithPort(465)` (option),
      // an address string as written
      const t = f.site.quote ? f.site.quote + text + f.site.quote : text;
      if (f.site.template?.includes('{key}(')) return `${f.key}(${t})`;
      if (f.site.key) return `${f.key}: ${t}`;
      if (f.site.template?.includes('= {value}')) return `${f.key} = ${t}`;
      return text;
    }
    case 'java-code':
      // `mail.smtp.ssl.enable = "true"` (a props.put entry), `setPort(465)` / `session.setDebug(true)` (a call)
      return f.site.key ? `${f.key} = ${f.site.quote ? f.site.quote + text + f.site.quote : text}` : `${f.key}(${f.site.quote ? f.site.quote + text + f.site.quote : text})`;
    case 'url-part':
      if (f.key === 'scheme') return `the ${text}:// scheme`;
      if (f.key === 'port') return `port ${text} in the URL`;
      if (f.key === 'host') return `host ${text} in the URL`;
      return `${f.key}=${text} in the URL`;
    case 'js-expr':
      return text;
    case 'ini':
      return `${f.key} = ${text}`;
    case 'properties':
      return `${f.key}=${text}`;
    case 'json-prop':
      return `"${f.key}": ${f.site.quote && f.text !== '***' ? `"${text}"` : text}`;
    case 'cs-code':
      // C# as written: `EnableSsl = false`, `SecureSocketOptions.StartTls`, a positional argument as is
      return f.site.key ? `${f.key} = ${text}` : f.key === 'useSsl' ? `useSsl: ${text}` : text;
    default:
      return `${f.key}: ${text}`;
  }
}

/** Just the key name for messages ('SMTP_SECURE', 'secure', 'mail.smtp.ssl.enable'). */
export function keyName(f: Field): string {
  return f.site.style === 'url-part' ? (f.key === 'scheme' ? 'the URL scheme' : `the URL ${f.key}`) : f.key;
}
