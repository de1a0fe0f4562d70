import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('deprecated-mail-setting', {
  valid: [
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: true });\n" },
    { file: '.env', code: 'SMTP_SERVER=smtp.example.com\nSMTP_PORT=587\nSMTP_LOGIN=me\nSMTP_ENABLE_STARTTLS=always\n' },
  ],
  invalid: [
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secureConnection: true,\n});\n",
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 25,
          severity: 'info',
          message: 'secureConnection: true is a nodemailer 0.x option that current nodemailer ignores; the option is secure.',
          safe: [false],
        },
      ],
      output: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secure: true,\n});\n",
    },
    {
      name: 'secureConnection next to secure: remove it',
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secure: true,\n  secureConnection: true,\n});\n",
      errors: [{ line: 7, safe: [true] }],
      output: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secure: true,\n});\n",
    },
    {
      name: 'Mastodon SMTP_ENABLE_STARTTLS_AUTO',
      file: '.env.production',
      code: 'SMTP_SERVER=smtp.example.com\nSMTP_PORT=587\nSMTP_LOGIN=me\nSMTP_ENABLE_STARTTLS_AUTO=true\n',
      errors: [{ line: 4, includes: ['SMTP_ENABLE_STARTTLS'] }],
      output: 'SMTP_SERVER=smtp.example.com\nSMTP_PORT=587\nSMTP_LOGIN=me\nSMTP_ENABLE_STARTTLS=auto\n',
    },
  ],
});
