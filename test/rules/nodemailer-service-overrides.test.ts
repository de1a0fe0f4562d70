import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('nodemailer-service-overrides', {
  valid: [
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ service: 'gmail', auth: { user: 'a', pass: process.env.P } });\n" },
    // the same values as the preset: redundant but not surprising
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ service: 'gmail', port: 465, secure: true });\n" },
    // the Hotmail preset does not set secure, so secure: false applies
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ service: 'Hotmail', secure: false });\n" },
    // unknown service: nodemailer-unknown-service reports it
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ service: 'Office365', port: 587 });\n" },
  ],
  invalid: [
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  service: 'gmail',\n  port: 587,\n  auth: { user: 'me@gmail.com', pass: process.env.GMAIL_APP_PASSWORD },\n});\n",
      errors: [
        {
          line: 5,
          column: 3,
          endColumn: 12,
          severity: 'info',
          message: 'port: 587 is ignored: service "gmail" (nodemailer preset Gmail) sets port to 465, and the preset wins.',
          related: [{ line: 4 }],
          safe: [true, false],
        },
      ],
      output: head + "export const t = nodemailer.createTransport({\n  service: 'gmail',\n  auth: { user: 'me@gmail.com', pass: process.env.GMAIL_APP_PASSWORD },\n});\n",
    },
    {
      name: 'host and secure both overridden',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({\n  service: 'SendGrid',\n  host: 'smtp.example.com',\n  secure: true,\n});\n",
      errors: [{ line: 4, includes: ["host: 'smtp.example.com' is ignored"] }],
    },
  ],
});
