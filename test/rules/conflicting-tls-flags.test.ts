import { ruleTester } from './ruleTester';

ruleTester('conflicting-tls-flags', {
  valid: [
    { file: '.env', code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_USE_SSL=False\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=false\nSMTP_REQUIRE_TLS=true\n' },
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: true });\n" },
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, requireTLS: true, ignoreTLS: false });\n" },
    // secure:true with requireTLS on 587 is starttls-port-with-implicit-tls's finding, not a second one here
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: true, requireTLS: true });\n" },
    // port read at run time: redundancy unknown (if it is 587 the real problem is the mode)
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'h', port: Number(process.env.SMTP_PORT ?? 587), secure: true, requireTLS: true });\n" },
    // secure decided by the environment
    { file: 'src/mailer.ts', files: { '.env': 'SMTP_SECURE=true\n' }, code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'h', port: 465, secure: process.env.SMTP_SECURE === 'true', ignoreTLS: true });\n" },
  ],
  invalid: [
    {
      name: 'Mastodon: SMTP_TLS with SMTP_ENABLE_STARTTLS=always raises ArgumentError; 465 keeps implicit TLS',
      file: '.env.production',
      code: 'SMTP_SERVER=smtp.example.com\nSMTP_PORT=465\nSMTP_LOGIN=me\nSMTP_TLS=true\nSMTP_ENABLE_STARTTLS=always\n',
      errors: [{ line: 5, severity: 'error', includes: ['ArgumentError'] }],
      output: 'SMTP_SERVER=smtp.example.com\nSMTP_PORT=465\nSMTP_LOGIN=me\nSMTP_TLS=true\nSMTP_ENABLE_STARTTLS=never\n',
    },
    {
      name: 'Django: both flags raise ValueError; port 587 keeps STARTTLS',
      file: '.env',
      code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_USE_SSL=True\n',
      errors: [
        {
          line: 4,
          severity: 'error',
          message:
            "EMAIL_USE_SSL=True and EMAIL_USE_TLS=True are both on: Django raises ValueError('EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive') when it creates the connection. Port 587 needs STARTTLS, so drop EMAIL_USE_SSL.",
          related: [{ line: 3 }],
          safe: [true],
        },
      ],
      output: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\n',
    },
    {
      name: 'Django: port 465 keeps implicit TLS',
      file: '.env',
      code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=465\nEMAIL_USE_SSL=True\nEMAIL_USE_TLS=True\n',
      errors: [{ line: 4, includes: ['Port 465 needs implicit TLS, so drop EMAIL_USE_TLS'] }],
      output: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=465\nEMAIL_USE_SSL=True\n',
    },
    {
      name: 'nodemailer requireTLS + ignoreTLS: ignoreTLS wins',
      file: 'src/mailer.ts',
      code: "import nodemailer from 'nodemailer';\n\nexport const transporter = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  requireTLS: true,\n  ignoreTLS: true,\n});\n",
      errors: [{ line: 7, severity: 'warning', includes: ['ignoreTLS: true contradicts requireTLS: true'], related: [{ line: 6 }] }],
      output: "import nodemailer from 'nodemailer';\n\nexport const transporter = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  requireTLS: true,\n});\n",
    },
    {
      name: 'env: SMTP_REQUIRE_TLS + SMTP_IGNORE_TLS',
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_REQUIRE_TLS=true\nSMTP_IGNORE_TLS=true\n',
      errors: [{ line: 4, severity: 'warning' }],
      output: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_REQUIRE_TLS=true\n',
    },
    {
      name: 'nodemailer secure:true + requireTLS on 465 is redundant',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secure: true,\n  requireTLS: true,\n});\n",
      errors: [{ line: 6, severity: 'info', includes: ['requireTLS: true has no effect'] }],
      output: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secure: true,\n});\n",
    },
    {
      name: 'compose: Django env with both flags',
      file: 'docker-compose.yml',
      code: 'services:\n  web:\n    image: python:3.12\n    environment:\n      EMAIL_HOST: smtp.example.com\n      EMAIL_PORT: "587"\n      EMAIL_USE_TLS: "True"\n      EMAIL_USE_SSL: "True"\n',
      errors: [{ line: 8, severity: 'error' }],
    },
  ],
});
