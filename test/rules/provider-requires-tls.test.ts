import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('provider-requires-tls', {
  valid: [
    { file: '.env', code: 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_PORT=587\nSMTP_REQUIRE_TLS=true\nSMTP_USER=AKIAEXAMPLE\n' },
    { file: '.env', code: 'SMTP_HOST=email-smtp.us-east-1.amazonaws.com\nSMTP_PORT=465\nSMTP_SECURE=true\n' },
    // no credentials (a template): SES refuses without AUTH anyway, nothing leaks
    { file: '.env.example', code: 'EMAIL_HOST=email-smtp.eu-west-1.amazonaws.com\nEMAIL_PORT=25\nEMAIL_HOST_USER=\nEMAIL_USE_TLS=False\n' },
    // other providers with TLS off: tls-disabled-with-credentials
    { file: '.env', code: 'SMTP_HOST=smtp.sendgrid.net\nSMTP_PORT=587\nSMTP_IGNORE_TLS=true\nSMTP_USER=apikey\n' },
  ],
  invalid: [
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'email-smtp.eu-west-1.amazonaws.com',\n  port: 587,\n  ignoreTLS: true,\n  auth: { user: process.env.SES_USER, pass: process.env.SES_PASS },\n});\n",
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 18,
          severity: 'error',
          message: 'Amazon SES (email-smtp.eu-west-1.amazonaws.com) accepts only TLS connections, but ignoreTLS: true switches TLS off: the server refuses to send, and any login happens in clear text.',
          safe: [true, true],
        },
      ],
      output: head + "export const t = nodemailer.createTransport({\n  host: 'email-smtp.eu-west-1.amazonaws.com',\n  port: 587,\n  requireTLS: true,\n  auth: { user: process.env.SES_USER, pass: process.env.SES_PASS },\n});\n",
    },
    {
      name: 'generic env',
      file: '.env',
      code: 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_PORT=587\nSMTP_IGNORE_TLS=true\nSMTP_USER=AKIAEXAMPLE\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'compose map',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: email-smtp.eu-west-1.amazonaws.com\n      SMTP_PORT: 25\n      SMTP_IGNORE_TLS: "true"\n      SMTP_USER: AKIAEXAMPLE\n',
      errors: [{ line: 7 }],
    },
  ],
});
