// The project's own Spring bindings (semantics/spring springBindingsIn): the Java/Kotlin files of the
// workspace folders are scanned once at start-up (bounded walk, files up to MAX_DISK_FILE) and again when a
// watched *.java / *.kt file changes; a change in what is bound makes every open document stale, because
// spring-mail-property-ignored stays silent on keys the project binds itself. The Django settings modules likewise
// (semantics/django: missing-smtp-timeouts stays silent on a .env whose settings module assigns EMAIL_TIMEOUT).
import { DjangoSettingsIndex, isJvmSource, SpringBindingIndex, workspaceFacts } from '../engine';
import type { WorkspaceFacts } from '../rules/types';
import { isDjangoSettingsFile } from '../semantics/django';
import { findFiles, readSmallFile } from './workspace';

/** Java sources sit deeper than env files (src/main/java/com/example/app/config/MailConfig.java). */
const JVM_WALK = { depth: 14, entries: 40_000 };

export class SpringSync {
  readonly bindings = new SpringBindingIndex();
  readonly djangoSettings = new DjangoSettingsIndex();

  /** What the project's sources say, for the engine (LintOptions.workspace). */
  get facts(): WorkspaceFacts | undefined {
    return workspaceFacts(this.bindings, this.djangoSettings);
  }

  /** Scans a workspace folder. Returns true when what is bound changed. */
  async loadFolder(folder: string): Promise<boolean> {
    let changed = false;
    for (const f of await findFiles(folder, (n) => isJvmSource(n) || n.endsWith('.py'), JVM_WALK)) if (isJvmSource(f) || isDjangoSettingsFile(f)) changed = this.fileChanged(f, false) || changed;
    return changed;
  }

  /** A watched source file changed on disk (or was deleted). Returns true when what is bound changed. */
  fileChanged(file: string, deleted: boolean): boolean {
    const index = isJvmSource(file) ? this.bindings : this.djangoSettings;
    if (deleted) return index.delete(file);
    const text = readSmallFile(file);
    return text === undefined ? index.delete(file) : index.set(file, text);
  }
}
