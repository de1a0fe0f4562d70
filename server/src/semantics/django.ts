// Django settings modules of the project: where Django's EMAIL_* settings are assigned in Python. A Django `.env`
// is read by a settings module (os.environ, python-decouple, django-environ), but the settings module may also assign
// a setting itself (`EMAIL_TIMEOUT = 10`): that setting is set whatever the `.env` says, so the `.env` must not be told
// it is missing. Which files are settings modules: `settings.py`, `settings_<name>.py`, `<name>_settings.py`, and any
// module of a `settings/` package (`settings/base.py`, `settings/production.py`) — Django's own layout and the common
// split-settings one. Read with a line scan (module-level `NAME = …`), bounded like the Spring binding scan.
import type { Span } from '../model/types';

/** Only the first characters of a module are scanned (settings modules are small). */
export const MAX_SETTINGS_SOURCE = 512 * 1024;

/** A Python module that is a Django settings module (by its path). */
export function isDjangoSettingsFile(file: string): boolean {
  const norm = file.replace(/\\/g, '/');
  const base = norm.slice(norm.lastIndexOf('/') + 1);
  if (!/\.py$/i.test(base)) return false;
  return /^(settings(_[\w-]+)?|[\w-]+_settings)\.py$/i.test(base) || /(^|\/)settings\/[^/]+\.py$/i.test(norm);
}

export interface AssignedSetting {
  key: string;
  span: Span;
}

/** The module-level assignments of `keys` in a settings module's text (`EMAIL_TIMEOUT = 10`, not `==`, not indented). */
export function djangoSettingsAssigned(text: string, keys: readonly string[]): AssignedSetting[] {
  const t = text.length > MAX_SETTINGS_SOURCE ? text.slice(0, MAX_SETTINGS_SOURCE) : text;
  const out: AssignedSetting[] = [];
  for (const key of keys) {
    const re = new RegExp(`^${key}[ \\t]*(?::[^=\\n]*)?=(?!=)`, 'gm');
    for (let m = re.exec(t); m; m = re.exec(t)) out.push({ key, span: { start: m.index, end: m.index + key.length } });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The settings whose assignment in a settings module silences a `.env`'s "missing" report. */
export const DJANGO_CODE_SETTINGS: readonly string[] = ['EMAIL_TIMEOUT'];
