// .pre-commit-hooks.yaml: the hook's `files`/`exclude` regexes select exactly the files the CLI reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { formatOf } from '../../server/src/readers/index';
import { ROOT } from './helpers';

test('pre-commit hook: id, entry, language, and file patterns that match the readers', () => {
  const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, string>[];
  assert.equal(hooks.length, 1);
  const h = hooks[0];
  assert.equal(h.id, 'mail-config-lint');
  assert.equal(h.entry, 'mail-config-lint');
  assert.equal(h.language, 'node');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.ok(pkg.bin[h.entry], 'entry is a bin of the package');
  // pre-commit uses Python `re.search` on repository-relative paths; these patterns are JS-compatible.
  const files = new RegExp(h.files);
  const exclude = new RegExp(h.exclude);
  const names = [
    '.env', '.env.local', 'apps/api/.env.production', 'prod.env', 'deploy/staging.env', 'docker-compose.yml',
    'k8s/app.yaml', '.github/workflows/ci.yml', 'src/mailer.ts', 'src/a.tsx', 'lib/m.mjs', 'lib/c.cjs', 'x.jsx',
    'x.mts', 'x.cts', 'src/types.d.ts', 'README.md', 'package.json', 'config.toml', '.envrc', 'environment.py',
    'src/env.ts', 'Dockerfile', 'a.yml.bak', 'node_modules/x/.env', 'app/settings.py', 'config/mail.php',
    'vendor/phpmailer/phpmailer/src/PHPMailer.php', '.venv/lib/python3.12/site-packages/django/conf/global_settings.py',
  ];
  const skipped = /(^|\/)(node_modules|vendor|\.venv)\//;
  for (const n of names) {
    const selected = files.test(n) && !exclude.test(n);
    const expected = !!formatOf(n) && !skipped.test(n);
    assert.equal(selected, expected, n);
  }
});
