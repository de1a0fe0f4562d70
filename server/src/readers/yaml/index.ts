// YAML reader: every document of a file (parseAllDocuments, one parse), aliases and merge keys resolved.
// Finds mail client settings and hands them to the shared interpretation:
//  - env blocks anywhere (compose `services.<name>.environment` map/list, Kubernetes container `env:`
//    name/value lists, GitHub Actions `env:` at workflow/job/step level, GitLab CI `variables:`, Helm-style
//    `env:`/`extraEnv:` maps) → KvGroups → interpretKvGroup (dialects/index.ts; SPRING_MAIL_* go to spring.ts);
//  - Kubernetes ConfigMap `data` / Secret `data` (base64, decoded) / `stringData` → KvGroups, and embedded
//    files in them (`application.yml: |` parsed in place, offsets exact; `*.properties: |` line-parsed);
//  - Spring `spring.mail.*` (nested, flat dotted, bracketed map keys) → one config per document
//    (multi-profile files give one config per profile document) → dialects/spring.ts;
//  - Ghost-style `mail: {transport, options: {host, port, secure, auth}}` → KvGroup keys `mail__options__port`
//    (nconf's own env spelling, so the Ghost dialect applies unchanged);
//  - Grafana Helm values `grafana.ini: {smtp: {...}}` → KvGroup keys `GF_SMTP_<KEY>`;
//  - GitHub Actions steps `uses: dawidd6/action-send-mail@…` → their `with:` inputs → dialects/action-send-mail.ts.
// Server-side YAML stays silent: `ports:` is never read, and env blocks of MTA/mail-catcher images
// (postfix, docker-mailserver, exim, mailhog, mailpit …: their SMTP settings are the server's) are skipped.
import * as nodePath from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fastParse } from './fast';
import type { Document } from 'yaml';
import type { EnvValue, Field, ReadProblem, ReadResult, Site, SmtpConfig, Span } from '../../model/types';
import { fieldsOf } from '../../model/fields';
import { composeBuildContext } from '../../semantics/env-files';
import { registerReader } from '../index';
import { addSuppressionComment, emptySuppressions, mentionsSuppression } from '../suppressions';
import type { EnvLookup, KvEntry, KvGroup, ReadContext, Reader } from '../types';
import { interpretKvGroup } from '../dialects/index';
import { spanOf } from '../dialects/common';
import { interpretSpring, normaliseSpringName, setSpringValue } from '../dialects/spring';
import { buildActionSendMail } from '../dialects/action-send-mail';
import { readSymfonyMailer } from './symfony';
import { isActionSendMail } from '../../semantics/action-send-mail';
import type { SpringProp } from '../dialects/spring';
import { ignoredSpringKey, springConfigFileKind } from '../../semantics/spring';
import {
  classify,
  deref,
  getKey,
  getString,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  keyString,
  lineStart,
  listItemSite,
  nameValueSite,
  pairSite,
  pairsOf,
  rangeOf,
  scalarInfo,
} from './nodes';
import type { Pair, Src, YAMLMap, YAMLSeq, YNode } from './nodes';

const MAIL_HINT = /smtp|mail(?!-config-lint)|NODE_TLS_REJECT_UNAUTHORIZED|NODE_OPTIONS/i;

/** Cheap prefilter: no SMTP/mail word (and no process-wide TLS setting) → nothing to read. */
export function mayContainMail(text: string): boolean {
  return MAIL_HINT.test(text);
}

/**
 * Texts of at least `fastAboveBytes` UTF-16 units are first tried with the line-based reader (fast.ts). It
 * accepts only the plain block-style subset (what compose, kubectl and Spring files almost always are) and
 * builds the same AST as the `yaml` parser about 3x faster; anything else (and every text with a syntax
 * error: the fast reader rejects what the full parser would report, checked by the fuzz tests) goes to the
 * full parser, which reports the errors. 0 = always try the fast reader first.
 *
 * Texts of at least `boundedAboveBytes` are read in bounded mode (issue 6: a 5 MiB kubectl dump must lint
 * within 500 ms and 250 MB): the fast reader skips the sequence items (Kubernetes objects of a `List`,
 * containers, steps …) that do not mention mail settings (the `mayContainMail` vocabulary, which already
 * decides whether a whole file is read), except items of env lists. What is read is read exactly as
 * before (same nodes, same offsets); skipped items are not syntax-checked, and a ReadProblem says so.
 */
export const yamlOptions = { fastAboveBytes: 0, boundedAboveBytes: 1_000_000 };

/** The problem a file read in bounded mode reports (the language server rebuilds it after incremental re-lints). */
export function boundedModeMessage(length: number, skipped: number): string {
  return `large file (${(length / 1e6).toFixed(1)} MB): bounded mode, ${skipped === 1 ? '1 list item' : `${skipped} list items`} without mail settings ${skipped === 1 ? 'was' : 'were'} skipped (not syntax-checked); everything that mentions mail settings was read`;
}


/** Sites of Secret `data` values (base64 in the file): the renderer encodes what it writes there. */
export const base64Sites = new WeakSet<Site>();

const ENV_KEYS = new Set(['environment', 'env', 'variables', 'extraEnv', 'extraEnvVars', 'envVars']);
const MAX_DEPTH = 64;
const MAX_PROBLEMS = 20;

/** Images whose SMTP settings configure a mail server or catcher, not a client. */
const SERVER_IMAGE_NAMES = new Set([
  'postfix', 'docker-postfix', 'postfix-relay', 'smtp', 'smtp-relay', 'exim', 'exim4', 'exim-relay', 'docker-mailserver', 'mailserver', 'mailhog',
  'mailpit', 'maildev', 'smtp4dev', 'greenmail', 'haraka', 'maddy', 'stalwart-mail', 'mail-server', 'poste.io', 'iredmail', 'mailcatcher',
  'fake-smtp-server', 'opendkim', 'rspamd', 'dovecot', 'mailu',
]);
const SERVER_IMAGE_OWNERS = /(^|\/)(mailu|mailcow|docker-mailserver|mailserver|boky|namshi|bytemark|juanluisbaptiste|mailhog|axllent|maildev|rnwood|greenmail|analogic|tvial|stalwartlabs|foxcpp)\//i;

export function isServerImage(image: string | undefined): boolean {
  if (!image) return false;
  const noTag = image.replace(/@sha256:.*$/, '').replace(/:[^/:]*$/, '');
  const last = noTag.slice(noTag.lastIndexOf('/') + 1).toLowerCase();
  if (SERVER_IMAGE_OWNERS.test(noTag)) return true;
  // Plain names only when they are the whole repository name (ghcr.io/acme/mailer-api is a client).
  return SERVER_IMAGE_NAMES.has(last);
}

interface Ctx {
  src: Src;
  groups: KvGroup[];
  configs: SmtpConfig[];
  problems: ReadProblem[];
  /** Compose files resolve `${VAR}` from the .env files next to them. */
  compose: boolean;
  read: ReadContext;
  active: Set<unknown>;
}

function read(file: string, text: string, rctx: ReadContext): ReadResult {
  const result: ReadResult = { file, format: 'yaml', configs: [], globals: [], suppressions: emptySuppressions(), problems: [] };
  if (mentionsSuppression(text)) collectSuppressions(text, result);
  if (!mayContainMail(text)) return result;
  readText(file, text, 0, text, rctx, result);
  return result;
}

/** Parses `part` (a slice of `full` starting at `base`) and reads every document in it. */
function readText(file: string, full: string, base: number, part: string, rctx: ReadContext, result: ReadResult): void {
  let docs: Document.Parsed[];
  try {
    // The focus (incremental re-lint) applies to the file's own top level, not to embedded files.
    const focus = base === 0 && part === full ? rctx.focus : undefined;
    const prune = part.length >= yamlOptions.boundedAboveBytes ? { hint: MAIL_HINT, keepItemsOf: (k: string) => ENV_KEYS.has(k), skipped: 0, focus } : undefined;
    const fast = part.length >= yamlOptions.fastAboveBytes || prune ? fastParse(part, { prune }) : undefined;
    if (fast && prune?.skipped) result.problems.push({ kind: 'bounded-mode', message: boundedModeMessage(part.length, prune.skipped) });
    docs = (fast ?? parseAllDocuments(part, { uniqueKeys: false, prettyErrors: false, strict: false })) as unknown as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
    result.problems.push({ kind: 'parse-error', message: `YAML could not be parsed: ${(e as Error).message}` });
    return;
  }
  // Helm / Go / Jinja templates (`{{ .Values.x }}`, `{%- if %}`) are not YAML until rendered: read what
  // parses, but do not report their syntax errors.
  const templated = (part.includes('{{') || part.includes('{%')) && /(^|[^$])\{\{[^}\n]*\}\}|\{%/.test(part);
  for (const doc of docs) {
    for (const err of templated ? [] : doc.errors ?? []) {
      if (result.problems.length >= MAX_PROBLEMS) break;
      const pos = err.pos ?? [0, 0];
      // The parser may point one past the end of the text (an unexpected end): clamp into the file.
      const lim = base + part.length;
      const start = Math.min(lim, base + pos[0]);
      const end = Math.min(lim, Math.max(start, base + pos[1]));
      result.problems.push({ kind: 'parse-error', message: `YAML syntax error: ${firstLine(err.message)}`, span: { start, end } });
    }
    const ctx: Ctx = { src: { file, full, base, doc }, groups: [], configs: [], problems: result.problems, compose: false, read: rctx, active: new Set() };
    try {
      readDocument(ctx, result);
    } catch (e) {
      // Partial results of other documents stay; this one is reported.
      result.problems.push({ kind: 'parse-error', message: `YAML document could not be read: ${(e as Error).message}`, span: docSpan(doc, base) });
      continue;
    }
    for (const g of ctx.groups) {
      try {
        const out = interpretKvGroup(g, ctx.read.versionOf);
        if (g.provides) provideEnv(result, g, out.configs);
        result.configs.push(...out.configs);
        result.globals.push(...out.globals);
      } catch (e) {
        // One block the interpreter cannot handle must not hide the others.
        result.problems.push({ kind: 'internal-error', message: `internal error while reading ${g.label}: ${(e as Error).message}`, span: g.span });
      }
    }
    result.configs.push(...ctx.configs);
  }
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

function docSpan(doc: Document.Parsed, base: number) {
  const r = rangeOf(doc.contents);
  return r ? { start: base + r[0], end: base + r[1] } : undefined;
}

function readDocument(ctx: Ctx, result: ReadResult): void {
  const root = deref(ctx.src.doc.contents, ctx.src);
  if (!isMap(root)) {
    if (isSeq(root)) walk(ctx, root, null, {}, 0, result);
    return;
  }
  const rootMap = root as YAMLMap;
  ctx.compose = isMap(getKey(rootMap, 'services', ctx.src)) && !getKey(rootMap, 'jobs', ctx.src);
  readSpring(ctx, rootMap, true);
  readGhost(ctx, rootMap);
  ctx.configs.push(...readSymfonyMailer(ctx.src, rootMap, ctx.read));
  walk(ctx, rootMap, null, {}, 0, result);
}

// ------------------------------------------------------------------------------------------------
// Generic walk: env blocks anywhere, Kubernetes objects, embedded files.

interface Where {
  /** Compose service: the folder its `build:` names (absolute). */
  buildFolder?: string;
  k8sKind?: string;
  k8sName?: string;
  container?: string;
  image?: string;
}

/** The key path to a node, as a linked list (arrays only when a label needs them). */
interface Path {
  key: string;
  parent: Path | null;
  length: number;
}

function push(path: Path | null, key: string): Path {
  return { key, parent: path, length: (path?.length ?? 0) + 1 };
}

function toArray(path: Path | null): string[] {
  const out: string[] = [];
  for (let p = path; p; p = p.parent) out.push(p.key);
  return out.reverse();
}

function walk(ctx: Ctx, node: YNode, path: Path | null, where: Where, depth: number, result: ReadResult): void {
  if (depth > MAX_DEPTH) return;
  const n = deref(node, ctx.src);
  if (!n || ctx.active.has(n)) return;
  ctx.active.add(n);
  try {
    if (isMap(n)) walkMap(ctx, n as YAMLMap, path, where, depth, result);
    else if (isSeq(n)) {
      const items = (n as YAMLSeq).items;
      for (let i = 0; i < items.length; i++) {
        const it = items[i];
        if (it && typeof it === 'object') walk(ctx, it, push(path, String(i)), where, depth + 1, result);
      }
    }
  } finally {
    ctx.active.delete(n);
  }
}

function walkMap(ctx: Ctx, map: YAMLMap, path: Path | null, where: Where, depth: number, result: ReadResult): void {
  const src = ctx.src;
  const pairs = pairsOf(map, src);
  // One pass for the keys that give context (kind/apiVersion/metadata/image/name).
  let kind: string | undefined;
  let hasApi = false;
  let meta: YNode;
  let imageNode: YNode;
  let buildNode: YNode;
  let name: string | undefined;
  let hasSpring = false;
  for (const p of pairs) {
    const k = keyString(p, src);
    if (k === 'kind' || k === 'name') {
      const v = deref(p.value, src);
      const sv = isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
      if (k === 'kind') kind = sv;
      else name = sv;
    } else if (k === 'apiVersion') hasApi = true;
    else if (k === 'metadata') meta = deref(p.value, src);
    else if (k === 'image') imageNode = deref(p.value, src);
    else if (k === 'build' && ctx.compose && path?.length === 2 && path.parent?.key === 'services') buildNode = deref(p.value, src);
    else if (k === 'uses') {
      const v = deref(p.value, src);
      if (isScalar(v) && typeof v.value === 'string' && isActionSendMail(v.value)) readActionSendMail(ctx, map, path, where);
    }
    else if (depth > 0 && k !== undefined && (k === 'spring' || k.startsWith('spring.mail'))) hasSpring = true;
  }
  // Spring settings nested in another file's tree (Helm values `config: {spring: {mail: …}}`).
  if (hasSpring) readSpring(ctx, map);
  let here = where;
  let ownData = false;
  if (kind && (hasApi || meta !== undefined)) {
    const objName = isMap(meta) ? getString(meta as YAMLMap, 'name', src) : undefined;
    here = { k8sKind: kind, k8sName: objName };
    if (kind === 'ConfigMap' || kind === 'Secret') {
      ownData = true;
      readK8sData(ctx, map, kind, objName, result);
    }
  }
  const image = imageNode === undefined ? undefined : imageOf(imageNode, ctx);
  const inContainers = !!path?.parent && /^(containers|initContainers|ephemeralContainers)$/.test(path.parent.key);
  if (inContainers) here = { ...here, container: name, image };
  else if (image) here = { ...here, image };
  if (buildNode !== undefined) {
    const b = isScalar(buildNode) && typeof buildNode.value === 'string' ? buildNode.value : isMap(buildNode) ? { context: getString(buildNode as YAMLMap, 'context', src) } : undefined;
    const rel = composeBuildContext(b);
    if (rel !== undefined) here = { ...here, buildFolder: nodePath.resolve(nodePath.dirname(src.file), rel) };
  }
  for (const p of pairs) {
    const v = p.value;
    if (!v || typeof v !== 'object') continue;
    const k = keyString(p, src);
    if (k === undefined) continue;
    if (k === 'ports') continue; // server port mappings: never read
    if (ENV_KEYS.has(k)) {
      const dv = deref(v, src);
      if (isMap(dv) || isSeq(dv)) {
        readEnvBlock(ctx, p, dv as YAMLMap | YAMLSeq, push(path, k), here);
        continue;
      }
    }
    if (k === 'grafana.ini') {
      readGrafana(ctx, p);
      continue;
    }
    if (ownData && (k === 'data' || k === 'stringData')) continue;
    walk(ctx, v, push(path, k), here, depth + 1, result);
  }
}

/**
 * A GitHub Actions step running dawidd6/action-send-mail: its `with:` inputs are handed to nodemailer
 * (semantics/action-send-mail.ts says how), so they are one nodemailer config.
 */
function readActionSendMail(ctx: Ctx, step: YAMLMap, path: Path | null, where: Where): void {
  const src = ctx.src;
  const w = pairsOf(step, src).find((q) => keyString(q, src) === 'with');
  const block = w ? deref(w.value, src) : undefined;
  if (!w || !isMap(block)) return;
  const entries: KvEntry[] = [];
  for (const p of pairsOf(block as YAMLMap, src)) {
    const e = entryFromPair(ctx, p);
    if (e) entries.push(e);
  }
  if (!entries.length) return;
  const r = rangeOf(w.value) ?? rangeOf(w.key);
  const kr = rangeOf(w.key);
  const span = { start: src.base + (kr ? kr[0] : r ? r[0] : 0), end: src.base + (r ? r[1] : 0) };
  const cfg = buildActionSendMail({ file: src.file, format: 'yaml', span, label: labelFor(path, where), entries });
  if (cfg) ctx.configs.push(cfg);
}

function imageOf(v: YNode, ctx: Ctx): string | undefined {
  if (isScalar(v) && typeof v.value === 'string') return v.value;
  if (isMap(v)) {
    const repo = getString(v as YAMLMap, 'repository', ctx.src);
    if (repo) return repo;
  }
  return undefined;
}

function labelFor(p: Path | null, where: Where): string {
  const path = toArray(p);
  if (where.k8sKind) {
    const obj = `${where.k8sKind}${where.k8sName ? ' ' + where.k8sName : ''}`;
    return where.container ? `${obj} container ${where.container}` : obj;
  }
  if (path[0] === 'services' && path.length >= 3) return `compose service ${path[1]}`;
  if (path[0] === 'jobs' && path.length >= 2) {
    const step = path.indexOf('steps');
    return step >= 0 && path[step + 1] !== undefined ? `job ${path[1]} step ${Number(path[step + 1]) + 1}` : `job ${path[1]}`;
  }
  if (path.length === 1) return `${path[0]} (top level)`;
  return path.join('.');
}

// ------------------------------------------------------------------------------------------------
// Env blocks

function entryFromPair(ctx: Ctx, p: Pair, keyPath?: string[]): KvEntry | undefined {
  const src = ctx.src;
  const key = keyString(p, src);
  if (key === undefined || key === '<<') return undefined;
  let valueNode = p.value;
  let site: Site | undefined;
  const dv = deref(valueNode, src);
  if (isMap(dv)) {
    // GitLab CI `VAR: {value: "x", description: "..."}`.
    const inner = pairsOf(dv as YAMLMap, src).find((q) => keyString(q, src) === 'value');
    if (!inner) return undefined;
    site = pairSite(p, src, 'yaml-map', keyPath);
    const innerSite = pairSite(inner, src, 'yaml-map');
    if (!site || !innerSite) return undefined;
    site.value = innerSite.value;
    site.quote = innerSite.quote;
    valueNode = inner.value;
  } else if (isSeq(dv)) return undefined;
  else site = pairSite(p, src, 'yaml-map', keyPath);
  if (!site) return undefined;
  const info = valueNode === null || valueNode === undefined ? undefined : scalarInfo(valueNode, src);
  if (valueNode !== null && valueNode !== undefined && !info) return undefined;
  const value = info ? info.value : '';
  return finishEntry(ctx, key, value, info ? info.raw : '', site);
}

function finishEntry(ctx: Ctx, key: string, value: string, raw: string, site: Site): KvEntry {
  const ref = classify(value);
  const e: KvEntry = { key, value, kind: ref.kind, site };
  if (raw !== value) e.raw = raw;
  if (ref.envVar) e.envVar = ref.envVar;
  if (ref.kind === 'literal' && ctx.compose && value.includes('$$')) e.value = value.replace(/\$\$/g, '$');
  if (ref.kind === 'env' && ref.envVar && ctx.compose && ctx.read.env) {
    const hit = ctx.read.env.get(site.file, ref.envVar);
    if (hit) {
      e.raw = raw;
      e.value = hit.value;
      e.resolvedFrom = hit.ref;
    }
  }
  return e;
}

function readEnvBlock(ctx: Ctx, pair: Pair, block: YAMLMap | YAMLSeq, path: Path, where: Where): void {
  const src = ctx.src;
  if (isServerImage(where.image)) return;
  const entries: KvEntry[] = [];
  if (isMap(block)) {
    for (const p of pairsOf(block as YAMLMap, src)) {
      const e = entryFromPair(ctx, p);
      if (e) entries.push(e);
    }
  } else {
    for (const item of (block as YAMLSeq).items) {
      const it = deref(item, src);
      if (isScalar(it) || isAlias(item)) {
        const info = scalarInfo(item, src);
        if (!info || info.block) continue;
        const eq = info.value.indexOf('=');
        if (eq <= 0) continue; // `- KEY` passes the shell's value through: nothing written here
        const key = info.value.slice(0, eq).trim();
        if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) continue;
        const site = listItemSite(item, info, eq, src);
        const value = info.value.slice(eq + 1);
        entries.push(finishEntry(ctx, key, value, value, site));
      } else if (isMap(it)) {
        const m = it as YAMLMap;
        const namePair = pairsOf(m, src).find((q) => keyString(q, src) === 'name');
        if (!namePair) continue;
        const nameNode = deref(namePair.value, src);
        if (!isScalar(nameNode) || typeof nameNode.value !== 'string') continue;
        const key = nameNode.value;
        const valuePair = pairsOf(m, src).find((q) => keyString(q, src) === 'value');
        const fromPair = pairsOf(m, src).find((q) => keyString(q, src) === 'valueFrom');
        if (valuePair) {
          const info = valuePair.value === null || valuePair.value === undefined ? undefined : scalarInfo(valuePair.value, src);
          const site = nameValueSite(m, namePair.value, valuePair.value ?? undefined, src);
          if (!site) continue;
          if (info) {
            const e = finishEntry(ctx, key, info.value, info.raw, site);
            entries.push(e);
          } else entries.push({ key, value: '', kind: 'literal', site });
        } else if (fromPair) {
          // valueFrom (secretKeyRef, configMapKeyRef, fieldRef): set, but never a literal here.
          const site = nameValueSite(m, namePair.value, fromPair.value ?? undefined, src);
          if (site) entries.push({ key, value: '', raw: describeValueFrom(deref(fromPair.value, src), ctx), kind: 'unknown', site });
        }
      }
    }
  }
  if (!entries.length) return;
  const r = rangeOf(pair.value) ?? rangeOf(pair.key);
  const kr = rangeOf(pair.key);
  const span = { start: src.base + (kr ? kr[0] : r ? r[0] : 0), end: src.base + (r ? r[1] : 0) };
  const g: KvGroup = { file: src.file, format: 'yaml', span, label: labelFor(path, where), entries };
  if (where.image) g.image = where.image;
  if (where.buildFolder && ctx.compose && path.length === 3 && path.parent?.parent?.key === 'services') g.provides = where.buildFolder;
  ctx.groups.push(g);
}

/**
 * A compose service's `environment:` values are its code's environment: they become envVars scoped to the service's
 * build folder (EnvValue.scope), ranked below the env files there (semantics/env-files envFileRank), with the library
 * this file reads each one as (EnvValue.readAs: code reading it back is an echo of this file's finding). Values known
 * here only: literals and `${X}` references resolved from the .env next to the compose file.
 */
function provideEnv(result: ReadResult, g: KvGroup, configs: SmtpConfig[]): void {
  const vars = (result.envVars ??= Object.create(null) as Record<string, EnvValue>);
  const readAs = new Map<number, SmtpConfig['dialect']>();
  for (const cfg of configs) for (const f of fieldsOf(cfg)) if (f.site.file === g.file) readAs.set(f.site.entry.start, cfg.dialect);
  for (const e of g.entries) {
    if (e.kind !== 'literal' && !e.resolvedFrom) continue;
    const v: EnvValue = { value: e.value, ref: { file: g.file, span: { ...e.site.entry } }, scope: g.provides };
    const dialect = readAs.get(e.site.entry.start);
    if (dialect) v.readAs = dialect;
    let key = e.key;
    for (let i = 1; key in vars; i++) key = `${e.key}\u0000${i}`;
    if (key !== e.key) v.name = e.key;
    vars[key] = v;
  }
}

/** `valueFrom: {secretKeyRef: {name: smtp, key: user}}` → 'secretKeyRef smtp/user' (for messages). */
function describeValueFrom(v: YNode, ctx: Ctx): string {
  if (!isMap(v)) return 'valueFrom';
  for (const p of pairsOf(v as YAMLMap, ctx.src)) {
    const k = keyString(p, ctx.src);
    const ref = deref(p.value, ctx.src);
    if (!k) continue;
    if (isMap(ref)) {
      const name = getString(ref as YAMLMap, 'name', ctx.src);
      const key = getString(ref as YAMLMap, 'key', ctx.src) ?? getString(ref as YAMLMap, 'fieldPath', ctx.src) ?? getString(ref as YAMLMap, 'resource', ctx.src);
      return `${k}${name || key ? ' ' : ''}${name ?? ''}${name && key ? '/' : ''}${key ?? ''}`;
    }
    return k;
  }
  return 'valueFrom';
}

// ------------------------------------------------------------------------------------------------
// Kubernetes ConfigMap / Secret

function readK8sData(ctx: Ctx, obj: YAMLMap, kind: string, name: string | undefined, result: ReadResult): void {
  const src = ctx.src;
  for (const section of ['data', 'stringData']) {
    const block = getKey(obj, section, src);
    if (!isMap(block)) continue;
    const base64 = kind === 'Secret' && section === 'data';
    const entries: KvEntry[] = [];
    for (const p of pairsOf(block as YAMLMap, src)) {
      const key = keyString(p, src);
      if (key === undefined) continue;
      const info = p.value === null || p.value === undefined ? undefined : scalarInfo(p.value, src);
      if (info?.block || (info && info.value.includes('\n'))) {
        if (!base64) readEmbedded(ctx, key, p, result);
        continue;
      }
      const e = entryFromPair(ctx, p);
      if (!e) continue;
      if (base64 && e.kind === 'literal') {
        const decoded = decodeBase64(e.value);
        if (decoded === undefined) continue;
        e.raw = e.value;
        e.value = decoded;
        base64Sites.add(e.site);
      }
      entries.push(e);
    }
    if (!entries.length) continue;
    const r = rangeOf(block);
    ctx.groups.push({
      file: src.file,
      format: 'yaml',
      span: { start: src.base + (r ? r[0] : 0), end: src.base + (r ? r[1] : 0) },
      label: `${kind}${name ? ' ' + name : ''} ${section}`,
      entries,
    });
  }
}

function decodeBase64(s: string): string | undefined {
  const t = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 === 1) return undefined;
  const out = Buffer.from(t, 'base64').toString('utf8');
  // Binary payloads are not settings.
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(out) ? undefined : out;
}

/** `application.yml: |` (or .yaml / .properties) inside a ConfigMap: read in place with exact offsets. */
function readEmbedded(ctx: Ctx, key: string, p: Pair, result: ReadResult): void {
  const src = ctx.src;
  const r = rangeOf(p.value);
  if (!r || !isScalar(p.value) || p.value.type !== 'BLOCK_LITERAL') return;
  const isYaml = /\.ya?ml$/i.test(key);
  const isProps = /\.properties$/i.test(key);
  if (!isYaml && !isProps) return;
  const headerStart = src.base + r[0];
  const bodyStart = src.full.indexOf('\n', headerStart) + 1;
  const bodyEnd = src.base + r[1];
  if (bodyStart <= 0 || bodyEnd <= bodyStart) return;
  const body = src.full.slice(bodyStart, bodyEnd);
  if (!mayContainMail(body)) return;
  if (isYaml) {
    const inner: ReadResult = { file: src.file, format: 'yaml', configs: [], globals: [], suppressions: result.suppressions, problems: result.problems };
    readText(src.file, src.full, bodyStart, body, ctx.read, inner);
    ctx.configs.push(...inner.configs);
    result.globals.push(...inner.globals);
  } else {
    const props = readProperties(src.file, src.full, bodyStart, body, ctx.read.env);
    if (props.length) {
      const cfg = springConfig(src.file, props, `${key} (Spring)`);
      if (cfg) ctx.configs.push(cfg);
    }
  }
}

/** `key=value` / `key: value` lines of a Java .properties text (no continuation lines). Spring mail keys only. */
function readProperties(file: string, full: string, base: number, body: string, env: EnvLookup | undefined): SpringProp[] {
  const out: SpringProp[] = [];
  let at = 0;
  while (at < body.length) {
    let nl = body.indexOf('\n', at);
    if (nl < 0) nl = body.length;
    const line = body.slice(at, nl).replace(/\r$/, '');
    const m = /^([ \t]*)([^\s#!=:][^=:\s]*)[ \t]*[=:][ \t]*(.*?)[ \t]*$/.exec(line);
    if (m && /^spring\.mail\./i.test(m[2])) {
      const name = normaliseSpringName([m[2]]);
      if (name) {
        const keyStart = base + at + m[1].length;
        const valStart = base + at + line.length - (line.length - line.trimEnd().length) - m[3].length;
        const site: Site = {
          file,
          style: 'env',
          value: { start: valStart, end: valStart + m[3].length },
          quote: '',
          key: { start: keyStart, end: keyStart + m[2].length },
          entry: { start: base + at, end: Math.min(full.length, base + nl + 1) },
          indent: m[1],
        };
        out.push(makeProp(name, m[2], m[3], m[3], m[3], site, env));
      }
    }
    at = nl + 1;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Spring

function makeProp(name: string, key: string, value: string, typed: string | number | boolean | undefined, raw: string, site: Site, env: EnvLookup | undefined): SpringProp {
  const secret = name === 'spring.mail.password';
  const field: Field = { key, text: secret ? '***' : raw, kind: 'literal', site };
  const p: SpringProp = { name, field };
  if (secret) p.raw = value;
  // `${SMTP_PORT:587}`: Spring's placeholder, valued from the workspace's env files like in application.properties.
  // The YAML reader keeps an unset variable's default unknown (its rules read `protocol: ${MAIL_PROTOCOL:smtp}` as
  // "set per environment", the must-stay-clean case of spring-property-prefix-mismatch).
  setSpringValue(p, value, typed, (n) => env?.get(site.file, n), false);
  return p;
}

function springConfig(file: string, props: SpringProp[], label: string): SmtpConfig | undefined {
  return interpretSpring(props, { file, format: 'yaml', span: spanOf(props.map((p) => p.field)), label });
}

const SPRING_MAIL = ['spring', 'mail'];

/** Where a key path stands to `spring.mail`: above it (prefix), below it (inside) or elsewhere. */
function segsMatch(segs: string[]): 'prefix' | 'inside' | 'no' {
  // Only the first three dotted pieces matter: stop splitting there (called for every key of every map
  // that readSpring visits).
  let n = 0;
  for (const s of segs) {
    const unb = s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
    for (const x of unb.split('.')) {
      if (n < 2 && x.toLowerCase() !== SPRING_MAIL[n]) return 'no';
      if (++n > 2) return 'inside';
    }
  }
  return 'prefix';
}

function readSpring(ctx: Ctx, root: YAMLMap, atRoot = false): void {
  const src = ctx.src;
  const props: SpringProp[] = [];
  // A top-level `mail.smtp.*` / `mail.debug` in a Spring config file (application*.yml, bootstrap*.yml,
  // configurations/*.yml) is what the author meant for JavaMail, at a name nothing reads (semantics/spring).
  const topLevelMail = atRoot && springConfigFileKind(src.file) !== undefined;
  const visit = (map: YAMLMap, segs: string[], spans: Span[], depth: number, top: boolean) => {
    if (depth > 24) return;
    for (const p of pairsOf(map, src)) {
      const k = keyString(p, src);
      if (k === undefined) continue;
      const next = [...segs, k];
      const m = top ? topMailMatch(next) : segsMatch(next);
      if (m === 'no') continue;
      const kr = rangeOf(p.key);
      const nextSpans = kr ? [...spans, { start: src.base + kr[0], end: src.base + kr[1] }] : spans;
      const v = deref(p.value, src);
      if (isMap(v)) {
        visit(v as YAMLMap, next, nextSpans, depth + 1, top);
        continue;
      }
      if (m !== 'inside' || isSeq(v)) continue;
      const name = top ? topMailName(next) : normaliseSpringName(next);
      if (!name) continue;
      const site = pairSite(p, src, 'yaml-map', next);
      if (!site) continue;
      if (nextSpans.length === next.length) site.keySpans = nextSpans;
      const info = p.value === null || p.value === undefined ? undefined : scalarInfo(p.value, src);
      if (p.value !== null && p.value !== undefined && !info) continue;
      props.push(makeProp(name, next.join('.'), info?.value ?? '', info?.typed, info?.raw ?? '', site, ctx.read.env));
    }
  };
  visit(root, [], [], 0, false);
  if (topLevelMail) visit(root, [], [], 0, true);
  if (!props.length) return;
  const profile = springProfile(root, ctx);
  const cfg = springConfig(src.file, props, `Spring mail settings${profile ? ` (profile ${profile})` : ''}`);
  if (cfg) ctx.configs.push(cfg);
}

/** A path under a top-level `mail` key: above a leaf (prefix), a leaf candidate (inside) or elsewhere. */
function topMailMatch(segs: string[]): 'prefix' | 'inside' | 'no' {
  const flat = flatSegments(segs);
  if (flat[0] !== 'mail') return 'no';
  return flat.length >= 2 ? 'inside' : 'prefix';
}

/** The JavaMail name a top-level key is written as ('mail.smtp.starttls.enable'); only names JavaMail would use. */
function topMailName(segs: string[]): string | undefined {
  const name = flatSegments(segs).join('.');
  return ignoredSpringKey(name) ? name : undefined;
}

function flatSegments(segs: string[]): string[] {
  const out: string[] = [];
  for (const s of segs) out.push(...(s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s).split('.'));
  return out;
}

function springProfile(root: YAMLMap, ctx: Ctx): string | undefined {
  const src = ctx.src;
  const spring = getKey(root, 'spring', src);
  if (isMap(spring)) {
    const cfg = getKey(spring as YAMLMap, 'config', src);
    const act = isMap(cfg) ? getKey(cfg as YAMLMap, 'activate', src) : undefined;
    const on = isMap(act) ? getString(act as YAMLMap, 'on-profile', src) : undefined;
    if (on) return on;
    const prof = getString(spring as YAMLMap, 'profiles', src);
    if (prof) return prof;
  }
  return getString(root, 'spring.config.activate.on-profile', src) ?? getString(root, 'spring.profiles', src);
}

// ------------------------------------------------------------------------------------------------
// Ghost (`mail: {transport, options}`) and Grafana (`grafana.ini: {smtp: {...}}`)

function flattenToEntries(ctx: Ctx, map: YAMLMap, prefix: string, sep: string, keyCase: (k: string) => string, out: KvEntry[], depth: number): void {
  if (depth > 8) return;
  const src = ctx.src;
  for (const p of pairsOf(map, src)) {
    const k = keyString(p, src);
    if (k === undefined) continue;
    const v = deref(p.value, src);
    const key = prefix + keyCase(k);
    if (isMap(v)) {
      flattenToEntries(ctx, v as YAMLMap, key + sep, sep, keyCase, out, depth + 1);
      continue;
    }
    if (isSeq(v)) continue;
    const e = entryFromPair(ctx, p);
    if (e) {
      e.key = key;
      out.push(e);
    }
  }
}

/** `entries` (read from the value of `pair`) as one KvGroup spanning the pair; nothing when there are none. */
function pushPairGroup(ctx: Ctx, pair: Pair, entries: KvEntry[], label: string, image: string): void {
  if (!entries.length) return;
  const src = ctx.src;
  const kr = rangeOf(pair.key);
  const vr = rangeOf(pair.value);
  ctx.groups.push({
    file: src.file,
    format: 'yaml',
    span: { start: src.base + (kr ? kr[0] : 0), end: src.base + (vr ? vr[1] : kr ? kr[1] : 0) },
    label,
    entries,
    image,
  });
}

function readGhost(ctx: Ctx, root: YAMLMap): void {
  const src = ctx.src;
  const mailPair = pairsOf(root, src).find((p) => keyString(p, src) === 'mail');
  if (!mailPair) return;
  const mail = deref(mailPair.value, src);
  if (!isMap(mail)) return;
  const m = mail as YAMLMap;
  if (getKey(m, 'transport', src) === undefined && !isMap(getKey(m, 'options', src))) return;
  const entries: KvEntry[] = [];
  flattenToEntries(ctx, m, 'mail__', '__', (k) => k, entries, 0);
  pushPairGroup(ctx, mailPair, entries, 'mail (Ghost config)', 'ghost');
}

function readGrafana(ctx: Ctx, pair: Pair): void {
  const src = ctx.src;
  const ini = deref(pair.value, src);
  if (!isMap(ini)) return;
  const smtpPair = pairsOf(ini as YAMLMap, src).find((p) => keyString(p, src) === 'smtp');
  const smtp = smtpPair ? deref(smtpPair.value, src) : undefined;
  if (!smtpPair || !isMap(smtp)) return;
  const entries: KvEntry[] = [];
  flattenToEntries(ctx, smtp as YAMLMap, 'GF_SMTP_', '_', (k) => k.toUpperCase(), entries, 0);
  pushPairGroup(ctx, smtpPair, entries, 'grafana.ini smtp', 'grafana/grafana');
}

// ------------------------------------------------------------------------------------------------
// Suppression comments (`# mail-config-lint-disable-next-line rule`)

function collectSuppressions(text: string, result: ReadResult): void {
  const re = /#[^\n]*mail-config-lint-disable[^\n]*/g;
  let m: RegExpExecArray | null;
  let line = 0;
  let at = 0;
  while ((m = re.exec(text))) {
    for (let i = at; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    at = m.index;
    const ls = lineStart(text, m.index);
    // A `#` inside a scalar is not a comment: require start of line or whitespace before it.
    if (m.index > ls && !/\s/.test(text[m.index - 1])) continue;
    addSuppressionComment(result.suppressions, m[0].slice(1), line);
  }
}

export const yamlReader: Reader = { format: 'yaml', mayContainMail, read };
registerReader(yamlReader);
