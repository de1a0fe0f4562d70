// The files the language server asks the client to watch (workspace/didChangeWatchedFiles): what a reader
// handles (readers/index.ts readerFileGlobs, env files included, from semantics/env-files.ts), the project
// config, and the Java/Kotlin sources whose @ConfigurationProperties bind Spring keys (lsp/springSync.ts).
// Not every file: a workspace with node_modules or build output would flood the server with events it drops.
import { readerFileGlobs } from '../readers/index';

export function watchedFileGlobs(): string[] {
  return [...new Set([...readerFileGlobs(), '**/.mailconfiglintrc.json', '**/*.java', '**/*.kt'])];
}
