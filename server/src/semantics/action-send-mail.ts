// dawidd6/action-send-mail (GitHub Action): how its `with:` inputs reach nodemailer.
// Read from the action's own code (github.com/dawidd6/action-send-mail, main.js and action.yml of v3 to
// v16, HEAD c50dc4c with nodemailer 9.0.3; v2 noted where it differs):
//   server_address → host (required: the action throws without it).
//   server_port    → port, passed to nodemailer as the string (nodemailer: Number(port)); action.yml default "25".
//   secure         → `if (!secure) secure = serverPort === "465" ? "true" : "false"`, then `secure: secure === "true"`:
//                    only the exact string "true" turns implicit TLS on ("True", "yes", "1" are false), and an
//                    empty/unset input follows the port. v2 has no input: `secure: serverPort == "465"`.
//   ignore_cert    → `tls: ignoreCert == "true" ? { rejectUnauthorized: false } : undefined`.
//   username, password → `auth: username && password ? { user, pass } : undefined`.
//   connection_url → replaces the above: `smtp:` sets port "25" and secure "false"; `smtp+starttls:` sets port
//                    "465" and secure "true" (implicit TLS, despite its name); a port in the URL wins; any
//                    other scheme throws "Unsupported connection protocol".
// GitHub turns an unquoted YAML boolean input (`secure: true`) into the string "true".
import { parseBool } from './values/bool';

/** A workflow step `uses:` value that runs the action (any ref, or a pinned commit). */
export function isActionSendMail(uses: string): boolean {
  return /^dawidd6\/action-send-mail(@|$)/i.test(uses.trim());
}

/** The port the action passes when `server_port` is not given (action.yml `default: "25"`). */
export const ACTION_DEFAULT_PORT = 25;

/**
 * The input string as the action reads it: GitHub turns an unquoted YAML boolean (`true`, `True`, `TRUE`)
 * into "true"/"false"; anything else is passed as written.
 */
export function actionInputString(value: string, quoted: boolean): string {
  if (!quoted && /^(true|True|TRUE)$/.test(value.trim())) return 'true';
  if (!quoted && /^(false|False|FALSE)$/.test(value.trim())) return 'false';
  return value;
}

/** A boolean input (`secure`, `ignore_cert`): only the exact string "true" is true (main.js compares === "true"). */
export function actionBool(input: string): boolean {
  return parseBool(input, 'action-send-mail') === true;
}

/** The `secure` nodemailer receives: the input when set, else whether the port input is exactly "465". */
export function actionSecure(secureInput: string | undefined, portInput: string | undefined): boolean | undefined {
  if (secureInput !== undefined && secureInput !== '') return actionBool(secureInput);
  if (portInput === undefined) return false; // the default port "25"
  return portInput === '465';
}

/** Port and secure set by a `connection_url` (undefined: a scheme the action rejects). */
export function actionConnectionUrl(url: string): { port: number; secure: boolean; host?: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d+))?/i.exec(url.trim());
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  const base = scheme === 'smtp' ? { port: 25, secure: false } : scheme === 'smtp+starttls' ? { port: 465, secure: true } : undefined;
  if (!base) return undefined;
  return { ...base, ...(m[3] ? { port: Number(m[3]) } : {}), ...(m[2] ? { host: m[2] } : {}) };
}
