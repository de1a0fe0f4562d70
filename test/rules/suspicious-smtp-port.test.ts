import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('suspicious-smtp-port', {
  valid: [
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=2525\n' },
    { file: '.env', code: 'SMTP_HOST=localhost\nSMTP_PORT=1025\n' },
    // not a mail key
    { file: '.env', code: 'REDIS_PORT=456\n' },
  ],
  invalid: [
    {
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=456\nSMTP_SECURE=true\n',
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 14,
          severity: 'warning',
          message: 'Port 456 is not a mail port; it looks like a typo of 465 (implicit TLS, RFC 8314). The connection will be refused or time out.',
          safe: [false, false],
          fixes: ['SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=true\n', 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=true\n'],
        },
      ],
    },
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 578 });\n",
      errors: [{ line: 3, includes: ['typo of 587'] }],
      output: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587 });\n",
    },
    {
      name: 'compose',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 5870\n',
      errors: [{ line: 6 }],
    },
  ],
});
