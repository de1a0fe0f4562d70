import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('legacy-tls-version', {
  valid: [
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_TLS_MIN_VERSION=TLSv1.2\n' },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, tls: { minVersion: 'TLSv1.3' } });\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, tls: { ciphers: 'HIGH:!aNULL:!MD5:!RC4' } });\n" },
    { file: 'src/main/resources/application.yml', code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    properties:\n      mail.smtp.ssl.protocols: TLSv1.2 TLSv1.3\n' },
    { file: '.env', code: 'NODE_OPTIONS=--max-old-space-size=4096\n' },
  ],
  invalid: [
    {
      name: 'NODE_OPTIONS in compose',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      NODE_OPTIONS: "--tls-min-v1.1"\n',
      errors: [{ line: 5, includes: ['--tls-min-v1.1'] }],
      // the YAML renderer also drops the map that became empty
      output: 'services:\n  api:\n    image: node:20\n',
    },
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  tls: { minVersion: 'TLSv1' },\n});\n",
      errors: [
        {
          line: 6,
          column: 10,
          endColumn: 29,
          severity: 'warning',
          message: "tls.minVersion: 'TLSv1' lets the connection fall back to TLSv1, which RFC 8996 deprecates (RFC 8997: TLS 1.2 is the floor for mail). Node already defaults to TLS 1.2.",
          safe: [true],
        },
      ],
      output: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  tls: { minVersion: 'TLSv1.2' },\n});\n",
    },
    {
      // the Node default is no argument in a .NET file (the floor there comes from the OS)
      name: 'System.Net.Mail: ServicePointManager.SecurityProtocol with Tls and Tls11 (no claim about Node)',
      file: 'src/Mailer.cs',
      code: 'using System.Net;\nusing System.Net.Mail;\n\nServicePointManager.SecurityProtocol = SecurityProtocolType.Tls | SecurityProtocolType.Tls11;\nvar client = new SmtpClient("smtp.example.com", 587) { EnableSsl = true };\n',
      errors: [{ line: 4, message: 'SecurityProtocol = SecurityProtocolType.Tls | SecurityProtocolType.Tls11 lets the connection fall back to TLSv1/TLSv1.1, which RFC 8996 deprecates (RFC 8997: TLS 1.2 is the floor for mail).' }],
    },
    {
      name: 'cargo-cult ciphers: SSLv3',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({\n  host: 'smtp.office365.com',\n  port: 587,\n  tls: { ciphers: 'SSLv3' },\n});\n",
      errors: [{ line: 5, includes: ['ciphers'] }],
    },
    {
      name: 'generic env TLS_MIN_VERSION',
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_TLS_MIN_VERSION=TLSv1.1\n',
      errors: [{ line: 3, includes: ['SMTP_TLS_MIN_VERSION=TLSv1.1'] }],
      output: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_TLS_MIN_VERSION=TLSv1.2\n',
    },
    {
      name: 'NODE_OPTIONS --tls-min-v1.0',
      file: '.env',
      code: 'NODE_OPTIONS=--tls-min-v1.0 --max-old-space-size=4096\n',
      errors: [{ line: 1, includes: ['--tls-min-v1.0'] }],
      output: 'NODE_OPTIONS=--max-old-space-size=4096\n',
    },
    {
      name: 'compose list',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: node:20\n    environment:\n      - SMTP_HOST=smtp.example.com\n      - SMTP_PORT=587\n      - SMTP_TLS_MIN_VERSION=TLSv1\n',
      errors: [{ line: 7 }],
    },
    {
      name: 'Spring protocols list with TLSv1',
      file: 'src/main/resources/application.yml',
      code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587\n    properties:\n      mail.smtp.ssl.protocols: "TLSv1 TLSv1.1"\n',
      errors: [{ line: 6, includes: ['TLSv1/TLSv1.1'] }],
    },
  ],
});
