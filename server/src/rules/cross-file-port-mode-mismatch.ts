// Rule 5: JS reads the port from the environment but hard-codes the TLS mode; the .env value contradicts it.
import type { Rule } from './types';
import { IMPLICIT_PORTS, STARTTLS_PORTS, boolOf, fixes, hangSymptom, plainFix, portField, portOf, relatedOf, setEdit, spanOf, wrongVersionSymptom } from './util';

export const rule: Rule = {
  meta: {
    id: 'cross-file-port-mode-mismatch',
    defaultSeverity: 'warning',
    short: 'TLS mode hard-coded in code contradicts the port read from a .env file',
    long:
      'The transport reads its port from process.env but hard-codes secure. The .env file next to it sets a port that ' +
      'needs the other mode: 465 with secure: false waits for a greeting that never comes; 587/25/2525 with secure: true ' +
      'fails with "wrong version number". The code works in one environment and breaks in the next. Derive the mode ' +
      'from the port instead.',
    sources: ['RFC 8314 §3.3', 'RFC 6409 §1', 'nodemailer lib/smtp-connection (secure, port defaults)'],
    fixSafety: 'Safe: secure becomes Number(process.env.PORT) === 465, which is right for every port the .env files can set and keeps the current meaning for the ports that already worked. The alternative (hard-code the value matching this .env) is unsafe: other environments may set another port.',
  },
  checkConfig(cfg, ctx) {
    if (cfg.format !== 'js') return;
    const pf = portField(cfg);
    const port = portOf(cfg);
    if (!pf || port === undefined || pf.kind !== 'env' || !pf.envVar || !pf.resolvedFrom || pf.resolvedFrom.file === cfg.file) return;
    const sec = cfg.implicitTls;
    if (!sec || sec.kind !== 'literal' || sec.site.file !== cfg.file || sec.site.style !== 'js-prop') return;
    const b = boolOf(sec, cfg.dialect);
    if (b === undefined) return;
    const envText = `${pf.envVar}=${port}`;
    let message: string | undefined;
    if (IMPLICIT_PORTS.has(port) && b === false) {
      message = `The .env file sets ${envText} (the server expects implicit TLS from the first byte, RFC 8314 §3.3), but ${sec.key}: ${sec.text} is hard-coded here: nodemailer waits for a plaintext greeting and ${hangSymptom(cfg.dialect).replace(/^it /, '')}.`;
    } else if (STARTTLS_PORTS.has(port) && b === true) {
      message = `The .env file sets ${envText} (the server greets in plaintext and expects STARTTLS), but ${sec.key}: ${sec.text} is hard-coded here: nodemailer starts TLS before the greeting and ${wrongVersionSymptom(cfg.dialect).replace(/^it /, '')}.`;
    }
    if (!message) return;
    const preferred = plainFix('derive the mode from the port', true, [setEdit(sec, `Number(process.env.${pf.envVar}) === 465`, 'code')]);
    const alt = plainFix(`match ${envText}`, false, [setEdit(sec, String(!b), 'boolean')]);
    ctx.report({
      message,
      span: spanOf(sec),
      related: relatedOf(pf, `${envText} is set here`),
      fixes: fixes(preferred, alt),
      configId: cfg.id,
    });
  },
};
export default rule;
