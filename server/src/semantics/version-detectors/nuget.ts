// NuGet (.NET): the resolved release from packages.lock.json, else the version a project file asks for —
// `<PackageReference Include="MailKit" Version="4.3.0" />` in *.csproj / *.fsproj / *.vbproj (also the nested
// `<Version>` element form), or `<PackageVersion Include="MailKit" Version="…" />` in Directory.Packages.props
// (central package management). Versions are written as NuGet ranges: `4.3.0` (minimum, the one restored when
// available), `4.*` (floating), `[4.3.0, )`, `[4.0,5.0)`; they are handed to the rules in the range syntax
// semantics/versions.ts reads (https://learn.microsoft.com/nuget/concepts/package-versioning).
import * as path from 'node:path';
import { listDir, parseJsonOnce, registerVersionDetector, type VersionDetector } from '../versions';

/** A NuGet version or range as an npm-style range, or undefined when it is not understood. */
export function nugetRangeToSpec(v: string): string | undefined {
  const s = v.trim();
  let m = /^(\d+(?:\.\d+){0,3})$/.exec(s);
  if (m) return m[1].split('.').slice(0, 3).join('.');
  m = /^(\d+(?:\.\d+)*)\.\*$|^(\d+)\*$/.exec(s);
  if (m) return `${m[1] ?? m[2]}.x`;
  m = /^([[(])\s*([\d.]*)\s*,\s*([\d.]*)\s*([\])])$/.exec(s);
  if (m) {
    const lo = m[2] ? `${m[1] === '[' ? '>=' : '>'}${m[2]}` : '';
    const hi = m[3] ? `${m[4] === ']' ? '<=' : '<'}${m[3]}` : '';
    return [lo, hi].filter(Boolean).join(' ') || undefined;
  }
  m = /^\[\s*([\d.]+)\s*\]$/.exec(s);
  return m ? m[1] : undefined;
}

function projectFiles(dir: string): string[] {
  return listDir(dir).filter((f) => /\.(cs|fs|vb)proj$/i.test(f) || f === 'Directory.Packages.props');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const nugetDetector: VersionDetector = {
  // NuGet ids: MailKit, MimeKit, System.Net.Mail is part of the framework (no package)
  handles: (lib) => /^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/.test(lib),
  detect(dir, library, read) {
    const lockText = read(path.join(dir, 'packages.lock.json'));
    if (lockText) {
      try {
        const lock = parseJsonOnce(path.join(dir, 'packages.lock.json'), lockText) as { dependencies?: Record<string, Record<string, { resolved?: string }>> };
        for (const deps of Object.values(lock.dependencies ?? {})) {
          const key = Object.keys(deps ?? {}).find((k) => k.toLowerCase() === library.toLowerCase());
          const resolved = key ? deps[key]?.resolved : undefined;
          if (typeof resolved === 'string' && nugetRangeToSpec(resolved)) return { spec: nugetRangeToSpec(resolved)!, source: 'packages.lock.json' };
        }
      } catch {
        // a broken lock file: fall back to the project files
      }
    }
    const name = escapeRe(library);
    for (const f of projectFiles(dir)) {
      const text = read(path.join(dir, f));
      if (!text) continue;
      const m =
        new RegExp(`<Package(?:Reference|Version)\\b[^>]*\\bInclude\\s*=\\s*"${name}"[^>]*\\bVersion\\s*=\\s*"([^"]+)"`, 'i').exec(text) ??
        new RegExp(`<Package(?:Reference|Version)\\b[^>]*\\bVersion\\s*=\\s*"([^"]+)"[^>]*\\bInclude\\s*=\\s*"${name}"`, 'i').exec(text) ??
        new RegExp(`<PackageReference\\b[^>]*\\bInclude\\s*=\\s*"${name}"[^>]*>\\s*<Version>([^<]+)</Version>`, 'i').exec(text);
      const spec = m ? nugetRangeToSpec(m[1]) : undefined;
      if (spec) return { spec, source: f };
    }
    return undefined;
  },
};

registerVersionDetector(nugetDetector);
