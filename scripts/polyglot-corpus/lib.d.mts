// Types for scripts/polyglot-corpus/lib.mjs (used by test/bench).
export const SCORED_RULES: string[];
export interface LanguageModule {
  id: string;
  name: string;
  ext: string;
  weight: number;
  floor: { id: string; pkg: string | null; desc: string; make: (mod: unknown) => (text: string) => unknown };
}
export function loadLanguages(only?: string[] | null): Promise<LanguageModule[]>;
