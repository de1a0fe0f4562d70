// The rule → languages table (server/src/rules/languages.ts) against the rules and their docs: every rule has a row,
// and each claimed language is shown by a bad example on the rule's page (test/rules/docs-gen/examples.ts) that the
// rule reports when the example is linted as a file of that language; a bad example that fires makes the claim
// required. So the README column, the docs pages and the code cannot drift apart.
//
// A docs snippet is a fragment (`props.put(...)`, `d.SSL = true`, `client.Connect(...)`): asFile() wraps it in
// the smallest file its reader accepts (a Java class, a Go package with the mail imports, a C# class with the
// `using` lines the title's library needs) and names the file after the title (`config/mail.php`,
// `app.ini (Gitea)`, `appsettings.json`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../../server/src/rules/index';
import { LANGUAGE_LABEL, RULE_LANGUAGES, type RuleLanguage } from '../../server/src/rules/languages';
import { formatOf } from '../../server/src/readers/index';
import { examples, type Ex } from './docs-gen/examples';
import { findingsOf } from './ruleTester';

/** The page's fence language → the format its reader has. */
const FORMAT_OF_FENCE: Record<string, RuleLanguage> = { dotenv: 'env', yaml: 'yaml', js: 'js', properties: 'properties', ini: 'ini', php: 'php', python: 'python', java: 'java', go: 'go', ruby: 'ruby', csharp: 'csharp', json: 'json' };

/** The first word of a title when it names a file ("config/mail.php (Laravel)" → "config/mail.php"). */
function fileInTitle(title: string): string | undefined {
  const w = /^([\w./-]+\.[\w]+)\b/.exec(title)?.[1];
  return w && !/^\d/.test(w) ? w : undefined;
}

/** A docs snippet as a whole file its reader sees: the file name and text. */
export function asFile(lang: RuleLanguage, [, title, code]: Ex): { file: string; code: string } {
  const named = fileInTitle(title);
  switch (lang) {
    case 'env':
      return { file: named && /(^|\/)\.env|\.env$/.test(named) ? named : '.env', code: `${code}\n` };
    case 'yaml':
      return { file: named ? (/^application[\w-]*\.ya?ml$/.test(named) ? `src/main/resources/${named}` : named) : 'docker-compose.yml', code: `${code}\n` };
    case 'js':
      return { file: named && /\.[cm]?[jt]s$/.test(named) ? named : 'mailer.js', code: `${code}\n` };
    case 'properties':
      return { file: `src/main/resources/${named && named.endsWith('.properties') ? named : 'application.properties'}`, code: `${code}\n` };
    case 'ini':
      return { file: /grafana/i.test(title) ? 'conf/grafana.ini' : 'custom/conf/app.ini', code: `${code}\n` };
    case 'php': {
      const file = /config\/mail\.php/.test(title) ? 'config/mail.php' : /wp-config/.test(title) ? 'wp-config.php' : /functions\.php/.test(title) ? 'wp-content/themes/t/functions.php' : 'src/Mailer.php';
      // a mailer array shown alone sits in config/mail.php's 'mailers'
      const body = /^'smtp' => \[/.test(code) ? `return [\n    'mailers' => [\n${code}\n    ],\n];` : code;
      return { file, code: `<?php\n${body}\n` };
    }
    case 'python':
      return { file: /settings\.py/.test(title) ? 'app/settings.py' : /app\.py/.test(title) ? 'app.py' : 'mailer.py', code: `${code}\n` };
    case 'java': {
      const file = `src/main/java/com/example/${named?.replace(/\.java$/, '') ?? 'Mailer'}.java`;
      if (/\bclass\s/.test(code)) return { file, code: `package com.example;\n\n${code}\n` };
      return {
        file,
        code: `package com.example;\n\nimport java.util.Properties;\nimport jakarta.mail.*;\nimport org.springframework.mail.javamail.JavaMailSenderImpl;\n\nclass Mailer {\n  Object configure(JavaMailSenderImpl sender) {\n    Properties props = new Properties();\n${code}\n    return Session.getInstance(props);\n  }\n}\n`,
      };
    }
    case 'go':
      if (/^package /m.test(code)) return { file: 'mailer.go', code: `${code}\n` };
      return {
        file: 'mailer.go',
        code: `package main\n\nimport (\n\t"crypto/tls"\n\t"net/smtp"\n\t"os"\n\t"strconv"\n\n\t"github.com/wneessen/go-mail"\n\t"gopkg.in/gomail.v2"\n)\n\nfunc send(host, user, pass, from string, to []string, msg []byte, auth smtp.Auth) {\n${code}\n}\n`,
      };
    case 'ruby': {
      const file = named && named.endsWith('.rb') ? named : 'config/environments/production.rb';
      const body = file.startsWith('config/environments/') && /^config\./m.test(code) && !/configure do/.test(code) ? `Rails.application.configure do\n${code}\nend` : code;
      return { file, code: `${body}\n` };
    }
    case 'csharp': {
      const file = named && named.endsWith('.cs') ? named : 'Mailer.cs';
      if (/^using /m.test(code) || /\bclass\s/.test(code)) return { file, code: `${code}\n` };
      const usings = /System\.Net\.Mail/.test(title) ? 'using System.Net;\nusing System.Net.Mail;\n' : 'using MailKit.Net.Smtp;\nusing MailKit.Security;\n';
      return { file, code: `${usings}\nclass Mailer\n{\n    void Send(SmtpClient client, string host, string user, string pass)\n    {\n${code}\n    }\n}\n` };
    }
    case 'json':
      return { file: named && /^appsettings[\w.]*\.json$/i.test(named) ? named : 'appsettings.json', code: `${code}\n` };
  }
  throw new Error(`no file wrapper for ${lang}`);
}

/** Files next to an example: a cross-file example names its .env value in the title ("… .env sets SMTP_PORT=587"),
 *  else the page's own `.env` example is the workspace's .env. */
function workspaceOf(id: string, title: string): Record<string, string> | undefined {
  if (id !== 'cross-file-port-mode-mismatch') return undefined;
  const set = /\.env sets ([A-Za-z_][\w]*=\S+?)[);]/.exec(title)?.[1];
  const env = examples[id].bad.find(([l, t]) => l === 'dotenv' && t === '.env');
  return set ? { '.env': `${set}\n` } : env ? { '.env': env[2] } : undefined;
}

test('every rule has a languages row, and only rules have rows', () => {
  assert.deepEqual(Object.keys(RULE_LANGUAGES).sort(), rules.map((r) => r.meta.id).sort());
});

test('every page example has a known language, and its wrapped file goes to that language\'s reader', () => {
  for (const [id, page] of Object.entries(examples)) {
    for (const ex of [...page.bad, ...page.good]) {
      const lang = FORMAT_OF_FENCE[ex[0]];
      assert.ok(lang, `${id}: unknown example language ${ex[0]}`);
      assert.equal(formatOf(`/workspace/${asFile(lang, ex).file}`), lang, `${id}: "${ex[1]}" is read as ${lang}`);
    }
  }
});

for (const r of rules) {
  const id = r.meta.id;
  test(`${id}: the languages claimed match the bad examples the rule reports`, () => {
    const page = examples[id];
    const wrong: string[] = [];
    for (const lang of Object.keys(LANGUAGE_LABEL) as RuleLanguage[]) {
      const bad = page.bad.filter(([l]) => FORMAT_OF_FENCE[l] === lang);
      const firing = bad.filter((ex) => findingsOf(id, { ...asFile(lang, ex), files: workspaceOf(id, ex[1]) }).mine.length > 0);
      const claimed = (RULE_LANGUAGES[id] ?? []).includes(lang);
      if (claimed && firing.length === 0) wrong.push(`claims ${lang}: its page needs a ${lang} bad example the rule reports (${bad.length} ${lang} examples, none reported)`);
      if (!claimed && firing.length > 0) wrong.push(`reports its ${lang} example "${firing[0][1]}": add ${lang} to its row in server/src/rules/languages.ts`);
    }
    assert.deepEqual(wrong, [], `${id}:\n${wrong.join('\n')}`);
  });
}
