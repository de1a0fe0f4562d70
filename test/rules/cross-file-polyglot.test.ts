// Cross-file values in Spring .properties, Java, Go, Ruby and .NET (issue 13): the workspace's .env values reach
// `${SMTP_PORT:587}` placeholders, System.getenv, os.Getenv, ENV.fetch, Configuration["Smtp:Port"] and the `Smtp__Port`
// override of appsettings.json, as they reach process.env in JS. Each invalid case is clean without the .env file
// (the same code, no files): the finding exists only through the cross-file value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, ruleTester, type InvalidCase } from './ruleTester';

const RULE = 'cross-file-port-mode-mismatch';

const invalid: InvalidCase[] = [
  {
    name: 'Spring application.properties: ${SMTP_PORT:587} with STARTTLS properties, .env SMTP_PORT=465',
    file: 'src/main/resources/application.properties',
    code: 'spring.mail.host=smtp.example.com\nspring.mail.port=${SMTP_PORT:587}\nspring.mail.properties.mail.smtp.starttls.enable=true\nspring.mail.properties.mail.smtp.starttls.required=true\n',
    files: { '.env': 'SMTP_PORT=465\n' },
    errors: [{ line: 3, includes: ['SMTP_PORT=465'], related: [{ file: '.env', line: 1 }] }],
    // both STARTTLS lines go and ssl.enable takes their place (the insert used to fall inside the merged removal)
    output: 'spring.mail.host=smtp.example.com\nspring.mail.port=${SMTP_PORT:587}\nspring.mail.properties.mail.smtp.ssl.enable=true\n',
  },
  {
    name: 'Spring application.yml: port ${SMTP_PORT:587} with STARTTLS properties, .env SMTP_PORT=465',
    file: 'src/main/resources/application.yml',
    code: 'spring:\n  mail:\n    host: smtp.example.com\n    port: ${SMTP_PORT:587}\n    properties:\n      mail.smtp.starttls.enable: true\n      mail.smtp.connectiontimeout: 10000\n      mail.smtp.timeout: 10000\n',
    files: { '.env': 'SMTP_PORT=465\n' },
    errors: [{ line: 6, includes: ['SMTP_PORT=465'], related: [{ file: '.env', line: 1 }] }],
    output: 'spring:\n  mail:\n    host: smtp.example.com\n    port: ${SMTP_PORT:587}\n    properties:\n      mail.smtp.ssl.enable: true\n      mail.smtp.connectiontimeout: 10000\n      mail.smtp.timeout: 10000\n',
  },
  {
    name: 'Java: System.getenv("SMTP_PORT") with starttls.enable, .env SMTP_PORT=465',
    file: 'src/main/java/com/example/Mailer.java',
    code: 'package com.example;\nimport java.util.Properties;\nimport jakarta.mail.*;\nclass Mailer {\n  Session s() {\n    Properties props = new Properties();\n    props.put("mail.smtp.host", "smtp.example.com");\n    props.put("mail.smtp.port", System.getenv("SMTP_PORT"));\n    props.put("mail.smtp.starttls.enable", "true");\n    return Session.getInstance(props);\n  }\n}\n',
    files: { '.env': 'SMTP_PORT=465\n' },
    errors: [{ line: 9, includes: ['SMTP_PORT=465'], related: [{ file: '.env', line: 1 }] }],
  },
  {
    name: 'Go: strconv.Atoi(os.Getenv("SMTP_PORT")) with gomail d.SSL = true, .env SMTP_PORT=587',
    file: 'mailer.go',
    code: 'package main\n\nimport (\n\t"os"\n\t"strconv"\n\n\t"gopkg.in/gomail.v2"\n)\n\nfunc send(user, pass string) {\n\tport, _ := strconv.Atoi(os.Getenv("SMTP_PORT"))\n\td := gomail.NewDialer("smtp.example.com", port, user, pass)\n\td.SSL = true\n\t_ = d\n}\n',
    files: { '.env': 'SMTP_PORT=587\n' },
    errors: [{ line: 13, includes: ['SMTP_PORT=587', 'd.SSL = true'], related: [{ file: '.env', line: 1 }] }],
  },
  {
    name: "Ruby: ENV.fetch('SMTP_PORT', 587).to_i with enable_starttls, .env SMTP_PORT=465",
    file: 'config/environments/production.rb',
    code: "Rails.application.configure do\n  config.action_mailer.smtp_settings = {\n    address: 'smtp.example.com',\n    port: ENV.fetch('SMTP_PORT', 587).to_i,\n    enable_starttls: true,\n  }\nend\n",
    files: { '.env': 'SMTP_PORT=465\n' },
    errors: [{ line: 5, includes: ['SMTP_PORT=465', 'enable_starttls'], related: [{ file: '.env', line: 1 }] }],
  },
  {
    name: 'C# MailKit: Configuration["Smtp:Port"] with StartTls, .env Smtp__Port=465',
    file: 'src/Mailer.cs',
    code: 'using MailKit.Net.Smtp;\nusing MailKit.Security;\nclass M { void S(SmtpClient client, IConfiguration Configuration) {\n  client.Connect(Configuration["Smtp:Host"], int.Parse(Configuration["Smtp:Port"]), SecureSocketOptions.StartTls);\n} }\n',
    files: { '.env': 'Smtp__Port=465\n' },
    errors: [{ line: 4, includes: ['Smtp__Port=465'] }],
  },
  {
    name: 'appsettings.json: "Port": 587 with "StartTls", overridden by .env Smtp__Port=465',
    file: 'appsettings.json',
    code: '{ "Smtp": { "Host": "smtp.example.com", "Port": 587, "SecureSocketOptions": "StartTls" } }\n',
    files: { '.env': 'Smtp__Port=465\n' },
    errors: [{ line: 1, includes: ['Smtp__Port=465'] }],
  },
];

ruleTester(RULE, { valid: invalid.map(({ file, code }) => ({ file, code })), invalid });

test('each case is reported only through its .env value', () => {
  for (const c of invalid) assert.equal(findingsOf(RULE, { file: c.file, code: c.code }).mine.length, 0, c.name);
});
