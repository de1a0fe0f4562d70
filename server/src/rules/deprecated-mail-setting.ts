// Rule 30: renamed, removed or superseded mail settings (nodemailer secureConnection, Mastodon
// SMTP_ENABLE_STARTTLS_AUTO, Gitea HOST / IS_TLS_ENABLED / SKIP_VERIFY / MAILER_TYPE / DISABLE_HELO).
import type { Field, FieldEdit } from '../model/types';
import type { Rule } from './types';
import { boolOf, editable, fieldsOf, fixes, plainFix, removeEdit, setEdit, show, spanOf } from './util';

interface Deprecation {
  test: (f: Field, dialect: string) => boolean;
  message: (f: Field) => string;
  fix?: (f: Field, has: (key: RegExp) => boolean) => { why: string; safe: boolean; edits: FieldEdit[] } | undefined;
}

const GITEA_NEW: Record<string, string> = {
  HOST: 'SMTP_ADDR and SMTP_PORT',
  IS_TLS_ENABLED: 'PROTOCOL (smtps or smtp+starttls)',
  SKIP_VERIFY: 'FORCE_TRUST_SERVER_CERT',
  MAILER_TYPE: 'PROTOCOL',
  DISABLE_HELO: 'ENABLE_HELO',
};

const giteaKey = (k: string) => /(?:^|__)(HOST|IS_TLS_ENABLED|SKIP_VERIFY|MAILER_TYPE|DISABLE_HELO)$/i.exec(k)?.[1]?.toUpperCase();

const LIST: Deprecation[] = [
  {
    test: (f, d) => (d === 'nodemailer' || d === 'ghost') && /(^|\.)secureConnection$/.test(f.key),
    message: (f) => `${show(f)} is a nodemailer 0.x option that current nodemailer ignores; the option is secure.`,
    fix: (f, has) =>
      has(/(^|\.)secure$/)
        ? { why: 'it is ignored', safe: true, edits: [removeEdit(f)] }
        : { why: 'the current option name', safe: false, edits: [{ op: 'rename', field: f, key: f.key.replace(/secureConnection$/, 'secure') }] },
  },
  {
    test: (f, d) => d === 'mastodon' && /^SMTP_ENABLE_STARTTLS_AUTO$/i.test(f.key),
    message: (f) => `${show(f)} is the legacy form of SMTP_ENABLE_STARTTLS (auto, always or never) since Mastodon 4.0.`,
    fix: (f, has) => {
      if (has(/^SMTP_ENABLE_STARTTLS$/i)) return { why: 'SMTP_ENABLE_STARTTLS is already set', safe: true, edits: [removeEdit(f)] };
      const b = boolOf(f, 'mastodon');
      if (b === undefined) return undefined;
      return { why: 'same behaviour', safe: true, edits: [{ op: 'rename', field: f, key: 'SMTP_ENABLE_STARTTLS' }, setEdit(f, b ? 'auto' : 'never', 'string')] };
    },
  },
  {
    test: (f, d) => d === 'gitea' && !!giteaKey(f.key),
    message: (f) => `${show(f)} is deprecated in Gitea ≥ 1.18 (still mapped, with a warning in the log); use ${GITEA_NEW[giteaKey(f.key)!]}.`,
    fix: (f, has) => {
      const k = giteaKey(f.key);
      if (k === 'SKIP_VERIFY' && !has(/FORCE_TRUST_SERVER_CERT$/i)) return { why: 'same behaviour', safe: true, edits: [{ op: 'rename', field: f, key: f.key.replace(/SKIP_VERIFY$/i, 'FORCE_TRUST_SERVER_CERT') }] };
      return undefined;
    },
  },
];

export const rule: Rule = {
  meta: {
    id: 'deprecated-mail-setting',
    defaultSeverity: 'info',
    short: 'Renamed or removed mail setting (secureConnection, SMTP_ENABLE_STARTTLS_AUTO, Gitea HOST/IS_TLS_ENABLED/SKIP_VERIFY)',
    long:
      'Some mail settings were renamed or removed: nodemailer 0.x secureConnection is ignored by current nodemailer ' +
      '(the option is secure); Mastodon 4.0 replaced SMTP_ENABLE_STARTTLS_AUTO with SMTP_ENABLE_STARTTLS; Gitea 1.18 ' +
      'replaced HOST, IS_TLS_ENABLED, SKIP_VERIFY, MAILER_TYPE and DISABLE_HELO with SMTP_ADDR/SMTP_PORT, PROTOCOL, ' +
      'FORCE_TRUST_SERVER_CERT and ENABLE_HELO. Ignored settings mislead readers; legacy ones may disappear.',
    sources: ['nodemailer lib/smtp-connection (no secureConnection option)', 'Mastodon docs: admin/config SMTP', 'go-gitea/gitea modules/setting/mailer.go'],
    fixSafety: 'Renames that keep the meaning (SKIP_VERIFY → FORCE_TRUST_SERVER_CERT, SMTP_ENABLE_STARTTLS_AUTO → SMTP_ENABLE_STARTTLS) and removals of ignored settings are safe. Renaming secureConnection to secure is unsafe: it turns on a setting that was ignored until now.',
  },
  checkConfig(cfg, ctx) {
    const all = fieldsOf(cfg);
    const seen = new Set<number>();
    const has = (re: RegExp) => all.some((x) => re.test(x.key));
    for (const f of all) {
      // The same entry can be both a TLS field and an extra: report it once.
      if (seen.has(f.site.entry.start) || f.site.file !== cfg.file) continue;
      seen.add(f.site.entry.start);
      const d = LIST.find((x) => x.test(f, cfg.dialect));
      if (!d) continue;
      const fx = editable(cfg, f) ? d.fix?.(f, has) : undefined;
      ctx.report({
        message: d.message(f),
        span: spanOf(f),
        fixes: fixes(fx ? plainFix(fx.why, fx.safe, fx.edits) : undefined),
        configId: cfg.id,
      });
    }
  },
};
export default rule;
