import { ruleTester } from './ruleTester';

// GitHub Actions dawidd6/action-send-mail `with:` inputs (issue 11); inputs joined by \n.
const wf = (inputs: string): string =>
  `jobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Mail\n        uses: dawidd6/action-send-mail@v3\n        with:\n${inputs.split('\n').map((l) => `          ${l}\n`).join('')}          subject: Build\n          to: team@example.com\n          from: CI <ci@example.com>\n`;

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('hardcoded-smtp-credentials', {
  valid: [
    { file: 'src/main/resources/application.properties', code: 'spring.mail.host=smtp.example.com\nspring.mail.username=app\nspring.mail.password=${MAIL_PASSWORD}\n' },
    // Grafana variable expansion is not a literal; a database password in app.ini is not mail
    { file: 'grafana.ini', code: '[smtp]\nenabled = true\nhost = smtp.example.com:587\nuser = grafana\npassword = $__env{GF_SMTP_PASSWORD}\n' },
    { file: 'grafana.ini', code: '[smtp]\nenabled = true\nhost = smtp.example.com:587\nuser = grafana\npassword = $__file{/run/secrets/smtp}\n' },
    { file: 'custom/conf/app.ini', code: '[database]\nPASSWD = Zx81wqPlm2Tr\n' },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, auth: { user: 'me', pass: process.env.SMTP_PASS } });\n" },
    // placeholders are not secrets
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, auth: { user: 'me', pass: 'changeme' } });\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport('smtp://${SMTP_USER}:${SMTP_PASS}@smtp.example.com:587');\n" },
    // .env files exist to hold secrets
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_USER=me\nSMTP_PASS=Zx81wqPlm2Tr\n' },
    { file: 'docker-compose.yml', code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 587\n      SMTP_USER: me\n      SMTP_PASS: ${SMTP_PASS}\n' },
    { file: 'src/main/resources/application.yml', code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    username: me\n    password: ${MAIL_PASSWORD:changeme}\n' },
    // Spring: placeholders, and a dev catcher's dummy login in a profile (MailDev/Mailpit/MailHog on 1025 or localhost)
    { file: 'src/main/resources/application-prod.yml', code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    username: me\n    password: ${MAIL_PASSWORD}\n' },
    { file: 'src/main/resources/application-staging.yml', code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    username: me\n    password: ${MAIL_PASSWORD:}\n' },
    { file: 'src/main/resources/application-dev.yml', code: 'spring:\n  mail:\n    host: localhost\n    port: 1025\n    username: dev\n    password: Zx81wqPlm2Tr\n' },
    { file: 'src/main/resources/application-local.yml', code: 'spring:\n  mail:\n    host: mailpit\n    port: 1025\n    username: mailpit\n    password: Zx81wqPlm2Tr\n' },
    { file: 'config/application-docker.yml', code: 'spring:\n  mail:\n    host: maildev.internal.example.com\n    port: 1025\n    username: dev\n    password: Zx81wqPlm2Tr\n' },
    // a database password in compose is not a mail setting
    { file: 'docker-compose.yml', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Zx81wqPlm2Tr\n' },
  ],
  invalid: [
    {
      name: 'application.properties literal spring.mail.password',
      file: 'src/main/resources/application.properties',
      code: 'spring.mail.host=smtp.gmail.com\nspring.mail.port=587\nspring.mail.username=me@gmail.com\nspring.mail.password=Zx81wqPlm2Tr\n',
      errors: [{ line: 4, includes: ['(spring.mail.password)'] }],
    },
    {
      name: 'dawidd6/action-send-mail: a literal password input',
      file: '.github/workflows/notify.yml',
      code: wf('server_address: smtp.example.com\nserver_port: 587\nusername: ci@example.com\npassword: Zx81wqPlm2Tr'),
      errors: [{ line: 11, includes: ['The SMTP password is written in this file (password)'] }],
    },
    {
      name: 'Spring profile file: literal spring.mail.password → ${MAIL_PASSWORD}',
      file: 'src/main/resources/application-prod.yml',
      code: 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 587\n    username: me@example.com\n    password: Zx81wqPlm2Tr\n',
      errors: [
        {
          line: 6,
          column: 5,
          severity: 'warning',
          message:
            'The SMTP password is written in this file (spring.mail.password): anyone who can read the repository or its history can send mail as this account (CWE-798). Reference an environment variable instead (${MAIL_PASSWORD}: Spring resolves it at startup), and rotate it.',
          safe: [false],
        },
      ],
      output: 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 587\n    username: me@example.com\n    password: ${MAIL_PASSWORD}\n',
    },
    {
      name: 'Spring Cloud bootstrap file, flat keys',
      file: 'src/main/resources/bootstrap.yml',
      code: 'spring.mail.host: smtp.sendgrid.net\nspring.mail.port: 587\nspring.mail.username: apikey\nspring.mail.password: "hunter2hunter2"\n',
      errors: [{ line: 4, severity: 'warning' }],
      output: 'spring.mail.host: smtp.sendgrid.net\nspring.mail.port: 587\nspring.mail.username: apikey\nspring.mail.password: "${MAIL_PASSWORD}"\n',
    },
    {
      name: 'Config Server repository file (configurations/*.yml)',
      file: 'configurations/notification-service.yml',
      code: 'spring:\n  mail:\n    host: smtp.office365.com\n    port: 587\n    username: noreply@example.com\n    password: Zx81wqPlm2Tr\n',
      errors: [{ line: 6, severity: 'warning' }],
      output: 'spring:\n  mail:\n    host: smtp.office365.com\n    port: 587\n    username: noreply@example.com\n    password: ${MAIL_PASSWORD}\n',
    },
    {
      name: 'Gitea app.ini PASSWD literal',
      file: 'custom/conf/app.ini',
      code: '[mailer]\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\nUSER = gitea@example.com\nPASSWD = `Zx81wqPlm2Tr`\n',
      errors: [{ line: 6, includes: ['(PASSWD)'] }],
    },
    {
      name: 'Kubernetes Secret and ConfigMap manifests',
      file: 'k8s/smtp.yaml',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: smtp\nstringData:\n  SMTP_HOST: smtp.example.com\n  SMTP_PORT: "587"\n  SMTP_USER: me\n  SMTP_PASS: Zx81wqPlm2Tr\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: smtp\ndata:\n  SMTP_HOST: smtp.example.com\n  SMTP_PORT: "587"\n  SMTP_USER: me\n  SMTP_PASS: Zx81wqPlm2Tr\n',
      errors: [
        { line: 9, severity: 'warning', includes: ['Keep Secret manifests out of the repository'], fixCount: 0 },
        { line: 19, severity: 'warning', includes: ['ConfigMaps are not for secrets either'], fixCount: 0 },
      ],
    },
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  auth: {\n    user: 'me@example.com',\n    pass: 'Zx81wqPlm2Tr',\n  },\n});\n",
      errors: [
        {
          line: 8,
          column: 5,
          endColumn: 25,
          severity: 'error',
          message:
            'The SMTP password is written in this file (auth.pass): anyone who can read the repository or its history can send mail as this account (CWE-798). Read it from process.env instead, and rotate it.',
          safe: [false],
        },
      ],
      output: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  auth: {\n    user: 'me@example.com',\n    pass: process.env.SMTP_PASS,\n  },\n});\n",
    },
    {
      name: 'password inside a URL literal',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport('smtps://me:Zx81wqPlm2Tr@smtp.example.com:465');\n",
      errors: [{ line: 2, includes: ['the password in the URL'] }],
    },
    {
      name: 'compose literal: warning, ${VAR} fix',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 587\n      SMTP_USER: me\n      SMTP_PASS: Zx81wqPlm2Tr\n',
      errors: [{ line: 8, severity: 'warning' }],
      output: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 587\n      SMTP_USER: me\n      SMTP_PASS: ${SMTP_PASS}\n',
    },
  ],
});
