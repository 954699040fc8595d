import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Another live process holds the data directory. */
export class DataDirLockedError extends Error {}

export interface DataDirLock {
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Claims `dataDir` for this process with a pid file created exclusively. The embedded
 * PostgreSQL must have one process per directory: a second PGlite on the same files aborts
 * without saying why, or corrupts them. A pid file whose process is gone (a crash, kill -9) is
 * stale and taken over.
 *
 * A pid file rather than proper-lockfile: that one locks with a directory whose mtime it keeps
 * touching, and cannot say which process holds the lock, which is the one thing a person needs.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'keyward.pid');
  // Written aside, then linked into place: link(2) fails if the name exists, and the file is
  // never seen empty, so a reader always finds the holder's pid.
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`, { mode: 0o644 });
  try {
    return claim(file, mine);
  } finally {
    unlinkSync(mine);
  }
}

function claim(file: string, mine: string): DataDirLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      linkSync(mine, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readPid(file);
      // Our own pid in the file: a container restarted with the same pid after a crash.
      if (holder !== null && holder !== process.pid && alive(holder)) {
        throw new DataDirLockedError(
          `Another Keyward (pid ${holder}) is using DATA_DIR ${dirname(file)}: stop it, or give ` +
            `this one its own DATA_DIR and PORT (if pid ${holder} is not Keyward, delete ${file}).`,
        );
      }
      // Stale. Two starts taking over the same stale file at once is the one race left, in the
      // few system calls after a crash.
      try {
        unlinkSync(file);
      } catch (unlinkErr) {
        if ((unlinkErr as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkErr;
      }
      continue;
    }
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      process.removeListener('exit', release);
      if (readPid(file) === process.pid) {
        try {
          unlinkSync(file);
        } catch {
          // Gone already: nothing to release.
        }
      }
    };
    // Any exit, clean or not, that runs JavaScript frees the directory; a crash leaves a stale file.
    process.on('exit', release);
    return { release };
  }
  throw new DataDirLockedError(
    `Could not claim DATA_DIR ${dirname(file)}: ${file} keeps reappearing.`,
  );
}
