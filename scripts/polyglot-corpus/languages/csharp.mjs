// C# files of the polyglot corpus (rules-research-polyglot §7.1, §7.2): MailKit `Connect` / `ConnectAsync(host,
// port, SecureSocketOptions.X)` (and the bool overload: true = SslOnConnect, false = StartTlsWhenAvailable), its
// ServerCertificateValidationCallback and SslProtocols, Authenticate; System.Net.Mail `new SmtpClient(host, port)
// { EnableSsl, Credentials }` (EnableSsl is STARTTLS only: port 465 cannot work at all) and the process-wide
// ServicePointManager settings. Ordinary classes without mail words; decoys: an HttpClientHandler that accepts every
// certificate, a database connection string with SSL Mode=Disable, ServicePointManager.SecurityProtocol = Tls12, and
// in a MailKit-only file the ServicePointManager callback (MailKit validates with its own callback, not that one).
import { Writer, NOUNS, VERBS, SVC, SMTP_HOSTS, USERS, cap, secret } from '../lib.mjs';

function filler(w, R, n) {
  const noun = R.pick(NOUNS);
  w.add(`public sealed class ${cap(noun)}${cap(R.pick(VERBS))}er`);
  w.add('{');
  w.add(`    private readonly Dictionary<string, int> _${noun}s = new();`);
  for (let i = 0; i < n; i++) {
    const v = R.pick(VERBS), o = R.pick(NOUNS);
    w.add('');
    w.add(`    public int? ${cap(v)}${cap(o)}(string ${o}Id, int limit = ${R.int(5, 100)})`);
    w.add('    {');
    w.add('        for (var i = 0; i < limit; i++)');
    w.add('        {');
    w.add(`            if (!_${noun}s.TryGetValue(${o}Id + i, out var value)) continue;`);
    w.add('            return value;');
    w.add('        }');
    w.add('        return null;');
    w.add('    }');
  }
  w.add('}');
}

function httpDecoy(w) {
  w.add('    public static HttpClient CreateApiClient()');
  w.add('    {');
  w.add('        var handler = new HttpClientHandler();');
  w.decoy(w.add('        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;'), 'HTTP client TLS, not mail');
  w.add('        return new HttpClient(handler);');
  w.add('    }');
  w.add('');
}

function dbDecoy(w) {
  w.add('    public static NpgsqlConnection OpenDatabase()');
  w.add('    {');
  w.decoy(w.add('        return new NpgsqlConnection("Host=db;Port=5432;SSL Mode=Disable;Trust Server Certificate=true");'), 'database TLS off');
  w.add('    }');
  w.add('');
}

/** MailKit: the option argument decides the mode; Auto (or none) lets MailKit pick SslOnConnect on 465. */
function mailkit(R) {
  const w = new Writer();
  const http = R.chance(0.35), db = R.chance(0.25), spm = R.chance(0.2);
  w.add('using System;');
  w.add('using System.Net;');
  if (http) w.add('using System.Net.Http;');
  w.add('using System.Security.Authentication;');
  w.add('using System.Threading.Tasks;');
  w.add('using MailKit.Net.Smtp;');
  w.add('using MailKit.Security;');
  w.add('using MimeKit;');
  w.add('');
  w.add(`namespace ${cap(R.pick(SVC))}.Notifications;`);
  w.add('');
  w.add(`public sealed class ${cap(R.pick(NOUNS))}Mailer`);
  w.add('{');
  if (http) httpDecoy(w);
  if (db) dbDecoy(w);
  if (spm) {
    w.add('    public static void TrustInternalApi()');
    w.add('    {');
    w.decoy(w.add('        ServicePointManager.ServerCertificateValidationCallback = (sender, cert, chain, errors) => true;'), 'process-wide HTTP callback: MailKit validates with its own');
    w.add('    }');
    w.add('');
  }
  const local = R.chance(0.1);
  const host = local ? 'localhost' : R.pick(SMTP_HOSTS);
  const async = R.chance(0.6);
  const A = async ? 'Async' : '';
  const aw = async ? 'await ' : '';
  w.add(`    public ${async ? 'async Task' : 'void'} Send(MimeMessage message)`);
  w.add('    {');
  w.add('        using var client = new SmtpClient();');
  let cbLine, protoLine;
  if (!local && R.chance(0.2)) cbLine = w.add('        client.ServerCertificateValidationCallback = (s, c, h, e) => true;');
  if (!local && R.chance(0.12)) protoLine = w.add(`        client.SslProtocols = ${R.pick(['SslProtocols.Tls | SslProtocols.Tls11', 'SslProtocols.Tls', 'SslProtocols.Ssl3 | SslProtocols.Tls'])};`);
  if (cbLine) w.finding('tls-verification-disabled', cbLine);
  if (protoLine) w.finding('legacy-tls-version', protoLine);
  let port, opt, mode;
  if (local) { port = 1025; opt = 'SecureSocketOptions.None'; mode = 'none'; }
  else {
    const shape = R.weighted([['ssl465', 20], ['auto465', 8], ['omit465', 5], ['true465', 5], ['starttls587', 25], ['false587', 5], ['auto587', 5], ['ternary', 7], ['starttls465', 7], ['none465', 3], ['false465', 2], ['ssl587', 5], ['true587', 3]]);
    const P = { ssl465: [465, 'SecureSocketOptions.SslOnConnect'], auto465: [465, 'SecureSocketOptions.Auto'], omit465: [465, null], true465: [465, 'true'], starttls587: [587, 'SecureSocketOptions.StartTls'], false587: [587, 'false'], auto587: [587, 'SecureSocketOptions.Auto'], ternary: ['port', 'port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls'], starttls465: [465, 'SecureSocketOptions.StartTls'], none465: [465, 'SecureSocketOptions.None'], false465: [465, 'false'], ssl587: [587, 'SecureSocketOptions.SslOnConnect'], true587: [587, 'true'] }[shape];
    [port, opt] = P;
    mode = shape;
    if (shape === 'ternary') w.add('        var port = int.Parse(Environment.GetEnvironmentVariable("SMTP_PORT") ?? "587");');
  }
  const connect = w.add(`        ${aw}client.Connect${A}("${host}", ${port}${opt ? `, ${opt}` : ''});`);
  if (mode === 'starttls465' || mode === 'none465' || mode === 'false465') w.finding('implicit-tls-port-without-tls', connect);
  if (mode === 'ssl587' || mode === 'true587') w.finding('starttls-port-with-implicit-tls', connect);
  if (!local) {
    const literal = R.chance(0.2);
    const l = w.add(`        ${aw}client.Authenticate${A}("${R.pick(USERS)}", ${literal ? `"${secret(R)}"` : R.pick(['Environment.GetEnvironmentVariable("SMTP_PASSWORD")', '_settings.Password'])});`);
    if (literal) w.finding('hardcoded-smtp-credentials', l);
    // None never starts TLS: with Authenticate the password goes in clear (research §7.2 (a)); an explicit None is
    // reported on 465 too, where the connection fails before login today (docs/rules/tls-disabled-with-credentials.md)
    if (mode === 'none465') w.finding('tls-disabled-with-credentials', connect, [l]);
  }
  w.add(`        ${aw}client.Send${A}(message);`);
  w.add(`        ${aw}client.Disconnect${A}(true);`);
  w.add('    }');
  w.add('}');
  return { file: `src/${cap(R.pick(SVC))}/${R.pick(['EmailSender', 'SmtpMailer', 'MailService'])}.cs`, w, flavor: 'mailkit' };
}

/** System.Net.Mail: EnableSsl is STARTTLS; 465 cannot work whatever EnableSsl says (research §7.1). */
function systemNetMail(R) {
  const w = new Writer();
  const http = R.chance(0.3);
  w.add('using System;');
  w.add('using System.Net;');
  if (http) w.add('using System.Net.Http;');
  w.add('using System.Net.Mail;');
  w.add('');
  w.add(`namespace ${cap(R.pick(SVC))}.Services`);
  w.add('{');
  const cls = `${cap(R.pick(NOUNS))}EmailService`;
  w.add(`    public class ${cls}`);
  w.add('    {');
  if (http) httpDecoy(w);
  if (R.chance(0.2)) {
    w.add(`    static ${cls}()`);
    w.add('    {');
    w.decoy(w.add('        ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13;'), 'TLS 1.2+ only');
    w.add('    }');
    w.add('');
  }
  w.add('        public void Send(MailMessage message)');
  w.add('        {');
  const local = R.chance(0.12);
  let cbLine, legacyLine;
  if (!local && R.chance(0.15)) cbLine = w.add('            ServicePointManager.ServerCertificateValidationCallback = delegate { return true; };');
  if (!local && R.chance(0.1)) legacyLine = w.add('            ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls | SecurityProtocolType.Tls11;');
  if (cbLine) w.finding('tls-verification-disabled', cbLine);
  if (legacyLine) w.finding('legacy-tls-version', legacyLine);
  if (local) {
    w.add(`            using var client = new SmtpClient("localhost", ${R.pick([25, 1025])});`);
  } else {
    const port = R.weighted([[587, 65], [465, 25], [25, 10]]);
    const ssl = port === 25 ? 'true' : R.weighted([['true', 65], ['false', 15], ['unset', 20]]);
    const ctor = w.add(`            using var client = new SmtpClient("${R.pick(SMTP_HOSTS)}", ${port})`);
    w.add('            {');
    const sslLine = ssl !== 'unset' ? w.add(`                EnableSsl = ${ssl},`) : undefined;
    const literal = R.chance(0.2);
    const cred = w.add(`                Credentials = new NetworkCredential("${R.pick(USERS)}", ${literal ? `"${secret(R)}"` : 'Environment.GetEnvironmentVariable("SMTP_PASSWORD")'}),`);
    if (R.chance(0.5)) w.add('                Timeout = 30000,');
    w.add('            };');
    if (literal) w.finding('hardcoded-smtp-credentials', cred);
    // no implicit TLS in System.Net.Mail: 465 hangs until Timeout whatever EnableSsl says (the login never happens)
    if (port === 465) w.finding('implicit-tls-port-without-tls', ctor, [sslLine].filter(Boolean));
    // an explicit EnableSsl = false is reported on 465 too; an unwritten one (default false) only where the login
    // happens (on 465 the connection hangs before it)
    if (ssl === 'false' || (ssl === 'unset' && port !== 465)) w.finding('tls-disabled-with-credentials', sslLine ?? cred, [ctor, cred]);
    if (port === 25) w.finding('port-25-with-credentials', ctor, [cred]);
  }
  w.add('            client.Send(message);');
  w.add('        }');
  w.add('    }');
  w.add('}');
  return { file: `src/${cap(R.pick(SVC))}/Services/EmailService.cs`, w, flavor: 'system-net-mail' };
}

/** A C# lexer keeping offsets (identifiers, numbers, strings incl. verbatim/interpolated, chars, comments,
 *  punctuation): the floor for C#, where no small npm grammar exists (research §10; the reader tokenizes too). */
function scanCSharp(text) {
  const toks = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) { i++; continue; }
    const start = i;
    if (c === 47 && text[i + 1] === '/') { const e = text.indexOf('\n', i); i = e < 0 ? n : e; continue; }
    if (c === 47 && text[i + 1] === '*') { const e = text.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; continue; }
    if (c === 34 || ((c === 64 || c === 36) && (text[i + 1] === '"' || ((text[i + 1] === '@' || text[i + 1] === '$') && text[i + 2] === '"')))) {
      const verbatim = text.slice(i, i + 3).includes('@');
      i = text.indexOf('"', i) + 1;
      while (i < n) {
        if (text[i] === '"') { if (verbatim && text[i + 1] === '"') { i += 2; continue; } i++; break; }
        if (!verbatim && text[i] === '\\') i++;
        i++;
      }
      toks.push({ k: 's', start, end: i });
      continue;
    }
    if (c === 39) { i++; while (i < n && text[i] !== "'") { if (text[i] === '\\') i++; i++; } i++; toks.push({ k: 'c', start, end: i }); continue; }
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 64) { i++; while (i < n && /[\w]/.test(text[i])) i++; toks.push({ k: 'id', start, end: i }); continue; }
    if (c >= 48 && c <= 57) { while (i < n && /[\w.]/.test(text[i])) i++; toks.push({ k: 'n', start, end: i }); continue; }
    i++;
    toks.push({ k: 'p', start, end: i });
  }
  return toks;
}

export default {
  id: 'csharp',
  name: 'C#',
  ext: '.cs',
  weight: 15,
  floor: { id: 'csharp:lexer', pkg: null, desc: 'C# lexer: identifiers, numbers, strings (verbatim, interpolated), comments, offsets (hand-rolled)', make: () => scanCSharp },
  file(R) {
    if (R.chance(0.55)) { const w = new Writer(); w.add('using System.Collections.Generic;'); w.add(''); w.add(`namespace ${cap(R.pick(SVC))};`); w.add(''); filler(w, R, R.int(2, 18)); return { file: `src/${cap(R.pick(SVC))}/${cap(R.pick(NOUNS))}${cap(R.pick(VERBS))}er.cs`, w, flavor: 'plain' }; }
    return R.weighted([[mailkit, 55], [systemNetMail, 45]])(R);
  },
  sample(R) {
    const w = new Writer();
    w.add('using System;');
    w.add('using System.Collections.Generic;');
    w.add('using MailKit.Net.Smtp;');
    w.add('using MailKit.Security;');
    w.add('');
    w.add('namespace Sample;');
    w.add('');
    filler(w, R, 8);
    w.add('');
    w.add('public sealed class Mailer');
    w.add('{');
    w.add('    public void Connect(SmtpClient client)');
    w.add('    {');
    w.finding('implicit-tls-port-without-tls', w.add('        client.Connect("smtp.example.com", 465, SecureSocketOptions.StartTls);'));
    w.add('        client.Authenticate("me@example.com", Environment.GetEnvironmentVariable("SMTP_PASSWORD"));');
    w.add('    }');
    w.add('}');
    w.add('');
    filler(w, R, 7);
    return { file: 'Mailer.cs', w };
  },
};
