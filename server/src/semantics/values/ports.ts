// What a port number means on the wire (rules-research §0.1).

/** Implicit TLS ports: RFC 8314 §3.3 "submissions" (465) and the SES/Resend alternate (2465). */
export const IMPLICIT_PORTS: ReadonlySet<number> = new Set([465, 2465]);
/** Plaintext-greeting ports where TLS, if any, is negotiated with STARTTLS: 587 (RFC 6409), 25 (RFC 5321 relay),
 *  2525 (unofficial ESP alternative, treated like 587) and 2587 (SES/Resend alternate). */
export const STARTTLS_PORTS: ReadonlySet<number> = new Set([587, 25, 2525, 2587]);

/** A port written as text: the integer, or undefined when it is not a plain integer in 1..65535 form. */
export function parsePort(text: string | number | undefined): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (text === undefined || !/^\s*\d{1,5}\s*$/.test(text)) return undefined;
  return Number(text);
}

/** A port as a configuration value holds it (a JSON number, a C# int literal, a string such as "465" that the
 *  binder converts): the integer, or undefined for anything else (fractions, words, placeholders). */
export function portOfValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  return typeof v === 'string' ? parsePort(v) : undefined;
}

/** What the server on a port expects, in one sentence (for messages). */
export function portRole(port: number): string {
  switch (port) {
    case 465:
      return 'Port 465 expects implicit TLS from the first byte (RFC 8314 §3.3)';
    case 2465:
      return 'Port 2465 (the SES/Resend alternate of 465) expects implicit TLS from the first byte (RFC 8314 §3.3)';
    case 587:
      return 'Port 587 is the STARTTLS submission port (RFC 6409): the server greets in plaintext and TLS starts after STARTTLS';
    case 25:
      return 'Port 25 is the relay port (RFC 5321): the server greets in plaintext and TLS starts after STARTTLS';
    case 2525:
      return 'Port 2525 (the unofficial provider alternative to 587) greets in plaintext; TLS starts after STARTTLS';
    case 2587:
      return 'Port 2587 (the SES/Resend alternate of 587) greets in plaintext; TLS starts after STARTTLS';
    default:
      return `Port ${port}`;
  }
}
