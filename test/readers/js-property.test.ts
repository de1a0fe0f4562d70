// Property tests for the JS reader: it never throws, and every span it reports lies inside the text,
// on arbitrary strings and on mutated (half-typed) versions of valid transports. Fixes rendered on
// valid transports keep the file parseable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from '@babel/parser';
import '../../server/src/register';
import { jsReader } from '../../server/src/readers/js/index';
import { express } from '../../server/src/fixes/intents';
import { renderEdits } from '../../server/src/fixes/render';
import { applyTextEdits } from '../../server/src/model/textEdits';
import type { Field, ReadResult } from '../../server/src/model/types';
import { FIX_INTENTS, spansOf } from './readResult';

const numRuns = process.env.CI ? 5000 : 500;

const SNIPPETS = [
  `import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({\n  host: 'smtp.example.com',\n  port: 465,\n  secure: false,\n  auth: {\n    user: 'u',\n    pass: process.env.SMTP_PASS,\n  },\n  tls: {\n    rejectUnauthorized: false,\n    minVersion: 'TLSv1',\n  },\n});\n`,
  `const { createTransport } = require('nodemailer');\nconst smtpOptions = { host: process.env.SMTP_HOST, port: Number(process.env.SMTP_PORT ?? 587), secure: process.env.SMTP_SECURE === 'true', requireTLS: true };\nmodule.exports = createTransport(smtpOptions);\n`,
  `import * as mailer from 'nodemailer';\nconst t = mailer.createTransport({ host: 'h', port: 587, secure: true, ignoreTLS: true, auth: { user: 'u', pass: 'p' } });\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n`,
  `e.exports=t.createTransport({host:"smtp.example.com",port:25,secure:!1,auth:{user:"u",pass:e.env.P},tls:{rejectUnauthorized:!1}})`,
  `// mail-config-lint-disable-next-line\nconst t = createTransport("smtp://user:pw@mail.example.com:465?tls.rejectUnauthorized=false");\n`,
  `const port = Number(process.env.SMTP_PORT);\nexport const t = nodemailer.createTransport({ service: 'gmail', host: 'x', port, secure: port === 465, ...extra });\n`,
];
const FILES = ['a.ts', 'a.js', 'a.tsx', 'a.jsx', 'a.mjs', 'a.cjs', 'a.mts', 'a.cts'];

function checkSpans(text: string, r: ReadResult): void {
  for (const s of spansOf(r)) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `integer span ${JSON.stringify(s)}`);
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `span ${JSON.stringify(s)} inside ${text.length}`);
  }
  for (const c of r.configs) {
    assert.ok(['implicit', 'starttls-required', 'starttls-opportunistic', 'none', 'unknown'].includes(c.effective.tlsMode));
    assert.equal(typeof c.effective.because, 'string');
    if (c.credentials.password) assert.equal(c.credentials.password.text, '***');
  }
}

test('never throws on arbitrary strings (with and without a createTransport call in them)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...FILES), fc.constantFrom('', 'createTransport(', 'x.createTransport({', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = "), (s, file, prefix) => {
      const text = prefix + s;
      const r = jsReader.read(file, text, {});
      checkSpans(text, r);
    }),
    { numRuns },
  );
});

test('never throws on mutated valid transports (deletions, insertions, truncations)', () => {
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('{', '}', '(', ')', ',', ':', "'", '"', '`', '${', '/*', '//', '\n', 'createTransport(')) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  );
  fc.assert(
    fc.property(fc.constantFrom(...SNIPPETS), fc.constantFrom(...FILES), fc.array(mutation, { minLength: 1, maxLength: 4 }), (src, file, muts) => {
      let text = src;
      for (const m of muts) {
        const at = text.length ? m.at % (text.length + 1) : 0;
        if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.len);
        else if (m.kind === 'insert') text = text.slice(0, at) + m.s + text.slice(at);
        else text = text.slice(0, at);
      }
      const r = jsReader.read(file, text, {});
      checkSpans(text, r);
    }),
    { numRuns },
  );
});

test('fixes rendered on valid transports keep the file parseable', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SNIPPETS), fc.constantFrom(...FIX_INTENTS), (src, intent) => {
      const r = jsReader.read('a.ts', src, {});
      for (const cfg of r.configs) {
        const edits = express(cfg, intent);
        if (!edits) continue;
        const url = edits.some((e) => (e.op === 'insert' ? e.after : e.field).site.style === 'url-part');
        const out = applyTextEdits(src, renderEdits(src, edits));
        assert.notEqual(out, src, `${intent.kind} changed something`);
        const ast = parse(out, { sourceType: 'unambiguous', errorRecovery: true, plugins: ['typescript'] }) as unknown as { errors: unknown[] };
        assert.equal(ast.errors.length, 0, `${JSON.stringify(intent)} broke the file:\n${out}`);
        if (!url) assert.equal(jsReader.read('a.ts', out, {}).configs.length, r.configs.length);
      }
    }),
    { numRuns: Math.min(numRuns, 300) },
  );
});

test('remove / insert / set / rename on generated object layouts keep the code valid and do what they say', () => {
  const PROPS: [string, string][] = [
    ['host', "'smtp.example.com'"],
    ['port', '587'],
    ['secure', 'false'],
    ['ignoreTLS', 'true'],
    ['opportunisticTLS', '!0'],
    ['requireTLS', 'process.env.REQ === "1"'],
  ];
  const layout = fc.record({
    props: fc.subarray(PROPS, { minLength: 1 }),
    multiline: fc.boolean(),
    trailing: fc.boolean(),
    comments: fc.boolean(),
    crlf: fc.boolean(),
    indent: fc.constantFrom('  ', '    ', '\t'),
    hug: fc.boolean(),
    pick: fc.nat(),
  });
  fc.assert(
    fc.property(layout, (l) => {
      const nl = l.crlf ? '\r\n' : '\n';
      const parts = l.props.map(([k, v], i) => `${k}: ${v}${i < l.props.length - 1 || l.trailing ? ',' : ''}${l.comments && l.multiline && i % 2 === 0 && !(l.hug && i === l.props.length - 1) ? ' // note' : ''}`);
      // hug: `{ first,` on the brace line and `last }` on the closing one (Prettier-less code does this).
      const body = !l.multiline ? `{ ${parts.join(' ')} }` : l.hug ? `{ ${parts.join(nl + l.indent)} }` : `{${nl}${parts.map((p) => l.indent + p).join(nl)}${nl}}`;
      const src = `import nodemailer from 'nodemailer';${nl}export const t = nodemailer.createTransport(${body});${nl}`;
      const cfg = jsReader.read('a.ts', src, {}).configs[0];
      assert.ok(cfg, src);
      const fields = [cfg.host, cfg.port, cfg.implicitTls, cfg.ignoreTls, cfg.opportunisticTls, cfg.requireTls].filter((f): f is Field => !!f);
      assert.equal(fields.length, l.props.length);
      const target = fields[l.pick % fields.length];
      const parses = (out: string): void => {
        const ast = parse(out, { sourceType: 'unambiguous', errorRecovery: true, plugins: ['typescript'] }) as unknown as { errors: unknown[] };
        assert.equal(ast.errors.length, 0, out);
      };
      const keysOf = (out: string): string[] => {
        const c = jsReader.read('a.ts', out, {}).configs[0];
        return [c.host, c.port, c.implicitTls, c.ignoreTls, c.opportunisticTls, c.requireTls].filter((f): f is Field => !!f).map((f) => f.key).sort();
      };
      // remove
      const removed = applyTextEdits(src, renderEdits(src, [{ op: 'remove', field: target }]));
      parses(removed);
      assert.deepEqual(keysOf(removed), fields.filter((f) => f !== target).map((f) => f.key).sort());
      if (l.crlf) assert.ok(!/[^\r]\n/.test(removed), 'CRLF kept');
      // insert after the target
      const inserted = applyTextEdits(src, renderEdits(src, [{ op: 'insert', after: target, key: 'name', text: 'client.example.com', type: 'string' }]));
      parses(inserted);
      const ic = jsReader.read('a.ts', inserted, {}).configs[0];
      assert.equal(ic.extras.name?.value, 'client.example.com');
      if (l.crlf) assert.ok(!/[^\r]\n/.test(inserted), 'CRLF kept');
      // set
      const set = applyTextEdits(src, renderEdits(src, [{ op: 'set', field: target, text: '2525', type: 'number' }]));
      parses(set);
      // rename
      const renamed = applyTextEdits(src, renderEdits(src, [{ op: 'rename', field: target, key: 'renamedKey' }]));
      parses(renamed);
      assert.ok(!keysOf(renamed).includes(target.key));
    }),
    { numRuns: Math.min(numRuns, 1000) },
  );
});
