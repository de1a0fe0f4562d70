// What a host name says about where the client connects: written as local (loopback, a unix socket, a dev
// mail catcher), on the same private network, remote, or not known (empty, unset, a reference we cannot see).
// nodemailer defaults an unset host to localhost, but an empty or unset value in a file is "not known": only a
// host written as local lowers a severity.

const DEV_CATCHERS = /^(mailhog|mailpit|maildev|mailcatcher|smtp4dev|mailcrab|inbucket|greenmail|fakesmtp|papercut|smtp-sink)([-_.].*)?$/;

function norm(host: string): string {
  return host.trim().toLowerCase().replace(/^\[|\]$/g, '');
}

/** Loopback, unix socket, or a local dev mail catcher (MailHog, Mailpit, MailDev ...). */
export function isLocalHost(host: string | undefined): boolean {
  if (!host || !host.trim()) return false;
  const h = norm(host);
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || h === 'host.docker.internal') return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(h)) return true;
  if (h.startsWith('/') || h.startsWith('unix:')) return true;
  return DEV_CATCHERS.test(h);
}

const INTERNAL_LABELS = new Set(['internal', 'local', 'lan', 'intranet', 'corp', 'svc', 'cluster', 'localdomain']);

/** A host on the same private network: compose service names, cluster DNS, *.internal, private IPs (or local). */
export function isInternalHost(host: string | undefined): boolean {
  if (!host || !host.trim()) return false;
  const h = norm(host);
  if (isLocalHost(h)) return true;
  if (!h.includes('.') && /^[a-z0-9_-]+$/.test(h)) return true; // single-label: compose service / k8s service name
  if (/^(10\.\d+|192\.168|172\.(1[6-9]|2\d|3[01]))\.\d+\.\d+$/.test(h)) return true;
  if (/^(fd|fc)[0-9a-f]{2}:/.test(h)) return true;
  return h.split('.').some((l) => INTERNAL_LABELS.has(l)) || h.endsWith('.home.arpa');
}

export type HostKind = 'local' | 'internal' | 'remote' | 'unknown';

/** Where a host written in a file points. Empty or undefined is 'unknown' (not the library's localhost default). */
export function hostKind(host: string | undefined): HostKind {
  if (host === undefined || !host.trim()) return 'unknown';
  if (isLocalHost(host)) return 'local';
  if (isInternalHost(host)) return 'internal';
  return 'remote';
}

/** Port 1025 is the dev catchers' SMTP port (MailHog, Mailpit, MailDev). */
export const DEV_CATCHER_PORT = 1025;
