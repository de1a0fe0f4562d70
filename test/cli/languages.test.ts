// The language registry (server/src/languages/registry.ts) and what hangs off it: file names → formats, the CLI's
// skipped dependency folders, the editor's activation and document selector, lazy grammar loading, and the
// grammar chunks of the bundle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES, LANGUAGE_IDS, LANGUAGE_SKIP_DIRS } from '../../server/src/languages/registry';
import { grammarLoads, isGrammarLoaded } from '../../server/src/languages/grammars';
import { formatOf } from '../../server/src/readers/index';
import { lintText } from '../../server/src/engine';

const ROOT = path.join(__dirname, '..', '..');

describe('language registry', () => {
  it('maps file names to the registered formats', () => {
    assert.equal(formatOf('/p/config/mail.php'), 'php');
    assert.equal(formatOf('/p/app/settings.py'), 'python');
    assert.equal(formatOf('/p/app/SETTINGS.PY'), 'python');
    assert.equal(formatOf('/p/src/main/java/com/example/MailConfig.java'), 'java');
    assert.equal(formatOf('/p/cmd/mailer/main.go'), 'go');
    assert.equal(formatOf('/p/config/environments/production.rb'), 'ruby');
    assert.equal(formatOf('/p/app/notes.txt'), undefined);
    assert.equal(formatOf('/p/.env'), 'env');
  });

  it('lists the dependency folders the CLI skips', () => {
    for (const d of ['vendor', '.venv', 'venv', '__pycache__', '.bundle']) assert.ok(LANGUAGE_SKIP_DIRS.has(d), d);
  });

  it('keeps package.json activation events and the client selector in step with the registry', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const client = fs.readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8');
    const langs = /export const LANGUAGES = \[([^\]]*)\]/.exec(client)![1];
    for (const id of LANGUAGE_IDS) {
      assert.ok(pkg.activationEvents.includes(`onLanguage:${id}`), `activation for ${id}`);
      assert.ok(langs.includes(`'${id}'`), `client selector for ${id}`);
      assert.ok(pkg.contributes.menus['editor/context'][0].when.includes(`editorLangId == ${id}`), `Test SMTP Connection menu for ${id}`);
    }
  });

  it('loads a grammar only for a file of its language that passes the prefilter', () => {
    // This process has not linted PHP yet: a PHP file without mail words is read, never parsed.
    const before = grammarLoads.filter((g) => g === 'php').length;
    const r = lintText('/p/src/Controller.php', '<?php\nfunction hello() { return "world"; }\n');
    assert.equal(r.findings.length, 0);
    assert.equal(grammarLoads.filter((g) => g === 'php').length, before);
    if (before === 0) assert.equal(isGrammarLoaded('php'), false);
    // A Python file with mail words loads the Python grammar, once.
    lintText('/p/settings.py', "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 465\n");
    lintText('/p/other/settings.py', "EMAIL_HOST = 'smtp.example.com'\n");
    assert.equal(isGrammarLoaded('python'), true);
    assert.equal(grammarLoads.filter((g) => g === 'python').length, 1);
  });

  it('loads Prism (WASM) only for a Ruby file that passes the prefilter, once', () => {
    const before = grammarLoads.filter((g) => g === 'ruby').length;
    lintText('/p/app/models/user.rb', 'class User < ApplicationRecord\n  has_many :posts\nend\n');
    assert.equal(grammarLoads.filter((g) => g === 'ruby').length, before);
    if (before === 0) assert.equal(isGrammarLoaded('ruby'), false);
    const r = lintText('/p/config/environments/production.rb', "config.action_mailer.smtp_settings = { address: 'smtp.example.com', port: 465 }\n");
    lintText('/p/config/initializers/mail.rb', "ActionMailer::Base.smtp_settings = { port: 587 }\n");
    assert.ok(r.findings.some((f) => f.ruleId === 'implicit-tls-port-without-tls'));
    assert.equal(grammarLoads.filter((g) => g === 'ruby').length, 1);
  });

  it('every registered language has a prefilter and a comment marker', () => {
    for (const l of LANGUAGES) {
      assert.ok(l.prefilterWords.length > 0 && l.lineComment && l.extensions.length > 0, l.name);
    }
  });

  it('the bundle keeps each grammar in its own chunk, outside the entry bundles', () => {
    const dist = path.join(ROOT, 'dist');
    assert.ok(fs.existsSync(path.join(dist, 'grammars', 'lezer-runtime.js')), 'run node scripts/build.mjs first');
    for (const g of ['php', 'python', 'java', 'go']) {
      const chunk = fs.readFileSync(path.join(dist, 'grammars', `${g}.js`), 'utf8');
      assert.match(chunk, /lezer-runtime\.js/, `${g} chunk shares the runtime`);
    }
    for (const entry of ['server-main.js', 'cli-main.js']) {
      const text = fs.readFileSync(path.join(dist, entry), 'utf8');
      // the grammars' parse tables are not in the entry bundles (they carry LRParser.deserialize data)
      assert.doesNotMatch(text, /LRParser\.deserialize/, entry);
      assert.match(text, /grammars/, `${entry} requires the chunks`);
    }
    // Ruby: Prism's WASM next to its chunk, shipped in the .vsix
    assert.ok(fs.existsSync(path.join(dist, 'grammars', 'ruby.js')) && fs.existsSync(path.join(dist, 'grammars', 'prism.wasm')), 'the Ruby chunk and prism.wasm');
    for (const entry of ['server-main.js', 'cli-main.js']) assert.doesNotMatch(fs.readFileSync(path.join(dist, entry), 'utf8'), /pm_serialize_parse/, `${entry} leaves Prism to its chunk`);
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!dist\/grammars\/\*\.js$/m);
    assert.match(ignore, /^!dist\/grammars\/\*\.wasm$/m);
    assert.match(ignore, /^!dist\/server-main\.js$/m, 'the server bundle behind the dist/server.js shim is packaged');
  });
});
