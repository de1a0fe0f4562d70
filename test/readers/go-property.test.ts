// Property tests for the Go reader: it never throws and every span lies inside the text, on arbitrary strings, on
// mutated (half-typed) versions of real net/smtp, gomail and go-mail code and on 1 MB inputs; fixes render inside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../server/src/register';
import { goReader } from '../../server/src/readers/go/index';
import { lintText } from '../../server/src/engine';
import { lintInsideText } from './readResult';

const numRuns = process.env.CI ? 2000 : 300;

const HEAD = 'package mailer\n\nimport (\n\t"crypto/tls"\n\t"net/smtp"\n\t"os"\n\t"strconv"\n\n\tgomail "gopkg.in/gomail.v2"\n\t"github.com/wneessen/go-mail"\n)\n\n';
const SNIPPETS = [
  HEAD + 'const addr = "smtp.example.com:465"\n\nfunc send() error {\n\tauth := smtp.PlainAuth("", "me", "hunter2hunter2", "smtp.example.com")\n\treturn smtp.SendMail(addr, auth, from, to, msg)\n}\n',
  HEAD + 'func dial() error {\n\tport, _ := strconv.Atoi(os.Getenv("SMTP_PORT"))\n\td := gomail.NewDialer("smtp.example.com", port, "me", os.Getenv("SMTP_PASS"))\n\td.SSL = true\n\td.TLSConfig = &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10}\n\treturn d.DialAndSend(m)\n}\n',
  HEAD + 'func client() (*mail.Client, error) {\n\treturn mail.NewClient("smtp.example.com",\n\t\tmail.WithPort(465),\n\t\tmail.WithTLSPortPolicy(mail.TLSOpportunistic),\n\t\tmail.WithUsername("me"), mail.WithDebugLog(), mail.WithLogAuthData(),\n\t\tmail.WithTLSConfig(&tls.Config{InsecureSkipVerify: true}),\n\t)\n}\n',
];

test('arbitrary text never throws', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void goReader.read('/w/a.go', `package a\nimport "net/smtp"\nfunc f() { smtp.SendMail(${s}) }`, {})), { numRuns });
});

test('half-typed Go never throws, spans stay inside, fixes render inside', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SNIPPETS), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (src, a, b, junk) => {
      const i = a % (src.length + 1);
      const j = Math.min(src.length, i + (b % 12));
      lintInsideText(src.slice(0, i) + junk + src.slice(j), '/w/internal/mailer/send.go');
    }),
    { numRuns },
  );
});

test('1 MB inputs are read without a crash (behaviour, not time)', () => {
  const body = SNIPPETS[1].slice(HEAD.length);
  const copies = Math.ceil(1_000_000 / body.length);
  const big = HEAD + body.repeat(copies);
  // one dialer per function: every copy is read
  assert.equal(lintInsideText(big, '/w/big.go').read?.configs.length, copies);
  const noise = HEAD + 'func f() { smtp.SendMail(' + '(['.repeat(200_000) + ' }';
  assert.ok(lintInsideText(noise, '/w/noise.go').read);
  const huge = '// net/smtp\n' + '/'.repeat(2_100_000);
  assert.match(lintText('/w/huge.go', huge).problems[0]?.message ?? '', /larger than/);
});
