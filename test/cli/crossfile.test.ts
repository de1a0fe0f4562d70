// Cross-file env through the CLI with the real readers and rules: .env* values feed process.env.X in the
// JS/TS of the same folder tree, extraEnvFiles feed every file; each file is read exactly once, and a lint
// run never loads the connection probe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runInProcess, tmpDir, writeTree } from './helpers';

const MAILER = `const nodemailer = require('nodemailer');
module.exports = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT),
  secure: false,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});
`;

interface JsonFile {
  file: string;
  findings: { ruleId: string; range: { start: { line: number } }; related: { file: string; range: { start: { line: number } } }[] }[];
}

test('a .env value reaches the JS module of the same tree; the finding points back at the .env line', async () => {
  const d = tmpDir();
  writeTree(d, {
    'svc/.env': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\n',
    'svc/src/mail/mailer.js': MAILER,
    'other/src/mailer.js': MAILER,
  });
  const r = await runInProcess(['--format', 'json'], d);
  const out = JSON.parse(r.stdout) as JsonFile[];
  const svc = out.find((f) => f.file === 'svc/src/mail/mailer.js');
  assert.ok(svc, r.stdout);
  const f = svc.findings.find((x) => x.ruleId === 'cross-file-port-mode-mismatch');
  assert.ok(f, JSON.stringify(svc.findings));
  assert.equal(f.range.start.line, 5, 'reported on secure: false');
  assert.ok(f.related.some((x) => x.file === 'svc/.env' && x.range.start.line === 2), JSON.stringify(f.related));
  // A module outside that folder tree does not see svc/.env.
  assert.ok(!out.some((o) => o.file === 'other/src/mailer.js' && o.findings.some((x) => x.ruleId === 'cross-file-port-mode-mismatch')));
});

test('extraEnvFiles from the config feed process.env.X in every linted file', async () => {
  const d = tmpDir();
  writeTree(d, {
    '.mailconfiglintrc.json': JSON.stringify({ extraEnvFiles: ['deploy/production.vars'] }),
    'deploy/production.vars': 'SMTP_PORT=465\n',
    'app/mailer.js': MAILER,
  });
  const r = await runInProcess(['--format', 'json', 'app'], d);
  const out = JSON.parse(r.stdout) as JsonFile[];
  const f = out[0]?.findings.find((x) => x.ruleId === 'cross-file-port-mode-mismatch');
  assert.ok(f, r.stdout);
  assert.ok(f.related.some((x) => x.file === 'deploy/production.vars' && x.range.start.line === 1), JSON.stringify(f.related));
  // An explicit --config that does not exist is a configuration error.
  const plain = await runInProcess(['--format', 'json', '--config', path.join(d, 'none.json'), 'app'], d);
  assert.equal(plain.code, 2, 'a missing --config file is an error');
});

test('each file is opened exactly once per run, and a lint run never loads the probe', async () => {
  const d = tmpDir();
  const files: Record<string, string> = {};
  for (let i = 0; i < 20; i++) {
    files[`s${i}/.env`] = `SMTP_HOST=smtp.example.com\nSMTP_PORT=${i % 2 ? 465 : 587}\n`;
    files[`s${i}/mailer.js`] = MAILER;
    files[`s${i}/compose.yml`] = 'services:\n  app:\n    environment:\n      SMTP_PORT: 25\n      SMTP_USER: me\n';
    files[`s${i}/util.ts`] = 'export const add = (a: number, b: number) => a + b;\n';
  }
  writeTree(d, files);
  const opened = new Map<string, number>();
  // Patch the real module object (the namespace import above only has getters that forward to it).
  const realFs = require('node:fs') as typeof fs;
  const origOpen = realFs.openSync;
  const origRead = realFs.readFileSync;
  const count = (p: unknown) => {
    if (typeof p === 'string' && p.startsWith(d)) opened.set(p, (opened.get(p) ?? 0) + 1);
  };
  (realFs as { openSync: unknown }).openSync = (p: fs.PathLike, ...rest: unknown[]) => {
    count(p);
    return (origOpen as (...a: unknown[]) => number)(p, ...rest);
  };
  (realFs as { readFileSync: unknown }).readFileSync = (p: unknown, ...rest: unknown[]) => {
    count(p);
    return (origRead as (...a: unknown[]) => unknown)(p, ...rest);
  };
  try {
    const r = await runInProcess(['--format', 'sarif'], d);
    assert.equal(r.code, 1);
  } finally {
    (realFs as { openSync: unknown }).openSync = origOpen;
    (realFs as { readFileSync: unknown }).readFileSync = origRead;
  }
  assert.equal(opened.size, 80, 'every file read');
  for (const [p, n] of opened) assert.equal(n, 1, `${p} opened ${n} times`);
  const loaded = Object.keys(require.cache);
  assert.ok(!loaded.some((k) => /[\\/]probe[\\/]|cli[\\/]testConnection/.test(k)), 'probe modules loaded by a lint run');
});

test('transport options in a local module imported by the mailer (one import hop): reported in the module', async () => {
  const d = tmpDir();
  writeTree(d, {
    'src/config/mail.js': "module.exports = {\n  host: 'smtp.example.com',\n  port: 465,\n  secure: false,\n};\n",
    'src/mailer.js': "const nodemailer = require('nodemailer');\nconst config = require('./config/mail');\nmodule.exports = nodemailer.createTransport(config);\n",
  });
  const r = await runInProcess(['--format', 'json'], d);
  const out = JSON.parse(r.stdout) as JsonFile[];
  const mod = out.find((f) => f.file === 'src/config/mail.js');
  assert.ok(mod?.findings.some((x) => x.ruleId === 'implicit-tls-port-without-tls' && x.range.start.line === 4), r.stdout);
  assert.ok(!out.some((f) => f.file === 'src/mailer.js' && f.findings.length), 'nothing is reported in the importing file');
});

test('a file named on its own reads the env files above it (Symfony mailer.yaml and the project root .env)', async () => {
  const d = tmpDir();
  writeTree(d, {
    '.env': 'MAILER_DSN=smtp://app@smtp.example.com\n',
    'config/packages/mailer.yaml': "framework:\n  mailer:\n    dsn: '%env(MAILER_DSN)%'\n",
  });
  const ids = (o: JsonFile[], file: string) => (o.find((f) => f.file === file)?.findings ?? []).map((f) => f.ruleId);
  // The whole project: the DSN is reported once, on the .env line (the YAML only reads it back).
  const all = JSON.parse((await runInProcess(['--format', 'json'], d)).stdout) as JsonFile[];
  assert.deepEqual(ids(all, '.env'), ['symfony-dsn-port-implicit']);
  assert.deepEqual(ids(all, 'config/packages/mailer.yaml'), []);
  // mailer.yaml alone: the root .env is read for its value (not linted, so the YAML reports what it reads).
  const one = JSON.parse((await runInProcess(['--format', 'json', 'config/packages/mailer.yaml'], d)).stdout) as JsonFile[];
  assert.deepEqual(ids(one, '.env'), []);
  assert.deepEqual(ids(one, 'config/packages/mailer.yaml'), ['symfony-dsn-port-implicit']);
  fs.rmSync(d, { recursive: true, force: true });
});

test("a compose service's environment reaches the code of its build context, with worker threads too", async () => {
  const d = tmpDir();
  const files: Record<string, string> = {
    'docker-compose.yml': 'services:\n  web:\n    build:\n      context: ./web\n    environment:\n      - SMTP_PORT=465\n',
    'web/src/mailer.js': MAILER,
    'other/src/mailer.js': MAILER,
  };
  // enough files for the worker pool to matter: filler modules without mail settings
  for (let i = 0; i < 40; i++) files[`web/lib/m${i}.js`] = `module.exports = ${i};\n`;
  writeTree(d, files);
  for (const conc of ['off', '2']) {
    const out = JSON.parse((await runInProcess(['--format', 'json', '--concurrency', conc], d)).stdout) as JsonFile[];
    const web = out.find((f) => f.file === 'web/src/mailer.js');
    const f = web?.findings.find((x) => x.ruleId === 'cross-file-port-mode-mismatch');
    assert.ok(f, `--concurrency ${conc}: ${JSON.stringify(out)}`);
    assert.ok(f.related.some((x) => x.file === 'docker-compose.yml' && x.range.start.line === 6), JSON.stringify(f.related));
    assert.ok(!out.some((o) => o.file === 'other/src/mailer.js' && o.findings.some((x) => x.ruleId === 'cross-file-port-mode-mismatch')));
  }
  fs.rmSync(d, { recursive: true, force: true });
});

test('a Django .env is not told EMAIL_TIMEOUT is missing when the settings module assigns it (also with worker threads)', async () => {
  const d = tmpDir();
  const files: Record<string, string> = {
    '.env': 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_HOST_USER=app\n',
    'proj/settings.py': "import os\nEMAIL_HOST = os.environ['EMAIL_HOST']\nEMAIL_PORT = int(os.environ['EMAIL_PORT'])\nEMAIL_TIMEOUT = 10\n",
  };
  writeTree(d, files);
  for (const conc of ['off', '2']) {
    const out = JSON.parse((await runInProcess(['--format', 'json', '--concurrency', conc], d)).stdout) as JsonFile[];
    assert.ok(!out.some((o) => o.findings.some((f) => f.ruleId === 'missing-smtp-timeouts')), `--concurrency ${conc}: ${JSON.stringify(out)}`);
  }
  fs.writeFileSync(path.join(d, 'proj/settings.py'), "import os\nEMAIL_HOST = os.environ['EMAIL_HOST']\n");
  const out = JSON.parse((await runInProcess(['--format', 'json'], d)).stdout) as JsonFile[];
  assert.ok(out.some((o) => o.file === '.env' && o.findings.some((f) => f.ruleId === 'missing-smtp-timeouts')), 'without the assignment the .env is told');
  fs.rmSync(d, { recursive: true, force: true });
});
