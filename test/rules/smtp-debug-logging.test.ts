import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('smtp-debug-logging', {
  valid: [
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, transactionLog: true });\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, debug: false });\n" },
    { file: 'src/main/resources/application.yml', code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    properties:\n      mail.debug: false\n' },
  ],
  invalid: [
    {
      name: 'application.properties mail.debug=true',
      file: 'src/main/resources/application.properties',
      code: 'spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.ssl.enable=true\nspring.mail.properties.mail.debug=true\n',
      errors: [{ line: 4, fixes: ['spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.ssl.enable=true\n'] }],
    },
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  debug: true,\n});\n",
      errors: [{ line: 6, column: 3, endColumn: 14, severity: 'info', message: 'debug: true logs the full SMTP dialogue, including message bodies and recipients; use transactionLog: true for a trace without content.', safe: [true] }],
      output: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n});\n",
    },
    {
      file: 'src/main/resources/application.yml',
      code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    properties:\n      mail.debug: true\n      mail.debug.auth: true\n',
      errors: [
        { line: 6, severity: 'info' },
        { line: 7, severity: 'warning', includes: ['base64-encoded password'] },
      ],
    },
  ],
});
