import { ruleTester } from './ruleTester';

ruleTester('nonstandard-submission-port', {
  valid: [
    { file: '.env', code: 'SMTP_HOST=smtp.sendgrid.net\nSMTP_PORT=2525\n' },
    { file: '.env', code: 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_PORT=2587\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=587\n' },
    { file: '.env', code: 'SMTP_HOST=localhost\nSMTP_PORT=2525\n' },
  ],
  invalid: [
    {
      file: '.env',
      code: 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=2525\n',
      errors: [{ line: 2, column: 1, endColumn: 15, message: 'Gmail (smtp.gmail.com) does not offer port 2525: the connection times out. Use 587 (STARTTLS).', safe: [false] }],
      output: 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=587\n',
    },
    {
      name: 'unknown host: info',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: mail.example.com\n      SMTP_PORT: 2465\n',
      errors: [{ line: 6, includes: ['alternative to 465'] }],
    },
  ],
});
