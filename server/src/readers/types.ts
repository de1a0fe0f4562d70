import type { LibraryVersion } from '../semantics/versions';
import type { EnvValue, Format, GlobalSetting, ReadResult, Site, SmtpConfig, SourceRef, Span, ValueKind } from '../model/types';

/** Values of environment variables known from .env* files, for resolving process.env.X / ${X}. */
export interface EnvLookup {
  /** The value of `name` as seen from `file` (nearest .env* up the folder tree), or undefined. */
  get(file: string, name: string): EnvValue | undefined;
}

/**
 * Local modules a JS/TS file imports, for following ONE import hop (`import cfg from './mail'` passed to
 * createTransport). The CLI and the language server provide it (server/src/fsModules.ts): bounded (relative
 * specifiers inside the workspace, size-capped) and cached; readers never touch the file system themselves.
 */
export interface ModuleLookup {
  /** The file and text `specifier` resolves to when imported from `fromFile`, or undefined. */
  read(fromFile: string, specifier: string): { file: string; text: string } | undefined;
}

export interface ReadContext {
  env?: EnvLookup;
  /** JS/TS: follow one import hop into local modules. */
  modules?: ModuleLookup;
  /** Read only some top-level list items (incremental re-lint of huge files); see ItemFocus. */
  focus?: ItemFocus;
  /** The release of a library that reads this file (semantics/versions: rc "versions" > lockfile > manifest),
   *  for effective models whose library changed behaviour between releases. */
  versionOf?: VersionLookup;
}

export type VersionLookup = (library: string) => LibraryVersion | undefined;

/**
 * Incremental re-lint of huge YAML files (issue 6): in bounded mode, the documents of a multi-document
 * stream, or else the items of top-level sequences (the objects of a Kubernetes `List`, the entries of a
 * root list), are independent of one another, so after an edit only the units around it need reading again. `keep` decides which items are read; the others stand
 * as skipped items (like items without mail words in bounded mode). The reader fills in the out-fields only
 * when it honoured the focus (bounded mode, fast parser, no anchors): `applied` is then true.
 */
export interface ItemFocus {
  /** Read the unit at [start, end) (offsets of its first line start and of the next unit's)? */
  keep(start: number, end: number): boolean;
  /** Out: true when the focus was honoured. */
  applied?: boolean;
  /** Out: what the units are: the documents of a multi-document stream, or top-level sequence items. */
  unit?: 'document' | 'item';
  /** Out: every unit of the text, read or not, in order. */
  items?: Span[];
  /** Out: start offsets of the items (at any depth) skipped for having no mail words, in order. */
  mailless?: number[];
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
  /** Code hands the variable's text to the setting as is, with no cast (Python `os.environ.get('X')`): a boolean
   *  setting then takes the string's truth value, not the word's meaning (semantics/values 'python-str'). */
  textAsIs?: boolean;
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
  /** A compose service's environment: the folder (its build context) whose code sees these values. */
  provides?: string;
}

export interface Interpretation {
  configs: SmtpConfig[];
  globals: GlobalSetting[];
}
