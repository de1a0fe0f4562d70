// Go modules: the release of a mail module from go.mod — `require github.com/wneessen/go-mail v0.4.1` or a line of a
// `require ( … )` block (`// indirect` allowed). Libraries are named by module path: 'github.com/wneessen/go-mail',
// 'gopkg.in/gomail.v2', 'github.com/go-mail/mail' (its v2 releases are tagged `v2.3.0+incompatible`). A `replace`
// directive pointing the module elsewhere (a fork, a local path) makes the required version meaningless: no version.
// Pseudo-versions (v0.0.0-20210101…-abcdef) name no release: no version either.
import * as path from 'node:path';
import { registerVersionDetector, type VersionDetector } from '../versions';

/** The Go modules whose release the semantics modules ask about. */
export const GO_MODULES: ReadonlySet<string> = new Set(['github.com/wneessen/go-mail', 'gopkg.in/gomail.v2', 'github.com/go-mail/mail']);

/** The version go.mod requires for `module`, or undefined (not required, replaced, or a pseudo-version). */
export function goModVersion(goMod: string, module: string): string | undefined {
  const text = goMod.replace(/\/\/.*$/gm, '');
  const esc = module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`(^|\\n)\\s*(replace\\s+)?${esc}(\\s+v\\S+)?\\s*=>`).test(text) || new RegExp(`replace\\s*\\([^)]*(^|\\n)\\s*${esc}(\\s+v\\S+)?\\s*=>`, 'm').test(text)) return undefined;
  const line = new RegExp(`(?:^|\\n)\\s*(?:require\\s+)?${esc}\\s+(v\\d+\\.\\d+\\.\\d+[^\\s]*)`).exec(text);
  const v = line?.[1];
  if (!v || /-\d{14}-[0-9a-f]{12}$/.test(v)) return undefined;
  return v.replace(/^v/, '').replace(/\+incompatible$/, '').replace(/-.*$/, '');
}

export const goModDetector: VersionDetector = {
  handles: (lib) => GO_MODULES.has(lib),
  detect(dir, library, read) {
    const text = read(path.join(dir, 'go.mod'));
    const v = text ? goModVersion(text, library) : undefined;
    return v ? { spec: v, source: 'go.mod' } : undefined;
  },
};

registerVersionDetector(goModDetector);
