// Atomic write for --fix: a temporary file in the same folder, fsync, rename over the original.
// Refuses when the file on disk is no longer what was read (an editor or another tool changed it), so an
// edit made meanwhile is never overwritten. Keeps the file mode (and owner when running as root) and
// writes through symbolic links to their target instead of replacing the link.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class WriteRefused extends Error {}

export function writeAtomic(file: string, original: Buffer, newText: string): void {
  let target = file;
  try {
    target = fs.realpathSync(file);
  } catch (e) {
    throw new WriteRefused(`file disappeared before the fix could be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const st = fs.statSync(target);
  const now = fs.readFileSync(target);
  if (st.size !== original.length || !now.equals(original)) {
    throw new WriteRefused('file changed on disk since it was read; fixes not written (run again)');
  }
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.mail-config-lint-${process.pid}-${Date.now().toString(36)}.tmp`);
  const mode = st.mode & 0o7777;
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    fs.writeFileSync(fd, newText, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.chmodSync(tmp, mode); // the umask may have narrowed it
    if (typeof process.getuid === 'function' && process.getuid() === 0 && (st.uid !== 0 || st.gid !== 0)) {
      try {
        fs.chownSync(tmp, st.uid, st.gid);
      } catch {
        // best effort
      }
    }
    // Last check right before the rename: the window for a lost edit is as small as the OS allows.
    const again = fs.statSync(target);
    if (again.size !== st.size || again.mtimeMs !== st.mtimeMs) throw new WriteRefused('file changed on disk while fixing; fixes not written (run again)');
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // not created or already renamed
    }
    if (e instanceof WriteRefused) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new WriteRefused(`could not write the fixed file (${code ?? (e as Error).message}); the original is unchanged`);
  }
}
