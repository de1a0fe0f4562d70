// Python files of the polyglot corpus: Django settings.py, Flask-Mail config, smtplib senders (rules-research-
// polyglot §4), ordinary modules without mail words (they cost a read, never a parse), and decoys that are
// TLS settings of other clients (requests verify=False, redis ssl_cert_reqs, psycopg sslmode, Celery CERT_NONE).
import { Writer, NOUNS, VERBS, SVC, SMTP_HOSTS, USERS, snake, cap, secret } from '../lib.mjs';

/** Ordinary code: a few functions and a class, no mail words. */
function filler(w, R, n) {
  const noun = R.pick(NOUNS);
  w.add(`"""${cap(noun)} helpers for the ${R.pick(SVC)} service."""`);
  w.add('import logging');
  w.add('from dataclasses import dataclass, field');
  w.add('');
  w.add('log = logging.getLogger(__name__)');
  w.add('');
  for (let i = 0; i < n; i++) {
    const v = R.pick(VERBS), o = R.pick(NOUNS);
    if (R.chance(0.3)) {
      w.add('');
      w.add('@dataclass');
      w.add(`class ${cap(o)}${cap(v)}Result:`);
      w.add(`    ${o}_id: int`);
      w.add(`    status: str = '${R.pick(['pending', 'done', 'failed'])}'`);
      w.add('    tags: list = field(default_factory=list)');
    }
    w.add('');
    w.add('');
    w.add(`def ${snake(v, o)}(${o}, retries=${R.int(1, 5)}):`);
    w.add(`    """${cap(v)} one ${o}."""`);
    w.add(`    for attempt in range(retries):`);
    w.add(`        value = ${o}.get('${R.pick(['id', 'name', 'status', 'amount'])}')`);
    w.add('        if value is None:');
    w.add(`            log.debug('no value on attempt %d', attempt)`);
    w.add('            continue');
    w.add(`        return {'${o}': value, 'attempt': attempt}`);
    w.add('    return None');
  }
}

/** Django settings.py: EMAIL_* with literal values or env helpers with defaults (Django never reads the port). */
function django(R) {
  const w = new Writer();
  const envStyle = R.pick(['literal', 'literal', 'os', 'environ']);
  w.add('"""Django settings."""');
  w.add('import os');
  if (envStyle === 'environ') { w.add('import environ'); w.add(''); w.add('env = environ.Env()'); }
  w.add('');
  w.add(`SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-only')`);
  w.add(`DEBUG = os.environ.get('DJANGO_DEBUG') == '1'`);
  w.add(`INSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth', '${R.pick(SVC)}']`);
  w.add('DATABASES = {');
  w.add("    'default': {");
  w.add("        'ENGINE': 'django.db.backends.postgresql',");
  w.add(`        'HOST': os.environ.get('DB_HOST', 'db'),`);
  w.add("        'PORT': 5432,");
  if (R.chance(0.6)) w.decoy(w.add(`        'OPTIONS': {'sslmode': '${R.pick(['disable', 'allow', 'prefer'])}'},`), 'database TLS off');
  w.add('    }');
  w.add('}');
  if (R.chance(0.5)) w.decoy(w.add('SESSION_COOKIE_SECURE = False'), 'cookie flag');
  if (R.chance(0.4)) { w.add('import ssl'); w.decoy(w.add("CELERY_BROKER_USE_SSL = {'ssl_cert_reqs': ssl.CERT_NONE}"), 'Celery broker TLS, not mail'); }
  if (R.chance(0.3)) w.decoy(w.add('DB_SSL = False'), 'database TLS flag');
  w.add('');
  // the mail profile
  const port = R.weighted([[587, 40], [465, 25], [25, 15], [2525, 8], [1025, 12]]);
  const local = port === 1025;
  const host = local ? R.pick(['localhost', 'mailpit', '127.0.0.1']) : R.pick(SMTP_HOSTS);
  let tls = false, ssl = false;
  if (port === 587 || port === 2525) [tls, ssl] = R.weighted([[[true, false], 60], [[false, true], 15], [[true, true], 10], [[false, false], 15]]);
  else if (port === 465) [tls, ssl] = R.weighted([[[false, true], 60], [[true, false], 25], [[false, false], 15]]);
  const user = local ? null : port === 25 ? R.pick([null, R.pick(USERS)]) : R.pick(USERS);
  const bool = (name, v) => envStyle === 'environ' ? `env.bool('${name}', default=${v ? 'True' : 'False'})` : envStyle === 'os' ? `os.environ.get('${name}', '${v ? 'True' : 'False'}') == 'True'` : (v ? 'True' : 'False');
  w.add("EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'");
  w.add(`EMAIL_HOST = ${envStyle === 'literal' ? `'${host}'` : `os.environ.get('EMAIL_HOST', '${host}')`}`);
  const portLine = w.add(`EMAIL_PORT = ${envStyle === 'literal' ? port : envStyle === 'os' ? `int(os.environ.get('EMAIL_PORT', ${port}))` : `env.int('EMAIL_PORT', default=${port})`}`);
  if (R.chance(0.4) && port !== 25) w.decoy(w.add('# EMAIL_USE_SSL = True'), 'commented out');
  let tlsLine, sslLine;
  const writeFalse = R.chance(0.4);
  if (tls || writeFalse) tlsLine = w.add(`EMAIL_USE_TLS = ${bool('EMAIL_USE_TLS', tls)}`);
  if (ssl || writeFalse) sslLine = w.add(`EMAIL_USE_SSL = ${bool('EMAIL_USE_SSL', ssl)}`);
  let userLine, passLine;
  if (user) {
    userLine = w.add(`EMAIL_HOST_USER = ${R.chance(0.5) ? `'${user}'` : `os.environ.get('EMAIL_HOST_USER', '${user}')`}`);
    const literal = R.chance(0.2);
    passLine = w.add(`EMAIL_HOST_PASSWORD = ${literal ? `'${secret(R)}'` : "os.environ.get('EMAIL_HOST_PASSWORD', '')"}`);
    if (literal) w.finding('hardcoded-smtp-credentials', passLine);
  }
  w.add('EMAIL_TIMEOUT = 10');
  w.add(`DEFAULT_FROM_EMAIL = 'noreply@example.com'`);
  const flagLines = [tlsLine, sslLine];
  if (port === 465 && !ssl) w.finding('implicit-tls-port-without-tls', tls ? tlsLine : portLine, [portLine, ...flagLines]);
  if ((port === 587 || port === 2525) && tls && ssl) w.finding('conflicting-tls-flags', sslLine, [tlsLine, portLine]);
  else if ((port === 587 || port === 2525 || port === 25) && ssl) w.finding('starttls-port-with-implicit-tls', sslLine, [portLine]);
  // Django's defaults are known (both flags False): credentials without a flag go in clear; an explicit
  // EMAIL_USE_TLS = False is reported even when 465 or implicit TLS hides it today (docs/rules/tls-disabled-with-credentials.md)
  // (on 465 with no flag written the connection hangs before login: only implicit-tls-port-without-tls)
  if (user && !tls && !ssl && (tlsLine || port !== 465)) w.finding('tls-disabled-with-credentials', tlsLine ?? userLine, [...flagLines, userLine, portLine]);
  else if (user && !tls && ssl && tlsLine && port !== 465) w.finding('tls-disabled-with-credentials', tlsLine, [sslLine, userLine]);
  if (port === 25 && user) w.finding('port-25-with-credentials', portLine, [userLine]);
  return { file: R.pick(['settings.py', 'config/settings.py', 'settings/production.py', 'project/settings/base.py']), w, flavor: 'django' };
}

/** Flask-Mail: app.config[...] or a Config class; it never passes an SSL context (never verifies). */
function flaskMail(R) {
  const w = new Writer();
  const klass = R.chance(0.5);
  w.add('import os');
  w.add('from flask import Flask');
  w.add('from flask_mail import Mail');
  w.add('');
  if (R.chance(0.5)) w.decoy(w.add(`REDIS_OPTIONS = {'ssl': True, 'ssl_cert_reqs': None}`), 'redis TLS, not mail');
  const port = R.weighted([[587, 45], [465, 30], [1025, 15], [25, 10]]);
  const local = port === 1025;
  let tls = false, ssl = false;
  if (port === 587) [tls, ssl] = R.weighted([[[true, false], 65], [[false, true], 15], [[false, false], 20]]);
  else if (port === 465) [tls, ssl] = R.weighted([[[false, true], 70], [[true, false], 30]]);
  const user = local || port === 25 ? null : R.pick(USERS);
  const host = local ? 'localhost' : R.pick(SMTP_HOSTS);
  const set = klass ? (k, v) => w.add(`    ${k} = ${v}`) : (k, v) => w.add(`app.config['${k}'] = ${v}`);
  if (klass) { w.add(''); w.add('class Config:'); w.add(`    SECRET_KEY = os.environ.get('SECRET_KEY')`); }
  else { w.add('app = Flask(__name__)'); if (R.chance(0.5)) w.decoy(w.add("app.config['SESSION_COOKIE_SECURE'] = False"), 'cookie flag'); }
  set('MAIL_SERVER', `'${host}'`);
  const portLine = set('MAIL_PORT', String(port));
  let tlsLine, sslLine;
  if (tls || (!local && R.chance(0.5))) tlsLine = set('MAIL_USE_TLS', tls ? 'True' : 'False');
  if (ssl) sslLine = set('MAIL_USE_SSL', 'True');
  else if (tls && R.chance(0.3)) sslLine = set('MAIL_USE_SSL', 'False');
  let userLine;
  if (user) {
    userLine = set('MAIL_USERNAME', R.chance(0.5) ? `'${user}'` : "os.environ.get('MAIL_USERNAME')");
    const literal = R.chance(0.2);
    const passLine = set('MAIL_PASSWORD', literal ? `'${secret(R)}'` : "os.environ.get('MAIL_PASSWORD')");
    if (literal) w.finding('hardcoded-smtp-credentials', passLine);
  }
  set('MAIL_DEFAULT_SENDER', "'noreply@example.com'");
  if (!klass) { w.add(''); w.add('mail = Mail(app)'); }
  if (port === 465 && !ssl) w.finding('implicit-tls-port-without-tls', tls ? tlsLine : portLine, [portLine, tlsLine, sslLine]);
  if (port === 587 && ssl) w.finding('starttls-port-with-implicit-tls', sslLine, [portLine]);
  if (tls) w.finding('tls-verification-disabled', tlsLine);
  if (ssl) w.finding('tls-verification-disabled', sslLine);
  if (user && !tls && !ssl && (tlsLine || port !== 465)) {
    // Flask-Mail's defaults are both False (flask-mail Mail.init_mail), so no flag at all is clear text too
    w.finding('tls-disabled-with-credentials', tlsLine ?? userLine, [userLine, tlsLine, portLine]);
  } else if (user && !tls && ssl && tlsLine && port !== 465) w.finding('tls-disabled-with-credentials', tlsLine, [sslLine, userLine]);
  return { file: klass ? 'config.py' : 'app.py', w, flavor: 'flask-mail' };
}

/** smtplib in a function: the class decides the mode, starttls() without context= does not verify. */
function smtplibSender(R) {
  const w = new Writer();
  w.add('import smtplib');
  w.add('import ssl');
  w.add('from email.message import EmailMessage');
  if (R.chance(0.5)) { w.add('import requests'); w.add(''); w.add(''); w.add('def fetch_template(url):'); w.decoy(w.add('    return requests.get(url, timeout=5, verify=False).text'), 'HTTP client, not mail'); }
  if (R.chance(0.4)) { w.add('import urllib.request'); w.add(''); w.add(''); w.add('def ping(url):'); w.decoy(w.add('    return urllib.request.urlopen(url, context=ssl._create_unverified_context()).status'), 'HTTPS fetch, not mail'); }
  if (R.chance(0.3)) { w.add(''); w.add(''); w.add('def db(psycopg2, dsn):'); w.decoy(w.add("    return psycopg2.connect(dsn, sslmode='disable')"), 'database TLS off'); }
  const shape = R.weighted([['starttls', 35], ['ssl465', 25], ['plain465', 12], ['ssl587', 10], ['local', 10], ['nocontext', 8], ['unverified', 5], ['legacy', 4]]);
  const host = shape === 'local' ? R.pick(['localhost', 'mailpit']) : R.pick(SMTP_HOSTS);
  w.add('');
  w.add('');
  w.add(`def send_${R.pick(NOUNS)}_mail(to, subject, body, user, password):`);
  w.add('    msg = EmailMessage()');
  w.add("    msg['To'] = to");
  w.add("    msg['Subject'] = subject");
  w.add('    msg.set_content(body)');
  const login = () => {
    if (R.chance(0.15)) w.finding('hardcoded-smtp-credentials', w.add(`        s.login(user, '${secret(R)}')`));
    else w.add('        s.login(user, password)');
  };
  if (shape === 'starttls' || shape === 'nocontext') {
    w.add(`    with smtplib.SMTP('${host}', ${R.pick([587, 587, 2525])}, timeout=10) as s:`);
    if (shape === 'nocontext') w.finding('tls-verification-disabled', w.add('        s.starttls()'));
    else w.add('        s.starttls(context=ssl.create_default_context())');
    login();
  } else if (shape === 'unverified' || shape === 'legacy') {
    // research §4.1(d): an unverifying or TLS 1.0 context built in the function and passed as context=
    if (shape === 'unverified') {
      if (R.chance(0.5)) w.finding('tls-verification-disabled', w.add('    ctx = ssl._create_unverified_context()'));
      else {
        w.add('    ctx = ssl.create_default_context()');
        const ch = w.add('    ctx.check_hostname = False');
        w.finding('tls-verification-disabled', w.add('    ctx.verify_mode = ssl.CERT_NONE'), [ch]);
      }
    } else {
      w.add('    ctx = ssl.create_default_context()');
      w.finding('legacy-tls-version', w.add(`    ctx.minimum_version = ssl.TLSVersion.${R.pick(['TLSv1', 'TLSv1_1'])}`));
    }
    w.add(`    with smtplib.SMTP_SSL('${host}', 465, context=ctx, timeout=10) as s:`);
    login();
  } else if (shape === 'ssl465') {
    w.add(`    with smtplib.SMTP_SSL('${host}', 465, context=ssl.create_default_context(), timeout=10) as s:`);
    login();
  } else if (shape === 'plain465') {
    w.finding('implicit-tls-port-without-tls', w.add(`    with smtplib.SMTP('${host}', 465, timeout=10) as s:`));
    login();
  } else if (shape === 'ssl587') {
    w.finding('starttls-port-with-implicit-tls', w.add(`    with smtplib.SMTP_SSL('${host}', 587, context=ssl.create_default_context(), timeout=10) as s:`));
    login();
  } else {
    w.add(`    with smtplib.SMTP('${host}', 1025, timeout=5) as s:`);
  }
  w.add('        s.send_message(msg)');
  return { file: R.pick(['mailer.py', 'notify/email.py', 'app/mail.py', 'tasks/send_mail.py']), w, flavor: 'smtplib' };
}

export default {
  id: 'python',
  name: 'Python',
  ext: '.py',
  weight: 35,
  floor: { id: 'python:lezer', pkg: '@lezer/python', desc: '@lezer/python parser.parse(text)', make: (m) => (text) => m.parser.parse(text) },
  /** One file of the corpus: about a third carry mail settings. */
  file(R) {
    if (R.chance(0.62)) { const w = new Writer(); filler(w, R, R.int(3, 25)); return { file: `${R.pick(['utils', 'services', 'models', 'views', 'tasks'])}/${R.pick(NOUNS)}_${R.pick(VERBS)}.py`, w, flavor: 'plain' }; }
    const make = R.weighted([[django, 45], [flaskMail, 25], [smtplibSender, 30]]);
    const out = make(R);
    if (R.chance(0.5)) filler(out.w, R, R.int(1, 8));
    return out;
  },
  /** About 200 lines, one finding: the LSP and one-file CLI sample. */
  sample(R) {
    const w = new Writer();
    filler(w, R, 8);
    w.add('import os');
    w.add('');
    w.add("EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'");
    w.add("EMAIL_HOST = 'smtp.example.com'");
    const p = w.add('EMAIL_PORT = 465');
    w.finding('implicit-tls-port-without-tls', w.add('EMAIL_USE_TLS = True'), [p]);
    w.add("EMAIL_HOST_USER = os.environ.get('EMAIL_HOST_USER')");
    w.add("EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD')");
    w.add('EMAIL_TIMEOUT = 10');
    filler(w, R, 9);
    return { file: 'settings.py', w };
  },
};
