// The rule catalogue. Adding a rule: its module here, docs/rules/<id>.md, test/rules/<id>.test.ts.
import type { Rule } from './types';
import implicitTlsPortWithoutTls from './implicit-tls-port-without-tls';
import starttlsPortWithImplicitTls from './starttls-port-with-implicit-tls';
import conflictingTlsFlags from './conflicting-tls-flags';
import envStringAsBoolean from './env-string-as-boolean';
import crossFilePortModeMismatch from './cross-file-port-mode-mismatch';
import tlsVerificationDisabled from './tls-verification-disabled';
import legacyTlsVersion from './legacy-tls-version';
import tlsDisabledWithCredentials from './tls-disabled-with-credentials';
import opportunisticTlsFallback from './opportunistic-tls-fallback';
import starttlsNotEnforced from './starttls-not-enforced';
import port25WithCredentials from './port-25-with-credentials';
import port25EgressBlocked from './port-25-egress-blocked';
import providerPortUnsupported from './provider-port-unsupported';
import providerRequiresTls from './provider-requires-tls';
import suspiciousSmtpPort from './suspicious-smtp-port';
import nodemailerUnknownService from './nodemailer-unknown-service';
import nodemailerServiceOverrides from './nodemailer-service-overrides';
import laravelInvalidMailScheme from './laravel-invalid-mail-scheme';
import laravelMailEncryptionIgnored from './laravel-mail-encryption-ignored';
import symfonyDsnPortImplicit from './symfony-dsn-port-implicit';
import hardcodedSmtpCredentials from './hardcoded-smtp-credentials';
import deprecatedMailSetting from './deprecated-mail-setting';
import nonstandardSubmissionPort from './nonstandard-submission-port';
import symfonyDsnUnknownOption from './symfony-dsn-unknown-option';
import grafanaHostMissingPort from './grafana-host-missing-port';
import iniValueTruncatedByComment from './ini-value-truncated-by-comment';
import missingSmtpTimeouts from './missing-smtp-timeouts';
import smtpDebugLogging from './smtp-debug-logging';
import springMailPropertyIgnored from './spring-mail-property-ignored';
import springPropertyPrefixMismatch from './spring-property-prefix-mismatch';

export const rules: Rule[] = [
  // (rule modules are registered here, one import each, in catalogue order)
  implicitTlsPortWithoutTls,
  starttlsPortWithImplicitTls,
  conflictingTlsFlags,
  envStringAsBoolean,
  crossFilePortModeMismatch,
  tlsVerificationDisabled,
  legacyTlsVersion,
  tlsDisabledWithCredentials,
  opportunisticTlsFallback,
  starttlsNotEnforced,
  port25WithCredentials,
  port25EgressBlocked,
  providerPortUnsupported,
  providerRequiresTls,
  suspiciousSmtpPort,
  nodemailerUnknownService,
  nodemailerServiceOverrides,
  laravelInvalidMailScheme,
  laravelMailEncryptionIgnored,
  symfonyDsnPortImplicit,
  hardcodedSmtpCredentials,
  deprecatedMailSetting,
  nonstandardSubmissionPort,
  symfonyDsnUnknownOption,
  grafanaHostMissingPort,
  iniValueTruncatedByComment,
  missingSmtpTimeouts,
  smtpDebugLogging,
  springMailPropertyIgnored,
  springPropertyPrefixMismatch,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
