import { ruleTester } from './ruleTester';

// GitHub Actions dawidd6/action-send-mail `with:` inputs (issue 11); inputs joined by \n.
const wf = (inputs: string): string =>
  `jobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Mail\n        uses: dawidd6/action-send-mail@v3\n        with:\n${inputs.split('\n').map((l) => `          ${l}\n`).join('')}          subject: Build\n          to: team@example.com\n          from: CI <ci@example.com>\n`;

ruleTester('implicit-tls-port-without-tls', {
  valid: [
    // application.properties: ssl.enable on 465; the legacy SSL socket factory on 465
    { file: 'src/main/resources/application.properties', code: 'spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.ssl.enable=true\n' },
    { file: 'src/main/resources/application.properties', code: 'spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.socketFactory.class=javax.net.ssl.SSLSocketFactory\n' },
    // the action: secure unset follows server_port "465"; secure: true on 465
    { file: '.github/workflows/notify.yml', code: wf('server_address: smtp.gmail.com\nserver_port: 465\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}') },
    { file: '.github/workflows/notify.yml', code: wf('server_address: smtp.gmail.com\nserver_port: 465\nsecure: true\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}') },
    // another action with the same input names is not read
    { file: '.github/workflows/notify.yml', code: wf('server_address: smtp.gmail.com\nserver_port: 465\nsecure: false').replace('dawidd6/action-send-mail@v3', 'someone/mailer-action@v1') },
    // Legacy JavaMail implicit TLS (before 1.4.2: an SSL socket factory for plain sockets) on 465 works.
    { file: 'src/main/resources/application.yml', code: 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 465\n    properties:\n      mail.smtp.auth: true\n      mail.smtp.socketFactory.class: javax.net.ssl.SSLSocketFactory\n      mail.smtp.socketFactory.port: 465\n      mail.smtp.socketFactory.fallback: false\n' },
    // Gitea app.ini: an empty PROTOCOL is inferred from port 465 (smtps)
    { file: 'custom/conf/app.ini', code: '[mailer]\nENABLED = true\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\n' },
    // implicit TLS on 465, every spelling
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=true\n' },
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=1\n' },
    // secure unset: the app decides; nodemailer itself switches to implicit TLS on 465
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n' },
    // a non-mail key on 465 and a commented-out setting
    { file: '.env', code: 'METRICS_PORT=465\nCOOKIE_SECURE=false\n# SMTP_PORT=465\n' },
    // Laravel 9+ (Symfony Mailer) switches TLS on for 465 by itself, whatever MAIL_ENCRYPTION says
    { file: '.env', code: 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=465\nMAIL_ENCRYPTION=tls\n' },
    // Symfony DSN smtp:// on 465 is implicit TLS too
    { file: '.env', code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:465\n' },
    { file: '.env', code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=465\nEMAIL_USE_SSL=True\n' },
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: true });\n" },
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465 });\n" },
    { file: 'src/mailer.js', code: "const nodemailer = require('nodemailer');\nconst port = 465;\nmodule.exports = nodemailer.createTransport({ host: 'smtp.example.com', port, secure: port === 465 });\n" },
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport('smtps://user:pass@smtp.example.com:465');\n" },
    // service preset wins over the written port/secure (nodemailer-service-overrides reports it)
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ service: 'gmail', auth: { user: 'a', pass: process.env.P } });\n" },
    // an https.Agent / cookie with secure:false is not mail
    { file: 'src/server.ts', code: "const cookieOptions = { httpOnly: true, secure: false, port: 465 };\n" },
    { file: 'docker-compose.yml', code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 465\n      SMTP_SECURE: "true"\n' },
    { file: 'docker-compose.yml', code: 'services:\n  mta:\n    image: boky/postfix\n    ports:\n      - "465:465"\n      - "587:587"\n' },
    // a port fallback with the matching secure, and a fallback the .env file overrides (issue 11)
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: Number(process.env.SMTP_PORT) || 465, secure: true });\n" },
    { file: 'src/mailer.ts', files: { '.env': 'SMTP_PORT=587\n' }, code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: Number(process.env.SMTP_PORT) || 465, secure: false });\n" },
    { file: 'src/mailer.ts', code: "import nodemailer from 'nodemailer';\nconst port = Number(process.env.SMTP_PORT) || 465;\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port, secure: port === 465 });\n" },
  ],
  invalid: [
    {
      name: 'application.properties: STARTTLS properties on 465',
      file: 'src/main/resources/application.properties',
      code: 'spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.username=app\nspring.mail.password=${MAIL_PASSWORD}\nspring.mail.properties.mail.smtp.starttls.enable=true\n',
      errors: [{ line: 5, column: 1, endColumn: 54, includes: ['spring.mail.properties.mail.smtp.starttls.enable=true makes JavaMail wait for a plaintext greeting'], safe: [true, false] }],
      output: 'spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.username=app\nspring.mail.password=${MAIL_PASSWORD}\nspring.mail.properties.mail.smtp.ssl.enable=true\n',
    },
    {
      name: 'dawidd6/action-send-mail: secure: false on 465',
      file: '.github/workflows/notify.yml',
      code: wf('server_address: smtp.gmail.com\nserver_port: 465\nsecure: false\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}'),
      errors: [
        {
          line: 10,
          message: "Port 465 expects implicit TLS from the first byte (RFC 8314 §3.3), but secure: false makes nodemailer wait for a plaintext greeting: it times out with 'Greeting never received'.",
          safe: [true, false],
          fixes: [wf('server_address: smtp.gmail.com\nserver_port: 465\nsecure: true\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}'), wf('server_address: smtp.gmail.com\nserver_port: 587\nsecure: false\nusername: ${{ secrets.MAIL_USERNAME }}\npassword: ${{ secrets.MAIL_PASSWORD }}')],
        },
      ],
    },
    {
      name: 'dawidd6/action-send-mail: secure: yes is not "true" to the action',
      file: '.github/workflows/notify.yml',
      code: wf('server_address: smtp.example.com\nserver_port: 465\nsecure: yes'),
      errors: [{ line: 10, includes: ['secure: yes makes nodemailer wait'], fixes: [wf('server_address: smtp.example.com\nserver_port: 465\nsecure: true'), wf('server_address: smtp.example.com\nserver_port: 587\nsecure: false')] }],
    },
    {
      name: 'the fallback port of Number(process.env.SMTP_PORT) || 465 contradicts secure: false (issue 11)',
      file: 'src/mailer.ts',
      code: "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: Number(process.env.SMTP_PORT) || 465,\n  secure: false,\n});\n",
      errors: [
        {
          line: 5,
          column: 3,
          endColumn: 16,
          message: "When SMTP_PORT is unset (port falls back to 465 in Number(process.env.SMTP_PORT) || 465): port 465 expects implicit TLS from the first byte (RFC 8314 §3.3), but secure: false makes nodemailer wait for a plaintext greeting: it times out with 'Greeting never received'.",
          safe: [false],
          fixes: ["import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: Number(process.env.SMTP_PORT) || 465,\n  secure: true,\n});\n"],
        },
      ],
    },
    {
      name: 'a fallback read through a variable',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nconst port = parseInt(process.env.SMTP_PORT ?? '465', 10);\nmodule.exports = nodemailer.createTransport({ host: 'smtp.example.com', port, secure: false });\n",
      errors: [{ line: 3, includes: ['When SMTP_PORT is unset (port falls back to 465'] }],
    },
    {
      name: 'Gitea app.ini: smtp+starttls on 465',
      file: 'custom/conf/app.ini',
      code: '[mailer]\nENABLED = true\nPROTOCOL = smtp+starttls ; tls please\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\n',
      errors: [{ line: 3, column: 1, endColumn: 25, includes: ['PROTOCOL = smtp+starttls makes Gitea wait for a plaintext greeting'], safe: [true, false] }],
      output: '[mailer]\nENABLED = true\nPROTOCOL = smtps ; tls please\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\n',
    },
    {
      name: 'Django EMAIL_URL smtps:// on 465 means STARTTLS in dj-email-url',
      file: '.env',
      code: 'EMAIL_URL=smtps://user:pass@smtp.example.com:465\n',
      errors: [{ line: 1, includes: ['read smtps:// as EMAIL_USE_TLS'] }],
    },
    {
      name: 'Mastodon: 465 without SMTP_TLS (the port is the setting at fault)',
      file: '.env.production',
      code: 'SMTP_SERVER=smtp.example.com\nSMTP_PORT=465\nSMTP_LOGIN=me\nSMTP_ENABLE_STARTTLS=never\n',
      errors: [{ line: 2, includes: ['nothing here turns implicit TLS on (SMTP_TLS=true)', 'Net::ReadTimeout'] }],
    },
    {
      name: 'Ghost env (nconf parses the boolean)',
      file: '.env',
      code: 'mail__transport=SMTP\nmail__options__host=smtp.example.com\nmail__options__port=465\nmail__options__secure=false\n',
      errors: [{ line: 4, includes: ['mail__options__secure=false'] }],
      output: 'mail__transport=SMTP\nmail__options__host=smtp.example.com\nmail__options__port=465\nmail__options__secure=true\n',
    },
    {
      name: 'Discourse: STARTTLS on 465 without FORCE_TLS',
      file: '.env',
      code: 'DISCOURSE_SMTP_ADDRESS=smtp.example.com\nDISCOURSE_SMTP_PORT=465\nDISCOURSE_SMTP_USER_NAME=me\nDISCOURSE_SMTP_ENABLE_START_TLS=true\n',
      errors: [{ line: 4 }],
    },
    {
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=false\nSMTP_USER=me\n',
      errors: [
        {
          line: 3,
          column: 1,
          endColumn: 18,
          severity: 'error',
          message:
            "Port 465 expects implicit TLS from the first byte (RFC 8314 §3.3), but SMTP_SECURE=false makes nodemailer wait for a plaintext greeting: it times out with 'Greeting never received'.",
          related: [{ line: 2, message: 'port 465 is set here' }],
          safe: [true, false],
          fixes: [
            'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=true\nSMTP_USER=me\n',
            'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=false\nSMTP_USER=me\n',
          ],
        },
      ],
    },
    {
      name: 'quoted value, export prefix and 0 as false keep their style',
      file: '.env.production',
      code: 'export SMTP_PORT="465"\nexport SMTP_SECURE=0\n',
      errors: [{ line: 2, column: 8, includes: ['SMTP_SECURE=0', 'Greeting never received'] }],
      output: 'export SMTP_PORT="465"\nexport SMTP_SECURE=1\n',
    },
    {
      name: 'Django: STARTTLS flag on 465 hangs the worker',
      file: '.env',
      code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=465\nEMAIL_USE_TLS=True\nEMAIL_HOST_USER=me\n',
      errors: [{ line: 3, includes: ['EMAIL_USE_TLS=True', 'Django'], severity: 'error' }],
    },
    {
      name: 'Django: EMAIL_USE_SSL=False on 465',
      file: '.env',
      code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=465\nEMAIL_USE_SSL=False\n',
      errors: [{ line: 3, includes: ['EMAIL_USE_SSL=False'] }],
    },
    {
      name: 'Meteor MAIL_URL smtp:// on 465',
      file: '.env',
      code: 'MAIL_URL=smtp://user:pass@smtp.example.com:465\n',
      errors: [{ line: 1, column: 10, endColumn: 14, includes: ['the smtp:// scheme'] }],
    },
    {
      file: 'src/mailer.ts',
      code: "import nodemailer from 'nodemailer';\n\nexport const transporter = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secure: false,\n});\n",
      errors: [{ line: 6, column: 3, endColumn: 16, includes: ['secure: false', "'Greeting never received'"], related: [{ line: 5 }] }],
      output: "import nodemailer from 'nodemailer';\n\nexport const transporter = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secure: true,\n});\n",
    },
    {
      name: 'minified secure:!1',
      file: 'dist/bundle.min.js',
      code: 'var t=require("nodemailer");module.exports=t.createTransport({host:"smtp.example.com",port:465,secure:!1});\n',
      errors: [{ line: 1, includes: ['secure: !1'] }],
    },
    {
      name: 'nodemailer URL smtp:// on 465',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport('smtp://user:pass@smtp.example.com:465');\n",
      errors: [{ line: 2, includes: ['the smtp:// scheme'] }],
      output: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport('smtps://user:pass@smtp.example.com:465');\n",
    },
    {
      name: 'options variable in the same file',
      file: 'src/mail/transport.ts',
      code: "import { createTransport } from 'nodemailer';\nconst smtpOptions = {\n  host: 'smtp.example.com',\n  port: 465,\n  secure: false,\n};\nexport const mailer = createTransport(smtpOptions);\n",
      errors: [{ line: 5 }],
    },
    {
      name: 'compose environment map',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 465\n      SMTP_SECURE: "false"\n',
      errors: [{ line: 7, includes: ['SMTP_SECURE'] }],
    },
    {
      name: 'compose environment list',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      - SMTP_HOST=smtp.example.com\n      - SMTP_PORT=465\n      - SMTP_SECURE=false\n',
      errors: [{ line: 7, includes: ['SMTP_SECURE=false'] }],
    },
    {
      name: 'Spring env overrides in compose: STARTTLS unknown, but ssl.enable false on 465 is never implicit TLS',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: eclipse-temurin:21\n    environment:\n      SPRING_MAIL_HOST: smtp.example.com\n      SPRING_MAIL_PORT: 465\n      SPRING_MAIL_USERNAME: mailer\n      SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_ENABLE: false\n',
      errors: [{ line: 8, includes: ['JavaMail'] }],
    },
    {
      name: 'Spring: ssl.enable false on 465',
      file: 'src/main/resources/application.yml',
      code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 465\n    properties:\n      mail.smtp.ssl.enable: false\n',
      errors: [{ line: 6, includes: ['mail.smtp.ssl.enable'] }],
    },
  ],
});
