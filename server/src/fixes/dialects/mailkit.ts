// Intents → edits for MailKit (rules-research-polyglot §7.2(e), §11 edit table), in C# (cs-code) and in the
// SecureSocketOptions member of an appsettings section (json-prop):
//   tls-mode implicit    the option → SslOnConnect (`SecureSocketOptions.SslOnConnect`; `"SslOnConnect"` in JSON;
//                        a bool useSsl argument becomes the enum, like the research's Connect(h, 587, true) fix)
//   tls-mode starttls    → StartTls
//   port N               the port, and the option that matches it (465 → SslOnConnect, else StartTls)
//   require-tls          StartTlsWhenAvailable / Auto / useSsl false → StartTls
//   verify-cert          remove the `ServerCertificateValidationCallback = … => true;` statement
//   min-tls-1.2          remove the `SslProtocols = …` statement (MailKit then leaves the choice to the OS)
import type { Field, FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { editable, Edits } from './env-common';
import { removeWeakTlsStatement } from './cs-common';
import { secureSocketOptionOf, type SecureSocketOption } from '../../semantics/mailkit';

/** The field that holds the option (or the useSsl bool): the reader maps it to implicitTls. */
function optionField(cfg: SmtpConfig): Field | undefined {
  return cfg.implicitTls;
}

/** How the option is spelled in the file: the enum type name the C# code uses, or a bare JSON string. */
function setOption(cfg: SmtpConfig, to: SecureSocketOption): FieldEdit | null | undefined {
  const f = optionField(cfg);
  if (!f) return null;
  if (!editable(cfg, f)) return null;
  if (f.site.style === 'json-prop') return secureSocketOptionOf(String(f.value ?? f.text)) === to && f.site.quote ? undefined : { op: 'set', field: f, text: to, type: 'string' };
  const type = cfg.extras.optionType?.text ?? 'SecureSocketOptions';
  if (secureSocketOptionOf(f.text) === to) return undefined;
  return { op: 'set', field: f, text: `${type}.${to}`, type: 'code' };
}

export function expressMailKit(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      e.add(setOption(cfg, intent.mode === 'implicit' ? 'SslOnConnect' : 'StartTls'));
      break;
    case 'port':
      if (!editable(cfg, cfg.port)) return null;
      e.add({ op: 'set', field: cfg.port, text: String(intent.port), type: 'number' });
      if (optionField(cfg)) e.add(setOption(cfg, intent.port === 465 ? 'SslOnConnect' : 'StartTls'));
      break;
    case 'require-tls':
      e.add(setOption(cfg, 'StartTls'));
      break;
    case 'verify-cert':
    case 'min-tls-1.2': {
      const removal = removeWeakTlsStatement(cfg, intent.kind);
      if (!removal) return null;
      e.add(removal);
      break;
    }
    default:
      return null;
  }
  return e.result();
}

registerExpresser('mailkit', { express: expressMailKit });
