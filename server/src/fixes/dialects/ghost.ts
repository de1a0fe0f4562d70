// Intents → edits for Ghost mail__options__* env (rules-research §4.8, §9; values parsed by nconf, so
// booleans written as true/false are real booleans):
//   tls-mode implicit          mail__options__secure=true (set or add after the port)
//   tls-mode starttls-required mail__options__secure=false, remove ignoreTLS=true
//   port N                     mail__options__port=N and secure to match (465 → true, else false)
//   require-tls                mail__options__requireTLS=true (set or add), remove ignoreTLS / opportunisticTLS
//   verify-cert                remove mail__options__tls__rejectUnauthorized=false
//   min-tls-1.2                mail__options__tls__minVersion=TLSv1.2
import type { Field, FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { anchorOf, boolOf, editable, Edits, insert, portEdit, removeVerifyFlag, setBool, setText } from './env-common';

function base(cfg: SmtpConfig): string {
  for (const f of [cfg.port, cfg.host, cfg.service, cfg.implicitTls]) {
    const m = f && /^(.*?__options__)/i.exec(f.key);
    if (m) return m[1];
  }
  return 'mail__options__';
}

function drop(cfg: SmtpConfig, e: Edits, f: Field | undefined): void {
  if (f && boolOf(f, cfg.dialect) === true) e.add(editable(cfg, f) ? { op: 'remove', field: f } : null);
}

export function expressGhost(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  const setSecure = (v: boolean) => {
    if (cfg.implicitTls) e.add(setBool(cfg, cfg.implicitTls, v));
    else if (v) e.add(insert(anchorOf(cfg, cfg.port, cfg.host), `${base(cfg)}secure`, 'true', 'boolean'));
  };
  switch (intent.kind) {
    case 'tls-mode':
      if (intent.mode === 'implicit') setSecure(true);
      else {
        setSecure(false);
        drop(cfg, e, cfg.ignoreTls);
      }
      break;
    case 'port':
      e.add(portEdit(cfg, `${base(cfg)}port`, intent.port));
      setSecure(intent.port === 465);
      break;
    case 'require-tls':
      if (cfg.effective.tlsMode === 'implicit') return null;
      drop(cfg, e, cfg.ignoreTls);
      drop(cfg, e, cfg.opportunisticTls);
      if (cfg.requireTls) e.add(setBool(cfg, cfg.requireTls, true));
      else e.add(insert(anchorOf(cfg, cfg.implicitTls, cfg.port, cfg.host), `${base(cfg)}requireTLS`, 'true', 'boolean'));
      break;
    case 'verify-cert':
      e.add(removeVerifyFlag(cfg)); // tls__rejectUnauthorized=false (never a URL part in Ghost)
      break;
    case 'min-tls-1.2':
      if (!cfg.minTlsVersion) return null;
      e.add(setText(cfg, cfg.minTlsVersion, 'TLSv1.2'));
      break;
  }
  return e.result();
}

registerExpresser('ghost', { express: expressGhost });
