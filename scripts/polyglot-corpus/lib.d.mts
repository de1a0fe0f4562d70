// Types for scripts/polyglot-corpus/lib.mjs (used by test/bench).
export const SCORED_RULES: string[];
export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(arr: readonly T[]): T;
}
export interface Writer {
  text(): string;
}
export interface LanguageModule {
  id: string;
  name: string;
  ext: string;
  weight: number;
  floor: { id: string; pkg: string | null; desc: string; make: (mod: unknown) => (text: string) => unknown };
  /** One corpus file (some modules return several files or none as a Writer). */
  file(R: Rng): { file: string; w?: Writer } | undefined;
  /** The ~200-line sample the bench edits. */
  sample(R: Rng): { file: string; w: Writer };
}
export function makeRng(seed: string | number): Rng;
export function loadLanguages(only?: string[] | null): Promise<LanguageModule[]>;
