import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('port-25-with-credentials', {
  valid: [
    // local relay on 25 without auth: the normal "send through the local Postfix" setup
    { file: '.env', code: 'SMTP_HOST=localhost\nSMTP_PORT=25\nSMTP_SECURE=false\n' },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'postfix', port: 25 });\n" },
    // Laravel's env() turns "null" into null
    { file: '.env', code: 'MAIL_MAILER=smtp\nMAIL_HOST=postfix\nMAIL_PORT=25\nMAIL_USERNAME=null\nMAIL_PASSWORD=null\n' },
    // empty user in an example file
    { file: '.env.example', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=25\nSMTP_USER=\nSMTP_PASS=\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_USER=me\n' },
    // a password reference alone is not a login
    { file: 'docker-compose.yml', code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: postfix\n      SMTP_PORT: 25\n      SMTP_PASS: ${SMTP_PASS}\n' },
    // an MTA container's own port list
    { file: 'docker-compose.yml', code: 'services:\n  postfix:\n    image: boky/postfix\n    ports:\n      - "25:25"\n    environment:\n      RELAYHOST: "[smtp.sendgrid.net]:587"\n' },
  ],
  invalid: [
    {
      file: '.env',
      code: 'SMTP_HOST=smtp.sendgrid.net\nSMTP_PORT=25\nSMTP_USER=apikey\nSMTP_PASS=secret\n',
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 13,
          severity: 'warning',
          message:
            'Port 25 is the server-to-server relay port (RFC 5321), but credentials are configured (SMTP_USER=apikey): TLS there is opportunistic, so the password can travel in clear text, and most clouds and ISPs block outbound port 25 (the connection times out). Submit on 587 with STARTTLS, or 465 with implicit TLS (RFC 8314).',
          related: [{ line: 3, message: 'credentials are set here' }],
          safe: [true],
        },
      ],
      output: 'SMTP_HOST=smtp.sendgrid.net\nSMTP_PORT=587\nSMTP_USER=apikey\nSMTP_PASS=secret\n',
    },
    {
      name: 'relay on the private network: info',
      file: '.env',
      code: 'SMTP_HOST=postfix\nSMTP_PORT=25\nSMTP_USER=app\n',
      errors: [{ line: 2, severity: 'info', safe: [false] }],
    },
    {
      name: 'Laravel',
      file: '.env',
      code: 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.mailgun.org\nMAIL_PORT=25\nMAIL_USERNAME=postmaster@mg.example.com\nMAIL_PASSWORD=secret\n',
      errors: [{ line: 3, includes: ['MAIL_USERNAME=postmaster@mg.example.com'] }],
    },
    {
      name: 'Django',
      file: '.env',
      code: 'EMAIL_HOST=mail.example.com\nEMAIL_PORT=25\nEMAIL_HOST_USER=me\nEMAIL_USE_TLS=True\n',
      errors: [{ line: 2 }],
    },
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'mail.example.com',\n  port: 25,\n  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },\n});\n",
      errors: [{ line: 5, column: 3, endColumn: 11, related: [{ line: 6 }] }],
    },
    {
      name: 'Kubernetes env list: the value line',
      file: 'k8s/deploy.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: registry.example.com/api:1.0.0\n          env:\n            - name: SMTP_HOST\n              value: "smtp.example.com"\n            - name: SMTP_PORT\n              value: "25"\n            - name: SMTP_USER\n              valueFrom:\n                secretKeyRef:\n                  name: smtp-credentials\n                  key: username\n',
      errors: [{ line: 15 }],
    },
    {
      // dotnet/runtime SmtpConnection: with EnableSsl the client requires STARTTLS and throws
      // SmtpException(MailServerDoesNotSupportStartTls) without it, so nothing is sent in clear: not "opportunistic"
      name: 'System.Net.Mail EnableSsl = true on 25: STARTTLS is mandatory, the relay port remains',
      file: 'src/Mailer.cs',
      code: 'using System.Net;\nusing System.Net.Mail;\n\nvar client = new SmtpClient("smtp.example.com", 25)\n{\n    EnableSsl = true,\n    Credentials = new NetworkCredential("apikey", secret),\n};\n',
      errors: [
        {
          line: 4,
          severity: 'warning',
          message:
            'Port 25 is the server-to-server relay port (RFC 5321), and credentials are configured (apikey). STARTTLS is mandatory here (EnableSsl = true: System.Net.Mail reads a plaintext greeting, then sends a mandatory STARTTLS (it has no implicit TLS)), so the password is not sent in clear text: the send fails with SmtpException: Server does not support secure connections. when the server does not offer STARTTLS. But most clouds and ISPs block outbound port 25 (the connection times out), and applications submit on 587 (RFC 6409) or 465 (RFC 8314).',
        },
      ],
    },
    {
      name: 'System.Net.Mail without EnableSsl on 25: clear text is possible, the opportunistic wording stays',
      file: 'src/Mailer.cs',
      code: 'using System.Net;\nusing System.Net.Mail;\n\nvar client = new SmtpClient("smtp.example.com", 25)\n{\n    Credentials = new NetworkCredential("apikey", secret),\n};\n',
      errors: [{ line: 4, includes: ['the password can travel in clear text'] }],
    },
    {
      name: 'Django EMAIL_USE_TLS on 25 to a private relay: mandatory STARTTLS (smtplib raises without it), info',
      file: '.env',
      code: 'EMAIL_HOST=postfix\nEMAIL_PORT=25\nEMAIL_HOST_USER=app\nEMAIL_USE_TLS=True\n',
      errors: [{ line: 2, severity: 'info', includes: ['STARTTLS is mandatory here', 'smtplib.SMTPNotSupportedError: STARTTLS extension not supported by server.', 'Applications normally submit on 587'] }],
    },
    {
      name: 'Spring nested',
      file: 'src/main/resources/application.yml',
      code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 25\n    username: mailer\n    password: ${MAIL_PASSWORD}\n',
      errors: [{ line: 4 }],
    },
  ],
});
