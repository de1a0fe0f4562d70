// Intents → edits for Python mail clients built in code (rules-research-polyglot §4.1, §4.5, §4.6, §11 edit table):
//   smtplib      tls-mode implicit   smtplib.SMTP( → smtplib.SMTP_SSL( and drop the .starttls() line
//                tls-mode starttls   SMTP_SSL( → SMTP( and add `s.starttls(context=ssl.create_default_context())`
//                                    after the constructor line (assignment form only: `s = smtplib.SMTP_SSL(...)`);
//                                    SMTP_SSL's own `context=ctx` moves to that starttls() (SMTP() has no context=)
//                verify-cert         add `context=ssl.create_default_context()` to starttls() / SMTP_SSL() (and
//                                    `import ssl` after the smtplib import when the file has none); a context built
//                                    in the function: delete `ctx.check_hostname = False` / `ctx.verify_mode =
//                                    ssl.CERT_NONE`, ssl._create_unverified_context() → ssl.create_default_context()
//                min-tls-1.2         ctx.minimum_version = ssl.TLSVersion.TLSv1_2
//   aiosmtplib   tls-mode implicit   use_tls=True (set or add), start_tls=True removed; starttls: the mirror
//                verify-cert         remove validate_certs=False
//   FastAPI-Mail tls-mode implicit   MAIL_SSL_TLS=True, MAIL_STARTTLS=False (both are required fields); the mirror
//                verify-cert         VALIDATE_CERTS=True
import type { Field, FieldEdit, SmtpConfig } from '../../model/types';
import { registerExpresser, type Intent } from '../intents';
import { anchorOf, boolOf, editable, Edits, insert, setBool } from './env-common';
import { pythonTls12Version } from '../../semantics/smtplib';

const CONTEXT = 'context=ssl.create_default_context()';

function sslImport(cfg: SmtpConfig): FieldEdit | undefined {
  const at = cfg.extras.importAt;
  return at ? { op: 'set', field: at, text: 'import ssl\n', type: 'code' } : undefined;
}

function expressSmtplib(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const e = new Edits();
  const cls = cfg.implicitTls;
  if (!editable(cfg, cls)) return null;
  switch (intent.kind) {
    case 'tls-mode':
      if (intent.mode === 'implicit') {
        e.add({ op: 'set', field: cls, text: 'SMTP_SSL', type: 'code' });
        if (cfg.starttls) e.add({ op: 'remove', field: cfg.starttls });
      } else {
        const anchor = cfg.extras.statement;
        const recv = cfg.extras.receiver?.text;
        if (!anchor || !recv) return null;
        e.add({ op: 'set', field: cls, text: 'SMTP', type: 'code' });
        // SMTP() has no context= (TypeError): SMTP_SSL's own context moves to starttls()
        const own = cfg.extras.constructorContext;
        if (own) {
          if (own.site.file !== cfg.file) return null; // an argument (kind expression), not a value to edit
          e.add({ op: 'set', field: own, text: '', type: 'code' });
          e.add({ op: 'insert', after: anchor, key: `${recv}.starttls`, text: `context=${own.text}`, type: 'code' });
        } else {
          e.add({ op: 'insert', after: anchor, key: `${recv}.starttls`, text: CONTEXT, type: 'code' });
          e.add(sslImport(cfg));
        }
      }
      break;
    case 'port':
      if (!editable(cfg, cfg.port)) return null;
      e.add({ op: 'set', field: cfg.port, text: String(intent.port), type: 'number' });
      break;
    case 'verify-cert': {
      const v = cfg.verifyCert;
      if (!v || v.site.file !== cfg.file) return null;
      if (v.site.value.start === v.site.value.end) {
        // no context= passed: add one
        e.add({ op: 'set', field: v, text: `${v.site.prefix ?? ''}${CONTEXT}`, type: 'code' });
        e.add(sslImport(cfg));
        break;
      }
      // a context built in the function: the reader's repair (semantics/smtplib pythonSslContext), else no fix
      const removals = Object.keys(cfg.extras).filter((k) => k.startsWith('contextRemove:')).map((k) => cfg.extras[k]);
      const rewrite = cfg.extras.contextRewrite;
      if (!removals.length && !rewrite) return null;
      if ([...removals, rewrite].some((x) => x && x.site.file !== cfg.file)) return null;
      for (const r of removals) e.add({ op: 'remove', field: r });
      if (rewrite) e.add({ op: 'set', field: rewrite, text: rewrite.text, type: 'code' });
      break;
    }
    case 'min-tls-1.2': {
      const m = cfg.minTlsVersion;
      const to = m && m.site.file === cfg.file ? pythonTls12Version(m.text) : undefined;
      if (!m || !to) return null;
      e.add({ op: 'set', field: m, text: to, type: 'code' });
      break;
    }
    default:
      return null;
  }
  return e.result();
}

/** Turn a flag on/off: set it when written, add it next to the port/host when not (only to turn it on). */
function flagTo(cfg: SmtpConfig, f: Field | undefined, key: string, v: boolean, removeWhenOff: boolean): FieldEdit | null | undefined {
  if (f) {
    if (!v && removeWhenOff && editable(cfg, f)) return boolOf(f) === false ? undefined : { op: 'remove', field: f };
    return setBool(cfg, f, v, 'True');
  }
  return v ? insert(anchorOf(cfg, cfg.port, cfg.host), key, 'True', 'boolean') : undefined;
}

function expressTwoFlags(cfg: SmtpConfig, intent: Intent): FieldEdit[] | null {
  const fast = cfg.dialect === 'fastapi-mail';
  const [implicitKey, starttlsKey] = fast ? ['MAIL_SSL_TLS', 'MAIL_STARTTLS'] : ['use_tls', 'start_tls'];
  const e = new Edits();
  switch (intent.kind) {
    case 'tls-mode': {
      const implicit = intent.mode === 'implicit';
      e.add(flagTo(cfg, cfg.implicitTls, implicitKey, implicit, !fast));
      e.add(flagTo(cfg, cfg.starttls, starttlsKey, !implicit, !fast));
      break;
    }
    case 'verify-cert': {
      const v = cfg.verifyCert;
      if (!editable(cfg, v)) return null;
      e.add(fast ? setBool(cfg, v, true, 'True') : { op: 'remove', field: v });
      break;
    }
    default:
      return null;
  }
  return e.result();
}

registerExpresser('smtplib', { express: expressSmtplib, noFallback: true });
registerExpresser('aiosmtplib', { express: expressTwoFlags });
registerExpresser('fastapi-mail', { express: expressTwoFlags });
