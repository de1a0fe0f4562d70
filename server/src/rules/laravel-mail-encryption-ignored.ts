// Rule 20: Laravel MAIL_ENCRYPTION that contradicts MAIL_PORT. What the value does depends on the laravel/framework
// release (semantics/laravel.ts LARAVEL_ENCRYPTION_RANGES): decisive on ≤ 8 (SwiftMailer), `tls` forces implicit
// TLS on 9.0.0–9.0.2 and 11.35.0, ignored otherwise. The message, severity and fix follow the project's release.
import type { Field, FieldEdit, SmtpConfig, TlsMode } from '../model/types';
import type { Rule } from './types';
import { laravelKeyName, laravelSetting } from '../semantics/laravel-config';
import { describeRanges, encryptionUnset, LARAVEL_FRAMEWORK, laravelEncryption, TLS_MODE_WORDS, type LaravelEncryption } from '../semantics/laravel';
import { IMPLICIT_PORTS, editable, isCrossFile, fieldByKey, fixes, hostOf, intentFix, plainFix, portField, portOf, relatedOf, removeEdit, setEdit, setPort, show, spanOf } from './util';

const isSwift = (label: string) => label.includes('SwiftMailer');
const UNKNOWN_VERSION = 'the laravel/framework version is not known (composer.lock, composer.json or "versions" in .mailconfiglintrc.json)';

export const rule: Rule = {
  meta: {
    id: 'laravel-mail-encryption-ignored',
    defaultSeverity: 'warning',
    short: 'Laravel MAIL_ENCRYPTION contradicts MAIL_PORT (decisive on Laravel ≤ 8, 9.0.0–9.0.2 and 11.35.0; ignored otherwise)',
    long:
      'What MAIL_ENCRYPTION does depends on the Laravel release (read from composer.lock). Laravel ≤ 8 (SwiftMailer): ssl ' +
      'is implicit TLS, tls is mandatory STARTTLS, no value is no TLS at all. Laravel 9.0.0–9.0.2 and 11.35.0: tls ' +
      'becomes smtps, implicit TLS on any port. Laravel 9.1–11.34 and ≥ 11.35.1: ignored, the port decides (465 → implicit ' +
      'TLS, anything else → STARTTLS when offered) unless MAIL_SCHEME says otherwise. A value that contradicts the port ' +
      'breaks the releases where it decides (error when the project runs one), and misleads readers where it is ' +
      'ignored (info). Without a known version the finding is a warning that says what each release does. The key ' +
      'was removed from the Laravel skeleton in 2024.',
    sources: [
      'laravel/framework MailManager::createSmtpTransport (v8.83.29 L197-199; v9.0.0 L174; 9541779dcb; c07f426e8b; revert 2b8b386969)',
      'swiftmailer/swiftmailer v6.3.0 EsmtpTransport::setEncryption L142-154, doHeloCommand L344-351',
      'laravel/framework#40887 (tls became smtps on 9.0)',
      'laravel/framework#53863 (revert of encryption → scheme)',
      'laravel/laravel config/mail.php (2024 skeleton)',
      'RFC 8314 §3.3',
    ],
    fixSafety:
      'Safe. Where the project\'s release reads the value and the connection fails, the fix writes the value that matches ' +
      'the port (SwiftMailer: ssl on 465, tls elsewhere) or removes tls (9.0.0–9.0.2, 11.35.0). Where the value is ignored, ' +
      'removing it (or, on 465, replacing it with MAIL_SCHEME=smtps) does not change the connection. The alternative for ' +
      'ssl on a STARTTLS port (move to 465) is unsafe.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.dialect !== 'laravel') return;
    const f = fieldByKey(cfg, laravelKeyName(cfg.format, 'MAIL_ENCRYPTION'));
    const name = (envName: string, value?: string | number) => laravelSetting(cfg.format, envName, value);
    if (!f || (f.kind !== 'literal' && f.value === undefined)) return;
    if (isCrossFile(f, cfg)) return; // env('MAIL_ENCRYPTION') in config/mail.php: the .env line is reported where it is written
    const port = portOf(cfg);
    if (port === undefined) return;
    const raw = String(f.value ?? f.text).trim();
    const enc = raw.toLowerCase();
    const wantsImplicit = enc === 'ssl' || enc === 'smtps';
    const wantsNone = encryptionUnset(raw);
    const wantsStarttls = enc === 'tls' || enc === 'starttls';
    if (!wantsImplicit && !wantsNone && !wantsStarttls) return;
    const pf = portField(cfg)!;
    const implicitPort = IMPLICIT_PORTS.has(port);
    const breaks = (m: TlsMode) => m !== 'unknown' && (implicitPort ? m !== 'implicit' : m === 'implicit');
    const symptom = implicitPort
      ? `the client waits for a plaintext greeting on ${name('MAIL_PORT', port)}, which expects implicit TLS (RFC 8314 §3.3): the connection hangs`
      : `the TLS handshake meets the plaintext greeting of ${name('MAIL_PORT', port)}: it fails with 'wrong version number'`;
    const version = ctx.versionOf(LARAVEL_FRAMEWORK);
    const r = laravelEncryption(version, wantsNone ? undefined : raw, port, hostOf(cfg));
    const broken = r.byRange.filter((g) => breaks(g.mode));
    const contradicts = (wantsImplicit && !implicitPort) || (!wantsImplicit && implicitPort);
    const related = relatedOf(pf, `${name('MAIL_PORT', port)} is set here`);
    const alt = wantsImplicit && !implicitPort ? intentFix(cfg, { kind: 'port', port: 465 }, 'implicit TLS', false, () => setPort(cfg, 465)) : undefined;

    if (r.version && broken.length === r.byRange.length && broken.length > 0) {
      // Every release the project may run reads the value, and the connection fails.
      const m = broken[0];
      const swift = m.labels.every(isSwift);
      const edit: FieldEdit[] | null = !editable(cfg, f) ? null : swift ? [setEdit(f, implicitPort ? 'ssl' : 'tls', 'string')] : [removeEdit(f)];
      ctx.report({
        message: `On ${r.version}, ${show(f)} means ${TLS_MODE_WORDS[m.mode]} (${m.because}), so ${symptom}. ${swift ? `Set ${name('MAIL_ENCRYPTION', implicitPort ? 'ssl' : 'tls')}.` : 'Remove it: the port then decides.'}`,
        severity: 'error',
        span: spanOf(f),
        related,
        fixes: fixes(plainFix(swift ? `the encryption ${name('MAIL_PORT', port)} expects` : `${name('MAIL_ENCRYPTION')} removed: the port decides`, true, edit), alt),
        configId: cfg.id,
      });
      return;
    }
    if (r.version && broken.length > 0) {
      // The version's range spans releases that read the value and releases that do not.
      ctx.report({
        message: `${show(f)} with ${name('MAIL_PORT', port)}: ${describeRanges(r.byRange)}. ${r.version} allows releases where ${symptom}. Remove it${implicitPort ? ` and say what you mean with ${name('MAIL_SCHEME', 'smtps')}` : ''}, or pin a release.`,
        span: spanOf(f),
        related,
        fixes: fixes(plainFix('the port decides', !broken.some((g) => g.labels.some(isSwift)), ignoredEdits(cfg, f, implicitPort)), alt),
        configId: cfg.id,
      });
      return;
    }
    if (!contradicts) return;
    if (r.version) {
      // The project's release does not read it: harmless, but it says the opposite of what happens.
      ctx.report({
        message: `${show(f)} contradicts ${name('MAIL_PORT', port)}, but ${r.version} does not read it: ${r.byRange[0].because}. Remove it${implicitPort ? ` (say it with ${name('MAIL_SCHEME', 'smtps')})` : ''}: it misleads readers.`,
        severity: 'info',
        span: spanOf(f),
        related,
        fixes: fixes(plainFix(`${name('MAIL_ENCRYPTION')} is not read by ${r.version}`, true, ignoredEdits(cfg, f, implicitPort))),
        configId: cfg.id,
      });
      return;
    }
    ctx.report({
      message: unknownVersionMessage(cfg, f, port, implicitPort, r, breaks),
      span: spanOf(f),
      related,
      fixes: fixes(plainFix(implicitPort ? 'implicit TLS on 465' : 'the port decides on Laravel ≥ 9', true, ignoredEdits(cfg, f, implicitPort)), alt),
      configId: cfg.id,
    });
  },
};

/** Where the value is not read: remove it, or on 465 turn it into MAIL_SCHEME=smtps (the same connection, said plainly). */
function ignoredEdits(cfg: SmtpConfig, f: Field, implicitPort: boolean): FieldEdit[] | null {
  if (!editable(cfg, f)) return null;
  const scheme = fieldByKey(cfg, laravelKeyName(cfg.format, 'MAIL_SCHEME'));
  // env('MAIL_ENCRYPTION', 'tls') renamed to 'scheme' would still read MAIL_ENCRYPTION: remove it instead
  if (implicitPort && !scheme && !f.envVar) return [{ op: 'rename', field: f, key: laravelKeyName(cfg.format, 'MAIL_SCHEME') }, setEdit(f, 'smtps', 'string')];
  return [removeEdit(f)];
}

function unknownVersionMessage(cfg: SmtpConfig, f: Field, port: number, implicitPort: boolean, r: LaravelEncryption, breaks: (m: TlsMode) => boolean): string {
  const name = (envName: string, value?: string | number) => laravelSetting(cfg.format, envName, value);
  const head = implicitPort
    ? `${show(f)} contradicts ${name('MAIL_PORT', port)}, which expects implicit TLS (RFC 8314 §3.3)`
    : `${show(f)} asks for implicit TLS, but ${name('MAIL_PORT', port)} is a STARTTLS port`;
  const fails = implicitPort ? ', where the connection hangs waiting for a plaintext greeting' : ", where it fails with 'wrong version number'";
  const ranges = describeRanges(r.byRange, (m) => (breaks(m) ? fails : ', which works'));
  const advice = implicitPort ? `Say what you mean with ${name('MAIL_SCHEME', 'smtps')}.` : 'Remove it.';
  return `${head}: ${ranges}. The ${UNKNOWN_VERSION.replace(/^the /, '')}. ${advice}`;
}
export default rule;
