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
