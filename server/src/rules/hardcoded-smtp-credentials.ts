// Rule 27: a literal SMTP password/secret/token in code or deployment files.
import type { Field, SmtpConfig } from '../model/types';
import type { Rule } from './types';
import { isPlaceholder } from '../semantics/values';
import { editable, fixes, isDevTarget, plainFix, setEdit, spanOf } from './util';

/** The password written in a URL's userinfo is a real literal (not a ${VAR} or placeholder). */
function urlPasswordLiteral(cfg: SmtpConfig): boolean {
  const u = cfg.url;
  if (!u || !u.hasPassword || u.kind !== 'literal' || typeof u.value !== 'string') return false;
  const m = /^[^:]+:\/\/[^:@/]*:([^@]*)@/.exec(u.value.trim());
  if (!m) return false;
  let pw = m[1];
  try {
    pw = decodeURIComponent(pw);
  } catch {
    /* keep raw */
  }
  return !isPlaceholder(pw);
}

/** The environment variable a Symfony mailer.yaml DSN should come from: MAILER_DSN for `framework.mailer.dsn`,
 *  MAILER_DSN_<NAME> for `framework.mailer.transports.<name>`; undefined for other Symfony DSNs (a MAILER_DSN entry). */
function symfonyDsnVariable(key: string): string | undefined {
  const m = /(?:^|\.)framework\.mailer\.(?:(dsn)|transports\.(.+))$/.exec(key);
  if (!m) return undefined;
  return m[1] ? 'MAILER_DSN' : `MAILER_DSN_${m[2].toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

function envName(f: Field): string {
  if (/^[A-Z][A-Z0-9_]*$/.test(f.key)) return f.key;
  const k = f.key.split('.').pop() ?? '';
  if (/secret/i.test(k)) return 'SMTP_CLIENT_SECRET';
  if (/refresh/i.test(k)) return 'SMTP_REFRESH_TOKEN';
  if (/access/i.test(k)) return 'SMTP_ACCESS_TOKEN';
  return 'SMTP_PASS';
}

/** The configuration key of a password in an appsettings section ("MailSettings:Password"). */
function dotnetKey(cfg: SmtpConfig, pw: Field | undefined): string {
  const section = cfg.extras.section?.text;
  return section ? `${section}:${pw?.key ?? 'Password'}` : (pw?.key ?? 'Password');
}

export const rule: Rule = {
  meta: {
    id: 'hardcoded-smtp-credentials',
    defaultSeverity: 'error',
    short: 'SMTP password or token written literally in code or a deployment file',
    long:
      'A password, client secret or token written in source code (auth.pass, smtp://user:pass@host) or in a ' +
      'committed deployment file (compose environment, Kubernetes manifest, CI workflow) is readable by everyone ' +
      'with access to the repository and its history, and ends up in images and logs. Anyone holding it can send ' +
      'mail as this account. Read it from the environment or a secret store. .env files are meant to hold secrets ' +
      'and are not reported. Placeholders (changeme, ${VAR}, <password>) are ignored.',
    sources: ['CWE-798', 'OWASP: Use of hard-coded password', 'gitleaks config/gitleaks.toml (generic-api-key)'],
    cwe: 'CWE-798',
    fixSafety: 'Unsafe: the fix replaces the literal with an environment/secret reference (process.env.SMTP_PASS, ${SMTP_PASS}, ${{ secrets.SMTP_PASS }}, %env(MAILER_DSN)% in Symfony mailer.yaml), which must then be provided; rotate the exposed password as well.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.format === 'env') return;
    const pw = cfg.credentials?.password;
    const literal = !!pw && cfg.credentials.passwordIsLiteral && pw.site.file === cfg.file && pw.kind === 'literal';
    const inUrl = !literal && urlPasswordLiteral(cfg);
    if (!literal && !inUrl) return;
    // A Spring profile for a local catcher (MailDev, Mailpit, MailHog on 1025 or localhost) carries a dummy login.
    if (cfg.dialect === 'spring' && isDevTarget(cfg)) return;
    const springYaml = cfg.dialect === 'spring' && literal && pw!.site.style === 'yaml-map';
    const f = literal ? pw! : cfg.url!;
    // Symfony config/packages/mailer.yaml: the DSN belongs in the environment, read with %env(…)%
    const symfonyVar = cfg.dialect === 'symfony' && cfg.format === 'yaml' && cfg.url ? symfonyDsnVariable(cfg.url.key) : undefined;
    const js = cfg.format === 'js';
    const what = literal && pw!.site.style !== 'url-part' && !/(^|\.)url\.password$/i.test(pw!.key) ? pw!.key : 'the password in the URL';
    const kind = /secret|token/i.test(what) ? 'secret' : 'password';
    const where = /^Secret\b/.test(cfg.label)
      ? 'Keep Secret manifests out of the repository (create them in the cluster, or use Sealed Secrets / an external secret store), and rotate it.'
      : /^ConfigMap\b/.test(cfg.label)
        ? 'ConfigMaps are not for secrets either (anyone who can read the ConfigMap sees it): use a Secret and valueFrom.secretKeyRef, and rotate it.'
        : springYaml
          ? 'Reference an environment variable instead (${MAIL_PASSWORD}: Spring resolves it at startup), and rotate it.'
          : symfonyVar
            ? `Read the DSN from the environment instead (%env(${symfonyVar})%, with the value in .env.local or a Symfony secret: secrets:set ${symfonyVar}), and rotate it.`
          : cfg.format === 'json'
            ? `Keep it out of appsettings: User Secrets in development (dotnet user-secrets set "${dotnetKey(cfg, pw)}" …), an environment variable ${dotnetKey(cfg, pw).replace(/:/g, '__')} or a vault in production (the .NET configuration reads both over this file), and rotate it.`
            : cfg.format === 'csharp'
              ? 'Read it from configuration (builder.Configuration["Smtp:Password"], filled from User Secrets or an environment variable Smtp__Password) instead, and rotate it.'
              : `Read it from ${js ? 'process.env' : 'a secret or an environment variable'} instead, and rotate it.`;
    const message = `The SMTP ${kind} is written in this file (${what}): anyone who can read the repository or its history can send mail as this account (CWE-798). ${where}`;
    let fix;
    if (literal && editable(cfg, pw)) {
      const name = envName(pw!);
      if (js && pw!.site.style === 'js-prop') fix = plainFix('read it from the environment', false, [setEdit(pw!, `process.env.${name}`, 'code')]);
      else if (cfg.format === 'yaml' && /compose/i.test(cfg.label)) fix = plainFix('read it from the environment', false, [setEdit(pw!, `\${${name}}`, 'string')]);
      else if (cfg.format === 'yaml' && /workflow|github|actions|job/i.test(cfg.label)) fix = plainFix('read it from a repository secret', false, [setEdit(pw!, `\${{ secrets.${name} }}`, 'string')]);
      else if (cfg.format === 'go') fix = plainFix('read it from the environment (import "os")', false, [setEdit(pw!, `os.Getenv("${name}")`, 'code')]);
      else if (cfg.format === 'java') fix = plainFix('read it from the environment', false, [setEdit(pw!, `System.getenv("${name}")`, 'code')]);
      else if (symfonyVar && cfg.url && editable(cfg, cfg.url)) fix = plainFix(`read the DSN from ${symfonyVar}`, false, [setEdit(cfg.url, `%env(${symfonyVar})%`, 'string')]);
      else if (springYaml) fix = plainFix('Spring resolves the environment variable at startup', false, [setEdit(pw!, '${MAIL_PASSWORD}', 'string')]);
    }
    ctx.report({
      message,
      severity: js ? undefined : 'warning',
      span: spanOf(f),
      fixes: fixes(fix),
      configId: cfg.id,
    });
  },
};
export default rule;
