// RuleTester tables for two Python failure classes (rules-research-polyglot §0.4, §0.5, §11): a boolean setting that
// holds an environment variable's text (truthy for "False"), and connections without a timeout (smtplib's default
// blocks forever). The research's must-stay-clean idioms are the valid cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from './ruleTester';
import { pythonBoolRead } from '../../server/src/rules/env-string-as-boolean';

const DJ = "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_TIMEOUT = 10\n";

ruleTester('env-string-as-boolean', {
  valid: [
    { file: 'app/settings.py', code: DJ + "EMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS', 'True') == 'True'\n" },
    { file: 'app/settings.py', code: DJ + "EMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS', 'true').lower() in ('true', '1', 't')\n" },
    { file: 'app/settings.py', code: "from decouple import config\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = config('EMAIL_PORT', default=587, cast=int)\nEMAIL_USE_TLS = config('EMAIL_USE_TLS', default=True, cast=bool)\nEMAIL_TIMEOUT = 10\n" },
    { file: 'app/settings.py', code: "import environ\nenv = environ.Env()\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = env.int('EMAIL_PORT', default=587)\nEMAIL_USE_TLS = env.bool('EMAIL_USE_TLS', default=True)\nEMAIL_TIMEOUT = 10\n" },
    { file: 'app/settings.py', code: DJ + 'EMAIL_USE_TLS = True\n' },
    // ports as strings are harmless (§0.4): only booleans are checked
    { file: 'app/settings.py', code: "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = os.environ.get('EMAIL_PORT')\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 10\n" },
  ],
  invalid: [
    {
      name: "Django: EMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS') (maxking/docker-mailman#701)",
      file: 'app/settings.py',
      code: DJ + "EMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS')\n",
      errors: [{ line: 5, includes: ["EMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS')", 'non-empty string', 'EMAIL_USE_TLS=False'], safe: [true] }],
      output: DJ + "EMAIL_USE_TLS = str(os.environ.get('EMAIL_USE_TLS')).lower() in ('true', '1', 'yes', 'on')\n",
    },
    {
      name: 'Django: the .env value False is read as on',
      file: 'app/settings.py',
      code: "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 465\nEMAIL_USE_SSL = os.getenv('EMAIL_USE_SSL', False)\nEMAIL_TIMEOUT = 10\n",
      files: { '.env': 'EMAIL_USE_SSL=False\n' },
      errors: [{ line: 4, includes: ['The env file sets EMAIL_USE_SSL=False, so implicit TLS is on'] }],
      output: "import os\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 465\nEMAIL_USE_SSL = str(os.getenv('EMAIL_USE_SSL', False)).lower() in ('true', '1', 'yes', 'on')\nEMAIL_TIMEOUT = 10\n",
    },
    {
      name: 'python-decouple config() without cast=bool',
      file: 'app/settings.py',
      code: "from decouple import config\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = config('EMAIL_USE_TLS', default='True')\nEMAIL_TIMEOUT = 10\n",
      errors: [{ line: 4 }],
      output: "from decouple import config\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = config('EMAIL_USE_TLS', default='True', cast=bool)\nEMAIL_TIMEOUT = 10\n",
    },
    {
      name: "Flask: app.config['MAIL_USE_TLS'] = os.environ.get('MAIL_USE_TLS') is not None",
      file: 'app.py',
      code: "import os\nfrom flask import Flask\nfrom flask_mail import Mail\napp = Flask(__name__)\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USE_TLS'] = os.environ.get('MAIL_USE_TLS') is not None\n",
      errors: [{ line: 7, includes: ['whenever MAIL_USE_TLS is set, whatever its value'] }],
      output: "import os\nfrom flask import Flask\nfrom flask_mail import Mail\napp = Flask(__name__)\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USE_TLS'] = str(os.environ.get('MAIL_USE_TLS')).lower() in ('true', '1', 'yes', 'on')\n",
    },
    {
      name: 'django-environ env() without .bool',
      file: 'app/settings.py',
      code: "import environ\nenv = environ.Env()\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = env('EMAIL_USE_TLS', default=True)\nEMAIL_TIMEOUT = 10\n",
      errors: [{ line: 5 }],
      output: "import environ\nenv = environ.Env()\nEMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = env.bool('EMAIL_USE_TLS', default=True)\nEMAIL_TIMEOUT = 10\n",
    },
  ],
});

ruleTester('missing-smtp-timeouts', {
  valid: [
    { file: 'notify.py', code: "import smtplib, ssl\nwith smtplib.SMTP('smtp.example.com', 587, timeout=10) as s:\n    s.starttls(context=ssl.create_default_context())\n" },
    { file: 'notify.py', code: "import smtplib, ssl\ns = smtplib.SMTP_SSL('smtp.example.com', 465, context=ssl.create_default_context(), timeout=30)\n" },
    // positional timeout: SMTP(host, port, local_hostname, timeout)
    { file: 'notify.py', code: "import smtplib\ns = smtplib.SMTP('smtp.example.com', 587, None, 20)\n" },
    { file: 'app.py', code: "from flask_mailman import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USE_TLS'] = True\napp.config['MAIL_TIMEOUT'] = 10\n" },
    // aiosmtplib / FastAPI-Mail default to 60 s
    { file: 'mail.py', code: "import aiosmtplib\nawait aiosmtplib.send(m, hostname='smtp.example.com', port=587, start_tls=True)\n" },
  ],
  invalid: [
    {
      name: 'smtplib.SMTP without timeout= gets timeout=30',
      file: 'notify.py',
      code: "import smtplib, ssl\nwith smtplib.SMTP('smtp.example.com', 587) as s:\n    s.starttls(context=ssl.create_default_context())\n",
      errors: [{ line: 2, includes: ['smtplib.SMTP() has no timeout', 'forever'], severity: 'info', safe: [true] }],
      output: "import smtplib, ssl\nwith smtplib.SMTP('smtp.example.com', 587, timeout=30) as s:\n    s.starttls(context=ssl.create_default_context())\n",
    },
    {
      name: 'Flask-Mail: no setting exists, message only',
      file: 'app.py',
      code: "from flask_mail import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USE_TLS'] = True\n",
      errors: [{ line: 2, includes: ['Flask-Mail', 'no setting'], fixCount: 0 }],
      output: null,
    },
    {
      name: 'Flask-Mailman: MAIL_TIMEOUT is added after the last setting',
      file: 'app.py',
      code: "from flask_mailman import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USE_TLS'] = True\n",
      errors: [{ line: 2, includes: ['MAIL_TIMEOUT'] }],
      output: "from flask_mailman import Mail\napp.config['MAIL_SERVER'] = 'smtp.example.com'\napp.config['MAIL_PORT'] = 587\napp.config['MAIL_USE_TLS'] = True\napp.config['MAIL_TIMEOUT'] = 30\n",
    },
    {
      name: 'Django settings.py: EMAIL_TIMEOUT = 30 is added',
      file: 'app/settings.py',
      code: "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = True\n",
      errors: [{ line: 1, includes: ['EMAIL_TIMEOUT'] }],
      output: "EMAIL_HOST = 'smtp.example.com'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = True\nEMAIL_TIMEOUT = 30\n",
    },
  ],
});

test('pythonBoolRead: each read becomes the boolean form of its own library', () => {
  assert.equal(pythonBoolRead("os.environ['EMAIL_USE_TLS']"), "str(os.environ['EMAIL_USE_TLS']).lower() in ('true', '1', 'yes', 'on')");
  assert.equal(pythonBoolRead("bool(os.getenv('X'))"), "str(os.getenv('X')).lower() in ('true', '1', 'yes', 'on')");
  assert.equal(pythonBoolRead("env.str('X', default='no')"), "env.bool('X', default='no')");
  assert.equal(pythonBoolRead("config('X') is not None"), "config('X', cast=bool)");
});
