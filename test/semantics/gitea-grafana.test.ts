// semantics/gitea and semantics/grafana: what the [mailer] / [smtp] values mean, in one place for the INI files and
// the env forms (GITEA__mailer__*, GF_SMTP_*).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { giteaDefaultPort, giteaEffective, giteaIsSocketAddr, giteaMailerEnabled, giteaNonSmtpProtocol, giteaProtocol, giteaProtocolFromIsTls, giteaProtocolFromPort } from '../../server/src/semantics/gitea';
import { grafanaEffective, grafanaEnabled, grafanaExpansion, grafanaStartTlsPolicy, splitGrafanaHost } from '../../server/src/semantics/grafana';

test('Gitea PROTOCOL: smtp+startls alias, unknown values reset, inference from the port and IS_TLS_ENABLED', () => {
  assert.deepEqual(['smtp', 'SMTPS', ' smtp+starttls ', 'smtp+startls', 'tls', ''].map(giteaProtocol), ['smtp', 'smtps', 'smtp+starttls', 'smtp+starttls', undefined, undefined]);
  assert.deepEqual([465, 587, 25, 2525].map(giteaProtocolFromPort), ['smtps', 'smtp+starttls', 'smtp', 'smtps']);
  assert.deepEqual(['true', 'on', 'false', '0'].map(giteaProtocolFromIsTls), ['smtps', 'smtps', 'smtp+starttls', 'smtp+starttls']);
  assert.deepEqual((['smtps', 'smtp', 'smtp+starttls'] as const).map(giteaDefaultPort), [465, 25, 587]);
  assert.equal(giteaNonSmtpProtocol('sendmail'), true);
  assert.equal(giteaNonSmtpProtocol('smtp'), false);
  assert.equal(giteaIsSocketAddr('/var/run/smtp.sock'), true);
  assert.equal(giteaMailerEnabled('false'), false);
  assert.equal(giteaMailerEnabled(undefined), true);
  assert.equal(giteaMailerEnabled('off'), false, 'go-ini Key.MustBool knows off');
});

test('Gitea protocol → wire mode', () => {
  assert.equal(giteaEffective('smtps', 'h', 465).tlsMode, 'implicit');
  assert.equal(giteaEffective('smtp+starttls', 'h', 587).tlsMode, 'starttls-opportunistic');
  assert.equal(giteaEffective('smtp', 'h', 25).tlsMode, 'none');
  assert.match(giteaEffective('smtps', 'h', 465, 'PROTOCOL unset').because, /^PROTOCOL unset; smtps/);
});

test('Grafana: enabled, startTLS_policy, host:port, variable expansion, the dialer', () => {
  assert.deepEqual(['true', 'false', '', 'maybe'].map(grafanaEnabled), [true, false, undefined, undefined]);
  assert.deepEqual(['MandatoryStartTLS', 'nostarttls', 'OpportunisticStartTLS', undefined, 'x'].map(grafanaStartTlsPolicy), ['mandatory', 'never', 'opportunistic', 'opportunistic', 'opportunistic']);
  assert.deepEqual(splitGrafanaHost('smtp.example.com:587'), { host: 'smtp.example.com', port: '587' });
  assert.deepEqual(splitGrafanaHost('smtp.example.com'), { host: 'smtp.example.com', port: undefined });
  assert.deepEqual(splitGrafanaHost('[::1]:25'), { host: '[::1]', port: '25' });
  assert.equal(splitGrafanaHost('a b:c'), undefined);
  assert.deepEqual(grafanaExpansion('$__env{SMTP_PASSWORD}'), { env: 'SMTP_PASSWORD' });
  assert.deepEqual(grafanaExpansion('${SMTP_PASSWORD}'), { env: 'SMTP_PASSWORD' });
  assert.equal(grafanaExpansion('$__file{/run/secrets/pw}'), 'expression');
  assert.equal(grafanaExpansion('pa$$word'), undefined);
  assert.equal(grafanaEffective('h', 465, 'never').tlsMode, 'implicit', 'the dialer switches to TLS on 465 whatever the policy');
  assert.equal(grafanaEffective('h', 587, 'never').tlsMode, 'none');
  assert.equal(grafanaEffective('h', 587, 'mandatory').tlsMode, 'starttls-required');
  assert.equal(grafanaEffective('h', 587, 'opportunistic').tlsMode, 'starttls-opportunistic');
});
