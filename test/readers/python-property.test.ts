// Property tests for the Python reader: it never throws and every span it reports lies inside the text, on
// arbitrary strings, on mutated (half-typed) versions of real settings modules and on 1 MB inputs; fixes on the
// real shapes render inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../server/src/register';
import { pythonReader } from '../../server/src/readers/python/index';
import { lintText, fixTextEdits } from '../../server/src/engine';
import { spansOf } from './readResult';
import type { ReadResult } from '../../server/src/model/types';

const numRuns = process.env.CI ? 2000 : 300;

const SNIPPETS = [
  "import os\nEMAIL_HOST = os.environ.get('EMAIL_HOST', 'smtp.example.com')\nEMAIL_PORT = int(os.environ.get('EMAIL_PORT', 465))\nEMAIL_USE_TLS = os.environ.get('EMAIL_USE_TLS', 'True') == 'True'\nEMAIL_HOST_PASSWORD = 'hunter2hunter2'\n",
  "from flask_mail import Mail\nclass Config:\n    MAIL_SERVER = 'smtp.example.com'\n    MAIL_PORT = int(os.environ.get('MAIL_PORT') or 25)\n    MAIL_USE_TLS = os.environ.get('MAIL_USE_TLS') is not None\napp.config.update(MAIL_USE_SSL=True, MAIL_PORT=587)\n",
  "import smtplib\ndef send(u, p):\n    with smtplib.SMTP('smtp.example.com', 465) as s:\n        s.starttls()\n        s.login(u, p)\n        s.set_debuglevel(1)\n",
  "import aiosmtplib\nfrom fastapi_mail import ConnectionConfig\nconf = ConnectionConfig(MAIL_SERVER='h', MAIL_PORT=465, MAIL_STARTTLS=True, MAIL_SSL_TLS=False, VALIDATE_CERTS=False)\nawait aiosmtplib.send(m, hostname='h', port=587, use_tls=True)\n",
];

function check(text: string, r: ReadResult): void {
  for (const s of spansOf(r)) {
    assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end, `span ${JSON.stringify(s)} inside ${text.length}`);
  }
}

test('arbitrary text never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      const text = `EMAIL_PORT = 465\n${s}\nimport smtplib\n`;
      check(text, pythonReader.read('/w/settings.py', text, {}));
    }),
    { numRuns },
  );
});

test('half-typed settings modules never throw, spans stay inside, fixes render inside', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SNIPPETS), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (src, a, b, junk) => {
      const i = a % (src.length + 1);
      const j = Math.min(src.length, i + (b % 12));
      const text = src.slice(0, i) + junk + src.slice(j);
      const r = lintText('/w/settings.py', text);
      if (r.read) check(text, r.read);
      for (const f of r.findings) for (const fix of f.fixes) {
        for (const e of fixTextEdits(text, fix)) assert.ok(e.span.start >= 0 && e.span.end <= text.length);
      }
    }),
    { numRuns },
  );
});

test('1 MB inputs are read without a crash (behaviour, not time)', () => {
  const big = SNIPPETS.join('\n').repeat(Math.ceil(1_000_000 / SNIPPETS.join('\n').length));
  const r = lintText('/w/settings.py', big);
  assert.ok(r.read && r.read.configs.length > 10);
  const noise = 'x = (' + '[1, {"a": (2,'.repeat(20_000) + '\nEMAIL_PORT = 465\n';
  const r2 = lintText('/w/noise.py', noise);
  assert.ok(r2.read, 'unbalanced nesting still yields a result');
  const huge = 'EMAIL_PORT = 1\n' + '#'.repeat(2_100_000);
  const r3 = lintText('/w/huge.py', huge);
  assert.match(r3.problems[0]?.message ?? '', /larger than/);
});
