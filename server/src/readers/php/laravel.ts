// Laravel config/mail.php (rules-research-polyglot §2.1): the SMTP mailers of `'mailers' => ['smtp' => [...]]`
// (Laravel 7+), and the Laravel ≤ 6 top-level shape (`'driver' => 'smtp', 'host' => …` directly in the returned
// array). Each mailer's entries become the same Laravel settings model as the .env keys (readers/dialects/laravel.ts),
// so one interpretation decides the mode: what each key means to MailManager is in semantics/laravel-config.ts.
//
// Values: literals, env('MAIL_PORT', 587) (the .env / compose / k8s value of the workspace when it has one, else the
// default literal, which a fix then edits), casts, getenv()/$_ENV fallbacks, intra-file constants (readers/php/evaluate.ts).
// env('MAIL_SCHEME') without a default and without a value in the workspace is null to Laravel: the key is unset.
import type { SyntaxNode, Tree } from '@lezer/common';
import type { SmtpConfig } from '../../model/types';
import type { KvEntry, KvGroup, VersionLookup } from '../types';
import type { Instance } from '../dialects/common';
import { buildLaravel } from '../dialects/laravel';
import { codeSite } from '../code/sites';
import { LARAVEL_CONFIG_KEYS, isSmtpTransport } from '../../semantics/laravel-config';
import { evaluate, kids, phpString, phpText, type PhpScope } from './evaluate';

interface Source {
  file: string;
  text: string;
  tree: Tree;
  scope: PhpScope;
  ctx?: { versionOf?: VersionLookup };
}

/** The `'key' => value` pairs of an array literal with a plain string key. */
function pairsOf(src: Source, arr: SyntaxNode): { key: string; keyNode: SyntaxNode; value: SyntaxNode; pair: SyntaxNode }[] {
  const out: { key: string; keyNode: SyntaxNode; value: SyntaxNode; pair: SyntaxNode }[] = [];
  for (const pair of arr.getChildren('Pair')) {
    const [k, arrow, v] = kids(pair);
    const key = k ? phpString(src, k) : undefined;
    if (key && arrow?.name === '=>' && v) out.push({ key: key.value, keyNode: k, value: v, pair });
  }
  return out;
}

function entryOf(src: Source, p: { key: string; keyNode: SyntaxNode; value: SyntaxNode; pair: SyntaxNode }): KvEntry | undefined {
  const val = evaluate(src.scope, p.value);
  // env('X') without default and without a workspace value: null to Laravel, i.e. not set
  if (val.kind === 'env' && !val.resolvedFrom && val.value === undefined && p.key !== 'host' && p.key !== 'port' && p.key !== 'username' && p.key !== 'password') return undefined;
  const site = codeSite(src.text, {
    file: src.file,
    style: 'php-code',
    node: { start: p.pair.from, end: p.pair.to },
    key: { start: p.keyNode.from + 1, end: p.keyNode.to - 1 },
    value: val.span,
    valueExpr: { start: p.value.from, end: p.value.to },
    quote: val.quote,
    listItem: true,
  });
  const known = val.kind === 'literal' || !!val.resolvedFrom;
  const e: KvEntry = {
    key: p.key,
    value: known ? phpText(val.value) : val.text,
    kind: val.kind === 'unknown' ? 'expression' : val.kind,
    site,
    raw: known ? phpText(val.value) : val.text,
  };
  if (val.envVar) e.envVar = val.envVar;
  if (val.kind === 'env' && val.resolvedFrom) e.resolvedFrom = val.resolvedFrom;
  return e;
}

function mailerConfig(src: Source, arr: SyntaxNode, label: string, transportKey: 'transport' | 'driver'): SmtpConfig | undefined {
  const pairs = pairsOf(src, arr);
  const transport = pairs.find((p) => p.key === transportKey);
  if (!transport) return undefined;
  const t = evaluate(src.scope, transport.value);
  if (t.value === undefined || t.value === null || !isSmtpTransport(String(t.value))) return undefined;
  const entries: KvEntry[] = [];
  const keys = new Map<string, KvEntry>();
  for (const p of pairs) {
    const model = LARAVEL_CONFIG_KEYS[p.key];
    if (!model) continue;
    const e = entryOf(src, p);
    if (!e) continue;
    entries.push(e);
    keys.set(model, e);
  }
  // Laravel ≥ 9 hands the array to Symfony: without a 'port' key the port is null there, not the .env model's 2525
  if (!keys.has('HOST') && !keys.has('PORT') && !keys.has('URL')) return undefined;
  const group: KvGroup = { file: src.file, format: 'php', span: { start: arr.from, end: arr.to }, label, entries };
  const inst: Instance = { prefix: '', keys, entries };
  return buildLaravel(group, inst, src.ctx?.versionOf);
}

/** Every SMTP mailer of a Laravel mail config returned or assigned as an array literal in this file. */
export function laravelMailConfigs(src: Source): SmtpConfig[] {
  const out: SmtpConfig[] = [];
  src.tree.iterate({
    enter: (ref) => {
      const n = ref.node;
      if (n.name !== 'ArrayExpression') return;
      const pairs = pairsOf(src, n);
      const mailers = pairs.find((p) => p.key === 'mailers' && p.value.name === 'ArrayExpression');
      if (mailers) {
        for (const m of pairsOf(src, mailers.value)) {
          if (m.value.name !== 'ArrayExpression') continue;
          const cfg = mailerConfig(src, m.value, `config/mail.php mailers.${m.key}`, 'transport');
          if (cfg) out.push(cfg);
        }
        return false;
      }
      // Laravel ≤ 6: 'driver' => 'smtp' next to 'host' / 'port' in the returned array
      if (n.parent?.name === 'ReturnStatement' && pairs.some((p) => p.key === 'driver') && pairs.some((p) => p.key === 'host' || p.key === 'port')) {
        const cfg = mailerConfig(src, n, 'config/mail.php', 'driver');
        if (cfg) out.push(cfg);
        return false;
      }
      return undefined;
    },
  });
  return out;
}
