// What github.com/wneessen/go-mail makes of a Client's options (rules-research-polyglot §8.3), read in
// wneessen/go-mail client.go@46f4d6f:
//  - L25-38, L312-316: NewClient defaults: port 25 (DefaultPort), TLSPolicy TLSMandatory, 15 s timeout.
//  - L359 WithPort(p) sets the port; the port never switches SSL on by itself.
//  - L396-399 WithSSL(): implicit TLS (useSSL). L416 WithSSLPort(fallback) → SetSSLPort(true, fallback) L956-968:
//    port 465 if the port is still the default 25; fallback to port 25 on a failed connect — with the SAME dialer
//    (L1205-1220: dialContextFunc is the TLS dialer when useSSL), so that fallback is TLS on 25, not cleartext.
//  - L489 WithTLSPolicy(p): TLSMandatory (STARTTLS or fail), TLSOpportunistic (STARTTLS when offered), NoTLS.
//  - L510 WithTLSPortPolicy(p) → SetTLSPortPolicy L917-931: port 587 when still 25; TLSOpportunistic adds a
//    fallback to port 25, where STARTTLS is only used when offered: the session can end up in cleartext.
//  - Options apply in order: a WithPort before WithSSLPort / WithTLSPortPolicy keeps its port (no fallback).
//  - L433 WithDebugLog(): SMTP dialogue on stderr, AUTH data redacted unless WithLogAuthData() (L799).
import type { EffectiveConnection } from '../model/types';
import type { LibraryVersion } from './versions';

/** The module path go.mod names (semantics/version-detectors/go.ts). */
export const GO_MAIL_MODULE = 'github.com/wneessen/go-mail';

export type GoMailPolicy = 'TLSMandatory' | 'TLSOpportunistic' | 'NoTLS';

export interface GoMailOptions {
  port?: number;
  /** The port is written but not known (an expression). */
  portUnknown?: boolean;
  ssl: boolean;
  policy?: GoMailPolicy;
  /** The policy is written but not known. */
  policyUnknown?: boolean;
  /** Fallback to port 25 (WithTLSPortPolicy(TLSOpportunistic) before any WithPort). */
  fallback25: boolean;
}

export function goMailPolicy(name: string | undefined): GoMailPolicy | undefined {
  const n = name?.replace(/^.*\./, '');
  return n === 'TLSMandatory' || n === 'TLSOpportunistic' || n === 'NoTLS' ? n : undefined;
}

/** `release`: the go-mail release of the project (go.mod), named in the explanation. Every release so far defaults to
 *  TLSMandatory on port 25 (client.go DefaultTLSPolicy since v0.1), so it changes no verdict. */
export function goMailEffective(host: string | undefined, o: GoMailOptions, release?: LibraryVersion): EffectiveConnection {
  let eff: EffectiveConnection;
  if (o.ssl) eff = { tlsMode: 'implicit', because: 'mail.WithSSL / WithSSLPort: go-mail starts TLS before the greeting' };
  else if (o.policyUnknown) eff = { tlsMode: 'unknown', because: 'the TLS policy depends on a value that is not known here' };
  else if (o.policy === 'NoTLS') eff = { tlsMode: 'none', because: 'mail.NoTLS: go-mail never sends STARTTLS' };
  else if (o.policy === 'TLSOpportunistic') eff = { tlsMode: 'starttls-opportunistic', because: 'mail.TLSOpportunistic: go-mail uses STARTTLS only when the server offers it' };
  else eff = { tlsMode: 'starttls-required', because: `${o.policy ? 'mail.TLSMandatory' : 'the default policy TLSMandatory'}: go-mail fails unless the server offers STARTTLS` };
  if (host) eff.host = host;
  if (!o.portUnknown) eff.port = o.port ?? 25;
  if (release) eff.because += ` (go-mail ${release.spec}, ${release.source})`;
  return eff;
}
