// The rule → languages table (server/src/rules/languages.ts) against the rules and their docs: every rule has a row,
// and each PHP / Python claim is shown by a bad example on the rule's page (test/rules/docs-gen/examples.ts) that the
// rule reports when the example is linted; a page's PHP / Python bad example that fires makes the claim required.
// So the README column, the docs pages and the code cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../../server/src/rules/index';
import { RULE_LANGUAGES, type RuleLanguage } from '../../server/src/rules/languages';
import { examples, type Ex } from './docs-gen/examples';
import { findingsOf } from './ruleTester';

const CODE_LANGS: RuleLanguage[] = ['php', 'python'];

/** A docs snippet as a whole file the reader sees: its file name and text. */
function asFile(lang: RuleLanguage, [, title, code]: Ex): { file: string; code: string } {
  if (lang === 'php') {
    const file = /config\/mail\.php/.test(title) ? 'config/mail.php' : /wp-config/.test(title) ? 'wp-config.php' : /functions\.php/.test(title) ? 'wp-content/themes/t/functions.php' : 'src/Mailer.php';
    // a mailer array shown alone sits in config/mail.php's 'mailers'
    const body = /^'smtp' => \[/.test(code) ? `return [\n    'mailers' => [\n${code}\n    ],\n];` : code;
    return { file, code: `<?php\n${body}\n` };
  }
  const file = /settings\.py/.test(title) ? 'app/settings.py' : /app\.py/.test(title) ? 'app.py' : 'mailer.py';
  return { file, code: `${code}\n` };
}

test('every rule has a languages row, and only rules have rows', () => {
  assert.deepEqual(Object.keys(RULE_LANGUAGES).sort(), rules.map((r) => r.meta.id).sort());
});

for (const r of rules) {
  const id = r.meta.id;
  test(`${id}: PHP / Python claims match the bad examples the rule reports`, () => {
    const page = examples[id];
    const env = page.bad.find(([l, t]) => l === 'dotenv' && t === '.env');
    for (const lang of CODE_LANGS) {
      const bad = page.bad.filter(([l]) => l === lang);
      const firing = bad.filter((ex) => {
        const c = asFile(lang, ex);
        return findingsOf(id, { ...c, files: id === 'cross-file-port-mode-mismatch' && env ? { '.env': env[2] } : undefined }).mine.length > 0;
      });
      const claimed = (RULE_LANGUAGES[id] ?? []).includes(lang);
      if (claimed) assert.ok(firing.length > 0, `${id} claims ${lang}: its page needs a ${lang} bad example the rule reports (${bad.length} ${lang} examples, none reported)`);
      else assert.equal(firing.length, 0, `${id} reports its ${lang} example "${firing[0]?.[1]}": add ${lang} to its row in server/src/rules/languages.ts`);
    }
  });
}
