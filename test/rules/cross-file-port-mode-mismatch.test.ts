import { ruleTester } from './ruleTester';

const mailer = (secure: string) =>
  "import nodemailer from 'nodemailer';\n\nexport const transporter = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT),\n" + `  secure: ${secure},\n` + '});\n';

ruleTester('cross-file-port-mode-mismatch', {
  valid: [
    { file: 'src/mailer.ts', files: { '.env': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\n' }, code: mailer('false') },
    { file: 'src/mailer.ts', files: { '.env': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n' }, code: mailer('true') },
    { file: 'src/mailer.ts', files: { '.env': 'SMTP_PORT=465\n' }, code: mailer('Number(process.env.SMTP_PORT) === 465') },
    // no .env value known: nothing to compare
    { file: 'src/mailer.ts', code: mailer('false') },
    // a .env in an unrelated folder tree does not feed this file
    { file: 'src/mailer.ts', files: { 'other/.env': 'SMTP_PORT=465\n' }, code: mailer('false') },
  ],
  invalid: [
    {
      file: 'src/mailer.ts',
      files: { '.env': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n' },
      code: mailer('false'),
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 16,
          severity: 'warning',
          message:
            "The .env file sets SMTP_PORT=465 (the server expects implicit TLS from the first byte, RFC 8314 §3.3), but secure: false is hard-coded here: nodemailer waits for a plaintext greeting and times out with 'Greeting never received'.",
          related: [{ file: '.env', line: 2, message: 'SMTP_PORT=465 is set here' }],
          safe: [true, false],
          fixes: [mailer('Number(process.env.SMTP_PORT) === 465'), mailer('true')],
        },
      ],
    },
    {
      name: 'the mirror case: 587 in .env, secure: true in code',
      file: 'src/mail/mailer.js',
      files: { '.env.production': 'SMTP_PORT=587\n' },
      code: mailer('true'),
      errors: [{ line: 6, includes: ['SMTP_PORT=587', 'wrong version number'], related: [{ file: '.env.production', line: 1 }] }],
      output: mailer('Number(process.env.SMTP_PORT) === 465'),
    },
  ],
});
