// One import hop (issue 11): transport options built in a local module (`module.exports = {…}`,
// `export default {…}`, named exports) and passed to createTransport in another file. The reader asks
// ctx.modules for the module's text; the config, its findings and fixes live in the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jsReader } from '../../server/src/readers/js/index';
import { lintText } from '../../server/src/engine';
import { fsModuleLookup, MODULE_MAX_BYTES } from '../../server/src/fsModules';
import type { ModuleLookup } from '../../server/src/readers/types';

const W = '/w';
function lookup(files: Record<string, string>, log: string[] = []): ModuleLookup {
  return {
    read(from, spec) {
      log.push(spec);
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)).replace(/\.js$/, '');
      for (const f of [base, base + '.js', base + '.ts', base + '/index.js']) if (files[f] !== undefined) return { file: f, text: files[f] };
      return undefined;
    },
  };
}
const BAD = "{\n  host: 'smtp.example.com',\n  port: 465,\n  secure: false,\n}";

const shapes: [string, string, string][] = [
  ['module.exports = {…} + require', `module.exports = ${BAD};\n`, "const nodemailer = require('nodemailer');\nconst config = require('../config/mail');\nmodule.exports = nodemailer.createTransport(config);\n"],
  ['export default {…} + import', `export default ${BAD};\n`, "import nodemailer from 'nodemailer';\nimport config from '../config/mail';\nexport const t = nodemailer.createTransport(config);\n"],
  ['export const + named import', `export const smtp = ${BAD};\n`, "import nodemailer from 'nodemailer';\nimport { smtp } from '../config/mail';\nexport const t = nodemailer.createTransport(smtp);\n"],
  ['module.exports = { smtp } + member', `const smtp = ${BAD};\nmodule.exports = { smtp, other: 1 };\n`, "const nodemailer = require('nodemailer');\nconst cfg = require('../config/mail');\nmodule.exports = nodemailer.createTransport(cfg.smtp);\n"],
  ['exports.smtp + destructured require', `exports.smtp = ${BAD};\n`, "const nodemailer = require('nodemailer');\nconst { smtp } = require('../config/mail');\nmodule.exports = nodemailer.createTransport(smtp);\n"],
  ['require(...) inline', `module.exports = ${BAD};\n`, "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport(require('../config/mail.js'));\n"],
  ['import * as + member, TS', `export const smtp = ${BAD};\n`, "import * as nodemailer from 'nodemailer';\nimport * as mail from '../config/mail';\nexport const t = nodemailer.createTransport(mail.smtp);\n"],
];

for (const [name, mod, code] of shapes) {
  test(`one hop: ${name}`, () => {
    const modFile = `${W}/config/mail.js`;
    const r = jsReader.read(`${W}/src/mailer.ts`, code, { modules: lookup({ [modFile]: mod }) });
    assert.equal(r.configs.length, 1, name);
    const c = r.configs[0];
    assert.equal(c.file, modFile);
    assert.equal(c.port?.value, 465);
    assert.equal(c.port?.site.file, modFile);
    assert.equal(mod.slice(c.implicitTls!.site.value.start, c.implicitTls!.site.value.end), 'false');
    assert.equal(c.effective.tlsMode, 'starttls-opportunistic');
    assert.match(c.label, /\(options from \.\.\/config\/mail(\.js)?\)/);
    // The finding is reported in the module, where the fix edits.
    const res = lintText(`${W}/src/mailer.ts`, code, { modules: lookup({ [modFile]: mod }) });
    const f = res.findings.find((x) => x.ruleId === 'implicit-tls-port-without-tls');
    assert.ok(f, JSON.stringify(res.findings.map((x) => x.ruleId)));
    assert.equal(f.file, modFile);
    assert.equal(mod.slice(f.span.start, f.span.end).trim().replace(/,$/, ''), 'secure: false');
  });
}

test('one hop only; no lookup, a package import, or a module that does not export options: nothing', () => {
  const code = "import nodemailer from 'nodemailer';\nimport config from './mail';\nexport const t = nodemailer.createTransport(config);\n";
  assert.equal(jsReader.read(`${W}/src/a.ts`, code, {}).configs.length, 0, 'without ctx.modules');
  const log: string[] = [];
  // mail.js re-exports from another module: not followed (one hop).
  const files = { [`${W}/src/mail.js`]: "module.exports = require('./deeper');\n", [`${W}/src/deeper.js`]: `module.exports = ${BAD};\n` };
  assert.equal(jsReader.read(`${W}/src/a.ts`, code, { modules: lookup(files, log) }).configs.length, 0);
  assert.deepEqual([...new Set(log)], ['./mail'], 'the imported module\'s own imports are not read');
  const pkg = "import nodemailer from 'nodemailer';\nimport config from 'config';\nexport const t = nodemailer.createTransport(config.get('smtp'));\n";
  const log2: string[] = [];
  assert.equal(jsReader.read(`${W}/src/a.ts`, pkg, { modules: lookup({}, log2) }).configs.length, 0);
  assert.deepEqual(log2, [], 'package imports are never looked up');
  assert.equal(jsReader.read(`${W}/src/a.ts`, code, { modules: lookup({ [`${W}/src/mail.js`]: 'module.exports = function () {};\n' }) }).configs.length, 0);
  assert.equal(jsReader.read(`${W}/src/a.ts`, code, { modules: lookup({ [`${W}/src/mail.js`]: 'module.exports = { host: "h", port: 4' }) }).configs.length, 0, 'a broken module: nothing, no throw');
});

test('a good module stays silent, and the module\'s env fallbacks are read in its own file', () => {
  const code = "const nodemailer = require('nodemailer');\nmodule.exports = nodemailer.createTransport(require('./smtp'));\n";
  const good = "module.exports = { host: process.env.SMTP_HOST, port: Number(process.env.SMTP_PORT) || 587, secure: false, auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS } };\n";
  const res = lintText(`${W}/src/a.js`, code, { modules: lookup({ [`${W}/src/smtp.js`]: good }) });
  assert.deepEqual(res.findings.map((f) => f.ruleId), []);
  assert.equal(res.read?.configs[0].port?.value, 587);
});

test('fsModuleLookup: relative specifiers inside the roots only, extensions and index files, size-capped, cached by mtime', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-mod-'));
  try {
    fs.mkdirSync(path.join(root, 'src', 'config'), { recursive: true });
    fs.mkdirSync(path.join(root, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src', 'mail.ts'), 'export default {};\n');
    fs.writeFileSync(path.join(root, 'src', 'config', 'index.js'), 'module.exports = {};\n');
    fs.writeFileSync(path.join(root, 'node_modules', 'x', 'index.js'), 'module.exports = {};\n');
    fs.writeFileSync(path.join(root, 'src', 'big.js'), 'x'.repeat(MODULE_MAX_BYTES + 1));
    const m = fsModuleLookup({ roots: () => [path.join(root, 'src')] });
    const from = path.join(root, 'src', 'a.ts');
    assert.equal(m.read(from, './mail.js')?.file, path.join(root, 'src', 'mail.ts'), "TS ESM './mail.js' names mail.ts");
    assert.equal(m.read(from, './config')?.file, path.join(root, 'src', 'config', 'index.js'));
    assert.equal(m.read(from, '../node_modules/x'), undefined, 'outside the roots / node_modules');
    assert.equal(m.read(from, 'x'), undefined, 'a package specifier');
    assert.equal(m.read(from, './big'), undefined, 'over the size cap');
    fs.writeFileSync(path.join(root, 'src', 'mail.ts'), 'export default { host: "changed" };\n');
    const t = new Date(Date.UTC(2030, 0, 1));
    fs.utimesSync(path.join(root, 'src', 'mail.ts'), t, t);
    assert.match(m.read(from, './mail')!.text, /changed/, 'a changed file is read again');
    const withOverlay = fsModuleLookup({ roots: () => [root], overlay: (f) => (f === path.join(root, 'src', 'mail.ts') ? 'export default { unsaved: 1 };\n' : undefined) });
    assert.match(withOverlay.read(from, './mail')!.text, /unsaved/, "the editor's text wins over the disk");
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
