// Types for scripts/gen-polyglot-corpus.mjs (used by test/bench).
export const GENERATOR_VERSION: number;
export function generatePolyglotCorpus(o: { out: string; files?: number; seed?: string; langs?: string[] | null; force?: boolean }): Promise<{
  files: number;
  findings: number;
  decoys: number;
  hash: string;
  perLang: Record<string, { files: number; findings: number; decoys: number }>;
}>;
