import { ruleTester } from './ruleTester';

ruleTester('missing-smtp-timeouts', {
  valid: [
    { file: '.env', code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_TIMEOUT=20\n' },
    { file: 'src/main/resources/application.yml', code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    properties:\n      mail.smtp.connectiontimeout: 10000\n      mail.smtp.timeout: 10000\n' },
    // Spring environment overrides: the timeouts may be in the application.yml baked into the image
    { file: 'docker-compose.yml', code: 'services:\n  api:\n    image: eclipse-temurin:21\n    environment:\n      SPRING_MAIL_HOST: smtp.example.com\n      SPRING_MAIL_PORT: 587\n' },
    // nodemailer has timeouts by default
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\n' },
  ],
  invalid: [
    {
      file: '.env',
      code: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\n',
      errors: [{ line: 1, column: 1, endColumn: 28, severity: 'info', message: "EMAIL_TIMEOUT is not set: Django's default is None, so a wrong port or TLS mode hangs the worker instead of failing. Set EMAIL_TIMEOUT (seconds), e.g. 30.", safe: [true] }],
      output: 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_TIMEOUT=30\n',
    },
    {
      file: 'src/main/resources/application.yml',
      code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    properties:\n      mail.smtp.starttls.enable: true\n',
      errors: [{ line: 3, includes: ['mail.smtp.connectiontimeout and mail.smtp.timeout are not set'] }],
      output: null,
    },
  ],
});
