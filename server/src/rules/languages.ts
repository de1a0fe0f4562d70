// Which kinds of files each rule reads findings from: the README's "languages" column and the per-language
// examples of docs/rules/<id>.md are generated from this table (test/rules/docs-gen/gen.ts,
// test/cli/readme.test.ts), and test/rules/languages.test.ts checks each claim against the rule: every
// PHP / Python entry has a bad example in that language on the rule's page, which the rule reports when linted.
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

export const RULE_LANGUAGES: Record<string, readonly RuleLanguage[]> = {
  'implicit-tls-port-without-tls': [...NODE, 'properties', 'ini', 'php', 'python'],
  'starttls-port-with-implicit-tls': [...NODE, 'properties', 'ini', 'php', 'python'],
  'conflicting-tls-flags': [...NODE, 'properties'],
  'env-string-as-boolean': [...NODE, 'python'],
  'cross-file-port-mode-mismatch': ['js', 'php', 'python'],
  'tls-verification-disabled': [...NODE, 'properties', 'ini', 'php', 'python'],
  'legacy-tls-version': [...NODE, 'properties'],
  'tls-disabled-with-credentials': [...NODE, 'properties', 'ini'],
  'opportunistic-tls-fallback': ['js'],
  'starttls-not-enforced': [...NODE, 'properties'],
  'port-25-with-credentials': [...NODE, 'properties', 'ini'],
  'port-25-egress-blocked': ['yaml'],
  'provider-port-unsupported': [...NODE, 'properties', 'ini'],
  'provider-requires-tls': [...NODE, 'properties', 'ini'],
  'suspicious-smtp-port': [...NODE, 'properties', 'ini'],
  'nodemailer-unknown-service': NODE,
  'nodemailer-service-overrides': NODE,
  'laravel-invalid-mail-scheme': [...KV, 'php'],
  'laravel-mail-encryption-ignored': [...KV, 'php'],
  'symfony-dsn-port-implicit': KV,
  'hardcoded-smtp-credentials': [...NODE, 'properties', 'ini', 'php'],
  'deprecated-mail-setting': [...NODE, 'ini'],
  'nonstandard-submission-port': [...NODE, 'properties', 'ini'],
  'symfony-dsn-unknown-option': KV,
  'grafana-host-missing-port': [...KV, 'ini'],
  'ini-value-truncated-by-comment': ['ini'],
  'missing-smtp-timeouts': [...KV, 'properties', 'python'],
  'smtp-debug-logging': [...NODE, 'properties'],
  'spring-mail-property-ignored': ['yaml', 'properties'],
  'spring-property-prefix-mismatch': ['yaml', 'properties'],
};

/** The languages column of a rule: "`.env`, YAML, JS/TS, PHP, Python". */
export function languagesText(ruleId: string): string {
  return (RULE_LANGUAGES[ruleId] ?? []).map((l) => LANGUAGE_LABEL[l]).join(', ');
}
