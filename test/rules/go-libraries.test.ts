// RuleTester tables for Go mail code (rules-research-polyglot §8): net/smtp (SendMail / Dial / PlainAuth,
// tls.Dial), gomail (NewDialer, d.SSL, d.TLSConfig) and wneessen/go-mail (NewClient options), with the
// tls.Config of the same function. The must-stay-clean idioms of §8 are valid cases; every fix has its exact text.
import { ruleTester } from './ruleTester';

const IMPORTS = 'package mailer\n\nimport (\n\t"crypto/tls"\n\t"net/smtp"\n\t"os"\n\n\tgomail "gopkg.in/gomail.v2"\n\t"github.com/wneessen/go-mail"\n)\n\n';
/** A Go function `send` with `body` (tab-indented lines). */
function fn(body: string): string {
  return IMPORTS + 'func send() error {\n' + body.split('\n').filter(Boolean).map((l) => `\t${l}\n`).join('') + '\treturn nil\n}\n';
}
const F = 'internal/mailer/send.go';
/** The imports of a mail file that also talks HTTP, Redis and gRPC. */
const HTTP_IMPORTS = 'package mailer\n\nimport (\n\t"crypto/tls"\n\t"net/http"\n\t"net/smtp"\n\n\t"github.com/redis/go-redis/v9"\n\t"google.golang.org/grpc"\n\t"google.golang.org/grpc/credentials"\n)\n\n';

ruleTester('implicit-tls-port-without-tls', {
  valid: [
    // §8.1 (f): the implicit-TLS idiom of net/smtp; a local relay on 25 without auth
    { file: F, code: fn('conn, err := tls.Dial("tcp", "smtp.example.com:465", &tls.Config{ServerName: "smtp.example.com"})\nc, err := smtp.NewClient(conn, "smtp.example.com")') },
    { file: F, code: fn('err := smtp.SendMail("localhost:25", nil, from, to, msg)') },
    // §8.2 (f): NewDialer on 465 with no SSL assignment (gomail sets SSL = port == 465)
    { file: F, code: fn('d := gomail.NewDialer("smtp.example.com", 465, "me", os.Getenv("SMTP_PASS"))') },
    // §8.3 (f): WithPort(465) + WithSSL(); WithSSLPort(false)
    { file: F, code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithPort(465), mail.WithSSL())') },
    { file: F, code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithSSLPort(false))') },
    // the port from an unset environment variable: no guess
    { file: F, code: fn('err := smtp.SendMail(os.Getenv("SMTP_ADDR"), nil, from, to, msg)') },
  ],
  invalid: [
    {
      name: 'net/smtp: SendMail to :465 (no implicit TLS in net/smtp: the alternative fix moves to 587)',
      file: F,
      code: fn('err := smtp.SendMail("smtp.example.com:465", nil, from, to, msg)'),
      errors: [{ line: 13, includes: ['tls.Dial', 'EOF'], safe: [false] }],
      output: fn('err := smtp.SendMail("smtp.example.com:587", nil, from, to, msg)'),
    },
    {
      name: 'net/smtp: Dial(host + ":465")',
      file: F,
      code: fn('c, err := smtp.Dial(host + ":465")'),
      errors: [{ line: 13 }],
      output: fn('c, err := smtp.Dial(host + ":587")'),
    },
    {
      name: 'gomail: d.SSL = false on 465 (the assignment is removed: NewDialer already sets it)',
      file: F,
      code: fn('d := gomail.NewDialer("smtp.example.com", 465, "me", os.Getenv("SMTP_PASS"))\nd.SSL = false'),
      errors: [{ line: 14, includes: ['d.SSL = false', 'gomail'] }],
      output: fn('d := gomail.NewDialer("smtp.example.com", 465, "me", os.Getenv("SMTP_PASS"))'),
    },
    {
      name: 'go-mail: WithPort(465) without WithSSL (inline options)',
      file: F,
      code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithPort(465), mail.WithTLSPolicy(mail.TLSMandatory))'),
      errors: [{ line: 13, includes: ['mail.WithTLSPolicy(mail.TLSMandatory)', 'go-mail'] }],
      output: fn('c, err := mail.NewClient("smtp.example.com", mail.WithPort(465), mail.WithTLSPolicy(mail.TLSMandatory), mail.WithSSL())'),
    },
    {
      name: 'go-mail: WithPort(465) without WithSSL (one option per line)',
      file: F,
      code: fn('c, err := mail.NewClient("smtp.example.com",\n\tmail.WithPort(465),\n\tmail.WithUsername("me"),\n)'),
      errors: [{ line: 14, includes: ['mail.WithSSL()'] }],
      output: fn('c, err := mail.NewClient("smtp.example.com",\n\tmail.WithPort(465),\n\tmail.WithUsername("me"),\n\tmail.WithSSL(),\n)'),
    },
  ],
});

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    { file: F, code: fn('d := gomail.NewDialer("smtp.example.com", 587, "me", os.Getenv("SMTP_PASS"))') },
    { file: F, code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithTLSPortPolicy(mail.TLSMandatory))') },
  ],
  invalid: [
    {
      name: 'gomail: d.SSL = true on 587 (the assignment goes)',
      file: F,
      code: fn('d := gomail.NewDialer("smtp.example.com", 587, "me", os.Getenv("SMTP_PASS"))\nd.SSL = true'),
      errors: [{ line: 14, includes: ['d.SSL = true', 'first record does not look like a TLS handshake'], safe: [true, false] }],
      output: fn('d := gomail.NewDialer("smtp.example.com", 587, "me", os.Getenv("SMTP_PASS"))'),
    },
    {
      name: 'go-mail: WithSSL() with WithPort(587)',
      file: F,
      code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithPort(587), mail.WithSSL(), mail.WithUsername("me"))'),
      errors: [{ line: 13, includes: ['mail.WithSSL()'] }],
      output: fn('c, err := mail.NewClient("smtp.example.com", mail.WithPort(587), mail.WithUsername("me"))'),
    },
    {
      name: 'net/smtp over tls.Dial to 587',
      file: F,
      code: fn('conn, err := tls.Dial("tcp", "smtp.example.com:587", nil)\nc, err := smtp.NewClient(conn, "smtp.example.com")'),
      errors: [{ line: 13, includes: ['tls.Dial'], fixCount: 1, safe: [false] }],
      // net/smtp has no STARTTLS switch to flip: the only fix moves tls.Dial to 465
      output: fn('conn, err := tls.Dial("tcp", "smtp.example.com:465", nil)\nc, err := smtp.NewClient(conn, "smtp.example.com")'),
    },
  ],
});

ruleTester('tls-verification-disabled', {
  valid: [
    { file: F, code: fn('d := gomail.NewDialer("smtp.example.com", 587, "me", os.Getenv("SMTP_PASS"))\nd.TLSConfig = &tls.Config{ServerName: "smtp.example.com"}') },
    // a tls.Config in a file without any mail client: not a mail setting
    { file: 'internal/http/client.go', code: 'package http\n\nimport "crypto/tls"\n\n// gomail is used elsewhere\nvar cfg = &tls.Config{InsecureSkipVerify: true}\n' },
    // other clients' tls.Config in the very function that sends mail: an http.Transport, redis.Options (go-redis/v9
    // is used as `redis`), a variable handed to credentials.NewTLS, a transport's field assigned afterwards
    { file: F, code: HTTP_IMPORTS + 'func send() error {\n\thc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}\n\t_ = hc\n\treturn smtp.SendMail("smtp.example.com:587", nil, from, to, msg)\n}\n' },
    { file: F, code: HTTP_IMPORTS + 'func send() error {\n\trdb := redis.NewClient(&redis.Options{Addr: "cache:6380", TLSConfig: &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10}})\n\t_ = rdb\n\treturn smtp.SendMail("smtp.example.com:587", nil, from, to, msg)\n}\n' },
    { file: F, code: HTTP_IMPORTS + 'func send() error {\n\tcfg := &tls.Config{InsecureSkipVerify: true}\n\t_ = grpc.WithTransportCredentials(credentials.NewTLS(cfg))\n\treturn smtp.SendMail("smtp.example.com:587", nil, from, to, msg)\n}\n' },
    { file: F, code: HTTP_IMPORTS + 'func send() error {\n\ttr := &http.Transport{}\n\ttr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}\n\ttr.TLSClientConfig.InsecureSkipVerify = true\n\treturn smtp.SendMail("smtp.example.com:587", nil, from, to, msg)\n}\n' },
  ],
  invalid: [
    {
      name: 'net/smtp: the tls.Config variable handed to StartTLS (an http.Client elsewhere in the function is not)',
      file: F,
      code: HTTP_IMPORTS + 'func send() error {\n\thc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{}}}\n\t_ = hc\n\tc, _ := smtp.Dial("smtp.example.com:587")\n\tcfg := &tls.Config{InsecureSkipVerify: true}\n\treturn c.StartTLS(cfg)\n}\n',
      errors: [{ line: 17, includes: ['InsecureSkipVerify: true'] }],
      output: HTTP_IMPORTS + 'func send() error {\n\thc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{}}}\n\t_ = hc\n\tc, _ := smtp.Dial("smtp.example.com:587")\n\tcfg := &tls.Config{}\n\treturn c.StartTLS(cfg)\n}\n',
    },
    {
      name: 'gomail: TLSConfig with InsecureSkipVerify: true (the element is removed)',
      file: F,
      code: fn('d := gomail.NewDialer("smtp.example.com", 587, "me", os.Getenv("SMTP_PASS"))\nd.TLSConfig = &tls.Config{InsecureSkipVerify: true, ServerName: "smtp.example.com"}'),
      errors: [{ line: 14, column: 28, includes: ['InsecureSkipVerify: true'], safe: [false] }],
      output: fn('d := gomail.NewDialer("smtp.example.com", 587, "me", os.Getenv("SMTP_PASS"))\nd.TLSConfig = &tls.Config{ServerName: "smtp.example.com"}'),
    },
    {
      name: 'go-mail: WithTLSConfig(&tls.Config{InsecureSkipVerify: true})',
      file: F,
      code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithTLSPortPolicy(mail.TLSMandatory), mail.WithTLSConfig(&tls.Config{InsecureSkipVerify: true}))'),
      errors: [{ line: 13 }],
      output: fn('c, err := mail.NewClient("smtp.example.com", mail.WithTLSPortPolicy(mail.TLSMandatory), mail.WithTLSConfig(&tls.Config{}))'),
    },
  ],
});

ruleTester('legacy-tls-version', {
  valid: [{ file: F, code: fn('d := gomail.NewDialer("smtp.example.com", 465, "me", os.Getenv("SMTP_PASS"))\nd.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}') }],
  invalid: [
    {
      name: 'gomail: MinVersion tls.VersionTLS10',
      file: F,
      code: fn('d := gomail.NewDialer("smtp.example.com", 465, "me", os.Getenv("SMTP_PASS"))\nd.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS10}'),
      errors: [{ line: 14, includes: ['TLSv1', "Go's crypto/tls"] }],
      output: fn('d := gomail.NewDialer("smtp.example.com", 465, "me", os.Getenv("SMTP_PASS"))\nd.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}'),
    },
  ],
});

ruleTester('hardcoded-smtp-credentials', {
  valid: [{ file: F, code: fn('auth := smtp.PlainAuth("", "me@example.com", os.Getenv("SMTP_PASS"), "smtp.example.com")\nerr := smtp.SendMail("smtp.example.com:587", auth, from, to, msg)') }],
  invalid: [
    {
      name: 'gomail: the password in NewDialer',
      file: F,
      code: fn('d := gomail.NewDialer("smtp.example.com", 587, "me", "Zx81wqPlm2Tr")'),
      errors: [{ line: 13 }],
      output: fn('d := gomail.NewDialer("smtp.example.com", 587, "me", os.Getenv("SMTP_PASS"))'),
    },
    {
      name: 'net/smtp: the password in PlainAuth',
      file: F,
      code: fn('auth := smtp.PlainAuth("", "me@example.com", "hunter2hunter2", "smtp.example.com")\nerr := smtp.SendMail("smtp.example.com:587", auth, from, to, msg)'),
      errors: [{ line: 13 }],
      output: fn('auth := smtp.PlainAuth("", "me@example.com", os.Getenv("SMTP_PASS"), "smtp.example.com")\nerr := smtp.SendMail("smtp.example.com:587", auth, from, to, msg)'),
    },
  ],
});

ruleTester('tls-disabled-with-credentials', {
  valid: [
    // NoTLS to a local catcher without credentials
    { file: F, code: fn('c, err := mail.NewClient("localhost", mail.WithPort(1025), mail.WithTLSPolicy(mail.NoTLS))') },
  ],
  invalid: [
    {
      name: 'go-mail: NoTLS with credentials',
      file: F,
      code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithPort(587), mail.WithTLSPolicy(mail.NoTLS), mail.WithUsername("me"), mail.WithPassword(os.Getenv("SMTP_PASS")))'),
      errors: [{ line: 13, includes: ['mail.WithTLSPolicy(mail.NoTLS)', 'go-mail sends the password in clear text'] }],
      output: fn('c, err := mail.NewClient("smtp.example.com", mail.WithPort(587), mail.WithTLSPolicy(mail.TLSMandatory), mail.WithUsername("me"), mail.WithPassword(os.Getenv("SMTP_PASS")))'),
    },
  ],
});

ruleTester('opportunistic-tls-fallback', {
  valid: [{ file: F, code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithTLSPortPolicy(mail.TLSMandatory), mail.WithUsername("me"))') }],
  invalid: [
    {
      name: 'go-mail: WithTLSPortPolicy(TLSOpportunistic) with credentials (falls back to port 25)',
      file: F,
      code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithTLSPortPolicy(mail.TLSOpportunistic), mail.WithUsername("me"))'),
      errors: [{ line: 13, includes: ['port 25', 'mail.TLSMandatory'] }],
      output: fn('c, err := mail.NewClient("smtp.example.com", mail.WithTLSPortPolicy(mail.TLSMandatory), mail.WithUsername("me"))'),
    },
  ],
});

ruleTester('smtp-debug-logging', {
  valid: [{ file: F, code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithTLSPortPolicy(mail.TLSMandatory))') }],
  invalid: [
    {
      name: 'go-mail: WithDebugLog (info: AUTH redacted)',
      file: F,
      code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithTLSPortPolicy(mail.TLSMandatory), mail.WithDebugLog())'),
      errors: [{ line: 13, severity: 'info' }],
      output: fn('c, err := mail.NewClient("smtp.example.com", mail.WithTLSPortPolicy(mail.TLSMandatory))'),
    },
    {
      name: 'go-mail: WithDebugLog + WithLogAuthData (warning)',
      file: F,
      code: fn('c, err := mail.NewClient("smtp.example.com", mail.WithDebugLog(), mail.WithLogAuthData())'),
      errors: [{ line: 13, column: 47, severity: 'info' }, { line: 13, column: 68, severity: 'warning', includes: ['password'] }],
      output: fn('c, err := mail.NewClient("smtp.example.com", mail.WithLogAuthData())'),
    },
  ],
});

ruleTester('missing-smtp-timeouts', {
  valid: [
    { file: F, code: fn('d := gomail.NewDialer("smtp.example.com", 587, "me", os.Getenv("SMTP_PASS"))') },
    { file: F, code: fn('c, err := mail.NewClient("smtp.example.com")') },
  ],
  invalid: [
    {
      name: 'net/smtp: SendMail has no timeout (no automatic fix)',
      file: F,
      code: fn('err := smtp.SendMail("smtp.example.com:587", nil, from, to, msg)'),
      errors: [{ line: 13, severity: 'info', includes: ['net.DialTimeout'] }],
      output: null,
    },
  ],
});

ruleTester('cross-file-port-mode-mismatch', {
  valid: [
    // gomail picks SSL from the port (NewDialer: SSL = port == 465): any .env port is consistent
    { file: F, files: { '.env': 'SMTP_PORT=465\n' }, code: fn('port, _ := strconv.Atoi(os.Getenv("SMTP_PORT"))\nd := gomail.NewDialer("smtp.example.com", port, "me", os.Getenv("SMTP_PASS"))') },
  ],
  invalid: [
    {
      name: 'gomail: d.SSL = true hard-coded, the .env port is 587',
      file: F,
      files: { '.env': 'SMTP_PORT=587\n' },
      code: fn('port, _ := strconv.Atoi(os.Getenv("SMTP_PORT"))\nd := gomail.NewDialer("smtp.example.com", port, "me", os.Getenv("SMTP_PASS"))\nd.SSL = true'),
      errors: [{ line: 15, includes: ['SMTP_PORT=587', 'd.SSL = true'], related: [{ file: '.env', line: 1 }], safe: [false] }],
      output: fn('port, _ := strconv.Atoi(os.Getenv("SMTP_PORT"))\nd := gomail.NewDialer("smtp.example.com", port, "me", os.Getenv("SMTP_PASS"))'),
    },
  ],
});
