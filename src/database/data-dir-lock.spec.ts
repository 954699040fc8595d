import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  let dataDir: string;
  let pidFile: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'keyward-lock-'));
    pidFile = join(dataDir, 'keyward.pid');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes our pid, and removes the file on release', () => {
    const lock = lockDataDir(dataDir);
    expect(readFileSync(pidFile, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
    expect(existsSync(pidFile)).toBe(false);
    // Nothing else is left in the directory.
    expect(existsSync(`${pidFile}.${process.pid}`)).toBe(false);
  });

  it('refuses while another live process holds it, naming that process', () => {
    writeFileSync(pidFile, `${process.ppid}\n`);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dataDir)).toThrow(
      `Another Keyward (pid ${process.ppid}) is using DATA_DIR ${dataDir}`,
    );
    expect(readFileSync(pidFile, 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('takes over a file left by a process that is gone, or by our own pid', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((done) => child.once('exit', done));
    writeFileSync(pidFile, `${child.pid}\n`);
    lockDataDir(dataDir).release();
    writeFileSync(pidFile, `${process.pid}\n`);
    const lock = lockDataDir(dataDir);
    expect(readFileSync(pidFile, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it('does not remove a file another process wrote after ours', () => {
    const lock = lockDataDir(dataDir);
    writeFileSync(pidFile, `${process.ppid}\n`);
    lock.release();
    expect(readFileSync(pidFile, 'utf8')).toBe(`${process.ppid}\n`);
  });
});
