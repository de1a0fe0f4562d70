// The project's own Spring bindings (semantics/spring springBindingsIn): the Java/Kotlin files of the
// workspace folders are scanned once at start-up (bounded walk, files up to MAX_DISK_FILE) and again when a
// watched *.java / *.kt file changes; a change in what is bound makes every open document stale, because
// spring-mail-property-ignored stays silent on keys the project binds itself.
import { isJvmSource, SpringBindingIndex } from '../engine';
import { findFiles, readSmallFile } from './workspace';

/** Java sources sit deeper than env files (src/main/java/com/example/app/config/MailConfig.java). */
const JVM_WALK = { depth: 14, entries: 40_000 };

export class SpringSync {
  readonly bindings = new SpringBindingIndex();

  /** Scans a workspace folder. Returns true when what is bound changed. */
  async loadFolder(folder: string): Promise<boolean> {
    let changed = false;
    for (const f of await findFiles(folder, isJvmSource, JVM_WALK)) changed = this.fileChanged(f, false) || changed;
    return changed;
  }

  /** A watched source file changed on disk (or was deleted). Returns true when what is bound changed. */
  fileChanged(file: string, deleted: boolean): boolean {
    if (deleted) return this.bindings.delete(file);
    const text = readSmallFile(file);
    return text === undefined ? this.bindings.delete(file) : this.bindings.set(file, text);
  }
}
