// Differential test: the effective connection the JS reader computes for a createTransport({...}) written in
// source must equal what the installed nodemailer (10.x) itself builds from the same options: its
// createTransport() (URL merge), SMTPTransport (service presets) and SMTPConnection constructor (secure/port
// defaults, requireTLS vs ignoreTLS). Nothing connects: only constructors run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import nodemailer from 'nodemailer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { jsReader } from '../../server/src/readers/js/index';
import type { ReadContext } from '../../server/src/readers/types';

/** The release these tests compare with (node_modules/nodemailer): requireTLS vs ignoreTLS follows the version. */
const NODEMAILER_10_6: ReadContext = { versionOf: (library) => ({ library, spec: '10.6.0', source: 'node_modules' }) };
import { nodemailerEffective } from '../../server/src/semantics/nodemailer/effective';

const numRuns = process.env.CI ? 5000 : 500;

type Opts = Record<string, unknown>;

/** What nodemailer does with `opts`: mode, port and host of the SMTP connection it would open. */
function truth(opts: Opts): { tlsMode: string; port: number; host: string } {
  const mailer = nodemailer.createTransport(opts as never) as unknown as { transporter: { options: Opts } };
  const conn = new SMTPConnection(mailer.transporter.options as never) as unknown as { secureConnection: boolean; port: number; host: string; options: Opts };
  const tlsMode = conn.secureConnection ? 'implicit' : conn.options.ignoreTLS ? 'none' : conn.options.requireTLS ? 'starttls-required' : 'starttls-opportunistic';
  return { tlsMode, port: conn.port, host: conn.host };
}

/** The options as JS source text. */
function source(opts: Opts): string {
  const parts = Object.entries(opts).map(([k, v]) => `${k}: ${v === undefined ? 'undefined' : JSON.stringify(v)}`);
  return `import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ ${parts.join(', ')} });\n`;
}

const optionsArb = fc.record(
  {
    host: fc.constantFrom('smtp.example.com', 'mail.example.org', ''),
    port: fc.constantFrom(465, 587, 25, 2525, 0, '465', '587', 'abc'),
    secure: fc.constantFrom(true, false, 'false', 'true', '', null, 0, 1, undefined),
    requireTLS: fc.constantFrom(true, false, 'no'),
    ignoreTLS: fc.constantFrom(true, false),
    opportunisticTLS: fc.constantFrom(true, false),
    service: fc.constantFrom('gmail', 'Gmail', 'Google Mail', 'someone@googlemail.com', 'Outlook365', 'Office365', 'Maildev', 'SendGrid', 'Proton', 'Godaddy', 'nope'),
    url: fc.constantFrom(
      'smtp://h.example.com:465',
      'smtps://h.example.com:587',
      'smtp://h.example.com',
      'smtps://h.example.com',
      'smtp://u:p@h.example.com:587?requireTLS=true',
      'smtp://h.example.com:465?secure=true',
      'smtp://h.example.com:25?ignoreTLS=true&requireTLS=false',
      'smtp://h.example.com?port=465',
      'smtp://h.example.com:587?service=gmail',
    ),
  },
  { requiredKeys: [] },
);

test('effective mode, port and host equal what nodemailer builds (object written in source)', () => {
  fc.assert(
    fc.property(optionsArb, (opts) => {
      const want = truth(opts);
      const r = jsReader.read('src/mailer.ts', source(opts), NODEMAILER_10_6);
      assert.equal(r.configs.length, 1, source(opts));
      const got = r.configs[0].effective;
      const label = `${source(opts)}nodemailer: ${JSON.stringify(want)}\nreader: ${JSON.stringify(got)}`;
      assert.equal(got.tlsMode, want.tlsMode, label);
      assert.equal(got.port, want.port, label);
      assert.equal(got.host, want.host, label);
    }),
    { numRuns },
  );
});

test('URL string argument equals nodemailer', () => {
  for (const url of ['smtp://h.example.com:465', 'smtps://h.example.com:587', 'smtp://h.example.com', 'smtps://h.example.com', 'smtp://h.example.com:465?secure=true', 'smtp://u:p@h.example.com:587?requireTLS=true&ignoreTLS=true', 'smtp://h.example.com?service=gmail']) {
    const want = truth(nodemailer.createTransport(url) ? ({ url } as Opts) : {});
    const r = jsReader.read('a.js', `require('nodemailer').createTransport(${JSON.stringify(url)});`, NODEMAILER_10_6);
    const got = r.configs[0].effective;
    assert.deepEqual({ tlsMode: got.tlsMode, port: got.port, host: got.host }, want, url);
  }
});

test('nodemailerEffective with an unknown value says unknown, never a guess', () => {
  assert.equal(nodemailerEffective({ port: { known: true, v: 587 }, secure: { known: false, why: 'x' } }).tlsMode, 'unknown');
  assert.equal(nodemailerEffective({ port: { known: false, why: 'x' } }).tlsMode, 'unknown');
  // secure written explicitly decides the mode even when the port is unknown
  assert.equal(nodemailerEffective({ port: { known: false, why: 'x' }, secure: { known: true, v: true } }).tlsMode, 'implicit');
  assert.equal(nodemailerEffective({ port: { known: false, why: 'x' }, secure: { known: true, v: false }, requireTLS: { known: true, v: true } }).tlsMode, 'starttls-required');
  assert.equal(nodemailerEffective({ url: { known: false, why: 'x' }, secure: { known: true, v: true } }).tlsMode, 'unknown');
  assert.equal(nodemailerEffective({ service: { known: false, why: 'x' }, secure: { known: true, v: false } }).tlsMode, 'unknown');
});
