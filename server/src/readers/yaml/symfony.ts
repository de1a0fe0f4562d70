// Symfony Mailer configured in YAML (rules-research-polyglot §2.2): `config/packages/mailer.yaml`,
// `config/packages/<env>/mailer.yaml` or any Symfony config file with
//
//   framework:                          when@prod:                 (Symfony ≥ 5.3 per-environment blocks)
//     mailer:                             framework:
//       dsn: '%env(MAILER_DSN)%'            mailer:
//       transports:                           dsn: 'smtps://…'
//         main: 'smtp://user:pass@host:465?verify_peer=0'
//
// A literal DSN is read as a MAILER_DSN line would be (the same dialect builder, dialects/symfony.ts), with its
// parts' sites inside the YAML scalar so fixes edit the YAML. A whole `%env(NAME)%` placeholder (processors as
// semantics/symfony.ts models them) takes the workspace's .env value; when that .env line is itself read as a
// Symfony DSN (EnvValue.readAs), the config is an echo (SmtpConfig.echoOf): the .env reports its problems, the YAML
// stays clean.
// A `%parameter%` in a literal DSN is the container's: outside the userinfo it makes the DSN unknown here.
import type { SmtpConfig } from '../../model/types';
import type { KvEntry, KvGroup, ReadContext } from '../types';
import type { Instance } from '../dialects/common';
import { buildSymfony } from '../dialects/symfony';
import { applySymfonyEnvProcessors, hasSymfonyParameterRef, symfonyEnvPlaceholder } from '../../semantics/symfony';
import { isPlaceholder } from '../../semantics/values';
import { deref, isMap, isScalar, keyString, pairSite, pairsOf, rangeOf, scalarInfo } from './nodes';
import type { Pair, Src, YAMLMap } from './nodes';

/** The SMTP configs of the Symfony mailer DSNs in one YAML document (root map `root`). */
export function readSymfonyMailer(src: Src, root: YAMLMap, read: ReadContext): SmtpConfig[] {
  const out: SmtpConfig[] = [];
  for (const p of pairsOf(root, src)) {
    const k = keyString(p, src);
    if (k === 'framework') readFramework(src, p, [], read, out);
    else if (k !== undefined && /^when@[\w-]+$/.test(k)) {
      const block = deref(p.value, src);
      if (!isMap(block)) continue;
      const fw = pairsOf(block as YAMLMap, src).find((q) => keyString(q, src) === 'framework');
      if (fw) readFramework(src, fw, [k], read, out);
    }
  }
  return out;
}

function readFramework(src: Src, fw: Pair, path: string[], read: ReadContext, out: SmtpConfig[]): void {
  const fwMap = deref(fw.value, src);
  if (!isMap(fwMap)) return;
  const mailerPair = pairsOf(fwMap as YAMLMap, src).find((q) => keyString(q, src) === 'mailer');
  const mailer = mailerPair ? deref(mailerPair.value, src) : undefined;
  if (!mailerPair || !isMap(mailer)) return;
  const base = [...path, 'framework', 'mailer'];
  for (const q of pairsOf(mailer as YAMLMap, src)) {
    const k = keyString(q, src);
    if (k === 'dsn') addDsn(src, q, [...base, 'dsn'], read, out);
    else if (k === 'transports') {
      const t = deref(q.value, src);
      if (!isMap(t)) continue;
      for (const tp of pairsOf(t as YAMLMap, src)) {
        const name = keyString(tp, src);
        if (name !== undefined) addDsn(src, tp, [...base, 'transports', name], read, out);
      }
    }
  }
}

function addDsn(src: Src, pair: Pair, path: string[], read: ReadContext, out: SmtpConfig[]): void {
  const v = deref(pair.value, src);
  if (!isScalar(v) || typeof v.value !== 'string') return;
  const info = scalarInfo(pair.value, src);
  const site = pairSite(pair, src, 'yaml-map');
  if (!info || !site || info.block) return;
  const key = path.join('.');
  const entry: KvEntry = { key, value: info.value, kind: 'literal', site, raw: info.raw };
  const ref = symfonyEnvPlaceholder(info.value);
  let echoOf;
  if (ref) {
    entry.kind = 'env';
    entry.envVar = ref.name;
    const hit = read.env?.get(src.file, ref.name);
    const resolved = applySymfonyEnvProcessors(ref, hit?.value);
    if (!hit || !('value' in resolved)) return; // not known here: no finding rather than a guess
    entry.value = resolved.value;
    entry.resolvedFrom = hit.ref;
    if (hit.readAs === 'symfony') echoOf = hit.ref; // the .env reads the line as a DSN itself (EnvValue.readAs)
  } else if (!/^[a-z0-9+.-]+:\/\//i.test(info.value.trim())) return;
  const kr = rangeOf(pair.key);
  const vr = rangeOf(pair.value);
  const span = { start: src.base + (kr ? kr[0] : 0), end: src.base + (vr ? vr[1] : kr ? kr[1] : 0) };
  const group: KvGroup = { file: src.file, format: 'yaml', span, label: key, entries: [entry] };
  const inst: Instance = { prefix: 'MAILER_', keys: new Map([['DSN', entry]]), entries: [entry] };
  if (entry.kind === 'literal' && parameterOutsideUserinfo(info.value)) return;
  const cfg = buildSymfony(group, inst, read.versionOf);
  if (!cfg) return;
  // `smtp://user:%env(MAILER_PASSWORD)%@host`: the password is the container's, not written here
  const pw = /^[a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:([^/?#]*)@/i.exec(entry.value.trim())?.[1];
  if (pw !== undefined && isPlaceholder(pw)) cfg.credentials.passwordIsLiteral = false;
  if (echoOf) cfg.echoOf = echoOf;
  out.push(cfg);
}

/** A `%parameter%` (or `%env()%`) reference outside the userinfo of a literal DSN: the container decides the
 *  scheme, host, port or an option, so the mode is not known here. Inside the userinfo it only hides the credentials. */
function parameterOutsideUserinfo(value: string): boolean {
  const t = value.trim();
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#]*@)?/i.exec(t);
  const authStart = m ? m[0].length : 0;
  return hasSymfonyParameterRef(t.slice(authStart));
}
