import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('starttls-not-enforced', {
  valid: [
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, requireTLS: true, auth: { user: 'me', pass: process.env.P } });\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, auth: { user: 'me', pass: process.env.P } });\n" },
    // no credentials
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587 });\n" },
    // local dev catcher
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'localhost', port: 587, auth: { user: 'dev', pass: 'dev' } });\n" },
    // Django's STARTTLS is mandatory
    { file: '.env', code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_HOST_USER=me\n' },
    // port 25 is port-25-with-credentials' finding
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=25\nSMTP_USER=me\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_REQUIRE_TLS=true\nSMTP_USER=me\n' },
  ],
  invalid: [
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  secure: false,\n  auth: { user: 'me', pass: process.env.SMTP_PASS },\n});\n",
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 16,
          severity: 'info',
          message:
            'With secure: false, nodemailer uses STARTTLS only if the server offers it: an attacker who strips the offer gets the password in clear text (RFC 3207 §6). Require it with requireTLS: true.',
          safe: [true],
        },
      ],
      output: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  secure: false,\n  requireTLS: true,\n  auth: { user: 'me', pass: process.env.SMTP_PASS },\n});\n",
    },
    {
      name: 'generic env on 587 without SMTP_REQUIRE_TLS',
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=false\nSMTP_USER=me\n',
      errors: [{ line: 3, includes: ['SMTP_SECURE=false'] }],
    },
    {
      name: 'Spring starttls.enable without starttls.required',
      file: 'src/main/resources/application.yml',
      code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    username: mailer\n    properties:\n      mail.smtp.auth: true\n      mail.smtp.starttls.enable: true\n',
      errors: [{ line: 8, includes: ['mail.smtp.starttls.required: true'] }],
    },
  ],
});
