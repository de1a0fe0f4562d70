// Editor settings (`mailConfigLint.*`), read per resource through `workspace/configuration` and normalised
// here so the rest of the server never sees a malformed value from a hand-edited settings.json.
import type { RuleSetting } from '../engine';

export type RunMode = 'onType' | 'onSave';

/** workspace: every candidate file of the workspace folders is reported, open or not; openFiles: open ones only. */
export type Scope = 'workspace' | 'openFiles';

export interface Settings {
  enable: boolean;
  run: RunMode;
  /** Rule id → severity or off; overrides the project's .mailconfiglintrc.json. */
  rules: Record<string, RuleSetting>;
  /** Globs (relative to the workspace folder) of files never linted. */
  ignore: string[];
  /** Delay between the last keystroke and linting (push mode), in ms. 0 = lint at once. */
  debounceMs: number;
  scope: Scope;
  connectionTest: { timeoutMs: number };
  /** Find SMTP Settings: ISPDB only when enabled (a third party); a DNS server instead of the system's; an ISPDB mirror. */
  discovery: { useIspdb: boolean; dnsServer?: string; ispdbUrl?: string };
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  rules: {},
  ignore: [],
  debounceMs: 50,
  scope: 'workspace',
  connectionTest: { timeoutMs: 5000 },
  discovery: { useIspdb: false },
};

const RULE_SETTINGS = new Set(['off', 'info', 'warning', 'error']);

function num(v: unknown, dflt: number, min: number, max: number): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : dflt;
}

/** Turns whatever the client sent (possibly null, partial or wrongly typed) into Settings. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
      // Accept ESLint-style spellings too: "warn", 0/1/2.
      const s = v === 'warn' || v === 1 ? 'warning' : v === 2 ? 'error' : v === 0 ? 'off' : v;
      if (typeof s === 'string' && RULE_SETTINGS.has(s)) rules[id] = s as RuleSetting;
    }
  }
  const dv = (r.discovery && typeof r.discovery === 'object' ? r.discovery : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const ct = (r.connectionTest && typeof r.connectionTest === 'object' ? r.connectionTest : {}) as Record<string, unknown>;
  return {
    enable: r.enable === undefined || r.enable === null ? DEFAULT_SETTINGS.enable : r.enable !== false,
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    rules,
    ignore: Array.isArray(r.ignore) ? r.ignore.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    debounceMs: num(r.debounce ?? r.debounceMs, DEFAULT_SETTINGS.debounceMs, 0, 10_000),
    scope: r.scope === 'openFiles' ? 'openFiles' : 'workspace',
    connectionTest: { timeoutMs: num(ct.timeoutMs, DEFAULT_SETTINGS.connectionTest.timeoutMs, 100, 120_000) },
    discovery: {
      useIspdb: dv.useIspdb === true,
      ...(text(dv.dnsServer) ? { dnsServer: text(dv.dnsServer) } : {}),
      // Only an https:// base (the ISPDB answers are fetched like autoconfig files, HTTPS only).
      ...(text(dv.ispdbUrl) && /^https:\/\//i.test(text(dv.ispdbUrl)!) ? { ispdbUrl: text(dv.ispdbUrl)!.replace(/\/?$/, '/') } : {}),
    },
  };
}
