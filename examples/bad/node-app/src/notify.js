const nodemailer = require('nodemailer');

// Port from the environment (../.env says 465), TLS mode hard-coded.
const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT),
  // BAD: ../.env sets SMTP_PORT=465 (implicit TLS) but this transport is pinned to plaintext/STARTTLS.
  // expect: cross-file-port-mode-mismatch warning
  secure: false,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

// Legacy report mailer.
const reports = nodemailer.createTransport({
  host: 'smtp.example.com',
  port: 587,
  auth: {
    user: 'reports@example.com',
    // BAD: a real password in source code ends up in git history and in every clone.
    // expect: hardcoded-smtp-credentials error
    pass: 'S3cr3t-Passw0rd!',
  },
  requireTLS: true,
});

module.exports = { transport, reports };
