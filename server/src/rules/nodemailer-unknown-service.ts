// Rule 17: a nodemailer `service` name that is not in nodemailer's well-known list: silently ignored.
import type { Field } from '../model/types';
import type { Rule } from './types';
import { NODEMAILER_FAMILY, editable, fixes, hostField, plainFix, removeEdit, setEdit, spanOf } from './util';
import { lookupService, suggestService } from '../semantics/nodemailer/presets';

export const rule: Rule = {
  meta: {
    id: 'nodemailer-unknown-service',
    defaultSeverity: 'error',
    short: 'nodemailer service name that nodemailer does not know: it is silently ignored',
    long:
      'nodemailer looks service names up in its own well-known list (lib/well-known/services.json: preset names, ' +
      'aliases and e-mail domains, ignoring case, spaces and punctuation). An unknown name returns false and is ' +
      'ignored without a warning: with no host the transport connects to localhost:587 (ECONNREFUSED), with a host ' +
      'the preset settings you expected are missing. A common case: "Office365" is not a preset; Microsoft 365 is ' +
      '"Outlook365", and "Outlook" is the consumer Hotmail service.',
    sources: ['nodemailer lib/well-known/index.js (normalisation, unknown → false)', 'nodemailer lib/well-known/services.json', 'nodemailer lib/smtp-transport (service merge)', 'nodemailer lib/smtp-connection (host defaults to localhost)'],
    fixSafety: 'Unsafe: "did you mean" replaces the name with the closest preset, which is a guess; removing the service (alternative, only when a host is set) changes which settings apply.',
  },
  checkConfig(cfg, ctx) {
    if (!NODEMAILER_FAMILY.has(cfg.dialect)) return;
    const f: Field | undefined = cfg.service ?? cfg.url?.params?.service;
    if (!f) return;
    const name = typeof f.value === 'string' ? f.value : f.kind === 'literal' ? f.text : undefined;
    if (name === undefined || !name.trim() || lookupService(name)) return;
    const host = hostField(cfg);
    const suggestion = suggestService(name);
    const did = suggestion ? ` Did you mean "${suggestion}"?` : '';
    const message = host
      ? `nodemailer does not know the service "${name}", so it ignores it without a warning; only the host and port written here apply.${did}`
      : `nodemailer does not know the service "${name}", so it ignores it without a warning and connects to localhost:587 (ECONNREFUSED).${did}`;
    ctx.report({
      message,
      severity: host ? 'warning' : undefined,
      span: spanOf(f),
      fixes: fixes(
        suggestion && editable(cfg, f) ? plainFix(`the nodemailer preset`, false, [setEdit(f, suggestion, 'string')]) : undefined,
        host && editable(cfg, f) && f === cfg.service ? plainFix('it has no effect', false, [removeEdit(f)]) : undefined,
      ),
      configId: cfg.id,
    });
  },
};
export default rule;
