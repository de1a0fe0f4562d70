// What differs between nodemailer releases, confirmed from the published code (npm tarballs):
//   requireTLS vs ignoreTLS: dist/cjs/smtp-connection/index.js constructor of 10.0.12 adds
//     `if (requireTLS && (ignoreTLS || opportunisticTLS)) → ignoreTLS = opportunisticTLS = false`
//     (absent in 10.0.11 and in lib/smtp-connection/index.js of v9.0.5, where _actionEHLO skips STARTTLS
//     whenever ignoreTLS is set: ignoreTLS wins).
import { atLeast, type LibraryVersion } from '../versions';

export const REQUIRE_TLS_WINS_SINCE = '10.0.12';

/** requireTLS wins over ignoreTLS in this release: true, false, or undefined (version unknown or the range spans both). */
export function requireTlsWins(v: LibraryVersion | undefined): boolean | undefined {
  return atLeast(v?.spec, REQUIRE_TLS_WINS_SINCE);
}

/** What requireTLS: true together with ignoreTLS: true does in this release (the effective models and
 *  conflicting-tls-flags ask this one function): STARTTLS required (≥ 10.0.12), never sent (older), or not
 *  known (the version is not known or its range spans both) with a reason that says what each release does. */
export function requireWithIgnore(v: LibraryVersion | undefined): { mode: 'starttls-required' | 'none' | 'unknown'; because: string } {
  const wins = requireTlsWins(v);
  const which = v ? `nodemailer ${v.spec} (${v.source})` : 'nodemailer';
  if (wins === true) return { mode: 'starttls-required', because: `${which} lets requireTLS win over ignoreTLS (since ${REQUIRE_TLS_WINS_SINCE}): STARTTLS is mandatory` };
  if (wins === false) return { mode: 'none', because: `${which} lets ignoreTLS win over requireTLS (before ${REQUIRE_TLS_WINS_SINCE}): STARTTLS is never sent` };
  return {
    mode: 'unknown',
    because: `requireTLS and ignoreTLS are both set: nodemailer before ${REQUIRE_TLS_WINS_SINCE} never sends STARTTLS (ignoreTLS wins), ${REQUIRE_TLS_WINS_SINCE} and later require it (requireTLS wins); ${v ? `${which} allows both` : 'the nodemailer version is not known (package-lock.json, package.json or "versions" in .mailconfiglintrc.json)'}`,
  };
}
