// The address "Find SMTP Settings" proposes for a configuration: its login when that is an address, else its
// sender address (MAIL_FROM_ADDRESS, DEFAULT_FROM_EMAIL, from_address ...), else the domain of its host
// (smtp.example.com → example.com). Local and internal hosts (a dev catcher, a compose service) say nothing
// about where mail for a domain is submitted, so they give no proposal.
import * as net from 'node:net';
import type { SmtpConfig } from '../model/types';
import { isInternalHost } from '../semantics/values/index';
import { domainOf } from './index';

export interface Prefill {
  address: string;
  source?: 'user' | 'from' | 'host';
}

/** A sender-address setting: MAIL_FROM_ADDRESS, SMTP_FROM, EMAIL_FROM, DEFAULT_FROM_EMAIL, from_address, spring's mail.from ... */
const FROM_KEY = /(^|[._])(DEFAULT_)?FROM(_ADDRESS|_EMAIL|_MAIL)?$|(^|[._])from(Address|Email)?$/i;

function asAddress(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim().replace(/^.*<([^>]+)>\s*$/, '$1'); // "Name <me@example.com>"
  if (!/^[^@\s]+@[^@\s]+$/.test(s)) return undefined;
  try {
    domainOf(s);
    return s;
  } catch {
    return undefined;
  }
}

/** smtp.mail.example.co → mail.example.co; example.com stays; IPs and internal names give nothing. */
export function hostDomain(host: string | undefined): string | undefined {
  const h = host?.trim().toLowerCase().replace(/\.$/, '');
  if (!h || net.isIP(h) || isInternalHost(h)) return undefined;
  const labels = h.split('.');
  const d = labels.length > 2 ? labels.slice(1).join('.') : h;
  try {
    return domainOf(d);
  } catch {
    return undefined;
  }
}

/**
 * @param resolved the config's host and user with variables resolved (probe/target.ts targetFromConfig)
 * @param fileVars the variables the same file defines (a .env: MAIL_FROM_ADDRESS next to MAIL_HOST)
 */
export function prefillFor(cfg: SmtpConfig, resolved: { host?: string; user?: string }, fileVars?: Record<string, { value: string }>): Prefill {
  const user = asAddress(resolved.user);
  if (user) return { address: user, source: 'user' };
  for (const [k, f] of Object.entries(cfg.extras)) {
    const a = FROM_KEY.test(k) ? asAddress(f.value) : undefined;
    if (a) return { address: a, source: 'from' };
  }
  for (const [k, v] of Object.entries(fileVars ?? {})) {
    const a = FROM_KEY.test(k) ? asAddress(v.value) : undefined;
    if (a) return { address: a, source: 'from' };
  }
  const d = hostDomain(resolved.host);
  if (d) return { address: d, source: 'host' };
  return { address: '' };
}
