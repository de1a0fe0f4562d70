// Intents → edits for Grafana GF_SMTP_* (rules-research §4.12, §9):
//   tls-mode implicit          not expressible without changing the port (Grafana uses implicit TLS only on 465): null
//   tls-mode starttls-required GF_SMTP_STARTTLS_POLICY=MandatoryStartTLS (set or add)
//   port N                     the port part of GF_SMTP_HOST (set, or add `:N` after the host)
//   require-tls                GF_SMTP_STARTTLS_POLICY=MandatoryStartTLS
//   verify-cert                GF_SMTP_SKIP_VERIFY=false
//   min-tls-1.2                not expressible (null)
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { anchorOf, Edits, insert, prefixOf, setPortPart, setText, verifyFlagOn } from './env-common';

function prefix(cfg: SmtpConfig): string {
  if (cfg.format === 'ini') return ''; // grafana.ini [smtp]: the keys themselves
  return prefixOf(cfg, [[Object.values(cfg.extras).find((f) => /HOST$/i.test(f.key)), ['HOST']], [cfg.credentials.user, ['USER']]], 'GF_SMTP_');
}

function policy(cfg: SmtpConfig, e: Edits): void {
  const f = cfg.requireTls ?? cfg.ignoreTls ?? cfg.starttls;
  if (f) e.add(setText(cfg, f, 'MandatoryStartTLS'));
  else if (cfg.format === 'ini') e.add(insert(anchorOf(cfg, cfg.extras.host), 'startTLS_policy', 'MandatoryStartTLS')); // go-ini keys are case-sensitive
  else e.add(insert(anchorOf(cfg, cfg.extras[`${prefix(cfg)}HOST`]), `${prefix(cfg)}STARTTLS_POLICY`, 'MandatoryStartTLS'));
}

export function expressGrafana(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode':
      if (intent.mode === 'implicit') return null;
      policy(cfg, e);
      break;
    case 'require-tls':
      if (cfg.effective.tlsMode === 'implicit') return null;
      policy(cfg, e);
      break;
    case 'port':
      // cfg.port and cfg.host are the parts of GF_SMTP_HOST=host:port
      e.add(setPortPart(cfg, cfg.port, cfg.host, intent.port));
      break;
    case 'verify-cert':
      e.add(verifyFlagOn(cfg));
      break;
    default:
      return null;
  }
  return e.result();
}

registerExpresser('grafana', { express: expressGrafana });
