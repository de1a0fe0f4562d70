// languages/grammars parseIncremental: the tree the language server gets while the user types (Lezer's incremental
// parse from the previous tree of the same file) is the tree a full parse of the same text gives, node for node,
// on chains of edits to the ~200-line samples and generated files of every Lezer language (valid edits, and ones
// that break the syntax, where Lezer's error recovery may build another tree from reused nodes: those are parsed
// in full). The reader's result is the same as the CLI's too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tree } from '@lezer/common';
import '../../server/src/register';
import { isCleanTree, loadGrammar, parseCounts, parseIncremental, type GrammarName } from '../../server/src/languages/grammars';
import { goParseText } from '../../server/src/readers/go/index';
import { lintText } from '../../server/src/engine';
import { loadLanguages, makeRng } from '../../scripts/polyglot-corpus/lib.mjs';

/** Every node (anonymous ones too) with its range, in document order. */
function dump(tree: Tree): string {
  const out: string[] = [];
  const c = tree.cursor();
  do out.push(`${c.name}:${c.from}-${c.to}`);
  while (c.next());
  return out.join(' ');
}

const LANGS: { grammar: GrammarName; ext: string; comment: string; prepare: (t: string) => string }[] = [
  { grammar: 'java', ext: '.java', comment: '// ', prepare: (t) => t },
  { grammar: 'go', ext: '.go', comment: '// ', prepare: goParseText },
  { grammar: 'python', ext: '.py', comment: '# ', prepare: (t) => t },
  { grammar: 'php', ext: '.php', comment: '// ', prepare: (t) => t },
];

async function sources(id: string, n: number): Promise<string[]> {
  const mod = (await loadLanguages()).find((m) => m.id === id);
  assert.ok(mod, id);
  const out: string[] = [];
  const R = makeRng(`incremental-${id}`);
  out.push(mod.sample(R).w.text());
  while (out.length < n) {
    const t: string | undefined = mod.file(R)?.w?.text();
    if (t && t.length > 4200 && isCleanTree(loadGrammar(id as GrammarName).parse(id === 'go' ? goParseText(t) : t))) out.push(t); // Lezer reuses nothing below 4 × its buffer length (4096 characters)
  }
  return out;
}

/** A chain of edits: comment lines, kept for the next edit; copied and removed lines, stray characters and the
 *  bench's '#' line, applied once (the next edit starts from the text before them). */
function* edits(text: string, seed: string, n: number): Generator<string> {
  const R = makeRng(seed);
  const junk = ['#', '"', "'", '{', '}', '(', ';', 'x', '\n', '/*', '"""', ':'];
  let cur = text;
  for (let i = 0; i < n; i++) {
    const lines = cur.split('\n');
    const at = R.int(0, lines.length - 1);
    const kind = R.int(0, 5);
    if (kind <= 1) lines.splice(at, 0, `${/^\s*/.exec(lines[at])![0]}${seed.startsWith('py') ? '# ' : '// '}edit ${i}`);
    else if (kind === 2) lines.splice(at, 0, lines[at]);
    else if (kind === 3) lines.splice(at, 1);
    else if (kind === 4) lines[at] = lines[at].slice(0, R.int(0, lines[at].length)) + R.pick(junk) + lines[at].slice(R.int(0, lines[at].length));
    else lines.splice(at, 0, `${R.pick(['#', '//'])} edit ${i}`); // the bench's edit: '#' is a syntax error in Java and Go
    const next = lines.join('\n');
    if (kind <= 1) cur = next;
    yield next;
  }
}

for (const L of LANGS) {
  test(`${L.grammar}: every incremental tree is the full parse's tree, on valid and broken edits`, async () => {
    let incremental = 0;
    let broken = 0;
    const reused = parseCounts.incremental;
    for (const [k, src] of (await sources(L.grammar, 4)).entries()) {
      const file = `/w/incremental-${k}${L.ext}`;
      parseIncremental(L.grammar, file, L.prepare(src));
      for (const next of edits(src, `${L.grammar === 'python' ? 'py' : L.grammar}-${k}`, 50)) {
        const text = L.prepare(next);
        const tree = parseIncremental(L.grammar, file, text);
        const full = loadGrammar(L.grammar).parse(text);
        assert.equal(dump(tree), dump(full), `${file} after an edit`);
        if (isCleanTree(full)) incremental++;
        else broken++;
      }
    }
    // both kinds were exercised
    assert.ok(incremental > 20, `${incremental} valid edits`);
    assert.ok(broken > 20, `${broken} broken edits`);
    // a valid edit right after a broken one is parsed in full (the previous tree has an error)
    assert.ok(parseCounts.incremental - reused > incremental / 2, `${parseCounts.incremental - reused} of ${incremental} valid edits parsed incrementally`);
  });
}

test('isCleanTree: a syntax error anywhere (inside a node buffer or as a subtree) is found', () => {
  const java = loadGrammar('java');
  assert.equal(isCleanTree(java.parse('class A { void f() { int x = 1; } }')), true);
  assert.equal(isCleanTree(java.parse('class A { void f() { int x = ; } }')), false);
  const long = 'class A {\n' + '  void f() { int x = 1; }\n'.repeat(400) + '  # stray\n' + '  void g() { int y = 2; }\n'.repeat(400) + '}\n';
  assert.equal(isCleanTree(java.parse(long)), false);
  assert.equal(isCleanTree(java.parse(long.replace('# stray', '// fine'))), true);
});

test('the language server sees what the CLI sees: same findings after an edit read incrementally', async () => {
  const [src] = await sources('java', 1);
  const file = '/w/src/main/java/Edited.java';
  lintText(file, src);
  const lines = src.split('\n');
  lines.splice(Math.floor(lines.length / 2), 0, '  // a comment typed in the middle');
  const edited = lines.join('\n');
  const typed = lintText(file, edited);
  const fresh = lintText('/w/src/main/java/Fresh.java', edited);
  assert.ok(typed.findings.length > 0);
  assert.deepEqual(
    typed.findings.map((f) => [f.ruleId, f.span.start, f.span.end, f.message]),
    fresh.findings.map((f) => [f.ruleId, f.span.start, f.span.end, f.message]),
  );
});
