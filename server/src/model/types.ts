// The settings model: what every reader produces and every rule consumes.
// Pure data; this module imports nothing else from the project.
//
// Offsets are UTF-16 code-unit offsets into the file text as read (after BOM removal is NOT applied:
// readers keep offsets relative to the exact string they were given). Convert to line/column only in
// adapters, with LineIndex.

/** env/yaml/js are built in; the code languages of languages/registry.ts add theirs ('php', 'python', ...). */
export type Format = 'env' | 'yaml' | 'js' | 'php' | 'python' | 'ini' | 'properties' | 'java' | 'go' | 'json' | 'csharp' | 'ruby';

/** Which library/application interprets the settings. Decides the effective TLS mode and how fixes are spelled. */
export type Dialect =
  | 'generic' // SMTP_* / MAIL_* / EMAIL_* read by a Node app with nodemailer-like semantics
  | 'nodemailer' // a nodemailer transport in JS/TS (object or URL)
  | 'laravel' // MAIL_MAILER, MAIL_SCHEME, MAIL_ENCRYPTION, MAIL_URL (Symfony Mailer underneath)
  | 'django' // EMAIL_USE_TLS / EMAIL_USE_SSL, EMAIL_URL helpers
  | 'symfony' // MAILER_DSN
  | 'meteor' // MAIL_URL (handed to nodemailer)
  | 'mastodon' // SMTP_SERVER, SMTP_LOGIN, SMTP_TLS, SMTP_ENABLE_STARTTLS ...
  | 'grafana' // GF_SMTP_*
  | 'ghost' // mail__options__* (nconf, parseValues) handed to nodemailer
  | 'gitea' // GITEA__mailer__* / [mailer]
  | 'spring' // spring.mail.* + JavaMail properties
  | 'discourse' // DISCOURSE_SMTP_*
  | 'action-send-mail' // GitHub Actions dawidd6/action-send-mail `with:` inputs (handed to nodemailer)
  | 'node' // process-wide Node settings only (NODE_TLS_REJECT_UNAUTHORIZED, NODE_OPTIONS)
  | 'phpmailer' // PHPMailer properties in PHP code (also WordPress phpmailer_init hooks)
  | 'wp-mail-smtp' // WP Mail SMTP define('WPMS_*') constants in wp-config.php
  | 'flask-mail' // Flask-Mail MAIL_* config keys (smtplib underneath, no timeout, never verifies)
  | 'flask-mailman' // Flask-Mailman MAIL_* config keys (Django's backend ported to Flask)
  | 'smtplib' // Python smtplib.SMTP / SMTP_SSL calls
  | 'aiosmtplib' // aiosmtplib.SMTP(...) / aiosmtplib.send(...)
  | 'fastapi-mail' // FastAPI-Mail ConnectionConfig(...) (aiosmtplib underneath)
  | 'javamail' // JavaMail / Jakarta Mail Properties and JavaMailSenderImpl setters in Java code
  | 'go-smtp' // Go net/smtp (smtp.SendMail / smtp.Dial / smtp.PlainAuth)
  | 'gomail' // gopkg.in/gomail.v2 (and its fork github.com/go-mail/mail) Dialer
  | 'go-mail' // github.com/wneessen/go-mail Client options
  | 'mailkit' // MailKit SmtpClient.Connect(host, port, SecureSocketOptions.X) in C#
  | 'system-net-mail' // System.Net.Mail.SmtpClient (EnableSsl = STARTTLS only; no implicit TLS at all)
  | 'dotnet-config' // an SMTP section of appsettings*.json whose consuming library is not known
  | 'mail-gem'; // the Ruby mail gem's SMTP settings in Ruby code: Rails ActionMailer smtp_settings, delivery_method :smtp

/**
 * implicit: TLS from the first byte (RFC 8314 §3.3, port 465).
 * starttls-required: plaintext greeting, STARTTLS mandatory (RFC 3207 §6 "require").
 * starttls-opportunistic: STARTTLS if advertised, else cleartext (strippable).
 * none: never TLS.
 * unknown: depends on a value we cannot see (an env var not in any .env, an expression).
 */
export type TlsMode = 'implicit' | 'starttls-required' | 'starttls-opportunistic' | 'none' | 'unknown';

/** literal: written in the file; env: read from an environment variable (maybe resolved across files);
 *  expression: computed in code; unknown: present but not understood. */
export type ValueKind = 'literal' | 'env' | 'expression' | 'unknown';

/** Which code turns a string into a boolean (the vocabularies live in semantics/values/bool.ts). */
export type BoolReader = 'env-app' | 'js-truthy' | 'nodemailer-url' | 'python' | 'python-str' | 'spring' | 'javamail' | 'laravel-env' | 'php-filter' | 'php-cast' | 'nconf' | 'ruby' | 'ruby-eq-true' | 'ruby-ne-false' | 'go' | 'action-send-mail' | 'strict';

export interface Span {
  start: number;
  end: number;
}

/**
 * How an entry is written, so a fix can be rendered in the file's own syntax.
 * - env:            `[export ]KEY=value` line in a .env file
 * - yaml-map:       `KEY: value` in a YAML block map (compose environment map, Spring nested/flat, CI env)
 * - yaml-list:      `- KEY=value` in a YAML sequence (compose environment list)
 * - yaml-namevalue: `- name: KEY` + `value: v` (Kubernetes container env)
 * - js-prop:        `key: value` property in a JS/TS object literal
 * - url-part:       a part of a URL/DSN string (scheme, port, query parameter) inside another entry
 * - js-expr:        a whole JS expression (e.g. the URL argument of createTransport)
 * - php-code / py-code / rb-code: a setting in PHP / Python / Ruby source (`$mail->Port = 465;`, `'port' => 465,`,
 *                   `EMAIL_PORT = 465`, `app.config['MAIL_PORT'] = 465`, a keyword argument `port=465`, a hash pair `port: 465,`);
 *                   `template` says how a sibling is spelled. Rendered by fixes/render-php.ts / render-python.ts / render-ruby.ts.
 * - ini:            `KEY = value` line in an INI section (go-ini: Gitea app.ini, grafana.ini)
 * - properties:     `key=value` line of a Java .properties file (Spring Boot application.properties)
 * - java-code / go-code: a setting in Java / Go source (`props.put("mail.smtp.port", "465");`,
 *                   `sender.setPort(465);`, `InsecureSkipVerify: true,`, `d.SSL = true`, `mail.WithPort(465),`);
 *                   rendered by fixes/render-java.ts / render-go.ts.
 * - json-prop:      `"Key": value` member of a JSON(C) object (.NET appsettings*.json); rendered by fixes/render-json.ts
 * - cs-code:        a setting in C# source (`client.Connect(host, 465, SecureSocketOptions.StartTls)`,
 *                   `EnableSsl = true,`, `smtp.Port = 465;`); rendered by fixes/render-csharp.ts
 */
export type SiteStyle = 'env' | 'yaml-map' | 'yaml-list' | 'yaml-namevalue' | 'js-prop' | 'url-part' | 'js-expr' | 'php-code' | 'py-code' | 'java-code' | 'go-code' | 'ini' | 'properties' | 'json-prop' | 'cs-code' | 'rb-code';

export interface Site {
  file: string;
  style: SiteStyle;
  /** The value token as written, including its quotes if any. Empty span (start===end) = no value written. */
  value: Span;
  /** The quote character around the value ('' when bare; '"""' = go-ini triple quotes). Fixes keep it. */
  quote: '' | '"' | "'" | '`' | '"""';
  /** The key token as written (absent for url-part / js-expr). */
  key?: Span;
  /** The whole entry including its trailing line break (or, for js-prop, its comma); removing it removes the setting. */
  entry: Span;
  /** Indentation of the entry's line (for inserting a sibling after it). */
  indent: string;
  /** Text before the key on the entry's line that a sibling should repeat: 'export ' for env, '- ' for yaml-list. */
  prefix?: string;
  /** js-prop: the object literal is written on one line (insert siblings inline, `, key: value`). */
  inline?: boolean;
  /** js-prop: the property is followed by a comma. */
  trailingComma?: boolean;
  /** yaml-map with dotted/nested keys: the key path as written relative to the parent map. */
  keyPath?: string[];
  /** The key token of each keyPath element, same order (Spring sites: a fix can rename an ancestor map key). */
  keySpans?: Span[];
  /** php-code / py-code: the entry as written with its key replaced by `{key}` and its value by `{value}`
   *  (`$mail->{key} = {value};`, `'{key}' => {value},`, `{key}={value}`): a sibling is this with other words. */
  template?: string;
}

export interface SourceRef {
  file: string;
  span: Span;
}

export interface Field<T extends string | number | boolean = string | number | boolean> {
  /** Name as written: 'SMTP_PORT', 'port', 'spring.mail.port', 'tls.rejectUnauthorized', URL part 'scheme'. */
  key: string;
  /** The resolved value when known (a literal, or an env var resolved from a .env file). */
  value?: T;
  /** The value as written, without quotes. Secrets are replaced by '***'. */
  text: string;
  kind: ValueKind;
  /** kind === 'env': the variable name (process.env.X, ${X}). */
  envVar?: string;
  /** kind === 'env' resolved across files: where the value came from. */
  resolvedFrom?: SourceRef;
  /**
   * `value` is a fallback written in code that applies only while these environment variables are unset
   * (`Number(process.env.SMTP_PORT) || 587`); findings that rest on it say so, and their fixes are unsafe.
   */
  whenUnset?: string[];
  site: Site;
  /** For a boolean setting written as text: the vocabulary of the code that reads it, when it differs from
   *  the dialect's (a URL query parameter read by nodemailer, a JavaMail property under Spring). */
  boolReader?: BoolReader;
}

/** A parsed URL / DSN (smtp://, smtps://, smtp+ssl://, gmail+smtp://, submission://). Parts carry their own sites. */
export interface UrlField extends Field<string> {
  scheme?: Field<string>;
  host?: Field<string>;
  port?: Field<number>;
  hasUser: boolean;
  hasPassword: boolean;
  /** Query parameters, e.g. tls.rejectUnauthorized, verify_peer, require_tls. */
  params: Record<string, Field<string>>;
}

export interface Credentials {
  user?: Field<string>;
  /** Presence only: password.text is always '***'. */
  password?: Field<string>;
  /** The password (or token/secret) is a literal in the file and not a placeholder. */
  passwordIsLiteral: boolean;
}

export interface EffectiveConnection {
  host?: string;
  port?: number;
  tlsMode: TlsMode;
  /** One sentence in plain words: "port 465 and secure unset: nodemailer switches to implicit TLS". */
  because: string;
}

export interface SmtpConfig {
  /** Stable within a file: `${format}:${startOffset}`. */
  id: string;
  file: string;
  format: Format;
  dialect: Dialect;
  /** Human label: "nodemailer transport", "compose service api", ".env (Laravel)". */
  label: string;
  /** The whole block (createTransport call, env group, YAML map). */
  span: Span;

  host?: Field<string>;
  port?: Field<number>;
  url?: UrlField;
  service?: Field<string>;

  // TLS settings as written, grouped by meaning (each dialect maps its own keys here):
  /** Implicit TLS switch: nodemailer secure, SMTP_SECURE, EMAIL_USE_SSL, mail.smtp.ssl.enable, SMTP_TLS (Mastodon), MAIL_SCHEME, PROTOCOL (Gitea) ... */
  implicitTls?: Field;
  /** STARTTLS switch: EMAIL_USE_TLS, mail.smtp.starttls.enable, SMTP_ENABLE_STARTTLS ... */
  starttls?: Field;
  /** STARTTLS mandatory: requireTLS, mail.smtp.starttls.required, SMTP_REQUIRE_TLS, require_tls, MandatoryStartTLS ... */
  requireTls?: Field;
  /** Never STARTTLS: ignoreTLS, NoStartTLS, auto_tls=false, SMTP_IGNORE_TLS ... */
  ignoreTls?: Field;
  /** Continue in cleartext if STARTTLS fails: nodemailer opportunisticTLS. */
  opportunisticTls?: Field;

  /** Certificate verification setting; value false = verification disabled. */
  verifyCert?: Field;
  /** Minimum (or forced) TLS version: tls.minVersion, tls.maxVersion, secureProtocol, mail.smtp.ssl.protocols. */
  minTlsVersion?: Field;
  ciphers?: Field;

  credentials: Credentials;

  /** Dialect-specific settings that some rule needs (MAIL_ENCRYPTION, MAIL_SCHEME, secureConnection, GITEA HOST ...). */
  extras: Record<string, Field>;

  /** The mode the library will actually use, computed with that library's own rules. */
  effective: EffectiveConnection;

  /**
   * Every setting of this config is written in another file that is linted on its own (Symfony
   * `dsn: '%env(MAILER_DSN)%'` whose `.env` line is read as the DSN there): rules are not run on it, so a problem
   * is reported once, where the value is written. The config stays for hover and Test SMTP Connection.
   */
  echoOf?: SourceRef;
}

/** One variable an env file defines, as other files read it (process.env.X, env('X'), os.environ['X'] ...). */
export interface EnvValue {
  value: string;
  /** The whole `KEY=value` entry. */
  ref: SourceRef;
  /** The library whose settings this file's own interpretation reads the variable as (the file then reports that
   *  setting's problems itself: a config that only reads it back is an echo there, see echoFields in engine.ts). */
  readAs?: Dialect;
  /** The folder whose code sees this value as its environment when it is not the defining file's own folder: a
   *  compose service's `environment:` applies to its `build:` context (semantics/env-files composeBuildFolder). */
  scope?: string;
  /** The variable's name when the record's key is not it (one compose file giving the same variable to two build
   *  contexts). */
  name?: string;
}

/** A process-wide setting found in a file (NODE_TLS_REJECT_UNAUTHORIZED=0, NODE_OPTIONS=--tls-min-v1.0). */
export interface GlobalSetting {
  file: string;
  field: Field;
}

/** What a reader returns for one file. */
export interface ReadResult {
  file: string;
  format: Format;
  configs: SmtpConfig[];
  globals: GlobalSetting[];
  /** Env-style variables defined by this file (for cross-file resolution of process.env.X). */
  envVars?: Record<string, EnvValue>;
  /** Suppression comments: line (0-based) → rule ids ('*' = all) that are disabled for it. */
  suppressions: Suppressions;
  /** Problems reading the file (syntax errors): reported, never thrown. */
  problems: ReadProblem[];
}

export interface Suppressions {
  /** 0-based line → rule ids disabled on that line ('*' = every rule). */
  lines: Map<number, Set<string>>;
  /** Rule ids disabled in the whole file ('*' = every rule). */
  file: Set<string>;
}

/**
 * What kind of problem a file had: adapters (LSP, CLI formats) branch on the kind, never on the message text.
 *  - parse-error:    a syntax error; what could be read was read
 *  - bounded-mode:   a large file read in part (what mentions mail settings was read; the rest was not checked)
 *  - too-large:      not read, or not parsed, because of its size
 *  - binary:         binary content, not read
 *  - not-utf8:       invalid UTF-8 read as U+FFFD (--fix leaves the file alone)
 *  - unreadable:     the file system refused (permissions, a broken link, a link loop, a folder that cannot be read)
 *  - fix-refused:    --fix did not write the file
 *  - config:         a setting that names a file cannot be used (extraEnvFiles)
 *  - internal-error: a bug (a reader or rule threw); the other results stand
 */
export type ProblemKind = 'parse-error' | 'bounded-mode' | 'too-large' | 'binary' | 'not-utf8' | 'unreadable' | 'fix-refused' | 'config' | 'internal-error';

export interface ReadProblem {
  kind: ProblemKind;
  message: string;
  span?: Span;
}

// ---------------------------------------------------------------------------------------------
// Findings and fixes

export type Severity = 'error' | 'warning' | 'info';

/**
 * A field-level edit. Rules produce these; fixes/ renders them into text edits in the file's own syntax.
 * - set:    replace the value of `field` with `text` (unquoted; the renderer keeps the entry's quoting).
 * - remove: delete the whole entry of `field`.
 * - insert: add a sibling entry `key` = `text` right after `after` (same style, indentation, prefix).
 * - rename: change the key of `field` to `key` (keeps the value).
 */
export type FieldEdit =
  | { op: 'set'; field: Field; text: string; /** Value type for quoting decisions in YAML/JS. */ type?: 'string' | 'number' | 'boolean' | 'code' }
  | { op: 'remove'; field: Field }
  | { op: 'insert'; after: Field; key: string; text: string; type?: 'string' | 'number' | 'boolean' | 'code' }
  | { op: 'rename'; field: Field; key: string };

export interface Fix {
  /** Imperative, plain words: "Set SMTP_SECURE=true (implicit TLS on 465)". */
  title: string;
  /** Safe fixes may be applied by fix-all on save and `--fix` (they change only what the finding is about). */
  safe: boolean;
  edits: FieldEdit[];
}

export interface TextEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface Related {
  message: string;
  ref: SourceRef;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  /** The setting at fault. */
  span: Span;
  /** The other half of a pair (port line ↔ secure line; .env value ↔ JS reader). */
  related: Related[];
  /** First fix is the preferred one. */
  fixes: Fix[];
  /** Id of the SmtpConfig the finding is about (absent for globals). */
  configId?: string;
}
