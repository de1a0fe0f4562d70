// Which kinds of files each rule reads findings from: the README's "languages" column and the per-language
// examples of docs/rules/<id>.md are generated from this table (test/rules/docs-gen/gen.ts,
// test/cli/readme.test.ts), and test/rules/languages.test.ts checks each claim against the rule: every entry has a
// bad example in that language on the rule's page, which the rule reports when linted as a file of that language.
// A rule gets a language here when a RuleTester table proves it fires on that language's readers.
import type { Format } from '../model/types';

export type RuleLanguage = Format;

export const LANGUAGE_LABEL: Record<RuleLanguage, string> = {
  env: '.env',
  yaml: 'YAML',
  js: 'JS/TS',
  properties: '.properties',
  ini: 'INI',
  php: 'PHP',
  python: 'Python',
  java: 'Java',
  go: 'Go',
  ruby: 'Ruby',
  csharp: 'C#',
  json: 'appsettings.json',
};

const KV: RuleLanguage[] = ['env', 'yaml'];
const NODE: RuleLanguage[] = ['env', 'yaml', 'js'];
/** Java, Go, Ruby, C# and appsettings.json: the libraries of issue 13 whose readers fill the whole connection model. */
const CODE2: RuleLanguage[] = ['java', 'go', 'ruby', 'csharp', 'json'];

export const RULE_LANGUAGES: Record<string, readonly RuleLanguage[]> = {
  'implicit-tls-port-without-tls': [...NODE, 'properties', 'ini', 'php', 'python', ...CODE2],
  'starttls-port-with-implicit-tls': [...NODE, 'properties', 'ini', 'php', 'python', ...CODE2],
  'conflicting-tls-flags': [...NODE, 'properties', 'ruby'],
  'env-string-as-boolean': [...NODE, 'python', 'ruby'],
  'cross-file-port-mode-mismatch': ['js', 'properties', 'php', 'python', ...CODE2],
  'tls-verification-disabled': [...NODE, 'properties', 'ini', 'php', 'python', 'java', 'go', 'ruby', 'csharp'],
  'legacy-tls-version': [...NODE, 'properties', 'php', 'python', 'java', 'go', 'csharp'],
  'tls-disabled-with-credentials': [...NODE, 'properties', 'ini', ...CODE2],
  'opportunistic-tls-fallback': ['env', 'js', 'go'],
  'starttls-not-enforced': [...NODE, 'properties', ...CODE2],
  'port-25-with-credentials': [...NODE, 'properties', 'ini', ...CODE2],
  'port-25-egress-blocked': ['yaml'],
  'provider-port-unsupported': [...NODE, 'properties', 'ini', ...CODE2],
  'provider-requires-tls': [...NODE, 'properties', 'ini', ...CODE2],
  'suspicious-smtp-port': [...NODE, 'properties', 'ini', ...CODE2],
  'nodemailer-unknown-service': NODE,
  'nodemailer-service-overrides': NODE,
  'laravel-invalid-mail-scheme': [...KV, 'php'],
  'laravel-mail-encryption-ignored': [...KV, 'php'],
  'symfony-dsn-port-implicit': KV,
  'hardcoded-smtp-credentials': ['yaml', 'js', 'properties', 'ini', 'php', ...CODE2],
  'deprecated-mail-setting': [...NODE, 'ini'],
  'nonstandard-submission-port': [...NODE, 'properties', 'ini', ...CODE2],
  'symfony-dsn-unknown-option': KV,
  'grafana-host-missing-port': [...KV, 'ini'],
  'ini-value-truncated-by-comment': ['ini'],
  'missing-smtp-timeouts': [...KV, 'properties', 'python', 'java', 'go'],
  'smtp-debug-logging': [...NODE, 'properties', 'java', 'go'],
  'spring-mail-property-ignored': ['yaml', 'properties'],
  'spring-property-prefix-mismatch': ['yaml', 'properties', 'java'],
};

/** The languages column of a rule: "`.env`, YAML, JS/TS, PHP, Python". */
export function languagesText(ruleId: string): string {
  return (RULE_LANGUAGES[ruleId] ?? []).map((l) => LANGUAGE_LABEL[l]).join(', ');
}
