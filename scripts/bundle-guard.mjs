// The extension bundle (dist/extension.js) must not carry server code: the server runs in its own process
// (dist/server.js). The only server module the client may import is server/src/lsp/protocol.ts, the shared
// request/command names, which imports nothing at run time. Used by scripts/build.mjs and
// test/lsp/protocol.test.ts on esbuild's metafile.
export const CLIENT_SHARED = ['server/src/lsp/protocol.ts'];

/** Server modules in a bundle's inputs other than the shared protocol module. */
export function serverModulesIn(metafile) {
  return Object.keys(metafile.inputs)
    .map((p) => p.replace(/\\/g, '/'))
    .filter((p) => p.startsWith('server/') && !CLIENT_SHARED.includes(p));
}
