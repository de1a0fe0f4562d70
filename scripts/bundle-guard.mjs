// The extension bundle (dist/extension.js) must not carry server code: the server runs in its own process
// (dist/server.js). The server modules the client may import import nothing at run time: server/src/lsp/protocol.ts
// (the shared request/command names) and server/src/semantics/env-files.ts (the one list of env-file names, for
// the document selector). Used by scripts/build.mjs and test/lsp/protocol.test.ts on esbuild's metafile.
export const CLIENT_SHARED = ['server/src/lsp/protocol.ts', 'server/src/semantics/env-files.ts'];

/** Server modules in a bundle's inputs other than the shared protocol module. */
export function serverModulesIn(metafile) {
  return Object.keys(metafile.inputs)
    .map((p) => p.replace(/\\/g, '/'))
    .filter((p) => p.startsWith('server/') && !CLIENT_SHARED.includes(p));
}
