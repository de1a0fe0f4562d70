// Laravel's mail settings (config/mail.php + .env; rules-research §4.3): env() conversions and what
// MAIL_ENCRYPTION / MAIL_SCHEME mean in each release. The mode itself comes from semantics/symfony.ts on
// Laravel ≥ 9 (Symfony Mailer) and from SwiftMailer's rules on Laravel ≤ 8.
export { LARAVEL_ENV_WORDS, laravelEnvValue, laravelUnset } from './laravel-env';
