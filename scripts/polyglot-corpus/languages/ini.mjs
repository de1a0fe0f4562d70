// INI files of the polyglot corpus: Gitea app.ini [mailer] and Grafana grafana.ini [smtp] (rules-research-
// polyglot §9), INI files of other tools (php.ini's [mail function], pytest.ini, tox-like configs) that are not
// mail settings for these apps, and decoys: the same key names in other sections ([database] PASSWD with a #,
// SSL_MODE = disable, [auth.generic_oauth] tls_skip_verify_insecure), commented-out sample lines.
import { Writer, SMTP_HOSTS, USERS, SVC, NOUNS, secret } from '../lib.mjs';

function giteaHead(w, R) {
  w.add(`APP_NAME = ${R.pick(SVC)} git`);
  w.add('RUN_MODE = prod');
  w.add('');
  w.add('[server]');
  w.add('PROTOCOL = https');
  w.add(`DOMAIN = git.${R.pick(SVC)}.example.com`);
  w.add('HTTP_PORT = 3000');
  w.add('');
  w.add('[database]');
  w.add('DB_TYPE = postgres');
  w.add('HOST = db:5432');
  if (R.chance(0.6)) w.decoy(w.add('SSL_MODE = disable'), 'database TLS off');
  if (R.chance(0.4)) w.decoy(w.add(`PASSWD = ${R.alnum(4)}#${R.alnum(5)}`), 'a # in a database password is not mail');
  w.add('');
}

function gitea(R) {
  const w = new Writer();
  giteaHead(w, R);
  w.add('[mailer]');
  w.add('ENABLED = true');
  const port = R.weighted([[587, 50], [465, 40], [25, 10]]);
  const wrong = R.chance(0.3);
  const protocol = port === 587 ? (wrong ? 'smtps' : 'smtp+starttls') : port === 465 ? (wrong ? 'smtp+starttls' : R.pick(['smtps', ''])) : 'smtp+starttls';
  if (R.chance(0.3)) w.decoy(w.add('; PROTOCOL = smtps'), 'commented out');
  const protoLine = protocol ? w.add(`PROTOCOL = ${protocol}`) : undefined;
  w.add(`SMTP_ADDR = ${R.pick(SMTP_HOSTS)}`);
  const portLine = w.add(`SMTP_PORT = ${port}`);
  w.add('FROM = "Git <git@example.com>"');
  const userLine = w.add(`USER = ${R.pick(USERS)}`);
  const pw = R.weighted([['none', 40], ['plain', 25], ['hash', 20], ['quoted', 15]]);
  if (pw !== 'none') {
    const s = secret(R);
    const v = pw === 'plain' ? s : pw === 'hash' ? `${s.slice(0, 5)}#${s.slice(5)}` : `\`${s.slice(0, 5)}#${s.slice(5)}\``;
    const l = w.add(`PASSWD = ${v}`);
    w.finding('hardcoded-smtp-credentials', l);
    if (pw === 'hash') w.finding('ini-value-truncated-by-comment', l);
  }
  if (R.chance(0.15)) w.finding('tls-verification-disabled', w.add('FORCE_TRUST_SERVER_CERT = true'));
  w.add('');
  w.add('[service]');
  w.add('REGISTER_EMAIL_CONFIRM = true');
  w.add('ENABLE_NOTIFY_MAIL = true');
  if (port === 25) w.finding('port-25-with-credentials', portLine, [userLine]);
  if (port === 587 && protocol === 'smtps') w.finding('starttls-port-with-implicit-tls', protoLine, [portLine]);
  if (port === 465 && protocol === 'smtp+starttls') w.finding('implicit-tls-port-without-tls', protoLine, [portLine]);
  return { file: R.pick(['custom/conf/app.ini', 'gitea/app.ini', 'app.ini']), w, flavor: 'gitea' };
}

function grafana(R) {
  const w = new Writer();
  w.add('[server]');
  w.add('protocol = https');
  w.add(`domain = grafana.${R.pick(SVC)}.example.com`);
  w.add('');
  w.add('[database]');
  w.add('type = postgres');
  if (R.chance(0.6)) w.decoy(w.add('ssl_mode = disable'), 'database TLS off');
  w.add('');
  if (R.chance(0.5)) {
    w.add('[auth.generic_oauth]');
    w.add('enabled = true');
    w.decoy(w.add('tls_skip_verify_insecure = true'), 'OAuth client TLS, not mail');
    w.add('');
  }
  w.add('[smtp]');
  w.add('enabled = true');
  const port = R.weighted([[587, 70], [465, 30]]);
  w.add(`host = ${R.pick(SMTP_HOSTS)}:${port}`);
  const userLine = w.add(`user = ${R.pick(USERS)}`);
  const pw = R.weighted([['env', 45], ['file', 15], ['plain', 20], ['hash', 10], ['quoted', 10]]);
  const s = secret(R);
  const pv = pw === 'env' ? '$__env{SMTP_PASSWORD}' : pw === 'file' ? '$__file{/run/secrets/smtp_password}' : pw === 'plain' ? s : pw === 'hash' ? `${s.slice(0, 4)};${s.slice(4)}` : `"""${s.slice(0, 4)}#${s.slice(4)}"""`;
  const pl = w.add(`password = ${pv}`);
  if (pw === 'plain' || pw === 'hash' || pw === 'quoted') w.finding('hardcoded-smtp-credentials', pl);
  if (pw === 'hash') w.finding('ini-value-truncated-by-comment', pl);
  if (R.chance(0.3)) w.decoy(w.add(';skip_verify = true'), 'commented out');
  if (R.chance(0.2)) w.finding('tls-verification-disabled', w.add('skip_verify = true'));
  else if (R.chance(0.3)) w.add('skip_verify = false');
  w.add('from_address = grafana@example.com');
  if (port === 587) {
    const policy = R.weighted([['MandatoryStartTLS', 50], ['OpportunisticStartTLS', 30], ['NoStartTLS', 20]]);
    if (R.chance(0.7)) {
      const l = w.add(`startTLS_policy = ${policy}`);
      if (policy === 'NoStartTLS') w.finding('tls-disabled-with-credentials', l, [userLine]);
    }
  }
  return { file: R.pick(['grafana.ini', 'conf/grafana.ini', 'grafana/grafana.ini']), w, flavor: 'grafana' };
}

/** INI files of other tools: never mail settings for Gitea or Grafana. */
function otherIni(R) {
  const w = new Writer();
  const kind = R.pick(['php', 'pytest', 'tool']);
  if (kind === 'php') {
    w.add('[PHP]');
    w.add('memory_limit = 256M');
    w.add('');
    w.add('[mail function]');
    w.decoy(w.add('SMTP = localhost'), "php.ini's mail() settings");
    w.decoy(w.add('smtp_port = 25'), "php.ini's mail() settings");
    w.add('sendmail_path = /usr/sbin/sendmail -t -i');
    return { file: 'docker/php/php.ini', w, flavor: 'php.ini' };
  }
  if (kind === 'pytest') {
    w.add('[pytest]');
    w.add('addopts = -q --strict-markers');
    w.add(`testpaths = tests/${R.pick(NOUNS)}`);
    for (let i = 0; i < R.int(3, 30); i++) w.add(`markers_${i} = ${R.pick(NOUNS)}: ${R.pick(NOUNS)} tests`);
    return { file: 'pytest.ini', w, flavor: 'plain' };
  }
  w.add('[general]');
  w.add(`name = ${R.pick(SVC)}`);
  for (let s = 0; s < R.int(2, 8); s++) {
    w.add('');
    w.add(`[${R.pick(NOUNS)}.${s}]`);
    for (let i = 0; i < R.int(2, 10); i++) w.add(`${R.pick(NOUNS)}_${i} = ${R.int(0, 1000)}`);
  }
  return { file: `config/${R.pick(NOUNS)}.ini`, w, flavor: 'plain' };
}

/** A line scanner keeping offsets (sections, key = value, ; and # comments): the floor for INI, where no npm
 *  parser keeps positions (research §10). */
function scanIni(text) {
  const out = [];
  let off = 0, section = '';
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t && t[0] !== ';' && t[0] !== '#') {
      if (t[0] === '[') section = t.slice(1, t.indexOf(']'));
      else { const eq = line.indexOf('='); if (eq > 0) out.push({ section, key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim(), offset: off }); }
    }
    off += line.length + 1;
  }
  return out;
}

export default {
  id: 'ini',
  name: 'INI',
  ext: '.ini',
  weight: 15,
  floor: { id: 'ini:lines', pkg: null, desc: 'line scanner: sections, key = value, comments, offsets (hand-rolled)', make: () => scanIni },
  file(R) {
    return R.weighted([[otherIni, 45], [gitea, 33], [grafana, 22]])(R);
  },
  sample(R) {
    const w = new Writer();
    giteaHead(w, R);
    for (let s = 0; s < 14; s++) {
      w.add(`[${R.pick(NOUNS)}.${s}]`);
      for (let i = 0; i < 10; i++) w.add(`${R.pick(NOUNS).toUpperCase()}_${i} = ${R.int(0, 1000)}`);
      w.add('');
    }
    w.add('[mailer]');
    w.add('ENABLED = true');
    const pl = w.add('PROTOCOL = smtps');
    w.add('SMTP_ADDR = smtp.example.com');
    w.finding('starttls-port-with-implicit-tls', pl, [w.add('SMTP_PORT = 587')]);
    w.add('USER = git@example.com');
    for (let i = 0; i < 10; i++) w.add(`# note ${i}`);
    return { file: 'app.ini', w };
  },
};
