// nodemailer's own well-known services list and lookup (nodemailer lib/well-known/index.js): names, aliases and
// e-mail domains, normalised by dropping characters other than letters, digits, '.' and '-' and lower-casing.
import services from 'nodemailer/lib/well-known/services.json';

export interface ServicePreset {
  key: string;
  host?: string;
  port?: number;
  secure?: boolean;
  requireTLS?: boolean;
  ignoreTLS?: boolean;
}

type Raw = Record<string, { aliases?: string[]; domains?: string[]; host?: string; port?: number; secure?: boolean; requireTLS?: boolean; ignoreTLS?: boolean }>;

const normalized = new Map<string, ServicePreset>();
for (const [key, s] of Object.entries(services as unknown as Raw)) {
  const preset: ServicePreset = { key, host: s.host, port: s.port, secure: s.secure, requireTLS: s.requireTLS, ignoreTLS: s.ignoreTLS };
  normalized.set(normalizeKey(key), preset);
  for (const a of s.aliases ?? []) normalized.set(normalizeKey(a), preset);
  for (const d of s.domains ?? []) normalized.set(normalizeKey(d), preset);
}

export function normalizeKey(key: string): string {
  return key.replace(/[^a-zA-Z0-9.-]/g, '').toLowerCase();
}

/** The preset nodemailer would use for `name`, or undefined (nodemailer returns false and ignores the service). */
export function wellKnown(name: string): ServicePreset | undefined {
  return normalized.get(normalizeKey(name.split('@').pop() ?? ''));
}

/** Names people write that nodemailer does not know, mapped to the preset they mean. */
const KNOWN_MISTAKES: Record<string, string> = {
  office365: 'Outlook365',
  microsoft365: 'Outlook365',
  o365: 'Outlook365',
  m365: 'Outlook365',
  exchange: 'Outlook365',
  exchangeonline: 'Outlook365',
  microsoft: 'Outlook365',
  googleworkspace: 'GmailWorkspace',
  gsuite: 'GmailWorkspace',
  google: 'Gmail',
  amazonses: 'SES',
  aws: 'SES',
  awsses: 'SES',
  brevo: 'SendinBlue',
  sendinblue: 'SendinBlue',
  protonmail: 'Proton',
  icloudmail: 'iCloud',
};

/** Edit distance with adjacent transpositions (optimal string alignment): "gmial" → "gmail" is 1. */
function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/** The preset key closest to an unknown service name ("did you mean"), or undefined. */
export function suggestService(name: string): string | undefined {
  const n = normalizeKey(name).replace(/[.-]/g, '');
  if (!n) return undefined;
  const mistake = KNOWN_MISTAKES[n];
  if (mistake && wellKnown(mistake)) return wellKnown(mistake)!.key;
  let best: { key: string; d: number } | undefined;
  for (const [k, p] of normalized) {
    if (k.includes('@') || (k.includes('.') && !p.key.toLowerCase().includes('.'))) continue; // skip e-mail domains
    const d = distance(n, k.replace(/[.-]/g, ''));
    if (!best || d < best.d) best = { key: p.key, d };
  }
  if (best && best.d <= Math.max(1, Math.floor(n.length / 4))) return best.key;
  return undefined;
}
