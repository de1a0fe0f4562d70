// Types for scripts/polyglot-corpus/score.mjs (used by test/bench).
export interface Report { file: string; line: number; rule: string }
export interface LanguageScore {
  truePositives: number; falseNegatives: number; falsePositives: number; decoyHits: number; unscored: number;
  knownGaps: number; knownGapsFound: number; precision: number; recall: number;
  misses: Report[]; extras: (Report & { decoy?: string })[]; gaps: Record<string, number>;
}
export interface Score { perLanguage: Record<string, LanguageScore>; total: { truePositives: number; falseNegatives: number; falsePositives: number; decoyHits: number; precision: number; recall: number } }
export function reportsFromSarif(sarif: unknown, corpusDir: string): Report[];
export function scoreReports(corpusDir: string, reports: Report[]): Score;
export function formatScore(s: Score): string;
