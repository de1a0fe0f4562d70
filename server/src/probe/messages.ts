// Plain-words diagnosis messages of the probe. One function per situation; no secrets ever reach here.
import type { ProbeTls, TlsReport } from './types';
import type { WireError } from './wire';

export const fixImplicitTitle = (port: number) => `Use implicit TLS on port ${port} (secure: true)`;
export const fixStarttlsTitle = (port: number) => `Use STARTTLS on port ${port} (secure: false, STARTTLS required)`;

export const portExpectsImplicit = (port: number) =>
  `Port ${port} speaks implicit TLS: the server sent nothing in plaintext, but a TLS handshake on a new connection worked. ` +
  `Set secure: true (implicit TLS). With secure: false, nodemailer waits 30 s and fails with "Greeting never received".`;

export const portExpectsStarttls = (port: number) =>
  `Port ${port} answers in plaintext and offers STARTTLS; it does not speak implicit TLS (hence "wrong version number"). ` +
  `Set secure: false and require STARTTLS (requireTLS: true).`;

export const plainOnlyPort = (port: number) =>
  `Port ${port} answers in plaintext and offers no TLS at all (no implicit TLS, no STARTTLS). Use the server's submission port (465 or 587).`;

export const starttlsNotOffered = (port: number, opportunistic: boolean) =>
  `The server on port ${port} does not offer STARTTLS, so the connection cannot be encrypted` +
  (opportunistic
    ? ': with STARTTLS optional, the client continues in cleartext and sends the password unencrypted.'
    : ': with STARTTLS required, sending fails.') +
  ` Use a port that offers TLS (465 implicit, or 587 with STARTTLS), or check that nothing on the path strips STARTTLS.`;

export const starttlsRefused = (port: number, reply: string) =>
  `The server on port ${port} advertises STARTTLS but refused it (${reply}). It is misconfigured on the server side (e.g. no certificate); ask the provider or use another port.`;

export const starttlsInjection = (port: number) =>
  `The server on port ${port} sent data between its STARTTLS reply and the TLS handshake. This is a broken or tampering server (or a man in the middle); no credentials were sent.`;

export const tlsNotUsed = (port: number) =>
  `The server on port ${port} offers STARTTLS but the configuration never uses TLS: mail and the password travel in cleartext. Require STARTTLS.`;

export const certExpired = (r: TlsReport) =>
  `The server's certificate (${r.subject ?? 'no subject'}) expired on ${r.validTo ?? '?'}. The server must renew it; do not turn off certificate verification.`;

export const certMismatch = (r: TlsReport) =>
  `The server's certificate is for ${r.altNames.join(', ') || r.subject || '?'}, not for "${r.servername}". ` +
  `Connect using a name the certificate covers (host, or servername/tls.servername when you connect by IP).`;

export const certUntrusted = (r: TlsReport, code: string, caGiven: boolean) => {
  const why =
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
      ? 'it is self-signed'
      : code === 'SELF_SIGNED_CERT_IN_CHAIN'
        ? 'its chain ends in a self-signed root that is not trusted'
        : code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
          ? 'the server does not send the intermediate certificate (incomplete chain)'
          : code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' || code === 'UNABLE_TO_GET_ISSUER_CERT'
            ? `its issuer (${r.issuer ?? '?'}) is not trusted`
            : `verification failed (${code})`;
  return (
    `The server's certificate (${r.subject ?? '?'}, issued by ${r.issuer ?? '?'}) is not trusted: ${why}. ` +
    (caGiven ? 'It is not signed by the CA you gave. ' : 'If this is a private CA, pass its certificate (--ca FILE / tls.ca) instead of ') +
    (caGiven ? 'Check the CA file. Do not turn off certificate verification.' : 'turning off certificate verification.')
  );
};

export const tlsLegacy = (protocol: string) =>
  `The connection used ${protocol}, which is deprecated (RFC 8996) and rejected by current clients. Ask the provider to enable TLS 1.2 or newer.`;

export const tlsLegacyOnly = (port: number, protocol: string) =>
  `The server on port ${port} only speaks ${protocol}: Node (and every current client) refuses TLS older than 1.2 (RFC 8996), so the handshake fails with "protocol version". ` +
  `The server must be upgraded; lowering the client's minimum TLS version is unsafe.`;

export const tlsFailed = (port: number, err: WireError) =>
  `The TLS handshake on port ${port} failed: ${err.code ? err.code + ': ' : ''}${err.message}`;

export const handshakeTimeout = (port: number, ms: number, how: 'implicit' | 'starttls') =>
  `The server on port ${port} accepted the connection but did not answer the TLS handshake within ${ms} ms` +
  (how === 'implicit' ? ' and sent no plaintext greeting either: it is not serving SMTP, or a firewall holds the connection.' : '.');

export const authNotOffered = (port: number, encrypted: boolean) =>
  `The server on port ${port} does not offer AUTH${encrypted ? '' : ' (before TLS)'}, so the configured user name and password are never checked. ` +
  `nodemailer's verify() still says OK here; sending will fail or be relayed unauthenticated. Use the provider's submission port (465 or 587).`;

export const authPlaintextRefused = (port: number, offered: boolean) =>
  `Not sending the password: the connection to port ${port} is not encrypted, so it would travel in cleartext` +
  (offered ? ' (the server offers AUTH without TLS)' : '') +
  `. Use TLS (implicit on 465, or STARTTLS on 587). To test it anyway, re-run with --allow-plaintext-auth (not recommended).`;

export const authFailed = (user: string, reply: string, code: number) =>
  `The server rejected the login for "${user}" (${reply}).` +
  (code === 535 || code === 534
    ? ' Check the user name and password; providers like Gmail/Outlook need an app password or OAuth2 for SMTP.'
    : code >= 400 && code < 500
      ? ' This is temporary on the server side; try again later.'
      : '');

export const connectRefused = (host: string, port: number) =>
  `Nothing listens on ${host}:${port} (connection refused). Check the host and port.`;

export const connectFailed = (host: string, port: number, why: string) => `Could not connect to ${host}:${port}: ${why}.`;

export const connectTimeout = (host: string, port: number, ms: number) =>
  `No TCP connection to ${host}:${port} within ${ms} ms: a firewall drops the packets, or the host is down.` +
  (port === 25
    ? ' Outbound port 25 is commonly blocked by ISPs and cloud providers (AWS, GCP, Azure, ...): use the submission port 465 or 587.'
    : '');

export const dnsFailed = (host: string, code?: string) =>
  code === 'ENOTFOUND'
    ? `The host name "${host}" does not exist (DNS: not found). Check SMTP host for typos.`
    : `The host name "${host}" could not be resolved (${code ?? 'DNS error'}).`;

export const greetingTimeout = (port: number, ms: number, bytes: number, mode: ProbeTls) =>
  bytes === 0
    ? `The server on port ${port} accepted the connection but sent no greeting within ${ms} ms` +
      (mode === 'implicit' ? '.' : ', and it did not answer a TLS handshake either: it is not a working SMTP server, or a firewall/proxy holds the connection.')
    : `The server on port ${port} sent only ${bytes} bytes of its greeting within ${ms} ms: it is overloaded or throttling this client.`;

export const greetingRefused = (port: number, reply: string) =>
  `The server on port ${port} refused the session in its greeting: ${reply}. ` +
  (reply.startsWith('421') ? 'It is temporarily unavailable (or throttling); try again later.' : 'It does not accept SMTP from this client here.');

export const endlessBanner = (port: number, why: string) =>
  `The server on port ${port} sent an endless greeting (${why}); the probe stopped reading. This is not a working SMTP server.`;

export const garbageGreeting = (port: number, why: string) =>
  `The server on port ${port} did not send an SMTP greeting (${why}). Something else listens on this port (another protocol), or the port is wrong.`;

export const closedBeforeGreeting = (port: number, kind: string) =>
  `The server on port ${port} ${kind === 'reset' ? 'reset' : 'closed'} the connection before greeting: it refuses this client (blocklist, rate limit) or is not an SMTP server.`;

export const ehloRefused = (port: number, reply: string) => `The server on port ${port} refused EHLO and HELO: ${reply}.`;

export const ehloFailed = (port: number, err: WireError, what = 'EHLO') =>
  err.kind === 'timeout'
    ? `The server on port ${port} stopped answering after ${what} (${err.message}).`
    : err.kind === 'closed' || err.kind === 'reset'
      ? `The server on port ${port} ${err.kind === 'reset' ? 'reset' : 'closed'} the connection after ${what}.`
      : `The server on port ${port} answered ${what} with something that is not SMTP (${err.message}).`;

export const plainThenBroken = (port: number, greeting: string, err: WireError) =>
  `Port ${port} answers in plaintext (greeting "${greeting}"), not with implicit TLS; then ${err.kind === 'timeout' ? 'it stopped answering after EHLO' : err.message}.`;

export const totalTimeout = (port: number, ms: number) =>
  `The test of port ${port} was stopped after ${ms} ms: the server answers every step, but very slowly (overloaded, or tarpitting this client).`;

/** A failed test in a few words, for a button or a code lens ("connection refused on 465"); undefined for the
 *  failures other settings cannot cure (a wrong password, a cancelled run), where finding settings does not help. */
export function failureInWords(code: string, port: number): string | undefined {
  const words: Record<string, string> = {
    'connect-refused': 'connection refused',
    'connect-timeout': 'no connection',
    'dns-failed': 'host not found',
    'greeting-timeout': 'no greeting',
    'protocol-error': 'no SMTP answer',
    'port-expects-implicit-tls': 'the port expects implicit TLS',
    'port-expects-starttls': 'the port expects STARTTLS',
    'starttls-not-offered': 'no STARTTLS',
    'tls-not-used': 'no TLS',
    'cert-expired': 'certificate expired',
    'cert-hostname-mismatch': 'certificate for another name',
    'cert-untrusted': 'certificate not trusted',
    'tls-version-legacy': 'only legacy TLS',
    'auth-not-offered': 'no AUTH offered',
    'auth-over-plaintext-refused': 'AUTH only without TLS',
  };
  return words[code] ? `${words[code]} on ${port}` : undefined;
}
