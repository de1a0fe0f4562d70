// Intents → edits for Grafana GF_SMTP_* (rules-research §4.12, §9):
//   tls-mode implicit          not expressible without changing the port (Grafana uses implicit TLS only on 465): null
//   tls-mode starttls-required GF_SMTP_STARTTLS_POLICY=MandatoryStartTLS (set or add)
//   port N                     the port part of GF_SMTP_HOST (set, or add `:N` after the host)
//   require-tls                GF_SMTP_STARTTLS_POLICY=MandatoryStartTLS
//   verify-cert                GF_SMTP_SKIP_VERIFY=false
//   min-tls-1.2                not expressible (null)
import type { FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { anchorOf, editablePart, Edits, insert, prefixOf, setText, verifyFlagOn } from './env-common';

function prefix(cfg: SmtpConfig): string {
  return prefixOf(cfg, [[Object.values(cfg.extras).find((f) => /HOST$/i.test(f.key)), ['HOST']], [cfg.credentials.user, ['USER']]], 'GF_SMTP_');
}

function policy(cfg: SmtpConfig, e: Edits): void {
  const f = cfg.requireTls ?? cfg.ignoreTls ?? cfg.starttls;
  if (f) e.add(setText(cfg, f, 'MandatoryStartTLS'));
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
    case 'port': {
      const p = cfg.port;
      if (p && editablePart(cfg, p)) e.add(p.value === intent.port ? undefined : { op: 'set', field: p, text: String(intent.port) });
      else if (!p && cfg.host && editablePart(cfg, cfg.host)) e.add({ op: 'insert', after: cfg.host, key: 'port', text: String(intent.port) });
      else return null;
      break;
    }
    case 'verify-cert':
      e.add(verifyFlagOn(cfg));
      break;
    default:
      return null;
  }
  return e.result();
}

registerExpresser('grafana', { express: expressGrafana });
