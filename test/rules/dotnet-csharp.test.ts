// RuleTester tables for C# (rules-research-polyglot §7.1, §7.2, §11): MailKit Connect / ConnectAsync (enum and bool
// overloads), ServerCertificateValidationCallback, System.Net.Mail.SmtpClient (EnableSsl is STARTTLS only; port 465
// cannot work at all), ServicePointManager, configuration and environment reads. The research's must-stay-clean
// idioms are valid cases; each fix has its exact output.
import { ruleTester } from './ruleTester';

const MK = 'using MailKit.Net.Smtp;\nusing MailKit.Security;\n\nusing var client = new SmtpClient();\n';
const SNM = 'using System.Net;\nusing System.Net.Mail;\n\n';

ruleTester('implicit-tls-port-without-tls', {
  valid: [
    { file: 'src/Mailer.cs', code: MK + 'await client.ConnectAsync("smtp.example.com", 465, SecureSocketOptions.SslOnConnect);\n' },
    // Auto (or omitted): MailKit picks SslOnConnect on 465
    { file: 'src/Mailer.cs', code: MK + 'client.Connect("smtp.example.com", 465, SecureSocketOptions.Auto);\n' },
    { file: 'src/Mailer.cs', code: MK + 'client.Connect("smtp.example.com", 465);\n' },
    { file: 'src/Mailer.cs', code: MK + 'client.Connect("smtp.example.com", 465, true);\n' },
    // port-based ternaries and options from a config object: not followed
    { file: 'src/Mailer.cs', code: MK + 'client.Connect(host, port, port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls);\n' },
    { file: 'src/Mailer.cs', code: MK + 'client.Connect(_settings.Host, _settings.Port, _settings.Security);\n' },
    // a local catcher without TLS
    { file: 'src/Mailer.cs', code: MK + 'client.Connect("localhost", 1025, SecureSocketOptions.None);\n' },
    // the settings are in comments and strings only
    { file: 'src/Mailer.cs', code: MK + '// client.Connect("smtp.example.com", 465, SecureSocketOptions.StartTls);\nvar s = @"client.Connect(""h"", 465, SecureSocketOptions.None);";\n' },
    { file: 'src/Mailer.cs', code: SNM + 'var client = new SmtpClient("smtp.example.com", 587) { EnableSsl = true };\n' },
  ],
  invalid: [
    {
      name: 'MailKit: StartTls on 465 → SslOnConnect',
      file: 'src/Mailer.cs',
      code: MK + 'await client.ConnectAsync("smtp.example.com", 465, SecureSocketOptions.StartTls);\n',
      errors: [{ line: 5, column: 52, includes: ['SecureSocketOptions.StartTls', 'MailKit', '2 minutes'] }],
      output: MK + 'await client.ConnectAsync("smtp.example.com", 465, SecureSocketOptions.SslOnConnect);\n',
    },
    {
      name: 'MailKit: useSsl false on 465 means StartTlsWhenAvailable (MailService.cs L960) → the enum',
      file: 'src/Mailer.cs',
      code: MK + 'client.Connect("smtp.example.com", 465, false);\n',
      errors: [{ line: 5, includes: ['useSsl: false'] }],
      output: MK + 'client.Connect("smtp.example.com", 465, SecureSocketOptions.SslOnConnect);\n',
    },
    {
      name: 'MailKit: the port from a constant, named arguments, a fully qualified enum without a using',
      file: 'src/Mailer.cs',
      code: 'using MailKit.Net.Smtp;\n\nclass M {\n    const int SmtpPort = 465;\n    void Send(SmtpClient client) {\n        client.Connect(host: "smtp.example.com", port: SmtpPort, options: MailKit.Security.SecureSocketOptions.None);\n    }\n}\n',
      errors: [{ line: 6 }],
      output: 'using MailKit.Net.Smtp;\n\nclass M {\n    const int SmtpPort = 465;\n    void Send(SmtpClient client) {\n        client.Connect(host: "smtp.example.com", port: SmtpPort, options: MailKit.Security.SecureSocketOptions.SslOnConnect);\n    }\n}\n',
    },
    {
      name: 'System.Net.Mail: 465 with EnableSsl = true cannot work (no implicit TLS): the port fix says so',
      file: 'src/Mailer.cs',
      code: SNM + 'var client = new SmtpClient("smtp.example.com", 465)\n{\n    EnableSsl = true,\n};\n',
      errors: [{ line: 4, column: 49, includes: ['cannot speak implicit TLS at all', '100 s', 'whatever EnableSsl says', 'MailKit'], safe: [false], fixCount: 1 }],
      output: SNM + 'var client = new SmtpClient("smtp.example.com", 587)\n{\n    EnableSsl = true,\n};\n',
    },
    {
      name: 'System.Net.Mail: Port = 465 set after the constructor, EnableSsl absent (587 and EnableSsl = true)',
      file: 'src/Mailer.cs',
      code: SNM + 'var smtp = new SmtpClient("smtp.example.com");\nsmtp.Port = 465;\n',
      errors: [{ line: 5, includes: ['System.Net.Mail'] }],
      output: SNM + 'var smtp = new SmtpClient("smtp.example.com");\nsmtp.EnableSsl = true;\nsmtp.Port = 587;\n',
    },
  ],
});

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    { file: 'src/Mailer.cs', code: MK + 'client.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);\n' },
    { file: 'src/Mailer.cs', code: MK + 'client.Connect("smtp.example.com", 587, false);\n' },
  ],
  invalid: [
    {
      name: 'MailKit: Connect(h, 587, true) → SecureSocketOptions.StartTls (research §7.2(e))',
      file: 'src/Mailer.cs',
      code: MK + 'client.Connect("smtp.example.com", 587, true);\n',
      errors: [{ line: 5, includes: ['useSsl: true', 'SslHandshakeException'] }],
      output: MK + 'client.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);\n',
    },
    {
      name: 'MailKit: SslOnConnect on 587 with the port from Environment.GetEnvironmentVariable and its fallback',
      file: 'src/Mailer.cs',
      code: MK + 'var port = int.Parse(Environment.GetEnvironmentVariable("SMTP_PORT") ?? "587");\nclient.Connect("smtp.example.com", port, SecureSocketOptions.SslOnConnect);\n',
      errors: [{ line: 6 }],
      output: MK + 'var port = int.Parse(Environment.GetEnvironmentVariable("SMTP_PORT") ?? "587");\nclient.Connect("smtp.example.com", port, SecureSocketOptions.StartTls);\n',
    },
  ],
});

ruleTester('tls-verification-disabled', {
  valid: [
    // a callback that checks something
    { file: 'src/Mailer.cs', code: MK + 'client.ServerCertificateValidationCallback = (s, c, h, e) => e == SslPolicyErrors.None;\nclient.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);\n' },
  ],
  invalid: [
    {
      name: 'MailKit: a callback that accepts every certificate (the statement is removed)',
      file: 'src/Mailer.cs',
      code: MK + 'client.ServerCertificateValidationCallback = (s, c, h, e) => true;\nclient.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);\n',
      errors: [{ line: 5, column: 8, includes: ['ServerCertificateValidationCallback = (s, c, h, e) => true'] }],
      output: MK + 'client.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);\n',
    },
    {
      name: 'System.Net.Mail: the process-wide ServicePointManager callback',
      file: 'src/Mailer.cs',
      code: SNM + 'ServicePointManager.ServerCertificateValidationCallback = delegate { return true; };\nvar client = new SmtpClient("smtp.example.com", 587) { EnableSsl = true };\n',
      errors: [{ line: 4 }],
      output: SNM + 'var client = new SmtpClient("smtp.example.com", 587) { EnableSsl = true };\n',
    },
  ],
});

ruleTester('tls-disabled-with-credentials', {
  valid: [
    { file: 'src/Mailer.cs', code: SNM + 'var client = new SmtpClient("smtp.example.com", 587)\n{\n    EnableSsl = true,\n    Credentials = new NetworkCredential("me", pass),\n};\n' },
  ],
  invalid: [
    {
      name: 'System.Net.Mail: EnableSsl = false with credentials',
      file: 'src/Mailer.cs',
      code: SNM + 'var client = new SmtpClient("smtp.example.com", 587)\n{\n    EnableSsl = false,\n    Credentials = new NetworkCredential("me", pass),\n};\n',
      errors: [{ line: 6, includes: ['EnableSsl = false', 'System.Net.Mail'] }],
      output: SNM + 'var client = new SmtpClient("smtp.example.com", 587)\n{\n    EnableSsl = true,\n    Credentials = new NetworkCredential("me", pass),\n};\n',
    },
    {
      name: 'System.Net.Mail: EnableSsl never set (defaults to false): added after the last initializer member',
      file: 'src/Mailer.cs',
      code: SNM + 'var client = new SmtpClient("smtp.example.com", 587)\n{\n    Credentials = new NetworkCredential("me", pass),\n};\n',
      errors: [{ line: 6 }],
      output: SNM + 'var client = new SmtpClient("smtp.example.com", 587)\n{\n    Credentials = new NetworkCredential("me", pass),\n    EnableSsl = true,\n};\n',
    },
  ],
});

ruleTester('hardcoded-smtp-credentials', {
  valid: [
    { file: 'src/Mailer.cs', code: MK + 'client.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);\nclient.Authenticate(user, Environment.GetEnvironmentVariable("SMTP_PASS"));\n' },
    { file: 'src/Mailer.cs', code: SNM + 'var client = new SmtpClient("smtp.example.com", 587) { EnableSsl = true, Credentials = new NetworkCredential("me", config["Smtp:Password"]) };\n' },
  ],
  invalid: [
    {
      name: 'MailKit: Authenticate with a literal password',
      file: 'src/Mailer.cs',
      code: MK + 'client.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);\nclient.Authenticate("me@example.com", "Zx81wqPlm2Tr");\n',
      errors: [{ line: 6, includes: ['Configuration["Smtp:Password"]'] }],
      output: null,
    },
    {
      name: 'System.Net.Mail: NetworkCredential with a literal password',
      file: 'src/Mailer.cs',
      code: SNM + 'var client = new SmtpClient("smtp.example.com", 587) { EnableSsl = true, Credentials = new NetworkCredential("me", "hunter2hunter2") };\n',
      errors: [{ line: 4 }],
      output: null,
    },
  ],
});

ruleTester('cross-file-port-mode-mismatch', {
  valid: [
    { file: 'src/Mailer.cs', code: MK + 'client.Connect("smtp.example.com", int.Parse(config["Smtp:Port"]), SecureSocketOptions.Auto);\n', files: { '.env': 'Smtp__Port=465\n' } },
  ],
  invalid: [
    {
      name: 'Configuration["Smtp:Port"] overridden by Smtp__Port=465 in .env, StartTls in code → Auto',
      file: 'src/Mailer.cs',
      code: MK + 'client.Connect("smtp.example.com", int.Parse(config["Smtp:Port"]), SecureSocketOptions.StartTls);\n',
      files: { '.env': 'Smtp__Port=465\n' },
      errors: [{ line: 5, includes: ['Smtp__Port=465', 'SecureSocketOptions.StartTls'], related: [{ file: '.env', line: 1 }] }],
      output: MK + 'client.Connect("smtp.example.com", int.Parse(config["Smtp:Port"]), SecureSocketOptions.Auto);\n',
    },
    {
      name: 'System.Net.Mail: GetValue<int>("Smtp:Port") with SMTP__PORT=465 in .env cannot work',
      file: 'src/Mailer.cs',
      code: SNM + 'var client = new SmtpClient(host, configuration.GetValue<int>("Smtp:Port")) { EnableSsl = true };\n',
      files: { '.env': 'SMTP__PORT=465\n' },
      errors: [{ line: 4, includes: ['SMTP__PORT=465', 'cannot speak implicit TLS'] }],
      output: null,
    },
  ],
});
