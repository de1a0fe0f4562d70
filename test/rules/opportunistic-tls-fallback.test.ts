import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('opportunistic-tls-fallback', {
  valid: [
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, requireTLS: true, auth: { user: 'me', pass: process.env.P } });\n" },
    // no credentials: nothing to leak
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'relay.example.com', port: 25, opportunisticTLS: true });\n" },
    // implicit TLS never falls back
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: true, opportunisticTLS: true, auth: { user: 'me', pass: process.env.P } });\n" },
  ],
  invalid: [
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  opportunisticTLS: true,\n  auth: { user: 'me', pass: process.env.SMTP_PASS },\n});\n",
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 25,
          severity: 'warning',
          message:
            'opportunisticTLS: true lets the session continue unencrypted when STARTTLS fails, and credentials are configured: an attacker who breaks STARTTLS gets the password in clear text (RFC 3207 §6). Use requireTLS: true instead.',
          related: [{ line: 7 }],
          safe: [true],
        },
      ],
      output: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  requireTLS: true,\n  auth: { user: 'me', pass: process.env.SMTP_PASS },\n});\n",
    },
    {
      name: 'generic env SMTP_OPPORTUNISTIC_TLS',
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_OPPORTUNISTIC_TLS=true\nSMTP_USER=me\n',
      errors: [{ line: 3 }],
    },
  ],
});
