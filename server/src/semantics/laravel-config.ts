// Laravel's config/mail.php: which mailer-array keys the SMTP transport reads, and the .env key each one is in
// the skeleton (so the Laravel rules and the fix expresser speak of `'scheme'` in PHP where they say MAIL_SCHEME
// in a .env file).
//
// laravel/framework MailManager (12.x @5793e3c L189-209; 11.x @3dc2399 L190-210): createSmtpTransport builds a
// Symfony Dsn from $config['scheme'] ?? (port == 465 ? 'smtps' : 'smtp'), $config['host'], 'username',
// 'password', 'port', and passes the WHOLE mailer array as the Dsn's options, so Symfony options written in it
// ('verify_peer', 'auto_tls', 'require_tls' …) take effect; configureSmtpTransport applies only 'source_ip' and
// 'timeout'. Laravel 9.x/10.x (@e1cef10 L173-195, @74e222c L175-195) and 11.x before #53585 derived the scheme
// from 'encryption' === 'tls' ? (port == 465 ? 'smtps' : 'smtp') : '' — an empty scheme lets Symfony pick by the
// port (465 → implicit TLS), so the mode was the port's there too and 'encryption' never changed it.
// getConfig (12.x L505-520): a 'url' is parsed (ConfigurationUrlParser) and merged over the array. Laravel ≤ 8
// (SwiftMailer, 8.x @863d928 L187-232): setEncryption($config['encryption']) decided the mode and
// 'stream' => [...] became stream-context options; Laravel ≤ 6 kept the same keys at the top of config/mail.php
// under 'driver'. Skeletons: laravel/laravel 8.x/9.x/10.x `'port' => env('MAIL_PORT', 587)`,
// `'encryption' => env('MAIL_ENCRYPTION', 'tls')` (10.x adds `'url' => env('MAIL_URL')`); 11.x/12.x
// `'scheme' => env('MAIL_SCHEME')`, `'port' => env('MAIL_PORT', 2525)`, no 'encryption'.

/** config/mail.php mailer key → the key of the Laravel settings model (the .env name without MAIL_). */
export const LARAVEL_CONFIG_KEYS: Readonly<Record<string, string>> = {
  transport: 'MAILER',
  driver: 'DRIVER',
  host: 'HOST',
  port: 'PORT',
  scheme: 'SCHEME',
  url: 'URL',
  encryption: 'ENCRYPTION',
  username: 'USERNAME',
  password: 'PASSWORD',
  verify_peer: 'VERIFY_PEER',
  local_domain: 'EHLO_DOMAIN',
  timeout: 'TIMEOUT',
};

const ENV_NAME_OF_MODEL_KEY: Record<string, string> = Object.fromEntries(Object.entries(LARAVEL_CONFIG_KEYS).map(([php, model]) => [`MAIL_${model}`, php]));

/** How a Laravel setting is named in a file of `format`: `MAIL_SCHEME` in .env/YAML, `'scheme'` in config/mail.php. */
export function laravelKeyName(format: string, envName: string): string {
  return format === 'php' ? (ENV_NAME_OF_MODEL_KEY[envName] ?? envName) : envName;
}

/** The mailer transports that are SMTP (Symfony's EsmtpTransport). */
export function isSmtpTransport(transport: string): boolean {
  return transport.trim().toLowerCase() === 'smtp';
}

/** A Laravel setting as messages name it: MAIL_PORT (=465) in .env/YAML, 'port' (=> 465) in config/mail.php. */
export function laravelSetting(format: string, envName: string, value?: string | number): string {
  if (format !== 'php') return value === undefined ? envName : `${envName}=${value}`;
  const key = `'${laravelKeyName(format, envName)}'`;
  return value === undefined ? key : `${key} => ${typeof value === 'number' ? value : `'${value}'`}`;
}
