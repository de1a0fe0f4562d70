// A > 1 MB Kubernetes List (and a multi-document stream) in the language server (issue 6): edits re-read
// only the units around them (server/src/lsp/incremental.ts), and what the editor sees is what a full lint
// shows: the diagnostics of a fresh document with the same text, hover and quick fixes on items the edit did
// not touch (their positions moved), no code lenses (listing every config would cost a whole lint per
// keystroke).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits, editsFor, LspClient, type Diag } from './lspClient';
import { list, stream } from './k8sList';

/** Diagnostics with this document's uri written as `<self>`, to compare two documents. */
function normalised(ds: Diag[], uri: string): string {
  return JSON.stringify(ds).split(JSON.stringify(uri).slice(1, -1)).join('<self>');
}

describe('language server: huge YAML re-linted unit by unit', () => {
  let ws: string;
  let c: LspClient;
  let n = 0;
  const text0 = list(4000);
  before(async () => {
    assert.ok(text0.length > 1_000_000, `bounded mode needs > 1 MB, have ${text0.length}`);
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'mcl-bigyaml-'));
    c = new LspClient({ rootDir: ws, settings: { debounce: 0 } });
    await c.initialize();
  });
  after(async () => {
    await c.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  /** What a fresh document with this text shows (a full lint). */
  async function fullLint(text: string): Promise<{ uri: string; ds: Diag[] }> {
    const uri = c.open(path.join(ws, `fresh-${n++}`, 'all.yaml'), text);
    const ds = await c.diagnosticsNow(uri, 60000);
    c.close(uri);
    return { uri, ds };
  }

  it('edits give the diagnostics of a full lint, from re-reading the touched items only', async () => {
    const uri = c.open(path.join(ws, 'k8s', 'all.yaml'), text0);
    const first = await c.diagnosticsNow(uri, 60000);
    assert.ok(first.length > 500, `findings: ${first.length}`);
    assert.ok(first.some((d) => d.code === undefined && /bounded mode/.test(d.message)), 'bounded-mode note');
    const logsBefore = c.notifications.length;

    let text = text0;
    const lines = text.split('\n');
    const mid = Math.floor(lines.length / 2);
    // 1. a comment line in the middle (every later diagnostic moves down a line)
    lines.splice(mid, 0, '  # a note');
    text = lines.join('\n');
    c.change(uri, text);
    const d1 = await c.diagnosticsNow(uri, 60000);
    const f1 = await fullLint(text);
    assert.equal(normalised(d1, uri), normalised(f1.ds, f1.uri));
    // 2. a port flipped in the first Deployment after the middle (a finding changes, the note stays)
    const at = text.indexOf('value: "465"', text.indexOf('# a note'));
    text = `${text.slice(0, at)}value: "587"${text.slice(at + 'value: "465"'.length)}`;
    c.change(uri, text);
    const d2 = await c.diagnosticsNow(uri, 60000);
    const f2 = await fullLint(text);
    assert.equal(normalised(d2, uri), normalised(f2.ds, f2.uri));
    assert.notEqual(normalised(d2, uri), normalised(d1, uri), 'the port change shows');

    // The server said it re-read only a few items (debug log), for both edits.
    const relints = c.notifications
      .slice(logsBefore)
      .map((m) => (m.params as { message?: string }).message ?? '')
      .filter((m) => /all\.yaml: re-read \d+ of \d+ items/.test(m));
    assert.equal(relints.length, 2, relints.join('\n'));
    for (const m of relints) assert.ok(Number(/re-read (\d+)/.exec(m)![1]) <= 3, m);

    // Hover and a quick fix on an item after the edits (its lines moved by one).
    const late = d2.filter((d) => d.code === 'implicit-tls-port-without-tls').at(-1)!;
    assert.ok(late && late.range.start.line > mid + 1);
    const hover = await c.hover(uri, late.range.start.line, late.range.start.character);
    assert.ok(hover && /465/.test(hover.contents.value), JSON.stringify(hover)?.slice(0, 300));
    const actions = await c.codeActions(uri, late.range, [late]);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const fixed = applyEdits(text, editsFor(fix!, uri));
    const changedLine = fixed.split('\n')[late.range.start.line];
    assert.notEqual(changedLine, text.split('\n')[late.range.start.line], 'the fix edits the finding line');
    assert.equal(fixed.split('\n').length, text.split('\n').length);
    assert.ok(!actions.some((a) => /^Fix all \d+ safe/.test(a.title)), 'no per-request fix-all count on huge files');

    // No code lenses on a document re-linted by items; a small one still has them.
    assert.deepEqual(await c.request('textDocument/codeLens', { textDocument: { uri } }), []);
    const small = c.open(path.join(ws, 'small', 'all.yaml'), list(5));
    await c.diagnosticsNow(small);
    const lenses = await c.request<unknown[]>('textDocument/codeLens', { textDocument: { uri: small } });
    assert.ok(lenses.length > 0);
    c.close(small);
    c.close(uri);
  });

  it('a client without relatedInformation gets full lints (the other half\'s line is in the message text)', async () => {
    const plain = new LspClient({ rootDir: ws, settings: { debounce: 0 }, relatedInformation: false });
    try {
      await plain.initialize();
      let text = text0;
      const uri = plain.open(path.join(ws, 'plain', 'all.yaml'), text);
      const first = await plain.diagnosticsNow(uri, 60000);
      assert.ok(first.some((d) => /\(all\.yaml:\d+\)/.test(d.message)), 'related lines are written into messages');
      const lines = text.split('\n');
      lines.splice(Math.floor(lines.length / 2), 0, '  # a note');
      text = lines.join('\n');
      plain.change(uri, text);
      const ds = await plain.diagnosticsNow(uri, 60000);
      const fresh = plain.open(path.join(ws, 'plain-fresh', 'all.yaml'), text);
      assert.equal(JSON.stringify(ds), JSON.stringify(await plain.diagnosticsNow(fresh, 60000)));
    } finally {
      await plain.stop();
    }
  });

  it('a multi-document stream is re-linted document by document', async () => {
    let text = stream(6000);
    assert.ok(text.length > 1_000_000);
    const uri = c.open(path.join(ws, 'helm', 'rendered.yaml'), text);
    await c.diagnosticsNow(uri, 60000);
    const logsBefore = c.notifications.length;
    const at = text.indexOf('value: "465"', Math.floor(text.length / 2));
    text = `${text.slice(0, at)}value: "587"\n    # changed${text.slice(at + 'value: "465"'.length)}`;
    c.change(uri, text);
    const ds = await c.diagnosticsNow(uri, 60000);
    const f = await fullLint(text);
    assert.equal(normalised(ds, uri), normalised(f.ds, f.uri));
    const relint = c.notifications
      .slice(logsBefore)
      .map((m) => (m.params as { message?: string }).message ?? '')
      .find((m) => /rendered\.yaml: re-read \d+ of \d+ documents/.test(m));
    assert.ok(relint && Number(/re-read (\d+)/.exec(relint)![1]) <= 2, relint);
    c.close(uri);
  });
});
