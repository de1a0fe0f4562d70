import nodemailer from 'nodemailer';

// Transactional mail through Mailgun.
export const transactional = nodemailer.createTransport({
  host: 'smtp.mailgun.org',
  port: 587,
  // BAD: secure: true on 587 starts TLS at once, but 587 speaks plaintext first and upgrades with
  // STARTTLS: the handshake fails with "wrong version number".
  // expect: starttls-port-with-implicit-tls error
  secure: true,
  auth: { user: process.env.MAILGUN_USER, pass: process.env.MAILGUN_PASS },
});

// Internal relay for alerts.
export const alerts = nodemailer.createTransport({
  host: 'mail.internal.example.com',
  port: 465,
  secure: true,
  auth: { user: 'alerts', pass: process.env.ALERTS_SMTP_PASS },
  tls: {
    // BAD: any certificate is accepted, so anyone on the path can read the password.
    // expect: tls-verification-disabled warning
    rejectUnauthorized: false,
    // BAD: TLS 1.0 is deprecated (RFC 8996).
    // expect: legacy-tls-version warning
    minVersion: 'TLSv1',
  },
});
