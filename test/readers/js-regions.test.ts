// JS reader region mode (readers/js/regions.ts): the lexical statement splitter, and the guarantee that
// reading only some statements gives exactly what a whole-file parse gives (differential, property-based).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import '../../server/src/register';
import { jsReader, jsReaderOptions, regionStats } from '../../server/src/readers/js/index';
import { keepChunksWith, maskText, statementBoundaries } from '../../server/src/readers/js/regions';
import type { ReadResult } from '../../server/src/model/types';

const numRuns = process.env.CI ? 3000 : 300;

/** The statements (as text) the splitter finds. */
function pieces(src: string): string[] | undefined {
  const b = statementBoundaries(src);
  if (!b) return undefined;
  const out: string[] = [];
  for (let k = 0; k + 1 < b.length; k++) out.push(src.slice(b[k], b[k + 1]));
  return out;
}

test('splitter: one chunk per top-level statement, never inside brackets, strings, templates, regexes, comments', () => {
  assert.deepEqual(pieces(`const a = 1;\nconst b = { x: '}' };\nfoo(a);\nbar()\nbaz\nconst c = 2\n`), ['const a = 1;\n', `const b = { x: '}' };\n`, 'foo(a);\n', 'bar()\nbaz\n', 'const c = 2\n']);
  // brackets in strings, templates (nested), regexes and comments do not count
  const src = [
    'const s = "it\'s ( [ {";',
    'const t = `a ${b ? `${c}` : "}"} {`;',
    'const re = /[/\'"({]/g;',
    '/* { ( [ */',
    '// } ) ]',
    'const d = 1;',
  ].join('\n');
  assert.equal(pieces(src)?.length, 4); // the block comment and line comment join `const re`'s chunk
  assert.ok(pieces(src)?.[2].startsWith('const re') && pieces(src)?.[2].endsWith('// } ) ]\n'));
  assert.ok(pieces(src)?.at(-1)?.startsWith('const d'));
  // lines at depth > 0 or indented are never boundaries
  assert.deepEqual(pieces(`function f() {\nconst x = 1;\n  return x;\n}\nf();\n`), ['function f() {\nconst x = 1;\n  return x;\n}\n', 'f();\n']);
});

test('splitter: continuations stay in their statement', () => {
  assert.equal(pieces(`if (x) {\n  a();\n}\nelse {\n  b();\n}\n`)?.length, 1);
  assert.equal(pieces(`try {\n  a();\n}\ncatch (e) {}\nfinally {}\n`)?.length, 1);
  assert.equal(pieces(`do {\n  i++;\n}\nwhile (i < 3);\n`)?.length, 1);
  assert.equal(pieces(`const a =\nfoo();\n`)?.length, 1); // `=` does not end a statement
  assert.equal(pieces(`if (x)\nfoo();\n`)?.length, 1); // nor does `)`
  assert.equal(pieces(`const a = typeof\nfoo;\n`)?.length, 1); // nor a keyword operator
  assert.equal(pieces(`const a = b\ninstanceof C;\n`)?.length, 1);
  // decorators stay with their class
  assert.deepEqual(pieces(`import x from 'y';\n@Module({ imports: [] })\n@Other\nexport class AppModule {}\nfoo();\n`), [`import x from 'y';\n`, '@Module({ imports: [] })\n@Other\nexport class AppModule {}\n', 'foo();\n']);
  // `#!` line
  assert.deepEqual(pieces(`#!/usr/bin/env node\nconst a = 1;\nb();\n`), ['#!/usr/bin/env node\n', 'const a = 1;\n', 'b();\n']);
});

test('splitter: unsure → undefined (unterminated or unbalanced input)', () => {
  for (const src of [`const a = 'x;\nb();\n`, 'const t = `abc', 'f(', 'f())', '/* open', 'const r = /abc\n;', 'a = [}', 'x = `${a`']) {
    assert.equal(statementBoundaries(src), undefined, JSON.stringify(src));
  }
});

test('masking keeps length and line breaks, blanks the rest', () => {
  const src = `const a = 1;\r\nconst t = createTransport({ port: 25 });\nconst z = 'ü';\n`;
  const b = statementBoundaries(src)!;
  const keep = new Uint8Array(b.length - 1);
  assert.equal(keepChunksWith(src, b, keep, 'createTransport'), true);
  assert.equal(keepChunksWith(src, b, keep, 'createTransport'), false);
  const m = maskText(src, b, keep)!;
  assert.equal(m.length, src.length);
  const t = src.indexOf('const t');
  const z = src.indexOf('const z');
  assert.equal(m.slice(t, z), src.slice(t, z), 'the kept statement is verbatim');
  for (let i = 0; i < src.length; i++) {
    if (i >= t && i < z) continue;
    assert.equal(m[i], src[i] === '\n' ? '\n' : ' ', `offset ${i}`);
  }
});

// ------------------------------------------------------------------ differential: region mode == whole-file parse

function bothModes(src: string, file: string): { regions: ReadResult; full: ReadResult } {
  // Maps and Sets (suppressions) as sorted arrays, so deepEqual sees their contents
  const json = (r: ReadResult): ReadResult =>
    JSON.parse(JSON.stringify(r, (_k, v: unknown) => (v instanceof Map ? [...v.entries()].sort() : v instanceof Set ? [...v].sort() : v)));
  jsReaderOptions.regions = true;
  const regions = json(jsReader.read(file, src, {}));
  jsReaderOptions.regions = false;
  try {
    return { regions, full: json(jsReader.read(file, src, {})) };
  } finally {
    jsReaderOptions.regions = true;
  }
}

function assertSame(src: string, file: string): void {
  const { regions, full } = bothModes(src, file);
  assert.deepEqual(regions.configs, full.configs, src);
  assert.deepEqual(regions.globals, full.globals, src);
  assert.deepEqual(regions.suppressions, full.suppressions, src);
  // Region mode does not see syntax errors in statements it never parses; with none anywhere, no difference.
  if (full.problems.length === 0) assert.deepEqual(regions.problems, [], src);
}

const FRAGMENTS = [
  `import nodemailer from 'nodemailer';`,
  `const { createTransport } = require('nodemailer');`,
  `const smtpOptions = { host: process.env.SMTP_HOST, port: 465, secure: false };`,
  `var smtpOptions = { port: 25, auth: { user: 'u', pass: 'p' } };`,
  `export const transporter = nodemailer.createTransport(smtpOptions);`,
  `const t2 = createTransport({ ...base, port: PORT, secure: PORT === 465 });`,
  `const base = { host: 'h', secure: true, tls: { rejectUnauthorized: false } };`,
  `const PORT = Number(process.env.SMTP_PORT || 587);`,
  `const { SMTP_PORT: port = '25', SMTP_HOST } = process.env;`,
  `const env = process.env;`,
  `const t3 = nodemailer.createTransport({ host: SMTP_HOST, port, ignoreTLS: true, auth: { user: env.SMTP_USER, pass: env.SMTP_PASS } });`,
  `config.smtp = { host: 'x', port: 465, secure: false };`,
  `config.smtp.port = 587;`,
  `module.exports.mailer = createTransport(config.smtp);`,
  `const re = /[/'"({]/g;`,
  `const s = "it's ( [ { createTransport(";`,
  'const tpl = `${a ? `${b}` : "}"} port ${smtpOptions}`;',
  `function make(o) {\n  const local = { port: 25, auth: { user: 'u', pass: 'p' } };\n  return nodemailer.createTransport(o ?? local);\n}`,
  `// createTransport({ port: 25 })`,
  `/* { smtpOptions = */`,
  `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';`,
  `process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = tlsFlag;`,
  `const tlsFlag = process.env.ALLOW_SELF_SIGNED ? '0' : '1';`,
  `if (x) {\n  smtpOptions.port = 587;\n} else {\n  y();\n}`,
  `class Mailer {\n  constructor() {\n    this.opts = { port: 25 };\n    this.t = nodemailer.createTransport({ ...this.opts, host: 'h', auth: { user: 'u', pass: 'p' } });\n  }\n}`,
  `const x = a\n/ b / c`,
  `const cookieOptions = { secure: false, httpOnly: true }`,
  `do {\n  i++;\n} while (i < 3)`,
  `const y = 1e5, z = 0x1F, w = .5`,
  `const opts = { host: 'h', port: 465 }\nopts.secure = false\nconst t4 = createTransport(opts)`,
  `// mail-config-lint-disable-next-line\nconst t5 = createTransport({ port: 25, auth: { user: 'u', pass: 'p' } });`,
  `/* mail-config-lint-disable port25-with-auth */`,
  `// mail-config-lint-disable-next-line secure-false-on-465\nfoo();`,
  `const msg = 'mail-config-lint-disable';`,
  `const { createTransport: mk } = require('nodemailer');\nconst t6 = mk({ port: 25, auth: { user: 'u', pass: 'p' } });`,
  `const url = \`smtp://\${user}:\${pass}@mail.example.com:465\`;\nconst t7 = createTransport(url);`,
  `let user = 'u', pass = 'p';`,
  `const t8 = createTransport('smtps://h.example.com:587/?tls.rejectUnauthorized=false');`,
  `export default {\nport: 25,\n}`,
  `const arrow = (o) =>\n  createTransport(o)`,
];
const TS_FRAGMENTS = [
  `@Module({ imports: [MailerModule.forRoot({ transport: { host: 'h', port: 465, secure: false } })] })\nexport class AppModule {}`,
  `const transportOptions: SMTPTransport.Options = { host: 'h', port: 587, secure: true };`,
  `export const t9 = nodemailer.createTransport(transportOptions as SMTPTransport.Options);`,
  `interface Opts {\n  port: number;\n}`,
  `type Port = 25 | 465;`,
  `enum Mode { A, B }`,
];

test('region mode reads exactly what the whole-file parse reads (composed files)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...FRAGMENTS, ...TS_FRAGMENTS), { minLength: 1, maxLength: 12 }),
      fc.array(fc.constantFrom('\n', '\n\n', ';\n', '\r\n'), { minLength: 12, maxLength: 12 }),
      (frags, seps) => {
        const src = frags.map((f, i) => f + seps[i]).join('');
        assertSame(src, 'src/mail.ts');
        const js = frags.filter((f) => !TS_FRAGMENTS.includes(f)).map((f, i) => f + seps[i]).join('');
        assertSame(js, 'src/mail.js');
      },
    ),
    { numRuns },
  );
});

test('region mode is the normal path, and falls back when unsure', () => {
  const before = { ...regionStats };
  jsReader.read('a.ts', `import nodemailer from 'nodemailer';\nconst o = { port: 25 };\nfoo();\nexport const t = nodemailer.createTransport(o);\n`, {});
  assert.equal(regionStats.regions, before.regions + 1);
  // unterminated string: the lexer is unsure → whole-file parse (which reports the error)
  const r = jsReader.read('a.ts', `const s = 'abc\nexport const t = nodemailer.createTransport({ port: 25 });\n`, {});
  assert.equal(regionStats.full, before.full + 1);
  assert.equal(r.configs[0]?.port?.value, 25);
  assert.ok(r.problems.length >= 1);
  // an error inside a statement region mode needs: falls back, reports it like the whole-file parse
  const src = `const o = { port: 25 port: 2 };\nexport const t = nodemailer.createTransport(o);\nfoo();\n`;
  const { regions, full } = bothModes(src, 'a.ts');
  assert.deepEqual(regions, full);
  assert.ok(full.problems.length >= 1);
});

test('suppression comments are read in region mode too', () => {
  const src = `import nodemailer from 'nodemailer';\nfoo();\n// mail-config-lint-disable-next-line port25-with-auth\nexport const t = nodemailer.createTransport({ port: 25 });\nbar();\n/* mail-config-lint-disable-next-line */\nbaz();\n`;
  const before = regionStats.regions;
  const { regions, full } = bothModes(src, 'a.ts');
  assert.equal(regionStats.regions, before + 1);
  assert.deepEqual(regions, full);
  assert.deepEqual(regions.suppressions.lines, [[3, ['port25-with-auth']], [6, ['*']]] as unknown);
});

test('the corpus-style module: only the transport and its options are parsed, results unchanged', () => {
  const src = [
    `import nodemailer from 'nodemailer';`,
    `import { logger } from '@acme/logger';`,
    `const router = Router();`,
    `function enqueue(record) {\n  const raw = \`ticket:\${name}\`;\n  if (!options?.name) {\n    let clean = payload?.tags ?? [];\n  }\n  return /a[}]b/.test(raw) ? null : 1;\n}`,
    `const smtpOptions = {\n  host: 'smtp-relay.brevo.com',\n  port: 465,\n  secure: false,\n  auth: {\n    user: process.env.SMTP_USER,\n    pass: process.env.MAIL_PASSWORD,\n  },\n};`,
    `export const transporter = nodemailer.createTransport(smtpOptions);`,
    `transporter.verify().then(() => logger.info('SMTP ready'));`,
    `const cookieOptions = {\n  httpOnly: true,\n  secure: false,\n};`,
    '',
  ].join('\n');
  assertSame(src, 'src/notifications/email.ts');
  const parses = regionStats.maskedParses;
  const r = jsReader.read('src/notifications/email.ts', src, {});
  assert.equal(r.configs.length, 1);
  assert.equal(r.configs[0].port?.value, 465);
  assert.equal(r.configs[0].port?.site.value.start, src.indexOf('465'));
  assert.equal(regionStats.maskedParses, parses + 1, 'the options declaration is kept up front: one parse');
});

test('region mode == whole-file parse on the repository\'s JS/TS examples and fixtures', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (/\.(?:[cm]?[jt]s|[jt]sx)$/.test(e.name)) files.push(p);
    }
  };
  for (const d of ['examples', 'test/fixtures', 'samples']) walk(d);
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    if (text.length < 1_000_000) assertSame(text, f);
  }
});
