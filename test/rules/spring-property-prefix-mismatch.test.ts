import { ruleTester } from './ruleTester';

const APP = 'src/main/resources/application.yml';
const smtps = 'spring:\n  mail:\n    host: smtp.gmail.com\n    protocol: smtps\n    username: me@example.com\n    password: ${MAIL_PASSWORD}\n';
const smtp = 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 587\n';

ruleTester('spring-property-prefix-mismatch', {
  valid: [
    { file: APP, code: smtps + '    properties:\n      mail:\n        smtps:\n          timeout: 10000\n          connectiontimeout: 10000\n' },
    { file: APP, code: smtp + '    properties:\n      mail.smtp.starttls.enable: true\n      mail.smtp.starttls.required: true\n' },
    // Default protocol is smtp: mail.smtp.* is right without spring.mail.protocol.
    { file: APP, code: smtp + '    properties:\n      "[mail.smtp.timeout]": 10000\n' },
    // A protocol decided at run time: nothing to compare.
    { file: APP, code: 'spring:\n  mail:\n    host: smtp.gmail.com\n    protocol: ${MAIL_PROTOCOL:smtp}\n    properties:\n      mail.smtps.timeout: 10000\n' },
    // Another transport's properties (imap) are not the SMTP transport's business.
    { file: APP, code: smtps + '    properties:\n      mail.imap.timeout: 10000\n' },
  ],
  invalid: [
    {
      name: 'protocol smtps with a nested mail.smtp map: one rename fixes every key of the map',
      file: APP,
      code: smtps + '    properties:\n      mail:\n        smtp:\n          timeout: 10000\n          ssl:\n            trust: smtp.gmail.com\n',
      errors: [
        {
          line: 10,
          column: 11,
          severity: 'warning',
          message: 'spring.mail.protocol is smtps, so JavaMail reads mail.smtps.* properties: mail.smtp.timeout is ignored and JavaMail keeps its default, which is to wait forever. Write it as mail.smtps.timeout.',
          related: [{ line: 4, message: 'the protocol in use: smtps' }],
          safe: [true],
          fixes: [smtps + '    properties:\n      mail:\n        smtps:\n          timeout: 10000\n          ssl:\n            trust: smtp.gmail.com\n'],
        },
        { line: 12, severity: 'warning', includes: ['mail.smtp.ssl.trust is ignored', 'default trust store'], safe: [false] },
      ],
    },
    {
      name: 'flat and bracketed keys are renamed in place',
      file: APP,
      code: smtps + '    properties:\n      mail.smtp.connectiontimeout: 5000\n      "[mail.smtp.writetimeout]": 5000\n',
      errors: [
        { line: 8, fixes: [smtps + '    properties:\n      mail.smtps.connectiontimeout: 5000\n      "[mail.smtp.writetimeout]": 5000\n'] },
        { line: 9, fixes: [smtps + '    properties:\n      mail.smtp.connectiontimeout: 5000\n      "[mail.smtps.writetimeout]": 5000\n'] },
      ],
    },
    {
      name: 'default protocol smtp with mail.smtps.* (STARTTLS settings lost)',
      file: APP,
      code: smtp + '    properties:\n      mail.smtps.starttls.enable: true\n',
      errors: [
        {
          line: 6,
          severity: 'warning',
          includes: ['spring.mail.protocol is not set (default smtp)', 'mail.smtps.starttls.enable is ignored', 'STARTTLS is not used'],
          related: [],
          safe: [false],
        },
      ],
      output: smtp + '    properties:\n      mail.smtp.starttls.enable: true\n',
    },
    {
      name: 'both prefixes written: the ignored copy is removed (the read one stays), related to it',
      file: APP,
      code: smtps + '    properties:\n      mail.smtps.timeout: 10000\n      mail.smtp.timeout: 3000\n',
      errors: [{ line: 9, related: [{ line: 4 }, { line: 8, message: /mail.smtps.timeout: the setting JavaMail reads/ }], includes: ['mail.smtps.timeout is set too'] }],
      output: smtps + '    properties:\n      mail.smtps.timeout: 10000\n',
    },
    {
      name: 'a nested smtp: map beside an existing smtps: map is moved key by key (no duplicate map key)',
      file: APP,
      code: smtps + '    properties:\n      mail:\n        smtps:\n          auth: true\n        smtp:\n          timeout: 10000\n',
      errors: [{ line: 12 }],
      output: smtps + '    properties:\n      mail:\n        smtps:\n          auth: true\n          timeout: 10000\n',
    },
    {
      name: 'ssl.enable under mail.smtp with smtps costs nothing: info',
      file: APP,
      code: smtps + '    properties:\n      mail.smtp.ssl.enable: true\n',
      errors: [{ line: 8, severity: 'info', includes: ['nothing is lost (smtps already uses implicit TLS)'] }],
    },
  ],
});
