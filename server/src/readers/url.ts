// Mail connection URLs and DSNs: smtp://user:pass@host:587?opt=v, smtps://, smtp+ssl://, gmail+smtp://,
// submission://. Parses the structure only (no dialect semantics) and gives every part its own site
// inside the containing value, so a fix can change just `smtp` → `smtps` or `:465` → `:587`.
import type { Field, Site, UrlField } from '../model/types';
import { safeDecode } from '../semantics/values/percent';

// Userinfo runs to the LAST `@` before the path/query (as Node's url.parse, which nodemailer uses), so an
// unencoded `@` in a password does not end it early.
const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/(?:([^/?#]*)@)?(\[[^\]]*\]|[^:/?#@]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?/i;

/** True when `s` looks like a mail URL/DSN worth parsing. */
export function looksLikeMailUrl(s: string): boolean {
  return /^[a-z0-9+.-]*(smtps?|submission|ses|sendmail|mailgun|sendgrid|postmark|brevo|mailjet|gmail|direct)[a-z0-9+.-]*:\/\//i.test(s.trim());
}

/** `value` with the password part of `userinfo` (which starts at `at` after `lead` blanks) replaced by ***. */
function maskPassword(value: string, lead: number, at: number, userinfo: string): string {
  const colon = userinfo.indexOf(':');
  const start = lead + at + colon + 1;
  return value.slice(0, start) + '***' + value.slice(lead + at + userinfo.length);
}

/** The site of a part of a value (a URL part, one half of `host:port`): `text` at file offset `start`. */
export function urlPartSite(file: string, start: number, text: string): Site {
  return { file, style: 'url-part', value: { start, end: start + text.length }, quote: '', entry: { start, end: start + text.length }, indent: '' };
}

/**
 * Parses `value` (the unquoted text) that starts at file offset `valueStart`, inside the entry `site`.
 * Returns undefined when it is not a URL. `key` names the setting (MAIL_URL, url, MAILER_DSN).
 */
export function parseMailUrl(key: string, value: string, valueStart: number, site: Site, kind: Field['kind'] = 'literal'): UrlField | undefined {
  const lead = value.length - value.trimStart().length;
  const m = URL_RE.exec(value.trimStart());
  if (!m) return undefined;
  const base = valueStart + lead;
  const part = (text: string, at: number): Site => urlPartSite(site.file, base + at, text);
  const [, scheme, userinfo, host, port, , query] = m;
  const schemeField: Field<string> = { key: 'scheme', value: scheme.toLowerCase(), text: scheme, kind, site: part(scheme, 0) };
  let at = scheme.length + 3;
  let hasUser = false;
  let hasPassword = false;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    hasUser = (colon < 0 ? userinfo : userinfo.slice(0, colon)).length > 0;
    hasPassword = colon >= 0 && userinfo.length > colon + 1;
    at += userinfo.length + 1;
  }
  const hostField: Field<string> | undefined = host
    ? { key: 'host', value: safeDecode(host.replace(/^\[|\]$/g, '')), text: host, kind, site: part(host, at) }
    : undefined;
  at += host.length;
  let portField: Field<number> | undefined;
  if (port !== undefined) {
    at += 1;
    if (port.length) portField = { key: 'port', value: Number(port), text: port, kind, site: part(port, at) };
    at += port.length;
  }
  const params: Record<string, Field<string>> = {};
  if (query !== undefined) {
    const qStart = m[0].length - query.length;
    let off = 0;
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      const k = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
      const v = eq < 0 ? '' : pair.slice(eq + 1);
      if (k) {
        // The param's value site covers only the value; its entry covers `k=v` (for removal, the renderer
        // also takes the joining `&` or `?`).
        const s = part(v, qStart + off + (eq < 0 ? pair.length : eq + 1));
        s.entry = { start: base + qStart + off, end: base + qStart + off + pair.length };
        s.key = { start: base + qStart + off, end: base + qStart + off + (eq < 0 ? pair.length : eq) };
        params[k] = { key: k, value: safeDecode(v), text: v, kind, site: s };
      }
      off += pair.length + 1;
    }
  }
  return {
    key,
    value,
    text: hasPassword ? maskPassword(value, lead, scheme.length + 3, userinfo!) : value,
    kind,
    site,
    scheme: schemeField,
    host: hostField,
    port: portField,
    hasUser,
    hasPassword,
    params,
  };
}
