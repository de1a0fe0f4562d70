// Issue 11: readers type their problems (kind), so adapters never match message text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine';
import { yamlOptions } from '../../server/src/readers/yaml/index';

const kinds = (file: string, text: string) => lintText(file, text).problems.map((p) => p.kind);

test('syntax errors are parse-error in every syntax', () => {
  assert.deepEqual([...new Set(kinds('/w/docker-compose.yml', 'services:\n  app:\n    environment:\n      SMTP_PORT: [465\n'))], ['parse-error']);
  assert.deepEqual(kinds('/w/mailer.ts', "import nodemailer from 'nodemailer';\nnodemailer.createTransport({ host: 'h', port: 465,\n"), ['parse-error']);
  assert.deepEqual(kinds('/w/app.ini', '[mailer]\nENABLED = true\nSMTP_ADDR smtp.example.com\n'), ['parse-error']);
});

test('size limits: bounded-mode when part was read, too-large when nothing was', () => {
  const js = "import nodemailer from 'nodemailer';\n" + 'export const filler = [1, 2, 3];\n'.repeat(40000) + "export const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 465, secure: false });\n";
  assert.ok(js.length > 1_000_000);
  assert.deepEqual(kinds('/w/big.ts', js), ['bounded-mode']);
  const php = "<?php\n$mail = new PHPMailer\\PHPMailer\\PHPMailer();\n$mail->SMTPSecure = 'tls';\n" + '$filler[] = 1;\n'.repeat(150000);
  assert.deepEqual(kinds('/w/big.php', php), ['too-large']);
  const saved = yamlOptions.boundedAboveBytes;
  yamlOptions.boundedAboveBytes = 200;
  try {
    const list = 'apiVersion: v1\nkind: List\nitems:\n' + Array.from({ length: 20 }, (_, i) => `  - kind: ConfigMap\n    metadata:\n      name: cm${i}\n    data:\n      a: "1"\n`).join('') + '  - kind: ConfigMap\n    data:\n      SMTP_HOST: smtp.example.com\n      SMTP_PORT: "465"\n      SMTP_SECURE: "false"\n';
    assert.deepEqual(kinds('/w/list.yaml', list), ['bounded-mode']);
  } finally {
    yamlOptions.boundedAboveBytes = saved;
  }
});

test('binary content is binary', () => {
  assert.deepEqual(kinds('/w/.env', 'SMTP\u0000PORT=465\n'), ['binary']);
  assert.deepEqual(kinds('/w/mail.php', '<?php\n$mail = new PHPMailer();\n$mail->SMTPSecure = \'tls\';\u0000\n'), ['binary']);
});
