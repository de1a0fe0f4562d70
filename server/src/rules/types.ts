import type { Finding, Fix, GlobalSetting, Related, Severity, SmtpConfig, SourceRef, Span } from '../model/types';
import type { LibraryVersion } from '../semantics/versions';

export const DOCS_BASE = 'https://github.com/mail-config-lint/mail-config-lint/blob/main/docs/rules/';

export interface RuleMeta {
  /** Stable, kebab-case. Never renamed once released. */
  id: string;
  defaultSeverity: Severity;
  /** One line, for SARIF shortDescription and rule lists. */
  short: string;
  /** A paragraph: what goes wrong and why (hover text). */
  long: string;
  /** Standards and library sources the rule rests on, e.g. 'RFC 8314 §3.3', 'nodemailer lib/smtp-connection L78-91'. */
  sources: string[];
  /** CWE id for SARIF properties, e.g. 'CWE-319'. */
  cwe?: string;
  /** Which fix (if any) is safe for fix-all / --fix, in words, for the docs. */
  fixSafety: string;
  /** false = opt-in: the rule reports only when a severity is configured for it (.mailconfiglintrc.json, editor settings). */
  enabledByDefault?: boolean;
}

/** What a rule may report. The engine fills ruleId, file and the configured severity. */
export interface Report {
  message: string;
  span: Span;
  /** Override the default severity for this case (e.g. info on loopback hosts). Still subject to user config. */
  severity?: Severity;
  related?: Related[];
  fixes?: Fix[];
  configId?: string;
  /** Finding lives in another file than the config (cross-file). Defaults to the config's file. */
  file?: string;
  /** The finding is about a setting missing from this config (placed on a field only to have a place): never an
   *  echo of an env file's own finding (see echoFields in engine.ts), the missing setting belongs here. */
  missing?: boolean;
}

/** What the workspace around the linted file says (other files, e.g. the project's Java/Kotlin code). */
export interface WorkspaceFacts {
  /** Where the project's own code binds the property `name` for the config file `configFile` (a
   *  @ConfigurationProperties prefix or a @Value key of a source in the same module covers it). */
  springBinding(configFile: string, name: string): SourceRef | undefined;
  /** Where the project's own code assigns `key` for the env file `configFile` (a Django settings module at or below
   *  its folder assigning EMAIL_TIMEOUT): the setting is not missing even though the env file lacks it. */
  settingInCode?(configFile: string, key: string): SourceRef | undefined;
}

export interface RuleContext {
  report(r: Report): void;
  /** Absent when the caller knows nothing beyond the file (a single text linted on its own). */
  workspace?: WorkspaceFacts;
  /** The release of `library` that reads this file (override, lockfile or manifest), when found. */
  versionOf(library: string): LibraryVersion | undefined;
}

export interface Rule {
  meta: RuleMeta;
  /** Called once per SMTP client configuration. */
  checkConfig?(cfg: SmtpConfig, ctx: RuleContext): void;
  /** Called once per process-wide setting (NODE_TLS_REJECT_UNAUTHORIZED, NODE_OPTIONS). */
  checkGlobal?(g: GlobalSetting, ctx: RuleContext): void;
}

export function helpUri(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

export type { Finding };
