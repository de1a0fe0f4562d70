// Which library interprets a dialect's settings (the semantics module that models it).
import type { Dialect } from '../model/types';

/** Dialects whose settings end up in a nodemailer transport (semantics/nodemailer). */
export const NODEMAILER_FAMILY: ReadonlySet<Dialect> = new Set<Dialect>(['nodemailer', 'generic', 'ghost', 'meteor']);

/** Dialects whose settings end up in nodemailer one way or another: the family above, and the GitHub Action
 *  dawidd6/action-send-mail, which hands its inputs to nodemailer.createTransport (its own input rules apply
 *  first, so it is not in NODEMAILER_FAMILY). */
export function sendsWithNodemailer(d: Dialect): boolean {
  return NODEMAILER_FAMILY.has(d) || d === 'action-send-mail';
}
