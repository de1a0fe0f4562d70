// Rule 4: an environment variable (always a string) used as a boolean option: "false" is truthy.
import type { Field, SmtpConfig } from '../model/types';
import type { Report, Rule, RuleContext } from './types';
import { parseBool } from '../semantics/values';
import { fixes, plainFix, portField, portOf, presetOf, quoteOf, removeEdit, setEdit, show, spanOf } from './util';


/** Which boolean a non-boolean value most likely meant: implicit-TLS keys follow the port, ignore-keys default off. */
function likelyTrue(key: string, port: number | undefined): boolean {
  if (/IGNORE|OPPORTUNISTIC/i.test(key)) return false;
  if (/SECURE|SSL/i.test(key)) return port === 465 || port === 2465;
  return true;
}

/** What a boolean field of a Python config switches, for messages. */
function pythonOption(cfg: SmtpConfig, f: Field): string {
  if (f === cfg.verifyCert) return 'certificate verification';
  if (f === cfg.implicitTls) return 'implicit TLS';
  if (f === cfg.starttls) return 'STARTTLS';
  if (f === cfg.requireTls) return 'required STARTTLS';
  return 'the option';
}

/** The read rewritten as a boolean: decouple's cast=bool, django-environ's env.bool, else a comparison of the text. */
export function pythonBoolRead(expr: string): string {
  let inner = expr.trim();
  const presence = /^(.*?)\s+is\s+not\s+None$/s.exec(inner);
  if (presence) inner = presence[1].trim();
  const wrapped = /^(?:bool|str)\((.*)\)$/s.exec(inner);
  if (wrapped) inner = wrapped[1].trim();
  const decouple = /^config\((.*)\)$/s.exec(inner);
  if (decouple) return `config(${decouple[1].trim()}, cast=bool)`;
  const environ = /^env(?:\.str)?\((.*)\)$/s.exec(inner);
  if (environ) return `env.bool(${environ[1].trim()})`;
  // str() makes an unset variable ('None') and a boolean default ('False') comparable too
  return `str(${inner}).lower() in ('true', '1', 'yes', 'on')`;
}

/** Python: a boolean setting holding the variable's text (os.environ.get('EMAIL_USE_TLS'), config('X') without
 *  cast, `… is not None`): every non-empty string is true, "False" included (rules-research-polyglot §0.4). */
function checkPython(cfg: SmtpConfig, report: (r: Report) => void): void {
  for (const [k, f] of Object.entries(cfg.extras ?? {})) {
    if (!k.startsWith('rawEnvString:') || f.site.file !== cfg.file) continue;
    const original = [cfg.implicitTls, cfg.starttls, cfg.requireTls, cfg.ignoreTls, cfg.verifyCert].find((x) => x && x.site.value.start <= f.site.value.start && x.site.value.end <= f.site.value.end && x.key === f.key);
    const option = original ? pythonOption(cfg, original) : 'the option';
    const v = f.envVar ?? 'the variable';
    const presence = /\sis\s+not\s+None\s*$/.test(f.text);
    const known = f.resolvedFrom && f.resolvedFrom.file !== cfg.file && typeof f.value === 'string' ? f.value : undefined;
    const now = known !== undefined ? ` The env file sets ${v}=${known}, so ${option} is ${presence || known !== '' ? 'on' : 'off'}.` : '';
    const verify = f === cfg.extras[`rawEnvString:${cfg.verifyCert?.key}`];
    const message = presence
      ? `${f.key} = ${f.text} is true whenever ${v} is set, whatever its value: ${v}=False turns ${option} on.${now}`
      : `${f.key} = ${f.text} is the variable's text, not a boolean: Python treats every non-empty string as true, so ${v}=False (or 0) ${verify ? 'does not turn certificate verification off' : `turns ${option} on`}.${now}`;
    report({
      message,
      span: spanOf(f),
      fixes: fixes(plainFix('read it as a boolean', true, [setEdit(f, pythonBoolRead(f.text), 'code')])),
      configId: cfg.id,
    });
  }
}

/** Ruby: an ENV String handed as is to a mail gem TLS switch (`tls: ENV['SMTP_TLS']`). The mail gem ≥ 2.9 tests it
 *  for truthiness ("false" is on); 2.8 accepts only true/false and raises ArgumentError for any String. */
function rubyRawEnv(cfg: SmtpConfig, ctx: RuleContext): void {
  const what: Record<string, string> = { tls: 'implicit TLS', ssl: 'implicit TLS', enable_starttls: 'mandatory STARTTLS', enable_starttls_auto: 'STARTTLS' };
  for (const key of Object.keys(what)) {
    const f = cfg.extras[`rawEnvString:${key}`];
    if (!f || f.site.file !== cfg.file || !f.envVar) continue;
    const known = f.resolvedFrom && typeof f.value === 'string' ? ` The .env file sets ${f.envVar}=${f.value}, so ${what[key]} is ${f.value === '' ? 'on too (an empty String is truthy)' : 'on'}.` : '';
    const q = f.text.includes('"') && !f.text.includes("'") ? '"' : "'";
    const expr = /\|\||\bor\b/.test(f.text) ? `(${f.text})` : f.text;
    ctx.report({
      message: `${key}: ${f.text} passes the ENV String as is: the Ruby mail gem ≥ 2.9 tests it for truthiness, so ${f.envVar}=false and ${f.envVar}=0 turn ${what[key]} on (mail 2.8 raises ArgumentError "Unrecognized :${key} value" for any String).${known} Compare it with 'true'.`,
      span: spanOf(f),
      fixes: fixes(plainFix('compare the String', true, [setEdit(f, `${expr} == ${q}true${q}`, 'code')])),
      configId: cfg.id,
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'env-string-as-boolean',
    defaultSeverity: 'warning',
    short: 'Environment variable text used as a boolean TLS option (process.env, os.environ): the string "false" is truthy',
    long:
      'Environment variables are strings. nodemailer tests secure, requireTLS, ignoreTLS and opportunisticTLS with !!, ' +
      'so secure: process.env.SMTP_SECURE turns implicit TLS on for SMTP_SECURE=false too (any non-empty string is ' +
      'true). Node checks tls.rejectUnauthorized with !== false, so the string "false" does not turn verification off ' +
      'either. Compare the variable with a string instead. A quoted literal in code (secure: \'false\') is the same ' +
      'trap, and so is a word that is not a boolean in an env file (SMTP_SECURE=enabled). Python is the same: ' +
      'EMAIL_USE_TLS = os.environ.get(\'EMAIL_USE_TLS\') (or config(\'X\') without cast, or os.environ.get(\'X\') is not None) ' +
      'is true for EMAIL_USE_TLS=False, because Django, Flask-Mail and smtplib test the setting with if. Ruby: tls: ENV[\'SMTP_TLS\'] hands the ' +
      'String to the mail gem, which tests it for truthiness.',
    sources: ['nodemailer lib/smtp-connection (this.secureConnection = !!this.options.secure)', 'Python truth value testing (a non-empty str is true); Django EmailBackend (if self.use_tls), rules-research-polyglot §0.4', 'python-decouple config(cast=bool), django-environ Env.bool', 'Node.js tls.connect (rejectUnauthorized !== false)', 'maxking/docker-mailman#701', 'mikel/mail lib/mail/network/delivery_methods/smtp.rb (2.9: smtp_tls? tests truthiness; 2.8: ArgumentError for non-boolean :tls)'],
    fixSafety: 'Safe: the fix writes the comparison the code means (Python: config(..., cast=bool), env.bool(...), or str(os.environ.get(...)).lower() in (\'true\', \'1\', \'yes\', \'on\')) (process.env.X === "true"; for rejectUnauthorized, process.env.X !== "false"), so only the string-to-boolean conversion changes. A quoted literal becomes a real boolean (for secure, the one the port needs), safe unless it would weaken TLS (requireTLS: \'false\' → false is unsafe). Alternatives (derive secure from the port; true/false for a non-boolean word in an env file) are unsafe.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.dialect === 'mail-gem') {
      rubyRawEnv(cfg, ctx);
      return;
    }
    if (cfg.format === 'python') checkPython(cfg, (r) => ctx.report(r));
    if (cfg.format !== 'js') {
      // Env-style files: a boolean key holding a word that is not a boolean (the readers record it as nonBoolean:KEY).
      for (const [k, f] of Object.entries(cfg.extras ?? {})) {
        if (!k.startsWith('nonBoolean:') || f.kind !== 'literal' || f.site.file !== cfg.file) continue;
        const v = f.text.trim().replace(/^["']|["']$/g, '');
        // ssl/tls/starttls are the values of other images' SMTP_SECURE (Nextcloud): ambiguous, so no finding.
        if (/^(ssl|tls|starttls|)$/i.test(v)) continue;
        ctx.report({
          message: `${f.key}=${v} is not a boolean: an app that compares it with "true" reads false, one that passes the string to nodemailer reads true (any non-empty string is truthy). Write true or false.`,
          span: spanOf(f),
          fixes: fixes(...(likelyTrue(f.key, portOf(cfg)) ? ['true', 'false'] : ['false', 'true']).map((b) => plainFix('a boolean the app can read', false, [setEdit(f, b, 'boolean')]))),
          configId: cfg.id,
        });
      }
      return;
    }
    const q = quoteOf(cfg);
    const pf = portField(cfg);
    const preset = presetOf(cfg);
    // String literals where nodemailer/Node expect a boolean: secure: 'false' is truthy.
    const literal = (f: Field | undefined, option: string) => {
      if (!f || f.kind !== 'literal' || f.site.style !== 'js-prop' || !f.site.quote || f.site.file !== cfg.file) return;
      // what the author meant by the word (the string itself is truthy to nodemailer)
      const b = parseBool(f.text, 'env-app');
      if (b === undefined) return;
      const isVerify = f === cfg.verifyCert;
      const port = portOf(cfg);
      if (isVerify) {
        ctx.report({
          message: `${show(f)} is a string: Node only turns verification off for the boolean false, so this setting does nothing (verification stays on). Remove it.`,
          span: spanOf(f),
          fixes: fixes(plainFix('it has no effect', true, [removeEdit(f)])),
          configId: cfg.id,
        });
        return;
      }
      // What the author wrote, as a boolean. Safe when it keeps or improves the connection: secure matching the
      // port, ignoreTLS/opportunisticTLS off; requireTLS off would weaken it.
      // For secure with a known port, the boolean the port needs (which may differ from what the string says).
      const portNeeds = f === cfg.implicitTls && port !== undefined ? port === 465 || port === 2465 : undefined;
      const target = portNeeds ?? b;
      const safe = portNeeds !== undefined ? true : f === cfg.implicitTls ? false : f === cfg.requireTls ? b : !b;
      const advice = portNeeds !== undefined && portNeeds !== b ? `Write the boolean ${target}: port ${port} needs ${target ? 'implicit TLS' : 'STARTTLS'}.` : `Write the boolean ${target}.`;
      ctx.report({
        message: `${show(f)} is a string; nodemailer tests it with !!, so any non-empty string${b ? '' : ` — even '${f.text}' —`} turns ${option} on. ${advice}`,
        span: spanOf(f),
        fixes: fixes(plainFix('a real boolean', safe, [setEdit(f, String(target), 'boolean')])),
        configId: cfg.id,
      });
    };
    literal(cfg.implicitTls, 'implicit TLS');
    literal(cfg.requireTls, 'requireTLS');
    literal(cfg.ignoreTls, 'ignoreTLS');
    literal(cfg.opportunisticTls, 'opportunisticTLS');
    literal(cfg.verifyCert, 'verification');
    const check = (f: Field | undefined, option: string, key: string) => {
      if (!f || f.kind !== 'env' || !f.envVar || f.site.style !== 'js-prop') return;
      // The raw variable (process.env.X, process.env['X'], or a variable holding it), a default that keeps the
      // string (process.env.X || false), or a truthiness test (!!process.env.X, Boolean(process.env.X)): "false"
      // is true in all of them. Comparisons and numeric conversions are fine. The JS reader decides which is
      // which (it follows the variable to its initialiser) and records it as rawEnvString:<option>.
      if (cfg.extras[`rawEnvString:${key}`] !== f) return;
      const t = f.text.trim();
      if (preset && ((f === cfg.implicitTls && preset.secure !== undefined) || (f === cfg.requireTls && preset.requireTLS !== undefined) || (f === cfg.ignoreTls && preset.ignoreTLS !== undefined))) return; // dead code: nodemailer-service-overrides
      const v = f.envVar;
      const known = f.resolvedFrom && typeof f.value === 'string' ? f.value : undefined;
      const isVerify = f === cfg.verifyCert;
      let message: string;
      if (isVerify) {
        message = `${f.key}: ${f.text} passes a string; Node only turns verification off for the boolean false, so ${v}=false has no effect.`;
      } else {
        const now = known !== undefined ? ` The .env file sets ${v}=${known}, so ${option} is ${known === '' ? 'off' : 'on'}.` : '';
        const via = t.includes(`process.env`) || /\benv\b/.test(t) ? '' : ` (process.env.${v})`;
        message = `${f.key}: ${f.text}${via} ${/^(!!|Boolean)/.test(t) ? 'tests the string' : 'passes a string'}; ${/^(!!|Boolean)/.test(t) ? 'any non-empty string is true' : 'nodemailer tests it with !!'}, so "false" and "0" are true (${option} on).${now}`;
      }
      const code = isVerify ? `process.env.${v} !== ${q}false${q}` : `process.env.${v} === ${q}true${q}`;
      const preferred = plainFix('compare the string', true, [setEdit(f, code, 'code')]);
      let alt;
      if (f === cfg.implicitTls && pf?.kind === 'env' && pf.envVar) {
        alt = plainFix('derive it from the port', false, [setEdit(f, `Number(process.env.${pf.envVar}) === 465`, 'code')]);
      }
      ctx.report({ message, span: spanOf(f), fixes: fixes(preferred, alt), configId: cfg.id });
    };
    check(cfg.implicitTls, 'implicit TLS', 'secure');
    check(cfg.requireTls, 'requireTLS', 'requireTLS');
    check(cfg.ignoreTls, 'ignoreTLS', 'ignoreTLS');
    check(cfg.opportunisticTls, 'opportunisticTLS', 'opportunisticTLS');
    check(cfg.verifyCert, 'verification', 'tls.rejectUnauthorized');
  },
};
export default rule;
