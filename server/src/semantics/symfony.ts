// Symfony Mailer's ESMTP transport resolution (rules-research §4.4; symfony/mailer
// EsmtpTransportFactory + EsmtpTransport): used by Symfony MAILER_DSN and Laravel ≥ 9 (MAIL_SCHEME /
// MAIL_URL, whose settings become a Symfony Dsn).
import type { EffectiveConnection } from '../model/types';
import { parseBool } from './values';
import { atLeast, type LibraryVersion } from './versions';

/** The Composer package whose release decides which DSN options are read (composer.lock / composer.json). */
export const SYMFONY_MAILER = 'symfony/mailer';

/** DSN options of the smtp transport that older releases ignore, and the release that added each:
 *  auto_tls 7.1 (symfony/symfony#53621, CHANGELOG 7.1), require_tls 7.3 (symfony/symfony#59479, merged for 7.3;
 *  symfony-docs#20701 "versionadded 7.3"). */
export const DSN_OPTION_SINCE: Readonly<Record<string, string>> = { auto_tls: '7.1.0', require_tls: '7.3.0' };

/** Whether this symfony/mailer release reads the DSN option: true, false (too old), undefined (not known / the range spans both). */
export function dsnOptionRead(option: string, v: LibraryVersion | undefined): boolean | undefined {
  const since = DSN_OPTION_SINCE[option];
  return since === undefined ? true : atLeast(v?.spec, since);
}

/** "symfony/mailer 7.2.0 (composer.lock)". */
export function mailerVersionText(v: LibraryVersion): string {
  return `symfony/mailer ${v.spec} (${v.source})`;
}

export interface SymfonyInputs {
  /** 'smtp' | 'smtps' | other (rejected by symfony/mailer ≥ 7.2). */
  scheme: string;
  schemeKey: string;
  host?: string;
  /** undefined = no port written (0 in Symfony's terms); NaN = not knowable. */
  port?: number;
  portKey?: string;
  /** DSN options (query parameters), values as written. */
  options: Record<string, string | undefined>;
  /** The project's symfony/mailer release, when found (auto_tls and require_tls are ignored by older ones). */
  version?: LibraryVersion;
}

/**
 * EsmtpTransportFactory turns verify_peer / auto_tls off when the option is present, not '' and not true for
 * PHP's filter_var(FILTER_VALIDATE_BOOL) — so any value but 1/true/on/yes (e.g. 0, false, no, off, abc) is off.
 */
export const dsnOff = (v: string | undefined): boolean => v !== undefined && v !== '' && parseBool(v, 'php-filter') !== true;
/** require_tls is on only for a filter_var-true value. */
export const dsnOn = (v: string | undefined): boolean => parseBool(v, 'php-filter') === true;
const falsy = dsnOff;
const truthy = dsnOn;

/** EsmtpTransport: an smtp:// DSN without a port uses implicit TLS on 465 unless the host is the literal name
 *  "localhost" (`0 === $port && 'localhost' !== $host`; 127.0.0.1 and compose service names get 465 too). */
export function portlessMeansImplicit(host: string | undefined): boolean {
  return host !== 'localhost';
}

export function symfonyEffective(inp: SymfonyInputs): EffectiveConnection {
  const scheme = inp.scheme.toLowerCase();
  const host = inp.host;
  if (inp.port !== undefined && Number.isNaN(inp.port)) return { host, tlsMode: 'unknown', because: `the port (${inp.portKey}) is not known` };
  if (scheme !== 'smtp' && scheme !== 'smtps') {
    return { host, port: inp.port, tlsMode: 'unknown', because: `"${inp.scheme}" is not a scheme of the smtp mailer (symfony/mailer ≥ 7.2 throws UnsupportedSchemeException; only smtp and smtps are accepted)` };
  }
  const why: string[] = [];
  let tls: boolean | null = scheme === 'smtps' ? true : null;
  let port = inp.port ?? 0;
  if (tls === null) {
    if (port === 465) {
      tls = true;
      why.push(`${inp.schemeKey} smtp:// on port 465: Symfony turns implicit TLS on for 465`);
    } else if (port === 0 && portlessMeansImplicit(host)) {
      // EsmtpTransport: `0 === $port && 'localhost' !== $host` (only the literal name localhost; 127.0.0.1 and
      // compose service names get implicit TLS on 465 too)
      tls = true;
      why.push(`${inp.schemeKey} smtp:// without a port to a host other than "localhost": Symfony uses implicit TLS on 465`);
    } else {
      tls = false;
    }
  } else why.push(`${inp.schemeKey} smtps://: implicit TLS`);
  if (port === 0) port = tls ? 465 : 25;
  if (tls) return { host, port, tlsMode: 'implicit', because: why.join('; ') || 'implicit TLS' };
  why.push(`smtp:// on port ${port}: plaintext greeting, STARTTLS when advertised`);
  const v = inp.version;
  if (falsy(inp.options.auto_tls)) {
    if (dsnOptionRead('auto_tls', v) === false) why.push(`auto_tls is ignored by ${mailerVersionText(v!)}: it arrived in ${DSN_OPTION_SINCE.auto_tls}`);
    else return { host, port, tlsMode: 'none', because: [...why, `auto_tls=false: STARTTLS is never sent${v ? '' : ` (symfony/mailer ≥ ${DSN_OPTION_SINCE.auto_tls}; older releases ignore it)`}`].join('; ') };
  }
  if (truthy(inp.options.require_tls)) {
    if (dsnOptionRead('require_tls', v) === false) why.push(`require_tls is ignored by ${mailerVersionText(v!)}: it arrived in ${DSN_OPTION_SINCE.require_tls}, so STARTTLS is used only when offered`);
    else return { host, port, tlsMode: 'starttls-required', because: [...why, `require_tls=true: the connection fails without TLS${v && dsnOptionRead('require_tls', v) ? '' : ` (symfony/mailer ≥ ${DSN_OPTION_SINCE.require_tls}; older releases ignore it and use STARTTLS only when offered)`}`].join('; ') };
  }
  return { host, port, tlsMode: 'starttls-opportunistic', because: why.join('; ') };
}

// ------------------------------------------------------------------------------------------------
// `%env(…)%` placeholders in Symfony config files (config/packages/mailer.yaml: `dsn: '%env(MAILER_DSN)%'`).
// symfony/dependency-injection EnvVarProcessor::getEnv: `%env(a:b:NAME)%` applies the processors from the
// innermost (rightmost) outwards; `default`, `key` and `enum` take one argument (`default:fallback_param:NAME`).

export interface SymfonyEnvProcessor {
  name: string;
  /** default: the fallback parameter's name; key: the array key; enum: the enum class. */
  arg?: string;
}

export interface SymfonyEnvRef {
  /** The environment variable read. */
  name: string;
  /** Outermost first, as written. */
  processors: SymfonyEnvProcessor[];
}

const WITH_ARG = new Set(['default', 'key', 'enum']);

/** The env reference when `text` is one whole `%env(…)%` placeholder (nothing before or after it). */
export function symfonyEnvPlaceholder(text: string): SymfonyEnvRef | undefined {
  const m = /^%env\(([^()%\s]+)\)%$/.exec(text.trim());
  if (!m) return undefined;
  const segs = m[1].split(':');
  const processors: SymfonyEnvProcessor[] = [];
  let i = 0;
  while (i < segs.length - 1) {
    const name = segs[i++];
    if (WITH_ARG.has(name)) {
      if (i >= segs.length - 1) return undefined; // `default:NAME` throws "a fallback parameter should be provided"
      processors.push({ name, arg: segs[i++] });
    } else processors.push({ name });
  }
  const name = segs[segs.length - 1];
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? { name, processors } : undefined;
}

/** Symfony parameter references (`%mailer_host%`) that the container replaces in a config string; `%%` is a `%`. */
const PARAMETER_REF = /%%|%([^%\s]+)%/g;

/** The string holds a `%parameter%` or `%env(…)%` reference that only the container can resolve. */
export function hasSymfonyParameterRef(text: string): boolean {
  for (const m of text.matchAll(PARAMETER_REF)) if (m[1] !== undefined) return true;
  return false;
}

/**
 * What the placeholder yields for an environment value `env` (undefined = not set anywhere in the workspace):
 * the string the mailer receives, or why it cannot be known here. Only the processors that pass a DSN string
 * through are modelled (string, trim, resolve without parameters, default with a set value); the others read
 * files, decode JSON or call PHP, and give "unknown".
 */
export function applySymfonyEnvProcessors(ref: SymfonyEnvRef, env: string | undefined): { value: string } | { unknown: string } {
  let v = env;
  for (let i = ref.processors.length - 1; i >= 0; i--) {
    const p = ref.processors[i];
    if (p.name === 'default') {
      // `'' !== $env && null !== $env` keeps the value; otherwise the fallback parameter (null for `default::`)
      if (v === undefined || v === '') return { unknown: `${ref.name} is not set, so %env(default:${p.arg}:…)% uses ${p.arg ? `the parameter ${p.arg}` : 'null'}` };
      continue;
    }
    if (v === undefined) return { unknown: `${ref.name} is not set in the workspace` };
    if (p.name === 'string') continue;
    if (p.name === 'trim') v = v.trim();
    else if (p.name === 'resolve') {
      // resolve: replaces %parameter% (and, from Symfony 6.4, %env(X)%) inside the value; %% is a literal %
      if (hasSymfonyParameterRef(v)) return { unknown: `${ref.name} holds a %parameter% reference that resolve: replaces` };
      v = v.replace(/%%/g, '%');
    } else return { unknown: `the ${p.name}: env processor is not modelled` };
  }
  return v === undefined ? { unknown: `${ref.name} is not set in the workspace` } : { value: v };
}
