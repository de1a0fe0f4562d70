// The finding of the two port-vs-mode rules (implicit-tls-port-without-tls, starttls-port-with-implicit-tls):
// placed on the setting that picks the wrong mode (else the port), with the port as related location; the
// preferred fix switches the client to the port's mode (flip the TLS flag, or add/drop the `s` of an smtp(s)://
// URL scheme), the alternative moves the port.
import type { Field, Fix, SmtpConfig } from '../../model/types';
import type { RuleContext } from '../types';
import type { DecidingPort } from './fields';
import { editable } from '../../model/fields';
import { fixes, flipFlag, intentFix, setEdit } from './fixes';
import { portRelated, spanOf } from './spans';

export interface PortModeMismatch {
  dp: DecidingPort;
  /** The setting that picks the wrong mode (the TLS flag or the URL scheme), when one is written. */
  culprit: Field | undefined;
  /** Where the finding goes: the culprit, else the port. */
  at: Field;
  message: string;
  /** The port's mode: implicit TLS (flag true, smtps://) or STARTTLS (flag false, smtp://). */
  portMode: 'implicit' | 'starttls-required';
  /** The preferred fix's description. */
  why: string;
  /** The alternative: another port. */
  alt?: Fix;
}

export function reportPortModeMismatch(ctx: RuleContext, cfg: SmtpConfig, m: PortModeMismatch): void {
  const { culprit } = m;
  const implicit = m.portMode === 'implicit';
  const preferred = intentFix(cfg, { kind: 'tls-mode', mode: m.portMode }, m.why, true, () => {
    if (culprit === cfg.implicitTls) return flipFlag(cfg, cfg.implicitTls, implicit);
    if (culprit && culprit === cfg.url?.scheme && editable(cfg, culprit)) {
      if (implicit && /^smtp$/i.test(culprit.text)) return [setEdit(culprit, culprit.text + (culprit.text === 'SMTP' ? 'S' : 's'))];
      if (!implicit && /^smtps$/i.test(culprit.text)) return [setEdit(culprit, culprit.text.slice(0, -1))];
    }
    return null;
  });
  ctx.report({
    message: m.message,
    span: spanOf(m.at),
    related: portRelated(cfg, m.dp, culprit),
    fixes: fixes(preferred, m.alt),
    configId: cfg.id,
  });
}
