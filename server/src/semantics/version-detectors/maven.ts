// Maven and Gradle (Java): the release of a JavaMail implementation or of Spring Boot's mail starter, as the build
// file asks for it. Libraries are named by their coordinates, `groupId:artifactId`
// ('com.sun.mail:jakarta.mail', 'org.eclipse.angus:angus-mail', 'org.springframework.boot:spring-boot-starter-mail').
//
// pom.xml: a <dependency> with that groupId/artifactId and its <version> (a ${property} resolved from <properties>);
//   a dependency without a version is managed: for Spring Boot's own artifacts that is the Boot release of the
//   <parent> spring-boot-starter-parent or of an imported spring-boot-dependencies BOM.
// build.gradle / build.gradle.kts: "group:artifact:version" strings (and the group:/name:/version: map form), with
//   $var / ${var} taken from simple `var = '…'` assignments in the file or gradle.properties; a versionless Spring
//   Boot artifact takes the version of the org.springframework.boot plugin (or of spring-boot-gradle-plugin on the
//   buildscript classpath).
// Maven versions are exact ("1.6.2", qualifiers such as -SNAPSHOT or .RELEASE dropped) or interval ranges
// ("[2.0,3.0)"), which is NuGet's notation (NuGet took it from Maven): both become the range syntax
// semantics/versions.ts reads.
import * as path from 'node:path';
import { registerVersionDetector, type VersionDetector } from '../versions';
import { nugetRangeToSpec } from './nuget';
import { JAVAMAIL_IMPLEMENTATIONS } from '../javamail';

/** The Maven artifacts whose release the semantics modules ask about: the JavaMail implementations and Spring Boot's
 *  mail starter (semantics/javamail.ts). */
export const MAVEN_LIBRARIES: ReadonlySet<string> = new Set(JAVAMAIL_IMPLEMENTATIONS);

/** A Maven version or range as a range spec, or undefined ("LATEST", an unresolved ${property}). */
export function mavenVersionToSpec(v: string): string | undefined {
  const s = v.trim();
  if (/^[[(]/.test(s)) return nugetRangeToSpec(s);
  const m = /^(\d+(?:\.\d+){0,2})/.exec(s);
  return m ? m[1] : undefined;
}

const BOOT_GROUP = 'org.springframework.boot';

function tag(block: string, name: string): string | undefined {
  return new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(block)?.[1];
}

/** The version pom.xml gives `groupId:artifactId` (managed Spring Boot artifacts: the Boot release). */
export function pomVersion(pom: string, library: string): { version: string; how: string } | undefined {
  const text = pom.replace(/<!--[\s\S]*?-->/g, '');
  const [group, artifact] = library.split(':');
  const props = new Map<string, string>();
  const propsBlock = /<properties>([\s\S]*?)<\/properties>/.exec(text)?.[1] ?? '';
  for (const m of propsBlock.matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g)) props.set(m[1], m[2]);
  const resolve = (v: string | undefined) => v?.replace(/\$\{([^}]+)\}/g, (all, k: string) => props.get(k) ?? all);
  const parent = /<parent>([\s\S]*?)<\/parent>/.exec(text)?.[1];
  let boot: string | undefined;
  if (parent && tag(parent, 'groupId') === BOOT_GROUP && tag(parent, 'artifactId') === 'spring-boot-starter-parent') boot = resolve(tag(parent, 'version'));
  const deps = [...text.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)].map((m) => m[1]);
  for (const d of deps) {
    if (tag(d, 'groupId') === BOOT_GROUP && tag(d, 'artifactId') === 'spring-boot-dependencies' && tag(d, 'scope') === 'import') boot ??= resolve(tag(d, 'version'));
  }
  for (const d of deps) {
    if (tag(d, 'groupId') !== group || tag(d, 'artifactId') !== artifact) continue;
    const v = resolve(tag(d, 'version'));
    if (v && !v.includes('${')) return { version: v, how: 'pom.xml' };
    if (!v && group === BOOT_GROUP && boot && !boot.includes('${')) return { version: boot, how: 'pom.xml (Spring Boot parent)' };
  }
  return undefined;
}

/** The version build.gradle(.kts) gives `groupId:artifactId` (versionless Spring Boot artifacts: the Boot plugin). */
export function gradleVersion(build: string, library: string, gradleProperties = ''): { version: string; how: string } | undefined {
  const text = build.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
  const vars = new Map<string, string>();
  for (const m of gradleProperties.matchAll(/^\s*([\w.-]+)\s*[=:]\s*(\S+)\s*$/gm)) vars.set(m[1], m[2]);
  for (const m of text.matchAll(/(?:^|[\s{;])(?:def\s+|val\s+|var\s+|set\(\s*)?["']?([\w.]+)["']?\s*[=,]\s*["']([^"'$]+)["']/gm)) vars.set(m[1].replace(/^ext\./, ''), m[2]);
  const resolve = (v: string) => v.replace(/\$\{?([\w.]+)\}?/g, (all, k: string) => vars.get(k) ?? vars.get(k.replace(/^(project|rootProject)\./, '')) ?? all);
  const [group, artifact] = library.split(':');
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let m = new RegExp(`["']${esc(group)}:${esc(artifact)}(?::([^"'@:]+))?(?:[:@][^"']*)?["']`).exec(text);
  let version = m?.[1];
  const declared = !!m;
  if (!m) {
    m = new RegExp(`group\\s*[:=]\\s*["']${esc(group)}["']\\s*,\\s*name\\s*[:=]\\s*["']${esc(artifact)}["'](?:\\s*,\\s*version\\s*[:=]\\s*["']([^"']+)["'])?`).exec(text);
    version = m?.[1];
  }
  if (!declared && !m) return undefined;
  if (version) {
    const v = resolve(version);
    return v.includes('$') ? undefined : { version: v, how: 'build.gradle' };
  }
  if (group !== BOOT_GROUP) return undefined;
  const plugin =
    /id\s*\(?\s*["']org\.springframework\.boot["']\s*\)?\s*version\s*\(?\s*["']([^"']+)["']/.exec(text)?.[1] ??
    /["']org\.springframework\.boot:spring-boot-gradle-plugin:([^"']+)["']/.exec(text)?.[1];
  if (!plugin) return undefined;
  const v = resolve(plugin);
  return v.includes('$') ? undefined : { version: v, how: 'build.gradle (Spring Boot plugin)' };
}

export const mavenDetector: VersionDetector = {
  handles: (lib) => MAVEN_LIBRARIES.has(lib),
  detect(dir, library, read) {
    const pom = read(path.join(dir, 'pom.xml'));
    const p = pom ? pomVersion(pom, library) : undefined;
    const ps = p ? mavenVersionToSpec(p.version) : undefined;
    if (p && ps) return { spec: ps, source: p.how };
    for (const name of ['build.gradle.kts', 'build.gradle']) {
      const build = read(path.join(dir, name));
      if (!build) continue;
      const g = gradleVersion(build, library, read(path.join(dir, 'gradle.properties')) ?? '');
      const gs = g ? mavenVersionToSpec(g.version) : undefined;
      if (g && gs) return { spec: gs, source: g.how.replace('build.gradle', name) };
    }
    return undefined;
  },
};

registerVersionDetector(mavenDetector);
