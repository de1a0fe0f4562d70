// Mail providers: the facts live in semantics/providers (the one table, also used by discovery).
import type { SmtpConfig } from '../../model/types';
import { providerOf, type ProviderFacts } from '../../semantics/providers';
import { hostOf, portOf } from './fields';

export type Provider = ProviderFacts;
export { providerOf };

/** STARTTLS is certainly offered: a known provider, or a submission port. Used to decide whether requiring TLS is safe. */
export function tlsSurelyOffered(cfg: SmtpConfig, port = portOf(cfg)): boolean {
  const p = providerOf(hostOf(cfg));
  if (p) return true;
  return port === 587 || port === 2525 || port === 2587;
}
