import { ruleTester } from './ruleTester';

ruleTester('grafana-host-missing-port', {
  valid: [
    { file: 'grafana.ini', code: '[smtp]\nenabled = true\nhost = smtp.example.com:587 ; the submission port\n' },
    { file: '.env', code: 'GF_SMTP_ENABLED=true\nGF_SMTP_HOST=smtp.example.com:587\n' },
    { file: 'docker-compose.yml', code: 'services:\n  grafana:\n    image: grafana/grafana\n    environment:\n      GF_SMTP_ENABLED: "true"\n      GF_SMTP_HOST: smtp.example.com:465\n' },
    // SMTP disabled
    { file: '.env', code: 'GF_SMTP_ENABLED=false\nGF_SMTP_HOST=smtp.example.com\n' },
  ],
  invalid: [
    {
      file: 'grafana.ini',
      code: '[smtp]\nenabled = true\nhost = smtp.example.com\nuser = grafana\n',
      errors: [{ line: 3, column: 1, endColumn: 24, safe: [false] }],
      output: '[smtp]\nenabled = true\nhost = smtp.example.com:587\nuser = grafana\n',
    },
    {
      file: '.env',
      code: 'GF_SMTP_ENABLED=true\nGF_SMTP_HOST=smtp.example.com\nGF_SMTP_USER=grafana\n',
      errors: [{ line: 2, column: 1, endColumn: 30, severity: 'error', message: 'GF_SMTP_HOST=smtp.example.com has no port: Grafana fails every e-mail with "missing port in address". Write host:port (587 for STARTTLS, 465 for implicit TLS).', safe: [false] }],
      output: 'GF_SMTP_ENABLED=true\nGF_SMTP_HOST=smtp.example.com:587\nGF_SMTP_USER=grafana\n',
    },
    {
      file: 'docker-compose.yml',
      code: 'services:\n  grafana:\n    image: grafana/grafana\n    environment:\n      GF_SMTP_ENABLED: "true"\n      GF_SMTP_HOST: smtp.example.com\n',
      errors: [{ line: 6 }],
    },
  ],
});
