// Go files of the polyglot corpus (rules-research-polyglot §8): net/smtp (SendMail / Dial to an address, PlainAuth,
// the tls.Dial + smtp.NewClient idiom for 465, StartTLS with a tls.Config), gomail dialers (NewDialer, d.SSL,
// d.TLSConfig) and wneessen/go-mail clients (NewClient options), ports from os.Getenv; ordinary packages without
// mail imports; decoys: other clients' TLS (an http.Transport or a Redis client with InsecureSkipVerify, in its own
// function or in the mail function itself, a database DSN with sslmode=disable, an HTTP server on :465, a
// tls.Config with InsecureSkipVerify in a file that sends no mail).
import { Writer, NOUNS, VERBS, SVC, SMTP_HOSTS, USERS, cap, camel, secret } from '../lib.mjs';

/** Ordinary Go code: a struct and a few methods, no mail words. */
function filler(w, R, n) {
  const noun = R.pick(NOUNS);
  const T = `${cap(noun)}${cap(R.pick(VERBS))}er`;
  w.add(`type ${T} struct {`);
  w.add(`\t${noun}s map[string]int`);
  w.add('\tlimit int');
  w.add('}');
  for (let i = 0; i < n; i++) {
    const v = R.pick(VERBS), o = R.pick(NOUNS);
    w.add('');
    w.add(`func (s *${T}) ${cap(camel(v, o))}(${o}ID string) (int, error) {`);
    w.add(`\tfor i := 0; i < s.limit; i++ {`);
    w.add(`\t\tvalue, ok := s.${noun}s[fmt.Sprint(${o}ID, i)]`);
    w.add('\t\tif !ok {');
    w.add('\t\t\tcontinue');
    w.add('\t\t}');
    w.add('\t\treturn value, nil');
    w.add('\t}');
    w.add(`\treturn 0, fmt.Errorf("no ${o} %s", ${o}ID)`);
    w.add('}');
  }
}

function header(w, pkg, imports) {
  w.add(`package ${pkg}`);
  w.add('');
  w.add('import (');
  for (const i of imports) w.add(`\t${i}`);
  w.add(')');
  w.add('');
}

/** A one-line function whose line is a decoy (a database DSN, an HTTP server): never a mail setting. */
function decoyFunc(w, signature, line, why) {
  w.add(`func ${signature} {`);
  w.decoy(w.add(`\t${line}`), why);
  w.add('}');
  w.add('');
}

/** An HTTP client that skips verification: not mail, wherever it is written (its own function or the mail one). */
function httpDecoy(w, R, ind) {
  const name = R.pick(['webhook', 'api', 'status']);
  w.add(`${ind}${name}Client := &http.Client{`);
  w.add(`${ind}\tTimeout: 5 * time.Second,`);
  w.add(`${ind}\tTransport: &http.Transport{`);
  w.decoy(w.add(`${ind}\t\tTLSClientConfig: &tls.Config{InsecureSkipVerify: true},`), 'HTTP client TLS, not mail');
  w.add(`${ind}\t},`);
  w.add(`${ind}}`);
  w.add(`${ind}_ = ${name}Client`);
}

function redisDecoy(w, ind) {
  w.add(`${ind}rdb := redis.NewClient(&redis.Options{`);
  w.add(`${ind}\tAddr: "cache:6380",`);
  w.decoy(w.add(`${ind}\tTLSConfig: &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10},`), 'Redis client TLS, not mail');
  w.add(`${ind}})`);
  w.add(`${ind}_ = rdb`);
}

/** net/smtp: SendMail / Dial + StartTLS / tls.Dial + NewClient. */
function netSmtp(R) {
  const w = new Writer();
  const shape = R.weighted([['sendmail', 45], ['dial', 20], ['tlsdial', 20], ['local', 15]]);
  const http = R.chance(0.35);
  const httpInside = http && R.chance(0.5);
  const redis = R.chance(0.2);
  const db = R.chance(0.25);
  const metrics = R.chance(0.2);
  const imports = ['"crypto/tls"', '"fmt"', '"net"', '"net/smtp"', '"os"'];
  if (http) imports.push('"net/http"', '"time"');
  else if (metrics) imports.push('"net/http"');
  if (redis) imports.push('"github.com/redis/go-redis/v9"');
  if (db) imports.push('"database/sql"');
  header(w, 'mailer', imports);
  w.add('var _ = fmt.Sprint');
  w.add('var _ = net.JoinHostPort');
  w.add('var _ = tls.VersionTLS12');
  w.add('');
  if (db) decoyFunc(w, 'openDB() (*sql.DB, error)', 'return sql.Open("postgres", "host=db port=5432 sslmode=disable")', 'database TLS off');
  if (http && !httpInside) {
    w.add('func newHTTPClient() {');
    httpDecoy(w, R, '\t');
    w.add('}');
    w.add('');
  }
  if (metrics) decoyFunc(w, 'serveMetrics() error', 'return http.ListenAndServe(":465", nil)', 'an HTTP server on port 465, not mail');
  const host = shape === 'local' ? R.pick(['localhost', '127.0.0.1']) : R.pick(SMTP_HOSTS);
  w.add(`func Send${cap(R.pick(NOUNS))}(from string, to []string, msg []byte) error {`);
  if (httpInside) httpDecoy(w, R, '\t');
  if (redis) redisDecoy(w, '\t');
  const literal = R.chance(0.2);
  const auth = () => {
    const l = w.add(`\tauth := smtp.PlainAuth("", "${R.pick(USERS)}", ${literal ? `"${secret(R)}"` : 'os.Getenv("SMTP_PASSWORD")'}, "${host}")`);
    if (literal) w.finding('hardcoded-smtp-credentials', l);
    return l;
  };
  const authAndQuit = () => {
    auth();
    w.add('\tif err := c.Auth(auth); err != nil {');
    w.add('\t\treturn err');
    w.add('\t}');
    w.add('\treturn c.Quit()');
  };
  if (shape === 'sendmail') {
    const port = R.weighted([[587, 60], [465, 25], [25, 15]]);
    const authLine = auth();
    const form = R.pick(['literal', 'concat', 'sprintf', 'join']);
    let addr;
    if (form === 'literal') addr = `"${host}:${port}"`;
    else if (form === 'concat') { w.add(`\thost := "${host}"`); addr = `host + ":${port}"`; }
    else if (form === 'sprintf') { w.add(`\thost := "${host}"`); w.add(`\tport := ${port}`); addr = 'fmt.Sprintf("%s:%d", host, port)'; }
    else addr = `net.JoinHostPort("${host}", "${port}")`;
    const l = w.add(`\treturn smtp.SendMail(${addr}, auth, from, to, msg)`);
    // net/smtp has no implicit TLS: SendMail to 465 waits for a greeting that never comes (§8.1 (c))
    const portLine = form === 'sprintf' ? [l - 1] : [];
    if (port === 465) w.finding('implicit-tls-port-without-tls', l, portLine);
    if (port === 25) w.finding('port-25-with-credentials', l, [authLine, ...portLine]);
  } else if (shape === 'dial') {
    const verifyOff = R.chance(0.3);
    const legacy = R.chance(0.15);
    w.add(`\tc, err := smtp.Dial("${host}:587")`);
    w.add('\tif err != nil {');
    w.add('\t\treturn err');
    w.add('\t}');
    w.add('\tdefer c.Close()');
    const els = [`ServerName: "${host}"`];
    if (verifyOff) els.push('InsecureSkipVerify: true');
    if (legacy) els.push('MinVersion: tls.VersionTLS10');
    w.add('\tcfg := &tls.Config{');
    const lines = {};
    for (const e of els) lines[e] = w.add(`\t\t${e},`);
    w.add('\t}');
    if (verifyOff) w.finding('tls-verification-disabled', lines['InsecureSkipVerify: true']);
    if (legacy) w.finding('legacy-tls-version', lines['MinVersion: tls.VersionTLS10']);
    w.add('\tif err := c.StartTLS(cfg); err != nil {');
    w.add('\t\treturn err');
    w.add('\t}');
    authAndQuit();
  } else if (shape === 'tlsdial') {
    const port = R.weighted([[465, 75], [587, 25]]);
    const l = w.add(`\tconn, err := tls.Dial("tcp", "${host}:${port}", &tls.Config{ServerName: "${host}"})`);
    if (port === 587) w.finding('starttls-port-with-implicit-tls', l);
    w.add('\tif err != nil {');
    w.add('\t\treturn err');
    w.add('\t}');
    w.add(`\tc, err := smtp.NewClient(conn, "${host}")`);
    w.add('\tif err != nil {');
    w.add('\t\treturn err');
    w.add('\t}');
    authAndQuit();
  } else {
    // a local catcher without auth (§8.1 (f))
    w.add(`\treturn smtp.SendMail("${host}:${R.pick([25, 1025])}", nil, from, to, msg)`);
  }
  w.add('}');
  return { file: R.pick(['internal/mailer/send.go', 'pkg/notify/email.go', 'mail.go']), w, flavor: 'net/smtp' };
}

/** gomail (gopkg.in/gomail.v2): NewDialer sets SSL = port == 465; d.SSL / d.TLSConfig after it. */
function gomail(R) {
  const w = new Writer();
  const fromEnv = R.chance(0.35);
  const http = R.chance(0.3);
  const imports = ['"crypto/tls"', '"os"', '"strconv"', '', 'gomail "gopkg.in/gomail.v2"'];
  if (http) imports.splice(1, 0, '"net/http"', '"time"');
  header(w, 'notify', imports);
  w.add('var _ = strconv.Atoi');
  w.add('var _ = tls.VersionTLS12');
  w.add('');
  if (http) {
    w.add('func newAPIClient() {');
    httpDecoy(w, R, '\t');
    w.add('}');
    w.add('');
  }
  const port = R.weighted([[587, 55], [465, 35], [25, 10]]);
  const host = R.pick(SMTP_HOSTS);
  w.add('func NewDialer() *gomail.Dialer {');
  let portExpr = String(port);
  if (fromEnv) {
    w.add('\tport, _ := strconv.Atoi(os.Getenv("SMTP_PORT"))');
    portExpr = 'port';
  }
  const literal = R.chance(0.2);
  const user = R.pick(USERS);
  const dl = w.add(`\td := gomail.NewDialer("${host}", ${portExpr}, "${user}", ${literal ? `"${secret(R)}"` : 'os.Getenv("SMTP_PASSWORD")'})`);
  if (literal) w.finding('hardcoded-smtp-credentials', dl);
  // the port is only known when written (an unset SMTP_PORT is no port)
  if (!fromEnv) {
    const wrong = R.chance(0.3);
    if (port === 587 && wrong) w.finding('starttls-port-with-implicit-tls', w.add('\td.SSL = true'), [dl]);
    else if (port === 465 && wrong) w.finding('implicit-tls-port-without-tls', w.add('\td.SSL = false'), [dl]);
    else if (port === 465 && R.chance(0.3)) w.add('\td.SSL = true');
    if (port === 25) w.finding('port-25-with-credentials', dl);
  }
  const verifyOff = R.chance(0.3);
  const legacy = R.chance(0.15);
  if (verifyOff || legacy || R.chance(0.3)) {
    const els = [`ServerName: "${host}"`];
    if (verifyOff) els.push('InsecureSkipVerify: true');
    if (legacy) els.push(`MinVersion: tls.${R.pick(['VersionTLS10', 'VersionTLS11'])}`);
    const l = w.add(`\td.TLSConfig = &tls.Config{${els.join(', ')}}`);
    if (verifyOff) w.finding('tls-verification-disabled', l);
    if (legacy) w.finding('legacy-tls-version', l);
  }
  w.add('\treturn d');
  w.add('}');
  return { file: R.pick(['internal/notify/dialer.go', 'mailer/gomail.go', 'pkg/email/dialer.go']), w, flavor: 'gomail' };
}

/** wneessen/go-mail: NewClient(host, options...); the port never switches TLS on by itself (§8.3). */
function goMail(R) {
  const w = new Writer();
  const db = R.chance(0.3);
  const imports = ['"crypto/tls"', '"os"', '', '"github.com/wneessen/go-mail"'];
  if (db) imports.splice(1, 0, '"database/sql"');
  header(w, 'email', imports);
  w.add('var _ = tls.VersionTLS12');
  w.add('');
  if (db) decoyFunc(w, 'openDB() (*sql.DB, error)', 'return sql.Open("mysql", "app:secret@tcp(db:3306)/app?tls=skip-verify")', 'database TLS, not mail');
  const local = R.chance(0.12);
  const host = local ? 'localhost' : R.pick(SMTP_HOSTS);
  w.add('func NewClient() (*mail.Client, error) {');
  w.add(`\treturn mail.NewClient("${host}",`);
  const shape = local ? 'local' : R.weighted([['ssl465', 30], ['policy587', 30], ['port465', 15], ['ssl587', 10], ['notls', 8], ['sslport', 7]]);
  const lines = {};
  const opt = (k, s) => (lines[k] = w.add(`\t\tmail.${s},`));
  if (shape === 'local') {
    opt('port', 'WithPort(1025)');
    opt('policy', 'WithTLSPolicy(mail.NoTLS)');
  } else {
    if (shape === 'ssl465') { opt('port', 'WithPort(465)'); opt('ssl', 'WithSSL()'); }
    else if (shape === 'policy587') opt('policy', 'WithTLSPortPolicy(mail.TLSMandatory)');
    else if (shape === 'port465') { opt('port', 'WithPort(465)'); opt('policy', 'WithTLSPolicy(mail.TLSMandatory)'); }
    else if (shape === 'ssl587') { opt('port', 'WithPort(587)'); opt('ssl', 'WithSSL()'); }
    else if (shape === 'notls') { opt('port', 'WithPort(587)'); opt('policy', 'WithTLSPolicy(mail.NoTLS)'); }
    else opt('ssl', 'WithSSLPort(false)');
    opt('auth', 'WithSMTPAuth(mail.SMTPAuthPlain)');
    opt('user', `WithUsername("${R.pick(USERS)}")`);
    const literal = R.chance(0.2);
    opt('pass', `WithPassword(${literal ? `"${secret(R)}"` : 'os.Getenv("SMTP_PASSWORD")'})`);
    if (literal) w.finding('hardcoded-smtp-credentials', lines.pass);
    if (R.chance(0.25)) {
      opt('tls', 'WithTLSConfig(&tls.Config{InsecureSkipVerify: true})');
      w.finding('tls-verification-disabled', lines.tls);
    }
  }
  w.add('\t)');
  w.add('}');
  if (shape === 'port465') w.finding('implicit-tls-port-without-tls', lines.port, [lines.policy]);
  if (shape === 'ssl587') w.finding('starttls-port-with-implicit-tls', lines.ssl, [lines.port]);
  if (shape === 'notls') w.finding('tls-disabled-with-credentials', lines.policy, [lines.user]);
  return { file: R.pick(['internal/email/client.go', 'mail/client.go']), w, flavor: 'go-mail' };
}

/** A package that configures TLS for another client and sends no mail (no mail import): never a finding. */
function tlsOnly(R) {
  const w = new Writer();
  header(w, 'httpx', ['"crypto/tls"', '"net/http"', '"time"']);
  w.add('// NewInsecureClient talks to the internal API, which has a self-signed certificate (smtp relay not involved).');
  w.add('func NewInsecureClient() *http.Client {');
  w.add('\treturn &http.Client{');
  w.add('\t\tTimeout: 10 * time.Second,');
  w.decoy(w.add('\t\tTransport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},'), 'HTTP client TLS in a package without mail');
  w.add('\t}');
  w.add('}');
  return { file: `internal/httpx/${R.pick(NOUNS)}.go`, w, flavor: 'tls-only' };
}

export default {
  id: 'go',
  name: 'Go',
  ext: '.go',
  weight: 15,
  floor: { id: 'go:lezer', pkg: '@lezer/go', desc: '@lezer/go parser.parse(text)', make: (m) => (text) => m.parser.parse(text) },
  file(R) {
    if (R.chance(0.55)) { const w = new Writer(); header(w, R.pick(NOUNS), ['"fmt"']); filler(w, R, R.int(2, 20)); return { file: `internal/${R.pick(NOUNS)}/${R.pick(VERBS)}.go`, w, flavor: 'plain' }; }
    const make = R.weighted([[netSmtp, 40], [gomail, 25], [goMail, 25], [tlsOnly, 10]]);
    return make(R);
  },
  sample(R) {
    const w = new Writer();
    header(w, 'mailer', ['"fmt"', '"net/smtp"', '"os"']);
    filler(w, R, 8);
    w.add('');
    w.add('func Send(from string, to []string, msg []byte) error {');
    w.add('\tauth := smtp.PlainAuth("", os.Getenv("SMTP_USER"), os.Getenv("SMTP_PASSWORD"), "smtp.example.com")');
    w.finding('implicit-tls-port-without-tls', w.add('\treturn smtp.SendMail("smtp.example.com:465", auth, from, to, msg)'));
    w.add('}');
    w.add('');
    filler(w, R, 8);
    return { file: 'mailer.go', w };
  },
};
