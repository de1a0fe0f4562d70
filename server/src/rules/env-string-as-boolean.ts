// Rule 4: an environment variable (always a string) used as a boolean option: "false" is truthy.
import type { Field } from '../model/types';
import type { Rule } from './types';
import { fixes, plainFix, portField, portOf, presetOf, quoteOf, setEdit, spanOf } from './util';

/** Which boolean a non-boolean value most likely meant: implicit-TLS keys follow the port, ignore-keys default off. */
function likelyTrue(key: string, port: number | undefined): boolean {
  if (/IGNORE|OPPORTUNISTIC/i.test(key)) return false;
  if (/SECURE|SSL/i.test(key)) return port === 465 || port === 2465;
  return true;
}

export const rule: Rule = {
  meta: {
    id: 'env-string-as-boolean',
    defaultSeverity: 'warning',
    short: 'process.env value passed as a boolean TLS option: the string "false" is truthy',
    long:
      'Environment variables are strings. nodemailer tests secure, requireTLS, ignoreTLS and opportunisticTLS with !!, ' +
      'so secure: process.env.SMTP_SECURE turns implicit TLS on for SMTP_SECURE=false too (any non-empty string is ' +
      'true). Node checks tls.rejectUnauthorized with !== false, so the string "false" does not turn verification off ' +
      'either. Compare the variable with a string instead.',
    sources: ['nodemailer lib/smtp-connection (this.secureConnection = !!this.options.secure)', 'Node.js tls.connect (rejectUnauthorized !== false)', 'maxking/docker-mailman#701'],
    fixSafety: 'Safe: the fix writes the comparison the code means (process.env.X === "true"; for rejectUnauthorized, process.env.X !== "false"), so only the string-to-boolean conversion changes.',
  },
  checkConfig(cfg, ctx) {
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
    const check = (f: Field | undefined, option: string) => {
      if (!f || f.kind !== 'env' || !f.envVar || f.site.style !== 'js-prop') return;
      // Only the raw variable: process.env.X, process.env['X'] (comparisons and conversions are fine).
      if (!/^process\.env(\.[A-Za-z_$][\w$]*|\[\s*(['"`])[^'"`]+\2\s*\])$/.test(f.text.trim())) return;
      if (preset && ((f === cfg.implicitTls && preset.secure !== undefined) || (f === cfg.requireTls && preset.requireTLS !== undefined) || (f === cfg.ignoreTls && preset.ignoreTLS !== undefined))) return; // dead code: nodemailer-service-overrides
      const v = f.envVar;
      const known = f.resolvedFrom && typeof f.value === 'string' ? f.value : undefined;
      const isVerify = f === cfg.verifyCert;
      let message: string;
      if (isVerify) {
        message = `${f.key}: process.env.${v} passes a string; Node only turns verification off for the boolean false, so ${v}=false has no effect.`;
      } else {
        const now = known !== undefined ? ` The .env file sets ${v}=${known}, so ${option} is ${known === '' ? 'off' : 'on'}.` : '';
        message = `${f.key}: process.env.${v} passes a string; nodemailer tests it with !!, so "false" and "0" are true (${option} on).${now}`;
      }
      const code = isVerify ? `process.env.${v} !== ${q}false${q}` : `process.env.${v} === ${q}true${q}`;
      const preferred = plainFix('compare the string', true, [setEdit(f, code, 'code')]);
      let alt;
      if (f === cfg.implicitTls && pf?.kind === 'env' && pf.envVar) {
        alt = plainFix('derive it from the port', false, [setEdit(f, `Number(process.env.${pf.envVar}) === 465`, 'code')]);
      }
      ctx.report({ message, span: spanOf(f), fixes: fixes(preferred, alt), configId: cfg.id });
    };
    check(cfg.implicitTls, 'implicit TLS');
    check(cfg.requireTls, 'requireTLS');
    check(cfg.ignoreTls, 'ignoreTLS');
    check(cfg.opportunisticTls, 'opportunisticTLS');
    check(cfg.verifyCert, 'verification');
  },
};
export default rule;
