// Reading the files a walk found (issue 15: the workspace scan reads ~70,000 of them on a 100,000-file tree).
// A walk already knows each one is a regular file (its folder listing says so), so no stat is needed to
// refuse folders, pipes or devices; the size limit is checked while reading. `statSync` + `readFileSync`
// cost a stat, an fstat and a Stats object (with four Date fields) per file, about as much as the read.
import * as fs from 'node:fs';

/** Most files fit in one read of this size (the scratch buffer is reused, so nothing is allocated for them). */
const SCRATCH_BYTES = 64 * 1024;
let scratch: Buffer | undefined;

/**
 * Reads the regular file `file` as UTF-8 (invalid bytes become U+FFFD) when it has at most `max` bytes: open,
 * read until the end, close. Returns undefined when it is larger. Throws what open/read throw (ENOENT,
 * EACCES, EISDIR ...). Only for files a folder listing reported as regular files: opening a named pipe waits.
 */
export function readWalkedText(file: string, max: number): string | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
    let buf = scratch;
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        // A bigger file (rare): its size says whether it is worth reading on.
        const size = fs.fstatSync(fd).size;
        if (size > max || n > max) return undefined;
        const bigger = Buffer.allocUnsafe(Math.max(size + 1, n * 2));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = fs.readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    return n > max ? undefined : buf.toString('utf8', 0, n);
  } finally {
    fs.closeSync(fd);
  }
}
