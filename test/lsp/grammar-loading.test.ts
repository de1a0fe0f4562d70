// A grammar chunk (dist/grammars/<name>.js, and Prism's dist/grammars/prism.wasm) costs nothing until a file of its
// language is opened: the language server and the CLI bundles are run with a hook that logs every chunk they require
// or read (the start-up code cache compiles chunks from their text, codeCache.ts) and every WASM file they read (no
// timing involved). C# (a tokenizer) and appsettings.json (jsonc-parser, small, in
// the entry bundles) load no chunk at all.
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
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file) {
  if (typeof file === 'string' && /[\\\\/]dist[\\\\/]grammars[\\\\/][^\\\\/]+\\.(wasm|js)$/.test(file)) fs.appendFileSync(process.env.MCL_GRAMMAR_LOG, path.basename(file) + '\\n');
  return readFileSync.apply(this, arguments);
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
  'Mailer.java': 'class Mailer {\n  void f(java.util.Properties props) {\n    props.put("mail.smtp.port", "465");\n    props.put("mail.smtp.starttls.enable", "true");\n  }\n}\n',
  'mailer.go': 'package mailer\n\nimport "net/smtp"\n\nfunc send() error {\n\treturn smtp.SendMail("smtp.example.com:465", nil, "a@example.com", nil, nil)\n}\n',
  'smtp.rb': "ActionMailer::Base.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 465,\n  enable_starttls_auto: true,\n}\n",
  'Mailer.cs': 'using MailKit.Net.Smtp;\nusing MailKit.Security;\n\nusing var client = new SmtpClient();\nclient.Connect("smtp.example.com", 465, SecureSocketOptions.StartTls);\n',
  'appsettings.json': '{\n  "MailSettings": { "Host": "smtp.example.com", "Port": 465, "SecureSocketOptions": "StartTls" }\n}\n',
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

test('language server: no grammar until a .py is opened, then python only; php, java, go, ruby (with prism.wasm) each when a file of theirs is opened; none for C# and appsettings.json', async () => {
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
    // C# is tokenized and appsettings.json read with jsonc-parser: no chunk for either
    for (const [f, id] of [['Mailer.cs', 'csharp'], ['appsettings.json', 'json']]) {
      c.open(path.join(dir, f), FILES[f], id);
      assert.ok((await c.waitDiagnostics(uri(f))).diagnostics.some((d) => d.code === 'implicit-tls-port-without-tls'), f);
    }
    assert.deepEqual(loaded(), ['lezer-runtime.js', 'php.js', 'python.js']);
    // each of Java, Go and Ruby adds its own chunk (Ruby: Prism's JS and its WASM), one at a time
    const expected = ['lezer-runtime.js', 'php.js', 'python.js'];
    for (const [f, id, chunks] of [['Mailer.java', 'java', ['java.js']], ['mailer.go', 'go', ['go.js']], ['smtp.rb', 'ruby', ['prism.wasm', 'ruby.js']]] as const) {
      c.open(path.join(dir, f), FILES[f], id);
      assert.ok((await c.waitDiagnostics(uri(f))).diagnostics.some((d) => d.code === 'implicit-tls-port-without-tls'), f);
      expected.push(...chunks);
      assert.deepEqual(loaded(), [...expected].sort(), f);
    }
  } finally {
    await c.stop();
  }
});

test('CLI: a .env, .cs or appsettings.json run loads no grammar; a .php, .java, .go or .rb run loads its own only', () => {
  const run = (file: string) => {
    fs.rmSync(log, { force: true });
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), file], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    return loaded();
  };
  assert.deepEqual(run('.env'), []);
  assert.deepEqual(run('Mailer.php'), ['lezer-runtime.js', 'php.js']);
  assert.deepEqual(run('Mailer.java'), ['java.js', 'lezer-runtime.js']);
  assert.deepEqual(run('mailer.go'), ['go.js', 'lezer-runtime.js']);
  assert.deepEqual(run('smtp.rb'), ['prism.wasm', 'ruby.js']);
  assert.deepEqual(run('Mailer.cs'), []);
  assert.deepEqual(run('appsettings.json'), []);
});
