// nodemailer's effective-connection algorithm (rules-research §2.2, nodemailer lib/smtp-transport +
// lib/smtp-connection + lib/shared parseConnectionUrl), for dialects whose values end up in a nodemailer
// transport: generic SMTP_* env (a Node app), Meteor MAIL_URL, Ghost mail__options__*.
import type { EffectiveConnection, TlsMode, UrlField } from '../../model/types';
import { lookupService } from './presets';
import { nodemailerUrlValue } from './effective';
import { requireWithIgnore } from './versions';
import type { LibraryVersion } from '../versions';

/** A setting as the transport sees it: absent, a known value, or present but not knowable. */
export type Opt<T> = { state: 'absent' } | { state: 'known'; value: T; key: string } | { state: 'unknown'; key: string };

export const absent: Opt<never> = { state: 'absent' };

export interface NodemailerInputs {
  host: Opt<string>;
  port: Opt<number>;
  /** secure as the app passes it: true/false, or unknown (env ref, non-boolean string). */
  secure: Opt<boolean>;
  requireTLS: Opt<boolean>;
  ignoreTLS: Opt<boolean>;
  service: Opt<string>;
  url?: UrlField;
  /** The nodemailer release the app runs (semantics/versions): decides requireTLS vs ignoreTLS. */
  version?: LibraryVersion;
}

/**
 * Computes host/port/TLS mode exactly as nodemailer (10.x, the installed version) does: merge order options <
 * url < service preset; `secure` undefined + port 465 → implicit; port = Number(port) || (secure ? 465 : 587);
 * requireTLS clears ignoreTLS/opportunisticTLS; STARTTLS iff !secure && !ignoreTLS (mandatory with requireTLS,
 * otherwise only if advertised).
 */
export function nodemailerEffective(inp: NodemailerInputs): EffectiveConnection {
  let host = inp.host;
  let port = inp.port;
  let secure = inp.secure;
  let requireTLS = inp.requireTLS;
  let ignoreTLS = inp.ignoreTLS;
  const why: string[] = [];
  if (inp.url) {
    const u = inp.url;
    const scheme = u.scheme?.value?.toLowerCase();
    if (u.kind === 'env' && u.value === undefined) return { tlsMode: 'unknown', because: `${u.key} comes from the environment and its value is not known` };
    if (scheme === 'smtp') secure = { state: 'known', value: false, key: `${u.key} smtp://` };
    else if (scheme === 'smtps') secure = { state: 'known', value: true, key: `${u.key} smtps://` };
    if (u.host?.value) host = { state: 'known', value: u.host.value, key: u.key };
    if (u.port?.value) port = { state: 'known', value: u.port.value, key: u.key };
    // query keys only apply when the URL itself did not set them (lib/shared parseConnectionUrl)
    const qb = (k: string): Opt<boolean> | undefined => {
      const p = u.params[k];
      if (!p) return undefined;
      const v = p.value === undefined ? undefined : nodemailerUrlValue(p.value);
      return typeof v === 'boolean' ? { state: 'known', value: v, key: `${u.key} ?${k}` } : undefined;
    };
    if (scheme !== 'smtp' && scheme !== 'smtps') secure = qb('secure') ?? secure;
    requireTLS = qb('requireTLS') ?? requireTLS;
    ignoreTLS = qb('ignoreTLS') ?? ignoreTLS;
    if (scheme === 'smtp') why.push(`the smtp:// scheme sets secure:false`);
    if (scheme === 'smtps') why.push(`the smtps:// scheme sets secure:true`);
  }
  // smtp-transport: service = options.service || urlData.service (the option wins when it is set)
  const urlService = inp.url?.params.service?.value;
  const service: Opt<string> = inp.service.state === 'absent' && urlService ? { state: 'known', value: urlService, key: `${inp.url!.key} ?service` } : inp.service;
  if (service.state === 'known') {
    const preset = lookupService(service.value);
    if (preset) {
      if (preset.host) host = { state: 'known', value: preset.host, key: service.key };
      if (preset.port) port = { state: 'known', value: preset.port, key: service.key };
      if (preset.secure !== undefined) secure = { state: 'known', value: preset.secure, key: service.key };
      if (preset.requireTLS) requireTLS = { state: 'known', value: true, key: service.key };
      if (preset.ignoreTLS) ignoreTLS = { state: 'known', value: true, key: service.key };
      why.push(`the "${service.value}" service preset sets ${preset.host ?? 'localhost'}:${preset.port ?? '(default)'}`);
    }
  } else if (service.state === 'unknown') {
    return { tlsMode: 'unknown', because: `${service.key} comes from the environment and decides host, port and TLS` };
  }
  const hostV = host.state === 'known' ? host.value : host.state === 'absent' ? 'localhost' : undefined;
  if (secure.state === 'unknown') return { host: hostV, port: port.state === 'known' ? port.value : undefined, tlsMode: 'unknown', because: `the value of ${secure.key} is not a known boolean` };
  const secureSet = secure.state === 'known' ? secure.value : undefined;
  let portV: number | undefined;
  if (port.state === 'known') portV = port.value || (secureSet ? 465 : 587);
  else if (port.state === 'absent') portV = secureSet ? 465 : 587;
  let mode: TlsMode;
  if (secureSet === true) {
    mode = 'implicit';
    why.push(`${(secure as { key: string }).key} is true: TLS from the first byte`);
  } else if (secureSet === undefined && portV === 465) {
    mode = 'implicit';
    why.push(`port 465 with secure unset: nodemailer switches to implicit TLS`);
  } else if (secureSet === undefined && port.state === 'unknown') {
    return { host: hostV, tlsMode: 'unknown', because: `secure is unset and the port (${(port as { key: string }).key}) is not known` };
  } else {
    if (secureSet === false) why.push(`${(secure as { key: string }).key} is false: plaintext connection, STARTTLS after EHLO`);
    else why.push(`secure unset on port ${portV}: plaintext connection, STARTTLS after EHLO`);
    // requireTLS next to ignoreTLS: the release decides (semantics/nodemailer/versions.ts requireWithIgnore).
    const both = requireTLS.state === 'known' && requireTLS.value && ignoreTLS.state === 'known' && ignoreTLS.value ? requireWithIgnore(inp.version) : undefined;
    if (both) {
      if (both.mode === 'unknown') return { host: hostV, port: portV, tlsMode: 'unknown', because: [...why, both.because].join('; ') };
      mode = both.mode;
      why.push(`${(requireTLS as { key: string }).key} and ${(ignoreTLS as { key: string }).key} are both true: ${both.because}`);
    } else if (requireTLS.state === 'known' && requireTLS.value) {
      mode = 'starttls-required';
      why.push(`${requireTLS.key} is true: STARTTLS is mandatory`);
    } else if (requireTLS.state === 'unknown') {
      return { host: hostV, port: portV, tlsMode: 'unknown', because: `the value of ${requireTLS.key} is not a known boolean` };
    } else if (ignoreTLS.state === 'known' && ignoreTLS.value) {
      mode = 'none';
      why.push(`${ignoreTLS.key} is true: STARTTLS is never sent`);
    } else if (ignoreTLS.state === 'unknown') {
      return { host: hostV, port: portV, tlsMode: 'unknown', because: `the value of ${ignoreTLS.key} is not a known boolean` };
    } else {
      mode = 'starttls-opportunistic';
      why.push('STARTTLS only if the server advertises it');
    }
  }
  return { host: hostV, port: portV, tlsMode: mode, because: why.join('; ') };
}
