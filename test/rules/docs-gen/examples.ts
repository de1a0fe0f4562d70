// Examples for docs/rules/<id>.md: [language, title, code][] for bad and good.
export type Ex = [lang: string, title: string, code: string];
export const examples: Record<string, { bad: Ex[]; good: Ex[]; notes?: string }> = {
  'implicit-tls-port-without-tls': {
    bad: [
      ["ini", "app.ini (Gitea)", "[mailer]\nENABLED = true\nPROTOCOL = smtp+starttls   ; fix: smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465"],
      ["csharp", "Mailer.cs (System.Net.Mail: no implicit TLS at all)", "var client = new SmtpClient(\"smtp.example.com\", 465) { EnableSsl = true };   // times out after 100 s (fix: port 587, or MailKit SslOnConnect)"],
      ["csharp", "Mailer.cs (MailKit)", "client.Connect(\"smtp.example.com\", 465, SecureSocketOptions.StartTls);   // fix: SecureSocketOptions.SslOnConnect"],
      ["json", "appsettings.json (MailKit options)", "{\n  \"MailSettings\": {\n    \"Host\": \"smtp.example.com\",\n    \"Port\": 465,\n    \"SecureSocketOptions\": \"StartTls\"\n  }\n}"],
      ['dotenv', '.env', 'SMTP_HOST=smtp.example.com\nSMTP_PORT=465\nSMTP_SECURE=false   # waits for a plaintext greeting'],
      ['yaml', 'docker-compose.yml', 'services:\n  api:\n    environment:\n      SMTP_PORT: 465\n      SMTP_SECURE: "false"'],
      ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    port: 465\n    properties:\n      mail.smtp.ssl.enable: false'],
      ['properties', 'application.properties (Spring)', 'spring.mail.host=smtp.example.com\nspring.mail.port=${SMTP_PORT:465}\nspring.mail.properties.mail.smtp.starttls.enable=true'],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: false });\nnodemailer.createTransport('smtp://user:pass@smtp.example.com:465'); // smtp: sets secure:false"],
      ['php', 'Mailer.php (PHPMailer)', "$mail->isSMTP();\n$mail->Port = 465;\n$mail->SMTPSecure = 'tls';   // STARTTLS: PHPMailer waits up to 300 s (fix: 'ssl' / PHPMailer::ENCRYPTION_SMTPS)"],
      ['php', 'wp-config.php (WP Mail SMTP)', "define( 'WPMS_ON', true );\ndefine( 'WPMS_SMTP_PORT', 465 );\ndefine( 'WPMS_SSL', 'tls' );"],
      ['python', 'settings.py (Django)', "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 465\nEMAIL_USE_TLS = True   # STARTTLS: the worker hangs (fix: EMAIL_USE_SSL = True)"],
      ['python', 'app.py (Flask-Mail)', "app.config.update(MAIL_SERVER='smtp.example.com', MAIL_PORT=465, MAIL_USE_TLS=True)"],
      ['python', 'mailer.py (smtplib)', "s = smtplib.SMTP('smtp.example.com', 465)   # fix: smtplib.SMTP_SSL"],
      ['python', 'mailer.py (aiosmtplib / FastAPI-Mail)', "await aiosmtplib.send(m, hostname='smtp.example.com', port=465, use_tls=False)\nConnectionConfig(MAIL_SERVER='smtp.example.com', MAIL_PORT=465, MAIL_STARTTLS=True, MAIL_SSL_TLS=False)"],
      ['java', "Mailer.java (JavaMail)", "props.put(\"mail.smtp.port\", \"465\");\nprops.put(\"mail.smtp.starttls.enable\", \"true\");   // hangs (fix: \"mail.smtp.ssl.enable\", \"true\")"],
      ['go', "mailer.go (net/smtp, gomail, go-mail)", "smtp.SendMail(\"smtp.example.com:465\", auth, from, to, msg) // net/smtp has no implicit TLS: blocks, then EOF\nd := gomail.NewDialer(\"smtp.example.com\", 465, user, pass)\nd.SSL = false                                               // fix: drop it (NewDialer sets SSL for 465)\nmail.NewClient(\"smtp.example.com\", mail.WithPort(465))     // fix: add mail.WithSSL()"],
      ['ruby', 'config/environments/production.rb (Rails ActionMailer)', "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 465,\n  enable_starttls_auto: true,   # STARTTLS: Net::ReadTimeout (fix: tls: true, drop this line)\n}"],
    ],
    good: [
      ['dotenv', '.env', 'SMTP_PORT=465\nSMTP_SECURE=true'],
      ['ruby', 'config/environments/production.rb (Rails)', "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: ENV.fetch('SMTP_PORT', 465).to_i,\n  tls: true,   # tls and ssl are synonyms: implicit TLS\n}"],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: true });\nnodemailer.createTransport({ host: 'smtp.example.com', port: 465 }); // secure unset + 465 → implicit TLS\nnodemailer.createTransport({ host, port, secure: port === 465 });"],
      ['java', "Mailer.java (JavaMail)", "props.put(\"mail.smtp.port\", \"465\");\nprops.put(\"mail.smtp.ssl.enable\", \"true\");\n// legacy but working: props.put(\"mail.smtp.socketFactory.class\", \"javax.net.ssl.SSLSocketFactory\");"],
      ['go', "mailer.go", "conn, _ := tls.Dial(\"tcp\", \"smtp.example.com:465\", &tls.Config{ServerName: \"smtp.example.com\"})\nc, _ := smtp.NewClient(conn, \"smtp.example.com\")\nmail.NewClient(\"smtp.example.com\", mail.WithPort(465), mail.WithSSL())"],
    ],
    notes: '**465 is not deprecated.** It was briefly registered as "smtps" in the late 1990s and revoked, which is where the myth comes from; RFC 8314 (2018) registered it again as *submissions* and recommends implicit TLS over STARTTLS. Moving to 587 is offered only as an alternative fix, never because 465 is "legacy". Laravel 9+ and Symfony Mailer (`smtp://…:465`) and Grafana switch TLS on by themselves on 465, so they are not reported.',
  },
  'starttls-port-with-implicit-tls': {
    bad: [
      ["properties", "application.properties (Spring)", "spring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.protocol=smtps"],
      ["csharp", "Mailer.cs (MailKit)", "client.Connect(\"smtp.example.com\", 587, true);   // useSsl: true = SslOnConnect (fix: SecureSocketOptions.StartTls)"],
      ["json", "appsettings.json (MailKit options)", "{\n  \"MailSettings\": {\n    \"Host\": \"smtp.example.com\",\n    \"Port\": 587,\n    \"SecureSocketOptions\": \"SslOnConnect\"\n  }\n}"],
      ['dotenv', '.env', 'SMTP_PORT=587\nSMTP_SECURE=true        # ClientHello meets a plaintext "220" banner'],
      ['dotenv', '.env (Laravel)', 'MAIL_PORT=587\nMAIL_SCHEME=smtps'],
      ['dotenv', '.env (Django)', 'EMAIL_PORT=587\nEMAIL_USE_SSL=True'],
      ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    port: 587\n    properties:\n      mail.smtp.ssl.enable: true'],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: true });"],
      ['php', 'config/mail.php (Laravel; laravel/framework#40887)', "'smtp' => [\n    'transport' => 'smtp',\n    'scheme' => 'smtps',   // fix: 'smtp'\n    'host' => 'smtp.example.com',\n    'port' => env('MAIL_PORT', 587),\n],"],
      ['php', 'functions.php (WordPress phpmailer_init)', "add_action( 'phpmailer_init', function ( $phpmailer ) {\n    $phpmailer->Port = 587;\n    $phpmailer->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;   // fix: ENCRYPTION_STARTTLS\n} );"],
      ['python', 'mailer.py (smtplib)', "s = smtplib.SMTP_SSL('smtp.example.com', 587)   # fix: smtplib.SMTP + s.starttls(context=ssl.create_default_context())"],
      ['python', 'app.py (Flask-Mail) / settings.py (Django)', "app.config['MAIL_PORT'] = 587\napp.config['MAIL_USE_SSL'] = True\nEMAIL_PORT = 587\nEMAIL_USE_SSL = True"],
      ['ruby', 'config/environments/production.rb (Rails; tls: means implicit TLS in Ruby, unlike PHP)', "config.action_mailer.smtp_settings = {\n  :address => 'smtp.example.com',\n  :port => 587,\n  :tls => true,   # wrong version number (fix: :enable_starttls => true)\n}"],
      ['ini', 'app.ini (Gitea; the Gitea docs example)', '[mailer]\nENABLED = true\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 587'],
      ['java', "MailConfig.java (Spring JavaMailSenderImpl / JavaMail)", "sender.setPort(587);\nsender.setProtocol(\"smtps\");   // fix: \"smtp\"\nprops.put(\"mail.smtp.ssl.enable\", \"true\");   // with port 587"],
      ['go', "mailer.go (gomail / go-mail)", "d := gomail.NewDialer(\"smtp.example.com\", 587, user, pass)\nd.SSL = true   // tls: first record does not look like a TLS handshake\nmail.NewClient(\"smtp.example.com\", mail.WithPort(587), mail.WithSSL())"],
    ],
    good: [
      ['dotenv', '.env', 'SMTP_PORT=587\nSMTP_SECURE=false\nSMTP_REQUIRE_TLS=true'],
      ['ini', 'app.ini (Gitea)', '[mailer]\nENABLED = true\nPROTOCOL = smtp+starttls\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 587'],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: false, requireTLS: true });"],
    ],
    notes: 'Port 2525 (an unofficial provider alternative) and 2587 (SES/Resend) behave exactly like 587; port 25 greets in plaintext too.',
  },
  'conflicting-tls-flags': {
    bad: [
      ["yaml", "docker-compose.yml (Django)", "services:\n  web:\n    environment:\n      EMAIL_HOST: smtp.example.com\n      EMAIL_PORT: \"587\"\n      EMAIL_USE_TLS: \"True\"\n      EMAIL_USE_SSL: \"True\""],
      ["properties", "application.properties (Spring: redundant, JavaMail ignores STARTTLS on an SSL socket)", "spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.ssl.enable=true\nspring.mail.properties.mail.smtp.starttls.enable=true"],
      ['ruby', 'lib/mailer.rb (mail gem ≥ 2.9: ArgumentError)', "Mail.defaults do\n  delivery_method :smtp, address: 'smtp.example.com', port: 465, tls: true, enable_starttls_auto: true\nend"],
      ['dotenv', '.env (Django)', 'EMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_USE_SSL=True   # ValueError at startup'],
      ['js', 'mailer.js', "nodemailer.createTransport({ port: 587, requireTLS: true, ignoreTLS: true }); // nodemailer < 10.0.12: ignoreTLS wins (clear text)\nnodemailer.createTransport({ port: 465, secure: true, requireTLS: true }); // requireTLS has no effect (info)"],
    ],
    good: [
      ['dotenv', '.env (Django)', 'EMAIL_PORT=587\nEMAIL_USE_TLS=True'],
      ['js', 'mailer.js', "nodemailer.createTransport({ port: 587, requireTLS: true });"],
    ],
    notes: 'Severity: error where the library throws (Django, Mastodon/Discourse on the Ruby mail gem ≥ 2.9), warning for requireTLS + ignoreTLS when the project nodemailer is older than 10.0.12 or unknown (info from 10.0.12, where requireTLS wins), info for flags that are merely redundant. When the port also contradicts the implicit flag, `starttls-port-with-implicit-tls` reports it instead.',
  },
  'env-string-as-boolean': {
    bad: [
      ["dotenv", ".env", "SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=enabled   # not a boolean: \"true\" to nodemailer, false to a comparison"],
      ["yaml", "docker-compose.yml", "services:\n  api:\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: \"587\"\n      SMTP_SECURE: \"enabled\""],
      ['js', 'mailer.js', "nodemailer.createTransport({\n  port: Number(process.env.SMTP_PORT),\n  secure: process.env.SMTP_SECURE,            // \"false\" is truthy\n  tls: { rejectUnauthorized: process.env.TLS_VERIFY }, // \"false\" does nothing\n});"],
      ['python', 'settings.py (Django; maxking/docker-mailman#701)', "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS')   # \"False\" is truthy\nEMAIL_TIMEOUT = 10"],
      ['python', 'app.py (Flask)', "import os\nfrom flask_mail import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USE_TLS'] = os.environ.get('MAIL_USE_TLS') is not None   # set to False: still True"],
      ['ruby', 'config/environments/production.rb (Rails: the mail gem tests truthiness)', "config.action_mailer.smtp_settings = {\n  port: 465,\n  tls: ENV['SMTP_TLS'],   # SMTP_TLS=false is a truthy String (fix: ENV['SMTP_TLS'] == 'true')\n}"],
    ],
    good: [
      ['js', 'mailer.js', "nodemailer.createTransport({\n  port: Number(process.env.SMTP_PORT),\n  secure: process.env.SMTP_SECURE === 'true',\n  tls: { rejectUnauthorized: process.env.TLS_VERIFY !== 'false' },\n});"],
      ['python', 'settings.py', "EMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS', 'True') == 'True'\nEMAIL_USE_TLS = config('EMAIL_USE_TLS', default=True, cast=bool)   # python-decouple\nEMAIL_USE_TLS = env.bool('EMAIL_USE_TLS', default=True)           # django-environ"],
    ],
    notes: 'When a `.env` file next to the code sets the variable, the message says what the library will do with that value. Comparisons (`=== "true"`, `Number(...) === 465`, `== \'True\'`, `.lower() in (...)`) and casts (`cast=bool`, `env.bool`) are not reported. Python fixes use the file\'s own library: `cast=bool` for python-decouple, `env.bool` for django-environ, else `str(os.environ.get(...)).lower() in (\'true\', \'1\', \'yes\', \'on\')`.',
  },
  'cross-file-port-mode-mismatch': {
    bad: [
      ["properties", "application.properties (Spring; .env sets SMTP_PORT=465)", "spring.mail.host=smtp.example.com\nspring.mail.port=${SMTP_PORT:587}\nspring.mail.properties.mail.smtp.starttls.enable=true\nspring.mail.properties.mail.smtp.starttls.required=true"],
      ["ruby", "config/environments/production.rb (Rails; .env sets SMTP_PORT=465)", "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: ENV.fetch('SMTP_PORT', 587).to_i,\n  enable_starttls: true,\n}"],
      ["csharp", "Mailer.cs (System.Net.Mail; .env sets Smtp__Port=465)", "var client = new SmtpClient(host, configuration.GetValue<int>(\"Smtp:Port\")) { EnableSsl = true };"],
      ["json", "appsettings.json (MailKit options; .env sets Smtp__Port=465)", "{ \"Smtp\": { \"Host\": \"smtp.example.com\", \"Port\": 587, \"SecureSocketOptions\": \"StartTls\" } }"],
      ['dotenv', '.env', 'SMTP_PORT=465'],
      ['js', 'src/mailer.js (reported here, pointing at .env)', "nodemailer.createTransport({\n  port: Number(process.env.SMTP_PORT),\n  secure: false,\n});"],
      ['java', "Mailer.java (JavaMail; .env sets SMTP_PORT=465)", "props.put(\"mail.smtp.port\", System.getenv(\"SMTP_PORT\"));\nprops.put(\"mail.smtp.starttls.enable\", \"true\");"],
      ['go', "mailer.go (gomail; .env sets SMTP_PORT=587)", "port, _ := strconv.Atoi(os.Getenv(\"SMTP_PORT\"))\nd := gomail.NewDialer(\"smtp.example.com\", port, user, pass)\nd.SSL = true"],
      ['php', 'src/Mailer.php (PHPMailer; getenv, $_ENV and Laravel env() reads alike)', "$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n$mail->Port = getenv('SMTP_PORT') ?: 587;\n$mail->SMTPSecure = 'tls';   // STARTTLS, but the .env says 465"],
      ['python', 'settings.py (Django; os.environ, os.getenv, decouple and django-environ reads alike)', "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = int(os.environ.get('SMTP_PORT', 587))\nEMAIL_USE_TLS = True   # STARTTLS, but the .env says 465\nEMAIL_TIMEOUT = 10"],
    ],
    good: [['js', 'src/mailer.js', "nodemailer.createTransport({\n  port: Number(process.env.SMTP_PORT),\n  secure: Number(process.env.SMTP_PORT) === 465,\n});"]],
    notes: 'A `.env*` file (or a compose service\'s `environment:`, for the code of its `build:` folder) feeds `process.env.X` in JS/TS files, and `env()`/`getenv()`/`$_ENV` in PHP and `os.environ`/`os.getenv`/decouple/django-environ reads in Python, of the same folder or below (`.env` wins over `.env.*` variants). The finding is in the code file; its related location is the `.env` line. Without the `.env` value the same code is not reported. In PHP and Python the only fix sets the mode that matches this `.env` (unsafe: other environments may set another port). Laravel and Symfony pick the mode from the port themselves: no contradiction there. When the TLS mode is read from the same env file too and that file reads both variables as the same library\'s settings (a Django `.env` with `EMAIL_PORT=465` and `EMAIL_USE_TLS=True` read back by `settings.py`), the mismatch is reported once, in the env file (`implicit-tls-port-without-tls` or `starttls-port-with-implicit-tls` on the value), not again here.',
  },
  'tls-verification-disabled': {
    bad: [
      ["csharp", "Mailer.cs (MailKit)", "client.ServerCertificateValidationCallback = (s, c, h, e) => true;   // fix: delete the statement\nclient.Connect(\"smtp.example.com\", 587, SecureSocketOptions.StartTls);"],
      ["csharp", "Mailer.cs (System.Net.Mail: process-wide)", "ServicePointManager.ServerCertificateValidationCallback = delegate { return true; };\nvar client = new SmtpClient(\"smtp.example.com\", 587) { EnableSsl = true };"],
      ['dotenv', '.env', 'SMTP_TLS_REJECT_UNAUTHORIZED=false\nNODE_TLS_REJECT_UNAUTHORIZED=0    # every TLS connection of the process'],
      ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    properties:\n      mail.smtp.ssl.trust: "*"'],
      ['properties', 'application.properties (Spring)', 'spring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.properties.mail.smtp.ssl.trust=*'],
      ['dotenv', '.env (Symfony)', 'MAILER_DSN=smtp://user:pass@smtp.example.com:587?verify_peer=0'],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 465, tls: { rejectUnauthorized: false } });"],
      ['php', 'Mailer.php (PHPMailer)', "$mail->SMTPOptions = ['ssl' => ['verify_peer' => false, 'verify_peer_name' => false, 'allow_self_signed' => true]];"],
      ['php', 'config/mail.php (Laravel ≥ 9 hands the mailer array to Symfony as DSN options)', "'smtp' => [\n    'transport' => 'smtp',\n    'host' => 'smtp.example.com',\n    'port' => 587,\n    'verify_peer' => false,\n],"],
      ['python', 'mailer.py (smtplib: verification off by omission)', "s = smtplib.SMTP('smtp.example.com', 587)\ns.starttls()   # no context=: the certificate is not verified because no context was passed"],
      ['python', 'mailer.py (smtplib: a context built in the same function)', "ctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE   # fix: delete both lines\ns = smtplib.SMTP('smtp.example.com', 587, timeout=10)\ns.starttls(context=ctx)"],
      ['python', 'mailer.py (aiosmtplib / FastAPI-Mail)', "await aiosmtplib.send(m, hostname='smtp.example.com', port=465, use_tls=True, validate_certs=False)\nConnectionConfig(..., VALIDATE_CERTS=False)"],
      ['ruby', 'config/environments/production.rb (Rails)', "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 587,\n  openssl_verify_mode: 'none',   # or OpenSSL::SSL::VERIFY_NONE (fix: 'peer')\n}"],
      ['ini', 'grafana.ini', '[smtp]\nenabled = true\nhost = smtp.example.com:587\nskip_verify = true'],
      ['ini', 'app.ini (Gitea)', '[mailer]\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nFORCE_TRUST_SERVER_CERT = true'],
      ['java', "Mailer.java (JavaMail)", "props.setProperty(\"mail.smtp.ssl.trust\", \"*\");\nprops.put(\"mail.smtp.ssl.checkserveridentity\", \"false\");"],
      ['go', "mailer.go (gomail / go-mail / net/smtp)", "d.TLSConfig = &tls.Config{InsecureSkipVerify: true}\nmail.NewClient(host, mail.WithTLSConfig(&tls.Config{InsecureSkipVerify: true}))"],
    ],
    good: [['python', 'mailer.py (smtplib)', "s.starttls(context=ssl.create_default_context())\nsmtplib.SMTP_SSL(host, 465, context=ssl.create_default_context())"], ['js', 'mailer.js', "// IP address as host: give the certificate name\nnodemailer.createTransport({ host: '10.0.0.5', port: 465, tls: { servername: 'smtp.example.com' } });\n// private CA: trust it instead of trusting everything\nnodemailer.createTransport({ host: 'smtp.internal', port: 465, tls: { ca: fs.readFileSync('ca.pem') } });"]],
    notes: 'Loopback hosts and dev catchers (localhost, MailHog, Mailpit, MailDev, port 1025) are reported as info. https.Agent, database pools and other non-mail `rejectUnauthorized: false` are not mail settings and are not reported. JavaMail releases before Angus Mail 2.0 (javax.mail, com.sun.mail jakarta.mail 1.6/2.0, Angus Mail 1.x; what Spring Boot up to 2.7 ships) check the certificate chain but not the host name unless `mail.smtp.ssl.checkserveridentity=true` is set: when `pom.xml` / `build.gradle` (or `"versions"` in `.mailconfiglintrc.json`, e.g. `"com.sun.mail:javax.mail": "1.6.2"`) names such a release, a TLS connection without that property is reported, and the fix adds it.',
  },
  'legacy-tls-version': {
    bad: [
      ["csharp", "Mailer.cs (MailKit)", "client.SslProtocols = SslProtocols.Tls | SslProtocols.Tls11;   // fix: SslProtocols.Tls12 | SslProtocols.Tls13\nclient.Connect(\"smtp.example.com\", 587, SecureSocketOptions.StartTls);"],
      ["properties", "application.properties (Spring)", "spring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.properties.mail.smtp.starttls.enable=true\nspring.mail.properties.mail.smtp.ssl.protocols=TLSv1 TLSv1.1"],
      ['dotenv', '.env', 'SMTP_TLS_MIN_VERSION=TLSv1\nNODE_OPTIONS=--tls-min-v1.0'],
      ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    properties:\n      mail.smtp.ssl.protocols: "TLSv1 TLSv1.1"'],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.office365.com', port: 587, tls: { minVersion: 'TLSv1', ciphers: 'SSLv3' } });"],
      ['java', "Mailer.java (JavaMail)", "props.put(\"mail.smtp.ssl.protocols\", \"TLSv1 TLSv1.1\");"],
      ['go', "mailer.go (gomail)", "d := gomail.NewDialer(\"smtp.example.com\", 587, user, pass)\nd.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS10}   // fix: tls.VersionTLS12"],
      ['php', 'Mailer.php (PHPMailer, implicit TLS)', "$mail->isSMTP();\n$mail->Port = 465;\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;\n$mail->SMTPOptions = ['ssl' => [\n    'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT,   // fix: STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT\n]];"],
      ['python', 'mailer.py (smtplib: a context built in the function)', "ctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1   # fix: ssl.TLSVersion.TLSv1_2\nwith smtplib.SMTP_SSL('smtp.example.com', 465, context=ctx, timeout=10) as s:\n    s.login(user, password)"],
    ],
    good: [
      ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    properties:\n      mail.smtp.ssl.protocols: TLSv1.2 TLSv1.3'],
      ['php', 'Mailer.php (PHPMailer STARTTLS: PHPMailer passes its own crypto method, the option is not read)', "$mail->isSMTP();\n$mail->Port = 587;\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;\n$mail->SMTPOptions = ['ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT]];"],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.office365.com', port: 587, tls: { minVersion: 'TLSv1.2' } });"],
    ],
  },
  'tls-disabled-with-credentials': {
    bad: [
      ["ruby", "config/environments/production.rb (Rails)", "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 587,\n  user_name: ENV['SMTP_USER'],\n  password: ENV['SMTP_PASSWORD'],\n  enable_starttls_auto: false,\n}"],
      ["json", "appsettings.json (MailKit options)", "{\n  \"MailSettings\": {\n    \"Host\": \"smtp.example.com\",\n    \"Port\": 587,\n    \"SecureSocketOptions\": \"None\",\n    \"Username\": \"apikey\"\n  }\n}"],
      ["csharp", "Mailer.cs (MailKit)", "client.Connect(\"smtp.example.com\", 587, SecureSocketOptions.None);\nclient.Authenticate(user, pass);"],
      ["properties", "application.properties (Spring)", "spring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.username=me\nspring.mail.password=${SMTP_PASSWORD}\nspring.mail.properties.mail.smtp.auth=true\nspring.mail.properties.mail.smtp.starttls.enable=false"],
      ["ini", "grafana.ini", "[smtp]\nenabled = true\nhost = smtp.example.com:587\nuser = grafana@example.com\npassword = $__env{GF_PW}\nstartTLS_policy = NoStartTLS"],
      ["csharp", "Mailer.cs (System.Net.Mail: EnableSsl unset)", "var client = new SmtpClient(\"smtp.example.com\", 587)\n{\n    Credentials = new NetworkCredential(user, pass),   // AUTH in clear text (fix: EnableSsl = true)\n};"],
      ['dotenv', '.env', 'SMTP_PORT=587\nSMTP_IGNORE_TLS=true\nSMTP_USER=apikey'],
      ['dotenv', '.env (Django)', 'EMAIL_PORT=587\nEMAIL_HOST_USER=me\n# neither EMAIL_USE_TLS nor EMAIL_USE_SSL: Django never sends STARTTLS'],
      ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    username: mailer\n    properties:\n      mail.smtp.starttls.enable: false'],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 587, ignoreTLS: true, auth: { user, pass } });"],
      ['java', "Mailer.java (JavaMail: no ssl.enable, no starttls.enable)", "props.put(\"mail.smtp.host\", \"smtp.example.com\");\nprops.put(\"mail.smtp.port\", \"587\");\nprops.put(\"mail.smtp.auth\", \"true\");"],
      ['go', "mailer.go (go-mail)", "mail.NewClient(\"smtp.example.com\", mail.WithPort(587), mail.WithTLSPolicy(mail.NoTLS),\n\tmail.WithUsername(user), mail.WithPassword(pass))"],
    ],
    good: [['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 587, requireTLS: true, auth: { user, pass } });\nnodemailer.createTransport({ host: 'mailpit', port: 1025, ignoreTLS: true }); // local catcher, no credentials"]],
    notes: 'An explicit "no STARTTLS" switch is also reported when something else hides it today (implicit TLS on 587, or a 465 connection that fails first): fixing that problem would otherwise send the password in clear text. Without an explicit switch only Django is reported (its defaults are known); Spring environment overrides in compose files may be completed by an application.yml the linter cannot see. Local dev catchers are info.',
  },
  'opportunistic-tls-fallback': {
    bad: [
      ["dotenv", ".env", "SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_OPPORTUNISTIC_TLS=true\nSMTP_USER=me"],['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 587, opportunisticTLS: true, auth: { user, pass } });"], ['go', "mailer.go (go-mail: falls back to port 25)", "mail.NewClient(\"smtp.example.com\", mail.WithTLSPortPolicy(mail.TLSOpportunistic), mail.WithUsername(user), mail.WithPassword(pass))"]],
    good: [['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 587, requireTLS: true, auth: { user, pass } });"], ['go', "mailer.go (go-mail)", "mail.NewClient(\"smtp.example.com\", mail.WithTLSPortPolicy(mail.TLSMandatory), mail.WithUsername(user), mail.WithPassword(pass))"]],
  },
  'starttls-not-enforced': {
    bad: [
      ["java", "Mailer.java (JavaMail)", "props.put(\"mail.smtp.host\", \"smtp.example.com\");\nprops.put(\"mail.smtp.port\", \"587\");\nprops.put(\"mail.smtp.auth\", \"true\");\nprops.put(\"mail.smtp.starttls.enable\", \"true\");   // STARTTLS only if offered (fix: starttls.required)"],
      ["go", "mailer.go (go-mail)", "mail.NewClient(\"smtp.example.com\", mail.WithPort(587), mail.WithTLSPolicy(mail.TLSOpportunistic),\n\tmail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(user), mail.WithPassword(pass))"],
      ["ruby", "config/environments/production.rb (Rails)", "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 587,\n  user_name: ENV['SMTP_USER'],\n  password: ENV['SMTP_PASSWORD'],\n  enable_starttls_auto: true,   # STARTTLS only if offered (fix: enable_starttls: :always)\n}"],
      ["csharp", "Mailer.cs (MailKit)", "client.Connect(\"smtp.example.com\", 587, SecureSocketOptions.StartTlsWhenAvailable);\nclient.Authenticate(user, pass);"],
      ["json", "appsettings.json (MailKit options)", "{\n  \"MailSettings\": {\n    \"Host\": \"smtp.example.com\",\n    \"Port\": 587,\n    \"SecureSocketOptions\": \"StartTlsWhenAvailable\",\n    \"Username\": \"apikey\"\n  }\n}"],
      ["dotenv", ".env", "SMTP_HOST=smtp.example.com\nSMTP_PORT=587\nSMTP_SECURE=false   # STARTTLS only if offered (fix: SMTP_REQUIRE_TLS=true)\nSMTP_USER=me"],
      ["properties", "application.properties (Spring: starttls.enable without .required)", "spring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.username=me\nspring.mail.properties.mail.smtp.auth=true\nspring.mail.properties.mail.smtp.starttls.enable=true"],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: false, auth: { user, pass } });"],
      ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    username: mailer\n    properties:\n      mail.smtp.starttls.enable: true   # without starttls.required'],
    ],
    good: [
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 587, requireTLS: true, auth: { user, pass } });"],
      ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    properties:\n      mail.smtp.starttls.enable: true\n      mail.smtp.starttls.required: true'],
    ],
    notes: '**Off by default** (opt-in): enable it with `"rules": { "starttls-not-enforced": "info" }` in `.mailconfiglintrc.json`. It flags the setup most providers document, so it is noise for most projects and useful for strict ones.',
  },
  'port-25-with-credentials': {
    bad: [
      ["java", "Mailer.java (JavaMail)", "props.put(\"mail.smtp.host\", \"smtp.example.com\");\nprops.put(\"mail.smtp.port\", \"25\");   // fix: 587\nprops.put(\"mail.smtp.auth\", \"true\");\nprops.put(\"mail.smtp.starttls.enable\", \"true\");\nprops.put(\"mail.smtp.starttls.required\", \"true\");"],
      ["go", "mailer.go (go-mail)", "mail.NewClient(\"smtp.example.com\", mail.WithPort(25), // fix: 587\n\tmail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(user), mail.WithPassword(pass))"],
      ["ruby", "config/environments/production.rb (Rails)", "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 25,   # fix: 587\n  user_name: ENV['SMTP_USER'],\n  password: ENV['SMTP_PASSWORD'],\n  enable_starttls: :always,\n}"],
      ["csharp", "Mailer.cs (MailKit)", "client.Connect(\"smtp.example.com\", 25, SecureSocketOptions.StartTls);   // fix: 587\nclient.Authenticate(user, pass);"],
      ["csharp", "Mailer.cs (System.Net.Mail: EnableSsl makes STARTTLS mandatory, so the message says the password stays encrypted; port 25 is still blocked on most clouds)", "var client = new SmtpClient(\"smtp.example.com\", 25)   // fix: 587\n{\n    EnableSsl = true,\n    Credentials = new NetworkCredential(user, pass),\n};"],
      ["json", "appsettings.json (MailKit options)", "{\n  \"MailSettings\": {\n    \"Host\": \"smtp.example.com\",\n    \"Port\": 25,   // fix: 587\n    \"SecureSocketOptions\": \"StartTls\",\n    \"Username\": \"apikey\"\n  }\n}"],
      ["properties", "application.properties (Spring)", "spring.mail.host=smtp.example.com\nspring.mail.port=25\nspring.mail.username=me\nspring.mail.password=${SMTP_PASSWORD}"],
      ["ini", "app.ini (Gitea)", "[mailer]\nENABLED = true\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 25\nUSER = gitea@example.com\nPASSWD = $SMTP_PASSWORD"],
      ['dotenv', '.env', 'SMTP_HOST=smtp.sendgrid.net\nSMTP_PORT=25\nSMTP_USER=apikey'],
      ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    host: smtp.example.com\n    port: 25\n    username: mailer'],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'mail.example.com', port: 25, auth: { user, pass } });"],
    ],
    good: [
      ['dotenv', '.env', 'SMTP_HOST=smtp.sendgrid.net\nSMTP_PORT=587\nSMTP_REQUIRE_TLS=true\nSMTP_USER=apikey'],
      ['dotenv', '.env (local relay, no auth)', 'SMTP_HOST=localhost\nSMTP_PORT=25'],
    ],
    notes: 'A relay on the same private network (a compose service name such as `postfix`, `*.svc.cluster.local`, `*.internal`, loopback) is reported as info: the login stays on the private network, but it is still unencrypted unless the relay offers STARTTLS.',
  },
  'port-25-egress-blocked': {
    bad: [['yaml', '.github/workflows/notify.yml', 'jobs:\n  mail:\n    runs-on: ubuntu-latest   # GitHub-hosted runners run on Azure\n    env:\n      SMTP_HOST: mail.example.org\n      SMTP_PORT: 25']],
    good: [['yaml', '.github/workflows/notify.yml', 'jobs:\n  mail:\n    env:\n      SMTP_HOST: mail.example.org\n      SMTP_PORT: 587']],
    notes: 'Only YAML deployment files (compose, Kubernetes, CI) and only remote hosts; relays on the private network (`postfix`, `*.svc.cluster.local`) are fine.',
  },
  'provider-port-unsupported': {
    bad: [
      ["java", "Mailer.java (JavaMail)", "props.put(\"mail.smtp.host\", \"smtp.office365.com\");\nprops.put(\"mail.smtp.port\", \"465\");\nprops.put(\"mail.smtp.auth\", \"true\");\nprops.put(\"mail.smtp.ssl.enable\", \"true\");"],
      ["go", "mailer.go (go-mail)", "mail.NewClient(\"smtp.office365.com\", mail.WithPort(465), mail.WithSSL(),\n\tmail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(user), mail.WithPassword(pass))"],
      ["ruby", "config/environments/production.rb (Rails)", "config.action_mailer.smtp_settings = {\n  address: 'smtp.office365.com',\n  port: 465,\n  user_name: ENV['SMTP_USER'],\n  password: ENV['SMTP_PASSWORD'],\n  tls: true,\n}"],
      ["csharp", "Mailer.cs (MailKit)", "client.Connect(\"smtp.office365.com\", 465, SecureSocketOptions.SslOnConnect);\nclient.Authenticate(user, pass);"],
      ["json", "appsettings.json (MailKit options)", "{\n  \"MailSettings\": {\n    \"Host\": \"smtp.office365.com\",\n    \"Port\": 465,\n    \"SecureSocketOptions\": \"SslOnConnect\",\n    \"Username\": \"apikey\"\n  }\n}"],
      ["yaml", "docker-compose.yml", "services:\n  api:\n    environment:\n      SMTP_HOST: smtp.office365.com\n      SMTP_PORT: \"465\""],
      ["properties", "application.properties (Spring)", "spring.mail.host=smtp.office365.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.ssl.enable=true"],
      ["ini", "grafana.ini", "[smtp]\nenabled = true\nhost = smtp.office365.com:465"],
      ['dotenv', '.env', 'SMTP_HOST=smtp.office365.com\nSMTP_PORT=465\nSMTP_SECURE=true'],
      ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.postmarkapp.com', port: 465, secure: true });"],
    ],
    good: [['dotenv', '.env', 'SMTP_HOST=smtp.office365.com\nSMTP_PORT=587\nSMTP_SECURE=false\nSMTP_REQUIRE_TLS=true']],
    notes: 'The finding is on the host (the provider is what lacks the port); the related location is the port. Providers: Microsoft 365 and Postmark (error), Outlook.com and iCloud (warning, lower confidence).',
  },
  'provider-requires-tls': {
    bad: [
      ["java", "Mailer.java (JavaMail)", "props.put(\"mail.smtp.host\", \"email-smtp.eu-west-1.amazonaws.com\");\nprops.put(\"mail.smtp.port\", \"587\");\nprops.put(\"mail.smtp.auth\", \"true\");\nprops.put(\"mail.smtp.starttls.enable\", \"false\");"],
      ["go", "mailer.go (go-mail)", "mail.NewClient(\"email-smtp.eu-west-1.amazonaws.com\", mail.WithPort(587), mail.WithTLSPolicy(mail.NoTLS),\n\tmail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(user), mail.WithPassword(pass))"],
      ["ruby", "config/environments/production.rb (Rails)", "config.action_mailer.smtp_settings = {\n  address: 'email-smtp.eu-west-1.amazonaws.com',\n  port: 587,\n  user_name: ENV['SMTP_USER'],\n  password: ENV['SMTP_PASSWORD'],\n  enable_starttls_auto: false,\n}"],
      ["csharp", "Mailer.cs (MailKit)", "client.Connect(\"email-smtp.eu-west-1.amazonaws.com\", 587, SecureSocketOptions.None);\nclient.Authenticate(user, pass);"],
      ["json", "appsettings.json (MailKit options)", "{\n  \"MailSettings\": {\n    \"Host\": \"email-smtp.eu-west-1.amazonaws.com\",\n    \"Port\": 587,\n    \"SecureSocketOptions\": \"None\",\n    \"Username\": \"apikey\"\n  }\n}"],
      ["yaml", "docker-compose.yml", "services:\n  api:\n    environment:\n      SMTP_HOST: email-smtp.eu-west-1.amazonaws.com\n      SMTP_PORT: 25\n      SMTP_IGNORE_TLS: \"true\"\n      SMTP_USER: AKIAEXAMPLE"],
      ["js", "mailer.js", "nodemailer.createTransport({\n  host: 'email-smtp.eu-west-1.amazonaws.com',\n  port: 587,\n  ignoreTLS: true,\n  auth: { user: process.env.SES_USER, pass: process.env.SES_PASS },\n});"],
      ["properties", "application.properties (Spring)", "spring.mail.host=email-smtp.eu-west-1.amazonaws.com\nspring.mail.port=587\nspring.mail.username=AKIAEXAMPLE\nspring.mail.properties.mail.smtp.auth=true\nspring.mail.properties.mail.smtp.starttls.enable=false"],
      ["ini", "grafana.ini", "[smtp]\nenabled = true\nhost = email-smtp.eu-west-1.amazonaws.com:587\nuser = AKIAEXAMPLE\nstartTLS_policy = NoStartTLS"],['dotenv', '.env', 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_PORT=587\nSMTP_IGNORE_TLS=true\nSMTP_USER=AKIAEXAMPLE']],
    good: [['dotenv', '.env', 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_PORT=587\nSMTP_REQUIRE_TLS=true']],
  },
  'suspicious-smtp-port': {
    bad: [
      ["java", "Mailer.java (JavaMail)", "props.put(\"mail.smtp.host\", \"smtp.example.com\");\nprops.put(\"mail.smtp.port\", \"5870\");   // a typo of 587\nprops.put(\"mail.smtp.auth\", \"true\");\nprops.put(\"mail.smtp.starttls.enable\", \"true\");\nprops.put(\"mail.smtp.starttls.required\", \"true\");"],
      ["go", "mailer.go (go-mail)", "mail.NewClient(\"smtp.example.com\", mail.WithPort(5870), // a typo of 587\n\tmail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(user), mail.WithPassword(pass))"],
      ["ruby", "config/environments/production.rb (Rails)", "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  port: 5870,   # a typo of 587\n  user_name: ENV['SMTP_USER'],\n  password: ENV['SMTP_PASSWORD'],\n  enable_starttls: :always,\n}"],
      ["csharp", "Mailer.cs (MailKit)", "client.Connect(\"smtp.example.com\", 5870, SecureSocketOptions.StartTls);   // a typo of 587\nclient.Authenticate(user, pass);"],
      ["json", "appsettings.json (MailKit options)", "{\n  \"MailSettings\": {\n    \"Host\": \"smtp.example.com\",\n    \"Port\": 5870,   // a typo of 587\n    \"SecureSocketOptions\": \"StartTls\",\n    \"Username\": \"apikey\"\n  }\n}"],
      ["yaml", "docker-compose.yml", "services:\n  api:\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: 5870"],
      ["properties", "application.properties (Spring)", "spring.mail.host=smtp.example.com\nspring.mail.port=5870"],
      ["ini", "app.ini (Gitea)", "[mailer]\nENABLED = true\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 5870"],['dotenv', '.env', 'SMTP_PORT=456   # 465?'], ['js', 'mailer.js', "nodemailer.createTransport({ host: 'smtp.example.com', port: 578 }); // 587?"]],
    good: [['dotenv', '.env', 'SMTP_PORT=465\nSMTP_SECURE=true']],
  },
  'nodemailer-unknown-service': {
    bad: [
      ["yaml", "docker-compose.yml", "services:\n  api:\n    image: node:20\n    environment:\n      SMTP_SERVICE: office365   # not a preset (Outlook365 is)"],['js', 'mailer.js', "nodemailer.createTransport({ service: 'Office365', auth: { user, pass } }); // not a preset: connects to localhost:587"], ['dotenv', '.env', 'SMTP_SERVICE=office365']],
    good: [['js', 'mailer.js', "nodemailer.createTransport({ service: 'Outlook365', auth: { user, pass } });\nnodemailer.createTransport({ service: 'gmail', auth: { user, pass } }); // case and punctuation do not matter"]],
    notes: 'The lookup is nodemailer\'s own: `lib/well-known/services.json` names, aliases and e-mail domains, normalised by dropping everything but letters, digits, `.` and `-` and lower-casing. "Did you mean" uses the closest preset (with known mistakes such as Office365 → Outlook365).',
  },
  'nodemailer-service-overrides': {
    bad: [
      ["dotenv", ".env", "SMTP_SERVICE=gmail\nSMTP_PORT=587   # ignored: the preset sets 465\nSMTP_USER=me"],
      ["yaml", "docker-compose.yml", "services:\n  api:\n    image: node:20\n    environment:\n      SMTP_SERVICE: gmail\n      SMTP_PORT: 587\n      SMTP_USER: me"],['js', 'mailer.js', "nodemailer.createTransport({ service: 'gmail', port: 587, auth: { user, pass } }); // still 465 + implicit TLS"]],
    good: [['js', 'mailer.js', "nodemailer.createTransport({ service: 'gmail', auth: { user, pass } });\nnodemailer.createTransport({ host: 'smtp.gmail.com', port: 587, requireTLS: true, auth: { user, pass } });"]],
    notes: 'Values equal to the preset\'s are not reported; keys the preset does not set (e.g. `secure` for Hotmail) are not overridden and not reported.',
  },
  'laravel-invalid-mail-scheme': {
    bad: [
      ["yaml", "docker-compose.yml (Laravel)", "services:\n  app:\n    environment:\n      MAIL_MAILER: smtp\n      MAIL_HOST: smtp.example.com\n      MAIL_PORT: 587\n      MAIL_SCHEME: tls"],
      ['dotenv', '.env', 'MAIL_MAILER=smtp\nMAIL_SCHEME=tls\nMAIL_PORT=587'],
      ['php', 'config/mail.php (Laravel 11+; fix: \'scheme\' => \'smtp\')', "return [\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n            'scheme' => 'tls',\n            'host' => env('MAIL_HOST', 'smtp.example.com'),\n            'port' => env('MAIL_PORT', 587),\n        ],\n    ],\n];"],
    ],
    good: [
      ['dotenv', '.env', 'MAIL_MAILER=smtp\nMAIL_SCHEME=smtp\nMAIL_PORT=587'],
      ['dotenv', '.env', 'MAIL_MAILER=smtp\nMAIL_PORT=465   # MAIL_SCHEME unset: 465 → smtps'],
      ['php', 'config/mail.php (the Laravel 11/12 skeleton)', "'smtp' => [\n    'transport' => 'smtp',\n    'scheme' => env('MAIL_SCHEME'),\n    'url' => env('MAIL_URL'),\n    'host' => env('MAIL_HOST', '127.0.0.1'),\n    'port' => env('MAIL_PORT', 2525),\n],"],
    ],
  },
  'laravel-mail-encryption-ignored': {
    bad: [
      ["yaml", "docker-compose.yml (Laravel)", "services:\n  app:\n    environment:\n      MAIL_MAILER: smtp\n      MAIL_HOST: smtp.example.com\n      MAIL_PORT: 587\n      MAIL_ENCRYPTION: ssl"],
      ['dotenv', '.env', 'MAIL_PORT=587\nMAIL_ENCRYPTION=ssl'],
      ['dotenv', '.env', 'MAIL_PORT=465\nMAIL_ENCRYPTION=tls'],
      ['php', 'config/mail.php (Laravel 9/10 skeleton with the port changed to 465; fix: remove the line)', "return [\n    'mailers' => [\n        'smtp' => [\n            'transport' => 'smtp',\n            'host' => env('MAIL_HOST', 'smtp.example.com'),\n            'port' => env('MAIL_PORT', 465),\n            'encryption' => env('MAIL_ENCRYPTION', 'tls'),\n        ],\n    ],\n];"],
    ],
    good: [['dotenv', '.env', 'MAIL_PORT=587'], ['dotenv', '.env', 'MAIL_PORT=465\nMAIL_SCHEME=smtps'], ['php', 'config/mail.php (Laravel 9/10 skeleton)', "'port' => env('MAIL_PORT', 587),\n'encryption' => env('MAIL_ENCRYPTION', 'tls'),"]],
    notes: 'What the value does depends on the laravel/framework release, read from `composer.lock` (else `composer.json`, or `"versions"` in `.mailconfiglintrc.json`), as in `semantics/laravel.ts`:\n\n| release | `MAIL_ENCRYPTION` | finding |\n| --- | --- | --- |\n| ≤ 8 (SwiftMailer) | `ssl` implicit TLS, `tls` mandatory STARTTLS, none: no TLS | error when it contradicts the port; fix: the value the port expects |\n| 9.0.0–9.0.2, 11.35.0 | `tls` → smtps: implicit TLS on any port | error for `tls` on a STARTTLS port; fix: remove it |\n| 9.1–11.34, ≥ 11.35.1 | not read: the port decides | info when it contradicts the port; fix: remove it (on 465: `MAIL_SCHEME=smtps`) |\n| not known | the message lists each release | warning when it contradicts the port |\n\nA MAIL_ENCRYPTION that matches the port (tls on 587, ssl on 465) is harmless and not reported (on a version range that includes 9.0.0–9.0.2 or 11.35.0, `tls` on 587 is a warning). In `config/mail.php` the `\'encryption\'` entry is judged the same way; when both the port and the encryption come from `.env`, the finding is in the `.env` file only.',
  },
  'symfony-dsn-port-implicit': {
    bad: [
      ["yaml", "docker-compose.yml (Symfony)", "services:\n  app:\n    environment:\n      MAILER_DSN: smtp://mailpit"],['dotenv', '.env', 'MAILER_DSN=smtp://user:pass@smtp.office365.com   # no port: implicit TLS on 465']],
    good: [['dotenv', '.env', 'MAILER_DSN=smtp://user:pass@smtp.office365.com:587\nMAILER_DSN=smtps://user:pass@smtp.example.com:465']],
  },
  'hardcoded-smtp-credentials': {
    bad: [
      ["properties", "application.properties (Spring)", "spring.mail.host=smtp.example.com\nspring.mail.username=me@example.com\nspring.mail.password=Zx81wqPlm2Tr\n# fix: spring.mail.password=${SMTP_PASSWORD}"],
      ["ini", "app.ini (Gitea)", "[mailer]\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nUSER = gitea@example.com\nPASSWD = `Zx81wqPlm2Tr`"],
      ["ruby", "config/environments/production.rb (Rails)", "config.action_mailer.smtp_settings = {\n  address: 'smtp.example.com',\n  user_name: 'me',\n  password: 'Zx81wqPlm2Tr',   # fix: Rails.application.credentials.dig(:smtp, :password)\n}"],
      ["csharp", "Mailer.cs (System.Net.Mail / MailKit)", "var client = new SmtpClient(\"smtp.example.com\", 587) { EnableSsl = true, Credentials = new NetworkCredential(\"me\", \"Zx81wqPlm2Tr\") };"],
      ["json", "appsettings.json (committed)", "{\n  \"MailSettings\": {\n    \"Host\": \"smtp.example.com\",\n    \"Port\": 587,\n    \"Username\": \"apikey\",\n    \"Password\": \"Zx81wqPlm2Tr\"   // keep it in User Secrets or the environment (MailSettings__Password)\n  }\n}"],
      ['js', 'mailer.js', "nodemailer.createTransport({ host, port: 587, auth: { user: 'me@example.com', pass: 'Zx81wqPlm2Tr' } });"],
      ['yaml', 'docker-compose.yml', 'services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: smtp.example.com\n      SMTP_USER: me\n      SMTP_PASS: Zx81wqPlm2Tr   # fix: ${SMTP_PASS}'],
      ['java', "Mailer.java (JavaMail / Spring)", "return new PasswordAuthentication(\"me@example.com\", \"Zx81wqPlm2Tr\");\nsender.setPassword(\"Zx81wqPlm2Tr\");   // fix: System.getenv(\"SMTP_PASS\")"],
      ['go', "mailer.go (gomail / net/smtp)", "gomail.NewDialer(\"smtp.example.com\", 587, \"me\", \"Zx81wqPlm2Tr\")\nsmtp.PlainAuth(\"\", \"me\", \"Zx81wqPlm2Tr\", \"smtp.example.com\")   // fix: os.Getenv(\"SMTP_PASS\")"],
      ['php', 'src/Mailer.php (PHPMailer)', "$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n$mail->SMTPAuth = true;\n$mail->Username = 'me@example.com';\n$mail->Password = 'Zx81wqPlm2Tr';"],
      ['yaml', 'config/packages/mailer.yaml (Symfony)', "framework:\n  mailer:\n    dsn: 'smtps://me:Zx81wqPlm2Tr@smtp.example.com:465'   # fix: '%env(MAILER_DSN)%'"],
    ],
    good: [
      ['js', 'mailer.js', "nodemailer.createTransport({ host, port: 587, auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS } });"],
      ['yaml', 'docker-compose.yml', 'services:\n  api:\n    environment:\n      SMTP_PASS: ${SMTP_PASS}'],
      ['yaml', 'config/packages/mailer.yaml (Symfony; the DSN in .env.local or `secrets:set MAILER_DSN`)', "framework:\n  mailer:\n    dsn: '%env(MAILER_DSN)%'"],
    ],
    notes: 'Severity: error in JS/TS, warning in YAML deployment files. `.env` files are not reported (holding secrets is their job; keep them out of git). Passwords never appear in messages or output.',
  },
  'deprecated-mail-setting': {
    bad: [
      ["yaml", "docker-compose.yml (Mastodon)", "services:\n  web:\n    environment:\n      SMTP_SERVER: smtp.example.com\n      SMTP_PORT: 587\n      SMTP_LOGIN: me\n      SMTP_ENABLE_STARTTLS_AUTO: \"true\""],
      ["ini", "app.ini (Gitea < 1.18 form)", "[mailer]\nENABLED = true\nHOST = smtp.example.com:465   ; fix: SMTP_ADDR = smtp.example.com + SMTP_PORT = 465"],['js', 'mailer.js', "nodemailer.createTransport({ host, port: 465, secureConnection: true }); // nodemailer 0.x"], ['dotenv', '.env.production (Mastodon)', 'SMTP_SERVER=smtp.example.com\nSMTP_PORT=587\nSMTP_LOGIN=me\nSMTP_ENABLE_STARTTLS_AUTO=true   # fix: SMTP_ENABLE_STARTTLS=auto']],
    good: [['js', 'mailer.js', "nodemailer.createTransport({ host, port: 465, secure: true });"], ['dotenv', '.env.production (Mastodon)', 'SMTP_ENABLE_STARTTLS=auto']],
  },
  'nonstandard-submission-port': {
    bad: [
      ["yaml", "docker-compose.yml", "services:\n  api:\n    image: node:20\n    environment:\n      SMTP_HOST: mail.example.com\n      SMTP_PORT: 2465"],
      ["java", "Mailer.java (JavaMail)", "props.put(\"mail.smtp.host\", \"mail.example.com\");\nprops.put(\"mail.smtp.port\", \"2465\");\nprops.put(\"mail.smtp.auth\", \"true\");\nprops.put(\"mail.smtp.ssl.enable\", \"true\");"],
      ["go", "mailer.go (go-mail)", "mail.NewClient(\"mail.example.com\", mail.WithPort(2465), mail.WithSSL(),\n\tmail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(user), mail.WithPassword(pass))"],
      ["ruby", "config/environments/production.rb (Rails)", "config.action_mailer.smtp_settings = {\n  address: 'mail.example.com',\n  port: 2465,\n  user_name: ENV['SMTP_USER'],\n  password: ENV['SMTP_PASSWORD'],\n  tls: true,\n}"],
      ["csharp", "Mailer.cs (MailKit)", "client.Connect(\"mail.example.com\", 2465, SecureSocketOptions.SslOnConnect);\nclient.Authenticate(user, pass);"],
      ["json", "appsettings.json (MailKit options)", "{\n  \"MailSettings\": {\n    \"Host\": \"mail.example.com\",\n    \"Port\": 2465,\n    \"SecureSocketOptions\": \"SslOnConnect\",\n    \"Username\": \"apikey\"\n  }\n}"],
      ["js", "mailer.js", "nodemailer.createTransport({ host: 'mail.example.com', port: 2465, secure: true });"],
      ["properties", "application.properties (Spring)", "spring.mail.host=mail.example.com\nspring.mail.port=2465\nspring.mail.properties.mail.smtp.ssl.enable=true"],
      ["ini", "app.ini (Gitea)", "[mailer]\nENABLED = true\nPROTOCOL = smtps\nSMTP_ADDR = mail.example.com\nSMTP_PORT = 2465"],['dotenv', '.env', 'SMTP_HOST=smtp.gmail.com\nSMTP_PORT=2525   # Gmail does not listen on 2525']],
    good: [['dotenv', '.env', 'SMTP_HOST=smtp.sendgrid.net\nSMTP_PORT=2525   # SendGrid offers 2525 (STARTTLS, like 587)']],
    notes: '**Off by default** (opt-in): enable with `"rules": { "nonstandard-submission-port": "info" }`. For the TLS rules, 2525 and 2587 are treated exactly like 587, and 2465 like 465.',
  },
  'symfony-dsn-unknown-option': {
    bad: [
      ["yaml", "docker-compose.yml (Symfony)", "services:\n  app:\n    image: php:8.3\n    environment:\n      MAILER_DSN: smtp://user:pass@smtp.example.com:465?encryption=ssl"],['dotenv', '.env', 'MAILER_DSN=smtp://user:pass@smtp.example.com:465?encryption=ssl']],
    good: [['dotenv', '.env', 'MAILER_DSN=smtps://user:pass@smtp.example.com:465\nMAILER_DSN=smtp://user:pass@smtp.example.com:587?require_tls=true   # Symfony ≥ 7.3']],
  },
  'grafana-host-missing-port': {
    bad: [
      ["yaml", "docker-compose.yml (Grafana)", "services:\n  grafana:\n    environment:\n      GF_SMTP_ENABLED: \"true\"\n      GF_SMTP_HOST: smtp.example.com"],
      ["ini", "grafana.ini", "[smtp]\nenabled = true\nhost = smtp.example.com   ; fix: smtp.example.com:587"],['dotenv', '.env', 'GF_SMTP_ENABLED=true\nGF_SMTP_HOST=smtp.example.com']],
    good: [['dotenv', '.env', 'GF_SMTP_ENABLED=true\nGF_SMTP_HOST=smtp.example.com:587\nGF_SMTP_STARTTLS_POLICY=MandatoryStartTLS']],
  },
  'ini-value-truncated-by-comment': {
    bad: [
      ['ini', 'app.ini (Gitea)', '[mailer]\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nUSER = gitea@example.com\nPASSWD = Zx81#wq;Plm   ; Gitea reads "Zx81"'],
      ['ini', 'grafana.ini', '[smtp]\nenabled = true\nhost = smtp.example.com:587\npassword = "p#ss"   ; double quotes do not help: Grafana reads \'"p\''],
    ],
    good: [
      ['ini', 'app.ini (Gitea)', '[mailer]\nPASSWD = `Zx81#wq;Plm`'],
      ['ini', 'grafana.ini', '[smtp]\npassword = """p#ss"""\nfrom_name = Grafana   ; a comment after a space is a comment'],
    ],
    notes: 'Only values of the mail sections the linter reads are checked (Gitea `[mailer]`, Grafana `[smtp]`). A `#` or `;` after a space is taken as an intended comment and not reported. The env forms (`GITEA__mailer__PASSWD`, `GF_SMTP_PASSWORD`) are not INI and keep every character.',
  },
  'missing-smtp-timeouts': {
    bad: [
      ["properties", "application.properties (Spring)", "spring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.properties.mail.smtp.starttls.enable=true\n# fix adds mail.smtp.connectiontimeout / timeout / writetimeout"],
      ['dotenv', '.env (Django)', 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True'],
      ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    host: smtp.example.com\n    port: 587'],
      ['python', 'notify.py (smtplib; fix: timeout=30)', "import smtplib, ssl\nwith smtplib.SMTP('smtp.example.com', 587) as s:\n    s.starttls(context=ssl.create_default_context())"],
      ['python', 'settings.py (Django; fix: EMAIL_TIMEOUT = 30)', "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = True"],
      ['java', "Mailer.java (JavaMail)", "props.put(\"mail.smtp.host\", \"smtp.example.com\");\nprops.put(\"mail.smtp.port\", \"587\");\n// fix adds mail.smtp.connectiontimeout / timeout / writetimeout = 10000"],
      ['python', 'app.py (Flask-Mail: no setting exists, message only; Flask-Mailman: MAIL_TIMEOUT)', "from flask_mail import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587"],
      ['go', "mailer.go (net/smtp: no deadline at all)", "smtp.SendMail(\"smtp.example.com:587\", auth, from, to, msg)\n// use net.DialTimeout + conn.SetDeadline + smtp.NewClient"],
    ],
    good: [['python', 'notify.py (smtplib)', "smtplib.SMTP('smtp.example.com', 587, timeout=30)"], ['dotenv', '.env (Django)', 'EMAIL_HOST=smtp.example.com\nEMAIL_PORT=587\nEMAIL_USE_TLS=True\nEMAIL_TIMEOUT=30'], ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    properties:\n      mail.smtp.connectiontimeout: 10000\n      mail.smtp.timeout: 10000\n      mail.smtp.writetimeout: 10000']],
    notes: 'Spring environment overrides in compose or Kubernetes files (SPRING_MAIL_*) are not reported: the application.yml in the image may set the timeouts. A Django `.env` is not reported when a settings module at or below its folder (`settings.py`, `settings_<env>.py`, `<name>_settings.py`, `settings/<module>.py`) assigns `EMAIL_TIMEOUT` itself (`semantics/django.ts`; the CLI and the language server read the project\'s settings modules for it).',
  },
  'smtp-debug-logging': {
    bad: [
      ["dotenv", ".env (Spring Boot relaxed binding)", "SPRING_MAIL_HOST=smtp.example.com\nSPRING_MAIL_PROPERTIES_MAIL_DEBUG=true"],
      ["properties", "application.properties (Spring)", "spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.ssl.enable=true\nspring.mail.properties.mail.debug=true"],['js', 'mailer.js', "nodemailer.createTransport({ host, port: 465, debug: true, logger: true });"], ['yaml', 'application.yml (Spring)', 'spring:\n  mail:\n    properties:\n      mail.debug.auth: true'], ['java', "Mailer.java (JavaMail)", "session.setDebug(true);                         // info: protocol trace (AUTH left out)\nprops.put(\"mail.debug.auth\", \"true\");            // warning: base64 password in the trace\nprops.put(\"mail.debug.auth.password\", \"true\");   // warning: the password itself"], ['go', "mailer.go (go-mail)", "mail.NewClient(host, mail.WithDebugLog())                        // info: AUTH redacted\nmail.NewClient(host, mail.WithDebugLog(), mail.WithLogAuthData()) // warning: AUTH data in the log"]],
    good: [['js', 'mailer.js', "nodemailer.createTransport({ host, port: 465, logger: true, transactionLog: true });"]],
  },
  'spring-mail-property-ignored': {
    bad: [
      ["properties", "application.properties (MailProperties has no smtp field)", "spring.mail.host=smtp.example.com\nspring.mail.port=587\nspring.mail.smtp.starttls.enable=true   # fix: spring.mail.properties.mail.smtp.starttls.enable"],
      ['yaml', 'application.yml (MailProperties has no smtp field)', 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 587\n    smtp:\n      auth: true\n      starttls:\n        enable: true'],
      ['yaml', 'application.yml (JavaMail sees smtp.starttls.enable)', 'spring:\n  mail:\n    properties:\n      smtp.starttls.enable: true'],
      ['yaml', 'application-prod.yml (top-level mail.* binds to nothing)', 'mail:\n  smtp:\n    connectiontimeout: 5000'],
    ],
    good: [
      ['yaml', 'application.yml', 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 587\n    properties:\n      mail:\n        smtp:\n          auth: true\n          starttls:\n            enable: true\n            required: true\n          connectiontimeout: 5000'],
      ['java', 'MailSettings.java (the project binds mail.* itself: not reported)', '@ConfigurationProperties("mail")\npublic class MailSettings { private Smtp smtp; /* ... */ }'],
    ],
    notes:
      'What Spring reads, from its source: `MailProperties` (spring-boot `module/spring-boot-mail/src/main/java/org/springframework/boot/mail/autoconfigure/MailProperties.java`) is ' +
      '`@ConfigurationProperties("spring.mail")` with the fields host, port, username, password, protocol, defaultEncoding, properties, jndiName and ssl ' +
      '(enabled, verifyHostname, bundle); `@ConfigurationProperties` ignores unknown fields by default, so `spring.mail.smtp.*` fails silently. ' +
      '`MailSenderPropertiesConfiguration.applyProperties` copies `properties` verbatim into `JavaMailSenderImpl.setJavaMailProperties`, so the map key must be ' +
      'the full JavaMail name. Angus Mail `SMTPTransport` reads every transport property as `"mail." + name + ".starttls.enable"` (name = the protocol), and ' +
      '`SocketFetcher.getSocket` reads `connectiontimeout`, `timeout`, `writetimeout`, `ssl.trust`, `socketFactory.class` under the same prefix. ' +
      'The environment form `SPRING_MAIL_SMTP_STARTTLS_ENABLE` is reported too (relaxed binding maps it to `spring.mail.smtp.starttls.enable`). ' +
      'Not reported: a top-level `mail:` block whose keys are not JavaMail names (`mail.from`, `mail.host`), a `mail:` block outside Spring config files ' +
      '(application*.yml, bootstrap*.yml, configurations/*.yml), and any key the project binds itself: a `@ConfigurationProperties("mail")` / `(prefix = "mail.smtp")` ' +
      'class or a `@Value("${mail.smtp…}")` in a .java/.kt file of the same module (the folder above the source\'s `src/`, so one application of a monorepo ' +
      'does not silence another). The CLI scans the Java/Kotlin files under the paths it lints when a Spring config file is among them (files up to 1 MB, ' +
      'the first 512 KB of each, at most 20,000 files); the language server scans the workspace folders at start-up and follows changes to *.java/*.kt. ' +
      'Differences from rules-research §4.5: it lists `spring.mail.test-connection` as a MailProperties field; in the code it is not one, it is read by ' +
      '`MailSenderValidatorAutoConfiguration` (`@ConditionalOnBooleanProperty("spring.mail.test-connection")`), so it is a real key and not reported. ' +
      'It also rates "protocol smtps with mail.smtp.*" info (§4.5) and warning (§9 rule 24): see spring-property-prefix-mismatch.',
  },
  'spring-property-prefix-mismatch': {
    bad: [
      ["properties", "application.properties (smtps reads mail.smtps.*)", "spring.mail.host=smtp.example.com\nspring.mail.port=465\nspring.mail.protocol=smtps\nspring.mail.properties.mail.smtp.timeout=5000   # ignored: mail.smtps.timeout"],
      ['yaml', 'application.yml (smtps reads mail.smtps.*)', 'spring:\n  mail:\n    host: smtp.gmail.com\n    protocol: smtps\n    properties:\n      mail:\n        smtp:\n          connectiontimeout: 5000\n          timeout: 5000'],
      ['yaml', 'application.yml (default protocol smtp)', 'spring:\n  mail:\n    host: smtp.office365.com\n    port: 587\n    properties:\n      mail.smtps.starttls.enable: true'],
      ['java', "Mailer.java (JavaMail: the smtp transport reads mail.smtp.*)", "props.put(\"mail.smtp.host\", \"smtp.example.com\");\nprops.put(\"mail.smtps.timeout\", \"5000\");   // ignored"],
    ],
    good: [
      ['yaml', 'application.yml', 'spring:\n  mail:\n    host: smtp.gmail.com\n    protocol: smtps\n    properties:\n      mail:\n        smtps:\n          connectiontimeout: 5000\n          timeout: 5000'],
      ['yaml', 'application.yml (the modern way to implicit TLS keeps protocol smtp)', 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 465\n    properties:\n      mail.smtp.ssl.enable: true\n      mail.smtp.timeout: 5000'],
    ],
    notes:
      'Angus Mail `SMTPSSLTransport` calls `super(session, urlname, "smtps", true)`, and `SMTPTransport` builds every property name from that protocol name; ' +
      'Spring sets it from `spring.mail.protocol` (`MailSenderPropertiesConfiguration`: `sender.setProtocol(properties.getProtocol())`). ' +
      'rules-research §4.5 rates this case info; §9 rule 24 and this rule use warning, because the lost properties are timeouts, trust and STARTTLS settings. ' +
      '`mail.smtp.ssl.enable` under protocol smtps is reported as info only: smtps is implicit TLS by itself.',
  },
};
