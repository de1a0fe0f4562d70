// Spring Boot `spring.mail.*` + Jakarta/JavaMail session properties (rules-research §4.5).
//
// Input: a flat list of properties, each already normalised to its Spring property name, from either
//  - YAML (`spring: mail: …` nested, `spring.mail.port: 465` flat, `properties: {"mail.smtp.x": …}`,
//    `"[mail.smtp.ssl.enable]"` bracket keys) — built by readers/yaml, or
//  - environment variables (`SPRING_MAIL_HOST`, `SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_ENABLE`, relaxed
//    binding: lower-case, `_` → `.`) in a KvGroup (compose/k8s env, .env files): springFromKvGroup().
// Output: one SmtpConfig with JavaMail semantics (SMTPTransport constructor and protocolConnect):
//  - protocol `smtps` forces implicit TLS; otherwise `mail.<protocol>.ssl.enable` (Spring Boot's
//    `spring.mail.ssl.enabled: true` sets it to "true" after the user properties, so it wins).
//  - `starttls.enable` = STARTTLS when advertised (opportunistic); `starttls.required` = mandatory (and
//    JavaMail also tries STARTTLS when only `required` is set).
//  - booleans are read with PropUtil.getBooleanProperty: only the string "true" (any case) is true.
//    Spring reads YAML with SnakeYAML (YAML 1.1), so plain `yes`/`on` become "true" too.
//  - only properties under `mail.<protocol>.` are used by the transport; others stay in `extras`.
//
// Field conventions (documented for rule authors):
//  - every property is in `extras`, keyed by its normalised name: 'spring.mail.host', 'spring.mail.ssl.enabled',
//    and JavaMail properties by their own name: 'mail.smtp.ssl.enable', 'mail.smtp.connectiontimeout'.
//  - implicitTls / starttls / requireTls / ignoreTls / verifyCert carry BOOLEAN values with the JavaMail
//    meaning (text = as written). implicitTls from `protocol: smtps` has value true, text 'smtps'.
//    ignoreTls is set only when `starttls.enable` is explicitly false (and not required / implicit): value
//    true, same site as starttls. verifyCert: `ssl.trust` "*" or a host list → false (trusts without
//    validation); else `ssl.checkserveridentity` (its boolean).
//  - minTlsVersion: `ssl.protocols`; value = the LOWEST version in the list ("TLSv1 TLSv1.2" → 'TLSv1'),
//    text = the list as written.
import type { EffectiveConnection, EnvValue, Field, Format, SmtpConfig, Span, TlsMode } from '../../model/types';
import { hasSpringPlaceholder, resolveSpringPlaceholder, springPlaceholder } from '../../semantics/spring-placeholder';
import type { KvEntry, KvGroup } from '../types';
import { isKnown, spanOf } from './common';
import { isPlaceholder, parseBool } from '../../semantics/values';
import { prefixMatcher, registerKvFamily } from './registry';
import { IGNORED_EXTRA, ignoredSpringKey, isLegacySslSocketFactory } from '../../semantics/spring';

export interface SpringProp {
  /** Normalised property name: 'spring.mail.host', 'spring.mail.ssl.enabled', 'spring.mail.properties.mail.smtp.auth'. */
  name: string;
  /** The field as written (key = name as written, value = typed YAML value or resolved env value).
   *  For the password: text '***' and value undefined. */
  field: Field;
  /** The password as written (only to tell a literal secret from a placeholder; never printed). */
  raw?: string;
}

/**
 * Gives a Spring property its value: a whole `${NAME:default}` placeholder is an environment read (kind 'env'), valued
 * from the workspace's env files when they define NAME, else from its default (semantics/spring-placeholder); a
 * placeholder inside other text is an expression; anything else is the literal `typed`. One answer for
 * application*.properties and application*.yml. `useDefault` false: the default of a variable no env file defines
 * stays unknown.
 */
export function setSpringValue(p: SpringProp, text: string, typed: string | number | boolean | undefined, lookup: (name: string) => EnvValue | undefined, useDefault = true): void {
  const { field } = p;
  const secret = p.name === 'spring.mail.password';
  const ph = springPlaceholder(text);
  if (ph) {
    field.kind = 'env';
    field.envVar = ph.name;
    const r = resolveSpringPlaceholder(ph, lookup, (h) => h.value);
    if (!r.from && !useDefault) return;
    if (r.from) field.resolvedFrom = r.from.ref;
    if (!secret && r.value !== undefined) field.value = r.value;
    if (secret) p.raw = r.value ?? '';
  } else if (hasSpringPlaceholder(text)) {
    field.kind = 'expression';
  } else {
    field.kind = 'literal';
    if (!secret && typed !== undefined) field.value = typed;
  }
}

export interface SpringMeta {
  file: string;
  format: Format;
  span: Span;
  label: string;
  /**
   * The properties are only part of the application's configuration (SPRING_MAIL_* environment variables
   * override an application.yml baked into the image): a JavaMail TLS property that is not set here may be
   * set there, so "not set" means unknown rather than JavaMail's default.
   */
  partial?: boolean;
}

const PROPS_PREFIX = 'spring.mail.properties.';

/**
 * Normalises the part of a property path after `spring.mail.` the way Spring's relaxed binding compares
 * it: MailProperties names are case- and dash-insensitive; `properties.*` map keys are kept as written
 * (JavaMail property names are case-sensitive), minus the `[...]` brackets of map-key escapes.
 */
export function normaliseSpringName(segments: string[]): string | undefined {
  const flat: string[] = [];
  for (const s of segments) {
    const unb = s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
    for (const p of unb.split('.')) flat.push(p);
  }
  if (flat.length < 3) return undefined;
  if (flat[0].toLowerCase() !== 'spring' || flat[1].toLowerCase() !== 'mail') return undefined;
  const rest = flat.slice(2);
  if (rest[0].toLowerCase() === 'properties') {
    if (rest.length < 2) return undefined;
    return PROPS_PREFIX + rest.slice(1).join('.');
  }
  return 'spring.mail.' + rest.map((p) => p.toLowerCase().replace(/[-_]/g, '')).join('.');
}

/** `SPRING_MAIL_PROPERTIES_MAIL_SMTP_SSL_ENABLE` → 'spring.mail.properties.mail.smtp.ssl.enable' (relaxed binding). */
export function springNameFromEnv(key: string): string | undefined {
  const m = /^SPRING_MAIL_(.+)$/i.exec(key);
  if (!m) return undefined;
  const rest = m[1];
  const props = /^PROPERTIES_(.+)$/i.exec(rest);
  if (props) return PROPS_PREFIX + props[1].toLowerCase().replace(/_/g, '.');
  // Not MailProperties fields (SPRING_MAIL_SMTP_STARTTLS_ENABLE, SPRING_MAIL_DEBUG): keep the dots, so
  // semantics/spring can say what JavaMail property they were meant as.
  if (/^(SMTPS?_|DEBUG$)/i.test(rest)) return 'spring.mail.' + rest.toLowerCase().replace(/_/g, '.');
  const ssl = /^SSL_(.+)$/i.exec(rest);
  if (ssl) return 'spring.mail.ssl.' + ssl[1].toLowerCase().replace(/_/g, '');
  return 'spring.mail.' + rest.toLowerCase().replace(/_/g, '');
}

/** JavaMail PropUtil.getBooleanProperty on the string Spring passes ("true" any case); undefined = not knowable. */
function javaBool(f: Field | undefined): boolean | undefined {
  if (!f) return undefined;
  if (f.value === undefined) return undefined;
  if (typeof f.value === 'boolean') return f.value;
  const s = String(f.value).trim();
  if (parseBool(s, 'javamail')) return true;
  // SnakeYAML (YAML 1.1) resolves plain yes/on to Boolean.TRUE, which Spring turns into "true".
  if (f.site.quote === '' && f.kind === 'literal' && f.site.style === 'yaml-map' && /^(yes|on)$/i.test(s)) return true;
  return false;
}

function withValue<T extends string | number | boolean>(f: Field, value: T | undefined, key?: string): Field<T> {
  return { ...f, key: key ?? f.key, value } as Field<T>;
}

const VERSION_ORDER = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

function lowestProtocol(list: string): string | undefined {
  let best: number | undefined;
  let bestName: string | undefined;
  for (const p of list.split(/[\s,]+/).filter(Boolean)) {
    const i = VERSION_ORDER.findIndex((v) => v.toLowerCase() === p.toLowerCase());
    if (i >= 0 && (best === undefined || i < best)) {
      best = i;
      bestName = VERSION_ORDER[i];
    }
  }
  return bestName ?? (list.trim() || undefined);
}

/**
 * Builds the SmtpConfig of one Spring mail block. Returns undefined when nothing in it is an SMTP client
 * setting (e.g. only `spring.mail.default-encoding`).
 */
export function interpretSpring(props: SpringProp[], meta: SpringMeta): SmtpConfig | undefined {
  const byName = new Map<string, Field>();
  const extras: Record<string, Field> = {};
  let rawPassword: string | undefined;
  // The protocol first: the JavaMail name an ignored key was meant as depends on it.
  let protocolWritten: Field | undefined;
  for (const p of props) if (p.name === 'spring.mail.protocol') protocolWritten = p.field;
  const protocolName = protocolWritten && protocolWritten.value !== undefined ? String(protocolWritten.value).trim().toLowerCase() || 'smtp' : 'smtp';
  let ignored = 0;
  for (const p of props) {
    // Keys Spring never binds or JavaMail never asks for (spring.mail.smtp.*, properties.smtp.*, top-level
    // mail.smtp.*): kept apart so no rule takes them for settings in effect (semantics/spring ignoredSpringKey).
    if (ignoredSpringKey(p.name, protocolName)) {
      extras[IGNORED_EXTRA + p.name] = p.field;
      ignored++;
      continue;
    }
    if (p.name === 'spring.mail.password') rawPassword = p.raw;
    // Later definitions win (YAML merge keys, duplicates): like Spring's property sources within one document.
    byName.set(p.name, p.field);
    const extraKey = p.name.startsWith(PROPS_PREFIX) ? p.name.slice(PROPS_PREFIX.length) : p.name;
    extras[extraKey] = p.field;
  }
  const get = (n: string) => byName.get(n);
  const hostF = get('spring.mail.host');
  // Without spring.mail.port, JavaMailSenderImpl connects with port -1 and JavaMail falls back to
  // mail.<protocol>.port (then the protocol default).
  let portF = get('spring.mail.port');
  const userF = get('spring.mail.username');
  const passF = get('spring.mail.password');
  const protocolF = get('spring.mail.protocol');
  const bootSslF = get('spring.mail.ssl.enabled');
  const hasJavaMail = [...byName.keys()].some((n) => n.startsWith(PROPS_PREFIX + 'mail.'));
  const onlyIgnored = !hostF && !portF && !userF && !hasJavaMail && !protocolF && !bootSslF;
  if (onlyIgnored && !ignored) return undefined;

  const protocolKnown = !protocolF || (protocolF.kind === 'literal' || protocolF.value !== undefined);
  const protocol = protocolF && protocolF.value !== undefined ? String(protocolF.value).trim().toLowerCase() || 'smtp' : 'smtp';
  const jm = (p: string) => get(`${PROPS_PREFIX}mail.${protocol}.${p}`);
  const sslEnableF = jm('ssl.enable');
  const starttlsF = jm('starttls.enable');
  const requiredF = jm('starttls.required');
  const trustF = jm('ssl.trust');
  const identityF = jm('ssl.checkserveridentity');
  const protocolsF = jm('ssl.protocols');
  const ciphersF = jm('ssl.ciphersuites');
  if (!portF) portF = jm('port');
  // The pre-JavaMail-1.4.2 way to implicit TLS: a plain socket factory that makes SSL sockets
  // (`socketFactory.class: javax.net.ssl.SSLSocketFactory`, usually with `socketFactory.port: 465`).
  const factoryF = jm('socketFactory.class');
  const sslFactoryF = jm('ssl.socketFactory.class');

  const cfg: SmtpConfig = {
    id: `${meta.format}:${meta.span.start}`,
    file: meta.file,
    format: meta.format,
    dialect: 'spring',
    label: meta.label,
    span: meta.span,
    credentials: { passwordIsLiteral: false },
    extras,
    effective: { tlsMode: 'unknown', because: '' },
  };
  if (hostF) cfg.host = withValue<string>(hostF, hostF.value === undefined ? undefined : String(hostF.value));
  if (portF) {
    const n = portF.value === undefined ? undefined : Number(String(portF.value).trim());
    cfg.port = withValue<number>(portF, n !== undefined && Number.isInteger(n) ? n : undefined);
  }
  if (userF) cfg.credentials.user = withValue<string>(userF, userF.value === undefined ? undefined : String(userF.value));
  if (passF) {
    cfg.credentials.password = { ...passF, text: '***', value: undefined } as Field<string>;
    cfg.credentials.passwordIsLiteral = passF.kind === 'literal' && rawPassword !== undefined && !isPlaceholder(rawPassword);
  }

  // Implicit TLS: smtps protocol forces it; Boot's ssl.enabled=true sets mail.<protocol>.ssl.enable=true.
  const isSmtps = protocol === 'smtps';
  const sslEnable = javaBool(sslEnableF);
  const bootSsl = javaBool(bootSslF);
  const factoryText = factoryF && factoryF.value !== undefined ? String(factoryF.value) : undefined;
  const factorySsl = isLegacySslSocketFactory(factoryText);
  if (sslEnableF && (sslEnable !== false || !factorySsl)) cfg.implicitTls = withValue<boolean>(sslEnableF, sslEnable);
  else if (factorySsl) cfg.implicitTls = withValue<boolean>(factoryF!, true);
  else if (bootSslF) cfg.implicitTls = withValue<boolean>(bootSslF, bootSsl);
  else if (protocolF && isSmtps) cfg.implicitTls = withValue<boolean>(protocolF, true);
  if (bootSslF && cfg.implicitTls !== bootSslF && bootSsl === true) cfg.extras['spring.mail.ssl.enabled'] = bootSslF;

  const starttls = javaBool(starttlsF);
  const required = javaBool(requiredF);
  if (starttlsF) cfg.starttls = withValue<boolean>(starttlsF, starttls);
  if (requiredF) cfg.requireTls = withValue<boolean>(requiredF, required);

  if (trustF) {
    const t = trustF.value === undefined ? undefined : String(trustF.value).trim();
    cfg.verifyCert = withValue<boolean>(trustF, t === undefined ? undefined : t === '' ? true : false);
  } else if (identityF) {
    cfg.verifyCert = withValue<boolean>(identityF, javaBool(identityF));
  }
  // A custom socket factory that trusts everything (DummySSLSocketFactory, TrustAll…, Insecure…).
  for (const f of [sslFactoryF, factoryF]) {
    const t = f && f.value !== undefined ? String(f.value) : '';
    if (f && /(Dummy|TrustAll|Trusting|Insecure|NoVerif|Naive|AcceptAll|Permissive)\w*SocketFactory/i.test(t) && !cfg.verifyCert) cfg.verifyCert = withValue<boolean>(f, false);
  }
  if (protocolsF) cfg.minTlsVersion = withValue<string>(protocolsF, protocolsF.value === undefined ? undefined : lowestProtocol(String(protocolsF.value)));
  if (ciphersF) cfg.ciphers = ciphersF;

  // Effective mode.
  const implicit = isSmtps || bootSsl === true || sslEnable === true || factorySsl;
  const implicitUnknown =
    !implicit && (!protocolKnown || (sslEnableF !== undefined && sslEnable === undefined) || (bootSslF !== undefined && bootSsl === undefined));
  const port = cfg.port?.value;
  const effPort = cfg.port ? port : implicit ? 465 : implicitUnknown || meta.partial || onlyIgnored ? undefined : 25;
  let tlsMode: TlsMode;
  let because: string;
  const pfx = `mail.${protocol}.`;
  if (onlyIgnored) {
    // Only keys nothing reads: the sender itself is configured elsewhere (another profile, the environment).
    tlsMode = 'unknown';
    because = 'this file holds no spring.mail setting that Spring binds';
  } else if (implicit) {
    tlsMode = 'implicit';
    because = isSmtps
      ? 'protocol smtps: JavaMail connects with TLS from the first byte'
      : bootSsl === true
        ? 'spring.mail.ssl.enabled: true sets ' + pfx + 'ssl.enable, so JavaMail uses implicit TLS'
        : sslEnable === true
          ? pfx + 'ssl.enable is true: JavaMail uses implicit TLS'
          : pfx + 'socketFactory.class makes SSL sockets: JavaMail uses implicit TLS';
  } else if (implicitUnknown) {
    tlsMode = 'unknown';
    because = 'whether implicit TLS is on depends on a value that is not known here';
  } else if ((starttlsF && starttls === undefined) || (requiredF && required === undefined)) {
    tlsMode = 'unknown';
    because = 'the STARTTLS settings depend on values that are not known here';
  } else if (meta.partial && required !== true && starttls !== false) {
    tlsMode = 'unknown';
    because = 'the STARTTLS settings are not in these variables; the application\'s own configuration may set them';
  } else if (required === true) {
    tlsMode = 'starttls-required';
    because = pfx + 'starttls.required is true: JavaMail fails unless the server offers STARTTLS';
  } else if (starttls === true) {
    tlsMode = 'starttls-opportunistic';
    because = pfx + 'starttls.enable without starttls.required: JavaMail upgrades only if the server advertises STARTTLS, else continues in cleartext';
  } else {
    tlsMode = 'none';
    because = starttlsF
      ? pfx + 'starttls.enable is false and ssl.enable is not set: JavaMail never encrypts'
      : 'neither ' + pfx + 'ssl.enable nor ' + pfx + 'starttls.enable is set: JavaMail never encrypts';
  }
  // STARTTLS explicitly off (with credentials: cleartext AUTH). With implicit TLS on 465 it is harmless and
  // not reported; with implicit TLS on another port the config is already broken (rule 2) and the natural
  // fix (STARTTLS) would stay disabled, so it is kept as a finding too.
  const implicitOnTlsPort = implicit && (port === undefined || port === 465 || port === 2465);
  if (!onlyIgnored && starttlsF && starttls === false && required !== true && !implicitUnknown && !implicitOnTlsPort) {
    cfg.ignoreTls = withValue<boolean>(starttlsF, true);
  }
  const eff: EffectiveConnection = { tlsMode, because };
  if (cfg.host?.value !== undefined) eff.host = cfg.host.value;
  if (effPort !== undefined && !Number.isNaN(effPort)) eff.port = effPort;
  cfg.effective = eff;
  return cfg;
}

// ---------------------------------------------------------------------------------------------
// Env form (SPRING_MAIL_*): compose/k8s env blocks and .env files.

function typedEnvValue(e: KvEntry): string | number | boolean | undefined {
  return isKnown(e) ? e.value : undefined;
}

/** True when the group holds Spring relaxed-binding mail variables. */
export function hasSpringEnv(group: KvGroup): boolean {
  return group.entries.some((e) => /^SPRING_MAIL_/i.test(e.key));
}

/**
 * Interprets the SPRING_MAIL_* entries of a KvGroup as a Spring config. Returns the config (or undefined)
 * and the entries it consumed, so callers can hand the rest to the other dialects.
 */
export function springFromKvGroup(group: KvGroup, entries: KvEntry[] = group.entries): { config?: SmtpConfig; used: KvEntry[] } {
  const used: KvEntry[] = [];
  const props: SpringProp[] = [];
  for (const e of entries) {
    const name = springNameFromEnv(e.key);
    if (!name) continue;
    used.push(e);
    const secret = name === 'spring.mail.password';
    props.push({
      name,
      raw: secret ? e.value : undefined,
      field: {
        key: e.key,
        value: secret ? undefined : typedEnvValue(e),
        text: secret ? '***' : e.raw ?? e.value,
        kind: e.kind,
        ...(e.envVar ? { envVar: e.envVar } : {}),
        ...(e.resolvedFrom ? { resolvedFrom: e.resolvedFrom } : {}),
        site: e.site,
      },
    });
  }
  if (!props.length) return { used };
  const config = interpretSpring(props, { file: group.file, format: group.format, span: spanOf(used), label: `${group.label} (Spring)`, partial: true });
  return { config, used };
}

// The env interpreter (dialects/index.ts) matches registered families before the generic SMTP_/MAIL_ shape,
// so SPRING_MAIL_* in .env files and YAML env blocks become one Spring config per block.
registerKvFamily({
  name: 'spring',
  dialect: 'spring',
  match: prefixMatcher(/^(SPRING_MAIL_)/i),
  build: (group, inst) => springFromKvGroup(group, inst.entries).config,
});
