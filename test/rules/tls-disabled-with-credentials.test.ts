import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('tls-disabled-with-credentials', {
  valid: [
    // a dev catcher without credentials is the normal local setup
    { file: '.env', code: 'SMTP_HOST=mailhog\nSMTP_PORT=1025\nSMTP_SECURE=false\nSMTP_IGNORE_TLS=true\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_IGNORE_TLS=false\nSMTP_USER=me\n' },
    { file: '.env', code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_HOST_USER=me\n' },
    // no credentials: nothing to leak
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'relay.example.com', port: 25, ignoreTLS: true });\n" },
    // port 465 with TLS off never gets to AUTH: implicit-tls-port-without-tls reports it
    { file: '.env', code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=465\nEMAIL_USE_SSL=False\nEMAIL_HOST_USER=me\n' },
    // ignoreTLS next to implicit TLS on 465: no effect at all (conflicting-tls-flags says so)
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: true, ignoreTLS: true, auth: { user: 'me', pass: process.env.P } });\n" },
    // Spring env overrides in compose without STARTTLS keys: the application.yml we cannot see may set them
    { file: 'docker-compose.yml', code: 'services:\n  api:\n    image: eclipse-temurin:21\n    environment:\n      SPRING_MAIL_HOST: smtp.example.com\n      SPRING_MAIL_PORT: 587\n      SPRING_MAIL_USERNAME: mailer\n' },
    // Amazon SES: provider-requires-tls reports it as an error instead
    { file: '.env', code: 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_PORT=587\nSMTP_IGNORE_TLS=true\nSMTP_USER=AKIAEXAMPLE\n' },
  ],
  invalid: [
    {
      name: 'grafana.ini NoStartTLS with a user',
      file: 'grafana.ini',
      code: '[smtp]\nenabled = true\nhost = smtp.example.com:587\nuser = grafana@example.com\npassword = $__env{GF_PW}\nstartTLS_policy = NoStartTLS\n',
      errors: [{ line: 6, includes: ['startTLS_policy = NoStartTLS keeps the session unencrypted'], fixes: ['[smtp]\nenabled = true\nhost = smtp.example.com:587\nuser = grafana@example.com\npassword = $__env{GF_PW}\nstartTLS_policy = MandatoryStartTLS\n'] }],
    },
    {
      name: 'a relay on the private network (compose service name): info',
      file: '.env',
      code: 'EMAIL_HOST=postfix\nEMAIL_PORT=25\nEMAIL_HOST_USER=app\n',
      errors: [{ line: 3, severity: 'info', includes: ['private network'] }],
    },
    {
      name: 'Amazon SES, hidden by implicit TLS on 587 today',
      file: 'k8s/configmap.yaml',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mail\ndata:\n  SMTP_HOST: "email-smtp.eu-west-1.amazonaws.com"\n  SMTP_PORT: "587"\n  SMTP_SECURE: "true"\n  SMTP_IGNORE_TLS: "true"\n  SMTP_USER: "alerts@corp.example.org"\n',
      errors: [{ line: 9, includes: ['Today implicit TLS hides it'] }],
    },
    {
      name: 'Grafana NoStartTLS with a user',
      file: '.env',
      code: 'GF_SMTP_ENABLED=true\nGF_SMTP_HOST=smtp.example.com:587\nGF_SMTP_USER=grafana\nGF_SMTP_STARTTLS_POLICY=NoStartTLS\n',
      errors: [{ line: 4, includes: ['Grafana'] }],
    },
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  ignoreTLS: true,\n  auth: { user: 'me@example.com', pass: process.env.SMTP_PASS },\n});\n",
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 18,
          severity: 'warning',
          message: "ignoreTLS: true keeps the session unencrypted, and credentials are configured (auth.user: 'me@example.com'): nodemailer sends the password in clear text over the network (RFC 4954 §4).",
          related: [{ line: 7, message: 'credentials are set here' }],
          safe: [true, true],
          fixes: [
            head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  requireTLS: true,\n  auth: { user: 'me@example.com', pass: process.env.SMTP_PASS },\n});\n",
            head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  auth: { user: 'me@example.com', pass: process.env.SMTP_PASS },\n});\n",
          ],
        },
      ],
    },
    {
      name: 'generic env SMTP_IGNORE_TLS',
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=2525\nSMTP_IGNORE_TLS=true\nSMTP_USERNAME=apikey\nSMTP_PASSWORD=x\n',
      errors: [{ line: 3, includes: ['SMTP_IGNORE_TLS=true', 'SMTP_USERNAME=apikey'] }],
    },
    {
      name: 'Django: EMAIL_USE_TLS=False with a user',
      file: '.env',
      code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_HOST_USER=me\nEMAIL_USE_TLS=False\n',
      errors: [{ line: 4, includes: ['EMAIL_USE_TLS=False', 'Django'] }],
    },
    {
      name: 'Django without EMAIL_USE_TLS/EMAIL_USE_SSL: the defaults are off',
      file: '.env',
      code: 'EMAIL_HOST=mail.example.com\nEMAIL_PORT=587\nEMAIL_HOST_USER=me\n',
      errors: [{ line: 3, includes: ['nothing turns TLS on', 'Django'] }],
    },
    {
      name: 'hidden by implicit TLS on 587 today, a leak once the port mismatch is fixed',
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=1\nSMTP_IGNORE_TLS=true\nSMTP_USERNAME=apikey\n',
      errors: [{ line: 4, includes: ['Today implicit TLS hides it'] }],
    },
    {
      name: 'on 465 the connection fails first; on 587 it would leak',
      file: 'k8s/mail-configmap.yaml',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mail\ndata:\n  SMTP_HOST: "smtp.example.com"\n  SMTP_PORT: "465"\n  SMTP_SECURE: "false"\n  SMTP_IGNORE_TLS: "true"\n  SMTP_USER: "mailer"\n',
      errors: [{ line: 9, includes: ['On port 465 the connection fails before login today'] }],
    },
    {
      name: 'secure decided at run time: ignoreTLS still leaks whenever it is false',
      file: 'src/smtp.js',
      code: "const { createTransport } = require('nodemailer');\nmodule.exports = createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT ?? 587),\n  secure: process.env.SMTP_SECURE === 'true',\n  ignoreTLS: true,\n  auth: { user: 'mailer', pass: process.env.MAIL_PASSWORD },\n});\n",
      errors: [{ line: 6, includes: ['whenever the connection does not use implicit TLS'] }],
    },
    {
      name: 'dev catcher with credentials: info',
      file: '.env',
      code: 'SMTP_HOST=mailpit\nSMTP_PORT=587\nSMTP_IGNORE_TLS=true\nSMTP_USER=dev\n',
      errors: [{ line: 3, severity: 'info' }],
    },
    {
      name: 'compose map, Spring relaxed-binding keys',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: eclipse-temurin:21\n    environment:\n      SPRING_MAIL_HOST: smtp.example.com\n      SPRING_MAIL_PORT: 587\n      SPRING_MAIL_USERNAME: mailer\n      SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE: false\n',
      errors: [{ line: 8 }],
    },
    {
      name: 'Spring starttls.enable false with a user',
      file: 'src/main/resources/application.yml',
      code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    username: mailer\n    properties:\n      mail.smtp.auth: true\n      mail.smtp.starttls.enable: false\n',
      errors: [{ line: 8 }],
    },
  ],
});
