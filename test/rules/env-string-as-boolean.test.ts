import { ruleTester } from './ruleTester';

const head = "import nodemailer from 'nodemailer';\n\n";

ruleTester('env-string-as-boolean', {
  valid: [
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT),\n  secure: process.env.SMTP_SECURE === 'true',\n  requireTLS: process.env.SMTP_REQUIRE_TLS !== 'false',\n});\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: false });\n" },
    { file: 'src/mailer.ts', code: head + "export const t = nodemailer.createTransport({ host: 'h', port: 465, secure: Number(process.env.SMTP_PORT) === 465 });\n" },
    // .env files hold strings by nature; the app decides how it reads them
    { file: '.env', code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=true\n' },
    // Nextcloud's SMTP_SECURE takes ssl/tls: ambiguous, no finding
    { file: 'docker-compose.yml', code: 'services:\n  nextcloud:\n    image: nextcloud:29\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 465\n      SMTP_SECURE: ssl\n' },
    // env values read through aliases, then compared or converted: the idioms that are right (issue 11)
    { file: 'src/mailer.ts', code: head + "const secure = process.env.SMTP_SECURE === 'true';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: Number(process.env.SMTP_PORT), secure });\n" },
    { file: 'src/mailer.ts', code: head + "const secure = process.env.SMTP_SECURE;\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: secure === 'true' });\n" },
    { file: 'src/mailer.ts', code: head + "const port = process.env.SMTP_PORT;\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port, secure: Number(port) === 465 });\n" },
    { file: 'src/mailer.ts', code: head + "const { SMTP_SECURE } = process.env;\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: SMTP_SECURE?.toLowerCase() === 'true' });\n" },
    // not a mail transport
    { file: 'src/db.ts', code: 'const pool = new Pool({ ssl: { rejectUnauthorized: process.env.PG_VERIFY } });\n' },
  ],
  invalid: [
    {
      name: 'Boolean(process.env.X) and a || default keep the string trap',
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  secure: Boolean(process.env.SMTP_SECURE),\n  ignoreTLS: process.env.SMTP_IGNORE_TLS || false,\n});\n",
      errors: [
        { line: 6, includes: ['secure: Boolean(process.env.SMTP_SECURE) tests the string; any non-empty string is true'] },
        { line: 7, includes: ['ignoreTLS: process.env.SMTP_IGNORE_TLS || false passes a string'], fixes: [head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  secure: Boolean(process.env.SMTP_SECURE),\n  ignoreTLS: process.env.SMTP_IGNORE_TLS === 'true',\n});\n"] },
      ],
    },
    {
      name: "quoted 'false' on 587: the string is truthy",
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: 'false' });\n",
      errors: [{ line: 3, message: "secure: 'false' is a string; nodemailer tests it with !!, so any non-empty string — even 'false' — turns implicit TLS on. Write the boolean false.", safe: [true] }],
      output: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: false });\n",
    },
    {
      name: "quoted 'false' on 465: the port needs true",
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: 'false' });\n",
      errors: [{ line: 3, includes: ['Write the boolean true: port 465 needs implicit TLS.'] }],
      output: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: true });\n",
    },
    {
      name: "rejectUnauthorized: 'false' does nothing: remove it (verification stays on)",
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, tls: { rejectUnauthorized: 'false' } });\n",
      errors: [{ line: 3, includes: ['this setting does nothing'], safe: [true] }],
    },
    {
      name: 'env: a boolean key with a word that is not a boolean',
      file: '.env',
      code: 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=enabled\n',
      errors: [{ line: 3, column: 1, endColumn: 20, includes: ['SMTP_SECURE=enabled is not a boolean'], safe: [false, false], fixes: ['SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=false\n', 'SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=true\n'] }],
    },
    {
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT),\n  secure: process.env.SMTP_SECURE,\n});\n",
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 34,
          severity: 'warning',
          message: 'secure: process.env.SMTP_SECURE passes a string; nodemailer tests it with !!, so "false" and "0" are true (implicit TLS on).',
          safe: [true, false],
          fixes: [
            head + "export const t = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT),\n  secure: process.env.SMTP_SECURE === 'true',\n});\n",
            head + "export const t = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  port: Number(process.env.SMTP_PORT),\n  secure: Number(process.env.SMTP_PORT) === 465,\n});\n",
          ],
        },
      ],
    },
    {
      name: 'an alias of the env value (const secure = process.env.SMTP_SECURE) is still the raw string',
      file: 'src/mailer.ts',
      code: head + "const secure = process.env.SMTP_SECURE;\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure });\n",
      errors: [
        {
          line: 4,
          column: 84,
          endColumn: 90,
          message: 'secure: secure (process.env.SMTP_SECURE) passes a string; nodemailer tests it with !!, so "false" and "0" are true (implicit TLS on).',
          fixes: [head + "const secure = process.env.SMTP_SECURE;\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: process.env.SMTP_SECURE === 'true' });\n"],
        },
      ],
    },
    {
      name: 'an alias with a default that keeps the string',
      file: 'src/mailer.js',
      code: "const nodemailer = require('nodemailer');\nconst useTls = process.env.SMTP_REQUIRE_TLS || false;\nmodule.exports = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, requireTLS: useTls });\n",
      errors: [{ line: 3, includes: ['requireTLS: useTls (process.env.SMTP_REQUIRE_TLS) passes a string'] }],
    },
    {
      name: 'the .env value makes the trap concrete',
      file: 'src/mailer.js',
      files: { '.env': 'SMTP_SECURE=false\n' },
      code: "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: process.env.SMTP_SECURE });\n",
      errors: [{ line: 2, includes: ['The .env file sets SMTP_SECURE=false, so implicit TLS is on.'] }],
    },
    {
      name: 'requireTLS and rejectUnauthorized from env',
      file: 'src/mailer.ts',
      code: head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  requireTLS: process.env.SMTP_REQUIRE_TLS,\n  tls: { rejectUnauthorized: process.env.SMTP_TLS_VERIFY },\n});\n",
      errors: [
        { line: 6, includes: ['requireTLS: process.env.SMTP_REQUIRE_TLS'], fixes: [head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  requireTLS: process.env.SMTP_REQUIRE_TLS === 'true',\n  tls: { rejectUnauthorized: process.env.SMTP_TLS_VERIFY },\n});\n"] },
        { line: 7, includes: ['Node only turns verification off for the boolean false'], fixes: [head + "export const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  requireTLS: process.env.SMTP_REQUIRE_TLS,\n  tls: { rejectUnauthorized: process.env.SMTP_TLS_VERIFY !== 'false' },\n});\n"] },
      ],
    },
  ],
});
