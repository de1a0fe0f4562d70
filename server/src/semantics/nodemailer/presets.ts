// nodemailer's well-known services (the `service: 'gmail'` presets), from nodemailer's own services.json
// (bundled by esbuild), looked up as nodemailer does in lib/well-known/index.js:
//   - every preset is indexed under normalizeKey(key), normalizeKey(alias) and normalizeKey(domain), in
//     Object.keys order (later entries win on collisions, as in nodemailer);
//   - normalizeKey(s) = s.replace(/[^a-zA-Z0-9.-]/g, '').toLowerCase();
//   - lookup(key) = normalized[normalizeKey(key.split('@').pop())] || false   (so 'x@gmail.com' → Gmail).
// nodemailer indexes a plain object, so 'constructor' or 'toString' find Object.prototype members (functions
// with no host/port, which its assign() then ignores). This lookup is a Map: those names are simply unknown.
// An unknown name returns undefined here (nodemailer: false) and nodemailer then silently ignores `service`.
// This is the only preset lookup: the readers, the rules and the fixes all ask lookupService().
import services from 'nodemailer/lib/well-known/services.json';

export interface ServicePreset {
  /** The preset's key in services.json ('Gmail', 'Outlook365'). */
  name: string;
  description?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  requireTLS?: boolean;
  ignoreTLS?: boolean;
  authMethod?: string;
}

/** A services.json entry: the preset's settings plus the other names it is found by. */
interface RawService extends Omit<ServicePreset, 'name'> {
  aliases?: string | string[];
  domains?: string | string[];
}

export function normalizeServiceKey(key: string): string {
  return key.replace(/[^a-zA-Z0-9.-]/g, '').toLowerCase();
}

const normalized = new Map<string, ServicePreset>();
const raw = services as unknown as Record<string, RawService>;
for (const key of Object.keys(raw)) {
  const s = raw[key];
  const preset: ServicePreset = { name: key };
  for (const k of ['description', 'host', 'port', 'secure', 'requireTLS', 'ignoreTLS', 'authMethod'] as const) {
    if (s[k] !== undefined) (preset as unknown as Record<string, unknown>)[k] = k === 'port' ? Number(s[k]) : s[k];
  }
  normalized.set(normalizeServiceKey(key), preset);
  for (const alias of ([] as string[]).concat(s.aliases ?? [])) normalized.set(normalizeServiceKey(alias), preset);
  for (const domain of ([] as string[]).concat(s.domains ?? [])) normalized.set(normalizeServiceKey(domain), preset);
}

/** The preset nodemailer would use for `service: name`, or undefined when nodemailer ignores the name. */
export function lookupService(name: string): ServicePreset | undefined {
  return normalized.get(normalizeServiceKey(String(name).split('@').pop() ?? ''));
}

/** Every preset key as written in services.json (for "did you mean" suggestions). */
export function serviceNames(): string[] {
  return Object.keys(raw);
}

/** Every accepted spelling (keys, aliases, domains) in normalised form. */
export function normalizedServiceKeys(): string[] {
  return [...normalized.keys()];
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
  const n = normalizeServiceKey(name).replace(/[.-]/g, '');
  if (!n) return undefined;
  const mistake = KNOWN_MISTAKES[n];
  if (mistake && lookupService(mistake)) return lookupService(mistake)!.name;
  let best: { key: string; d: number } | undefined;
  for (const [k, p] of normalized) {
    if (k.includes('@') || (k.includes('.') && !p.name.toLowerCase().includes('.'))) continue; // skip e-mail domains
    const d = distance(n, k.replace(/[.-]/g, ''));
    if (!best || d < best.d) best = { key: p.name, d };
  }
  if (best && best.d <= Math.max(1, Math.floor(n.length / 4))) return best.key;
  return undefined;
}
