// semantics/env-files: env-file names and precedence (issue 11 point 5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvIndex } from '../../server/src/engine';
import { formatOf } from '../../server/src/readers/index';
import { ENV_FILE_GLOBS, ENV_FILE_NAME_GLOBS, envFileRank, isEnvFileName, isEnvTemplate, TEMPLATE_NAMES } from '../../server/src/semantics/env-files';
import { watchedFileGlobs } from '../../server/src/lsp/watchers';
import { findingsOf } from '../rules/ruleTester';
import { runInProcess, tmpDir, writeTree } from '../cli/helpers';

/** A VS Code / LSP glob ('**' , '*', literal) as a RegExp on a base name or path. */
function globRe(glob: string): RegExp {
  const body = glob.replace(/^\*\*\//, '').replace(/[.+^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`(^|/)${body}$`);
}

/** The issue's template names (point 5 and "what real projects write"). */
const ISSUE_TEMPLATES = ['.env.example', '.env.sample', '.env.dist', '.env.template', '.envexample', 'env.example', 'example.env', '.env-example'];

test('one list of env-file names: package.json, the client, the watchers, the CLI discovery and the readers agree', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'dotenv');
  const assoc: string[] = [...(lang.filenames ?? []), ...lang.filenamePatterns];
  // package.json cannot import: it must list exactly the server's globs (no more, no fewer)
  assert.deepEqual([...new Set(assoc)].sort(), [...ENV_FILE_NAME_GLOBS].sort());
  assert.deepEqual([...ENV_FILE_GLOBS].sort(), ENV_FILE_NAME_GLOBS.map((g) => `**/${g}`).sort());
  // the client takes its document selector from the same module (bundled: it imports nothing)
  const client = fs.readFileSync(path.join(__dirname, '..', '..', 'client', 'src', 'extension.ts'), 'utf8');
  assert.match(client, /ENV_PATTERNS[^=]*= ENV_FILE_GLOBS;/);
  assert.match(client, /import \{ ENV_FILE_GLOBS \} from '\.\.\/\.\.\/server\/src\/semantics\/env-files'/);
  const watched = watchedFileGlobs();
  for (const name of ['.env', '.env.local', '.env.production', 'prod.env', '.env_example', '.env-sample', ...ISSUE_TEMPLATES, ...TEMPLATE_NAMES]) {
    assert.equal(formatOf(`/p/${name}`), 'env', `reader and CLI discovery: ${name}`);
    assert.equal(isEnvFileName(name), true, name);
    assert.ok(assoc.some((g: string) => globRe(g).test(name)), `package.json dotenv association: ${name}`);
    assert.ok(ENV_FILE_GLOBS.some((g) => globRe(g).test(`/p/${name}`)), `client selector: ${name}`);
    assert.ok(watched.some((g) => globRe(g).test(`/p/${name}`)), `server watchers: ${name}`);
  }
  for (const name of ['environment.ts', '.envrc', 'env.ts', 'README.md']) {
    assert.equal(isEnvFileName(name), false, name);
    assert.ok(!assoc.some((g: string) => globRe(g).test(name)), `package.json dotenv association: ${name}`);
  }
});

test('the server watches the files a reader handles, the project config and JVM sources, not every file', () => {
  const watched = watchedFileGlobs();
  assert.ok(!watched.includes('**/*'), 'no catch-all watcher');
  const readable = ['/p/docker-compose.yml', '/p/k8s/smtp.yaml', '/p/src/mailer.ts', '/p/src/mail.mjs', '/p/config/mail.php', '/p/app/settings.py', '/p/app.ini', '/p/src/main/resources/application.properties', '/p/Mail.java', '/p/mail.go', '/p/Mailer.cs', '/p/config/environments/production.rb', '/p/appsettings.json', '/p/appsettings.Production.json', '/p/.env.example', '/p/example.env'];
  for (const f of readable) {
    assert.ok(formatOf(f), `a reader handles ${f}`);
    assert.ok(watched.some((g) => globRe(g).test(f)), `watched: ${f}`);
  }
  for (const f of ['/p/.mailconfiglintrc.json', '/p/src/Props.kt']) assert.ok(watched.some((g) => globRe(g).test(f)), `watched: ${f}`);
  for (const f of ['/p/README.md', '/p/package.json', '/p/logo.png', '/p/dist/server.js.map']) assert.ok(!watched.some((g) => globRe(g).test(f)), `not watched: ${f}`);
});

test('ranking: .env.local > .env.<mode> > .env > templates', () => {
  const order = ['.env.example', '.env', '.env.production', '.env.local', 'env.example', '.env.development.local'].sort((a, b) => (envFileRank(a) < envFileRank(b) ? -1 : 1));
  assert.deepEqual(order.slice(0, 2).sort(), ['.env.development.local', '.env.local']);
  assert.equal(order[2], '.env.production');
  assert.equal(order[3], '.env');
  assert.ok(isEnvTemplate(order[4]) && isEnvTemplate(order[5]));
});

test('each key resolves across all files of a folder, real files above templates', () => {
  const idx = new EnvIndex();
  const ref = (file: string) => ({ file, span: { start: 0, end: 1 } });
  const vars = (file: string, o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, value]) => [k, { value, ref: ref(file) }]));
  idx.set('/p/.env.example', vars('/p/.env.example', { SMTP_HOST: 'smtp.example.com', SMTP_PORT: '587', SMTP_SECURE: 'false' }));
  idx.set('/p/.env.local', vars('/p/.env.local', { SMTP_PORT: '465' }));
  idx.set('/p/.env', vars('/p/.env', { SMTP_HOST: 'mail.real.test' }));
  assert.equal(idx.get('/p/src/a.ts', 'SMTP_PORT')?.value, '465');
  assert.equal(idx.get('/p/src/a.ts', 'SMTP_HOST')?.value, 'mail.real.test');
  // a key only the template has still resolves
  assert.equal(idx.get('/p/src/a.ts', 'SMTP_SECURE')?.ref.file, '/p/.env.example');
});

test('the JS reader reads SMTP_PORT from .env.local, not from .env.example', () => {
  const code = "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.example.com', port: Number(process.env.SMTP_PORT), secure: false });\n";
  const r = findingsOf('cross-file-port-mode-mismatch', { file: 'src/mailer.ts', code, files: { '.env.example': 'SMTP_PORT=587\n', '.env.local': 'SMTP_PORT=465\n' } });
  assert.equal(r.all.some((f) => /465/.test(f.message)), true, r.all.map((f) => f.message).join('\n'));
});

test('the CLI lints template files found in a folder', async () => {
  const dir = tmpDir();
  writeTree(dir, { 'env.example': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=false\n', '.env-example': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=false\n' });
  const r = await runInProcess(['--format', 'json', '.'], dir);
  const files = (JSON.parse(r.stdout) as { file: string; findings: unknown[] }[]).filter((f) => f.findings.length > 0).map((f) => path.basename(f.file));
  assert.ok(files.includes('env.example') && files.includes('.env-example'), r.stdout.slice(0, 500));
});
