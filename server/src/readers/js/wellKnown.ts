// nodemailer's well-known services (the `service: 'gmail'` presets), from nodemailer's own services.json
// (bundled by esbuild), looked up exactly as nodemailer 10 does in dist/cjs/well-known/index.js:
//   - every preset is indexed under normalizeKey(key), normalizeKey(alias) and normalizeKey(domain), in
//     Object.keys order (later entries win on collisions, as in nodemailer);
//   - normalizeKey(s) = s.replace(/[^a-zA-Z0-9.-]/g, '').toLowerCase();
//   - lookup(key) = normalized[normalizeKey(key.split('@').pop())] || false   (so 'x@gmail.com' → Gmail).
// An unknown name returns undefined here (nodemailer: false) and nodemailer then silently ignores `service`.
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
    if (s[k] !== undefined) (preset as unknown as Record<string, unknown>)[k] = s[k];
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
