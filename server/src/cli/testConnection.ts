// Placeholder until the connection-test engineer lands the real probe: `mail-config-lint test-connection`.
export async function runTestConnection(_argv: string[]): Promise<number> {
  process.stderr.write('mail-config-lint: test-connection is not available in this build\n');
  return 2;
}
