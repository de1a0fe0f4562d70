// Shared pieces of the polyglot corpus generator (scripts/gen-polyglot-corpus.mjs) and its language modules
// (scripts/polyglot-corpus/<lang>.mjs): the seeded PRNG, the line-tracking Writer that records answer-key
// findings and decoys by line, and the rule ids the key is scored on.

/** Rules the answer key speaks for. Reports of other rules (advice such as missing-smtp-timeouts) are not
 *  scored, except on a decoy line, where any report is a false positive. */
export const SCORED_RULES = [
  'implicit-tls-port-without-tls',
  'starttls-port-with-implicit-tls',
  'conflicting-tls-flags',
  'tls-verification-disabled',
  'legacy-tls-version',
  'tls-disabled-with-credentials',
  'port-25-with-credentials',
  'hardcoded-smtp-credentials',
  'ini-value-truncated-by-comment',
];

// cyrb128 + sfc32 (the same PRNG as ../shared/bench/gen-corpus.mjs): small, seeded, reproducible.
function cyrb128(str) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0, k; i < str.length; i++) {
    k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067); h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213); h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067); h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213); h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export function makeRng(seed) {
  let [a, b, c, d] = cyrb128(String(seed));
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0; t = (t + d) | 0; c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    weighted: (pairs) => { let tot = 0; for (const [, w] of pairs) tot += w; let x = next() * tot; for (const [v, w] of pairs) { if ((x -= w) < 0) return v; } return pairs[pairs.length - 1][0]; },
    alnum: (n) => { const cs = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'; let s = ''; for (let i = 0; i < n; i++) s += cs[Math.floor(next() * cs.length)]; return s; },
  };
}

/** A file being written line by line; findings and decoys refer to the 1-based lines `add` returns. */
export class Writer {
  constructor() { this.lines = []; this.findings = []; this.decoys = []; }
  /** Appends one line (or several, given a multi-line string); returns the number of the first. */
  add(s = '') { const first = this.lines.length + 1; for (const l of String(s).split('\n')) this.lines.push(l); return first; }
  /** Number the next added line will get. */
  get next() { return this.lines.length + 1; }
  /** A finding the linter must report: `rule` on `line`; `related` are other lines it may point at instead.
   *  `gap` names a known linter gap (the finding is true, the linter misses it today): the scorer counts it
   *  apart and lists it, so the gate measures the rest while the gap stays visible. */
  finding(rule, line, related = [], { gap } = {}) {
    if (!SCORED_RULES.includes(rule)) throw new Error(`not a scored rule: ${rule}`);
    if (!Number.isInteger(line)) throw new Error(`${rule}: no line`);
    const lines = [...new Set([line, ...related.filter((x) => Number.isInteger(x))])].sort((x, y) => x - y);
    this.findings.push({ rule, line, lines, ...(gap ? { gap } : {}) });
  }
  /** A look-alike the linter must not report (any rule). */
  decoy(line, why) { this.decoys.push({ line, why }); }
  text() { return this.lines.join('\n') + '\n'; }
}

export const NOUNS = ['user', 'order', 'invoice', 'account', 'session', 'payment', 'report', 'queue', 'job', 'item', 'cart', 'product', 'customer', 'token', 'record', 'event', 'tenant', 'shipment', 'refund', 'coupon', 'address', 'profile', 'ticket', 'comment', 'ledger', 'quote', 'contract', 'asset', 'device', 'region', 'plan', 'batch'];
export const VERBS = ['get', 'fetch', 'load', 'save', 'update', 'create', 'delete', 'validate', 'normalize', 'format', 'parse', 'build', 'process', 'handle', 'compute', 'sync', 'resolve', 'render', 'schedule', 'archive', 'merge', 'dispatch', 'refresh', 'export', 'reconcile'];
export const SVC = ['billing', 'notify', 'auth', 'orders', 'catalog', 'search', 'payments', 'shipping', 'inventory', 'accounts', 'reports', 'gateway', 'crm', 'support', 'ledger', 'identity', 'scheduler', 'audit'];
/** Remote SMTP hosts with no provider preset (provider rules stay out of the scored set's way). */
export const SMTP_HOSTS = ['smtp.example.com', 'mail.example.org', 'smtp.acme.io', 'relay.corp.example.net', 'mx1.example.com', 'smtp.internal.example.com'];
export const USERS = ['apikey', 'noreply@example.com', 'alerts@acme.io', 'mailer', 'postmaster@example.org'];
export const cap = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
export const snake = (...w) => w.join('_');
export const camel = (...w) => w[0] + w.slice(1).map(cap).join('');
export const secret = (R) => R.alnum(R.int(12, 20));

/** Every language module of ./languages/ (one file each, sorted by name); `only` limits them by id. */
export async function loadLanguages(only = null) {
  const { readdirSync } = await import('node:fs');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  const path = await import('node:path');
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'languages');
  const mods = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.mjs')).sort()) {
    const m = (await import(pathToFileURL(path.join(dir, f)).href)).default;
    if (!only || only.includes(m.id)) mods.push(m);
  }
  return mods;
}
