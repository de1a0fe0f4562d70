// Rule 12: port 25 to a remote host from a cloud/CI deployment file: outbound 25 is usually blocked.
import type { Rule } from './types';
import { fieldsOf, fixes, hasCredentials, hostOf, intentFix, isCrossFile, isInternalHost, portField, portOf, setPort, spanOf } from './util';

export const rule: Rule = {
  meta: {
    id: 'port-25-egress-blocked',
    defaultSeverity: 'info',
    short: 'Port 25 to a remote host from a container/CI deployment: outbound 25 is usually blocked',
    long:
      'AWS EC2 throttles outbound port 25, Google Compute Engine blocks it, Azure blocks it for most subscriptions, ' +
      'DigitalOcean blocks it for new accounts, and PaaS platforms (Vercel, Gitpod) block it too. GitHub-hosted ' +
      'Actions runners run on Azure. A deployment file that sends to a remote host on 25 will usually time out ' +
      '("Connection timeout"). Use 587 (or the provider\'s 2525).',
    sources: ['AWS EC2 port 25 throttling', 'Google Cloud: sending mail from an instance', 'Azure: troubleshoot outbound SMTP connectivity', 'DigitalOcean: why is SMTP blocked', 'RFC 6409 §1'],
    fixSafety: 'Unsafe: the fix moves to 587, which the remote host must offer (and may need credentials).',
  },
  checkConfig(cfg, ctx) {
    if (cfg.format !== 'yaml' || portOf(cfg) !== 25 || hasCredentials(cfg)) return;
    // A Spring application.yml is application config, not a deployment descriptor (its env overrides in compose are).
    if (cfg.dialect === 'spring' && !fieldsOf(cfg).some((f) => /^SPRING_/.test(f.key))) return;
    const pf = portField(cfg)!;
    if (isCrossFile(pf, cfg)) return;
    const host = hostOf(cfg);
    if (!host || isInternalHost(host) || !/\.[a-z]{2,}$/.test(host)) return;
    ctx.report({
      message: `Port 25 to ${host}: outbound port 25 is blocked or throttled on most clouds and CI runners (AWS, Google Cloud, Azure, DigitalOcean), so this connection will usually time out. Submit on 587 instead.`,
      span: spanOf(pf),
      fixes: fixes(intentFix(cfg, { kind: 'port', port: 587 }, 'submission port', false, () => setPort(cfg, 587))),
      configId: cfg.id,
    });
  },
};
export default rule;
