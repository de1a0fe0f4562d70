import type { Format, GlobalSetting, ReadResult, Site, SmtpConfig, SourceRef, Span, ValueKind } from '../model/types';

/** Values of environment variables known from .env* files, for resolving process.env.X / ${X}. */
export interface EnvLookup {
  /** The value of `name` as seen from `file` (nearest .env* up the folder tree), or undefined. */
  get(file: string, name: string): { value: string; ref: SourceRef } | undefined;
}

export interface ReadContext {
  env?: EnvLookup;
}

export interface Reader {
  format: Format;
  /** Cheap text test run before any parse: false = this text cannot hold mail settings. */
  mayContainMail(text: string): boolean;
  read(file: string, text: string, ctx: ReadContext): ReadResult;
}

// ---------------------------------------------------------------------------------------------
// Key/value groups: .env files and YAML env blocks (compose environment map/list, Kubernetes env
// name/value lists and ConfigMap data, CI env:) are the same thing, a flat set of variables. The
// env reader and the YAML reader both turn their syntax into KvGroups; the dialect interpreters in
// readers/dialects/ turn a KvGroup into SmtpConfigs. One interpretation for every syntax.

export interface KvEntry {
  key: string;
  /** Value with quotes removed and escapes processed (secrets included: never print it). */
  value: string;
  /** literal, or env when the value is a ${VAR} / $VAR reference. */
  kind: ValueKind;
  envVar?: string;
  site: Site;
  /** The value text as written, without quotes and before escape processing / interpolation (defaults to `value`). */
  raw?: string;
  /**
   * kind 'env' (or 'expression') whose references were resolved (earlier key of the same .env file, compose
   * .env file, ...): where the value came from; `value` then holds the resolved value. Interpreters treat
   * `value` as known only when kind === 'literal' or resolvedFrom is set.
   */
  resolvedFrom?: SourceRef;
}

export interface KvGroup {
  file: string;
  format: Format;
  span: Span;
  /** "compose service api", ".env", "Deployment web container app". */
  label: string;
  entries: KvEntry[];
  /** Context that helps pick a dialect: compose `image:` / k8s container image. */
  image?: string;
}

export interface Interpretation {
  configs: SmtpConfig[];
  globals: GlobalSetting[];
}
