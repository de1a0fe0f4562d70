// Rule 15: a port that looks like a typo of a submission port.
import type { Rule } from './types';
import { boolOf, editable, fixes, isCrossFile, plainFix, portField, portOf, setEdit, spanOf } from './util';

const TYPOS: Record<number, number[]> = {
  456: [465],
  4650: [465],
  645: [465],
  564: [465],
  546: [465],
  578: [587],
  857: [587],
  875: [587],
  785: [587],
  758: [587],
  5870: [587],
  5877: [587],
  2255: [2525],
  2552: [2525],
  25252: [2525],
  255: [25],
  52: [25],
};

export const rule: Rule = {
  meta: {
    id: 'suspicious-smtp-port',
    defaultSeverity: 'warning',
    short: 'Port that looks like a typo of a mail submission port (456, 578, 857, 5870 ...)',
    long:
      'Mail submission happens on 465 (implicit TLS, RFC 8314), 587 (STARTTLS, RFC 6409), the relay port 25, or a ' +
      'provider alternative such as 2525. A port like 456 or 578 is almost certainly a typo: the connection is ' +
      'refused or times out.',
    sources: ['RFC 8314 §3.3', 'RFC 6409 §1', 'useplunk/plunk#93'],
    fixSafety: 'Unsafe: the fix guesses the intended port; review it (when the TLS flag says implicit TLS, 465 is offered first).',
  },
  checkConfig(cfg, ctx) {
    const port = portOf(cfg);
    if (port === undefined) return;
    const cands = TYPOS[port];
    if (!cands) return;
    const pf = portField(cfg)!;
    if (isCrossFile(pf, cfg)) return;
    const implicit = boolOf(cfg.implicitTls, cfg.dialect) === true;
    const order = [...cands];
    if (port === 546 || port === 564 || port === 645 || port === 456 || port === 4650) order.push(587);
    else if (!order.includes(465)) order.push(465);
    order.sort((a, b) => (implicit ? (a === 465 ? -1 : b === 465 ? 1 : 0) : 0));
    const msgPort = cands[0];
    ctx.report({
      message: `Port ${port} is not a mail port; it looks like a typo of ${msgPort} (${msgPort === 465 ? 'implicit TLS, RFC 8314' : msgPort === 587 ? 'STARTTLS submission, RFC 6409' : msgPort === 2525 ? 'the provider alternative to 587' : 'the relay port'}). The connection will be refused or time out.`,
      span: spanOf(pf),
      fixes: fixes(...order.map((p) => plainFix(p === 465 ? 'implicit TLS port' : p === 587 ? 'STARTTLS submission port' : 'intended port', false, editable(cfg, pf) ? [setEdit(pf, String(p), 'number')] : null))),
      configId: cfg.id,
    });
  },
};
export default rule;
