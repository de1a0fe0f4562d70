// What Go's net/smtp and gomail (gopkg.in/gomail.v2, and its fork github.com/go-mail/mail) do with the values Go
// code gives them (rules-research-polyglot §8.1, §8.2).
//
// Sources (read in the code):
//  - golang/go src/net/smtp/smtp.go@07858f1: Dial(addr) = net.Dial("tcp", addr) with no timeout, NewClient reads the
//    220 greeting with no deadline; SendMail dials, then StartTLS(&tls.Config{ServerName: host}) only if the server
//    advertises STARTTLS (opportunistic, verifying), then Auth. There is no implicit-TLS mode: the idiom is
//    tls.Dial("tcp", "host:465", cfg) + smtp.NewClient(conn, host).
//  - golang/go src/net/smtp/auth.go@518a9bb: PlainAuth refuses ("unencrypted connection") unless the connection is
//    TLS or the server name is localhost / 127.0.0.1 / ::1.
//  - go-gomail/gomail smtp.go@81ebce5 L40-47 NewDialer: `SSL: port == 465`; L60-86 Dial: 10 s connect timeout, TLS
//    from the first byte when SSL, else STARTTLS only when advertised (opportunistic); TLSConfig used for both.
import type { EffectiveConnection } from '../model/types';

/** "host:port" as net.Dial reads it ("[::1]:25" too); undefined parts when not written. */
export function splitHostPort(addr: string): { host?: string; port?: number } {
  const m = /^\[([^\]]*)\]:(\d+)$/.exec(addr) ?? /^([^:]*):(\d+)$/.exec(addr);
  if (!m) return { host: addr || undefined };
  const port = Number(m[2]);
  return { host: m[1] || undefined, port: Number.isInteger(port) && port <= 65535 ? port : undefined };
}

/** net/smtp SendMail / Dial: plaintext greeting, then STARTTLS when advertised. */
export function netSmtpEffective(host: string | undefined, port: number | undefined): EffectiveConnection {
  const eff: EffectiveConnection = {
    tlsMode: 'starttls-opportunistic',
    because: 'net/smtp connects in plaintext and upgrades with STARTTLS only when the server advertises it (no implicit TLS mode)',
  };
  if (host) eff.host = host;
  if (port !== undefined) eff.port = port;
  return eff;
}

/** net/smtp PlainAuth sends credentials without TLS only to these hosts (auth.go isLocalhost). */
export function plainAuthAllowsCleartext(host: string | undefined): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '::1';
}

/** gomail Dialer: SSL is `port == 465` from NewDialer unless the code assigns d.SSL. */
export function gomailEffective(host: string | undefined, port: number | undefined, ssl: boolean | undefined | 'unset'): EffectiveConnection {
  const implicit = ssl === 'unset' ? (port === undefined ? undefined : port === 465) : ssl;
  const eff: EffectiveConnection =
    implicit === undefined
      ? { tlsMode: 'unknown', because: ssl === 'unset' ? 'gomail sets SSL from the port (port == 465), and the port is not known here' : 'd.SSL depends on a value that is not known here' }
      : implicit
        ? { tlsMode: 'implicit', because: ssl === 'unset' ? 'gomail.NewDialer sets SSL = true for port 465: TLS from the first byte' : 'd.SSL = true: gomail starts TLS before the greeting' }
        : { tlsMode: 'starttls-opportunistic', because: `${ssl === 'unset' ? 'gomail.NewDialer sets SSL = false for a port other than 465' : 'd.SSL = false'}: gomail uses STARTTLS only when the server advertises it` };
  if (host) eff.host = host;
  if (port !== undefined) eff.port = port;
  return eff;
}
