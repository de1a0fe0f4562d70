// PHP files of the polyglot corpus: PHPMailer in code and in WordPress phpmailer_init hooks, WP Mail SMTP
// constants in wp-config.php, Laravel projects (stock config/mail.php reading env() + the .env that decides)
// (rules-research-polyglot §1-§3), ordinary classes without mail words, and decoys: other clients' TLS switches
// (PDO MySQL SSL verification, cURL / Guzzle verify, a stream context for HTTPS), WPMS constants while WPMS_ON is
// false, PHPMailer properties after isMail().
import { Writer, NOUNS, VERBS, SVC, SMTP_HOSTS, USERS, cap, camel, secret } from '../lib.mjs';

function filler(w, R, n) {
  const noun = R.pick(NOUNS);
  w.add(`final class ${cap(noun)}${cap(R.pick(VERBS))}er`);
  w.add('{');
  w.add(`    private array $${noun}s = [];`);
  for (let i = 0; i < n; i++) {
    const v = R.pick(VERBS), o = R.pick(NOUNS);
    w.add('');
    w.add(`    public function ${camel(v, o)}(array $${o}, int $limit = ${R.int(5, 100)}): ?array`);
    w.add('    {');
    w.add(`        foreach ($this->${noun}s as $i => $item) {`);
    w.add(`            if ($i >= $limit || !isset($item['${R.pick(['id', 'name', 'status'])}'])) {`);
    w.add('                continue;');
    w.add('            }');
    w.add(`            return array_merge($item, $${o});`);
    w.add('        }');
    w.add('        return null;');
    w.add('    }');
  }
  w.add('}');
}

/** PHPMailer, as a service class or a phpmailer_init hook. */
function phpmailer(R) {
  const w = new Writer();
  const hook = R.chance(0.35);
  const v = hook ? '$phpmailer' : '$mail';
  const ind = hook ? '    ' : '        ';
  w.add('<?php');
  w.add('');
  w.add('use PHPMailer\\PHPMailer\\PHPMailer;');
  w.add('use PHPMailer\\PHPMailer\\SMTP;');
  w.add('');
  if (R.chance(0.4)) {
    w.add('function db_connect(string $dsn, string $user, string $pass): PDO');
    w.add('{');
    w.decoy(w.add('    return new PDO($dsn, $user, $pass, [PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT => false]);'), 'database TLS verification');
    w.add('}');
    w.add('');
  }
  if (R.chance(0.4)) {
    w.add('function fetch_json(string $url): string');
    w.add('{');
    w.add('    $ch = curl_init($url);');
    w.decoy(w.add('    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);'), 'HTTP client TLS');
    w.add('    return (string) curl_exec($ch);');
    w.add('}');
    w.add('');
  }
  if (R.chance(0.3)) {
    w.add('function http_context(): mixed');
    w.add('{');
    w.decoy(w.add("    return stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]);"), 'HTTPS stream context, not mail');
    w.add('}');
    w.add('');
  }
  if (hook) w.add("add_action( 'phpmailer_init', function ( $phpmailer ) {");
  else { w.add(`final class ${cap(R.pick(SVC))}Mailer`); w.add('{'); w.add('    public function make(): PHPMailer'); w.add('    {'); w.add('        $mail = new PHPMailer(true);'); }
  const port = R.weighted([[587, 45], [465, 30], [25, 10], [1025, 15]]);
  const local = port === 1025;
  const host = local ? 'localhost' : R.pick(SMTP_HOSTS);
  // secure: undefined | 'tls' | 'ssl' | STARTTLS | SMTPS
  const good = port === 587 ? R.pick([undefined, 'tls', 'STARTTLS']) : port === 465 ? R.pick(['ssl', 'SMTPS']) : undefined;
  const bad = port === 587 ? R.pick(['ssl', 'SMTPS']) : port === 465 ? R.pick([undefined, 'tls', 'STARTTLS', 'SSL']) : undefined;
  const secure = !local && port !== 25 && R.chance(0.3) ? bad : good;
  const implicit = secure === 'ssl' || secure === 'SMTPS';
  w.add(`${ind}${v}->isSMTP();`);
  w.add(`${ind}${v}->Host = '${host}';`);
  const portLine = w.add(`${ind}${v}->Port = ${port};`);
  let secureLine;
  if (secure) secureLine = w.add(`${ind}${v}->SMTPSecure = ${secure === 'STARTTLS' || secure === 'SMTPS' ? `PHPMailer::ENCRYPTION_${secure}` : `'${secure}'`};`);
  const user = local ? null : R.pick(USERS);
  let autoLine;
  const autoOff = !secure && port === 587 && R.chance(0.3);
  if (autoOff || local) autoLine = w.add(`${ind}${v}->SMTPAutoTLS = false;`);
  let userLine;
  if (user) {
    w.add(`${ind}${v}->SMTPAuth = true;`);
    userLine = w.add(`${ind}${v}->Username = '${user}';`);
    const literal = R.chance(0.2);
    const passLine = w.add(`${ind}${v}->Password = ${literal ? `'${secret(R)}'` : "getenv('SMTP_PASSWORD')"};`);
    if (literal) w.finding('hardcoded-smtp-credentials', passLine);
  }
  const verifyOff = !local && R.chance(0.2);
  if (verifyOff) {
    w.add(`${ind}${v}->SMTPOptions = [`);
    w.add(`${ind}    'ssl' => [`);
    // one finding per configuration, on the first switch that turns verification off
    const peer = w.add(`${ind}        'verify_peer' => false,`);
    w.finding('tls-verification-disabled', peer, R.chance(0.5) ? [w.add(`${ind}        'verify_peer_name' => false,`)] : []);
    w.add(`${ind}    ],`);
    w.add(`${ind}];`);
  }
  if (!local && !verifyOff && R.chance(0.06)) {
    // research §1.4: a TLS 1.0/1.1 crypto_method in SMTPOptions. PHP reads it only for an ssl:// socket (implicit
    // TLS; php-src xp_ssl.c); PHPMailer's STARTTLS passes its own crypto method, so there it does nothing
    w.add(`${ind}${v}->SMTPOptions = ['ssl' => [`);
    const cm = w.add(`${ind}    'crypto_method' => STREAM_CRYPTO_METHOD_${R.pick(['TLSv1_0', 'TLSv1_1'])}_CLIENT,`);
    if (implicit) w.finding('legacy-tls-version', cm);
    else w.decoy(cm, 'crypto_method is not read by PHPMailer STARTTLS');
    w.add(`${ind}]];`);
  }
  w.add(`${ind}${v}->Timeout = 15;`);
  if (hook) w.add('} );');
  else { w.add('        return $mail;'); w.add('    }'); w.add('}'); }
  if (port === 465 && !implicit) w.finding('implicit-tls-port-without-tls', secureLine ?? portLine, [portLine]);
  if (port === 587 && implicit) w.finding('starttls-port-with-implicit-tls', secureLine, [portLine]);
  if (autoOff && user) w.finding('tls-disabled-with-credentials', autoLine, [userLine]);
  if (port === 25 && user) w.finding('port-25-with-credentials', portLine, [userLine]);
  return { file: hook ? R.pick(['wp-content/themes/site/functions.php', 'wp-content/mu-plugins/smtp.php']) : `src/Mail/${cap(R.pick(SVC))}Mailer.php`, w, flavor: hook ? 'phpmailer_init' : 'phpmailer' };
}

/** WP Mail SMTP constants in wp-config.php; they apply only with WPMS_ON true. */
function wpConfig(R) {
  const w = new Writer();
  w.add('<?php');
  w.add("define( 'DB_NAME', 'wordpress' );");
  w.add("define( 'DB_USER', 'wp' );");
  w.add("define( 'DB_PASSWORD', getenv('DB_PASSWORD') );");
  w.add("define( 'DB_HOST', 'db:3306' );");
  if (R.chance(0.5)) w.decoy(w.add("define( 'MYSQL_CLIENT_FLAGS', MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT );"), 'database TLS verification');
  if (R.chance(0.4)) w.decoy(w.add("define( 'FORCE_SSL_ADMIN', false );"), 'admin HTTPS flag');
  w.add('');
  const on = R.chance(0.85);
  w.add(`define( 'WPMS_ON', ${on ? 'true' : 'false'} );`);
  w.add("define( 'WPMS_MAILER', 'smtp' );");
  const port = R.weighted([[587, 55], [465, 45]]);
  const wrong = R.chance(0.3);
  const ssl = port === 587 ? (wrong ? 'ssl' : 'tls') : (wrong ? R.pick(['tls', '']) : 'ssl');
  w.add(`define( 'WPMS_SMTP_HOST', '${R.pick(SMTP_HOSTS)}' );`);
  const portLine = w.add(`define( 'WPMS_SMTP_PORT', ${port} );`);
  const sslLine = w.add(`define( 'WPMS_SSL', '${ssl}' );`);
  w.add("define( 'WPMS_SMTP_AUTH', true );");
  w.add(`define( 'WPMS_SMTP_USER', '${R.pick(USERS)}' );`);
  const literal = R.chance(0.3);
  const passLine = w.add(`define( 'WPMS_SMTP_PASS', ${literal ? `'${secret(R)}'` : "getenv('WPMS_SMTP_PASS')"} );`);
  w.add("define( 'WPMS_SMTP_AUTOTLS', true );");
  w.add('');
  w.add("if ( ! defined( 'ABSPATH' ) ) {");
  w.add("    define( 'ABSPATH', __DIR__ . '/' );");
  w.add('}');
  w.add("require_once ABSPATH . 'wp-settings.php';");
  if (!on) { w.decoy(portLine, 'WPMS_ON is false'); w.decoy(sslLine, 'WPMS_ON is false'); if (literal) w.decoy(passLine, 'WPMS_ON is false'); return { file: 'wp-config.php', w, flavor: 'wpms-off' }; }
  if (literal) w.finding('hardcoded-smtp-credentials', passLine);
  if (port === 465 && ssl !== 'ssl') w.finding('implicit-tls-port-without-tls', sslLine, [portLine]);
  if (port === 587 && ssl === 'ssl') w.finding('starttls-port-with-implicit-tls', sslLine, [portLine]);
  return { file: 'wp-config.php', w, flavor: 'wpms' };
}

/** A Laravel project: the stock config/mail.php (every value from env()) and the .env that decides. */
function laravel(R) {
  const cfg = new Writer();
  cfg.add(`<?php

return [
    'default' => env('MAIL_MAILER', 'log'),
    'mailers' => [
        'smtp' => [
            'transport' => 'smtp',
            'scheme' => env('MAIL_SCHEME'),
            'url' => env('MAIL_URL'),
            'host' => env('MAIL_HOST', '127.0.0.1'),
            'port' => env('MAIL_PORT', 2525),
            'username' => env('MAIL_USERNAME'),
            'password' => env('MAIL_PASSWORD'),
            'timeout' => null,
            'local_domain' => env('MAIL_EHLO_DOMAIN', parse_url(env('APP_URL', 'http://localhost'), PHP_URL_HOST)),
        ],
        'log' => [
            'transport' => 'log',
            'channel' => env('MAIL_LOG_CHANNEL'),
        ],
    ],
    'from' => [
        'address' => env('MAIL_FROM_ADDRESS', 'hello@example.com'),
        'name' => env('MAIL_FROM_NAME', 'Example'),
    ],
];`);
  const env = new Writer();
  env.add(`APP_NAME=${cap(R.pick(SVC))}`);
  env.add('APP_ENV=production');
  env.add('DB_CONNECTION=mysql');
  env.add('DB_HOST=db');
  env.add('DB_PORT=3306');
  if (R.chance(0.6)) env.decoy(env.add(`DB_SSL=${R.pick(['false', '0'])}`), 'database TLS flag');
  if (R.chance(0.4)) env.decoy(env.add('DB_SSLMODE=disable'), 'database TLS off');
  if (R.chance(0.4)) env.decoy(env.add('REDIS_SCHEME=tls'), 'redis TLS');
  env.add('');
  env.add('MAIL_MAILER=smtp');
  env.add(`MAIL_HOST=${R.pick(SMTP_HOSTS)}`);
  const literal = R.chance(0.12);
  // with literal values in config/mail.php the .env's MAIL_SCHEME/MAIL_PORT are not read: keep it plain there
  const shape = literal ? '587' : R.weighted([['587', 45], ['465', 25], ['smtps587', 20], ['smtps465', 10]]);
  if (literal) {
    // research §2.1: literal values in config/mail.php instead of env()
    const sch = cfg.lines.findIndex((l) => l.includes("'scheme' =>")) + 1;
    const prt = cfg.lines.findIndex((l) => l.includes("'port' =>")) + 1;
    cfg.lines[sch - 1] = "            'scheme' => 'smtps',";
    cfg.lines[prt - 1] = "            'port' => 587,";
    cfg.finding('starttls-port-with-implicit-tls', sch, [prt]);
  }
  const port = shape.includes('465') ? 465 : 587;
  const portLine = env.add(`MAIL_PORT=${port}`);
  if (shape.startsWith('smtps')) {
    const l = env.add('MAIL_SCHEME=smtps');
    if (port === 587) env.finding('starttls-port-with-implicit-tls', l, [portLine]);
  } else if (!literal && R.chance(0.3)) env.add('MAIL_SCHEME=smtp');
  env.add(`MAIL_USERNAME=${R.pick(USERS)}`);
  env.add('MAIL_PASSWORD=');
  env.add('MAIL_FROM_ADDRESS="hello@example.com"');
  return [{ file: 'config/mail.php', w: cfg, flavor: 'laravel' }, { file: '.env', w: env, flavor: 'laravel-env' }];
}

/** PHPMailer used with mail(): isMail() makes every SMTP property dead. */
function isMailDecoy(R) {
  const w = new Writer();
  w.add('<?php');
  w.add('$mail = new PHPMailer\\PHPMailer\\PHPMailer();');
  w.add('$mail->isMail();');
  w.decoy(w.add('$mail->Port = 465;'), 'isMail(): SMTP settings unused');
  w.decoy(w.add("$mail->SMTPSecure = 'tls';"), 'isMail(): SMTP settings unused');
  w.add("$mail->setFrom('noreply@example.com');");
  return { file: `legacy/${R.pick(NOUNS)}_notice.php`, w, flavor: 'ismail' };
}

export default {
  id: 'php',
  name: 'PHP',
  ext: '.php',
  weight: 30,
  floor: { id: 'php:lezer', pkg: '@lezer/php', desc: '@lezer/php parser.parse(text)', make: (m) => (text) => m.parser.parse(text) },
  file(R) {
    if (R.chance(0.5)) { const w = new Writer(); w.add('<?php'); w.add(''); w.add(`namespace App\\${cap(R.pick(SVC))};`); w.add(''); filler(w, R, R.int(2, 20)); return { file: `src/${cap(R.pick(NOUNS))}/${cap(R.pick(NOUNS))}${cap(R.pick(VERBS))}er.php`, w, flavor: 'plain' }; }
    const make = R.weighted([[phpmailer, 50], [wpConfig, 20], [laravel, 22], [isMailDecoy, 8]]);
    return make(R);
  },
  sample(R) {
    const w = new Writer();
    w.add('<?php');
    w.add('');
    w.add('use PHPMailer\\PHPMailer\\PHPMailer;');
    w.add('');
    filler(w, R, 8);
    w.add('');
    w.add('function make_mailer(): PHPMailer');
    w.add('{');
    w.add('    $mail = new PHPMailer(true);');
    w.add('    $mail->isSMTP();');
    w.add("    $mail->Host = 'smtp.example.com';");
    const p = w.add('    $mail->Port = 465;');
    w.finding('implicit-tls-port-without-tls', w.add("    $mail->SMTPSecure = 'tls';"), [p]);
    w.add("    $mail->Username = getenv('SMTP_USER');");
    w.add("    $mail->Password = getenv('SMTP_PASSWORD');");
    w.add('    return $mail;');
    w.add('}');
    w.add('');
    filler(w, R, 8);
    return { file: 'Mailer.php', w };
  },
};
