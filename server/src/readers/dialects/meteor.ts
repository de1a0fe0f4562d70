// Meteor MAIL_URL (rules-research §4.14): the URL is handed to nodemailer, so nodemailer's URL rules
// apply: smtp:// sets secure:false explicitly (so smtp://…:465 is plaintext to a TLS port), smtps:// sets
// secure:true, the port defaults to 465/587 by scheme, `?tls.rejectUnauthorized=false` disables checks.
//
// Key        → SmtpConfig field
//   MAIL_URL → url (scheme/host/port/params with url-part sites); host/port mirror the URL parts;
//              url.params['tls.rejectUnauthorized'] → verifyCert (value boolean), ['tls.minVersion'] →
//              minTlsVersion, ?requireTLS / ?ignoreTLS → requireTls / ignoreTls; userinfo → credentials
//              presence (credentials.password is the url field, text '***').
import type { SmtpConfig } from '../../model/types';
import type { KvGroup } from '../types';
import type { Instance } from './common';
import { buildNodemailerEnv } from './generic';

export function buildMeteor(group: KvGroup, inst: Instance): SmtpConfig | undefined {
  return buildNodemailerEnv(group, inst, 'meteor');
}
