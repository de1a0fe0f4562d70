import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import '../../server/src/register';
import { jsReader } from '../../server/src/readers/js/index';
import { express, type Intent } from '../../server/src/fixes/intents';
import { renderEdits } from '../../server/src/fixes/render';
import { dominantQuote, jsValue } from '../../server/src/fixes/render-js';
import { applyTextEdits } from '../../server/src/model/textEdits';
import type { FieldEdit, SmtpConfig } from '../../server/src/model/types';

function cfgOf(src: string, file = 'src/mailer.ts'): SmtpConfig {
  const r = jsReader.read(file, src, {});
  assert.equal(r.configs.length, 1, JSON.stringify(r.problems));
  return r.configs[0];
}
const apply = (src: string, edits: FieldEdit[]): string => applyTextEdits(src, renderEdits(src, edits));
function viaIntent(src: string, intent: Intent): string | null {
  const cfg = cfgOf(src);
  const edits = express(cfg, intent);
  if (!edits) return null;
  const out = apply(src, edits);
  // Still parses, and the result is stable under a second application of the same intent.
  const again = cfgOf(out);
  const edits2 = express(again, intent);
  if (edits2) assert.equal(apply(out, edits2), out, 'applying the intent twice equals applying it once');
  return out;
}

const MULTI = `import nodemailer from 'nodemailer';

export const transporter = nodemailer.createTransport({
  host: 'smtp.example.com',
  port: 465,
  secure: false, // set by ops
  auth: {
    user: process.env.SMTP_USER,
    pass: process.env.SMTP_PASS,
  },
  tls: {
    rejectUnauthorized: false,
  },
});
`;

describe('renderer: set / remove / insert / rename on js-prop sites', () => {
  test('set keeps formatting and the trailing comment', () => {
    const c = cfgOf(MULTI);
    assert.equal(apply(MULTI, [{ op: 'set', field: c.implicitTls!, text: 'true', type: 'boolean' }]), MULTI.replace('secure: false, // set by ops', 'secure: true, // set by ops'));
  });

  test('set a string uses the site quote, else the dominant quote', () => {
    const src = `createTransport({ host: "h", port: 587, tls: { minVersion: "TLSv1" } });\n`;
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'set', field: c.minTlsVersion!, text: 'TLSv1.2', type: 'string' }]), `createTransport({ host: "h", port: 587, tls: { minVersion: "TLSv1.2" } });\n`);
    const src2 = `const a = "x"; const b = "y";\ncreateTransport({ host: "h", port: 587, secure: maybe });\n`;
    const c2 = cfgOf(src2);
    assert.equal(apply(src2, [{ op: 'set', field: c2.implicitTls!, text: `process.env.SMTP_SECURE === "true"`, type: 'code' }]), src2.replace('secure: maybe', 'secure: process.env.SMTP_SECURE === "true"'));
    assert.equal(apply(src2, [{ op: 'set', field: c2.host!, text: 'smtp.example.com' }]), src2.replace('host: "h"', 'host: "smtp.example.com"'));
  });

  test('set on a shorthand property expands it', () => {
    const src = `const port = 465;\ncreateTransport({ host: 'h', port, secure: false });\n`;
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'set', field: c.port!, text: '587', type: 'number' }]), `const port = 465;\ncreateTransport({ host: 'h', port: 587, secure: false });\n`);
  });

  test('remove a property alone on its line (with its trailing comment)', () => {
    const c = cfgOf(MULTI);
    assert.equal(apply(MULTI, [{ op: 'remove', field: c.implicitTls! }]), MULTI.replace('  secure: false, // set by ops\n', ''));
  });

  test('remove inline: middle, last, only', () => {
    const src = `createTransport({ host: 'h', port: 587, ignoreTLS: true, auth: { user: 'u', pass: process.env.P } });\n`;
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'remove', field: c.ignoreTls! }]), `createTransport({ host: 'h', port: 587, auth: { user: 'u', pass: process.env.P } });\n`);
    assert.equal(apply(src, [{ op: 'remove', field: c.credentials.password! }]), `createTransport({ host: 'h', port: 587, ignoreTLS: true, auth: { user: 'u' } });\n`);
    const only = `createTransport({ host: 'h', tls: { rejectUnauthorized: false } });\n`;
    const c2 = cfgOf(only);
    assert.equal(apply(only, [{ op: 'remove', field: c2.verifyCert! }]), `createTransport({ host: 'h', tls: {} });\n`);
    assert.equal(apply(only, [{ op: 'remove', field: c2.extras.tls! }]), `createTransport({ host: 'h' });\n`);
  });

  test('remove the last property of a multi-line object without a trailing comma', () => {
    const src = `createTransport({\n  host: 'h',\n  ignoreTLS: true\n});\n`;
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'remove', field: c.ignoreTls! }]), `createTransport({\n  host: 'h',\n});\n`);
  });

  test('insert after a multi-line property: own line, same indent, trailing comma convention', () => {
    const c = cfgOf(MULTI);
    assert.equal(
      apply(MULTI, [{ op: 'insert', after: c.implicitTls!, key: 'requireTLS', text: 'true', type: 'boolean' }]),
      MULTI.replace('  secure: false, // set by ops\n', '  secure: false, // set by ops\n  requireTLS: true,\n'),
    );
    const noTrailing = `createTransport({\n    host: 'h',\n    port: 587\n});\n`;
    const c2 = cfgOf(noTrailing);
    assert.equal(apply(noTrailing, [{ op: 'insert', after: c2.port!, key: 'requireTLS', text: 'true', type: 'boolean' }]), `createTransport({\n    host: 'h',\n    port: 587,\n    requireTLS: true\n});\n`);
  });

  test('insert in a one-line object: `, key: value`; minified stays minified', () => {
    const src = `createTransport({ host: 'h', port: 587 });\n`;
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'insert', after: c.port!, key: 'requireTLS', text: 'true', type: 'boolean' }]), `createTransport({ host: 'h', port: 587, requireTLS: true });\n`);
    assert.equal(apply(src, [{ op: 'insert', after: c.host!, key: 'secure', text: 'false', type: 'boolean' }]), `createTransport({ host: 'h', secure: false, port: 587 });\n`);
    const min = `t.createTransport({host:"h",port:587,secure:!0})`;
    const m = cfgOf(min, 'b.js');
    assert.equal(apply(min, [{ op: 'insert', after: m.implicitTls!, key: 'requireTLS', text: '!0', type: 'boolean' }]), `t.createTransport({host:"h",port:587,secure:!0,requireTLS:!0})`);
    assert.equal(apply(min, [{ op: 'insert', after: m.host!, key: 'name', text: 'x', type: 'string' }]), `t.createTransport({host:"h",name:"x",port:587,secure:!0})`);
  });

  test('insert with CRLF line endings keeps CRLF', () => {
    const src = `createTransport({\r\n  host: 'h',\r\n  port: 587,\r\n});\r\n`;
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'insert', after: c.port!, key: 'requireTLS', text: 'true', type: 'boolean' }]), `createTransport({\r\n  host: 'h',\r\n  port: 587,\r\n  requireTLS: true,\r\n});\r\n`);
  });

  test('rename keeps the value (and expands a shorthand)', () => {
    const src = `createTransport({ host: 'h', secureConnection: true });\n`;
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'rename', field: c.extras.secureConnection!, key: 'secure' }]), `createTransport({ host: 'h', secure: true });\n`);
    const sh = `const secureConnection = true;\ncreateTransport({ host: 'h', secureConnection });\n`;
    const c2 = cfgOf(sh);
    assert.equal(apply(sh, [{ op: 'rename', field: c2.extras.secureConnection!, key: 'secure' }]), `const secureConnection = true;\ncreateTransport({ host: 'h', secure: secureConnection });\n`);
  });

  test('remove a global NODE_TLS_REJECT_UNAUTHORIZED statement (js-expr) takes its line', () => {
    const src = `import x from 'y';\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nexport {};\n`;
    const r = jsReader.read('a.js', src, {});
    assert.equal(apply(src, [{ op: 'remove', field: r.globals[0].field }]), `import x from 'y';\nexport {};\n`);
  });

  test('set on a js-expr URL string keeps its quote', () => {
    const src = `createTransport("smtp://h.example.com:465");\n`;
    const c = cfgOf(src);
    assert.equal(apply(src, [{ op: 'set', field: c.url!, text: 'smtps://h.example.com:465' }]), `createTransport("smtps://h.example.com:465");\n`);
  });

  test('value helpers', () => {
    assert.equal(dominantQuote(`a("x"); b("y"); c('z')`), '"');
    assert.equal(dominantQuote(`a('x')`), "'");
    assert.equal(jsValue('true', undefined, "'"), 'true');
    assert.equal(jsValue('465', undefined, "'"), '465');
    assert.equal(jsValue('TLSv1.2', undefined, "'"), "'TLSv1.2'");
    assert.equal(jsValue("it's", 'string', "'"), "'it\\'s'");
    assert.equal(jsValue('Number(process.env.SMTP_PORT) === 465', undefined, "'"), 'Number(process.env.SMTP_PORT) === 465');
  });
});

describe('nodemailer expresser (intents → edits → text)', () => {
  test('465 + secure:false → secure: true', () => {
    assert.equal(viaIntent(MULTI, { kind: 'tls-mode', mode: 'implicit' }), MULTI.replace('secure: false, // set by ops', 'secure: true, // set by ops'));
  });

  test('587 + secure:true → secure: false + requireTLS: true (inserted when absent)', () => {
    const src = `const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  secure: true,\n  auth: { user: 'u', pass: process.env.P },\n});\n`;
    assert.equal(viaIntent(src, { kind: 'tls-mode', mode: 'starttls-required' }), src.replace('  secure: true,\n', '  secure: false,\n  requireTLS: true,\n'));
    const withReq = `createTransport({ host: 'h', port: 587, secure: true, requireTLS: false });\n`;
    assert.equal(viaIntent(withReq, { kind: 'tls-mode', mode: 'starttls-required' }), `createTransport({ host: 'h', port: 587, secure: false, requireTLS: true });\n`);
  });

  test('minified 587 + secure:!0 → secure:!1,requireTLS:!0', () => {
    const src = `e.exports=t.createTransport({host:"smtp.example.com",port:587,secure:!0,auth:{user:"u",pass:e.env.P}})`;
    const cfg = cfgOf(src, 'b.js');
    const out = apply(src, express(cfg, { kind: 'tls-mode', mode: 'starttls-required' })!);
    assert.equal(out, `e.exports=t.createTransport({host:"smtp.example.com",port:587,secure:!1,requireTLS:!0,auth:{user:"u",pass:e.env.P}})`);
  });

  test('URL: smtp:// ↔ smtps://', () => {
    assert.equal(viaIntent(`createTransport('smtp://u:p@h.example.com:465');\n`, { kind: 'tls-mode', mode: 'implicit' }), `createTransport('smtps://u:p@h.example.com:465');\n`);
    assert.equal(viaIntent(`createTransport('smtps://h.example.com:587');\n`, { kind: 'tls-mode', mode: 'starttls-required' }), `createTransport('smtp://h.example.com:587');\n`);
  });

  test('secure unset → inserted after the port', () => {
    const src = `createTransport({ host: 'h', port: 2465, auth: { user: 'u', pass: process.env.P } });\n`;
    assert.equal(viaIntent(src, { kind: 'tls-mode', mode: 'implicit' }), `createTransport({ host: 'h', port: 2465, secure: true, auth: { user: 'u', pass: process.env.P } });\n`);
  });

  test('require-tls inserts requireTLS: true and drops ignoreTLS: true', () => {
    const src = `createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  ignoreTLS: true,\n  auth: { user: 'u', pass: process.env.P },\n});\n`;
    assert.equal(viaIntent(src, { kind: 'require-tls' }), `createTransport({\n  host: 'smtp.example.com',\n  port: 587,\n  requireTLS: true,\n  auth: { user: 'u', pass: process.env.P },\n});\n`);
    const plain = `createTransport({ host: 'h', port: 587, secure: false });\n`;
    assert.equal(viaIntent(plain, { kind: 'require-tls' }), `createTransport({ host: 'h', port: 587, secure: false, requireTLS: true });\n`);
  });

  test('verify-cert removes rejectUnauthorized: false, and an emptied tls object', () => {
    assert.equal(viaIntent(MULTI, { kind: 'verify-cert' }), MULTI.replace('  tls: {\n    rejectUnauthorized: false,\n  },\n', ''));
    const two = `createTransport({ host: 'h', tls: { rejectUnauthorized: false, servername: 'h' } });\n`;
    assert.equal(viaIntent(two, { kind: 'verify-cert' }), `createTransport({ host: 'h', tls: { servername: 'h' } });\n`);
    const url = `createTransport('smtps://h.example.com:465?tls.rejectUnauthorized=false');\n`;
    const cfg = cfgOf(url);
    const edits = express(cfg, { kind: 'verify-cert' })!;
    assert.equal(edits.length, 1);
    assert.equal(edits[0].op, 'remove');
    assert.equal((edits[0] as { field: { site: { style: string } } }).field.site.style, 'url-part', 'URL parameters are removed by the url-part renderer');
  });

  test('min-tls-1.2 sets minVersion, removes a legacy secureProtocol / cipher list', () => {
    const src = `createTransport({ host: 'h', tls: { minVersion: 'TLSv1', rejectUnauthorized: true } });\n`;
    assert.equal(viaIntent(src, { kind: 'min-tls-1.2' }), `createTransport({ host: 'h', tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true } });\n`);
    const proto = `createTransport({\n  host: 'h',\n  tls: {\n    secureProtocol: 'TLSv1_method',\n    ciphers: 'SSLv3',\n  },\n});\n`;
    assert.equal(viaIntent(proto, { kind: 'min-tls-1.2' }), `createTransport({\n  host: 'h',\n});\n`);
  });

  test('port intent: 25 → 587 with requireTLS; 587 → 465 flips secure', () => {
    const src = `createTransport({ host: 'smtp.example.com', port: 25, auth: { user: 'u', pass: process.env.P } });\n`;
    assert.equal(viaIntent(src, { kind: 'port', port: 587 }), `createTransport({ host: 'smtp.example.com', port: 587, requireTLS: true, auth: { user: 'u', pass: process.env.P } });\n`);
    const s = `createTransport({ host: 'h', port: 587, secure: false, requireTLS: true });\n`;
    assert.equal(viaIntent(s, { kind: 'port', port: 465 }), `createTransport({ host: 'h', port: 465, secure: true, requireTLS: true });\n`);
  });

  test('values read from process.env are not overwritten', () => {
    const src = `createTransport({ host: 'h', port: Number(process.env.SMTP_PORT), secure: process.env.SMTP_SECURE === 'true' });\n`;
    assert.equal(express(cfgOf(src), { kind: 'port', port: 587 }), null);
    assert.equal(express(cfgOf(src), { kind: 'tls-mode', mode: 'implicit' }), null);
  });
});

test('{ url } object: require-tls inserts after the url property', () => {
  const src = `createTransport({ url: 'smtp://u:p@smtp.example.com:587' });\n`;
  assert.equal(viaIntent(src, { kind: 'require-tls' }), `createTransport({ url: 'smtp://u:p@smtp.example.com:587', requireTLS: true });\n`);
});

test('removing NODE_TLS_REJECT_UNAUTHORIZED never changes what the next statement means', () => {
  const cases: [string, string][] = [
    [`if (dev) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nstart();\n`, `if (dev) {}\nstart();\n`],
    [`if (dev)\n  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nstart();\n`, `if (dev)\n  {}\nstart();\n`],
    [`if (a) x(); else process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n`, `if (a) x(); else {}\n`],
    [`const old = process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n`, `const old = void 0;\n`],
    [`function f() {\n  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n  return 1;\n}\n`, `function f() {\n  return 1;\n}\n`],
    [`setup(); process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; go();\n`, `setup(); go();\n`],
  ];
  for (const [src, want] of cases) {
    const r = jsReader.read('a.js', src, {});
    assert.equal(r.globals.length, 1, src);
    const out = apply(src, [{ op: 'remove', field: r.globals[0].field }]);
    assert.equal(out, want);
    assert.equal(jsReader.read('a.js', out, {}).globals.length, 0);
  }
});
