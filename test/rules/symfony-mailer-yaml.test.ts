// Symfony Mailer DSNs in config/packages/mailer.yaml: the MAILER_DSN rules with ranges in the YAML and fixes
// written in the YAML scalar; `%env(MAILER_DSN)%` references are clean (their .env line is reported instead).
import { ruleTester } from './ruleTester';

const FILE = 'config/packages/mailer.yaml';
const ENV_BAD = { '.env': 'MAILER_DSN=smtps://user:pass@smtp.example.com:587?verify_peer=0\n' };

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    { file: FILE, code: "framework:\n  mailer:\n    dsn: 'smtps://user:pass@smtp.example.com:465'\n" },
    { file: FILE, code: "framework:\n  mailer:\n    dsn: 'smtp://user:pass@smtp.example.com:587'\n" },
    // the .env line is wrong, and reported there: the reference is clean
    { file: FILE, code: "framework:\n  mailer:\n    dsn: '%env(MAILER_DSN)%'\n", files: ENV_BAD },
    { file: 'config/packages/prod/mailer.yaml', code: "framework:\n  mailer:\n    dsn: '%env(resolve:MAILER_DSN)%'\n", files: ENV_BAD },
    { file: FILE, code: "when@test:\n  framework:\n    mailer:\n      dsn: 'null://null'\n" },
  ],
  invalid: [
    {
      name: 'smtps:// on 587 in mailer.yaml: the fix edits the scheme inside the YAML string',
      file: FILE,
      code: "framework:\n    mailer:\n        dsn: 'smtps://user:pass@smtp.example.com:587'\n",
      errors: [{ line: 3, column: 15, endColumn: 20, severity: 'error', includes: ['smtps:// scheme makes Symfony Mailer start a TLS handshake'] }],
      output: "framework:\n    mailer:\n        dsn: 'smtp://user:pass@smtp.example.com:587?require_tls=true'\n",
    },
    {
      name: 'a transport under when@prod',
      file: FILE,
      code: 'when@prod:\n  framework:\n    mailer:\n      transports:\n        main: smtps://smtp.example.com:587\n',
      errors: [{ line: 5, column: 15, endColumn: 20 }],
    },
  ],
});

ruleTester('tls-verification-disabled', {
  valid: [{ file: FILE, code: "framework:\n  mailer:\n    dsn: '%env(MAILER_DSN)%'\n", files: ENV_BAD }],
  invalid: [
    {
      file: 'config/packages/prod/mailer.yaml',
      code: 'framework:\n  mailer:\n    dsn: smtp://smtp.example.com:587?verify_peer=false\n',
      errors: [{ line: 3, column: 50, endColumn: 55, severity: 'warning', includes: ['verify_peer=false in the URL'], safe: [false] }],
      output: 'framework:\n  mailer:\n    dsn: smtp://smtp.example.com:587\n',
    },
  ],
});

ruleTester('symfony-dsn-port-implicit', {
  valid: [
    { file: FILE, code: "framework:\n  mailer:\n    dsn: 'smtp://user:pass@smtp.example.com:587'\n" },
    { file: FILE, code: "framework:\n  mailer:\n    dsn: '%env(MAILER_DSN)%'\n", files: { '.env': 'MAILER_DSN=smtp://user:pass@smtp.example.com\n' } },
  ],
  invalid: [
    {
      file: FILE,
      code: "framework:\n  mailer:\n    dsn: 'smtp://user:pass@smtp.example.com'\n",
      errors: [{ line: 3, includes: ['framework.mailer.dsn has no port'], safe: [true, false] }],
      output: "framework:\n  mailer:\n    dsn: 'smtps://user:pass@smtp.example.com:465'\n",
    },
  ],
});

ruleTester('hardcoded-smtp-credentials', {
  valid: [
    { file: FILE, code: "framework:\n  mailer:\n    dsn: '%env(MAILER_DSN)%'\n" },
    { file: FILE, code: "framework:\n  mailer:\n    dsn: 'smtp://%env(MAILER_USER)%:%env(MAILER_PASSWORD)%@smtp.example.com:465'\n" },
  ],
  invalid: [
    {
      file: FILE,
      code: 'framework:\n  mailer:\n    dsn: smtp://user:Zx81wqPlm2Tr@smtp.example.com:465\n',
      errors: [{ line: 3, severity: 'warning', includes: ['%env(MAILER_DSN)%', 'secrets:set MAILER_DSN'], safe: [false] }],
      output: 'framework:\n  mailer:\n    dsn: "%env(MAILER_DSN)%"\n',
    },
    {
      file: FILE,
      code: "framework:\n  mailer:\n    transports:\n      backup: 'smtps://user:Zx81wqPlm2Tr@smtp.example.com:465'\n",
      errors: [{ line: 4, includes: ['%env(MAILER_DSN_BACKUP)%'] }],
      output: "framework:\n  mailer:\n    transports:\n      backup: '%env(MAILER_DSN_BACKUP)%'\n",
    },
  ],
});
