import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { jsReader, jsReaderOptions, mayContainMail, FULL_PARSE_MAX } from '../../server/src/readers/js/index';
import { lookupService } from '../../server/src/semantics/nodemailer/presets';
import type { Field, ReadResult, SmtpConfig } from '../../server/src/model/types';
import type { EnvLookup } from '../../server/src/readers/types';

// The effective-mode tables describe nodemailer 10.6 (node_modules): requireTLS vs ignoreTLS follows the version.
function read(src: string, file = 'src/mailer.ts', env?: EnvLookup): ReadResult {
  return jsReader.read(file, src, { env, versionOf: (library) => ({ library, spec: '10.6.0', source: 'test' }) });
}
function one(src: string, file = 'src/mailer.ts', env?: EnvLookup): SmtpConfig {
  const r = read(src, file, env);
  assert.equal(r.configs.length, 1, `expected one config, got ${r.configs.length}; problems: ${JSON.stringify(r.problems)}`);
  return r.configs[0];
}
/** The source text a site span covers. */
const at = (src: string, f: Field | undefined, part: 'value' | 'key' | 'entry' = 'value'): string => {
  assert.ok(f, 'field missing');
  const s = part === 'key' ? f.site.key! : f.site[part];
  return src.slice(s.start, s.end);
};
const fakeEnv = (vars: Record<string, string>): EnvLookup => ({
  get: (_file, name) => (name in vars ? { value: vars[name], ref: { file: 'src/.env', span: { start: 0, end: vars[name].length } } } : undefined),
});

describe('import and call forms (every form gen-corpus writes)', () => {
  const obj = `{ host: 'smtp.example.com', port: 465, secure: false }`;
  const forms: [string, string][] = [
    ['default import', `import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport(${obj});\n`],
    ['named import', `import { createTransport } from 'nodemailer';\nconst t = createTransport(${obj});\n`],
    ['renamed import', `import { createTransport as mk } from 'nodemailer';\nconst t = mk(${obj});\n`],
    ['namespace import', `import * as mailer from 'nodemailer';\nconst t = mailer.createTransport(${obj});\n`],
    ['require', `const nodemailer = require('nodemailer');\nconst t = nodemailer.createTransport(${obj});\nmodule.exports = { t };\n`],
    ['destructured require', `const { createTransport } = require('nodemailer');\nconst t = createTransport(${obj});\n`],
    ['renamed destructured require', `const { createTransport: make } = require('nodemailer');\nconst t = make(${obj});\n`],
    ['inline require', `const t = require('nodemailer').createTransport(${obj});\n`],
    ['options variable', `import nodemailer from 'nodemailer';\nconst smtpOptions = ${obj};\nexport const t = nodemailer.createTransport(smtpOptions);\n`],
    ['typed options variable', `import nodemailer from 'nodemailer';\nimport type SMTPTransport from 'nodemailer/lib/smtp-transport';\nconst smtpOptions: SMTPTransport.Options = ${obj};\nexport const t = nodemailer.createTransport(smtpOptions);\n`],
    ['as-cast argument', `import nodemailer from 'nodemailer';\nconst t = nodemailer.createTransport(${obj} as any);\n`],
    ['module.exports object', `const nodemailer = require('nodemailer');\nmodule.exports.smtp = ${obj};\nconst t = nodemailer.createTransport(module.exports.smtp);\n`],
    ['property of a config object', `import nodemailer from 'nodemailer';\nconst config = { mail: ${obj} };\nconst t = nodemailer.createTransport(config.mail);\n`],
    ['spread of a base object', `import nodemailer from 'nodemailer';\nconst base = { host: 'smtp.example.com', port: 465 };\nconst t = nodemailer.createTransport({ ...base, secure: false });\n`],
  ];
  for (const [name, src] of forms) {
    test(name, () => {
      const c = one(src);
      assert.equal(c.dialect, 'nodemailer');
      assert.equal(c.format, 'js');
      assert.equal(c.host?.value, 'smtp.example.com');
      assert.equal(c.port?.value, 465);
      assert.equal(c.implicitTls?.value, false);
      assert.equal(c.implicitTls?.kind, 'literal');
      assert.equal(at(src, c.implicitTls), 'false');
      assert.equal(c.effective.tlsMode, 'starttls-opportunistic');
      assert.equal(c.effective.port, 465);
      assert.match(c.effective.because, /secure is false on port 465/);
    });
  }

  test('the one-line compact form: sites point at each property', () => {
    const src = `export const transporter = nodemailer.createTransport({ host: 'smtp.gmail.com', port: 587, secure: true, auth: { user: 'apikey', pass: process.env.SMTP_PASS }, tls: { rejectUnauthorized: false, minVersion: 'TLSv1' } });\n`;
    const c = one(src, 'a.js');
    assert.equal(at(src, c.port, 'entry'), 'port: 587,');
    assert.equal(c.port?.site.inline, true);
    assert.equal(c.port?.site.trailingComma, true);
    assert.equal(at(src, c.implicitTls, 'key'), 'secure');
    assert.equal(c.verifyCert?.value, false);
    assert.equal(at(src, c.verifyCert, 'entry'), 'rejectUnauthorized: false,');
    assert.equal(c.minTlsVersion?.value, 'TLSv1');
    assert.equal(c.minTlsVersion?.site.quote, "'");
    assert.equal(c.minTlsVersion?.text, 'TLSv1');
    assert.equal(c.credentials.user?.value, 'apikey');
    assert.equal(c.credentials.password?.text, '***');
    assert.equal(c.credentials.password?.value, undefined);
    assert.equal(c.credentials.passwordIsLiteral, false);
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(c.extras.tls?.value, 2, 'extras.tls counts the properties of the tls object');
  });

  test('multi-line object: indent, trailing comma, not inline', () => {
    const src = `const t = nodemailer.createTransport({\n  host: 'h',\n  port: 25,\n  auth: {\n    user: 'u',\n    pass: 'real-Secret-9',\n  },\n});\n`;
    const c = one(src, 'a.cjs');
    assert.equal(c.port?.site.indent, '  ');
    assert.equal(c.port?.site.inline, false);
    assert.equal(c.credentials.user?.site.indent, '    ');
    assert.equal(c.credentials.passwordIsLiteral, true);
    assert.equal(c.credentials.password?.text, '***');
    assert.ok(!JSON.stringify(c).includes('real-Secret-9'), 'the password never appears in the model');
  });

  test('createTransport from another library with a non-SMTP object is ignored; sendmail/json transports too', () => {
    assert.equal(read(`nodemailer.createTransport({ sendmail: true, path: '/usr/sbin/sendmail' });`).configs.length, 0);
    assert.equal(read(`nodemailer.createTransport({ jsonTransport: true });`).configs.length, 0);
    assert.equal(read(`nodemailer.createTransport(sesTransport);`).configs.length, 0);
    assert.equal(read(`function createTransport(opts) { return opts; }`).configs.length, 0);
    // pool wins over sendmail (nodemailer.js createTransport)
    assert.equal(read(`nodemailer.createTransport({ pool: true, sendmail: true, host: 'h' });`).configs.length, 1);
  });

  test('old nodemailer-smtp-transport wrapper', () => {
    const c = one(`const smtpTransport = require('nodemailer-smtp-transport');\nnodemailer.createTransport(smtpTransport({ host: 'h', port: 587, secure: true }));`);
    assert.equal(c.effective.tlsMode, 'implicit');
  });
});

describe('URL arguments', () => {
  test('smtp:// sets secure false explicitly: broken on 465; parts point inside the quotes', () => {
    const src = `const t = nodemailer.createTransport("smtp://user:pa55@mail.example.com:465?tls.rejectUnauthorized=false");\n`;
    const c = one(src);
    assert.equal(c.url?.site.style, 'js-expr');
    assert.equal(c.url?.site.quote, '"');
    assert.equal(at(src, c.url!.scheme), 'smtp');
    assert.equal(at(src, c.url!.port), '465');
    assert.equal(at(src, c.url!.host), 'mail.example.com');
    assert.equal(c.url?.hasPassword, true);
    assert.ok(!JSON.stringify(c).includes('pa55'), 'URL password never kept');
    assert.equal(c.credentials.user?.value, 'user');
    assert.equal(c.credentials.passwordIsLiteral, true);
    assert.equal(c.verifyCert?.value, false, 'query tls.rejectUnauthorized mapped to verifyCert (coerced like nodemailer)');
    assert.equal(at(src, c.verifyCert), 'false');
    assert.equal(c.effective.tlsMode, 'starttls-opportunistic');
    assert.equal(c.effective.port, 465);
    assert.match(c.effective.because, /smtp:\/\/ URL sets secure: false/);
  });

  test('smtps:// is implicit; a query secure=… cannot override the scheme', () => {
    assert.equal(one(`createTransport('smtps://h.example.com:465')`).effective.tlsMode, 'implicit');
    assert.equal(one(`createTransport('smtp://h.example.com:465?secure=true')`).effective.tlsMode, 'starttls-opportunistic');
    assert.equal(one(`createTransport('smtp://h.example.com:587?requireTLS=true')`).effective.tlsMode, 'starttls-required');
    assert.equal(one(`createTransport('smtp://h.example.com')`).effective.port, 587);
    assert.equal(one(`createTransport('smtps://h.example.com')`).effective.port, 465);
  });

  test('{ url } object form: URL wins over the object keys', () => {
    const c = one(`createTransport({ url: 'smtps://h.example.com:465', secure: false })`);
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.ok(c.url?.scheme);
  });

  test('URL from process.env, resolved through a .env file', () => {
    const c = one(`createTransport(process.env.MAIL_URL)`, 'src/a.ts', fakeEnv({ MAIL_URL: 'smtp://u:secretpw@smtp.example.com:465' }));
    assert.equal(c.url?.kind, 'env');
    assert.equal(c.url?.envVar, 'MAIL_URL');
    assert.equal(c.url?.resolvedFrom?.file, 'src/.env');
    assert.equal(c.url?.port?.value, 465);
    assert.equal(c.effective.tlsMode, 'starttls-opportunistic');
    assert.ok(!JSON.stringify(c).includes('secretpw'));
    const u = one(`createTransport(process.env.MAIL_URL)`);
    assert.equal(u.effective.tlsMode, 'unknown');
  });

  test('template literal URL: literal parts stay literal', () => {
    const src = 'createTransport(`smtps://${user}:${pass}@smtp.example.com:587`)';
    const c = one(src);
    assert.equal(c.url?.scheme?.kind, 'literal');
    assert.equal(at(src, c.url!.scheme), 'smtps');
    assert.equal(c.url?.kind, 'expression');
    assert.equal(c.effective.tlsMode, 'implicit', 'scheme, host and port are written out: the mode is known');
    assert.equal(c.effective.port, 587);
    assert.equal(one('createTransport(`smtp://${host}:465`)').effective.tlsMode, 'unknown');
  });

  test('a non-URL string is not a transport', () => {
    assert.equal(read(`createTransport('sendmail')`).configs.length, 0);
  });
});

describe('value kinds', () => {
  test('literal, env, expression', () => {
    const src = `createTransport({ host: process.env.SMTP_HOST, port: Number(process.env.SMTP_PORT ?? 587), secure: process.env.SMTP_SECURE === 'true', requireTLS: process.env.SMTP_REQUIRE_TLS !== 'false', ignoreTLS: isDev(), name: 'x' })`;
    const c = one(src);
    assert.equal(c.host?.kind, 'env');
    assert.equal(c.host?.envVar, 'SMTP_HOST');
    assert.equal(c.port?.kind, 'env');
    assert.equal(c.port?.envVar, 'SMTP_PORT');
    assert.equal(c.port?.value, 587, 'the fallback, while SMTP_PORT is unset (issue 11)');
    assert.deepEqual(c.port?.whenUnset, ['SMTP_PORT']);
    assert.equal(c.implicitTls?.kind, 'env');
    assert.equal(c.implicitTls?.text, `process.env.SMTP_SECURE === 'true'`);
    assert.equal(c.requireTls?.kind, 'env');
    assert.equal(c.ignoreTls?.kind, 'expression');
    assert.equal(c.extras.name?.kind, 'literal');
    assert.equal(c.effective.tlsMode, 'unknown');
    assert.match(c.effective.because, /process\.env\.SMTP_SECURE is read at run time/);
    assert.equal(c.extras['rawEnvString:secure'], undefined, 'a compared env value is not a raw string');
  });

  test('process.env.X and process.env["X"], resolved through EnvLookup (cross-file)', () => {
    const env = fakeEnv({ SMTP_PORT: '465', SMTP_SECURE: 'false', SMTP_HOST: 'smtp.example.com' });
    const c = one(`createTransport({ host: process.env['SMTP_HOST'], port: process.env.SMTP_PORT, secure: process.env.SMTP_SECURE })`, 'src/a.ts', env);
    assert.equal(c.host?.value, 'smtp.example.com');
    assert.equal(c.port?.value, 465, 'a numeric env string becomes the port number (nodemailer: Number(port))');
    assert.equal(c.port?.resolvedFrom?.file, 'src/.env');
    assert.equal(c.implicitTls?.value, 'false');
    assert.ok(c.extras['rawEnvString:secure'], 'raw env string in a boolean option is flagged');
    assert.equal(c.effective.tlsMode, 'implicit', 'the string "false" is truthy');
    assert.match(c.effective.because, /string "false", which is truthy/);
  });

  test('Number(), parseInt(), unary +, || and ?? defaults, === comparisons evaluate with resolved env', () => {
    const env = fakeEnv({ SMTP_PORT: '465', SMTP_SECURE: 'true' });
    const cases: [string, number | boolean | undefined][] = [
      [`port: Number(process.env.SMTP_PORT)`, 465],
      [`port: parseInt(process.env.SMTP_PORT ?? '587', 10)`, 465],
      [`port: +(process.env.SMTP_PORT || 465)`, 465],
      [`port: Number(process.env.NOPE) || 587`, 587], // the fallback while NOPE is unset (issue 11)
      [`port: process.env.SMTP_PORT || 587`, 465],
    ];
    for (const [prop, want] of cases) {
      const c = one(`createTransport({ host: 'h', ${prop} })`, 'a.ts', env);
      assert.equal(c.port?.value, want, prop);
      assert.equal(c.port?.kind, 'env', prop);
    }
    const s = one(`createTransport({ host: 'h', port: 465, secure: process.env.SMTP_SECURE === 'true' })`, 'a.ts', env);
    assert.equal(s.implicitTls?.value, true);
    assert.equal(s.effective.tlsMode, 'implicit');
  });

  test('minified booleans !0 / !1 are literals', () => {
    const c = one(`e.exports=t.createTransport({host:"smtp.example.com",port:465,secure:!1,ignoreTLS:!0,auth:{user:"u",pass:e.env.P}})`, 'bundle.js');
    assert.equal(c.implicitTls?.value, false);
    assert.equal(c.implicitTls?.kind, 'literal');
    assert.equal(c.implicitTls?.text, '!1');
    assert.equal(c.ignoreTls?.value, true);
    assert.equal(c.effective.tlsMode, 'none');
  });

  test('same-file constants: value known, kind expression', () => {
    const c = one(`const PORT = 465;\nconst HOST = 'smtp.example.com';\ncreateTransport({ host: HOST, port: PORT, secure: false })`);
    assert.equal(c.port?.value, 465);
    assert.equal(c.port?.kind, 'expression');
    assert.equal(c.host?.value, 'smtp.example.com');
  });

  test('secure: port === 465 stays correct for any port', () => {
    const unknownPort = one(`const port = Number(process.env.SMTP_PORT);\ncreateTransport({ host: 'h', port, secure: port === 465 })`);
    assert.equal(unknownPort.effective.tlsMode, 'unknown');
    assert.match(unknownPort.effective.because, /secure follows the port/);
    assert.ok(unknownPort.extras.secureFollowsPort);
    const known465 = one(`const port = Number(process.env.SMTP_PORT);\ncreateTransport({ host: 'h', port, secure: port === 465 })`, 'a.ts', fakeEnv({ SMTP_PORT: '465' }));
    assert.equal(known465.implicitTls?.value, true);
    assert.equal(known465.effective.tlsMode, 'implicit');
    const known587 = one(`createTransport({ host: 'h', port: Number(process.env.SMTP_PORT), secure: Number(process.env.SMTP_PORT) === 465 })`, 'a.ts', fakeEnv({ SMTP_PORT: '587' }));
    assert.equal(known587.implicitTls?.value, false);
    assert.equal(known587.effective.tlsMode, 'starttls-opportunistic');
    assert.ok(known587.extras.secureFollowsPort);
    const cfgPort = one(`createTransport({ host: 'h', port: config.port, secure: config.port === 465 })`);
    assert.ok(cfgPort.extras.secureFollowsPort);
  });

  test('auth in a ternary, tls from a same-file object, unresolvable spread', () => {
    const c = one(`const tlsOpts = { rejectUnauthorized: false };\ncreateTransport({ host: 'h', port: 587, auth: process.env.U ? { user: process.env.U, pass: process.env.P } : undefined, tls: tlsOpts })`);
    assert.equal(c.credentials.user?.envVar, 'U');
    assert.equal(c.verifyCert?.value, false);
    assert.equal(c.extras.tls?.value, undefined, 'tls written as a reference: no property count');
    const s = one(`createTransport({ ...getDefaults(), host: 'h' })`);
    assert.equal(s.effective.tlsMode, 'unknown');
    assert.ok(s.extras.spread);
  });

  test('secureConnection, debug, logger, servername, maxVersion/secureProtocol go to extras', () => {
    const c = one(`createTransport({ host: 'h', secureConnection: true, debug: true, logger: true, tls: { maxVersion: 'TLSv1', secureProtocol: 'TLSv1_method', ciphers: 'SSLv3', servername: 'x' } })`);
    assert.equal(c.extras.secureConnection?.value, true);
    assert.equal(c.extras.debug?.value, true);
    assert.equal(c.extras.logger?.value, true);
    assert.equal(c.minTlsVersion?.key, 'tls.secureProtocol');
    assert.equal(c.extras['tls.maxVersion']?.value, 'TLSv1');
    assert.equal(c.ciphers?.value, 'SSLv3');
    assert.equal(c.extras['tls.servername']?.value, 'x');
    assert.equal(c.effective.tlsMode, 'starttls-opportunistic', 'secureConnection is not an option nodemailer reads');
  });
});

describe('effective mode (nodemailer 10 smtp-connection + smtp-transport)', () => {
  const mode = (props: string) => one(`createTransport({ host: 'smtp.example.com'${props ? ', ' + props : ''} })`).effective;
  const table: [string, string, number | undefined][] = [
    ['', 'starttls-opportunistic', 587],
    ['port: 465', 'implicit', 465],
    ["port: '465'", 'implicit', 465],
    ['port: 465, secure: false', 'starttls-opportunistic', 465],
    ['port: 465, secure: null', 'starttls-opportunistic', 465],
    ['port: 465, secure: undefined', 'implicit', 465],
    ['secure: true', 'implicit', 465],
    ["secure: 'false'", 'implicit', 465],
    ['port: 587, secure: true', 'implicit', 587],
    ['port: 587, requireTLS: true', 'starttls-required', 587],
    ['port: 587, ignoreTLS: true', 'none', 587],
    ['port: 587, requireTLS: true, ignoreTLS: true', 'starttls-required', 587],
    ['port: 587, opportunisticTLS: true', 'starttls-opportunistic', 587],
    ['port: 0', 'starttls-opportunistic', 587],
    ["port: 'abc', secure: true", 'implicit', 465],
    ['port: 25', 'starttls-opportunistic', 25],
  ];
  for (const [props, want, port] of table) {
    test(`{ ${props || '(host only)'} } → ${want}`, () => {
      const e = mode(props);
      assert.equal(e.tlsMode, want);
      assert.equal(e.port, port);
      assert.ok(e.because.length > 10 && !e.because.includes('\n'));
    });
  }

  test("service: 'gmail' is implicit on 465 and overrides explicit host/port/secure", () => {
    const c = one(`createTransport({ service: 'gmail', auth: { user: 'a@gmail.com', pass: process.env.P } })`);
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(c.effective.host, 'smtp.gmail.com');
    assert.equal(c.effective.port, 465);
    const o = one(`createTransport({ service: 'Gmail', host: 'x', port: 587, secure: false })`);
    assert.equal(o.effective.tlsMode, 'implicit');
    assert.equal(o.effective.host, 'smtp.gmail.com');
    assert.match(o.effective.because, /service 'Gmail'/);
  });

  test('service lookup normalises like nodemailer (aliases, domains, e-mail addresses, punctuation)', () => {
    assert.equal(lookupService('Google Mail')?.name, 'Gmail');
    assert.equal(lookupService('someone@googlemail.com')?.name, 'Gmail');
    assert.equal(lookupService('OUTLOOK365')?.name, 'Outlook365');
    assert.equal(lookupService('Outlook')?.name, 'Hotmail');
    assert.equal(lookupService('Office365'), undefined);
    assert.equal(lookupService('Send Grid')?.name, 'SendGrid');
    const unknown = one(`createTransport({ service: 'Office365', auth: { user: 'u', pass: process.env.P } })`);
    assert.equal(unknown.effective.host, 'localhost', 'an unknown service is ignored: nodemailer connects to localhost');
    assert.equal(unknown.effective.port, 587);
    const maildev = one(`createTransport({ service: 'Maildev' })`);
    assert.equal(maildev.effective.tlsMode, 'none');
    assert.equal(maildev.effective.port, 1025);
  });

  test('an env service is unknown', () => {
    assert.equal(one(`createTransport({ service: process.env.MAIL_SERVICE })`).effective.tlsMode, 'unknown');
  });
});

describe('globals and suppressions', () => {
  test('process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0" (dot and bracket forms)', () => {
    const src = `import x from 'y';\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nprocess.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;\nif (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {}\n`;
    const r = read(src, 'a.js');
    assert.equal(r.configs.length, 0);
    assert.equal(r.globals.length, 2);
    const g = r.globals[0].field;
    assert.equal(g.key, 'NODE_TLS_REJECT_UNAUTHORIZED');
    assert.equal(g.value, '0');
    assert.equal(g.kind, 'literal');
    assert.equal(g.site.style, 'js-expr');
    assert.equal(src.slice(g.site.entry.start, g.site.entry.end), `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';`);
    assert.equal(src.slice(g.site.value.start, g.site.value.end), `'0'`);
    assert.equal(r.globals[1].field.value, '0');
  });

  test('disable-next-line (// and /* */) and file-level comments', () => {
    const src = [
      `// mail-config-lint-disable-next-line secure-false-on-465`,
      `const a = createTransport({ host: 'h', port: 465, secure: false });`,
      `/* mail-config-lint-disable-next-line */`,
      `const b = 1;`,
      `const s = "// mail-config-lint-disable-next-line not-a-comment";`,
    ].join('\n');
    const r = read(src);
    assert.deepEqual([...(r.suppressions.lines.get(1) ?? [])], ['secure-false-on-465']);
    assert.deepEqual([...(r.suppressions.lines.get(3) ?? [])], ['*']);
    assert.equal(r.suppressions.lines.get(5), undefined, 'text inside a string is not a comment');
    const f = read(`// mail-config-lint-disable tls-verification-disabled\ncreateTransport({ host: 'h' });`);
    assert.ok(f.suppressions.file.has('tls-verification-disabled'));
  });
});

describe('bad input', () => {
  test('prefilter', () => {
    assert.equal(mayContainMail('export const x = 1;'), false);
    assert.equal(mayContainMail('nodemailer.createTransport({})'), true);
    assert.equal(mayContainMail("process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'"), true);
    assert.equal(read('const x = {').problems.length, 0, 'files without mail are not even parsed');
  });

  test('half-written code still yields what can be found', () => {
    const cases: [string, (c: SmtpConfig) => void][] = [
      [`const t = nodemailer.createTransport({ host: 'a', port: 465, secure: \n});\nfunction x(){}`, (c) => assert.equal(c.port?.value, 465)],
      [`const t = nodemailer.createTransport({ host: 'a', port: 587, secure: true,\n  tls: { rejectUnauthorized: false \n});\nfunction x(){ return 1 }`, (c) => {
        assert.equal(c.implicitTls?.value, true);
        assert.equal(c.verifyCert?.value, false);
      }],
      [`const t = nodemailer.createTransport({ host: 'a', port: 465, secure: false });\nfunction x( { return 1 }\nconst y = `, (c) => assert.equal(c.effective.tlsMode, 'starttls-opportunistic')],
      [`const o = { host: 'a', port: 25, auth: { user: 'u', pass: process.env.P } };\nconst t = nodemailer.createTransport(o);\nclass {`, (c) => {
        assert.equal(c.port?.value, 25);
        assert.equal(c.credentials.user?.value, 'u');
      }],
      [`const t = nodemailer.createTransport({ host: 'a', port: 587, ignoreTLS: true,`, (c) => assert.equal(c.ignoreTls?.value, true)],
    ];
    for (const [src, check] of cases) {
      const r = read(src);
      assert.ok(r.problems.length >= 1, 'a syntax problem is reported');
      assert.match(r.problems[0].message, /syntax error/);
      assert.equal(r.configs.length, 1, src);
      check(r.configs[0]);
      // Sites still point at the right text.
      const c = r.configs[0];
      if (c.port) assert.equal(src.slice(c.port.site.value.start, c.port.site.value.end), String(c.port.value));
    }
  });

  test('a 5 MB single-line minified bundle is read (scan mode) and finds its transports', () => {
    const chunk = 'function(a,b,c){var e=c(1),t=c(2);a.exports=t.createTransport({host:"smtp.example.com",port:465,secure:!1,auth:{user:"u",pass:e.env.P}})},';
    const filler = 'function(a,b){a.exports={id:1,name:"x",list:[1,2,3],enabled:!0}},';
    let line = '(()=>{var m={';
    let n = 0;
    while (line.length < 5_000_000) line += n++ % 200 === 0 ? chunk : filler;
    const src = `/*! license */\n${line}}})();\n`;
    assert.ok(src.length > FULL_PARSE_MAX);
    const r = read(src, 'dist/bundle.min.js');
    assert.ok(r.problems.some((p) => /large file/.test(p.message)));
    assert.ok(r.configs.length > 50);
    const c = r.configs[0];
    assert.equal(c.implicitTls?.text, '!1');
    assert.equal(src.slice(c.implicitTls!.site.value.start, c.implicitTls!.site.value.end), '!1');
    assert.equal(c.effective.tlsMode, 'starttls-opportunistic');
  });

  test('binary junk and odd inputs never throw', () => {
    for (const s of ['\u0000\u0001createTransport(\u0000', 'createTransport(', 'createTransport((((((', 'x.createTransport(`${', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = ", '\uFEFFcreateTransport({host:"h"})']) {
      assert.doesNotThrow(() => read(s));
    }
    assert.equal(read('\uFEFFcreateTransport({host:"h"})').configs[0]?.host?.value, 'h');
  });
});

test('labels name the variable or property the transport is assigned to', () => {
  const r = read(`const transporter = nodemailer.createTransport({ host: 'h' });\nthis.mailer = nodemailer.createTransport({ host: 'i' });\nmodule.exports.smtp = createTransport('smtp://h.example.com');\nnodemailer.createTransport({ host: 'j' }).verify();\n`);
  assert.deepEqual(r.configs.map((c) => c.label), ['nodemailer transport transporter', 'nodemailer transport this.mailer', 'nodemailer transport smtp', 'nodemailer transport']);
});

test('pathologically deep nesting: a problem, no throw, the transport still found', () => {
  // In the transport's own statement: the parse fails, the scan fallback still finds the port.
  const src = 'createTransport({ host: "h", port: 25, x: [' + '['.repeat(100000) + ']'.repeat(100000) + '] });\n';
  const r = read(src, 'a.js');
  assert.ok(r.problems.length === 1);
  assert.equal(r.configs[0]?.port?.value, 25);
  // In an unrelated statement: region mode never parses it (no problem); the whole-file parse reports it.
  const src2 = 'const x = [' + '['.repeat(100000) + ']'.repeat(100000) + '];\ncreateTransport({ host: "h", port: 25 });\n';
  const r2 = read(src2, 'a.js');
  assert.equal(r2.problems.length, 0);
  assert.equal(r2.configs[0]?.port?.value, 25);
  jsReaderOptions.regions = false;
  try {
    const r3 = read(src2, 'a.js');
    assert.ok(r3.problems.length === 1);
    assert.equal(r3.configs[0]?.port?.value, 25);
  } finally {
    jsReaderOptions.regions = true;
  }
});

test('scan mode (broken file) ignores commented-out transports and globals', () => {
  const src = [
    `// const old = nodemailer.createTransport({ host: 'h', port: 465, secure: false });`,
    `/* process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; */`,
    `const s = "/* not a comment";`,
    `const t = nodemailer.createTransport({ host: 'h', port: 587 });`,
    `function broken( {`,
  ].join('\n');
  const r = read(src, 'a.js');
  assert.ok(r.problems.length >= 1);
  assert.equal(r.configs.length, 1);
  assert.equal(r.configs[0].port?.value, 587);
  assert.equal(r.globals.length, 0);
});

test('env values destructured from process.env or read through an alias of it', () => {
  const env = fakeEnv({ SMTP_PORT: '465', SMTP_SECURE: 'false' });
  const src = `const { SMTP_HOST: host, SMTP_PORT = '587', SMTP_SECURE } = process.env;\nconst e = process.env;\nexport const t = createTransport({ host, port: Number(SMTP_PORT), secure: SMTP_SECURE, requireTLS: e.SMTP_REQUIRE_TLS });\n`;
  const c = one(src, 'a.ts', env);
  assert.equal(c.host?.kind, 'env');
  assert.equal(c.host?.envVar, 'SMTP_HOST');
  assert.equal(c.port?.value, 465);
  assert.equal(c.port?.envVar, 'SMTP_PORT');
  assert.equal(c.implicitTls?.value, 'false');
  assert.ok(c.extras['rawEnvString:secure'], 'a destructured env string is still a raw string');
  assert.ok(c.extras['rawEnvString:requireTLS'], 'e.X where e = process.env is a raw string');
  assert.equal(c.requireTls?.envVar, 'SMTP_REQUIRE_TLS');
  assert.equal(c.effective.tlsMode, 'implicit');
  const d = one(src, 'a.ts', fakeEnv({}));
  assert.equal(d.effective.tlsMode, 'unknown');
  assert.equal(one(`const { SMTP_PORT = '587' } = process.env;\ncreateTransport({ host: 'h', port: SMTP_PORT })`, 'a.ts', fakeEnv({})).port?.value, undefined, 'the default applies only when the variable is unset at run time: unknown');
});

test('a URL with a fallback: process.env.SMTP_URL || "smtp://…"', () => {
  const src = `createTransport(process.env.SMTP_URL || 'smtp://localhost:1025')`;
  const unresolved = one(src);
  assert.equal(unresolved.url?.kind, 'env');
  assert.equal(unresolved.effective.tlsMode, 'unknown');
  const resolved = one(src, 'a.ts', fakeEnv({ SMTP_URL: 'smtps://smtp.example.com:465' }));
  assert.equal(resolved.effective.tlsMode, 'implicit');
  assert.equal(resolved.url?.port?.value, 465);
  assert.equal(resolved.url?.port?.site.style, 'js-expr', 'parts of a resolved env URL point at the expression, not into another file');
});

test('NestJS MailerModule.forRoot / forRootAsync transports', () => {
  const src = `import { MailerModule } from '@nestjs-modules/mailer';
@Module({
  imports: [
    MailerModule.forRoot({
      transport: {
        host: 'smtp.example.com',
        port: 465,
        secure: false,
        auth: { user: 'u', pass: process.env.MAIL_PASS },
      },
      defaults: { from: '"No Reply" <no-reply@example.com>' },
    }),
    MailerModule.forRootAsync({
      useFactory: (config: ConfigService) => ({
        transport: 'smtps://user:pw@smtp.example.com:587',
      }),
      inject: [ConfigService],
    }),
    MailerModule.forRootAsync({
      useFactory: async () => {
        return { transport: { host: config.get('MAIL_HOST'), port: 587, ignoreTLS: true } };
      },
    }),
  ],
})
export class AppModule {}
`;
  const r = read(src, 'src/app.module.ts');
  assert.equal(r.configs.length, 3);
  const [a, b, c] = r.configs;
  assert.equal(a.label, 'nodemailer transport (NestJS MailerModule)');
  assert.equal(a.implicitTls?.value, false);
  assert.equal(a.effective.tlsMode, 'starttls-opportunistic');
  assert.equal(b.url?.scheme?.value, 'smtps');
  assert.equal(b.effective.tlsMode, 'implicit');
  assert.equal(b.effective.port, 587);
  assert.equal(c.host?.kind, 'expression');
  assert.equal(c.effective.tlsMode, 'none');
  assert.equal(mayContainMail('MailerModule.forRoot({})'), true);
});

test('offsets are UTF-16 indices into the text as given (BOM, astral characters, CRLF)', () => {
  const src = `\uFEFF// 📧 mail — naïve\r\nconst greeting = '👋🏽';\r\nconst t = createTransport({ host: 'h', port: 465, secure: false });\r\n`;
  const c = one(src, 'a.js');
  assert.equal(src.slice(c.implicitTls!.site.value.start, c.implicitTls!.site.value.end), 'false');
  assert.equal(src.slice(c.port!.site.key!.start, c.port!.site.key!.end), 'port');
  const r = read(`\uFEFF// mail-config-lint-disable-next-line\r\nconst t = createTransport({ host: 'h' });\r\n`, 'a.js');
  assert.ok(r.suppressions.lines.get(1)?.has('*'));
});

test('truthiness of a raw env string: !!process.env.X and Boolean(process.env.X) are flagged, comparisons are not', () => {
  const env = fakeEnv({ S: 'false' });
  const flagged = [`secure: !!process.env.S`, `secure: Boolean(process.env.S)`, `secure: process.env.S`, `secure: process.env['S']`];
  for (const prop of flagged) {
    const c = one(`createTransport({ host: 'h', port: 587, ${prop} })`, 'a.ts', env);
    assert.ok(c.extras['rawEnvString:secure'], prop);
    assert.equal(c.effective.tlsMode, 'implicit', `${prop}: "false" is truthy`);
  }
  const fine = [`secure: process.env.S === 'true'`, `secure: process.env.S?.toLowerCase() === 'true'`, `secure: JSON.parse(process.env.S)`, `secure: ['true', '1'].includes(process.env.S)`, `secure: Number(process.env.S) === 1`];
  for (const prop of fine) {
    const c = one(`createTransport({ host: 'h', port: 587, ${prop} })`, 'a.ts', env);
    assert.equal(c.extras['rawEnvString:secure'], undefined, prop);
    assert.equal(c.implicitTls?.value, false, prop);
    assert.equal(c.effective.tlsMode, 'starttls-opportunistic', prop);
  }
});

test('auth written as an expression: credentials presence kept, no string literal of it', () => {
  const c = one(`createTransport({ host: 'h', auth: makeAuth('mailer', "s3cr3t-Pa55") })`);
  assert.ok(c.extras.auth);
  assert.equal(c.extras.auth.text, `makeAuth('***', '***')`);
  assert.ok(!JSON.stringify(c).includes('s3cr3t'));
});

test('scan mode (file over the full-parse limit) still follows a `const options = {…}` argument', () => {
  const filler = '// filler line to make the file large\n'.repeat(Math.ceil(FULL_PARSE_MAX / 38) + 10);
  const src = `${filler}const smtpOptions = {\n  host: 'smtp.example.com',\n  port: 587,\n  secure: true,\n};\nexport const t = nodemailer.createTransport(smtpOptions);\n`;
  const r = read(src, 'big.js');
  assert.ok(r.problems.some((p) => /large file/.test(p.message)));
  assert.equal(r.configs.length, 1);
  assert.equal(r.configs[0].implicitTls?.value, true);
  assert.equal(src.slice(r.configs[0].implicitTls!.site.value.start, r.configs[0].implicitTls!.site.value.end), 'true');
});

test('a port fallback (Number(process.env.SMTP_PORT) || 587) is the value while the variable is unset (issue 11)', () => {
  for (const port of [`Number(process.env.SMTP_PORT) || 587`, `parseInt(process.env.SMTP_PORT ?? '587', 10)`, `process.env.SMTP_PORT || 587`, `+(process.env.SMTP_PORT ?? '587')`]) {
    const c = one(`createTransport({ host: 'h', port: ${port}, secure: false })`, 'a.ts');
    assert.equal(c.port?.value, 587, port);
    assert.deepEqual(c.port?.whenUnset, ['SMTP_PORT'], port);
    assert.equal(c.port?.kind, 'env', port);
    assert.equal(c.effective.tlsMode, 'starttls-opportunistic', port);
    assert.match(c.effective.because, /^When SMTP_PORT is unset \(the port falls back to 587\)/, port);
  }
  // No fallback written, or the .env file sets the variable: no assumption.
  assert.equal(one(`createTransport({ host: 'h', port: Number(process.env.SMTP_PORT), secure: false })`, 'a.ts').port?.whenUnset, undefined);
  const env = fakeEnv({ SMTP_PORT: '465' });
  const c = one(`createTransport({ host: 'h', port: Number(process.env.SMTP_PORT) || 587, secure: true })`, 'src/a.ts', env);
  assert.equal(c.port?.value, 465);
  assert.equal(c.port?.whenUnset, undefined);
});
