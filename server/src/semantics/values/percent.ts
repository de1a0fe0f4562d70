// Percent-encoding in URL userinfo, hosts and query strings, as the libraries decode it (nodemailer's
// parseConnectionUrl and Symfony's Dsn::fromString call decodeURIComponent / rawurldecode on each part).

/** decodeURIComponent, or `s` as it is when it is not valid percent-encoding (the libraries keep such text as written). */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
