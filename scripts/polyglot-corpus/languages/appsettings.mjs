// appsettings*.json files of the polyglot corpus (rules-research-polyglot §7.3): free-form SMTP sections ("Smtp",
// "MailSettings", "EmailSettings", nested "Email": { "Smtp": … }) with keys in any case, comments and trailing
// commas (JSONC, as .NET's JSON provider reads them). Without the consuming code only MailKit's SecureSocketOptions
// names are unambiguous (StartTls/None on 465, SslOnConnect on 587); EnableSsl alone stays silent whatever the port
// (System.Net.Mail reads it as STARTTLS, MailKit's Connect(h, p, useSsl) as implicit TLS). Literal passwords are
// hard-coded credentials (empty strings and placeholders are not). Decoys: connection strings with SSL Mode=Disable,
// a Redis section with Ssl false and a password, Kestrel listening on :465, an SMTP-looking EnableSsl on 465.
import { Writer, SVC, SMTP_HOSTS, USERS, secret } from '../lib.mjs';

function logging(w, R) {
  w.add('  "Logging": {');
  w.add('    "LogLevel": {');
  w.add(`      "Default": "${R.pick(['Information', 'Warning'])}",`);
  w.add('      "Microsoft.AspNetCore": "Warning"');
  w.add('    }');
  w.add('  },');
}

/** Sections of other services: never mail settings. */
function others(w, R) {
  if (R.chance(0.5)) {
    w.add('  "ConnectionStrings": {');
    w.decoy(w.add(`    "Default": "Host=db;Port=5432;Database=${R.pick(SVC)};SSL Mode=Disable;Trust Server Certificate=true"`), 'database TLS off');
    w.add('  },');
  }
  if (R.chance(0.35)) {
    w.add('  "Redis": {');
    w.add('    "Host": "cache",');
    w.add('    "Port": 6380,');
    w.decoy(w.add('    "Ssl": false,'), 'Redis TLS, not mail');
    w.decoy(w.add(`    "Password": "${secret(R)}"`), 'Redis password, not mail');
    w.add('  },');
  }
  if (R.chance(0.2)) {
    w.add('  "Kestrel": {');
    w.add('    "Endpoints": {');
    w.decoy(w.add('      "Https": { "Url": "https://*:465" }'), 'a web server on port 465');
    w.add('    }');
    w.add('  },');
  }
}

function appsettings(R) {
  const w = new Writer();
  w.add('{');
  if (R.chance(0.4)) w.add('  // production settings; secrets come from the environment');
  logging(w, R);
  w.add('  "AllowedHosts": "*",');
  others(w, R);
  const shape = R.weighted([['mailkit', 50], ['enablessl', 35], ['emailsettings', 15]]);
  const nested = R.chance(0.25);
  const ind = nested ? '      ' : '    ';
  const cased = (k) => (R.chance(0.15) ? k.toLowerCase() : k);
  if (nested) { w.add('  "Email": {'); w.add('    "Smtp": {'); }
  else w.add(`  "${shape === 'mailkit' ? R.pick(['MailSettings', 'Smtp', 'MailKit']) : shape === 'emailsettings' ? 'EmailSettings' : 'Smtp'}": {`);
  const host = R.pick(SMTP_HOSTS);
  const es = shape === 'emailsettings';
  w.add(`${ind}"${cased(es ? 'SmtpServer' : 'Host')}": "${host}",`);
  const port = R.weighted([[587, 55], [465, 40], [2525, 5]]);
  const portLine = w.add(`${ind}"${cased(es ? 'SmtpPort' : 'Port')}": ${R.chance(0.2) ? `"${port}"` : port},`);
  let optLine, option;
  if (shape === 'mailkit') {
    const opt = port === 465 ? R.weighted([['SslOnConnect', 55], ['Auto', 20], ['StartTls', 18], ['None', 7]]) : R.weighted([['StartTls', 60], ['Auto', 20], ['SslOnConnect', 15], ['StartTlsWhenAvailable', 5]]);
    const l = w.add(`${ind}"${cased('SecureSocketOptions')}": "${R.chance(0.1) ? opt.toLowerCase() : opt}",`);
    if (port === 465 && (opt === 'StartTls' || opt === 'None')) w.finding('implicit-tls-port-without-tls', l, [portLine]);
    if (port !== 465 && opt === 'SslOnConnect') w.finding('starttls-port-with-implicit-tls', l, [portLine]);
    optLine = l;
    option = opt;
  } else {
    // EnableSsl alone: its meaning is the consumer's (research §7.3 (3)): no mode finding on any port
    const l = w.add(`${ind}"${cased('EnableSsl')}": ${R.pick(['true', 'false'])},`);
    if (port === 465) w.decoy(l, 'EnableSsl without the consuming code: ambiguous, no finding');
  }
  const userLine = w.add(`${ind}"${cased('Username')}": "${R.pick(USERS)}",`);
  const pw = R.weighted([['empty', 35], ['placeholder', 15], ['literal', 25], ['none', 25]]);
  if (pw !== 'none') {
    const l = w.add(`${ind}"${cased('Password')}": "${pw === 'empty' ? '' : pw === 'placeholder' ? R.pick(['<your-password>', 'CHANGE_ME', '${SMTP_PASSWORD}']) : secret(R)}",`);
    if (pw === 'literal') w.finding('hardcoded-smtp-credentials', l);
    // an explicit None with credentials: the password would go in clear (reported on 465 too)
  }
  if (shape === 'mailkit' && option === 'None') w.finding('tls-disabled-with-credentials', optLine, [userLine]);
  w.add(`${ind}"${cased('From')}": "noreply@example.com"`);
  if (nested) w.add('    }');
  w.add(R.chance(0.5) ? '  },' : '  }');
  w.add('}');
  return { file: R.pick(['appsettings.json', 'appsettings.Production.json', 'src/Api/appsettings.json']), w, flavor: shape };
}

/** An appsettings.json without mail: logging, connection strings, feature flags. */
function plain(R) {
  const w = new Writer();
  w.add('{');
  logging(w, R);
  others(w, R);
  w.add('  "Features": {');
  const n = R.int(3, 40);
  for (let i = 0; i < n; i++) w.add(`    "${R.pick(SVC)}${i}": ${R.pick(['true', 'false', String(R.int(0, 1000)), `"${R.pick(SVC)}"`])}${i < n - 1 ? ',' : ''}`);
  w.add('  },');
  w.add('  "AllowedHosts": "*"');
  w.add('}');
  return { file: 'appsettings.json', w, flavor: 'plain' };
}

export default {
  id: 'appsettings',
  name: 'appsettings.json',
  ext: '.json',
  weight: 12,
  languageId: 'json',
  floor: { id: 'appsettings:jsonc-parser', pkg: 'jsonc-parser', desc: 'jsonc-parser parseTree(text, errors, { allowTrailingComma }) (offsets kept)', make: (m) => (text) => m.parseTree(text, [], { allowTrailingComma: true, disallowComments: false }) },
  file(R) {
    return R.chance(0.25) ? plain(R) : appsettings(R);
  },
  sample(R) {
    const w = new Writer();
    w.add('{');
    logging(w, R);
    w.add('  "Features": {');
    for (let i = 0; i < 180; i++) w.add(`    "${R.pick(SVC)}${i}": ${R.int(0, 1000)},`);
    w.add('    "last": 0');
    w.add('  },');
    w.add('  "MailSettings": {');
    w.add('    "Host": "smtp.example.com",');
    const p = w.add('    "Port": 465,');
    w.finding('implicit-tls-port-without-tls', w.add('    "SecureSocketOptions": "StartTls",'), [p]);
    w.add('    "Username": "apikey",');
    w.add('    "Password": ""');
    w.add('  }');
    w.add('}');
    return { file: 'appsettings.json', w };
  },
};
