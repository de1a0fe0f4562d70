// Rule 25: no socket timeout where the library's default is "wait forever" (Django, JavaMail).
import type { Field, FieldEdit, SmtpConfig } from '../model/types';
import type { Rule } from './types';
import { fieldByKey, fieldsOf, fixes, hostField, plainFix, portField, spanOf } from './util';
import { JAVAMAIL_TIMEOUTS, JAVAMAIL_TIMEOUT_SUGGESTED, PARTIAL_EXTRA } from '../semantics/javamail';

export const rule: Rule = {
  meta: {
    id: 'missing-smtp-timeouts',
    defaultSeverity: 'info',
    short: 'No SMTP timeout where the default is to wait forever (Django EMAIL_TIMEOUT, smtplib, Flask-Mail, JavaMail timeouts)',
    long:
      'Django\'s EMAIL_TIMEOUT (and Flask-Mailman\'s MAIL_TIMEOUT) defaults to None, Python\'s smtplib.SMTP / SMTP_SSL ' +
      'without timeout= block forever (Flask-Mail has no timeout setting at all), JavaMail\'s mail.smtp.connectiontimeout / ' +
      'mail.smtp.timeout default to infinite, and Go\'s smtp.SendMail / smtp.Dial set no timeout at all. When the port and TLS mode do not match (or the port is blocked), the connection never fails: ' +
      'the request or worker thread hangs until it is killed. A timeout turns that into a clear error.',
    sources: [
      'Django settings: EMAIL_TIMEOUT (default None)',
      'CPython Lib/smtplib.py SMTP.__init__ (timeout=socket._GLOBAL_DEFAULT_TIMEOUT, i.e. None: blocking)',
      'pallets-eco/flask-mail Connection.configure_host (smtplib.SMTP(host, port), no timeout)',
      'waynerv/flask-mailman backends/smtp.py (MAIL_TIMEOUT, default None)',
      'JavaMail com.sun.mail.smtp package docs (connectiontimeout, timeout, writetimeout: infinite)',
      'angus-mail core SocketFetcher.java L162, L176, L348 (connectiontimeout / timeout / writetimeout default -1)',
      'golang/go src/net/smtp/smtp.go Dial (net.Dial, no timeout) and NewClient (greeting read without a deadline)',
    ],
    fixSafety:
      'Safe for Django, Flask-Mailman and smtplib (adds EMAIL_TIMEOUT=30 / MAIL_TIMEOUT = 30 / timeout=30; SMTP commands ' +
      'answer in seconds; Flask-Mail has no setting: message only) and for JavaMail in Java code (adds ' +
      'props.put("mail.smtp.connectiontimeout" / "timeout" / "writetimeout", 10000) after the last mail property). No ' +
      'automatic fix for Spring configuration files: add the properties next to your other mail.smtp.* settings. No ' +
      'automatic fix for Go net/smtp (the dial has to be rewritten: net.DialTimeout + conn.SetDeadline + smtp.NewClient).',
  },
  checkConfig(cfg, ctx) {
    const at: Field | undefined = hostField(cfg) ?? portField(cfg);
    if (!at || at.site.file !== cfg.file) return;
    if (cfg.dialect === 'django') {
      if (fieldByKey(cfg, 'EMAIL_TIMEOUT')) return;
      // A .env read by a settings module that assigns EMAIL_TIMEOUT itself (semantics/django).
      if (cfg.format === 'env' && ctx.workspace?.settingInCode?.(cfg.file, 'EMAIL_TIMEOUT')) return;
      if (cfg.url) return; // EMAIL_URL helpers take ?timeout=
      const insert = timeoutInsert(cfg, at, 'EMAIL_TIMEOUT');
      ctx.report({
        message: 'EMAIL_TIMEOUT is not set: Django\'s default is None, so a wrong port or TLS mode hangs the worker instead of failing. Set EMAIL_TIMEOUT (seconds), e.g. 30.',
        span: spanOf(at),
        fixes: fixes(plainFix('fail instead of hanging', true, insert ? [insert] : null)),
        configId: cfg.id,
        missing: true,
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
        missing: true,
      });
      return;
    }
    if (cfg.dialect === 'smtplib') {
      // smtplib.SMTP(host, port, local_hostname=None, timeout=socket._GLOBAL_DEFAULT_TIMEOUT): no timeout is None,
      // a blocking socket (CPython Lib/smtplib.py SMTP.__init__ / connect).
      const point = cfg.extras.timeoutAt;
      if (!point || cfg.extras.timeout) return;
      ctx.report({
        message: `${point.text.replace(/ without timeout=$/, '')} has no timeout: smtplib's default is the socket default, None, so a wrong port or TLS mode (or a blocked port) blocks the process forever instead of failing. Pass timeout=30 (seconds).`,
        span: spanOf(cfg.implicitTls ?? at),
        fixes: fixes(plainFix('fail instead of hanging', true, point.site.file === cfg.file ? [{ op: 'set', field: point, text: `${point.site.prefix ?? ''}timeout=30`, type: 'code' }] : null)),
        configId: cfg.id,
        missing: true,
      });
      return;
    }
    if (cfg.dialect === 'flask-mail') {
      // Flask-Mail's Connection calls smtplib.SMTP(host, port) / SMTP_SSL(host, port) and has no timeout setting
      // (pallets-eco/flask-mail flask_mail/__init__.py Connection.configure_host).
      ctx.report({
        message: 'Flask-Mail opens smtplib connections without a timeout and has no setting for one: a wrong port or TLS mode blocks the request forever. Set socket.setdefaulttimeout() at startup, or use Flask-Mailman (MAIL_TIMEOUT).',
        span: spanOf(at),
        configId: cfg.id,
        missing: true,
      });
      return;
    }
    if (cfg.dialect === 'flask-mailman') {
      if (fieldByKey(cfg, 'MAIL_TIMEOUT')) return;
      const insert = timeoutInsert(cfg, at, 'MAIL_TIMEOUT');
      ctx.report({
        message: 'MAIL_TIMEOUT is not set: Flask-Mailman (Django\'s SMTP backend) passes None to smtplib, so a wrong port or TLS mode hangs the request instead of failing. Set MAIL_TIMEOUT (seconds), e.g. 30.',
        span: spanOf(at),
        fixes: fixes(plainFix('fail instead of hanging', true, insert ? [insert] : null)),
        configId: cfg.id,
        missing: true,
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
        missing: true,
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
        missing: true,
      });
    }
  },
};

/** The last line entry of the config written in its own file (a .env line, or a Python settings assignment). */
function lastEntry(file: string, fs: Field[], style: Field['site']['style']): Field | undefined {
  let best: Field | undefined;
  for (const f of fs) if (f.site.file === file && f.site.style === style && !f.site.inline && (style === 'env' || f.site.template) && (!best || f.site.entry.end > best.site.entry.end)) best = f;
  return best;
}

/** `KEY=30` after the config's last .env line, or `KEY = 30` / `app.config['KEY'] = 30` after its last Python entry. */
function timeoutInsert(cfg: SmtpConfig, at: Field, key: string): FieldEdit | undefined {
  if (at.site.style === 'env') return { op: 'insert', after: lastEntry(cfg.file, fieldsOf(cfg), 'env') ?? at, key, text: '30', type: 'number' };
  if (at.site.style === 'py-code') {
    const after = lastEntry(cfg.file, fieldsOf(cfg), 'py-code');
    return after ? { op: 'insert', after, key, text: '30', type: 'number' } : undefined;
  }
  return undefined;
}
export default rule;
