// Dialect interpretation of a flat key/value group (.env file, compose environment, k8s env list, CI env).
//
// 1. Process-wide Node settings become globals (node.ts): NODE_TLS_REJECT_UNAUTHORIZED, NODE_OPTIONS.
// 2. Every other key is put in a key FAMILY: a registered family (Grafana GF_SMTP_*, Discourse
//    DISCOURSE_SMTP_*, Gitea GITEA__mailer__*, Ghost mail__*, Spring SPRING_MAIL_* ...) or the generic shape
//    <PREFIX><SUFFIX> where PREFIX ends in SMTP_/MAIL_/EMAIL_/MAILER_ and SUFFIX is a known mail setting
//    (HOST, PORT, SECURE, USE_TLS, MAILER, DSN ...). Keys of other prefixes (COOKIE_SECURE, METRICS_PORT,
//    API_TLS_REJECT_UNAUTHORIZED, LEGACY_DB_HOST) belong to no family and are ignored.
// 3. A family's entries form one block (Instance). A key repeated inside a family replaces the earlier
//    one, as dotenv.parse, compose and Kubernetes do (the last definition wins; the earlier is dead).
// 4. Each block picks its dialect from co-occurring keys (rules-research §4.1) and the compose/k8s image:
//      MAIL_* + MAIL_MAILER/MAIL_DRIVER/MAIL_SCHEME/MAIL_ENCRYPTION/MAIL_EHLO_DOMAIN/MAIL_FROM_ADDRESS → Laravel
//      MAIL_URL alone (+ MAIL_FROM*)                                                           → Meteor
//      EMAIL_* + EMAIL_BACKEND/EMAIL_USE_TLS/EMAIL_USE_SSL/EMAIL_HOST_USER/EMAIL_HOST_PASSWORD/
//               EMAIL_TIMEOUT/EMAIL_URL                                                         → Django
//      MAILER_DSN                                                                               → Symfony
//      MAILER_URL alone (SwiftMailer, ?encryption=)                                             → not read
//      SMTP_* / BULK_SMTP_* + SMTP_SERVER with SMTP_LOGIN|SMTP_FROM_ADDRESS, or SMTP_ENABLE_STARTTLS(_AUTO),
//               SMTP_DELIVERY_METHOD, SMTP_OPENSSL_VERIFY_MODE, SMTP_AUTHENTICATION, or a Rails
//               app image (chatwoot, sameersbn/gitlab ...)                                      → Mastodon (ActionMailer)
//      SMTP_* with a nextcloud image (SMTP_SECURE=ssl|tls)                                      → nextcloud.ts (Symfony)
//      everything else                                                                          → generic (nodemailer)
//    and the dialect module builds the SmtpConfig (fields + effective mode with that library's semantics).
import type { GlobalSetting, SmtpConfig } from '../../model/types';
import type { Interpretation, KvEntry, KvGroup, VersionLookup } from '../types';
import type { DialectBuilder, Instance } from './common';
import { families, KvFamily } from './registry';
import { buildGeneric, GENERIC_ROLES } from './generic';
import { buildLaravel } from './laravel';
import { buildDjango } from './django';
import { nodeGlobal } from './node';
import './builtin-families';
import { buildMeteor } from './meteor';
import { buildSymfony } from './symfony';
import { buildMastodon } from './mastodon';
import { buildNextcloud } from './nextcloud';
import { buildFlask } from './flask';

const buildFlaskMail = buildFlask('flask-mail');
const buildFlaskMailman = buildFlask('flask-mailman');

/** Suffixes of the generic shape. Roles come from generic.ts; the rest are other dialects' keys. */
const OTHER_SUFFIXES = [
  'USE_TLS', 'USE_SSL', 'SSL', 'TLS', 'STARTTLS', 'ENABLE_STARTTLS', 'ENABLE_STARTTLS_AUTO', 'SECURE_CONNECTION', 'TLS_OPTIONS', 'TLS_MAX_VERSION',
  'HOST_USER', 'HOST_PASSWORD', 'MAILER', 'DRIVER', 'SCHEME', 'ENCRYPTION', 'EHLO_DOMAIN', 'VERIFY_PEER', 'DSN',
  'FROM', 'FROM_ADDRESS', 'FROM_NAME', 'FROM_EMAIL', 'BACKEND', 'TIMEOUT', 'SSL_CERTFILE', 'SSL_KEYFILE',
  'OPENSSL_VERIFY_MODE', 'DELIVERY_METHOD', 'AUTH_METHOD', 'DOMAIN', 'CA_FILE', 'AUTHENTICATION', 'NAME', 'AUTHTYPE',
];
const SUFFIXES = [...new Set([...Object.keys(GENERIC_ROLES), ...OTHER_SUFFIXES])].sort((a, b) => b.length - a.length);
const SUFFIX_SET = new Set(SUFFIXES);
/** For tests: every suffix of the generic shape, longest first. */
export const GENERIC_SUFFIXES: readonly string[] = SUFFIXES;
const MAIL_PREFIX = /(?:^|_)(?:SMTP|MAIL|EMAIL|MAILER|NODEMAILER)_$/;

/** Splits a generic-shape key: prefix (as written, ends with '_') + upper-cased suffix. */
export function splitGenericKey(key: string): { prefix: string; suffix: string } | undefined {
  const up = key.toUpperCase();
  if (up.indexOf('MAIL') < 0 && up.indexOf('SMTP') < 0) return undefined;
  if (up.startsWith('SPRING_')) return undefined; // Spring relaxed binding: spring.ts
  // The longest known suffix after an '_' whose prefix is a mail prefix: try the '_' positions from the
  // left (= longest suffix first) against a set, instead of every suffix with endsWith (issue 6).
  for (let p = up.indexOf('_', 1); p >= 0; p = up.indexOf('_', p + 1)) {
    const s = up.slice(p + 1);
    if (SUFFIX_SET.has(s)) {
      const prefix = up.slice(0, p + 1);
      if (MAIL_PREFIX.test(prefix)) return { prefix: key.slice(0, prefix.length), suffix: s };
    }
  }
  return undefined;
}

const has = (inst: Instance, ...keys: string[]) => keys.some((k) => inst.keys.has(k));

/** Picks the builder for a block of the generic shape. */
function pickGeneric(group: KvGroup, inst: Instance, mastodonSeen: boolean): DialectBuilder {
  const p = inst.prefix.toUpperCase();
  const image = (group.image ?? '').toLowerCase();
  if (p === 'MAILER_' && has(inst, 'DSN')) return buildSymfony;
  // MAILER_URL is SwiftMailer's (symfony/swiftmailer-bundle, `?encryption=ssl|tls`), not a nodemailer URL:
  // its TLS rules differ, so it is left alone rather than read with the wrong semantics.
  if (p === 'MAILER_' && has(inst, 'URL') && !has(inst, 'HOST', 'PORT', 'SECURE')) return () => undefined;
  // Python source (readers/python): MAIL_* is a Flask config (the reader names the library it saw imported).
  if (p === 'MAIL_' && /(^|\s)flask-mailman(\s|$)/.test(image)) return buildFlaskMailman;
  if (p === 'MAIL_' && /(^|\s)flask-mail(\s|$)/.test(image)) return buildFlaskMail;
  if (p === 'MAIL_') {
    if (has(inst, 'MAILER', 'DRIVER', 'SCHEME', 'ENCRYPTION', 'EHLO_DOMAIN', 'FROM_ADDRESS') || /laravel|php|sail/.test(image)) return buildLaravel;
    if (has(inst, 'URL') && !has(inst, 'HOST', 'PORT', 'SECURE', 'SERVICE')) return buildMeteor;
    if (/meteor/.test(image)) return buildMeteor;
  }
  if (p === 'EMAIL_') {
    if (has(inst, 'BACKEND', 'USE_TLS', 'USE_SSL', 'HOST_USER', 'HOST_PASSWORD', 'TIMEOUT', 'URL', 'SSL_CERTFILE') || /django|python|wagtail|paperless|netbox|sentry|plane|zulip|mailman/.test(image)) return buildDjango;
  }
  if (p === 'SMTP_' && /(^|\/)nextcloud([:@]|$)/.test(image)) return buildNextcloud;
  if (p === 'SMTP_' || p === 'BULK_SMTP_') {
    const mastodon =
      (has(inst, 'SERVER') && has(inst, 'LOGIN', 'FROM_ADDRESS')) ||
      has(inst, 'ENABLE_STARTTLS', 'ENABLE_STARTTLS_AUTO', 'DELIVERY_METHOD', 'OPENSSL_VERIFY_MODE', 'AUTH_METHOD', 'AUTHENTICATION') ||
      /chatwoot|sameersbn\/gitlab|discourse|huginn|zammad|openproject/.test(image) ||
      /mastodon/.test(image) ||
      (p === 'BULK_SMTP_' && mastodonSeen);
    if (mastodon) return buildMastodon;
  }
  return buildGeneric;
}

interface Classified {
  family: string;
  prefix: string;
  suffix: string;
  reg?: KvFamily;
}

function classify(key: string): Classified | undefined {
  for (const f of families) {
    const m = f.match(key);
    if (m) return { family: `${f.name}:${m.prefix.toUpperCase()}`, prefix: m.prefix, suffix: m.suffix, reg: f };
  }
  const g = splitGenericKey(key);
  return g ? { family: `generic:${g.prefix.toUpperCase()}`, prefix: g.prefix, suffix: g.suffix } : undefined;
}

/** Turns one key/value group into SMTP client configs and process-wide settings. Never throws. */
export function interpretKvGroup(group: KvGroup, versionOf?: VersionLookup): Interpretation {
  const globals: GlobalSetting[] = [];
  const blocks: { inst: Instance; reg?: KvFamily }[] = [];
  const current = new Map<string, { inst: Instance; reg?: KvFamily }>();
  for (const e of group.entries) {
    const g = nodeGlobal(group, e);
    if (g) {
      globals.push(g);
      continue;
    }
    const c = classify(e.key);
    if (!c) continue;
    let b = current.get(c.family);
    const shadowed = b?.inst.keys.get(c.suffix);
    if (b && shadowed) b.inst.entries = b.inst.entries.filter((x) => x !== shadowed); // last one wins
    if (!b) {
      b = { inst: { prefix: c.prefix, keys: new Map(), entries: [] }, reg: c.reg };
      current.set(c.family, b);
      blocks.push(b);
    }
    b.inst.keys.set(c.suffix, e);
    b.inst.entries.push(e);
  }
  const configs: SmtpConfig[] = [];
  let mastodonSeen = false;
  for (const b of blocks) {
    try {
      const build = b.reg ? b.reg.build : pickGeneric(group, b.inst, mastodonSeen);
      if (build === buildMastodon) mastodonSeen = true;
      const cfg = build(group, b.inst, versionOf);
      if (cfg) configs.push(cfg);
    } catch {
      // a dialect bug must not lose the other blocks
    }
  }
  return { configs, globals };
}

export type { KvEntry };

