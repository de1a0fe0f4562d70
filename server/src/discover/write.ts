// Writes a discovered endpoint (host, port, TLS mode) into an existing configuration, in the file's own
// dialect, through the same intents and expressers as the quick fixes: the port intent (port + the TLS
// settings that match it), then the TLS-mode intent when the endpoint's mode differs from what that gives
// (2465 implicit, STARTTLS made required), then the host. The text is re-read between steps, like --fix
// rounds, so each step sees the settings the previous one wrote.
import { lintText } from '../engine';
import { express, type Intent } from '../fixes/intents';
import { renderEdits } from '../fixes/render';
import { editable } from '../model/fields';
import { applyTextEdits } from '../model/textEdits';
import type { FieldEdit, SmtpConfig } from '../model/types';
import { tlsOfConfig } from '../probe/target';
import { formatOf } from '../readers/index';
import type { ProbeTls } from '../probe/types';
import { hostField, portOf } from '../rules/util';

export interface Endpoint {
  host: string;
  port: number;
  tls: ProbeTls;
}

export type WriteResult = { ok: true; text: string; config: string; notes: string[] } | { ok: false; message: string };

function configsOf(file: string, text: string): SmtpConfig[] {
  return lintText(file, text, { rules: {} }).read?.configs ?? [];
}

/** The configuration at `offset` (or the first one of the file). */
function pick(configs: SmtpConfig[], offset?: number): number {
  if (offset === undefined) return configs.length ? 0 : -1;
  const i = configs.findIndex((c) => c.span.start <= offset && offset <= c.span.end);
  return i >= 0 ? i : configs.length ? 0 : -1;
}

function apply(text: string, edits: FieldEdit[] | null): string | null {
  if (!edits) return null;
  return edits.length ? applyTextEdits(text, renderEdits(text, edits)) : text;
}

/** New text of `file` with the endpoint written into its configuration at `offset` (default: the first). */
export function writeEndpoint(file: string, text: string, ep: Endpoint, offset?: number): WriteResult {
  let configs = configsOf(file, text);
  const index = pick(configs, offset);
  if (index < 0) return { ok: false, message: `no SMTP configuration found in ${file} to write the settings into` };
  let cfg = configs[index];
  const label = cfg.label;
  const step = (what: string, edits: FieldEdit[] | null): WriteResult | undefined => {
    const next = apply(text, edits);
    if (next === null) return { ok: false, message: `cannot write ${what} into ${label} (${cfg.dialect}): the setting is not written literally in this file` };
    text = next;
    configs = configsOf(file, text);
    cfg = configs[index];
    if (!cfg) return { ok: false, message: `${label} could not be read back after writing ${what}` };
    return undefined;
  };

  if (portOf(cfg) !== ep.port || tlsOfConfig(cfg, ep.port).tls !== ep.tls) {
    const failed = step(`port ${ep.port}`, express(cfg, { kind: 'port', port: ep.port }));
    if (failed) return failed;
  }
  let now = tlsOfConfig(cfg, portOf(cfg));
  if (ep.tls === 'implicit' && now.tls !== 'implicit') {
    const failed = step('implicit TLS', express(cfg, { kind: 'tls-mode', mode: 'implicit' }));
    if (failed) return failed;
  }
  if (ep.tls === 'starttls' && now.tls !== 'starttls') {
    const failed = step('STARTTLS', express(cfg, { kind: 'tls-mode', mode: 'starttls-required' }));
    if (failed) return failed;
    now = tlsOfConfig(cfg, portOf(cfg));
  }
  const notes: string[] = [];
  if (ep.tls === 'starttls' && now.opportunistic) {
    // Required STARTTLS (RFC 3207 §6: an attacker can strip an optional one); some dialects have no switch for it.
    const edits = express(cfg, { kind: 'require-tls' });
    if (edits) {
      const failed = step('required STARTTLS', edits);
      if (failed) return failed;
    } else notes.push(`${label} has no setting to make STARTTLS required; the library uses it when the server offers it`);
  }
  const hf = hostField(cfg);
  if (!hf) return { ok: false, message: `${label} has no host setting to write ${ep.host} into` };
  if (String(hf.value ?? '').toLowerCase() !== ep.host) {
    const failed = step(`host ${ep.host}`, editable(cfg, hf) ? [{ op: 'set', field: hf, text: ep.host, type: 'string' }] : null);
    if (failed) return failed;
  }
  return { ok: true, text, config: label, notes };
}

/** The skeleton a file without any configuration gets, in its own format; writeEndpoint then sets the TLS
 *  settings through the expressers, like any other configuration. undefined = no skeleton for this format. */
function skeleton(file: string, text: string, ep: Endpoint, user?: string): string | undefined {
  const base = file.replace(/^.*[\\/]/, '');
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = (ls: string[]) => (text && !/\n$/.test(text) ? nl : '') + (text.trim() ? nl : '') + ls.join(nl) + nl;
  const fmt = formatOf(file);
  if (fmt === 'env') {
    // The generic SMTP_* names (nodemailer-style apps read them); SMTP_SECURE written so the mode is visible.
    return lines([`SMTP_HOST=${ep.host}`, `SMTP_PORT=${ep.port}`, 'SMTP_SECURE=false', ...(user ? [`SMTP_USER=${user}`] : [])]);
  }
  // JavaMail waits forever by default (missing-smtp-timeouts): the skeleton sets its three timeouts.
  const timeouts = ['connectiontimeout', 'timeout', 'writetimeout'].map((t) => `properties.mail.smtp.${t}`);
  if (fmt === 'properties' && /^application.*\.properties$/i.test(base)) {
    return lines([`spring.mail.host=${ep.host}`, `spring.mail.port=${ep.port}`, ...(user ? [`spring.mail.username=${user}`] : []), ...timeouts.map((k) => `spring.mail.${k}=10000`)]);
  }
  // Spring YAML only when the file has no top-level spring: map yet (a second one would be a duplicate key).
  if (fmt === 'yaml' && /^application.*\.ya?ml$/i.test(base) && !/^spring\s*:/m.test(text)) {
    return lines(['spring:', '  mail:', `    host: ${ep.host}`, `    port: ${ep.port}`, ...(user ? [`    username: ${user}`] : []), ...timeouts.map((k) => `    ${k}: 10000`)]);
  }
  return undefined;
}

/**
 * New text of `file` with a complete configuration for the endpoint appended (a file that has none): the
 * skeleton of its format, then writeEndpoint for the TLS settings. `user`: the address searched for.
 */
export function insertEndpoint(file: string, text: string, ep: Endpoint, user?: string): WriteResult {
  const add = skeleton(file, text, ep, user);
  if (add === undefined) return { ok: false, message: `no SMTP configuration in ${file.replace(/^.*[\\/]/, '')} to write the settings into, and no complete one can be inserted in this kind of file` };
  // The offset of the inserted block, so writeEndpoint works on it and not on an unrelated config.
  return writeEndpoint(file, text + add, ep, text.length + add.search(/\S/));
}
