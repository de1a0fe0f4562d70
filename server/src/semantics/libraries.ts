// Which library interprets a dialect's settings (the semantics module that models it).
import type { Dialect } from '../model/types';

/** Dialects whose settings end up in a nodemailer transport (semantics/nodemailer). */
export const NODEMAILER_FAMILY: ReadonlySet<Dialect> = new Set<Dialect>(['nodemailer', 'generic', 'ghost', 'meteor']);
