// Types for scripts/bench-profile.mjs (used by test/bench).
export interface ProfileSummary {
  totalMs: number;
  steps: { step: string; ms: number; pct: number }[];
  modules: { module: string; ms: number; pct: number }[];
  functions: { fn: string; module: string; line: number; step: string; ms: number; pct: number }[];
}
export function buildReadable(root: string, entry: string, outfile: string): Promise<string>;
export function moduleMap(bundlePath: string): { line: number; module: string }[];
export function stepOf(module: string, fn?: string): string;
export function summariseProfile(profilePath: string, bundlePath?: string | null, opts?: { top?: number }): ProfileSummary;
export function newestProfile(dir: string): string | null;
export function formatProfile(title: string, s: ProfileSummary, opts?: { steps?: number; functions?: number }): string[];
