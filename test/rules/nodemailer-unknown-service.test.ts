import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('nodemailer-unknown-service', {
  valid: [
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ service: 'gmail', auth: { user: 'a', pass: process.env.P } });\n" },
    // nodemailer's lookup ignores case, spaces and punctuation, and accepts aliases and e-mail domains
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ service: 'Google Mail' });\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ service: 'someone@googlemail.com' });\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ service: 'Outlook365' });\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ service: 'SES-US-EAST-1' });\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ service: process.env.SMTP_SERVICE });\n" },
    { file: '.env', code: 'SMTP_SERVICE=SendGrid\n' },
  ],
  invalid: [
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  service: 'Office365',\n  auth: { user: 'me@example.com', pass: process.env.SMTP_PASS },\n});\n",
      errors: [
        {
          line: 4,
          column: 3,
          endColumn: 23,
          severity: 'error',
          message: 'nodemailer does not know the service "Office365", so it ignores it without a warning and connects to localhost:587 (ECONNREFUSED). Did you mean "Outlook365"?',
          safe: [false],
        },
      ],
      output: head + "export const t = nodemailer.createTransport({\n  service: 'Outlook365',\n  auth: { user: 'me@example.com', pass: process.env.SMTP_PASS },\n});\n",
    },
    {
      name: 'typo with a host written: warning, and removing service is an alternative',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({ service: 'Gmial', host: 'smtp.gmail.com', port: 465 });\n",
      errors: [{ line: 2, severity: 'warning', includes: ['Did you mean "Gmail"?'], fixCount: 2 }],
    },
    {
      name: 'generic env SMTP_SERVICE',
      file: '.env',
      code: 'SMTP_SERVICE=office365\nSMTP_USER=me@example.com\n',
      errors: [{ line: 1, includes: ['Outlook365'] }],
      output: 'SMTP_SERVICE=Outlook365\nSMTP_USER=me@example.com\n',
    },
  ],
});
