// The client and the server share request/command names through server/src/lsp/protocol.ts only: the
// extension bundle must not pull any other server module (scripts/bundle-guard.mjs; the build enforces it).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
// @ts-expect-error plain ESM script without types
import { serverModulesIn } from '../../scripts/bundle-guard.mjs';

async function inputsOf(entry: string, contents?: string): Promise<esbuild.Metafile> {
  const r = await esbuild.build({
    ...(contents !== undefined ? { stdin: { contents, resolveDir: 'client/src', sourcefile: 'probe.ts', loader: 'ts' } } : { entryPoints: [entry] }),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    external: ['vscode'],
    logLevel: 'silent',
  });
  return r.metafile!;
}

describe('shared protocol module', () => {
  it('the extension bundle includes protocol.ts and no other server module', async () => {
    const meta = await inputsOf('client/src/extension.ts');
    assert.ok(Object.keys(meta.inputs).includes('server/src/lsp/protocol.ts'), 'the client takes its names from protocol.ts');
    assert.deepEqual(serverModulesIn(meta), []);
  });

  it('the guard names a server module the client would pull', async () => {
    const meta = await inputsOf('', "import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';\nconsole.log(DEFAULT_SETTINGS);\n");
    assert.deepEqual(serverModulesIn(meta), ['server/src/lsp/settings.ts']);
  });

  it('protocol.ts imports nothing at run time', async () => {
    const meta = await inputsOf('server/src/lsp/protocol.ts');
    assert.deepEqual(Object.keys(meta.inputs), ['server/src/lsp/protocol.ts']);
  });
});
