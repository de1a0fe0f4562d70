import { ruleTester } from './ruleTester';

// GitHub Actions dawidd6/action-send-mail `with:` inputs (issue 11); inputs joined by \n.
const wf = (inputs: string): string =>
  `jobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Mail\n        uses: dawidd6/action-send-mail@v3\n        with:\n${inputs.split('\n').map((l) => `          ${l}\n`).join('')}          subject: Build\n          to: team@example.com\n          from: CI <ci@example.com>\n`;

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    // application.properties: ${SMTP_PORT:587} with STARTTLS required (the default applies: no .env sets it)
    { file: 'src/main/resources/application.properties', code: 'spring.mail.host=smtp.example.com\nspring.mail.port=${SMTP_PORT:587}\nspring.mail.properties.mail.smtp.starttls.enable=true\nspring.mail.properties.mail.smtp.starttls.required=true\n' },
    { file: '.github/workflows/notify.yml', code: wf('server_address: smtp.example.com\nserver_port: 587\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}') },
    // Gitea app.ini: smtp+starttls on 587; Grafana grafana.ini on 587 (never implicit there)
    { file: 'custom/conf/app.ini', code: '[mailer]\nENABLED = true\nPROTOCOL = smtp+starttls\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 587\n' },
    { file: 'grafana.ini', code: '[smtp]\nenabled = true\nhost = smtp.example.com:587\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=false\nSMTP_REQUIRE_TLS=true\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=2525\n' },
    { file: '.env', code: 'SMTP_HOST=localhost\nSMTP_PORT=25\nSMTP_SECURE=false\n' },
    // Laravel 9+ ignores MAIL_ENCRYPTION (laravel-mail-encryption-ignored reports the contradiction)
    { file: '.env', code: 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_ENCRYPTION=ssl\n' },
    { file: '.env', code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\n' },
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: false, requireTLS: true });\n" },
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: process.env.SMTP_SECURE === 'true' });\n" },
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport('smtp://user:pass@smtp.example.com:587');\n" },
    { file: 'src/app.ts', code: "app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true }, port: 587 }));\n" },
    { file: 'docker-compose.yml', code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 587\n      SMTP_SECURE: "false"\n' },
  ],
  invalid: [
    {
      name: 'application.properties: protocol smtps on 587',
      file: 'src/main/resources/application.properties',
      code: 'spring.mail.host=smtp.example.com\nspring.mail.port = 587\nspring.mail.protocol = smtps\n',
      errors: [{ line: 3, includes: ['spring.mail.protocol=smtps makes JavaMail start a TLS handshake'] }],
    },
    {
      name: 'dawidd6/action-send-mail: secure: true on 587',
      file: '.github/workflows/notify.yml',
      code: wf('server_address: smtp.gmail.com\nserver_port: 587\nsecure: true\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}'),
      errors: [{ line: 10, includes: ['Port 587 is the STARTTLS submission port', 'secure: true makes nodemailer start a TLS handshake'], fixes: [wf('server_address: smtp.gmail.com\nserver_port: 587\nsecure: false\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}')] }],
    },
    {
      name: 'the fallback port of process.env.SMTP_PORT ?? 587 contradicts secure: true (issue 11)',
      file: 'src/mailer.ts',
      code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: +(process.env.SMTP_PORT ?? 587), secure: true });\n",
      errors: [{ line: 2, includes: ['When SMTP_PORT is unset (port falls back to 587 in +(process.env.SMTP_PORT ?? 587)): port 587 is the STARTTLS submission port'], safe: [false] }],
    },
    {
      name: 'Gitea app.ini: the Gitea docs example (PROTOCOL = smtps with SMTP_PORT = 587)',
      file: 'custom/conf/app.ini',
      code: '[mailer]\nENABLED = true\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 587\nUSER = gitea@example.com\n',
      errors: [{ line: 3, column: 1, endColumn: 17, includes: ['PROTOCOL = smtps makes Gitea start a TLS handshake'], fixes: ['[mailer]\nENABLED = true\nPROTOCOL = smtp+starttls\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 587\nUSER = gitea@example.com\n', '[mailer]\nENABLED = true\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\nUSER = gitea@example.com\n'] }],
    },
    {
      name: 'Gitea PROTOCOL=smtps on 587',
      file: '.env',
      code: 'GITEA__mailer__ENABLED=true\nGITEA__mailer__PROTOCOL=smtps\nGITEA__mailer__SMTP_ADDR=smtp.example.com\nGITEA__mailer__SMTP_PORT=587\n',
      errors: [{ line: 2, includes: ['Gitea'] }],
    },
    {
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=true\n',
      errors: [
        {
          line: 3,
          column: 1,
          endColumn: 17,
          severity: 'error',
          message:
            "Port 587 is the STARTTLS submission port (RFC 6409): the server greets in plaintext and TLS starts after STARTTLS, but SMTP_SECURE=true makes nodemailer start a TLS handshake before the greeting: it fails with 'wrong version number'.",
          related: [{ line: 2, message: 'port 587 is set here' }],
          safe: [true, false],
        },
      ],
    },
    {
      name: 'port 2525 is treated like 587',
      file: '.env',
      code: 'SMTP_HOST=smtp.sendgrid.net\nSMTP_PORT=2525\nSMTP_SECURE=1\n',
      errors: [{ line: 3, includes: ['Port 2525', 'SMTP_SECURE=1', 'wrong version number'] }],
    },
    {
      name: 'Laravel MAIL_SCHEME=smtps on 587',
      file: '.env',
      code: 'MAIL_MAILER=smtp\nMAIL_SCHEME=smtps\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\n',
      errors: [{ line: 2, includes: ['MAIL_SCHEME=smtps', 'Laravel'] }],
      output: 'MAIL_MAILER=smtp\nMAIL_SCHEME=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\n',
    },
    {
      name: 'Symfony DSN smtps:// on 587',
      file: '.env',
      code: 'MAILER_DSN=smtps://user:pass@smtp.example.com:587\n',
      errors: [{ line: 1, column: 12, endColumn: 17, includes: ['smtps://'] }],
    },
    {
      name: 'Django EMAIL_USE_SSL on 587',
      file: '.env',
      code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_SSL=True\n',
      errors: [{ line: 3, includes: ['EMAIL_USE_SSL=True'] }],
    },
    {
      file: 'src/mailer.ts',
      code: "import nodemailer from 'nodemailer';\n\nexport const transporter = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  secure: true,\n});\n",
      errors: [{ line: 6, column: 3, endColumn: 15, includes: ['secure: true', 'wrong version number'], related: [{ line: 5 }] }],
    },
    {
      name: 'a service preset that sets port 587 (SendGrid) with secure: true',
      file: 'src/mailer.ts',
      code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ service: 'SendGrid', secure: true });\n",
      errors: [{ line: 2, includes: ['secure: true'], related: [{ line: 2, message: 'the service preset sets port 587' }] }],
    },
    {
      name: 'smtps:// URL on 587',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport('smtps://user:pass@smtp.example.com:587');\n",
      errors: [{ line: 2, includes: ['smtps://'] }],
    },
    {
      name: 'compose environment list',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      - SMTP_HOST=smtp.example.com\n      - SMTP_PORT=587\n      - SMTP_SECURE=true\n',
      errors: [{ line: 7, includes: ['SMTP_SECURE=true'] }],
    },
    {
      name: 'Spring ssl.enable on 587',
      file: 'src/main/resources/application.yml',
      code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    properties:\n      mail:\n        smtp:\n          ssl:\n            enable: true\n',
      errors: [{ line: 9, includes: ['JavaMail'] }],
    },
  ],
});
