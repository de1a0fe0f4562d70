// Incremental re-lint of huge YAML documents (server/src/lsp/incremental.ts, issue 6). The claim: after any
// edit, the diagnostics the server builds from the re-read items plus the previous version's other items are
// exactly those of a full lint of the new text, or the merge declines (and the server lints in full).
// Checked here with the real reader and rules on a Kubernetes List and on a multi-document stream (units:
// list items, documents), bounded mode forced on small texts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../server/src/register';
import { lintText } from '../../server/src/engine';
import { LineIndex } from '../../server/src/model/lineIndex';
import type { Finding } from '../../server/src/model/types';
import type { ItemFocus } from '../../server/src/readers/types';
import { boundedModeMessage, yamlOptions } from '../../server/src/readers/yaml/index';
import { findingToDiagnostic } from '../../server/src/lsp/convert';
import { changeBetween } from '../../server/src/model/textEdits';
import {
  changeIsLocal,
  focusFor,
  maillessTotal,
  mergeSnapshot,
  snapshotOf,
  type Entry,
  type ItemSnapshot,
} from '../../server/src/lsp/incremental';
import { deployment, list, stream } from './k8sList';

const FILE = '/ws/k8s/all.yaml';
const URI = 'file:///ws/k8s/all.yaml';

function entries(text: string, findings: Finding[]): Entry[] {
  const own = { uri: URI, text, index: new LineIndex(text) };
  const opts = { relatedInformation: true, codeDescription: true, fileText: (f: string) => (f === FILE ? own : undefined) };
  return findings.map((f) => ({ off: f.span.start, diag: findingToDiagnostic(f, own, opts) }));
}

/** What the server shows after a full lint: the findings' diagnostics and the bounded-mode note. */
function full(text: string): { diags: unknown[]; note?: string; snapshot?: ItemSnapshot } {
  const focus: ItemFocus = { keep: () => true };
  const r = lintText(FILE, text, { focus });
  const es = entries(text, r.findings);
  return {
    diags: es.map((e) => e.diag),
    note: r.problems.find((p) => p.kind === 'bounded-mode')?.message,
    snapshot: snapshotOf(0, text, focus, es),
  };
}

/** What the server does on an edit: undefined when it falls back to a full lint. */
function incremental(prev: ItemSnapshot, text: string): ItemSnapshot | undefined {
  const c = changeBetween(prev.text, text);
  if (!c) return prev;
  if (!changeIsLocal(prev.text, text, c)) return undefined;
  const focus = focusFor(c);
  const r = lintText(FILE, text, { focus });
  if (!focus.applied) return undefined;
  return mergeSnapshot(prev, text, c, focus, entries(text, r.findings), URI);
}

function lines(t: string): string[] {
  return t.split('\n');
}

/** One edit, chosen by `pick` (0..1) and `at` (0..1) so fast-check can shrink it. */
function edit(text: string, pick: number, at: number, n: number): string {
  const ls = lines(text);
  const li = Math.min(ls.length - 1, Math.floor(at * ls.length));
  const ops: (() => string)[] = [
    () => [...ls.slice(0, li), `# edit ${n}`, ...ls.slice(li)].join('\n'),
    () => text.replace(/"(465|587|25)"/g, (m, p, off: number) => (off >= at * text.length && off < at * text.length + 400 ? `"${p === '465' ? 587 : 465}"` : m)),
    () => [...ls.slice(0, li), ...ls.slice(li + 1)].join('\n'),
    () => [...ls.slice(0, li + 1), ls[li], ...ls.slice(li + 1)].join('\n'),
    () => {
      const o = Math.floor(at * text.length);
      return text.slice(0, o) + 'x' + text.slice(o);
    },
    () => {
      // Remove the item around the line (from its dash to the next top-level line).
      let s = li;
      while (s > 0 && !ls[s].startsWith('- ')) s--;
      let e = s + 1;
      while (e < ls.length && (ls[e].startsWith(' ') || ls[e] === '')) e++;
      return [...ls.slice(0, s), ...ls.slice(e)].join('\n');
    },
    () => [...ls.slice(0, li), ...lines(deployment(900 + n, 465, 'false')).slice(0, -1), ...ls.slice(li)].join('\n'),
    () => [...ls.slice(0, li), '          # mail-config-lint-disable-next-line', ...ls.slice(li)].join('\n'),
    () => text.replace('kind: List', 'kind: Lists'),
    () => text.replace(/value: "(true|false)"/, (_m, v) => `value: "${v === 'true' ? 'false' : 'true'}"`),
    () => [...ls.slice(0, li), ls[li].replace(/^(\s*)/, '$1  '), ...ls.slice(li + 1)].join('\n'),
    () => [...ls.slice(0, li), '---', ...ls.slice(li)].join('\n'),
    () => {
      const sep = ls.findIndex((l, i) => i >= li && l === '---');
      return sep < 0 ? text : [...ls.slice(0, sep), ...ls.slice(sep + 1)].join('\n');
    },
  ];
  return ops[Math.min(ops.length - 1, Math.floor(pick * ops.length))]();
}

describe('incremental re-lint of huge YAML (unit by unit)', () => {
  let saved = 0;
  before(() => {
    saved = yamlOptions.boundedAboveBytes;
    yamlOptions.boundedAboveBytes = 2000; // bounded mode on these small lists
  });
  after(() => {
    yamlOptions.boundedAboveBytes = saved;
  });

  it('an edit inside one item re-reads that item only and yields the full lint', () => {
    const text = list(40);
    const base = full(text);
    assert.ok(base.snapshot, 'a List in bounded mode gives a snapshot');
    assert.ok(base.diags.length > 20, `findings to keep: ${base.diags.length}`);
    // Insert a comment line in the middle and flip a port in the tenth item: both stay local.
    const mid = text.indexOf('name: api-20');
    const edited = text.slice(0, mid) + 'name: api-20\n    # a note' + text.slice(mid + 'name: api-20'.length).replace('value: "25"', 'value: "587"');
    const c = changeBetween(text, edited)!;
    const focus = focusFor(c);
    const r = lintText(FILE, edited, { focus });
    assert.equal(focus.applied, true);
    const kept = focus.items!.filter((s) => focus.keep(s.start, s.end)).length;
    assert.ok(kept <= 6, `only the items around the change are read (${kept} of ${focus.items!.length})`);
    const merged = mergeSnapshot(base.snapshot!, edited, c, focus, entries(edited, r.findings), URI);
    assert.ok(merged, 'merge accepted');
    const want = full(edited);
    assert.deepEqual(merged!.entries.map((e) => e.diag), want.diags);
    assert.equal(boundedModeMessage(edited.length, maillessTotal(merged!)), want.note);
  });

  it('declines changes outside the items, to suppression comments and with anchors', () => {
    const text = list(20);
    const base = full(text).snapshot!;
    assert.equal(incremental(base, text.replace('kind: List', 'kind: Other')), undefined, 'header/trailer change');
    const i = text.indexOf('          - name: SMTP_PORT');
    assert.equal(incremental(base, `${text.slice(0, i)}          # mail-config-lint-disable-next-line\n${text.slice(i)}`), undefined, 'suppression');
    assert.equal(incremental(base, text.replace('name: web-1\n', 'name: &a web-1\n')), undefined, 'anchor');
  });

  it('a multi-document stream re-reads the edited document only', () => {
    const text = stream(40);
    const base = full(text);
    assert.equal(base.snapshot?.unit, 'document');
    assert.equal(base.snapshot?.items.length, 40);
    const at = text.indexOf('value: "25"', text.indexOf('name: api-20'));
    const edited = `${text.slice(0, at)}value: "465"${text.slice(at + 'value: "25"'.length)}`;
    const c = changeBetween(text, edited)!;
    const focus = focusFor(c);
    const r = lintText(FILE, edited, { focus });
    assert.equal(focus.items!.filter((u) => focus.keep(u.start, u.end)).length, 1);
    const merged = mergeSnapshot(base.snapshot!, edited, c, focus, entries(edited, r.findings), URI);
    assert.ok(merged);
    assert.deepEqual(merged!.entries.map((e) => e.diag), full(edited).diags);
    assert.notDeepEqual(merged!.entries.map((e) => e.diag), base.diags);
    // Without separators it is no longer a stream: the units change kind and the merge declines.
    assert.equal(incremental(base.snapshot!, edited.replace(/^---\n/gm, '')), undefined);
  });

  for (const [name, start] of [['List', list(30)], ['stream', stream(30)]] as const) {
    it(`property (${name}): after any sequence of edits, merged diagnostics equal a full lint`, () => {
      let merges = 0;
      let steps = 0;
      fc.assert(
        fc.property(fc.array(fc.noBias(fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }))), { minLength: 1, maxLength: 6 }), (ops) => {
          let text = start;
          let snap: ItemSnapshot | undefined = full(text).snapshot;
          ops.forEach(([pick, at], n) => {
            text = edit(text, pick / 1000, at / 1000, n);
            const want = full(text);
            // Without a snapshot (anchors, a syntax error) the server lints in full until one is possible again.
            const got = snap && incremental(snap, text);
            steps++;
            if (got) {
              merges++;
              assert.deepEqual(got.entries.map((e) => e.diag), want.diags);
              assert.equal(maillessTotal(got) ? boundedModeMessage(text.length, maillessTotal(got)) : undefined, want.note);
            }
            snap = got ?? want.snapshot;
          });
        }),
        { numRuns: process.env.CI ? 300 : 150 },
      );
      // Most random edits are local: the incremental path must actually be exercised.
      assert.ok(merges > steps / 3, `${merges} merges of ${steps} edits`);
    });
  }
});
