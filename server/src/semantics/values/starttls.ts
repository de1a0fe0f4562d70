// Words that switch STARTTLS by name instead of by boolean, across the dialects that have an enum for it:
// Mastodon SMTP_ENABLE_STARTTLS (auto | always | never), Gitea/go-mail and Grafana startTLS policies
// (MandatoryStartTLS, NoStartTLS, OpportunisticStartTLS), JavaMail-style "required", Keycloak "none".

/** Spellings that keep STARTTLS off (compared lower-cased). */
const OFF = ['never', 'none', 'nostarttls'];
/** A prefix that turns STARTTLS on, when offered or always (auto, always, required, MandatoryStartTLS,
 *  OpportunisticStartTLS). */
const ON = /^(auto|always|required|mandatory|opportunistic)/i;

/** What an enum-like STARTTLS word says: 'on', 'off', or undefined (not such a word: ask boolOf). */
export function starttlsWord(text: string | undefined): 'on' | 'off' | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (OFF.includes(t.toLowerCase())) return 'off';
  if (ON.test(t)) return 'on';
  return undefined;
}
