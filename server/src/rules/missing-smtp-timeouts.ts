// Rule 25: no socket timeout where the library's default is "wait forever" (Django, JavaMail).
import type { Field } from '../model/types';
import type { Rule } from './types';
import { fieldByKey, fieldsOf, fixes, hostField, plainFix, portField, spanOf } from './util';
import { JAVAMAIL_TIMEOUTS, JAVAMAIL_TIMEOUT_SUGGESTED, PARTIAL_EXTRA } from '../semantics/javamail';

export const rule: Rule = {
  meta: {
    id: 'missing-smtp-timeouts',
    defaultSeverity: 'info',
    short: 'No SMTP timeout where the default is to wait forever (Django EMAIL_TIMEOUT, JavaMail timeouts)',
    long:
      'Django\'s EMAIL_TIMEOUT defaults to None, JavaMail\'s mail.smtp.connectiontimeout / mail.smtp.timeout default ' +
      'to infinite, and Go\'s smtp.SendMail / smtp.Dial set no timeout at all. When the port and TLS mode do not match (or the port is blocked), the connection never fails: ' +
      'the request or worker thread hangs until it is killed. A timeout turns that into a clear error.',
    sources: [
      'Django settings: EMAIL_TIMEOUT (default None)',
      'JavaMail com.sun.mail.smtp package docs (connectiontimeout, timeout, writetimeout: infinite)',
      'angus-mail core SocketFetcher.java L162, L176, L348 (connectiontimeout / timeout / writetimeout default -1)',
      'golang/go src/net/smtp/smtp.go Dial (net.Dial, no timeout) and NewClient (greeting read without a deadline)',
    ],
    fixSafety:
      'Safe for Django (adds EMAIL_TIMEOUT=30; SMTP commands answer in seconds) and for JavaMail in Java code (adds ' +
      'props.put("mail.smtp.connectiontimeout" / "timeout" / "writetimeout", 10000) after the last mail property). No ' +
      'automatic fix for Spring configuration files: add the properties next to your other mail.smtp.* settings. No ' +
      'automatic fix for Go net/smtp (the dial has to be rewritten: net.DialTimeout + conn.SetDeadline + smtp.NewClient).',
  },
  checkConfig(cfg, ctx) {
    const at: Field | undefined = hostField(cfg) ?? portField(cfg);
    if (!at || at.site.file !== cfg.file) return;
    if (cfg.dialect === 'django') {
      if (fieldByKey(cfg, 'EMAIL_TIMEOUT')) return;
      if (cfg.url) return; // EMAIL_URL helpers take ?timeout=
      const insert = at.site.style === 'env' ? { op: 'insert' as const, after: lastEntry(cfg.file, fieldsOf(cfg)) ?? at, key: 'EMAIL_TIMEOUT', text: '30', type: 'number' as const } : undefined;
      ctx.report({
        message: 'EMAIL_TIMEOUT is not set: Django\'s default is None, so a wrong port or TLS mode hangs the worker instead of failing. Set EMAIL_TIMEOUT (seconds), e.g. 30.',
        span: spanOf(at),
        fixes: fixes(plainFix('fail instead of hanging', true, insert ? [insert] : null)),
        configId: cfg.id,
      });
      return;
    }
    if (cfg.dialect === 'go-smtp' && cfg.extras['net/smtp']) {
      // smtp.SendMail / smtp.Dial: net.Dial without a timeout, and no deadline on the connection afterwards
      const call = cfg.extras['net/smtp'];
      ctx.report({
        message: `${call.key} sets no timeout: net/smtp dials with net.Dial and reads the greeting without a deadline, so a wrong port or a silent server blocks the goroutine until the peer drops the connection. Dial with net.DialTimeout (or a net.Dialer with Timeout), set conn.SetDeadline, and use smtp.NewClient.`,
        span: spanOf(at),
        configId: cfg.id,
      });
      return;
    }
    if (cfg.dialect === 'javamail') {
      if (cfg.extras[PARTIAL_EXTRA]) return; // the properties come partly from elsewhere (props.load ...)
      const protocol = String(cfg.extras['spring.mail.protocol']?.value ?? 'smtp').toLowerCase() === 'smtps' ? 'smtps' : 'smtp';
      const has = (k: string) => !!cfg.extras[`mail.${protocol}.${k}`];
      const missing = JAVAMAIL_TIMEOUTS.filter((k) => !has(k));
      if (!missing.length) return;
      // The statements go after the last props.put("mail.…") of the session (same receiver, same spelling).
      const anchor = Object.values(cfg.extras)
        .filter((f) => f.site.file === cfg.file && f.site.style === 'java-code' && !!f.site.template?.includes('{key}') && !f.site.inline)
        .sort((a, b) => b.site.entry.start - a.site.entry.start)[0];
      const inserts = anchor
        ? JAVAMAIL_TIMEOUT_SUGGESTED.filter((k) => !has(k)).map((k) => ({ op: 'insert' as const, after: anchor, key: `mail.${protocol}.${k}`, text: '10000', type: 'number' as const }))
        : null;
      ctx.report({
        message: `${missing.map((k) => `mail.${protocol}.${k}`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set: JavaMail waits forever by default (SocketFetcher: -1), so a wrong port or TLS mode or a silent server hangs the sending thread. Set them (milliseconds), e.g. 10000.`,
        // the entry's key (a host read from a constant has its value elsewhere in the file)
        span: at.site.key ? { ...at.site.key } : spanOf(at),
        fixes: fixes(plainFix('fail after 10 s instead of hanging', true, inserts)),
        configId: cfg.id,
      });
      return;
    }
    if (cfg.dialect === 'spring') {
      // Environment overrides (SPRING_MAIL_* in compose/k8s) complete an application.yml we cannot see.
      if (fieldsOf(cfg).some((f) => /^SPRING_/.test(f.key))) return;
      const keys = Object.keys(cfg.extras ?? {}).map((k) => k.toLowerCase());
      const has = (k: string) => keys.some((x) => x.endsWith(k));
      const missing = ['connectiontimeout', 'timeout'].filter((k) => !has(`mail.smtp.${k}`) && !has(`mail.smtps.${k}`));
      if (!missing.length) return;
      ctx.report({
        message: `${missing.map((k) => `mail.smtp.${k}`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set: JavaMail waits forever by default, so a wrong port or TLS mode hangs the sending thread. Set them (milliseconds), e.g. 10000.`,
        span: spanOf(at),
        configId: cfg.id,
      });
    }
  },
};

function lastEntry(file: string, fs: Field[]): Field | undefined {
  let best: Field | undefined;
  for (const f of fs) if (f.site.file === file && f.site.style === 'env' && (!best || f.site.entry.end > best.site.entry.end)) best = f;
  return best;
}
export default rule;
