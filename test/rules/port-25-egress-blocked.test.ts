import { ruleTester } from './ruleTester';

ruleTester('port-25-egress-blocked', {
  valid: [
    { file: 'docker-compose.yml', code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: postfix\n      SMTP_PORT: 25\n' },
    { file: 'docker-compose.yml', code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: exim.mail.svc.cluster.local\n      SMTP_PORT: 25\n' },
    { file: 'docker-compose.yml', code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 587\n' },
    // application config, not a deployment descriptor
    { file: 'src/main/resources/application.yml', code: 'spring:\n  mail:\n    host: mail.example.com\n    port: 25\n' },
    // .env files are not deployment descriptors
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=25\n' },
    // credentials: port-25-with-credentials reports it
    { file: 'docker-compose.yml', code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 25\n      SMTP_USER: me\n' },
  ],
  invalid: [
    {
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 25\n',
      errors: [
        {
          line: 6,
          column: 7,
          endColumn: 20,
          severity: 'info',
          message: 'Port 25 to smtp.example.com: outbound port 25 is blocked or throttled on most clouds and CI runners (AWS, Google Cloud, Azure, DigitalOcean), so this connection will usually time out. Submit on 587 instead.',
          safe: [false],
        },
      ],
    },
    {
      name: 'GitHub Actions env',
      file: '.github/workflows/notify.yml',
      code: 'name: notify\non: push\njobs:\n  mail:\n    runs-on: ubuntu-latest\n    env:\n      SMTP_HOST: mail.example.org\n      SMTP_PORT: 25\n    steps:\n      - run: node notify.js\n',
      errors: [{ line: 8 }],
    },
  ],
});
