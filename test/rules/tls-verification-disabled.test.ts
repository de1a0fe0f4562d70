import { ruleTester } from './ruleTester';

// GitHub Actions dawidd6/action-send-mail `with:` inputs (issue 11); inputs joined by \n.
const wf = (inputs: string): string =>
  `jobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Mail\n        uses: dawidd6/action-send-mail@v3\n        with:\n${inputs.split('\n').map((l) => `          ${l}\n`).join('')}          subject: Build\n          to: team@example.com\n          from: CI <ci@example.com>\n`;

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('tls-verification-disabled', {
  valid: [
    // decoys in application.properties: datasource and server TLS are not mail
    { file: 'src/main/resources/application.properties', code: 'spring.datasource.url=jdbc:postgresql://db/app?sslmode=disable\nserver.ssl.enabled=false\nspring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.ssl.enable=true\n' },
    { file: '.github/workflows/notify.yml', code: wf('server_address: smtp.example.com\nserver_port: 587\nignore_cert: false') },
    // a skip_verify outside [smtp] (another app's section) and Grafana's commented-out sample line
    { file: 'grafana.ini', code: '[database]\nssl_mode = disable\nskip_verify = true\n[smtp]\nenabled = true\nhost = smtp.example.com:587\n;skip_verify = true\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_TLS_REJECT_UNAUTHORIZED=true\n' },
    // non-mail TLS settings are decoys
    { file: '.env', code: 'API_TLS_REJECT_UNAUTHORIZED=false\nPG_TLS_REJECT_UNAUTHORIZED=false\n' },
    { file: '.env', code: 'NODE_TLS_REJECT_UNAUTHORIZED=1\n' },
    { file: 'src/http.ts', code: "import https from 'node:https';\nconst insecureAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n" },
    { file: 'src/db.ts', code: "const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  ssl: { rejectUnauthorized: false },\n});\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, tls: { rejectUnauthorized: true, servername: 'smtp.example.com' } });\n" },
    { file: 'src/main/resources/application.yml', code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    properties:\n      mail.smtp.ssl.checkserveridentity: true\n' },
  ],
  invalid: [
    {
      name: 'application.properties ssl.trust=* (bracket key)',
      file: 'src/main/resources/application.properties',
      code: 'spring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.properties[mail.smtp.starttls.required]=true\nspring.mail.properties[mail.smtp.ssl.trust]=*\n',
      errors: [{ line: 4, includes: ['spring.mail.properties[mail.smtp.ssl.trust]=* turns off server certificate verification'], fixes: ['spring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.properties[mail.smtp.starttls.required]=true\n'] }],
    },
    {
      name: 'dawidd6/action-send-mail: ignore_cert: true',
      file: '.github/workflows/notify.yml',
      code: wf('server_address: smtp.example.com\nserver_port: 587\nignore_cert: true\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}'),
      errors: [{ line: 10, includes: ['ignore_cert: true turns off server certificate verification to smtp.example.com'], fixes: [wf('server_address: smtp.example.com\nserver_port: 587\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}')] }],
    },
    {
      name: 'grafana.ini skip_verify = true',
      file: 'grafana.ini',
      code: '[smtp]\nenabled = true\nhost = smtp.example.com:587\nskip_verify = true\n',
      errors: [{ line: 4, column: 1, endColumn: 19, includes: ['skip_verify = true turns off server certificate verification'], fixes: ['[smtp]\nenabled = true\nhost = smtp.example.com:587\nskip_verify = false\n'] }],
    },
    {
      name: 'Gitea app.ini FORCE_TRUST_SERVER_CERT = true',
      file: 'custom/conf/app.ini',
      code: '[mailer]\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\nFORCE_TRUST_SERVER_CERT = true\n',
      errors: [{ line: 5, fixes: ['[mailer]\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\nFORCE_TRUST_SERVER_CERT = false\n'] }],
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED in compose (map with a bare 0, and list)',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      NODE_TLS_REJECT_UNAUTHORIZED: 0\n  web:\n    image: node:20\n    environment:\n      - NODE_TLS_REJECT_UNAUTHORIZED=0\n',
      errors: [{ line: 5, column: 7, endColumn: 38, includes: ['every TLS connection'] }, { line: 9, includes: ['every TLS connection'] }],
    },
    {
      name: 'Grafana GF_SMTP_SKIP_VERIFY=true',
      file: '.env',
      code: 'GF_SMTP_ENABLED=true\nGF_SMTP_HOST=smtp.example.com:587\nGF_SMTP_SKIP_VERIFY=true\n',
      errors: [{ line: 3, includes: ['GF_SMTP_SKIP_VERIFY=true'] }],
    },
    {
      name: 'Mastodon SMTP_OPENSSL_VERIFY_MODE=none',
      file: '.env.production',
      code: 'SMTP_SERVER=smtp.example.com\nSMTP_PORT=587\nSMTP_LOGIN=me\nSMTP_OPENSSL_VERIFY_MODE=none\n',
      errors: [{ line: 4 }],
    },
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  tls: {\n    rejectUnauthorized: false,\n  },\n});\n",
      errors: [
        {
          line: 7,
          column: 5,
          endColumn: 30,
          severity: 'warning',
          message:
            'tls.rejectUnauthorized: false turns off server certificate verification to smtp.example.com: anyone on the network path can impersonate the server and read the SMTP password and the mail (RFC 8314 §5).',
          safe: [false],
        },
      ],
    },
    {
      name: 'known provider: the fix is safe',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({ host: 'smtp.sendgrid.net', port: 587, tls: { rejectUnauthorized: false } });\n",
      errors: [{ line: 2, safe: [true] }],
    },
    {
      name: 'local dev catcher: info',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({ host: 'localhost', port: 1025, tls: { rejectUnauthorized: false } });\n",
      errors: [{ line: 2, severity: 'info', includes: ['The host is local'] }],
    },
    {
      name: 'generic env key',
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_TLS_REJECT_UNAUTHORIZED=false\n',
      errors: [{ line: 3, column: 1, endColumn: 35, includes: ['SMTP_TLS_REJECT_UNAUTHORIZED=false'] }],
      output: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\n',
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED=0 in .env',
      file: '.env',
      code: 'NODE_ENV=production\nNODE_TLS_REJECT_UNAUTHORIZED=0\n',
      errors: [{ line: 2, includes: ['every TLS connection of the Node process'], safe: [false] }],
      output: 'NODE_ENV=production\n',
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED set in code',
      file: 'src/mailer.ts',
      code: head + "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n",
      errors: [{ line: 3, message: /^NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification/ }],
    },
    {
      name: 'compose environment',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 587\n      SMTP_TLS_REJECT_UNAUTHORIZED: "false"\n',
      errors: [{ line: 7 }],
    },
    {
      name: 'Spring mail.smtp.ssl.trust "*"',
      file: 'src/main/resources/application.yml',
      code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    properties:\n      mail.smtp.ssl.trust: "*"\n',
      errors: [{ line: 6 }],
    },
    {
      name: 'Symfony DSN verify_peer=0',
      file: '.env',
      code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?verify_peer=0\n',
      errors: [{ line: 1 }],
    },
  ],
});
