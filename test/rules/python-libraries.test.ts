// RuleTester tables for the Python libraries (rules-research-polyglot §4): Django settings.py, Flask-Mail,
// Flask-Mailman, smtplib, aiosmtplib, FastAPI-Mail — the must-stay-clean idioms of the research as valid cases,
// the failure classes as invalid cases with the exact text of each fix.
import { ruleTester } from './ruleTester';

const DJANGO_ENV = "import os\nEMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\n";

ruleTester('implicit-tls-port-without-tls', {
  valid: [
    // Django: implicit TLS on 465; env-driven defaults that agree
    { file: 'app/settings.py', code: "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 465\nEMAIL_USE_SSL = True\nEMAIL_TIMEOUT = 10\n" },
    { file: 'app/settings.py', code: "import environ\nenv = environ.Env()\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_USE_TLS = env.bool('EMAIL_USE_TLS', default=True)\nEMAIL_PORT = env.int('EMAIL_PORT', default=587)\nEMAIL_TIMEOUT = 10\n" },
    // a local catcher without TLS
    { file: 'app/settings/dev.py', code: "EMAIL_HOST = 'localhost'\nEMAIL_PORT = 1025\nEMAIL_TIMEOUT = 5\n" },
    // the .env decides (cross-file rule), and an unknown env read is no finding
    { file: 'app/settings.py', code: "import os\nEMAIL_HOST = os.environ['EMAIL_HOST']\nEMAIL_PORT = int(os.environ['EMAIL_PORT'])\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n" },
    // smtplib: SMTP_SSL with no port (465), SMTP to a local catcher, LMTP
    { file: 'mailer.py', code: "import smtplib, ssl\nwith smtplib.SMTP_SSL('smtp.example.com', context=ssl.create_default_context()) as s:\n    s.login(u, p)\n" },
    { file: 'mailer.py', code: "import smtplib\ns = smtplib.SMTP('mailpit', 1025)\n" },
    { file: 'mailer.py', code: "import smtplib\ns = smtplib.SMTP(host, port)\n" },
    // aiosmtplib docstring example; use_tls with 465
    { file: 'mailer.py', code: "import aiosmtplib\nsmtp = aiosmtplib.SMTP(hostname='127.0.0.1', port=1025)\n" },
    { file: 'mailer.py', code: "import aiosmtplib\nawait aiosmtplib.send(m, hostname='smtp.example.com', port=465, use_tls=True)\n" },
    // Flask-Mail on 465 with SSL
    { file: 'app.py', code: "from flask_mail import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 465\napp.config['MAIL_USE_SSL'] = True\n" },
    // not mail: a database TLS port setting
    { file: 'db.py', code: "DATABASE_PORT = 465\nDB_USE_TLS = True\nimport smtplib\n" },
  ],
  invalid: [
    {
      name: 'Django: EMAIL_USE_TLS on 465',
      file: 'app/settings.py',
      code: "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 465\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n",
      errors: [{ line: 3, column: 1, endColumn: 21, includes: ['EMAIL_USE_TLS = True', 'Django'] }],
      output: "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 465\nEMAIL_USE_SSL = True\nEMAIL_TIMEOUT = 10\n",
    },
    {
      name: 'Django: 465 from an env default, no flag (python-decouple)',
      file: 'app/settings.py',
      code: "from decouple import config\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = config('EMAIL_PORT', default=465, cast=int)\nEMAIL_TIMEOUT = 10\n",
      errors: [{ line: 3, includes: ['EMAIL_USE_SSL=True'] }],
      output: "from decouple import config\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = config('EMAIL_PORT', default=465, cast=int)\nEMAIL_USE_SSL = True\nEMAIL_TIMEOUT = 10\n",
    },
    {
      name: 'Flask-Mail: MAIL_USE_TLS on 465 (app.config.update keywords)',
      file: 'app.py',
      code: "from flask_mail import Mail\napp.config.update(MAIL_SERVER='smtp.example.com', MAIL_PORT=465, MAIL_USE_TLS=True)\n",
      errors: [{ line: 2, includes: ['Flask-Mail', 'SMTPServerDisconnected'] }],
      output: "from flask_mail import Mail\napp.config.update(MAIL_SERVER='smtp.example.com', MAIL_PORT=465, MAIL_USE_SSL=True)\n",
    },
    {
      name: 'Flask-Mailman: class config, 465 without a flag',
      file: 'config.py',
      code: "from flask_mailman import Mail\nclass Config:\n    MAIL_SERVER = 'smtp.example.com'\n    MAIL_PORT = 465\n",
      errors: [{ line: 4, includes: ['Flask-Mailman'] }],
      output: "from flask_mailman import Mail\nclass Config:\n    MAIL_SERVER = 'smtp.example.com'\n    MAIL_PORT = 465\n    MAIL_USE_SSL = True\n",
    },
    {
      name: 'smtplib: SMTP on 465, starttls() dropped by the fix',
      file: 'mailer.py',
      code: "import smtplib, ssl\n\ndef send(u, p):\n    s = smtplib.SMTP('smtp.example.com', 465, timeout=10)\n    s.starttls(context=ssl.create_default_context())\n    s.login(u, p)\n",
      errors: [{ line: 4, includes: ['smtplib.SMTP makes smtplib wait'] }],
      output: "import smtplib, ssl\n\ndef send(u, p):\n    s = smtplib.SMTP_SSL('smtp.example.com', 465, timeout=10)\n    s.login(u, p)\n",
    },
    {
      name: 'aiosmtplib: port 465 with use_tls=False',
      file: 'mailer.py',
      code: "import aiosmtplib\nawait aiosmtplib.send(m, hostname='smtp.example.com', port=465, use_tls=False, start_tls=True)\n",
      errors: [{ line: 2, includes: ['use_tls = False', "Timed out waiting for server ready message"] }],
      output: "import aiosmtplib\nawait aiosmtplib.send(m, hostname='smtp.example.com', port=465, use_tls=True)\n",
    },
    {
      name: 'FastAPI-Mail: MAIL_PORT 465 with MAIL_STARTTLS',
      file: 'mail.py',
      code: "from fastapi_mail import ConnectionConfig\nconf = ConnectionConfig(\n    MAIL_SERVER='smtp.example.com',\n    MAIL_PORT=465,\n    MAIL_STARTTLS=True,\n    MAIL_SSL_TLS=False,\n)\n",
      errors: [{ line: 6, includes: ['MAIL_SSL_TLS = False'] }],
      output: "from fastapi_mail import ConnectionConfig\nconf = ConnectionConfig(\n    MAIL_SERVER='smtp.example.com',\n    MAIL_PORT=465,\n    MAIL_STARTTLS=False,\n    MAIL_SSL_TLS=True,\n)\n",
    },
  ],
});

ruleTester('starttls-port-with-implicit-tls', {
  valid: [
    { file: 'app/settings.py', code: "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n" },
    { file: 'mailer.py', code: "import aiosmtplib\nawait aiosmtplib.send(m, hostname='smtp.example.com', port=587)\n" },
  ],
  invalid: [
    {
      name: 'Django: EMAIL_USE_SSL on 587',
      file: 'app/settings.py',
      code: DJANGO_ENV + "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_SSL = True\nEMAIL_TIMEOUT = 10\n",
      errors: [{ line: 5, includes: ['EMAIL_USE_SSL = True'] }],
      output: DJANGO_ENV + "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n",
    },
    {
      name: 'smtplib: SMTP_SSL on 587 gets SMTP + starttls(context=...)',
      file: 'mailer.py',
      code: "import smtplib\ns = smtplib.SMTP_SSL('smtp.example.com', 587, context=ctx)\ns.login(u, p)\n",
      errors: [{ line: 2, includes: ['wrong version number'] }],
      // SMTP() takes no context= (TypeError): the constructor's context moves to starttls()
      output: "import smtplib\ns = smtplib.SMTP('smtp.example.com', 587)\ns.starttls(context=ctx)\ns.login(u, p)\n",
    },
    {
      name: 'smtplib: SMTP_SSL on 587 with context= first and no context at all',
      file: 'mailer.py',
      code: "import smtplib\ns = smtplib.SMTP_SSL(context=make_ctx(), host='smtp.example.com', port=587)\ns.login(u, p)\n",
      errors: [{ line: 2, includes: ['wrong version number'] }],
      output: "import smtplib\ns = smtplib.SMTP(host='smtp.example.com', port=587)\ns.starttls(context=make_ctx())\ns.login(u, p)\n",
    },
    {
      name: 'smtplib: SMTP_SSL on 587 without context gets a verifying one',
      file: 'mailer.py',
      code: "import smtplib\ns = smtplib.SMTP_SSL('smtp.example.com', 587)\ns.login(u, p)\n",
      errors: [{ line: 2, includes: ['wrong version number'] }],
      output: "import smtplib\nimport ssl\ns = smtplib.SMTP('smtp.example.com', 587)\ns.starttls(context=ssl.create_default_context())\ns.login(u, p)\n",
    },
  ],
});

ruleTester('tls-verification-disabled', {
  valid: [
    { file: 'mailer.py', code: "import smtplib, ssl\ns = smtplib.SMTP('smtp.example.com', 587, timeout=10)\ns.starttls(context=ssl.create_default_context())\n" },
    // Flask-Mailman's implicit-TLS path passes a verifying context
    { file: 'app.py', code: "from flask_mailman import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 465\napp.config['MAIL_USE_SSL'] = True\n" },
    { file: 'mailer.py', code: "import aiosmtplib\nawait aiosmtplib.send(m, hostname='smtp.example.com', port=465, use_tls=True, validate_certs=True)\n" },
  ],
  invalid: [
    {
      name: 'smtplib: starttls() without a context (verification off by omission)',
      file: 'mailer.py',
      code: "import smtplib\ns = smtplib.SMTP('smtp.example.com', 587, timeout=10)\ns.starttls()\ns.login(u, p)\n",
      errors: [{ line: 3, severity: 'warning', includes: ['not verified because no context was passed'] }],
      output: "import smtplib\nimport ssl\ns = smtplib.SMTP('smtp.example.com', 587, timeout=10)\ns.starttls(context=ssl.create_default_context())\ns.login(u, p)\n",
    },
    {
      name: 'smtplib: SMTP_SSL without a context, ssl already imported',
      file: 'mailer.py',
      code: "import smtplib\nimport ssl\nwith smtplib.SMTP_SSL('smtp.example.com', 465) as s:\n    pass\n",
      errors: [{ line: 3, severity: 'info', includes: ['no context was passed'] }],
      output: "import smtplib\nimport ssl\nwith smtplib.SMTP_SSL('smtp.example.com', 465, context=ssl.create_default_context()) as s:\n    pass\n",
    },
    {
      name: 'Flask-Mail never verifies (message only, no fix)',
      file: 'app.py',
      code: "from flask_mail import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USE_TLS'] = True\napp.config['MAIL_USERNAME'] = 'me'\n",
      errors: [{ line: 4, severity: 'warning', includes: ['Flask-Mail passes no SSL context', 'no context was passed'] }],
      output: null,
    },
    {
      name: 'aiosmtplib: validate_certs=False',
      file: 'mailer.py',
      code: "import aiosmtplib\nawait aiosmtplib.send(m, hostname='smtp.example.com', port=465, use_tls=True, validate_certs=False)\n",
      errors: [{ line: 2, includes: ['validate_certs = False'] }],
      output: "import aiosmtplib\nawait aiosmtplib.send(m, hostname='smtp.example.com', port=465, use_tls=True)\n",
    },
    {
      name: 'FastAPI-Mail: VALIDATE_CERTS=False',
      file: 'mail.py',
      code: "from fastapi_mail import ConnectionConfig\nconf = ConnectionConfig(MAIL_SERVER='smtp.example.com', MAIL_PORT=587, MAIL_STARTTLS=True, MAIL_SSL_TLS=False, VALIDATE_CERTS=False)\n",
      errors: [{ line: 2, includes: ['VALIDATE_CERTS = False'] }],
      output: "from fastapi_mail import ConnectionConfig\nconf = ConnectionConfig(MAIL_SERVER='smtp.example.com', MAIL_PORT=587, MAIL_STARTTLS=True, MAIL_SSL_TLS=False, VALIDATE_CERTS=True)\n",
    },
  ],
});

ruleTester('cross-file-port-mode-mismatch', {
  valid: [
    { file: 'app/settings.py', code: "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = int(os.environ.get('EMAIL_PORT', 587))\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n", files: { '.env': 'EMAIL_PORT=587\n' } },
  ],
  invalid: [],
});

// Flask-Mail / Flask-Mailman: MAIL_USE_TLS and MAIL_USE_SSL default to False (pallets-eco/flask-mail
// Mail.init_mail, waynerv/flask-mailman Mail.init_mail), so credentials with neither written log in in clear text.
ruleTester('tls-disabled-with-credentials', {
  valid: [
    { file: 'app.py', code: "from flask_mail import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USE_TLS'] = True\napp.config['MAIL_USERNAME'] = 'me'\n" },
    { file: 'app.py', code: "from flask_mail import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 465\napp.config['MAIL_USE_SSL'] = True\napp.config['MAIL_USERNAME'] = 'me'\n" },
    // no credentials: nothing to leak
    { file: 'app.py', code: "from flask_mail import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 25\n" },
  ],
  invalid: [
    {
      name: 'Flask-Mail: credentials and no TLS switch at all (both default to False)',
      file: 'app.py',
      code: "from flask_mail import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USERNAME'] = 'me'\n",
      errors: [{ line: 4, includes: ['nothing turns TLS on', 'clear text'] }],
    },
    {
      name: 'Flask-Mailman: the same defaults',
      file: 'app.py',
      code: "from flask_mailman import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USERNAME'] = 'me'\napp.config['MAIL_TIMEOUT'] = 10\n",
      errors: [{ line: 4, includes: ['nothing turns TLS on'] }],
    },
  ],
});

ruleTester('starttls-port-with-implicit-tls', {
  valid: [],
  invalid: [
    {
      // `with smtplib.SMTP_SSL(...) as s:` has no line to add starttls() after: no mode fix (the generic flag flip
      // once wrote `smtplib.False(`); the port fix remains
      name: 'smtplib: SMTP_SSL on 587 in a with statement: only the port fix',
      file: 'mailer.py',
      code: "import smtplib, ssl\nwith smtplib.SMTP_SSL('smtp.example.com', 587, context=ssl.create_default_context(), timeout=10) as s:\n    s.login(u, p)\n",
      errors: [{ line: 2, includes: ['wrong version number'], fixCount: 1 }],
      output: "import smtplib, ssl\nwith smtplib.SMTP_SSL('smtp.example.com', 465, context=ssl.create_default_context(), timeout=10) as s:\n    s.login(u, p)\n",
    },
  ],
});
