import { ruleTester } from './ruleTester';

const GITEA = '[mailer]\nENABLED = true\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\nUSER = gitea@example.com\n';
const GRAFANA = '[smtp]\nenabled = true\nhost = smtp.example.com:587\nuser = grafana@example.com\n';

ruleTester('ini-value-truncated-by-comment', {
  valid: [
    // the documented workarounds: backticks (Gitea docs) and triple quotes (Grafana sample.ini)
    { file: 'custom/conf/app.ini', code: GITEA + 'PASSWD = `Zx81wq#Plm2Tr`\n' },
    { file: 'custom/conf/app.ini', code: GITEA + 'PASSWD = """Zx81wq;Plm2Tr"""\n' },
    { file: 'grafana.ini', code: GRAFANA + 'password = """hunter2#hunter2"""\n' },
    // a comment after whitespace is a comment
    { file: 'custom/conf/app.ini', code: GITEA + 'PASSWD = Zx81wqPlm2Tr ; rotated 2024-05\n' },
    { file: 'grafana.ini', code: GRAFANA + 'from_name = Grafana   # shown in the From header\n' },
    // Grafana's shipped grafana.ini: every setting commented out with ';'
    { file: 'grafana.ini', code: '[smtp]\n;enabled = false\n;host = localhost:25\n;password = """#password;"""\n;skip_verify = false\n' },
    // decoys: a database password in the same app.ini, an [smtp] section of another app (it has a port key)
    { file: 'custom/conf/app.ini', code: '[database]\nDB_TYPE = postgres\nPASSWD = db#pass\n\n' + GITEA + 'PASSWD = `x`\n' },
    { file: 'config.ini', code: '[smtp]\nhost = smtp.example.com\nport = 587\npassword = abc#def\n' },
    // the env form keeps every character (dotenv reads `abc#123` whole)
    { file: '.env', code: 'GITEA__mailer__SMTP_ADDR=smtp.example.com\nGITEA__mailer__SMTP_PORT=465\nGITEA__mailer__PASSWD=Zx81wq#Plm2Tr\n' },
  ],
  invalid: [
    {
      name: 'Gitea PASSWD with # inside: backticks (safe), triple quotes',
      file: 'custom/conf/app.ini',
      code: GITEA + 'PASSWD = Zx81wq#Plm2Tr\n',
      errors: [
        {
          line: 7,
          column: 1,
          endColumn: 23,
          severity: 'warning',
          message:
            'The # in PASSWD starts an inline comment for go-ini, so Gitea reads only the characters before the # (6 of 13): SMTP AUTH fails with 535 (authentication failed). Wrap the value in backticks or triple quotes (double quotes do not protect it).',
          safe: [true, false],
          fixes: [GITEA + 'PASSWD = `Zx81wq#Plm2Tr`\n', GITEA + 'PASSWD = """Zx81wq#Plm2Tr"""\n'],
        },
      ],
      output: GITEA + 'PASSWD = `Zx81wq#Plm2Tr`\n',
    },
    {
      name: 'Grafana password in double quotes: the quotes do not protect it; triple quotes replace them',
      file: 'grafana.ini',
      code: GRAFANA + 'password = "hunter2;hunter2"\n',
      errors: [
        {
          line: 5,
          message: /^The ; in password starts an inline comment for go-ini, so Grafana reads only the characters before the ; \(8 of 17\)/,
          safe: [true, false],
          fixes: [GRAFANA + 'password = """hunter2;hunter2"""\n', GRAFANA + 'password = `hunter2;hunter2`\n'],
        },
      ],
      output: GRAFANA + 'password = """hunter2;hunter2"""\n',
    },
    {
      name: 'a real comment after the cut value: the fix wraps only the value and is not safe when unsure',
      file: 'custom/conf/app.ini',
      code: GITEA + 'PASSWD = Zx81#wq Plm2Tr ; note\n',
      errors: [{ line: 7, safe: [false, false], fixes: [GITEA + 'PASSWD = `Zx81#wq Plm2Tr` ; note\n'] }],
    },
    {
      name: 'a non-secret value is shown as read',
      file: 'custom/conf/app.ini',
      code: '[mailer]\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\nFROM = Gitea<gitea@example.com>;ops@example.com\n',
      errors: [{ line: 5, includes: ['Gitea reads "Gitea<gitea@example.com>" instead of "Gitea<gitea@example.com>;ops@example.com"'] }],
      output: '[mailer]\nPROTOCOL = smtps\nSMTP_ADDR = smtp.example.com\nSMTP_PORT = 465\nFROM = `Gitea<gitea@example.com>;ops@example.com`\n',
    },
    {
      name: 'a value holding a backtick: triple quotes only',
      file: 'custom/conf/app.ini',
      code: GITEA + 'PASSWD = Zx8`1wq#Plm2Tr\r\n',
      errors: [{ line: 7, fixCount: 1, fixes: [GITEA + 'PASSWD = """Zx8`1wq#Plm2Tr"""\r\n'] }],
    },
  ],
});
