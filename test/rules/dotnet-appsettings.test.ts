// RuleTester tables for .NET configuration files (rules-research-polyglot §7.3): SMTP sections of appsettings*.json
// (JSON with comments and trailing commas), case-insensitive keys, `Smtp__Port` environment overrides. Without the
// consuming code only the MailKit SecureSocketOptions names are unambiguous; EnableSsl alone stays silent.
import { ruleTester } from './ruleTester';

const mailkit = (port: number, option: string, more = '') =>
  `{\n  // SMTP for the notification service\n  "MailSettings": {\n    "Host": "smtp.example.com",\n    "Port": ${port},\n    "SecureSocketOptions": "${option}"${more}\n  },\n}\n`;

ruleTester('implicit-tls-port-without-tls', {
  valid: [
    { file: 'appsettings.json', code: mailkit(465, 'SslOnConnect') },
    // Auto: MailKit picks SslOnConnect on 465 [SmtpClient.cs ComputeDefaultValues]
    { file: 'appsettings.json', code: mailkit(465, 'Auto') },
    // enum names bind case-insensitively
    { file: 'appsettings.json', code: mailkit(465, 'sslonconnect') },
    // EnableSsl alone: its meaning depends on the consuming code (System.Net.Mail STARTTLS, MailKit implicit)
    { file: 'appsettings.json', code: '{\n  "Smtp": { "Host": "smtp.example.com", "Port": 465, "EnableSsl": false }\n}\n' },
    // not mail: a Redis section with a port
    { file: 'appsettings.json', code: '{\n  "Redis": { "Host": "cache", "Port": 465, "SecureSocketOptions": "StartTls" }\n}\n' },
    // other JSON is not read at all
    { file: 'config/mail.json', code: mailkit(465, 'StartTls') },
    { file: 'package.json', code: mailkit(465, 'StartTls') },
    // an environment override (Smtp__Port) moves the port to 587
    { file: 'appsettings.json', code: '{ "Smtp": { "Host": "smtp.example.com", "Port": 465, "SecureSocketOptions": "StartTls" } }\n', files: { '.env': 'SMTP__PORT=587\n' } },
  ],
  invalid: [
    {
      name: 'MailSettings: StartTls on 465 (the option is fixed in JSON)',
      file: 'appsettings.json',
      code: mailkit(465, 'StartTls'),
      errors: [{ line: 6, column: 6, includes: ['"SecureSocketOptions": "StartTls"', 'MailKit', '2 minutes'] }],
      output: mailkit(465, 'SslOnConnect'),
    },
    {
      name: 'keys in any case, nested section Email:Smtp, trailing commas and comments',
      file: 'src/Api/appsettings.Production.json',
      code: '{\n  "Email": {\n    /* relay */\n    "smtp": {\n      "server": "smtp.example.com",\n      "PORT": "465",\n      "securesocketoptions": "None",\n    },\n  },\n}\n',
      errors: [{ line: 7 }],
      output: '{\n  "Email": {\n    /* relay */\n    "smtp": {\n      "server": "smtp.example.com",\n      "PORT": "465",\n      "securesocketoptions": "SslOnConnect",\n    },\n  },\n}\n',
    },
  ],
});

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    { file: 'appsettings.json', code: mailkit(587, 'StartTls') },
    { file: 'appsettings.json', code: mailkit(587, 'Auto') },
  ],
  invalid: [
    {
      name: 'SslOnConnect on 587',
      file: 'appsettings.json',
      code: mailkit(587, 'SslOnConnect'),
      errors: [{ line: 6, includes: ['SslHandshakeException'] }],
      output: mailkit(587, 'StartTls'),
    },
  ],
});

ruleTester('hardcoded-smtp-credentials', {
  valid: [
    { file: 'appsettings.json', code: mailkit(587, 'StartTls', ',\n    "Username": "apikey",\n    "Password": ""') },
    { file: 'appsettings.json', code: mailkit(587, 'StartTls', ',\n    "Username": "apikey",\n    "Password": "<your-password>"') },
    // User Secrets (secrets.json) is where a development password belongs
    { file: 'secrets.json', code: mailkit(587, 'StartTls', ',\n    "Username": "apikey",\n    "Password": "Zx81wqPlm2Tr"') },
  ],
  invalid: [
    {
      name: 'a literal password in appsettings.json',
      file: 'appsettings.json',
      code: mailkit(587, 'StartTls', ',\n    "Username": "apikey",\n    "Password": "Zx81wqPlm2Tr"'),
      errors: [{ line: 8, column: 6, severity: 'warning', includes: ['user-secrets set "MailSettings:Password"', 'MailSettings__Password'] }],
      output: null,
    },
  ],
});

ruleTester('cross-file-port-mode-mismatch', {
  valid: [
    { file: 'appsettings.json', code: '{ "Smtp": { "Host": "smtp.example.com", "Port": 587, "SecureSocketOptions": "Auto" } }\n', files: { '.env': 'Smtp__Port=465\n' } },
    { file: 'appsettings.json', code: '{ "Smtp": { "Host": "smtp.example.com", "Port": 587, "SecureSocketOptions": "StartTls" } }\n', files: { '.env': 'Smtp__Port=2525\n' } },
  ],
  invalid: [
    {
      name: 'an environment override Smtp__Port=465 reaches the section: the option becomes Auto',
      file: 'appsettings.json',
      code: '{ "Smtp": { "Host": "smtp.example.com", "Port": 587, "SecureSocketOptions": "StartTls" } }\n',
      files: { '.env': 'Smtp__Port=465\n' },
      errors: [{ line: 1, includes: ['Smtp__Port=465', '"SecureSocketOptions": "StartTls"'], related: [{ file: '.env', line: 1 }], safe: [true, false] }],
      output: '{ "Smtp": { "Host": "smtp.example.com", "Port": 587, "SecureSocketOptions": "Auto" } }\n',
    },
    {
      name: 'upper-case override SMTP__PORT=587 with SslOnConnect',
      file: 'appsettings.json',
      code: '{ "Smtp": { "Host": "smtp.example.com", "Port": 465, "SecureSocketOptions": "SslOnConnect" } }\n',
      files: { '.env': 'SMTP__PORT=587\n' },
      errors: [{ line: 1, includes: ['SMTP__PORT=587'] }],
      output: '{ "Smtp": { "Host": "smtp.example.com", "Port": 465, "SecureSocketOptions": "Auto" } }\n',
    },
  ],
});
