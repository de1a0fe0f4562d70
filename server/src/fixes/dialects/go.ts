// Intents → field edits for the Go mail libraries (rules-research-polyglot §8, §11 fix templates):
//   go-smtp   net/smtp has no TLS switch: only verify-cert (drop InsecureSkipVerify) and min-tls-1.2 (MinVersion)
//   gomail    implicit: `d.SSL = true` (or drop `d.SSL = false` on 465, where NewDialer sets it); STARTTLS: drop
//             `d.SSL = true` (or set it false on 465); port: the NewDialer argument, then the matching SSL
//   go-mail   implicit: add mail.WithSSL() after the last option; STARTTLS: drop WithSSL()/WithSSLPort(…) and make
//             the policy mandatory (mail.TLSMandatory, the library default); require-tls: mail.TLSMandatory
import type { Field, FieldEdit, SmtpConfig } from '../../model/types';
import { editable } from '../../model/fields';
import { registerExpresser, type Intent } from '../intents';

function verifyCert(cfg: SmtpConfig): FieldEdit[] | null {
  const f = cfg.verifyCert;
  if (!editable(cfg, f)) return null;
  // InsecureSkipVerify: true → removed (a struct element, or the whole `cfg.InsecureSkipVerify = true` line)
  return [{ op: 'remove', field: f }];
}

function minTls(cfg: SmtpConfig): FieldEdit[] | null {
  const f = cfg.minTlsVersion;
  if (!editable(cfg, f)) return null;
  if (/MaxVersion$/.test(f.key)) return [{ op: 'remove', field: f }];
  const pkg = /^(\w+)\.Version/.exec(f.text)?.[1] ?? 'tls';
  return [{ op: 'set', field: f, text: `${pkg}.VersionTLS12`, type: 'code' }];
}

/** The package name a go-mail option is spelled with ('mail' in `mail.WithPort`). */
function optionPkg(cfg: SmtpConfig): string {
  for (const [k, f] of Object.entries(cfg.extras)) if (k.startsWith('option:')) return f.key.split('.')[0];
  return 'mail';
}

/** The option written last in NewClient (a new option goes after it). */
function lastOption(cfg: SmtpConfig): Field | undefined {
  return Object.entries(cfg.extras)
    .filter(([k, f]) => k.startsWith('option:') && f.site.file === cfg.file)
    .map(([, f]) => f)
    .sort((a, b) => b.site.entry.start - a.site.entry.start)[0];
}

/** An option as a whole (`mail.WithSSL()`): removing it removes the call and its comma. */
function optionField(cfg: SmtpConfig, name: string): Field | undefined {
  const f = cfg.extras[`option:${name}`];
  return editable(cfg, f) ? f : undefined;
}

function goMail(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const pkg = optionPkg(cfg);
  const policy = optionField(cfg, 'WithTLSPolicy') ?? optionField(cfg, 'WithTLSPortPolicy');
  switch (intent.kind) {
    case 'tls-mode': {
      if (intent.mode === 'implicit') {
        const last = lastOption(cfg);
        if (!last) return null;
        return [{ op: 'insert', after: last, key: 'WithSSL', text: '', type: 'code' }];
      }
      const edits: FieldEdit[] = [];
      for (const n of ['WithSSL', 'WithSSLPort']) {
        const f = optionField(cfg, n);
        if (f) edits.push({ op: 'remove', field: f });
      }
      if (policy && !/TLSMandatory$/.test(policy.text)) edits.push({ op: 'set', field: policy, text: `${pkg}.TLSMandatory`, type: 'code' });
      return edits.length ? edits : null;
    }
    case 'require-tls':
      return policy ? [{ op: 'set', field: policy, text: `${pkg}.TLSMandatory`, type: 'code' }] : null;
    case 'port': {
      const p = cfg.port;
      if (!editable(cfg, p)) return null;
      const edits: FieldEdit[] = [{ op: 'set', field: p, text: String(intent.port), type: 'number' }];
      const rest = goMail(cfg, { kind: 'tls-mode', mode: intent.port === 465 ? 'implicit' : 'starttls-required' });
      if (intent.port === 465 && cfg.effective.tlsMode !== 'implicit' && rest) edits.push(...rest);
      if (intent.port !== 465 && cfg.effective.tlsMode === 'implicit' && rest) edits.push(...rest);
      return edits;
    }
    default:
      return null;
  }
}

function gomail(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const ssl = cfg.implicitTls;
  const port = typeof cfg.port?.value === 'number' ? cfg.port.value : undefined;
  const dialer = cfg.extras.dialer;
  // The SSL the dialer should have; NewDialer already sets `port == 465`.
  const sslFor = (want: boolean, p: number | undefined): FieldEdit[] | null => {
    if (ssl && editable(cfg, ssl)) {
      if ((p === 465) === want) return [{ op: 'remove', field: ssl }];
      return [{ op: 'set', field: ssl, text: String(want), type: 'boolean' }];
    }
    if ((p === 465) === want) return [];
    return dialer && dialer.site.file === cfg.file && !dialer.site.inline ? [{ op: 'insert', after: dialer, key: 'SSL', text: String(want), type: 'boolean' }] : null;
  };
  switch (intent.kind) {
    case 'tls-mode':
      return sslFor(intent.mode === 'implicit', port);
    case 'port': {
      const p = cfg.port;
      if (!editable(cfg, p)) return null;
      const rest = sslFor(intent.port === 465, intent.port);
      return rest ? [{ op: 'set', field: p, text: String(intent.port), type: 'number' }, ...rest] : null;
    }
    default:
      return null;
  }
}

function goSmtp(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  if (intent.kind === 'port') {
    // only the port of the address: net/smtp has no TLS switch, and tls.Dial on 587 needs a code change
    const p = cfg.port;
    if (!editable(cfg, p) || cfg.implicitTls) return null;
    return [{ op: 'set', field: p, text: String(intent.port), type: 'number' }];
  }
  return null;
}

/** The tls.Config intents are the same for every Go library (the struct is crypto/tls's). */
function withTlsConfig(express: (cfg: SmtpConfig, intent: Intent) => FieldEdit[] | null) {
  return {
    express(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
      if (intent.kind === 'verify-cert') return verifyCert(cfg);
      if (intent.kind === 'min-tls-1.2') return minTls(cfg);
      return express(cfg, intent);
    },
  };
}

registerExpresser('go-mail', withTlsConfig(goMail));
registerExpresser('gomail', withTlsConfig(gomail));
registerExpresser('go-smtp', withTlsConfig(goSmtp));
