// Spring property placeholders in a value: `${SMTP_PORT}` and `${SMTP_PORT:587}` (PropertyPlaceholderHelper:
// prefix "${", suffix "}", value separator ":"; a nested default `${A:${B:x}}` is resolved from the inside).
// Spring looks the name up in every property source, environment variables included (relaxed: SMTP_PORT
// also answers `smtp.port`), and uses the text after the first ':' when nothing defines it.
// Source: spring-projects/spring-framework spring-core PropertyPlaceholderHelper / PlaceholderParser
// (DEFAULT_PLACEHOLDER_PREFIX "${", DEFAULT_PLACEHOLDER_SUFFIX "}", DEFAULT_VALUE_SEPARATOR ":").

export interface SpringPlaceholder {
  /** The property / environment variable name looked up first. */
  name: string;
  /** The default after ':' (undefined when there is none; may itself be a placeholder). */
  fallback?: string;
}

/** The placeholder when `value` is exactly one `${…}` (with an optional default); else undefined. */
export function springPlaceholder(value: string): SpringPlaceholder | undefined {
  const t = value.trim();
  if (!t.startsWith('${') || !t.endsWith('}')) return undefined;
  const body = t.slice(2, -1);
  // the name ends at the first ':' outside a nested placeholder; the name itself holds no '${'
  const colon = body.indexOf(':');
  const name = (colon < 0 ? body : body.slice(0, colon)).trim();
  if (!name || /[${}\s]/.test(name)) return undefined;
  if (colon < 0) return { name };
  const fallback = body.slice(colon + 1);
  // `${A:x}y}` style leftovers: the braces must balance for this to be one placeholder
  let depth = 0;
  for (let i = 0; i < fallback.length; i++) {
    if (fallback.startsWith('${', i)) {
      depth++;
      i++;
    } else if (fallback[i] === '}') {
      if (depth === 0) return undefined;
      depth--;
    }
  }
  if (depth !== 0) return undefined;
  return { name, fallback };
}

/** Whether `value` contains a placeholder anywhere (a computed value, not a literal). */
export function hasSpringPlaceholder(value: string): boolean {
  return value.includes('${');
}

/**
 * The value Spring ends up with: the environment's value of the name when `lookup` knows it, else the default
 * (resolved again when it is itself a placeholder), else undefined (not knowable here).
 */
export function resolveSpringPlaceholder<R>(p: SpringPlaceholder, lookup: (name: string) => R | undefined, valueOf: (r: R) => string, depth = 0): { value?: string; from?: R; usedDefault: boolean } {
  const hit = lookup(p.name);
  if (hit !== undefined) return { value: valueOf(hit), from: hit, usedDefault: false };
  if (p.fallback === undefined) return { usedDefault: false };
  const inner = depth < 8 ? springPlaceholder(p.fallback) : undefined;
  if (inner) {
    const r = resolveSpringPlaceholder(inner, lookup, valueOf, depth + 1);
    return { ...r, usedDefault: true };
  }
  if (hasSpringPlaceholder(p.fallback)) return { usedDefault: true };
  return { value: p.fallback, usedDefault: true };
}
