// Symfony `%env(…)%` placeholders (symfony/dependency-injection EnvVarProcessor::getEnv): parsing and the
// processors that pass a DSN string through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySymfonyEnvProcessors, hasSymfonyParameterRef, symfonyEnvPlaceholder } from '../../server/src/semantics/symfony';

test('placeholders: the variable is the last segment; default/key/enum take one argument', () => {
  assert.deepEqual(symfonyEnvPlaceholder('%env(MAILER_DSN)%'), { name: 'MAILER_DSN', processors: [] });
  assert.deepEqual(symfonyEnvPlaceholder(' %env(resolve:MAILER_DSN)% '), { name: 'MAILER_DSN', processors: [{ name: 'resolve' }] });
  assert.deepEqual(symfonyEnvPlaceholder('%env(default:fallback_dsn:string:MAILER_DSN)%'), {
    name: 'MAILER_DSN',
    processors: [{ name: 'default', arg: 'fallback_dsn' }, { name: 'string' }],
  });
  assert.equal(symfonyEnvPlaceholder('%env(default:MAILER_DSN)%'), undefined); // Symfony: "a fallback parameter should be provided"
  assert.equal(symfonyEnvPlaceholder('smtp://%env(MAILER_USER)%@host'), undefined);
  assert.equal(symfonyEnvPlaceholder('%mailer_dsn%'), undefined);
});

test('processors: string/trim/resolve pass the DSN through, default keeps a set value, the rest is unknown', () => {
  const ref = (s: string) => symfonyEnvPlaceholder(s)!;
  assert.deepEqual(applySymfonyEnvProcessors(ref('%env(MAILER_DSN)%'), 'smtp://h:25'), { value: 'smtp://h:25' });
  assert.deepEqual(applySymfonyEnvProcessors(ref('%env(trim:MAILER_DSN)%'), ' smtp://h:25 '), { value: 'smtp://h:25' });
  assert.deepEqual(applySymfonyEnvProcessors(ref('%env(resolve:MAILER_DSN)%'), 'smtp://u:p%%x@h:25'), { value: 'smtp://u:p%x@h:25' });
  assert.ok('unknown' in applySymfonyEnvProcessors(ref('%env(resolve:MAILER_DSN)%'), 'smtp://%host%:25'));
  assert.deepEqual(applySymfonyEnvProcessors(ref('%env(default:fb:MAILER_DSN)%'), 'smtp://h:25'), { value: 'smtp://h:25' });
  assert.ok('unknown' in applySymfonyEnvProcessors(ref('%env(default:fb:MAILER_DSN)%'), ''));
  assert.ok('unknown' in applySymfonyEnvProcessors(ref('%env(MAILER_DSN)%'), undefined));
  assert.ok('unknown' in applySymfonyEnvProcessors(ref('%env(base64:MAILER_DSN)%'), 'c210cDovL2g6MjU='));
});

test('parameter references: %name% is one, %% is an escaped percent', () => {
  assert.equal(hasSymfonyParameterRef('smtp://%mailer_host%:465'), true);
  assert.equal(hasSymfonyParameterRef('smtp://u:p%%40@h:465'), false);
  assert.equal(hasSymfonyParameterRef('smtp://h:465'), false);
});
