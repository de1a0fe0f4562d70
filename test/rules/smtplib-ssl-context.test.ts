// smtplib with an ssl.SSLContext built in the same function (rules-research-polyglot §4.1(d); CPython Lib/ssl.py,
// semantics/smtplib.ts pythonSslContext): an unverifying or TLS 1.0/1.1 context passed as context= is reported where
// it is turned off, with the edit that makes it verify; a verifying context, one built by a helper or one that belongs
// to another function stays clean.
import { ruleTester } from './ruleTester';

const HEAD = 'import smtplib\nimport ssl\n\n\ndef send(user, password):\n';
const SEND = (body: string) => `${HEAD}${body}    with smtplib.SMTP_SSL('smtp.example.com', 465, context=ctx, timeout=10) as s:\n        s.login(user, password)\n`;
const STARTTLS = (body: string) => `${HEAD}${body}    with smtplib.SMTP('smtp.example.com', 587, timeout=10) as s:\n        s.starttls(context=ctx)\n        s.login(user, password)\n`;

ruleTester('tls-verification-disabled', {
  valid: [
    { file: 'mailer.py', code: SEND('    ctx = ssl.create_default_context()\n') },
    { file: 'mailer.py', code: STARTTLS("    ctx = ssl.create_default_context(cafile='/etc/ssl/private-ca.pem')\n") },
    { file: 'mailer.py', code: SEND('    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n    ctx.load_default_certs()\n') },
    // SSLContext(PROTOCOL_TLS) starts at CERT_NONE; CERT_REQUIRED and check_hostname turn both checks back on
    { file: 'mailer.py', code: SEND("    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\n    ctx.verify_mode = ssl.CERT_REQUIRED\n    ctx.check_hostname = True\n    ctx.load_verify_locations('/etc/ssl/ca.pem')\n") },
    // check_hostname = True also sets CERT_REQUIRED (Python 3.7+)
    { file: 'mailer.py', code: SEND('    ctx = ssl._create_unverified_context()\n    ctx.check_hostname = True\n') },
    // the unverified context's own arguments turn verification on: not guessed
    { file: 'mailer.py', code: SEND('    ctx = ssl._create_unverified_context(cert_reqs=ssl.CERT_REQUIRED, check_hostname=True)\n') },
    // built by a helper (here or in another module), or a parameter: not followed, no guess
    { file: 'mailer.py', code: 'from .tls import make_context\n' + SEND('    ctx = make_context()\n') },
    { file: 'mailer.py', code: "import smtplib\n\n\ndef send(ctx, user, password):\n    with smtplib.SMTP_SSL('smtp.example.com', 465, context=ctx, timeout=10) as s:\n        s.login(user, password)\n" },
    { file: 'mailer.py', code: SEND('    ctx = ssl.SSLContext(protocol)\n') },
    // the unverified context belongs to another function (an HTTP fetch), not to the one that sends mail
    { file: 'mailer.py', code: 'import urllib.request\nimport ssl\n\n\ndef ping(url):\n    ctx = ssl._create_unverified_context()\n    return urllib.request.urlopen(url, context=ctx)\n\n\n' + SEND('    ctx = ssl.create_default_context()\n') },
    // set after the call: it does not change the context the call used
    { file: 'mailer.py', code: `${HEAD}    ctx = ssl.create_default_context()\n    s = smtplib.SMTP_SSL('smtp.example.com', 465, context=ctx, timeout=10)\n    ctx.verify_mode = ssl.CERT_NONE\n    s.login(user, password)\n` },
    { file: 'mailer.py', code: `${HEAD}    with smtplib.SMTP_SSL('smtp.example.com', 465, context=ssl.create_default_context(), timeout=10) as s:\n        s.login(user, password)\n` },
  ],
  invalid: [
    {
      name: 'smtplib: ssl._create_unverified_context() passed to SMTP_SSL',
      file: 'mailer.py',
      code: SEND('    ctx = ssl._create_unverified_context()\n'),
      errors: [{ line: 6, column: 5, endColumn: 43, severity: 'warning', message: 'ctx = ssl._create_unverified_context() turns off server certificate verification to smtp.example.com: anyone on the network path can impersonate the server and read the SMTP password and the mail (RFC 8314 §5).' }],
      output: SEND('    ctx = ssl.create_default_context()\n'),
    },
    {
      name: 'smtplib: check_hostname off and CERT_NONE on a default context, passed to starttls()',
      file: 'mailer.py',
      code: STARTTLS('    ctx = ssl.create_default_context()\n    ctx.check_hostname = False\n    ctx.verify_mode = ssl.CERT_NONE\n'),
      errors: [{ line: 8, column: 5, endColumn: 36, includes: ['ctx.verify_mode = ssl.CERT_NONE turns off server certificate verification to smtp.example.com'] }],
      output: STARTTLS('    ctx = ssl.create_default_context()\n'),
    },
    {
      name: 'smtplib: only the host name check off (any certificate a public CA issued for any host passes)',
      file: 'mailer.py',
      code: SEND('    ctx = ssl.create_default_context()\n    ctx.check_hostname = False\n'),
      errors: [{ line: 7, includes: ['ctx.check_hostname = False turns off'] }],
      output: SEND('    ctx = ssl.create_default_context()\n'),
    },
    {
      name: 'smtplib: CERT_NONE set in a branch still reaches the call',
      file: 'mailer.py',
      code: SEND("    ctx = ssl.create_default_context()\n    if os.environ.get('SMTP_INSECURE'):\n        ctx.check_hostname = False\n        ctx.verify_mode = ssl.CERT_NONE\n"),
      errors: [{ line: 9, includes: ['ctx.verify_mode = ssl.CERT_NONE'] }],
      output: SEND("    ctx = ssl.create_default_context()\n    if os.environ.get('SMTP_INSECURE'):\n"),
    },
    {
      name: 'smtplib: SSLContext(PROTOCOL_TLS) left at CERT_NONE (no small fix: it would need CA certificates loaded)',
      file: 'mailer.py',
      code: STARTTLS('    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\n'),
      errors: [{ line: 6, includes: ['ctx = ssl.SSLContext(ssl.PROTOCOL_TLS) turns off'] }],
      output: null,
    },
    {
      name: 'smtplib: the unverified context written inline as context=',
      file: 'mailer.py',
      code: `${HEAD}    with smtplib.SMTP_SSL('smtp.example.com', 465, context=ssl._create_unverified_context(), timeout=10) as s:\n        s.login(user, password)\n`,
      errors: [{ line: 6, column: 60, endColumn: 92, includes: ['context=ssl._create_unverified_context() turns off'] }],
      output: `${HEAD}    with smtplib.SMTP_SSL('smtp.example.com', 465, context=ssl.create_default_context(), timeout=10) as s:\n        s.login(user, password)\n`,
    },
    {
      name: 'smtplib: a module-level context the function does not rebind',
      file: 'mailer.py',
      code: "import smtplib\nimport ssl\n\nCTX = ssl._create_unverified_context()\n\n\ndef send(user, password):\n    with smtplib.SMTP_SSL('smtp.example.com', 465, context=CTX, timeout=10) as s:\n        s.login(user, password)\n",
      errors: [{ line: 4, includes: ['CTX = ssl._create_unverified_context() turns off'] }],
      output: "import smtplib\nimport ssl\n\nCTX = ssl.create_default_context()\n\n\ndef send(user, password):\n    with smtplib.SMTP_SSL('smtp.example.com', 465, context=CTX, timeout=10) as s:\n        s.login(user, password)\n",
    },
  ],
});

ruleTester('legacy-tls-version', {
  valid: [
    { file: 'mailer.py', code: SEND('    ctx = ssl.create_default_context()\n    ctx.minimum_version = ssl.TLSVersion.TLSv1_2\n') },
    { file: 'mailer.py', code: 'from .tls import make_context\n' + SEND('    ctx = make_context()\n') },
    // rebuilt after the legacy floor: the new context counts
    { file: 'mailer.py', code: SEND('    ctx = ssl.create_default_context()\n    ctx.minimum_version = ssl.TLSVersion.TLSv1\n    ctx = ssl.create_default_context()\n') },
  ],
  invalid: [
    {
      name: 'smtplib: minimum_version TLSv1 on the context passed to SMTP_SSL',
      file: 'mailer.py',
      code: SEND('    ctx = ssl.create_default_context()\n    ctx.minimum_version = ssl.TLSVersion.TLSv1\n'),
      errors: [{ line: 7, column: 5, endColumn: 47, message: 'ctx.minimum_version = ssl.TLSVersion.TLSv1 lets the connection fall back to TLSv1, which RFC 8996 deprecates (RFC 8997: TLS 1.2 is the floor for mail).' }],
      output: SEND('    ctx = ssl.create_default_context()\n    ctx.minimum_version = ssl.TLSVersion.TLSv1_2\n'),
    },
    {
      name: 'smtplib: TLSv1_1 floor with a bare TLSVersion import, passed to starttls()',
      file: 'mailer.py',
      code: 'from ssl import TLSVersion\n' + STARTTLS('    ctx = ssl.create_default_context()\n    ctx.minimum_version = TLSVersion.TLSv1_1\n'),
      errors: [{ line: 8, includes: ['fall back to TLSv1.1'] }],
      output: 'from ssl import TLSVersion\n' + STARTTLS('    ctx = ssl.create_default_context()\n    ctx.minimum_version = TLSVersion.TLSv1_2\n'),
    },
    {
      name: 'smtplib: SSLContext pinned to TLS 1.0 (no fix: the protocol constant pins one version)',
      file: 'mailer.py',
      code: SEND('    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n    ctx.verify_mode = ssl.CERT_REQUIRED\n    ctx.check_hostname = True\n'),
      errors: [{ line: 6, includes: ['fall back to TLSv1'] }],
      output: null,
    },
  ],
});
