// A grammar chunk (dist/grammars/<name>.js) costs nothing until a file of its language is opened: the language
// server and the CLI bundles are run with a require hook that logs every chunk they load (no timing involved).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

const ROOT = path.resolve(__dirname, '..', '..');
const HOOK = `const Module = require('module');
const fs = require('fs');
const path = require('path');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  let file = request;
  try { file = Module._resolveFilename(request, parent, isMain); } catch {}
  if (/[\\\\/]dist[\\\\/]grammars[\\\\/][^\\\\/]+\\.js$/.test(file)) fs.appendFileSync(process.env.MCL_GRAMMAR_LOG, path.basename(file) + '\\n');
  return load.apply(this, arguments);
};
`;
let dir = '';
let log = '';
let env: NodeJS.ProcessEnv = {};
const loaded = () => (fs.existsSync(log) ? [...new Set(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean))].sort() : []);
const FILES: Record<string, string> = {
  '.env': 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=false\n',
  'settings.py': "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 465\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n",
  'Mailer.php': "<?php\n$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n$mail->Port = 465;\n$mail->SMTPSecure = 'tls';\n",
  'plain.py': 'def add(a, b):\n    return a + b\n',
};

before(() => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'grammars', 'python.js')), 'dist/grammars is built (node scripts/build.mjs)');
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-grammars-')));
  for (const [f, t] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, f), t);
  fs.writeFileSync(path.join(dir, 'hook.cjs'), HOOK);
  log = path.join(dir, 'loads.log');
  env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(dir, 'hook.cjs')}`.trim(), MCL_GRAMMAR_LOG: log };
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('language server: no grammar until a .py is opened, then python only; php when a .php is opened', async () => {
  fs.rmSync(log, { force: true });
  const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, MCL_GRAMMAR_LOG: process.env.MCL_GRAMMAR_LOG };
  Object.assign(process.env, { NODE_OPTIONS: env.NODE_OPTIONS, MCL_GRAMMAR_LOG: log }); // LspClient spawns with process.env
  const c = new LspClient({ rootDir: dir, settings: { debounce: 0 } });
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  try {
    await c.initialize();
    const uri = (f: string) => pathToFileURL(path.join(dir, f)).href;
    c.open(path.join(dir, '.env'), FILES['.env']);
    assert.ok((await c.waitDiagnostics(uri('.env'))).diagnostics.length > 0);
    // a Python file without mail words stops at the prefilter: still no grammar
    c.open(path.join(dir, 'plain.py'), FILES['plain.py'], 'python');
    await c.waitDiagnostics(uri('plain.py'));
    assert.deepEqual(loaded(), [], 'no grammar for .env or a .py without mail words');
    c.open(path.join(dir, 'settings.py'), FILES['settings.py'], 'python');
    assert.ok((await c.waitDiagnostics(uri('settings.py'))).diagnostics.some((d) => d.code === 'implicit-tls-port-without-tls'));
    assert.deepEqual(loaded(), ['lezer-runtime.js', 'python.js']);
    c.open(path.join(dir, 'Mailer.php'), FILES['Mailer.php'], 'php');
    assert.ok((await c.waitDiagnostics(uri('Mailer.php'))).diagnostics.some((d) => d.code === 'implicit-tls-port-without-tls'));
    assert.deepEqual(loaded(), ['lezer-runtime.js', 'php.js', 'python.js']);
  } finally {
    await c.stop();
  }
});

test('CLI: a .env run loads no grammar; a .php run loads php only', () => {
  const run = (file: string) => {
    fs.rmSync(log, { force: true });
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), file], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    return loaded();
  };
  assert.deepEqual(run('.env'), []);
  assert.deepEqual(run('Mailer.php'), ['lezer-runtime.js', 'php.js']);
});
