import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('provider-port-unsupported', {
  valid: [
    { file: '.env', code: 'SMTP_HOST=smtp.office365.com\nSMTP_PORT=587\nSMTP_SECURE=false\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=465\nSMTP_SECURE=true\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.postmarkapp.com\nSMTP_PORT=2525\n' },
    { file: '.env', code: 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_PORT=2465\nSMTP_SECURE=true\n' },
  ],
  invalid: [
    {
      file: '.env',
      code: 'SMTP_HOST=smtp.office365.com\nSMTP_PORT=465\nSMTP_SECURE=true\n',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 29,
          severity: 'error',
          message: 'Microsoft 365 (smtp.office365.com) does not offer implicit TLS on port 465: the connection times out. Use 587 with STARTTLS.',
          related: [{ line: 2, message: 'port 465 is set here' }],
          safe: [true],
        },
      ],
      output: 'SMTP_HOST=smtp.office365.com\nSMTP_PORT=587\nSMTP_SECURE=false\n',
    },
    {
      name: 'Postmark on 465 in code',
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.postmarkapp.com',\n  port: 465,\n  secure: true,\n});\n",
      errors: [{ line: 4, includes: ['Postmark'] }],
    },
    {
      name: 'iCloud on 465: warning (medium confidence)',
      file: '.env',
      code: 'SMTP_HOST=smtp.mail.me.com\nSMTP_PORT=465\n',
      errors: [{ line: 1, severity: 'warning', safe: [false] }],
    },
    {
      name: 'compose',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.office365.com\n      SMTP_PORT: "465"\n',
      errors: [{ line: 5 }],
    },
  ],
});
