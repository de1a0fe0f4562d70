// Ruby files of the polyglot corpus (rules-research-polyglot §6): Rails `config.action_mailer.smtp_settings` in
// config/environments/*.rb, `ActionMailer::Base.smtp_settings` in initializers, the mail gem's
// `Mail.defaults { delivery_method :smtp, … }`; symbol keys and hash rockets, ports from ENV.fetch defaults; the
// mail gem's words: tls: / ssl: are synonyms for implicit TLS, enable_starttls(_auto) for STARTTLS, both truthy is an
// ArgumentError (mail >= 2.9). Ordinary Ruby without mail words; decoys: a development environment whose
// delivery_method is letter_opener (its smtp_settings are dead), Redis / cache TLS (ssl: false, VERIFY_NONE in
// ssl_params), a database URL with sslmode=disable, config.force_ssl = false, commented-out settings.
import { Writer, NOUNS, VERBS, SVC, SMTP_HOSTS, USERS, cap, snake, secret } from '../lib.mjs';

function filler(w, R, n) {
  const noun = R.pick(NOUNS);
  w.add(`class ${cap(noun)}${cap(R.pick(VERBS))}er`);
  w.add(`  def initialize(${noun}s)`);
  w.add(`    @${noun}s = ${noun}s`);
  w.add('  end');
  for (let i = 0; i < n; i++) {
    const v = R.pick(VERBS), o = R.pick(NOUNS);
    w.add('');
    w.add(`  def ${snake(v, o)}(${o}_id, limit: ${R.int(5, 100)})`);
    w.add(`    @${noun}s.first(limit).each do |item|`);
    w.add(`      next if item[:${R.pick(['id', 'name', 'status'])}].nil?`);
    w.add(`      return item.merge(${o}_id: ${o}_id)`);
    w.add('    end');
    w.add('    nil');
    w.add('  end');
  }
  w.add('end');
}

/**
 * One smtp_settings hash: returns the lines of its entries (by key) after writing them with `put(key, value)`.
 * The findings follow the mail gem (research §6 (a), (c)): tls/ssl truthy = implicit TLS; otherwise STARTTLS
 * (:auto when no flag is written); ActionMailer's own enable_starttls_auto default disappears with the app's hash.
 */
function settings(w, R, put, { local = false } = {}) {
  const port = local ? R.pick([1025, 25]) : R.weighted([[587, 50], [465, 35], [25, 10], [2525, 5]]);
  const fromEnv = !local && R.chance(0.3);
  const L = {};
  L.address = put('address', local ? `'${R.pick(['localhost', 'mailcatcher'])}'` : R.chance(0.5) ? `'${R.pick(SMTP_HOSTS)}'` : `ENV.fetch('SMTP_ADDRESS', '${R.pick(SMTP_HOSTS)}')`);
  L.port = put('port', fromEnv ? `ENV.fetch('SMTP_PORT', ${port}).to_i` : String(port));
  const user = !local && port !== 1025 && R.chance(0.85);
  if (user) {
    L.user = put('user_name', R.chance(0.5) ? `'${R.pick(USERS)}'` : "ENV['SMTP_USERNAME']");
    const literal = R.chance(0.2);
    L.password = put('password', literal ? `'${secret(R)}'` : R.pick(["ENV['SMTP_PASSWORD']", "ENV.fetch('SMTP_PASSWORD')", 'Rails.application.credentials.dig(:smtp, :password)']));
    if (literal) w.finding('hardcoded-smtp-credentials', L.password);
    put('authentication', R.pick([':plain', ':login']));
  }
  // the TLS words: right for the port most of the time, the PHP habit (tls: true on 587) or the 465 mistakes otherwise
  let tls = false, starttls = null, tlsFalse = false;
  if (!local) {
    if (port === 465) {
      const k = R.weighted([['tls', 45], ['ssl', 15], ['auto', 15], ['none', 10], ['tlsfalse', 5], ['both', 10]]);
      if (k === 'tls' || k === 'ssl' || k === 'both') { L.tls = put(k === 'ssl' ? 'ssl' : 'tls', 'true'); tls = true; }
      if (k === 'tlsfalse') { L.tls = put('tls', 'false'); tlsFalse = true; }
      if (k === 'auto' || k === 'both') { L.starttls = put('enable_starttls_auto', 'true'); starttls = 'auto'; }
      else if (k === 'tls' && R.chance(0.3)) put('enable_starttls_auto', 'false'); // allowed: only truthy values conflict
    } else {
      const k = R.weighted([['auto', 40], ['starttls', 30], ['tls', 15], ['ssl', 5], ['off', 10]]);
      if (k === 'auto') { L.starttls = put('enable_starttls_auto', 'true'); starttls = 'auto'; }
      else if (k === 'starttls') { L.starttls = put('enable_starttls', 'true'); starttls = 'always'; }
      else if (k === 'off') { L.starttls = put('enable_starttls_auto', 'false'); starttls = 'off'; }
      else { L.tls = put(k, 'true'); tls = true; }
    }
    const verify = R.weighted([['none', 15], ['constnone', 5], ['peer', 30], ['unset', 50]]);
    if (verify === 'none') w.finding('tls-verification-disabled', put('openssl_verify_mode', "'none'"));
    else if (verify === 'constnone') w.finding('tls-verification-disabled', put('openssl_verify_mode', 'OpenSSL::SSL::VERIFY_NONE'));
    else if (verify === 'peer') put('openssl_verify_mode', "'peer'");
  }
  if (R.chance(0.3)) put('open_timeout', '5');
  const related = [L.port, L.tls, L.starttls].filter(Boolean);
  if (port === 465 && !tls) w.finding('implicit-tls-port-without-tls', L.starttls ?? L.tls ?? L.port, related);
  if (port === 465 && tls && starttls) w.finding('conflicting-tls-flags', L.starttls, [L.tls]);
  if (port !== 465 && tls) w.finding('starttls-port-with-implicit-tls', L.tls, [L.port]);
  if (port === 25 && user && !local) w.finding('port-25-with-credentials', L.port, [L.user]);
  if (user && starttls === 'off' && !tls) w.finding('tls-disabled-with-credentials', L.starttls, [L.user]);
  return { port, fromEnv, tlsFalse };
}

/** config/environments/<env>.rb: the Rails shape, with other config around it. */
function railsEnvironment(R) {
  const w = new Writer();
  const env = R.weighted([['production', 70], ['staging', 20], ['development', 10]]);
  const rocket = R.chance(0.3);
  w.add('require "active_support/core_ext/integer/time"');
  w.add('');
  w.add('Rails.application.configure do');
  w.add('  config.cache_classes = true');
  w.add('  config.eager_load = true');
  if (R.chance(0.3)) w.decoy(w.add('  config.force_ssl = false'), 'HTTPS redirect, not mail');
  if (R.chance(0.35)) w.decoy(w.add("  config.cache_store = :redis_cache_store, { url: ENV['REDIS_URL'], ssl_params: { verify_mode: OpenSSL::SSL::VERIFY_NONE } }"), 'Redis TLS, not mail');
  w.add('  config.log_level = :info');
  w.add(`  config.action_mailer.default_url_options = { host: '${R.pick(SVC)}.example.com' }`);
  if (env === 'development') {
    // letter_opener: the smtp_settings below are dead (research §6 (f))
    w.add('  config.action_mailer.delivery_method = :letter_opener');
    w.add('  config.action_mailer.smtp_settings = {');
    w.decoy(w.add("    address: 'smtp.example.com',"), 'dead: delivery_method is letter_opener');
    w.decoy(w.add('    port: 465,'), 'dead: delivery_method is letter_opener');
    w.decoy(w.add("    password: 'devpassword123',"), 'dead: delivery_method is letter_opener');
    w.add('  }');
  } else {
    w.add('  config.action_mailer.delivery_method = :smtp');
    if (R.chance(0.2)) w.decoy(w.add('  # config.action_mailer.smtp_settings = { port: 465, tls: false }'), 'commented out');
    w.add('  config.action_mailer.smtp_settings = {');
    settings(w, R, (k, v) => w.add(rocket ? `    :${k} => ${v},` : `    ${k}: ${v},`));
    w.add('  }');
  }
  w.add('  config.active_support.report_deprecations = false');
  w.add('end');
  return { file: `config/environments/${env}.rb`, w, flavor: 'rails' };
}

/** config/initializers/*.rb: ActionMailer::Base.smtp_settings, sometimes next to a Redis client. */
function initializer(R) {
  const w = new Writer();
  if (R.chance(0.4)) {
    w.decoy(w.add("REDIS = Redis.new(host: 'cache', port: 465, ssl: false)"), 'Redis on port 465, not mail');
    w.add('');
  }
  if (R.chance(0.3)) {
    w.decoy(w.add("DATABASE_URL = ENV.fetch('DATABASE_URL', 'postgres://db:5432/app?sslmode=disable')"), 'database TLS off');
    w.add('');
  }
  w.add('ActionMailer::Base.delivery_method = :smtp');
  w.add('ActionMailer::Base.smtp_settings = {');
  settings(w, R, (k, v) => w.add(`  ${k}: ${v},`));
  w.add('}');
  return { file: `config/initializers/${R.pick(['smtp', 'mailer', 'action_mailer'])}.rb`, w, flavor: 'initializer' };
}

/** The mail gem alone (Sinatra, scripts): Mail.defaults with delivery_method :smtp. */
function mailGem(R) {
  const w = new Writer();
  const local = R.chance(0.15);
  w.add("require 'mail'");
  w.add('');
  w.add('Mail.defaults do');
  w.add('  delivery_method :smtp, {');
  settings(w, R, (k, v) => w.add(`    ${k}: ${v},`), { local });
  w.add('  }');
  w.add('end');
  w.add('');
  w.add(`def send_${R.pick(NOUNS)}_mail(to, body)`);
  w.add('  Mail.deliver do');
  w.add("    from 'noreply@example.com'");
  w.add('    to to');
  w.add('    body body');
  w.add('  end');
  w.add('end');
  return { file: R.pick(['lib/mailer.rb', 'app.rb', 'scripts/send_report.rb']), w, flavor: 'mail-gem' };
}

export default {
  id: 'ruby',
  name: 'Ruby',
  ext: '.rb',
  weight: 15,
  // Prism (the reader's parser) through the package's own loader: WASM compiled once per process, then a parse per file
  floor: {
    id: 'ruby:prism',
    pkg: '@ruby/prism',
    desc: '@ruby/prism loadPrism() then parse(text) (WASM)',
    make: (m) => m.loadPrism(),
  },
  file(R) {
    if (R.chance(0.55)) { const w = new Writer(); filler(w, R, R.int(2, 20)); return { file: `app/models/${R.pick(NOUNS)}_${R.pick(VERBS)}er.rb`, w, flavor: 'plain' }; }
    return R.weighted([[railsEnvironment, 50], [initializer, 25], [mailGem, 25]])(R);
  },
  sample(R) {
    const w = new Writer();
    filler(w, R, 12);
    w.add('');
    w.add('ActionMailer::Base.delivery_method = :smtp');
    w.add('ActionMailer::Base.smtp_settings = {');
    w.add("  address: 'smtp.example.com',");
    const p = w.add('  port: 465,');
    w.add("  user_name: ENV['SMTP_USERNAME'],");
    w.add("  password: ENV['SMTP_PASSWORD'],");
    w.finding('implicit-tls-port-without-tls', w.add('  enable_starttls_auto: true,'), [p]);
    w.add('}');
    w.add('');
    filler(w, R, 12);
    return { file: 'smtp.rb', w };
  },
};
