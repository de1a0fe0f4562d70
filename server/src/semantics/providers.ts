// The one table of mail provider facts: which submission hosts a provider runs, which ports it offers with
// which TLS mode, which e-mail domains and MX hosts belong to it. Used by the rules (provider-port-unsupported,
// provider-requires-tls, nonstandard-submission-port, ...) through providerOf(host), and by discovery
// (server/src/discover/) through providerForDomain / providerForMx. nodemailer's `service` presets are a
// different thing (what one library does with a name) and live with nodemailer's semantics.
//
// Confidence: 'high' = the provider's own documentation was read (rules-research §5); 'medium' = quoted or
// third-party material (§5); 'listed' = taken from the provider's published client settings as collected in
// Thunderbird's ISPDB and not re-checked here. Rules act only on 'high' and 'medium' entries (a wrong 'listed'
// fact must not raise an error in someone's file); discovery uses every entry, and probes it when it may.

export type ProviderConfidence = 'high' | 'medium' | 'listed';

export interface ProviderEndpoint {
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
}

export interface ProviderFacts {
  /** Stable id (tests, JSON). */
  id: string;
  name: string;
  /** Submission host names this provider runs (rules match a configured host against them). */
  hosts: RegExp;
  /** Implicit TLS ports offered (empty = none). */
  implicit: number[];
  /** STARTTLS ports offered. */
  starttls: number[];
  /** Plaintext-only ports (local catchers). */
  plain?: number[];
  /** Refuses plaintext sessions entirely (Amazon SES). */
  requiresTls?: boolean;
  confidence: ProviderConfidence;
  /** E-mail domains whose mailboxes this provider hosts (me@gmail.com). */
  domains?: string[];
  /** MX host names that mean "this domain's mail is hosted here" (custom domains on Google Workspace ...). */
  mx?: RegExp;
  /** What a mail client should use, best first (discovery lists these as candidates). */
  submission?: ProviderEndpoint[];
  /** Said next to the candidates (app passwords, a local bridge ...). */
  note?: string;
  /** Where the facts come from (the provider's page; rules-research §5 keys in brackets). */
  sources: string[];
}

const ISPDB = (domain: string) => `Thunderbird ISPDB: https://autoconfig.thunderbird.net/v1.1/${domain}`;

function both(host: string, implicit = 465, starttls = 587): ProviderEndpoint[] {
  return [
    { host, port: implicit, tls: 'implicit' },
    { host, port: starttls, tls: 'starttls' },
  ];
}

export const PROVIDERS: readonly ProviderFacts[] = [
  {
    id: 'microsoft-365',
    name: 'Microsoft 365',
    hosts: /^smtp\.office365\.com$/,
    implicit: [],
    starttls: [587, 25],
    confidence: 'high',
    mx: /\.mail\.protection\.outlook\.com$/,
    submission: [{ host: 'smtp.office365.com', port: 587, tls: 'starttls' }],
    note: 'SMTP AUTH must be enabled for the mailbox; TLS 1.2 or later',
    sources: ['[MS365-SMTP] https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365'],
  },
  {
    id: 'outlook-com',
    name: 'Outlook.com',
    hosts: /^smtp-mail\.outlook\.com$/,
    implicit: [],
    starttls: [587],
    confidence: 'medium',
    domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com'],
    mx: /\.olc\.protection\.outlook\.com$/,
    submission: [{ host: 'smtp-mail.outlook.com', port: 587, tls: 'starttls' }],
    sources: ['[NM-WK] nodemailer lib/well-known/services.json (Hotmail)', ISPDB('outlook.com')],
  },
  {
    id: 'postmark',
    name: 'Postmark',
    hosts: /^smtp(-broadcasts)?\.postmarkapp\.com$/,
    implicit: [],
    starttls: [25, 587, 2525],
    confidence: 'high',
    submission: [
      { host: 'smtp.postmarkapp.com', port: 587, tls: 'starttls' },
      { host: 'smtp.postmarkapp.com', port: 2525, tls: 'starttls' },
    ],
    sources: ['[POSTMARK-PORTS] https://postmarkapp.com/support/article/811'],
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    hosts: /^smtp\.mail\.me\.com$/,
    implicit: [],
    starttls: [587],
    confidence: 'medium',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    mx: /\.mail\.icloud\.com$/,
    submission: [{ host: 'smtp.mail.me.com', port: 587, tls: 'starttls' }],
    note: 'needs an app-specific password',
    sources: ['[APPLE-SMTP] https://support.apple.com/en-us/102525'],
  },
  {
    id: 'amazon-ses',
    name: 'Amazon SES',
    hosts: /^email-smtp(-fips)?\.[a-z0-9-]+\.amazonaws\.com$/,
    implicit: [465, 2465],
    starttls: [25, 587, 2587],
    requiresTls: true,
    confidence: 'high',
    note: 'one endpoint per region: email-smtp.<region>.amazonaws.com; SMTP credentials are derived, not IAM keys',
    sources: ['[SES-CONNECT] https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html', '[SES-SECPROTO] https://docs.aws.amazon.com/ses/latest/dg/security-protocols.html'],
  },
  {
    id: 'gmail',
    name: 'Gmail',
    hosts: /^smtp\.gmail\.com$/,
    implicit: [465],
    starttls: [587],
    confidence: 'high',
    domains: ['gmail.com', 'googlemail.com'],
    // Google Workspace custom domains: aspmx.l.google.com, alt1.aspmx.l.google.com ..., and the newer smtp.google.com.
    mx: /(^|\.)google\.com$|(^|\.)googlemail\.com$/,
    submission: both('smtp.gmail.com'),
    note: 'needs an app password (2-Step Verification) or OAuth2',
    sources: ['[GOOGLE-SMTP] https://support.google.com/a/answer/176600', '[NM-WK] nodemailer lib/well-known/services.json (Gmail)'],
  },
  {
    id: 'google-relay',
    name: 'Google Workspace SMTP relay',
    hosts: /^smtp-relay\.gmail\.com$/,
    implicit: [465],
    starttls: [25, 587],
    confidence: 'medium',
    sources: ['[GOOGLE-SMTP] https://support.google.com/a/answer/176600'],
  },
  {
    id: 'sendgrid',
    name: 'SendGrid',
    hosts: /^smtp\.sendgrid\.net$/,
    implicit: [465],
    starttls: [25, 587, 2525],
    confidence: 'high',
    note: 'user name is literally "apikey", the password is the API key',
    sources: ['[SENDGRID-PORTS] https://www.twilio.com/docs/sendgrid/for-developers/sending-email/integrating-with-the-smtp-api'],
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    hosts: /^smtp(\.eu)?\.mailgun\.org$/,
    implicit: [465],
    starttls: [25, 587, 2525],
    confidence: 'high',
    note: 'US: smtp.mailgun.org, EU: smtp.eu.mailgun.org',
    sources: ['[MAILGUN-PORTS] https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp'],
  },
  {
    id: 'brevo',
    name: 'Brevo',
    hosts: /^smtp-relay\.(brevo|sendinblue)\.com$/,
    implicit: [465],
    starttls: [587, 2525],
    confidence: 'high',
    sources: ['[BREVO-SMTP] https://developers.brevo.com/docs/smtp-integration'],
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    hosts: /^smtp(pro)?\.zoho\.[a-z.]+$/,
    implicit: [465],
    starttls: [587],
    confidence: 'high',
    domains: ['zoho.com', 'zohomail.com'],
    mx: /^mx\d*\.zoho(mail)?\.(com|eu|in|com\.au|jp)$/,
    submission: both('smtp.zoho.com'),
    note: 'custom domains use smtppro.zoho.<region>; the region must match the account (zoho.eu, zoho.in ...)',
    sources: ['[ZOHO-SMTP] https://www.zoho.com/mail/help/zoho-smtp.html'],
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    hosts: /^smtp\.mail\.yahoo\.com$/,
    implicit: [465],
    starttls: [587],
    confidence: 'medium',
    domains: ['yahoo.com', 'ymail.com', 'rocketmail.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de'],
    mx: /\.yahoodns\.net$/,
    submission: both('smtp.mail.yahoo.com'),
    note: 'needs an app password',
    sources: ['[YAHOO-SMTP] Yahoo Help "IMAP server settings for Yahoo Mail"'],
  },
  {
    id: 'resend',
    name: 'Resend',
    hosts: /^smtp\.resend\.com$/,
    implicit: [465, 2465],
    starttls: [25, 587, 2587],
    confidence: 'high',
    note: 'user "resend", the password is the API key',
    sources: ['[RESEND-SMTP] https://resend.com/docs/send-with-smtp'],
  },
  {
    id: 'mailjet',
    name: 'Mailjet',
    hosts: /^in(-v3)?\.mailjet\.com$/,
    implicit: [465],
    starttls: [25, 587],
    confidence: 'medium',
    sources: ['[MAILJET-SMTP] Mailjet "SMTP and SEND API settings"'],
  },
  {
    id: 'fastmail',
    name: 'Fastmail',
    hosts: /^smtp\.fastmail\.com$/,
    implicit: [465],
    starttls: [587],
    confidence: 'medium',
    domains: ['fastmail.com', 'fastmail.fm'],
    mx: /\.messagingengine\.com$/,
    submission: both('smtp.fastmail.com'),
    note: 'needs an app password',
    sources: ['https://www.fastmail.help/hc/en-us/articles/1500000278342-Server-names-and-ports', ISPDB('fastmail.com')],
  },
  {
    id: 'mailtrap',
    name: 'Mailtrap',
    hosts: /^(live|bulk|sandbox)\.smtp\.mailtrap\.io$|^smtp\.mailtrap\.io$/,
    implicit: [],
    starttls: [25, 587, 2525],
    confidence: 'medium',
    sources: ['[NM-WK] nodemailer lib/well-known/services.json (Mailtrap)', '[MAILTRAP] Mailtrap help center'],
  },
  // Entries below come from the providers' published client settings (ISPDB); discovery only.
  {
    id: 'aol',
    name: 'AOL Mail',
    hosts: /^smtp\.aol\.com$/,
    implicit: [465],
    starttls: [587],
    confidence: 'listed',
    domains: ['aol.com', 'aim.com'],
    submission: both('smtp.aol.com'),
    note: 'needs an app password',
    sources: [ISPDB('aol.com')],
  },
  {
    id: 'proton-bridge',
    name: 'Proton Mail (Bridge)',
    hosts: /^smtp\.protonmail\.ch$/,
    implicit: [],
    starttls: [587],
    confidence: 'listed',
    domains: ['proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me'],
    mx: /(^|\.)protonmail\.ch$/,
    submission: [
      { host: '127.0.0.1', port: 1025, tls: 'starttls' },
      { host: 'smtp.protonmail.ch', port: 587, tls: 'starttls' },
    ],
    note: 'mailboxes send through Proton Mail Bridge running on this machine (127.0.0.1:1025, its own certificate); smtp.protonmail.ch takes SMTP tokens of business plans',
    sources: ['https://proton.me/support/imap-smtp-and-pop3-setup', 'https://proton.me/support/smtp-submission'],
  },
  {
    id: 'gmx',
    name: 'GMX',
    hosts: /^mail\.gmx\.(net|com)$/,
    implicit: [465],
    starttls: [587],
    confidence: 'listed',
    domains: ['gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'gmx.com'],
    mx: /^mx\d*\.gmx\.(net|com)$/,
    submission: both('mail.gmx.net'),
    sources: [ISPDB('gmx.net'), 'https://support.gmx.com/pop-imap/imap/server.html'],
  },
  {
    id: 'webde',
    name: 'WEB.DE',
    hosts: /^smtp\.web\.de$/,
    implicit: [],
    starttls: [587],
    confidence: 'listed',
    domains: ['web.de'],
    mx: /^mx\d*\.web\.de$/,
    submission: [{ host: 'smtp.web.de', port: 587, tls: 'starttls' }],
    sources: [ISPDB('web.de')],
  },
  {
    id: 'yandex',
    name: 'Yandex Mail',
    hosts: /^smtp\.yandex\.(com|ru)$/,
    implicit: [465],
    starttls: [587],
    confidence: 'listed',
    domains: ['yandex.ru', 'yandex.com', 'ya.ru'],
    mx: /^mx\.yandex\.(ru|net)$/,
    submission: both('smtp.yandex.com'),
    sources: [ISPDB('yandex.ru'), 'https://yandex.com/support/yandex-360/customers/mail/en/mail-clients/others'],
  },
  {
    id: 'mailru',
    name: 'Mail.ru',
    hosts: /^smtp\.mail\.ru$/,
    implicit: [465],
    starttls: [],
    confidence: 'listed',
    domains: ['mail.ru', 'inbox.ru', 'list.ru', 'bk.ru'],
    mx: /^mxs\.mail\.ru$/,
    submission: [{ host: 'smtp.mail.ru', port: 465, tls: 'implicit' }],
    sources: [ISPDB('mail.ru'), 'https://help.mail.ru/mail/mailer/popsmtp'],
  },
  {
    id: 'ovh',
    name: 'OVHcloud',
    hosts: /^ssl0\.ovh\.net$/,
    implicit: [465],
    starttls: [587],
    confidence: 'listed',
    mx: /\.mail\.ovh\.net$/,
    submission: both('ssl0.ovh.net'),
    sources: ['https://help.ovhcloud.com/csm/en-web-hosting-email-general-configuration?id=kb_article_view&sysparm_article=KB0053290'],
  },
  {
    id: 'ionos',
    name: 'IONOS',
    hosts: /^smtp\.ionos\.(com|de|co\.uk|fr|es)$/,
    implicit: [465],
    starttls: [587],
    confidence: 'listed',
    mx: /^mx\d*\.(ionos|kundenserver)\.(com|de)$/,
    submission: both('smtp.ionos.com'),
    note: 'German accounts use smtp.ionos.de',
    sources: ['https://www.ionos.com/help/email/general-topics/settings-for-your-email-programs-imap-pop3/'],
  },
  {
    id: 'godaddy',
    name: 'GoDaddy Workspace Email',
    hosts: /^smtpout\.secureserver\.net$/,
    implicit: [465],
    starttls: [587],
    confidence: 'listed',
    mx: /\.secureserver\.net$/,
    submission: both('smtpout.secureserver.net'),
    sources: ['https://www.godaddy.com/help/server-and-port-settings-for-workspace-email-6949'],
  },
  {
    id: 'hostinger',
    name: 'Hostinger',
    hosts: /^smtp\.hostinger\.com$/,
    implicit: [465],
    starttls: [587],
    confidence: 'listed',
    mx: /^mx\d*\.hostinger\.com$/,
    submission: both('smtp.hostinger.com'),
    sources: ['https://support.hostinger.com/en/articles/1583218-how-to-set-up-a-hostinger-email-on-an-email-client'],
  },
  {
    id: 'sparkpost',
    name: 'SparkPost',
    hosts: /^smtp(\.eu)?\.sparkpostmail\.com$/,
    implicit: [],
    starttls: [587, 2525],
    confidence: 'listed',
    note: 'user "SMTP_Injection", the password is an API key; EU: smtp.eu.sparkpostmail.com',
    sources: ['https://support.sparkpost.com/docs/getting-started/getting-started-sparkpost'],
  },
  {
    id: 'mandrill',
    name: 'Mandrill (Mailchimp Transactional)',
    hosts: /^smtp\.mandrillapp\.com$/,
    implicit: [465],
    starttls: [25, 587, 2525],
    confidence: 'listed',
    sources: ['https://mailchimp.com/developer/transactional/docs/smtp-integration/'],
  },
  {
    id: 'local-catcher',
    name: 'Local mail catcher (Mailpit, MailHog, MailDev)',
    hosts: /^(mailpit|mailhog|maildev|mailcatcher|smtp4dev)$/,
    implicit: [],
    starttls: [],
    plain: [1025],
    confidence: 'listed',
    note: 'development only: accepts anything on 1025 without TLS and delivers nowhere',
    sources: ['https://mailpit.axllent.org/docs/configuration/smtp/', 'https://github.com/mailhog/MailHog'],
  },
];

/** Facts the rules may act on (documented by the provider or well attested), by configured host. */
export function providerOf(host: string | undefined): ProviderFacts | undefined {
  if (!host) return undefined;
  const h = host.toLowerCase();
  return PROVIDERS.find((p) => p.confidence !== 'listed' && p.hosts.test(h));
}

/** Any entry (discovery), by configured host. */
export function anyProviderOf(host: string): ProviderFacts | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  return PROVIDERS.find((p) => p.hosts.test(h));
}

/** The provider hosting mailboxes of `domain` (me@gmail.com → Gmail). */
export function providerForDomain(domain: string): ProviderFacts | undefined {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return PROVIDERS.find((p) => p.domains?.includes(d));
}

/** The provider an MX host belongs to (aspmx.l.google.com → Gmail / Google Workspace). */
export function providerForMx(mxHost: string): ProviderFacts | undefined {
  const h = mxHost.toLowerCase().replace(/\.$/, '');
  return PROVIDERS.find((p) => p.mx?.test(h));
}
