import { ruleTester } from './ruleTester';

const APP = 'src/main/resources/application.yml';
const head = 'spring:\n  mail:\n    host: smtp.gmail.com\n    port: 587\n    username: me@example.com\n    password: ${MAIL_PASSWORD}\n';

ruleTester('spring-mail-property-ignored', {
  valid: [
    // The spelling Spring passes to JavaMail, nested and flat.
    { file: APP, code: head + '    properties:\n      mail:\n        smtp:\n          auth: true\n          starttls:\n            enable: true\n            required: true\n' },
    { file: APP, code: head + '    properties:\n      mail.smtp.starttls.enable: true\n      "[mail.smtp.timeout]": 10000\n      mail.debug: false\n' },
    // MailProperties' own fields, including ssl.* and relaxed spellings.
    { file: APP, code: head + '    protocol: smtp\n    default-encoding: UTF-8\n    test-connection: false\n    ssl:\n      enabled: false\n      verify-hostname: true\n' },
    // A top-level mail: block outside a Spring config file name is some other tool's.
    { file: 'deploy/values.yml', code: 'mail:\n  smtp:\n    starttls:\n      enable: true\n' },
    // A project's own mail.* keys (host/from) are not JavaMail names.
    { file: APP, code: head + 'mail:\n  from: noreply@example.com\n  host: smtp.example.com\n' },
    // The project binds the prefix itself: @ConfigurationProperties("mail") in Java, @Value in Kotlin.
    {
      name: 'top-level mail.smtp.* bound by a @ConfigurationProperties("mail") class',
      file: APP,
      code: head + 'mail:\n  smtp:\n    starttls:\n      enable: true\n',
      files: { 'src/main/java/com/example/MailConfig.java': 'package com.example;\n\n@ConfigurationProperties(prefix = "mail")\npublic class MailConfig {\n  private Smtp smtp;\n}\n' },
    },
    {
      name: 'top-level mail.smtp.* read with @Value in Kotlin',
      file: APP,
      code: head + 'mail:\n  smtp:\n    timeout: 5000\n',
      files: { 'src/main/kotlin/Mailer.kt': 'class Mailer(@Value("\\${mail.smtp.timeout:10000}") val timeout: Int)\n' },
    },
  ],
  invalid: [
    {
      name: 'spring.mail.smtp.starttls.enable (not a MailProperties field): moved under spring.mail.properties.mail.smtp',
      file: APP,
      code: head + '    properties:\n      mail:\n        smtp:\n          auth: true\n    smtp:\n      starttls:\n        enable: true\n',
      errors: [
        {
          line: 13,
          column: 9,
          severity: 'warning',
          message:
            'spring.mail.smtp.starttls.enable is never read: Spring Boot\'s MailProperties has no such field and unknown keys under spring.mail are dropped without an error, so JavaMail never sees mail.smtp.starttls.enable and STARTTLS is not used: the session (and AUTH) stays in clear text, or the server refuses with "530 Must issue a STARTTLS command first". Write it as spring.mail.properties.mail.smtp.starttls.enable.',
          safe: [false, true],
          fixes: [
            head + '    properties:\n      mail:\n        smtp:\n          auth: true\n          starttls.enable: true\n',
            head + '    properties:\n      mail:\n        smtp:\n          auth: true\n',
          ],
        },
      ],
    },
    {
      name: 'spring.mail.properties.smtp.* (JavaMail is asked for mail.smtp.*, never smtp.*)',
      file: APP,
      code: head + '    properties:\n      smtp.starttls.required: true\n      mail.smtp.auth: true\n',
      errors: [
        {
          line: 8,
          severity: 'warning',
          includes: ['JavaMail only asks for names that start with mail.', 'STARTTLS is not required', 'Write it as spring.mail.properties.mail.smtp.starttls.required'],
        },
      ],
      output: head + '    properties:\n      mail.smtp.auth: true\n      mail.smtp.starttls.required: true\n',
    },
    {
      name: 'top-level mail.smtp.* in application.yml: warning for STARTTLS, info for the timeout; related to the key Spring reads',
      file: 'src/main/resources/application-prod.yml',
      code: head + '    properties:\n      mail.smtp.starttls.enable: true\nmail:\n  smtp:\n    starttls:\n      enable: true\n    connectiontimeout: 5000\n',
      errors: [
        {
          line: 12,
          severity: 'warning',
          includes: ['nothing in Spring Boot binds a top-level mail.* key', 'spring.mail.properties.mail.smtp.starttls.enable is set too'],
          related: [{ line: 8, message: /the setting Spring passes to JavaMail/ }],
          safe: [true],
          fixCount: 1,
          fixes: [head + '    properties:\n      mail.smtp.starttls.enable: true\nmail:\n  smtp:\n    connectiontimeout: 5000\n'],
        },
        {
          line: 13,
          severity: 'info',
          includes: ['mail.smtp.connectiontimeout is never read', 'wait forever'],
          safe: [true, true],
          fixes: [
            head + '    properties:\n      mail.smtp.starttls.enable: true\n      mail.smtp.connectiontimeout: 5000\nmail:\n  smtp:\n    starttls:\n      enable: true\n',
          ],
        },
      ],
    },
    {
      name: 'ssl.trust written where nothing reads it: removing it is the safe preferred fix (moving it would trust every host)',
      file: APP,
      code: head + '    smtp:\n      ssl:\n        trust: "*"\n',
      errors: [{ line: 9, severity: 'warning', includes: ['the trust setting has no effect'], safe: [true, false] }],
      output: head,
    },
    {
      name: 'debug under spring.mail and spring.mail.properties: info, removed (moving it would log the session)',
      file: APP,
      code: head + '    debug: true\n    properties:\n      debug: true\n      mail.smtp.auth: true\n',
      errors: [
        { line: 7, severity: 'info', includes: ['JavaMail never sees mail.debug', 'Write it as spring.mail.properties.mail.debug'], safe: [true, false] },
        { line: 9, severity: 'info', safe: [true, false] },
      ],
      output: head + '    properties:\n      debug: true\n      mail.smtp.auth: true\n',
    },
    {
      name: 'protocol smtps: a spring.mail.smtp.* key is meant as mail.smtps.*',
      file: APP,
      code: 'spring:\n  mail:\n    host: smtp.gmail.com\n    protocol: smtps\n    properties.mail.smtps.auth: true\n    smtp.timeout: 5000\n',
      errors: [{ line: 6, severity: 'info', includes: ['JavaMail never sees mail.smtps.timeout'] }],
      output: 'spring:\n  mail:\n    host: smtp.gmail.com\n    protocol: smtps\n    properties.mail.smtps.auth: true\n    properties.mail.smtps.timeout: 5000\n',
    },
    {
      name: 'a @ConfigurationProperties class with another prefix does not silence mail.smtp.*',
      file: APP,
      code: head + 'mail:\n  smtp:\n    starttls.enable: true\n',
      files: { 'src/main/java/com/example/AppProps.java': '@ConfigurationProperties("app.mail")\npublic class AppProps {}\n' },
      errors: [{ line: 9, severity: 'warning' }],
    },
    {
      name: 'a binding in another module of a monorepo does not silence this application\'s keys',
      file: 'billing/src/main/resources/application.yml',
      code: head + 'mail:\n  smtp:\n    starttls.enable: true\n',
      files: { 'notifications/src/main/java/com/example/MailConfig.java': '@ConfigurationProperties("mail")\npublic class MailConfig {}\n' },
      errors: [{ line: 9, severity: 'warning' }],
    },
    {
      name: 'environment form: SPRING_MAIL_SMTP_STARTTLS_ENABLE is not bound either',
      file: 'docker-compose.yml',
      code: 'services:\n  api:\n    image: example/api:1.0\n    environment:\n      SPRING_MAIL_HOST: smtp.gmail.com\n      SPRING_MAIL_PORT: 587\n      SPRING_MAIL_SMTP_STARTTLS_ENABLE: "true"\n',
      errors: [{ line: 7, severity: 'warning', includes: ['Write it as spring.mail.properties.mail.smtp.starttls.enable'] }],
      output: 'services:\n  api:\n    image: example/api:1.0\n    environment:\n      SPRING_MAIL_HOST: smtp.gmail.com\n      SPRING_MAIL_PORT: 587\n      SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE: "true"\n',
    },
  ],
});
