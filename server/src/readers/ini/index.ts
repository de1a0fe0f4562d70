// The INI reader: Gitea / Forgejo / Gogs `app.ini` `[mailer]` and Grafana `grafana.ini` / `custom.ini`
// `[smtp]` (rules-research-polyglot §9). Both apps load these files with Go's gopkg.in/ini.v1, scanned here
// by parse.ts with its offsets. A mail section becomes a KvGroup whose keys are the app's own key names,
// and the same dialect interpreters that read the env forms (GITEA__mailer__*, GF_SMTP_*) decide what the
// values mean: one meaning for `SMTP_PORT = 465` in app.ini and `GITEA__mailer__SMTP_PORT=465` in compose.
//
// Which section belongs to which app:
//   [mailer]  Gitea (upper-case keys: PROTOCOL, SMTP_ADDR, SMTP_PORT, USER, PASSWD, ...; go-ini keys are
//             case-sensitive and Gitea maps them with ini.SnackCase, so `smtp_port` is not read by Gitea)
//   [smtp]    Grafana, when the section has Grafana's `host` (host:port) and no `port` key, and the file is
//             named grafana*.ini / custom.ini or the section uses a Grafana-only key (from_address,
//             ehlo_identity, startTLS_policy, skip_verify, enabled). Other apps' [smtp] sections are not read.
// Grafana expands `$__env{NAME}` (and `${NAME}`) in values: such a value is an env reference, resolved from
// the workspace's .env files like process.env.X; `$__file{…}` / `$__vault{…}` are expressions (not literals).
//
// Values cut by an inline comment (`PASSWD = abc#123`, see parse.ts) are kept in the config's extras as
// `truncated:<KEY>` (the value as it was meant, for rule ini-value-truncated-by-comment).
import * as path from 'node:path';
import type { Field, ReadResult, Site, SmtpConfig } from '../../model/types';
import { registerReader } from '../index';
import { addSuppressionComment, emptySuppressions, mentionsSuppression } from '../suppressions';
import type { KvEntry, KvGroup, ReadContext, Reader } from '../types';
import type { Instance } from '../dialects/common';
import { buildGitea } from '../dialects/gitea';
import { buildGrafana } from '../dialects/grafana';
import { parseIni, type IniEntry, type IniSection } from './parse';
import { grafanaExpansion } from '../../semantics/grafana';

const MAY = /^[ \t]*\[(mailer|smtp)\]/im;

const GRAFANA_KEYS = new Set(['enabled', 'host', 'user', 'password', 'cert_file', 'key_file', 'skip_verify', 'from_address', 'from_name', 'ehlo_identity', 'startTLS_policy', 'enable_tracing']);
const GRAFANA_ONLY = ['from_address', 'ehlo_identity', 'startTLS_policy', 'skip_verify', 'enabled'];
const SECRET_KEY = /PASS|SECRET|TOKEN/i;

type App = 'gitea' | 'grafana';

function appOf(file: string, sec: IniSection): App | undefined {
  if (sec.name === 'mailer') return sec.entries.some((e) => /^[A-Z][A-Z0-9_]*$/.test(e.key)) ? 'gitea' : undefined;
  if (sec.name !== 'smtp') return undefined;
  const keys = new Set(sec.entries.map((e) => e.key));
  if (!keys.has('host') || keys.has('port')) return undefined;
  const base = path.basename(file).toLowerCase();
  if (/grafana/.test(base) || base === 'custom.ini' || GRAFANA_ONLY.some((k) => keys.has(k))) return 'grafana';
  return undefined;
}

/** The Instance key (upper-case suffix, as the env families use) for a key the app reads, else undefined. */
function suffixOf(app: App, key: string): string | undefined {
  if (app === 'gitea') return /^[A-Z][A-Z0-9_]*$/.test(key) ? key : undefined;
  return GRAFANA_KEYS.has(key) ? key.toUpperCase() : undefined;
}

function entryOf(file: string, app: App, e: IniEntry, ctx: ReadContext): KvEntry {
  const site: Site = {
    file,
    style: 'ini',
    value: { ...e.valueSpan },
    quote: e.quote,
    key: { ...e.keySpan },
    entry: { ...e.entrySpan },
    indent: e.indent,
  };
  const kv: KvEntry = { key: e.key, value: e.value, kind: 'literal', site, raw: e.value };
  const exp = app === 'grafana' ? grafanaExpansion(e.value) : undefined;
  if (exp) {
    if (exp !== 'expression') {
      kv.kind = 'env';
      kv.envVar = exp.env;
      const hit = ctx.env?.get(file, kv.envVar);
      if (hit) {
        kv.value = hit.value;
        kv.resolvedFrom = hit.ref;
      }
    } else kv.kind = 'expression';
  }
  return kv;
}

/** The value as it was meant when an inline comment cut it (see parse.ts IniEntry.truncated). */
function truncatedField(file: string, text: string, e: IniEntry): Field<string> {
  const meant = text.slice(e.valueSpan.start, e.truncated!.end);
  return {
    key: e.key,
    value: meant,
    text: SECRET_KEY.test(e.key) ? '***' : meant,
    kind: 'literal',
    site: { file, style: 'ini', value: { start: e.valueSpan.start, end: e.truncated!.end }, quote: '', key: { ...e.keySpan }, entry: { ...e.entrySpan }, indent: e.indent },
  };
}

function sectionConfig(file: string, text: string, app: App, sec: IniSection, ctx: ReadContext): SmtpConfig | undefined {
  const inst: Instance = { prefix: '', keys: new Map(), entries: [] };
  const truncated: Field[] = [];
  for (const e of sec.entries) {
    const suffix = suffixOf(app, e.key);
    if (!suffix) continue;
    const kv = entryOf(file, app, e, ctx);
    const shadowed = inst.keys.get(suffix);
    if (shadowed) inst.entries = inst.entries.filter((x) => x !== shadowed); // go-ini: a repeated key replaces the value
    inst.keys.set(suffix, kv);
    inst.entries.push(kv);
    if (e.truncated) truncated.push(truncatedField(file, text, e));
  }
  if (inst.entries.length === 0) return undefined;
  const group: KvGroup = {
    file,
    format: 'ini',
    span: { ...sec.span },
    label: `${path.basename(file)} [${sec.name}]`,
    entries: inst.entries,
  };
  const cfg = app === 'gitea' ? buildGitea(group, inst) : buildGrafana(group, inst);
  if (!cfg) return undefined;
  for (const f of truncated) cfg.extras[`truncated:${f.key}`] = f;
  return cfg;
}

export const iniReader: Reader = {
  format: 'ini',
  mayContainMail(text: string): boolean {
    return MAY.test(text);
  },
  read(file: string, text: string, ctx: ReadContext): ReadResult {
    const result: ReadResult = { file, format: 'ini', configs: [], globals: [], suppressions: emptySuppressions(), problems: [] };
    if (text.includes('\u0000')) {
      result.problems.push({ kind: 'binary', message: 'binary file; skipped' });
      return result;
    }
    // Gitea loads app.ini with IgnoreContinuation (a trailing backslash is part of the value); Grafana does not.
    const gitea = /^[ \t]*\[mailer\]/m.test(text);
    const ini = parseIni(text, { ignoreContinuation: gitea });
    if (mentionsSuppression(text)) for (const c of ini.comments) addSuppressionComment(result.suppressions, c.text, c.line);
    let mail = false;
    for (const sec of ini.sections) {
      const app = appOf(file, sec);
      if (!app) continue;
      mail = true;
      try {
        const cfg = sectionConfig(file, text, app, sec, ctx);
        if (cfg) result.configs.push(cfg);
      } catch {
        // a dialect bug must not lose the other sections
      }
    }
    // go-ini refuses the whole file on these; say so only for the files whose mail settings we read
    if (mail) for (const p of ini.problems) result.problems.push({ kind: 'parse-error', message: p.message, span: p.span });
    return result;
  },
};

registerReader(iniReader);
