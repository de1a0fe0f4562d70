// .NET configuration (Microsoft.Extensions.Configuration; rules-research-polyglot §0.4, §7.3): which files are
// configuration, how keys match, how environment variables override them, and which appsettings sections are SMTP
// settings.
//
// - Files: appsettings.json and appsettings.<Environment>.json (JSON with comments and trailing commas, read by the
//   JSON configuration provider); secrets.json is the User Secrets store (kept outside the repository: a password
//   there is where it belongs).
// - Keys are case-insensitive (ConfigurationProvider uses StringComparer.OrdinalIgnoreCase); a section path is
//   joined with ':' ("Smtp:Port").
// - Environment variables override JSON values: `Smtp__Port=465` ('__' stands for ':'), matched case-insensitively
//   (EnvironmentVariablesConfigurationProvider). They come from .env files, Compose and Kubernetes (the linter reads
//   the workspace's .env* files; compose/k8s values do not reach code yet).
// - Booleans bind with bool.Parse ("true"/"false", any case), enums with Enum.Parse (ignoring case).
// - An SMTP section is free-form (each app binds its own options class): `"Smtp": { "Host", "Port", "EnableSsl",
//   "Username", "Password" }`, `"EmailSettings": { "SmtpServer", "SmtpPort" }`, `"MailSettings": { …,
//   "SecureSocketOptions": "StartTls" }`, nested `"Email": { "Smtp": { … } }` [CODE-CS-APPSETTINGS]. What EnableSsl
//   means depends on the code that reads it (System.Net.Mail: STARTTLS; MailKit Connect(h, p, useSsl): implicit
//   TLS), so without that code only the SecureSocketOptions names are unambiguous.
import * as path from 'node:path';

/** appsettings.json, appsettings.Production.json, … (any case); secrets.json (User Secrets). */
export function isDotnetConfigFileName(base: string): boolean {
  return /^appsettings(\.[^/\\]+)?\.json$/i.test(base) || base.toLowerCase() === 'secrets.json';
}

export function isDotnetConfigFile(file: string): boolean {
  return isDotnetConfigFileName(path.basename(file));
}

/** The User Secrets store (never committed): credentials there are not hard-coded. */
export function isUserSecretsFile(file: string): boolean {
  return path.basename(file).toLowerCase() === 'secrets.json';
}

/** What a settings key of an SMTP section means, by its name (case-insensitive, like the binder). */
export type DotnetSettingRole = 'host' | 'port' | 'enableSsl' | 'startTls' | 'secureSocketOptions' | 'user' | 'password' | 'timeout';

const ROLES: Record<string, DotnetSettingRole> = {};
for (const [role, keys] of Object.entries({
  host: ['host', 'hostname', 'server', 'servername', 'smtpserver', 'smtphost', 'smtpaddress', 'mailserver', 'mailhost', 'emailhost', 'emailserver'],
  port: ['port', 'smtpport', 'mailport', 'emailport', 'serverport'],
  enableSsl: ['enablessl', 'usessl', 'ssl', 'smtpenablessl', 'smtpusessl', 'enabletls', 'usetls', 'securessl'],
  startTls: ['usestarttls', 'enablestarttls', 'starttls'],
  secureSocketOptions: ['securesocketoptions', 'socketoptions', 'secureoptions', 'securesocketoption', 'securityoptions', 'security'],
  user: ['username', 'user', 'userid', 'login', 'smtpuser', 'smtpusername', 'mailusername', 'emailusername', 'account'],
  password: ['password', 'pass', 'pwd', 'smtppassword', 'smtppass', 'mailpassword', 'emailpassword', 'userpassword'],
  timeout: ['timeout', 'smtptimeout', 'connecttimeout'],
} as Record<DotnetSettingRole, string[]>)) {
  for (const k of keys) ROLES[k] = role as DotnetSettingRole;
}

export function dotnetSettingRole(key: string): DotnetSettingRole | undefined {
  return ROLES[key.toLowerCase()];
}

/** A section (by its path of keys) holds SMTP settings: a key on its path names mail (Smtp, MailSettings,
 *  EmailSettings, Email:Smtp …), or its own keys do (SmtpServer, SmtpPort). `keys` are the section's own keys. */
export function isSmtpSection(sectionPath: readonly string[], keys: readonly string[]): boolean {
  const roles = keys.map(dotnetSettingRole);
  if (!roles.includes('host') && !roles.includes('port')) return false;
  if (sectionPath.some((k) => /smtp|e?mail|mailkit/i.test(k))) return true;
  return keys.some((k) => /^smtp/i.test(k));
}

/** The names an environment variable may have to override the configuration key `keyPath` (Smtp:Port →
 *  Smtp__Port, SMTP__PORT, smtp__port). Matching is case-insensitive in .NET; the usual spellings are tried. */
export function envOverrideNames(keyPath: readonly string[]): string[] {
  const name = keyPath.join('__');
  return [...new Set([name, name.toUpperCase(), name.toLowerCase()])];
}

/** A configuration key as written in code (`"Smtp:Port"`, `"EmailSettings:SmtpPort"`) → its path. */
export function configKeyPath(key: string): string[] {
  return key.split(':').map((k) => k.trim()).filter(Boolean);
}

/** bool.Parse: "true"/"false" in any case, surrounding blanks allowed; anything else throws (undefined). */
export function dotnetBool(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** Why EnableSsl alone does not tell the mode, for hovers and docs. */
export const ENABLE_SSL_AMBIGUOUS =
  "EnableSsl's meaning depends on the code that reads it: System.Net.Mail treats it as STARTTLS, MailKit's Connect(host, port, useSsl) as implicit TLS";
