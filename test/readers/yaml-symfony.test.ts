// Symfony Mailer configured in YAML (config/packages/mailer.yaml): literal DSNs are read like a MAILER_DSN line
// (sites inside the YAML scalar), `%env(…)%` placeholders take the workspace's .env value, and a reference to a
// .env DSN that the env reader reads itself is an echo (rules are not run on it: reported once, in the .env).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { yamlReader } from '../../server/src/readers/yaml/index';
import { EnvIndex, lintText } from '../../server/src/engine';
import type { SmtpConfig } from '../../server/src/model/types';

const FILE = '/proj/config/packages/mailer.yaml';

function envOf(files: Record<string, string>): EnvIndex {
  const env = new EnvIndex();
  for (const [file, text] of Object.entries(files)) env.set(file, lintText(file, text).read?.envVars);
  return env;
}

function configs(src: string, env: Record<string, string> = {}): SmtpConfig[] {
  const r = yamlReader.read(FILE, src, { env: envOf(env) });
  assert.deepEqual(r.problems, []);
  return r.configs;
}

describe('literal DSNs', () => {
  test('framework.mailer.dsn: scheme, host, port and options with sites inside the YAML value', () => {
    const src = "framework:\n    mailer:\n        dsn: 'smtps://user:pw@smtp.example.com:587?verify_peer=0'\n";
    const [c] = configs(src);
    assert.equal(c.dialect, 'symfony');
    assert.equal(c.file, FILE);
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(c.effective.port, 587);
    assert.equal(src.slice(c.url!.scheme!.site.value.start, c.url!.scheme!.site.value.end), 'smtps');
    assert.equal(src.slice(c.port!.site.value.start, c.port!.site.value.end), '587');
    assert.equal(c.verifyCert?.value, false);
    assert.equal(c.echoOf, undefined);
  });

  test('transports and when@env blocks each give a config; null:// and mailpit stay configs of their own kind', () => {
    const src = [
      'framework:',
      '  mailer:',
      '    transports:',
      '      main: smtp://smtp.example.com:465',
      "      backup: 'smtp://backup.example.com:587'",
      'when@dev:',
      '  framework:',
      '    mailer:',
      "      dsn: 'smtp://mailpit:1025'",
      'when@test:',
      '  framework:',
      '    mailer:',
      "      dsn: 'null://null'",
      '',
    ].join('\n');
    const cs = configs(src);
    assert.deepEqual(cs.map((c) => [c.label.replace(/ \(.*/, ''), c.effective.tlsMode, c.effective.port]), [
      ['framework.mailer.transports.main', 'implicit', 465],
      ['framework.mailer.transports.backup', 'starttls-opportunistic', 587],
      ['when@dev.framework.mailer.dsn', 'starttls-opportunistic', 1025],
    ]);
  });

  test('a %parameter% outside the userinfo leaves the DSN unknown: no config; inside it only hides the password', () => {
    assert.deepEqual(configs("framework:\n  mailer:\n    dsn: 'smtp://%mailer_host%:465'\n"), []);
    const [c] = configs("framework:\n  mailer:\n    dsn: 'smtp://%env(MAILER_USER)%:%env(MAILER_PASSWORD)%@smtp.example.com:465'\n");
    assert.equal(c.effective.tlsMode, 'implicit');
    assert.equal(c.credentials.passwordIsLiteral, false);
  });

  test('a YAML file without framework.mailer gives no Symfony config', () => {
    assert.deepEqual(configs('framework:\n  secret: x\nmailer:\n  dsn: smtp://a:465\n'), []);
  });
});

describe('%env()% references', () => {
  const ENV = { '/proj/.env': 'MAILER_DSN=smtps://user:pw@smtp.example.com:587\nMAILER_DSN_IMPORTANT=smtps://user:pw@smtp.example.com:587\n' };

  test('%env(MAILER_DSN)% takes the .env value and echoes the .env line (resolve:, string:, trim: too)', () => {
    for (const ref of ['%env(MAILER_DSN)%', '%env(resolve:MAILER_DSN)%', '%env(string:MAILER_DSN)%', '%env(trim:string:MAILER_DSN)%', '%env(default:fallback_dsn:MAILER_DSN)%']) {
      const cs = configs(`framework:\n  mailer:\n    dsn: '${ref}'\n`, ENV);
      assert.equal(cs.length, 1, ref);
      const c = cs[0];
      assert.equal(c.url?.kind, 'env', ref);
      assert.equal(c.url?.envVar, 'MAILER_DSN', ref);
      assert.equal(c.url?.resolvedFrom?.file, '/proj/.env', ref);
      assert.equal(c.effective.tlsMode, 'implicit', ref);
      assert.equal(c.effective.port, 587, ref);
      assert.deepEqual(c.echoOf, c.url?.resolvedFrom, ref);
    }
  });

  test('unset variables, unmodelled processors and default: with an unset variable give no config', () => {
    for (const ref of ['%env(UNSET_DSN)%', '%env(file:MAILER_DSN)%', '%env(json:MAILER_DSN)%', '%env(default:fallback:UNSET_DSN)%', '%env(default:MAILER_DSN)%']) {
      assert.deepEqual(configs(`framework:\n  mailer:\n    dsn: '${ref}'\n`, ENV), [], ref);
    }
  });

  test('a variable the env reader does not read as a Symfony DSN is linted in the YAML (not an echo)', () => {
    const [c] = configs("framework:\n  mailer:\n    transports:\n      important: '%env(MAILER_DSN_IMPORTANT)%'\n", ENV);
    assert.equal(c.echoOf, undefined);
    assert.equal(c.effective.tlsMode, 'implicit');
  });
});

describe('reported once, where the value is written', () => {
  const envText = 'MAILER_DSN=smtps://user:pw@smtp.example.com:587?verify_peer=0\n';
  const yaml = "framework:\n  mailer:\n    dsn: '%env(MAILER_DSN)%'\n";

  test('the .env line carries the findings; the YAML reference is clean', () => {
    const env = envOf({ '/proj/.env': envText });
    const fromEnv = lintText('/proj/.env', envText, { env });
    assert.deepEqual(fromEnv.findings.map((f) => f.ruleId).sort(), ['starttls-port-with-implicit-tls', 'tls-verification-disabled']);
    const fromYaml = lintText(FILE, yaml, { env });
    assert.deepEqual(fromYaml.findings, []);
    // still read (hover, Test SMTP Connection): one config, resolved from the .env
    assert.equal(fromYaml.read?.configs.length, 1);
    assert.equal(fromYaml.read?.configs[0].effective.host, 'smtp.example.com');
  });

  test('a reference to a variable only the YAML reads as a DSN is reported on the YAML line, without a fix', () => {
    const env = envOf({ '/proj/.env': 'MAILER_DSN_IMPORTANT=smtps://user:pw@smtp.example.com:587\n' });
    assert.deepEqual(lintText('/proj/.env', 'MAILER_DSN_IMPORTANT=smtps://user:pw@smtp.example.com:587\n', { env }).findings, []);
    const r = lintText(FILE, "framework:\n  mailer:\n    transports:\n      important: '%env(MAILER_DSN_IMPORTANT)%'\n", { env });
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['starttls-port-with-implicit-tls']);
    assert.deepEqual(r.findings[0].fixes, []);
  });
});
