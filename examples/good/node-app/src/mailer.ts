import nodemailer from 'nodemailer';
import https from 'node:https';

const port = Number(process.env.SMTP_PORT ?? 587);

// TLS mode derived from the port: implicit TLS on 465, mandatory STARTTLS elsewhere.
export const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port,
  secure: port === 465,
  requireTLS: port !== 465,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

// A well-known service preset: nodemailer fills in host, port and TLS.
export const gmail = nodemailer.createTransport({
  service: 'gmail',
  auth: { user: process.env.GMAIL_USER, pass: process.env.GMAIL_APP_PASSWORD },
});

// Implicit TLS on 465, written out.
export const alerts = nodemailer.createTransport({
  host: 'smtp.fastmail.com',
  port: 465,
  secure: true,
  auth: { user: process.env.ALERTS_USER, pass: process.env.ALERTS_PASS },
});

// A local relay on 25 without credentials (the MTA next to the app does the rest).
export const relay = nodemailer.createTransport({ host: 'localhost', port: 25 });

// Not mail: an HTTPS agent for an internal API with a self-signed certificate in development.
export const devAgent = new https.Agent({ rejectUnauthorized: false });
