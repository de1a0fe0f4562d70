// Generates docs/rules/<id>.md and docs/rules/README.md from each rule's metadata plus the examples in
// examples.ts. Run after changing a rule's meta or examples:  npx tsx test/rules/docs-gen/gen.ts
// (test/rules/catalogue.test.ts fails when a page is out of date).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../../server/src/rules/index';
import { helpUri } from '../../../server/src/rules/types';
import { examples } from './examples';
import { languagesText } from '../../../server/src/rules/languages';

const DOCS = join(__dirname, '..', '..', '..', 'docs', 'rules');
const lang = (l: string) => (l === 'dotenv' ? 'dotenv' : l);
const index: string[] = [];
for (const r of rules) {
  const m = r.meta;
  const ex = examples[m.id];
  if (!ex) throw new Error('no examples for ' + m.id);
  const block = (list: [string, string, string][]) => list.map(([l, t, c]) => `${t}:\n\n\`\`\`${lang(l)}\n${c}\n\`\`\``).join('\n\n');
  const md = `# ${m.id}

${m.short}.

| | |
|---|---|
| Default severity | ${m.defaultSeverity}${m.enabledByDefault === false ? ' (off by default: opt-in)' : ''} |
| Languages | ${languagesText(m.id)} |
| Fixable | ${m.fixSafety.startsWith('Unsafe') ? 'yes (unsafe: review before applying)' : 'yes'} |
${m.cwe ? `| CWE | [${m.cwe}](https://cwe.mitre.org/data/definitions/${m.cwe.replace('CWE-', '')}.html) |\n` : ''}
## What it does

${m.long}

## Why is this bad?

${why(m.id)}

## Examples

### Bad

${block(ex.bad)}

### Good

${block(ex.good)}
${ex.notes ? `\n## Notes\n\n${ex.notes}\n` : ''}
## Fix safety

${m.fixSafety}

Suppress one line with \`# mail-config-lint-disable-next-line ${m.id}\` (\`//\` in JS/TS), or set \`"${m.id}": "off"\` under \`rules\` in \`.mailconfiglintrc.json\`.

## Sources

${m.sources.map((s) => `- ${s}`).join('\n')}
`;
  writeFileSync(join(DOCS, `${m.id}.md`), md);
  index.push(`| [\`${m.id}\`](${m.id}.md) | ${m.defaultSeverity}${m.enabledByDefault === false ? ' (opt-in)' : ''} | ${languagesText(m.id)} | ${m.short} |`);
}
writeFileSync(join(DOCS, 'README.md'), `# Rules

Every rule has a stable id, a default severity, a page here (what it does, why it is bad, examples, fix safety,
sources) and a quick fix where one exists. Severity scale: **error** = the configuration will not work, or
credentials are exposed; **warning** = it works but is insecure; **info** = advice.

Port facts every rule builds on: **465** is implicit TLS (RFC 8314 §3.3, the preferred submission port — *not*
deprecated), **587** is STARTTLS submission (RFC 6409), **25** is the server-to-server relay port (plaintext or
opportunistic STARTTLS, often blocked by ISPs and clouds), **2525** is an unofficial provider alternative that
behaves like 587.

| Rule | Default | Languages | What it catches |
|---|---|---|---|
${index.join('\n')}

Help links (\`helpUri\` in SARIF, \`codeDescription\` in the editor) point to \`${helpUri('<id>')}\`.
`);

function why(id: string): string {
  const W: Record<string, string> = {
    'implicit-tls-port-without-tls': 'The connection never works: the client and the server each wait for the other to speak first, until a timeout. In nodemailer that is a 30-second hang per message followed by `Greeting never received` (ETIMEDOUT); Django and JavaMail without timeouts block a worker forever.',
    'starttls-port-with-implicit-tls': 'The connection never works: the TLS handshake fails on the server\'s plaintext banner (`wrong version number`, `unknown protocol`, `Unsupported or unrecognized SSL message`). No mail is sent.',
    'conflicting-tls-flags': 'Either the application crashes when it builds the mail connection (Django, the Ruby mail gem), or one flag silently cancels the other and the configuration does something different from what it says.',
    'env-string-as-boolean': 'The configuration means the opposite of what it says: `SMTP_SECURE=false` turns implicit TLS on (and the connection to 587 fails), and `TLS_VERIFY=false` quietly keeps verification on.',
    'cross-file-port-mode-mismatch': 'The code only works for the port it was written against. The environment that sets the other port gets a hung or failing mail connection, and nothing in the code shows why.',
    'tls-verification-disabled': 'Encryption without authentication protects against nobody who can intercept the connection: a man in the middle presents any certificate and reads the SMTP password and every message.',
    'legacy-tls-version': 'TLS 1.0/1.1 and SSLv3 have known weaknesses and are deprecated; allowing them only helps a downgrade attacker, and modern providers refuse them anyway.',
    'tls-disabled-with-credentials': 'The password crosses the network in clear text (AUTH PLAIN/LOGIN is only base64). Anyone on the path can capture it and send mail as this account.',
    'opportunistic-tls-fallback': 'A one-line configuration turns an active attack (break STARTTLS) into a clear-text password.',
    'starttls-not-enforced': 'STARTTLS offered in plaintext can be stripped by an attacker on the path; a client that does not insist on it logs in in clear text.',
    'port-25-with-credentials': 'Credentials may travel unencrypted, and in most cloud or CI environments the connection does not get out at all (outbound 25 is blocked), which shows up as a timeout.',
    'port-25-egress-blocked': 'Mail silently does not leave the deployment: the connection times out after minutes, usually only in production.',
    'provider-port-unsupported': 'The connection never works: the provider does not listen with implicit TLS on that port, so the client times out.',
    'provider-requires-tls': 'The provider refuses the session, and a client that logs in first sends the SMTP credentials in clear text.',
    'suspicious-smtp-port': 'A typo in the port makes every send fail with a refused or timed-out connection.',
    'nodemailer-unknown-service': 'nodemailer ignores the name without an error, so mail goes to localhost (ECONNREFUSED) or to whatever host is written, without the preset\'s settings.',
    'nodemailer-service-overrides': 'The code says one port/host/mode and nodemailer uses another; whoever debugs the connection is misled.',
    'laravel-invalid-mail-scheme': 'On current Symfony Mailer the application throws when it builds the mailer, so no mail is sent.',
    'laravel-mail-encryption-ignored': 'The setting says one mode and Laravel uses another; on Laravel ≤ 8 it decides the mode and the connection fails.',
    'symfony-dsn-port-implicit': 'The DSN looks like plain SMTP but connects with implicit TLS to 465; with providers that only offer STARTTLS it times out.',
    'hardcoded-smtp-credentials': 'Secrets in source and deployment files leak through repository access, forks, history, container images and logs; rotating them means a code change.',
    'nonstandard-submission-port': 'A provider that does not listen on the alternate port makes every send time out; the port looks deliberate, so the cause is hard to spot.',
    'symfony-dsn-unknown-option': 'The DSN says one thing (encryption=ssl) and Symfony does another; readers and reviewers are misled about the TLS mode.',
    'ini-value-truncated-by-comment': 'The application reads a different value than the file shows. For a password, SMTP AUTH fails with `535 Authentication failed` (Gogs documents exactly this for passwords with special characters) and nothing in the file looks wrong; for other keys the setting silently changes.',
    'grafana-host-missing-port': 'No alert e-mail is ever sent; the error only shows up in Grafana\'s log when a notification fires.',
    'missing-smtp-timeouts': 'A misconfigured or blocked mail server hangs request handlers or worker threads indefinitely instead of producing an error.',
    'smtp-debug-logging': 'Logs are widely readable and long-lived: message content, recipients and (with mail.debug.auth) credentials end up in them.',
    'spring-mail-property-ignored': 'The file says STARTTLS (or a timeout, or a trust setting), so nobody looks further, but the application runs without it: AUTH and mail go over cleartext, or providers refuse with `530 5.7.0 Must issue a STARTTLS command first`, and a wrong port hangs forever because the timeout never applied. Spring raises no error for keys it does not bind, so only reading the names shows it.',
    'spring-property-prefix-mismatch': 'The settings look right and are silently dead: with `protocol: smtps` the timeouts under `mail.smtp.*` never apply (a blocked or slow server hangs the sending thread forever), a `mail.smtp.ssl.trust` pin does nothing, and with `smtp` the STARTTLS switches under `mail.smtps.*` leave the session in cleartext.',
    'deprecated-mail-setting': 'Ignored settings mislead readers (a `secureConnection: true` that does nothing), and legacy names may stop working in the next release.',
  };
  return W[id] ?? '';
}
